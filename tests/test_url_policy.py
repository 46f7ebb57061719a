"""Which addresses the crawler may ask for, decided once for every source (docs/security.md)."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest
from scrapy.http import HtmlResponse, Request, Response

from crawler.browser_fence import proxy_args
from crawler.extract.plain_text import content_encoding
from crawler.middlewares import (
    BlockedAddressError,
    ContentCharsetMiddleware,
    NotWebAddressError,
    PrivateAddressGuardMiddleware,
)
from crawler.url_policy import AddressClass, address_class, is_web_url, join_url, link_url


@pytest.mark.parametrize(
    "url",
    [
        "file:///proc/self/environ",
        "file:///dev/zero",
        "ftp://school.ru/prikaz.pdf",
        "data:text/html,<h1>x</h1>",
        "javascript:alert(1)//x.pdf",
        "C:\\Users\\Завуч\\Положение.docx",
        "http:///nohost",
        "http://[bad/prikaz.pdf",
        "http://%5Bbad/prikaz.pdf",
        "http://school.ru:99999/",
    ],
)
def test_only_http_addresses_with_a_host_are_web_addresses(url):
    assert not is_web_url(url)


def test_ordinary_and_idn_addresses_are_web_addresses():
    for url in (
        "https://school.ru/x.pdf",
        "http://школа.рф/",
        "http://127.0.0.1:8080/",
        "http://[::1]/",
    ):
        assert is_web_url(url), url


def test_a_malformed_link_is_joined_or_dropped_never_raised():
    assert join_url("http://s.ru/a/", "http://[bad/x.pdf") == "http://%5Bbad/x.pdf"
    assert join_url("http://s.ru/a/", "b.pdf") == "http://s.ru/a/b.pdf"
    page = HtmlResponse("http://s.ru/a/", body=b'<html><head><base href="http://[x"></head></html>')
    assert link_url(page, "b.pdf") is not None
    # A file's hyperlinks (a DOCX «Перечень документов») are joined to the file's address.
    document = Response("http://s.ru/f/list.docx", body=b"PK\x03\x04")
    assert link_url(document, "/f/order.pdf") == "http://s.ru/f/order.pdf"


def test_metadata_and_link_local_addresses_are_always_closed():
    for address in ("169.254.169.254", "fe80::1", "::ffff:169.254.169.254", "100.100.100.200"):
        assert address_class(address) is AddressClass.CLOSED, address
    for address in ("127.0.0.1", "10.0.0.1", "192.168.1.1", "::1", "0.0.0.0"):
        assert address_class(address) is AddressClass.INTERNAL, address
    assert address_class("8.8.8.8") is AddressClass.PUBLIC


def guard_refuses(guard: PrivateAddressGuardMiddleware, url: str):
    try:
        asyncio.run(guard.process_request(Request(url)))
    except (BlockedAddressError, NotWebAddressError) as error:
        return type(error)
    return None


def test_the_switch_opens_private_addresses_to_links_but_never_metadata():
    open_guard = PrivateAddressGuardMiddleware(set(), allow_private=True)
    assert guard_refuses(open_guard, "http://127.0.0.1:8080/x.pdf") is None
    assert guard_refuses(open_guard, "http://169.254.169.254/latest/") is BlockedAddressError
    assert guard_refuses(open_guard, "file:///proc/self/environ") is NotWebAddressError
    closed = PrivateAddressGuardMiddleware({"127.0.0.1:8001"}, allow_private=False)
    assert guard_refuses(closed, "http://127.0.0.1:8001/") is None  # the registry's own site
    assert guard_refuses(closed, "http://127.0.0.1:8080/") is BlockedAddressError


def test_browser_proxy_bypass_names_each_registry_site_with_its_port():
    server, bypass = proxy_args(["school.ru", "127.0.0.1:8080"])
    assert server.startswith("--proxy-server=http://127.0.0.1:")
    rules = bypass.removeprefix("--proxy-bypass-list=").split(";")
    # <-loopback> first: chromium would otherwise never proxy 127.0.0.1.
    assert rules == ["<-loopback>", "127.0.0.1:8080", "school.ru:80", "school.ru:443"]


def test_a_page_is_read_by_its_bytes_when_its_charset_is_misdeclared():
    utf8 = "<a href='/x'>Наставничество</a>".encode()
    cp1251 = "<a href='/x'>Наставничество</a>".encode("cp1251")
    assert content_encoding(utf8, "windows-1251") == "utf-8"
    assert content_encoding(cp1251, "utf-8") == "cp1251"
    assert content_encoding(cp1251, "koi8-r") == "koi8-r"
    assert content_encoding(b"<p>ascii</p>", "windows-1251") == "cp1251"
    response = HtmlResponse(
        "http://s.ru/", body=utf8, headers={"Content-Type": "text/html; charset=windows-1251"}
    )
    fixed = ContentCharsetMiddleware().process_response(response.request, response)
    assert "Наставничество" in fixed.text


def test_security_doc_names_only_existing_tests():
    """docs/security.md names each defence's tests; every name must be a real test."""
    tests = Path(__file__).parent
    doc = (tests.parent / "docs" / "security.md").read_text(encoding="utf-8")
    named = re.findall(r"(test_\w+\.py)::(test_\w+)", doc)
    assert len(named) > 20
    for module, test in named:
        assert f"def {test}(" in (tests / module).read_text(encoding="utf-8"), (module, test)
