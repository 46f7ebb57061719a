"""Menus built by JavaScript: detected in the raw HTML, rendered by chromium, or the site
recorded as not fully checked when no browser is installed."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
from dataclasses import dataclass

import duckdb
import pytest
from scrapy.http import HtmlResponse, Request
from support import cli_command, one_school_workspace

from cmn_audit.demo.documents import DocumentSpec, pdf_bytes
from cmn_audit.messages import PARTIAL_CHECK_REASONS
from cmn_audit.pipeline.audit import run_audit
from crawler.chromium import chromium_path
from crawler.rendering import (
    BrowserRequestPolicy,
    content_still_loading,
    needs_rendering,
    shell_marks,
)

pytestmark = pytest.mark.browser  # menus rendered by headless Chromium

ORDER = DocumentSpec(
    [
        "МБОУ «СОШ № 9»",
        "ПРИКАЗ",
        "от 04.09.2023 № 96-од",
        "О внедрении системы наставничества педагогических работников",
        "В соответствии с распоряжением Минпросвещения России от 25.12.2019 № Р-145 ПРИКАЗЫВАЮ:",
        "1. Внедрить систему наставничества педагогических работников.",
        "Директор школы П. П. Петров",
    ]
)
# A home page whose menu a script writes from /menu.json: no section link in the raw HTML.
JS_SHELL = """<!DOCTYPE html>
<html lang="ru"><head><meta charset="utf-8"><title>МБОУ «СОШ № 9»</title>
<link rel="stylesheet" href="/css/site.css"></head>
<body>
<header><a href="/"><img src="/img/logo.png" alt="Герб"></a><h1>МБОУ «СОШ № 9»</h1></header>
<nav id="menu"></nav>
<main><p>Добро пожаловать на официальный сайт школы.</p></main>
<script>
fetch("/menu.json").then(function (answer) { return answer.json(); }).then(function (items) {
  var nav = document.getElementById("menu");
  items.forEach(function (item) {
    var link = document.createElement("a");
    link.href = item.url;
    link.textContent = item.title;
    nav.appendChild(link);
  });
});
</script>
<noscript>Для работы сайта включите JavaScript.</noscript>
</body></html>
"""
MENU = [
    {"title": "Сведения об образовательной организации", "url": "/sveden/"},
    {"title": "Наставничество", "url": "/nastavnichestvo/"},
    {"title": "Новости", "url": "/news/"},
]
SECTION = """<!DOCTYPE html>
<html lang="ru"><head><meta charset="utf-8"><title>Наставничество</title></head>
<body><main><h1>Наставничество</h1>
<p>Система наставничества педагогических работников.</p>
<ul><li><a href="/files/prikaz.pdf">Приказ о внедрении системы наставничества</a></li></ul>
</main></body></html>
"""
# An ordinary home page: the menu is in the HTML, scripts only decorate it.
ORDINARY = """<!DOCTYPE html>
<html lang="ru"><head><meta charset="utf-8"><title>МБОУ «СОШ № 3»</title>
<script src="/js/jquery.min.js"></script></head>
<body>
<nav><ul class="menu">
<li><a href="/sveden/">Сведения об образовательной организации</a></li>
<li><a href="/roditelyam/">Родителям</a></li>
<li><a href="/pedagogam/">Педагогам</a></li>
<li><a href="/uchenikam/">Ученикам</a></li>
<li><a href="/news/">Новости</a></li>
<li><a href="/kontakty/">Контакты</a></li>
</ul></nav>
<main><p>Школа открыта в 1965 году.</p></main>
<script>$(".menu").slideDown();</script>
</body></html>
"""
# A page with almost no links and no scripts: a plain small site, nothing to render.
PLAIN = """<html><head><meta charset="utf-8"><title>Школа</title></head>
<body><h1>Школа</h1><p>Сайт в разработке.</p><a href="/kontakty.html">Контакты</a></body></html>
"""
NO_BROWSER_HINT = (
    "Chromium не найден: тест проверяет настоящий браузер. Установите пакет chromium "
    "(make test делает это через scripts/install-system-packages.sh)."
)


def response(html: str, url: str = "http://school.example/", **meta) -> HtmlResponse:
    return HtmlResponse(url, body=html.encode(), encoding="utf-8", request=Request(url, meta=meta))


def js_menu_site(static_site) -> str:
    return static_site(
        {
            "index.html": JS_SHELL,
            "menu.json": json.dumps(MENU, ensure_ascii=False),
            "nastavnichestvo/index.html": SECTION,
            "files/prikaz.pdf": pdf_bytes(ORDER),
        }
    )


def query(db_path, sql: str, *params):
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


# ---- detection -----------------------------------------------------------------------------


def test_js_shell_needs_rendering():
    page = response(JS_SHELL)
    assert needs_rendering(page, candidate_links_found=False, links_count=1)
    assert {"empty_menu", "noscript_notice", "few_links"} <= set(shell_marks(page, 1))


def test_ordinary_menu_page_does_not_need_rendering():
    assert not needs_rendering(response(ORDINARY), candidate_links_found=False, links_count=6)
    assert shell_marks(response(ORDINARY), 6) == ()


def test_page_without_scripts_is_not_rendered_however_few_its_links():
    assert not needs_rendering(response(PLAIN), candidate_links_found=False, links_count=1)


def test_candidate_found_or_page_already_rendered_stops_rendering():
    assert not needs_rendering(response(JS_SHELL), candidate_links_found=True, links_count=1)
    rendered = response(JS_SHELL, rendered=True)
    assert not needs_rendering(rendered, candidate_links_found=False, links_count=1)


def test_empty_application_root_is_a_shell():
    spa = (
        '<html><head><script type="module" src="/assets/index.js"></script></head>'
        '<body><div id="app"></div></body></html>'
    )
    assert "app_root" in shell_marks(response(spa), 0)


@dataclass(frozen=True)
class BrowserRequest:
    """The two fields of a playwright Request the policy reads."""

    url: str
    resource_type: str


def test_browser_fetches_no_pictures_and_nothing_beyond_the_registry_sites():
    guarded = BrowserRequestPolicy(own_netlocs=frozenset({"school.ru", "127.0.0.1:8001"}))

    def aborted(policy, url, kind="document"):
        return asyncio.run(policy(BrowserRequest(url, kind)))

    assert aborted(guarded, "http://school.ru/img/logo.png", "image")
    assert aborted(guarded, "http://school.ru/fonts/a.woff2", "font")
    assert not aborted(guarded, "http://school.ru/", "document")
    assert not aborted(guarded, "http://school.ru/menu.json", "fetch")
    assert not aborted(guarded, "http://127.0.0.1:8001/menu.json", "fetch")
    assert aborted(guarded, "http://127.0.0.1:8080/admin", "xhr")
    assert aborted(guarded, "http://192.168.1.1/", "script")
    assert aborted(guarded, "https://cdn.example.org/jquery.js", "script")
    assert aborted(guarded, "file:///etc/passwd", "fetch")
    assert not aborted(guarded, "data:text/plain,x", "script")


def test_chromium_path_honours_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("CMN_CHROMIUM", str(tmp_path / "absent"))
    assert chromium_path() is None
    monkeypatch.delenv("CMN_CHROMIUM")
    monkeypatch.setenv("PATH", str(tmp_path))
    assert chromium_path() is None


# ---- real crawls ---------------------------------------------------------------------------


def test_js_menu_rendered_by_chromium_finds_the_section(tmp_path, static_site):
    assert chromium_path() is not None, NO_BROWSER_HINT
    site = js_menu_site(static_site)
    workspace, registry = one_school_workspace(tmp_path, site)
    outcome = run_audit(workspace, registry, echo=lambda _: None)
    db, run_id = workspace.db_path, outcome.run_id
    [(status, section_url)] = query(
        db, "SELECT site_status, section_url FROM sites WHERE run_id = ?", run_id
    )
    assert (status, section_url) == ("ok", site + "nastavnichestvo/")
    documents = query(db, "SELECT url, kind FROM documents WHERE run_id = ?", run_id)
    assert (site + "files/prikaz.pdf", "order_implementation") in documents
    homes = query(
        db, "SELECT size FROM fetches WHERE run_id = ? AND purpose = 'home' ORDER BY size", run_id
    )
    assert len(homes) == 2 and homes[1][0] > homes[0][0]  # the raw page, then the rendered DOM


# A section whose list of documents a script loads from JSON: no document link in its HTML.
SCRIPTED_LIST_SECTION = """<!DOCTYPE html>
<html lang="ru"><head><meta charset="utf-8"><title>Наставничество</title></head>
<body><main><h1>Наставничество</h1><p>Целевая модель наставничества в школе.</p>
<div id="files" data-endpoint="/api/files.json"><div class="spinner">Загрузка…</div></div>
<script>
var box = document.getElementById("files");
fetch(box.dataset.endpoint).then(function (r) { return r.json(); }).then(function (items) {
  box.innerHTML = items.map(function (f) {
    return '<a href="' + f.url + '">' + f.title + "</a>";
  }).join("");
});
</script></main></body></html>"""


def scripted_list_site(static_site) -> str:
    files = [{"url": "/storage/files/3f6c2b1e", "title": "Приказ о внедрении наставничества"}]
    return static_site(
        {
            "index.html": ORDINARY.replace(
                '<li><a href="/news/">',
                '<li><a href="/nastavnichestvo/">Наставничество</a></li><li><a href="/news/">',
            ),
            "nastavnichestvo/index.html": SCRIPTED_LIST_SECTION,
            "api/files.json": json.dumps(files, ensure_ascii=False),
            "storage/files/3f6c2b1e": pdf_bytes(ORDER),
        }
    )


def test_a_section_whose_documents_a_script_loads_is_read_as_the_browser_shows_it(
    tmp_path, static_site
):
    assert chromium_path() is not None, NO_BROWSER_HINT
    assert content_still_loading(response(SCRIPTED_LIST_SECTION))
    assert not content_still_loading(response(SCRIPTED_LIST_SECTION, rendered=True))
    site = scripted_list_site(static_site)
    workspace, registry = one_school_workspace(tmp_path, site)
    outcome = run_audit(workspace, registry, echo=lambda _: None)
    documents = query(
        workspace.db_path, "SELECT url, kind FROM documents WHERE run_id = ?", outcome.run_id
    )
    assert documents == [(site + "storage/files/3f6c2b1e", "order_implementation")]


def test_without_chromium_a_script_loaded_list_leaves_the_site_incomplete(tmp_path, static_site):
    site = scripted_list_site(static_site)
    row, outcomes = audit_in_child(tmp_path, site, str(tmp_path / "no-such-chromium"))
    assert row == ("incomplete", PARTIAL_CHECK_REASONS["js_content_no_browser"], True)
    assert "fail" not in outcomes


def audit_in_child(tmp_path, site: str, chromium: str) -> tuple:
    """`cmn-audit run` in its own process with CMN_CHROMIUM set; its sites row and outcomes."""
    workspace, registry = one_school_workspace(tmp_path, site)
    completed = subprocess.run(
        cli_command(
            "run",
            "--workspace",
            str(workspace.root),
            "--registry",
            str(registry),
            "--format",
            "json",
        ),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "CMN_CHROMIUM": chromium},
    )
    assert completed.returncode == 0, completed.stderr
    assert "Traceback" not in completed.stdout + completed.stderr
    db = workspace.db_path
    [site_row] = query(db, "SELECT site_status, site_error, section_found FROM sites")
    outcomes = {row[0] for row in query(db, "SELECT outcome FROM rule_results")}
    return site_row, outcomes


def test_without_chromium_the_site_is_incomplete_and_not_failed(tmp_path, static_site):
    site = js_menu_site(static_site)
    row, outcomes = audit_in_child(tmp_path, site, str(tmp_path / "no-such-chromium"))
    assert row == ("incomplete", PARTIAL_CHECK_REASONS["js_menu_no_browser"], False)
    assert "Chromium" in row[1] and "пакет chromium" in row[1]
    assert outcomes == {"not_checked"}


def test_browser_that_cannot_start_leaves_the_site_incomplete(tmp_path, static_site):
    site = js_menu_site(static_site)
    row, outcomes = audit_in_child(tmp_path, site, shutil.which("false"))
    assert row == ("incomplete", PARTIAL_CHECK_REASONS["js_menu_render_failed"], False)
    assert outcomes == {"not_checked"}


def test_ordinary_site_is_never_incomplete_without_chromium(tmp_path, static_site, monkeypatch):
    teachers = (
        '<html><head><meta charset="utf-8"><title>Педагогам</title></head><body><main>'
        '<a href="/nastavnichestvo/">Наставничество</a></main></body></html>'
    )
    site = static_site(
        {
            "index.html": ORDINARY,
            "pedagogam/index.html": teachers,
            "nastavnichestvo/index.html": SECTION,
            "files/prikaz.pdf": pdf_bytes(ORDER),
        }
    )
    workspace, registry = one_school_workspace(tmp_path, site)
    monkeypatch.setenv("CMN_CHROMIUM", str(tmp_path / "no-such-chromium"))
    outcome = run_audit(workspace, registry, echo=lambda _: None)
    [(status, section_url)] = query(
        workspace.db_path,
        "SELECT site_status, section_url FROM sites WHERE run_id = ?",
        outcome.run_id,
    )
    assert (status, section_url) == ("ok", site + "nastavnichestvo/")
