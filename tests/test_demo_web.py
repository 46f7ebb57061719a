"""End-to-end checks of the demo municipality served over real HTTP on 127.0.0.1."""

from __future__ import annotations

import csv
import io
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pypdfium2 as pdfium
import pytest
from docx import Document

from cmn_audit.demo import DemoMunicipality, build_municipality, load_municipality, running_demo
from reports.russian import MONTHS_GENITIVE

REGISTRY_HEADER = [
    "id",
    "name",
    "short_name",
    "kind",
    "site_url",
    "email",
    "head_name",
    "municipality",
]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoMunicipality]:
    with running_demo(tmp_path_factory.mktemp("demo")) as municipality:
        yield municipality


def fetch(url: str) -> tuple[int, str, bytes]:
    """Status, Content-Type and body; HTTP errors are answers too."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


def html(url: str) -> str:
    status, content_type, body = fetch(url)
    assert status == 200, url
    return body.decode(content_type.split("charset=")[1])


def pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF-")
    document = pdfium.PdfDocument(data)
    return "\n".join(page.get_textpage().get_text_range() for page in document)


def test_registry_has_header_and_one_row_per_school(demo: DemoMunicipality) -> None:
    with demo.registry_path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == REGISTRY_HEADER
    assert [row[0] for row in rows[1:]] == [site.org_id for site in demo.sites]
    by_id = {row[0]: row for row in rows[1:]}
    for site in demo.sites:
        assert by_id[site.org_id][4] == site.url
        assert by_id[site.org_id][7] == "Заречный муниципальный район"
    assert len(demo.sites) >= 6
    assert {s.scenario for s in demo.sites} >= {
        "complete",
        "partial",
        "no_section",
        "down",
        "nested",
        "empty_section",
    }


def test_every_live_home_page_looks_like_a_school_site(demo: DemoMunicipality) -> None:
    for site in demo.sites:
        if site.scenario == "down":
            continue
        page = html(site.url)
        assert site.name in page
        assert "Версия для слабовидящих" in page
        assert "Сведения об образовательной организации" in page
        assert re.search(r"\d{1,2} [а-я]+ 20\d\d г\.", page), site.org_id


def test_down_site_refuses_connections(demo: DemoMunicipality) -> None:
    site = next(s for s in demo.sites if s.scenario == "down")
    with pytest.raises(urllib.error.URLError) as caught:
        urllib.request.urlopen(site.url, timeout=5)
    assert isinstance(caught.value.reason, ConnectionRefusedError)


def test_complete_section_links_the_municipal_resource_on_another_host(
    demo: DemoMunicipality,
) -> None:
    site = demo.site("sosh1-demidovo")
    section = html(site.expected_section)
    label = "Нормативно-правовое обеспечение федерального, регионального и муниципального уровней"
    assert f'<a href="{demo.municipal_resource_url}">{label}</a>' in section
    assert urlsplit(demo.municipal_resource_url).port != urlsplit(site.url).port
    resource = html(demo.municipal_resource_url)
    for level in ("Федеральный уровень", "Региональный уровень", "Муниципальный уровень"):
        assert level in resource
    assert "Целевая модель наставничества – система условий" in section
    assert '<a href="/nastavnichestvo/">Наставничество</a>' in html(site.url)


def test_complete_documents_are_real_files_with_their_text(demo: DemoMunicipality) -> None:
    site = demo.site("sosh1-demidovo")
    section = html(site.expected_section)
    facts = {(d.kind, d.audience) for d in site.expected_documents}
    for kind in ("order_implementation", "regulation", "roadmap", "program"):
        assert {(kind, "students"), (kind, "teachers")} <= facts
    for document in site.expected_documents:
        assert f">{document.title}</a>" in section
        status, content_type, body = fetch(document.file_url)
        assert status == 200
        if document.file_ext == "pdf":
            assert content_type == "application/pdf"
            text = pdf_text(body)
        else:
            text = "\n".join(p.text for p in Document(io.BytesIO(body)).paragraphs)
        assert document.number in text
        if document.kind.startswith("order"):
            assert "ПРИКАЗ" in text and "ПРИКАЗЫВАЮ:" in text and "Директор" in text
        if document.kind == "roadmap":
            assert "Мероприятие" in text and "Ответственный" in text and "2022–2024" in text


def test_complete_news_are_listed_with_russian_dates(demo: DemoMunicipality) -> None:
    site = demo.site("sosh1-demidovo")
    section = html(site.expected_section)
    assert len(site.expected_news) >= 3
    for news in site.expected_news:
        assert 2022 <= news.date.year <= 2024
        russian = f"{news.date.day} {MONTHS_GENITIVE[news.date.month - 1]} {news.date.year} г."
        path = urlsplit(news.url).path
        assert f'{russian}</span> <a href="{path}">{news.title}</a>' in section
        assert news.title in html(news.url)


def test_partial_site_speaks_windows_1251(demo: DemoMunicipality) -> None:
    site = demo.site("oosh-olkhovka")
    status, content_type, body = fetch(site.expected_section)
    assert status == 200
    assert content_type == "text/html; charset=windows-1251"
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    page = body.decode("windows-1251")
    assert 'content="text/html; charset=windows-1251"' in page
    assert "<h1>Целевая модель наставничества</h1>" in page
    home = html(site.url)
    submenu = re.search(
        r'<a href="/p47aa1.html">Педагогам</a>\s*<ul class="submenu">(.*?)</ul>', home, re.S
    )
    assert submenu and "Целевая модель наставничества" in submenu.group(1)


def test_partial_site_has_a_404_and_an_html_error_named_pdf(demo: DemoMunicipality) -> None:
    site = demo.site("oosh-olkhovka")
    outcomes = {d.fetch: d for d in site.expected_documents}
    status, _, _ = fetch(outcomes["http_error"].file_url)
    assert status == 404
    soft = outcomes["soft_error"]
    assert soft.file_url.endswith(".pdf")
    status, content_type, body = fetch(soft.file_url)
    assert status == 200 and content_type.startswith("text/html")
    assert "Файл не найден" in body.decode("windows-1251")
    assert not body.startswith(b"%PDF")


def test_nested_section_sits_only_in_the_second_menu_level(demo: DemoMunicipality) -> None:
    site = demo.site("sosh-krasny-yar")
    path = "/svedeniya-ob-obrazovatelnoy-organizatsii/nastavnichestvo/"
    assert site.expected_section == site.url.rstrip("/") + path
    home = html(site.url)
    submenus = "".join(re.findall(r'<ul class="submenu">.*?</ul>', home, re.S))
    assert home.count(f'href="{path}"') == submenus.count(f'href="{path}"') == 1
    assert "Целевая модель наставничества – система условий" in html(site.expected_section)
    assert site.expected_news == ()


def test_nested_cards_link_downloads_and_the_scan_has_no_text_layer(
    demo: DemoMunicipality,
) -> None:
    site = demo.site("sosh-krasny-yar")
    section = html(site.expected_section)
    cards = [d for d in site.expected_documents if "/file/card?id=" in d.url]
    assert cards
    for card in cards:
        assert f'href="{urlsplit(card.url).path}?{urlsplit(card.url).query}"' in section
        page = html(card.url)
        assert card.title in page
        download = urlsplit(card.file_url)
        assert f'href="{download.path}?{download.query}"' in page
    scan = next(d for d in site.expected_documents if d.text_source == "ocr")
    status, content_type, body = fetch(scan.file_url)
    assert status == 200 and content_type == "application/pdf"
    assert pdf_text(body).strip() == ""
    order = next(d for d in cards if d.kind == "order_implementation")
    assert "ПРИКАЗЫВАЮ:" in pdf_text(fetch(order.file_url)[2])


def test_empty_and_missing_sections(demo: DemoMunicipality) -> None:
    empty = demo.site("nosh-kamenka")
    page = html(empty.expected_section)
    content = page.split('<main class="content">')[1].split("</main>")[0]
    assert "Наставник – участник программы наставничества" in content
    assert not re.search(r'href="[^"]*(\.pdf|\.docx|/file/)', content)
    assert empty.expected_documents == () and empty.expected_news == ()
    absent = demo.site("sosh-sosnovka")
    assert absent.expected_section is None
    home = html(absent.url)
    assert "наставничеств" not in home.lower() and "nastavnichestvo" not in home
    documents = html(absent.url + "index/dokumenty/0-6")
    assert "Положение о школьной форме" in documents and "ФГОС" in documents


def test_robots_sitemap_redirects_and_missing_pages(demo: DemoMunicipality) -> None:
    site = demo.site("sosh1-demidovo")
    status, content_type, robots = fetch(site.url + "robots.txt")
    assert status == 200 and content_type.startswith("text/plain")
    assert "Disallow: /admin/" in robots.decode()
    _, _, sitemap = fetch(site.url + "sitemap.xml")
    assert f"<loc>{site.expected_section}</loc>" in sitemap.decode()
    with urllib.request.urlopen(site.url + "nastavnichestvo.html", timeout=10) as moved:
        assert moved.url == site.expected_section
    with urllib.request.urlopen(site.url + "nastavnichestvo", timeout=10) as slashless:
        assert slashless.url == site.expected_section
    status, content_type, body = fetch(site.url + "no/such/page/")
    assert status == 404 and content_type.startswith("text/html")
    assert "Страница не найдена" in body.decode()
    assert fetch(site.url + "admin/")[0] == 403
    nested = demo.site("sosh-krasny-yar")
    assert fetch(nested.url + "pedagogam-i-sotrudnikam/attestatsiya/")[0] == 500
    assert fetch(nested.url + "file/card?id=1")[0] == 404


def test_two_builds_are_byte_identical(demo: DemoMunicipality, tmp_path: Path) -> None:
    origins = {site.org_id: site.url.rstrip("/") for site in demo.sites}
    resource = urlsplit(demo.municipal_resource_url)
    origins["imc"] = f"{resource.scheme}://{resource.netloc}"
    build_municipality(tmp_path, origins, load_municipality())

    def tree(root: Path) -> dict[str, bytes]:
        return {
            str(path.relative_to(root)): path.read_bytes()
            for path in sorted(root.rglob("*"))
            if path.is_file() and path.name != "registry.csv"
        }

    built, rebuilt = tree(demo.root), tree(tmp_path)
    assert len(built) > 50
    assert built.keys() == rebuilt.keys()
    assert [name for name in built if built[name] != rebuilt[name]] == []
