"""End-to-end checks of the demo municipality served over real HTTP on 127.0.0.1."""

from __future__ import annotations

import csv
import io
import json
import re
import time
import tomllib
import urllib.error
import urllib.request
import zipfile
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import quote, urlsplit
from xml.etree import ElementTree

import openpyxl
import pypdfium2 as pdfium
import pytest
from docx import Document

from cmn_audit.demo import DemoMunicipality, build_municipality, load_municipality
from cmn_audit.registry import COLUMNS
from reports.russian import MONTHS_GENITIVE

PROFILE = Path(__file__).parent.parent / "audit_rules" / "profiles" / "ust_ishim_2022.toml"

# The demo registry must satisfy the loader's own declaration of required columns.
REGISTRY_HEADER = [column.key for column in COLUMNS if column.required]


@pytest.fixture(scope="module")
def demo(demo_web) -> DemoMunicipality:
    return demo_web


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


def home_page(site) -> str:
    """The home page as a visitor sees it: a frameset's menu and content frames."""
    page = html(site.url)
    if "<frameset" in page:
        return html(site.url + "main.htm") + html(site.url + "menu.htm")
    return page


def test_every_live_home_page_looks_like_a_school_site(demo: DemoMunicipality) -> None:
    for site in demo.sites:
        if site.scenario == "down":
            continue
        page = home_page(site)
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
    # The home page is a frameset: no link of its own, the menu lives in its menu frame.
    home = html(site.url)
    assert '<frame src="/menu.htm" name="menu"' in home and "href=" not in home
    menu = html(site.url + "menu.htm")
    submenu = re.search(
        r'<a href="/p47aa1.html">Педагогам</a>\s*<ul class="submenu">(.*?)</ul>', menu, re.S
    )
    assert submenu and "Целевая модель наставничества" in submenu.group(1)
    assert fetch(site.url + "sitemap.xml")[0] == 404


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
    # The section links no document: its sidebar menu leads to the pages that do.
    section = html(site.expected_section)
    sidebar = section.split('<aside class="sidebar">')[1].split("</aside>")[0]
    assert '<div class="sidebar-title">Наставничество</div>' in sidebar
    pages = re.findall(r'href="([^"]+)"', sidebar)
    assert len(pages) == 2 and not any(
        p.startswith(urlsplit(site.expected_section).path) for p in pages
    )
    listed = "".join(html(site.url + page.lstrip("/")) for page in pages)
    assert not re.search(r'href="[^"]*(\.pdf|\.docx|\.zip|/file/)', section)
    cards = [d for d in site.expected_documents if "/file/card?id=" in d.url]
    assert cards
    for card in cards:
        assert f'href="{urlsplit(card.url).path}?{urlsplit(card.url).query}"' in listed
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
    build_municipality(tmp_path, demo.origins, load_municipality())

    def tree(root: Path) -> dict[str, bytes]:
        return {
            str(path.relative_to(root)): path.read_bytes()
            for path in sorted(root.rglob("*"))
            if path.is_file() and path.name not in ("registry.csv", "truth.json")
        }

    built, rebuilt = tree(demo.root), tree(tmp_path)
    assert len(built) > 400
    assert built.keys() == rebuilt.keys()
    assert [name for name in built if built[name] != rebuilt[name]] == []


# ---- the grown municipality: platforms, traps, formats and ground truth ---------------------

PLATFORM_MARKS = {
    "constructor": "конструктора школьных сайтов",
    "gosweb": "«Госвеб»",
    "ucoz": "uCoz",
    "edusite": "edusite",
    "joomla": "Joomla!",
    "wordpress": "WordPress",
    "bitrix": "1С-Битрикс",
    "static": "учителем информатики",
    "landing": "конструкторе лендингов",
}
SECTION_TITLES = (
    "Наставничество",
    "Целевая модель наставничества",
    "ЦМН",
    "Реализация ЦМН",
    "Ресурсный центр наставнических практик",
)


def truth(demo: DemoMunicipality) -> dict:
    return json.loads(demo.truth_path.read_text(encoding="utf-8"))


def org_truth(demo: DemoMunicipality, org_id: str) -> dict:
    return next(o for o in truth(demo)["organisations"] if o["org_id"] == org_id)


def test_at_least_twenty_schools_in_every_platform_look(demo: DemoMunicipality) -> None:
    assert len(demo.sites) >= 20
    specs = {spec.org_id: spec for spec in load_municipality().schools}
    looks = {}
    for site in demo.sites:
        if site.scenario not in ("down", "slow"):
            looks.setdefault(specs[site.org_id].platform, site)
    assert set(looks) == set(PLATFORM_MARKS)
    for platform, site in looks.items():
        assert PLATFORM_MARKS[platform] in home_page(site), platform
    titles = set()
    for site in demo.sites:
        if site.expected_section:
            titles.add(re.search(r"<h1>(.*?)</h1>", html(site.expected_section)).group(1))
    assert titles >= set(SECTION_TITLES)


def test_section_reachable_only_from_footer_sitemap_or_script(demo: DemoMunicipality) -> None:
    def hrefs(page: str) -> list[str]:
        return re.findall(r'href="([^"]+)"', page)

    def in_sitemap(site) -> bool:
        return f"<loc>{site.expected_section}</loc>" in fetch(site.url + "sitemap.xml")[2].decode()

    footer = demo.site("sosh-mayak")
    home = html(footer.url)
    path = urlsplit(footer.expected_section).path
    assert hrefs(home).count(path) == 1
    assert f'href="{path}"' in home.split('class="footer-links"')[1]
    hidden = demo.site("sosh-novoselovo")
    path = urlsplit(hidden.expected_section).path
    assert all(path not in hrefs(html(hidden.url + p.lstrip("/"))) for p in ("/", "/sveden/"))
    assert in_sitemap(hidden)
    scripted = demo.site("sosh-pokrovka")
    home = html(scripted.url)
    path = urlsplit(scripted.expected_section).path
    assert path not in hrefs(home)
    script = re.search(r"<script>(.*?)</script>", home, re.S).group(1)
    assert f'"u": "{path}"' in script and in_sitemap(scripted)


def test_redirect_robots_pagination_and_encodings(demo: DemoMunicipality) -> None:
    moved = demo.site("sosh-rechnoe")
    assert 'href="/nastavnichestvo.php"' in html(moved.url)
    with urllib.request.urlopen(moved.url + "nastavnichestvo.php", timeout=10) as response:
        assert response.url == moved.expected_section
    robots = fetch(moved.url + "robots.txt")[2].decode()
    assert "Disallow: /arhiv/" in robots
    assert 'href="/arhiv/dorozhnaya_karta_2020.pdf"' in html(moved.expected_section)
    assert all("/arhiv/" not in d.file_url for d in moved.expected_documents)
    paged = demo.site("sosh-berezovka")
    first = html(paged.url + "category/novosti/")
    second = html(paged.url + "category/novosti/page/2/")
    assert 'href="/category/novosti/page/2/"' in first
    older = [n for n in paged.expected_news if urlsplit(n.url).path not in first]
    assert older and all(urlsplit(n.url).path in second for n in older)
    assert re.search(r"\d{1,2} [а-я]+ 20\d\d г\.", second)
    for org_id in ("sosh-ivanovka", "sosh-fedorovka"):
        status, content_type, _ = fetch(demo.site(org_id).expected_section)
        assert status == 200 and content_type.endswith("windows-1251")


def test_slow_site_answers_late(demo: DemoMunicipality) -> None:
    site = next(s for s in demo.sites if s.scenario == "slow")
    started = time.monotonic()
    assert fetch(site.url + "robots.txt")[0] == 200
    assert 1.4 <= time.monotonic() - started < 5


def test_documents_in_every_format_and_on_the_external_host(demo: DemoMunicipality) -> None:
    by_ext: dict[str, bytes] = {}
    for site in demo.sites:
        for doc in site.expected_documents:
            if doc.fetch == "ok" and doc.file_ext not in by_ext:
                by_ext[doc.file_ext] = fetch(doc.file_url)[2]
    assert set(by_ext) >= {"pdf", "docx", "rtf", "xlsx", "jpg"}
    rtf = by_ext["rtf"].decode("ascii")
    assert rtf.startswith("{\\rtf1") and "\\u1055?\\u1054?\\u1051?" in rtf  # «ПОЛ…»
    sheet = openpyxl.load_workbook(io.BytesIO(by_ext["xlsx"])).active
    assert sheet["A1"].value == "Форма «База наставников»"
    assert "Ф.И.О наставника" in [c.value for c in sheet[4]]
    assert by_ext["jpg"].startswith(b"\xff\xd8\xff")
    site = demo.site("sosh-ivanovka")
    external = [
        d for d in site.expected_documents if urlsplit(d.url).port != urlsplit(site.url).port
    ]
    assert len(external) == 2
    for doc in external:
        assert doc.file_url == doc.url and doc.file_url.endswith(doc.file_ext)
        assert f'href="{doc.url}"' in html(site.expected_section)


def test_look_alikes_sit_inside_sections(demo: DemoMunicipality) -> None:
    kinds = [
        (d.title, d.kind) for s in demo.sites for d in s.expected_documents if s.expected_section
    ]
    look_alikes = {title for title, kind in kinds if kind == "not_mentorship"}
    assert {"Положение о школьной форме", "Рабочая программа воспитания"} <= look_alikes
    assert any("ФГОС" in t for t in look_alikes)
    assert any("молодыми специалистами" in t for t in look_alikes)
    wrong = next(d for d in demo.site("sosh-berezovka").expected_documents if d.audience == "both")
    assert "от 25.12.2020 № Р-145" in " ".join(pdf_text(fetch(wrong.file_url)[2]).split())


def test_truth_file_follows_the_contract(demo: DemoMunicipality) -> None:
    data = truth(demo)
    assert data["profile"] == "ust_ishim_2022" and data["municipality"] == demo.name
    profile = tomllib.loads(PROFILE.read_text(encoding="utf-8"))
    rule_ids = {rule["id"] for rule in profile["rules"]}
    assert [o["org_id"] for o in data["organisations"]] == [s.org_id for s in demo.sites]
    statuses = {"ok": 200, "soft_error": 200, "http_error": 404}
    # A file host's public link opens a page; its API or form leads to the bytes.
    served = {d.file_url: d.download_url for s in demo.sites for d in s.expected_documents}
    # An act printed as the text of a page is that page.
    printed = {d.file_url for s in demo.sites for d in s.expected_documents if d.file_ext == "html"}
    for org in data["organisations"]:
        assert set(org["rules"]) == rule_ids, org["org_id"]
        assert set(org["rules"].values()) <= {"pass", "fail", "not_checked", "not_applicable"}
        if org["scenario"] == "down":
            assert set(org["rules"].values()) == {"not_checked"}
            continue
        if org["section_url"]:
            assert fetch(org["section_url"])[0] == 200
        for doc in org["documents"]:
            status, content_type, _ = fetch(served[doc["url"]])
            assert status == statuses[doc["fetch"]], doc["url"]
            page = doc["fetch"] != "ok" or doc["url"] in printed
            assert content_type.startswith("text/html") == page, doc["url"]
            assert doc["text_source"] in ("text", "ocr", "none")
        for news in org["news"]:
            assert fetch(news["url"])[0] == 200 and news["is_mentorship"]


def derived_rules(org: dict, titles: dict[str, str]) -> dict[str, str]:
    """What a perfect reader concludes from the truth's own facts (UI-02 aside): a roadmap
    covers the years its title names."""
    files = [d for d in org["documents"] if d["fetch"] == "ok" and d["text_source"] != "none"]
    # A bundle file counts as each document it holds (crawler/understand/parts.py).
    read = [
        d
        for f in files
        for d in [
            f,
            *({**part, "url": f"{f['url']}#{n}"} for n, part in enumerate(f.get("parts", ()))),
        ]
        if d["kind"] != "not_mentorship"
    ]
    titles = {**titles, **{d["url"]: d["title"] for d in read if "title" in d}}

    def has(kind: str, audience: str | None) -> bool:
        return any(
            d["kind"] == kind and (audience is None or d["audience"] in (audience, "both"))
            for d in read
        )

    periods = [
        [int(y) for y in re.findall(r"20\d\d", titles[d["url"]])]
        for d in read
        if d["kind"] == "roadmap"
    ]
    years = [int(n["date"][:4]) for n in org["news"]]
    checks = {
        "UI-01": True,
        "UI-03": has("order_implementation", "students"),
        "UI-04": has("order_implementation", "teachers"),
        "UI-05": has("regulation", "students"),
        "UI-06": has("regulation", "teachers"),
        "UI-07": has("roadmap", "students"),
        "UI-08": has("roadmap", "teachers"),
        "UI-09": has("order_pairs", None),
        "UI-10": has("program", "students"),
        "UI-11": has("program", "teachers"),
        "UI-12": bool(years),
        "UI-13": any(min(p) <= y <= max(p) for p in periods for y in years),
        "UI-14": any(n["audience"] in ("students", "both") for n in org["news"]),
        "UI-15": any(n["audience"] in ("teachers", "both") for n in org["news"]),
    }
    found = org["section_url"] is not None
    derived = {rule: "pass" if found and ok else "fail" for rule, ok in checks.items()}
    if org["scenario"] == "kindergarten":  # pupils' mentorship is not a kindergarten's (Р-145)
        pupils = ("UI-03", "UI-05", "UI-07", "UI-10", "UI-14")
        derived.update(dict.fromkeys(pupils, "not_applicable"))
    return derived


def test_declared_verdicts_match_what_the_documents_prove(demo: DemoMunicipality) -> None:
    titles = {d.file_url: d.title for s in demo.sites for d in s.expected_documents}
    for org in truth(demo)["organisations"]:
        if org["scenario"] == "down":
            continue
        declared = {k: v for k, v in org["rules"].items() if k != "UI-02"}
        assert declared == derived_rules(org, titles), org["org_id"]
        links_resource = demo.municipal_resource_url in html(org["section_url"] or org["site_url"])
        assert (org["rules"]["UI-02"] == "pass") == links_resource, org["org_id"]


# ---- structures the crawler reads beyond plain links (issue 15) -----------------------------


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def headers(url: str) -> dict[str, str]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return dict(response.headers.items())


def test_documents_shown_in_frames_and_viewer_pages(demo: DemoMunicipality) -> None:
    site = demo.site("sosh-vishnevka")
    section = html(site.expected_section)
    shown = {
        "embed": '<embed src="{path}"',
        "object": '<object data="{path}"',
        "iframe": '<iframe src="{path}"',
        "pdfjs": '<iframe src="/wp-content/plugins/pdfjs-viewer-shortcode/pdfjs/web/viewer.html'
        "?file={quoted}&amp;",
    }
    framed = [d for d in site.expected_documents if d.url == d.download_url]
    assert len(framed) == len(shown)
    for document, markup in zip(framed, shown.values(), strict=True):
        path = path_of(document.file_url)
        tag = markup.format(path=path, quoted=quote(path, safe=""))
        # Each frame sits right under the heading that names its document; no link to it.
        heading = f'<h3>{document.title}</h3>\n<div class="pdf-embed">\n{tag}'
        assert heading in section, document.title
        assert f'href="{path}"' not in section
    viewed = [d for d in site.expected_documents if d.url != d.file_url]
    assert len(viewed) == 1
    # The registry page of one document hands it over only through a form posting its number.
    [posted] = [d for d in site.expected_documents if d.url == d.file_url != d.download_url]
    form = html(posted.url)
    action, _, number = path_of(posted.download_url).partition("?")
    assert f'<form method="post" action="{action}"' in form
    assert '<input type="hidden" name="id" value="{}">'.format(number.split("=")[1]) in form
    for document in viewed:
        viewer = path_of(document.url)
        assert f'<li>{document.title} <a href="{viewer}">Просмотр</a></li>' in section
        page = html(document.url)
        download = path_of(document.file_url)
        assert f'<a class="doc-download" href="{download}">Скачать оригинал</a>' in page
        assert "." not in urlsplit(document.file_url).path.rstrip("/").rsplit("/", 1)[-1]
        answer = headers(document.file_url)
        assert answer["Content-Type"] == "application/octet-stream"
        assert f".{document.file_ext}" in answer["Content-Disposition"]


def test_news_only_through_the_feed_declared_on_the_home_page(demo: DemoMunicipality) -> None:
    site = demo.site("sosh-vishnevka")
    home = html(site.url)
    assert '<link rel="alternate" type="application/rss+xml"' in home and 'href="/feed/"' in home
    status, content_type, body = fetch(site.url + "feed/")
    assert status == 200 and content_type.startswith("application/rss+xml")
    items = {
        item.findtext("link"): item.findtext("pubDate")
        for item in ElementTree.fromstring(body).iter("item")
    }
    assert len(site.expected_news) == 2
    pages = [home, html(site.expected_section)]
    for news in site.expected_news:
        assert parsedate_to_datetime(items[news.url]).date() == news.date
        assert all(path_of(news.url) not in page for page in pages)  # no page lists it
    assert fetch(site.url + "category/novosti/")[0] == 404


def test_old_table_site_keeps_its_news_where_old_sites_do(demo: DemoMunicipality) -> None:
    site = demo.site("sosh-malinovka")
    home = html(site.url)
    menu, content = re.findall(r"<td[^>]*>(.*?)</td>", home, re.S)[:2]
    assert "news-date" not in menu
    # The section is in no link: only the drop-down beside the menu opens it.
    assert 'href="/nastavnichestvo.html"' not in home
    jump = re.search(
        r'<select class="jump-menu" onchange="location=this.value">(.*?)</select>', menu, re.S
    )
    assert jump and '<option value="/nastavnichestvo.html">Наставничество</option>' in jump.group(1)
    cards = re.findall(r'news-date">[^<]+</span> <a href="(/zhizn-shkoly/[^"]+)"', content)
    assert len(cards) == 2
    # The list has no link of its own: only the address its cards share leads to it.
    assert 'href="/zhizn-shkoly/"' not in home and "Жизнь школы" not in menu
    listing = html(site.url + "zhizn-shkoly/")
    assert "<h1>Жизнь школы</h1>" in listing
    assert '<a href="/2023/03/">Март 2023 (1)</a>' in listing
    archived = [n for n in site.expected_news if n.url.endswith("den-nastavnika.html")]
    assert archived and path_of(archived[0].url) not in listing
    # The month's page lists its items without dates, under its own address.
    month = html(site.url + "2023/03/")
    assert f'<h3><a href="{path_of(archived[0].url)}">' in month and "news-date" not in month
    assert path_of(archived[0].url).startswith("/2023/03/")
    # The section tells two news itself, in dated paragraphs without a link.
    section = html(site.expected_section)
    told = [n for n in site.expected_news if "#news-" in n.url]
    assert [n.url.rsplit("#", 1)[1] for n in told] == ["news-1", "news-2"]
    for news in told:
        assert news.url.startswith(site.expected_section + "#")
        opening = f"<p><b>{news.date:%d.%m.%Y}.</b> <b>{news.title}.</b> "
        paragraph = section.split(opening, 1)[1].split("</p>", 1)[0]
        assert "<a " not in paragraph and len(paragraph) > 80
    assert "<p>01.09.2023 Приказ «О закреплении наставнических пар" in section


def test_one_page_site_section_is_a_block_of_its_home_page(demo: DemoMunicipality) -> None:
    site = demo.site("oosh-ryabinovka")
    assert site.expected_section == site.url + "#nastavnichestvo"
    home = html(site.url)
    assert '<a href="/#nastavnichestvo">Наставничество</a>' in home
    block = re.search(r'<section id="nastavnichestvo"[^>]*>(.*?)</section>', home, re.S).group(1)
    assert len(site.expected_documents) == 7
    for document in site.expected_documents:
        assert f'href="{path_of(document.file_url)}"' in block
    outside = home.replace(block, "")
    assert not re.search(r'href="[^"]*\.(?:pdf|docx)"', outside)
    assert demo.municipal_resource_url in block


def test_blog_section_entries_attachments_and_photographed_order(demo: DemoMunicipality) -> None:
    site = demo.site("sosh-nikolskoe")
    first = html(site.expected_section)
    second = html(site.expected_section + "?start=3")
    assert '<a href="/index.php/nastavnichestvo?start=3">2</a>' in first
    entries = [n for n in site.expected_news if "/item/" in n.url]
    assert len(entries) == 5
    for news in entries:
        listed = f'{russian_date(news.date)}</span> <a href="{path_of(news.url)}">'
        assert (listed in first) != (listed in second), news.url
    attachments = [d for d in site.expected_documents if "/item/download/" in d.file_url]
    assert len(attachments) == 9
    entry_pages = "".join(html(n.url) for n in entries)
    for document in attachments:
        path = path_of(document.file_url)
        assert path not in first + second and f'href="{path}"' in entry_pages
        assert "filename*=UTF-8''" in headers(document.file_url)["Content-Disposition"]
    photo = next(d for d in site.expected_documents if d.file_ext == "jpg")
    assert f'<img src="{path_of(photo.file_url)}" alt="{photo.title}"' in first
    assert f'href="{path_of(photo.file_url)}"' not in first
    assert (photo.kind, photo.text_source) == ("order_pairs", "ocr")


def russian_date(value) -> str:
    return f"{value.day} {MONTHS_GENITIVE[value.month - 1]} {value.year} г."


def test_banner_calendar_more_button_printed_act_archive_and_linked_file(
    demo: DemoMunicipality,
) -> None:
    """Structures of real sites the demo also serves: a section named only by a banner's
    `alt`, news kept in a calendar, a «Показать ещё» button, an order printed as a page, a ZIP
    of programmes and a roadmap that only a DOCX hyperlink leads to."""
    banner = demo.site("sosh-vishnevka")
    home = html(banner.url)
    path = path_of(banner.expected_section)
    link = re.search(rf'<a class="banner" href="{path}"><img [^>]*alt="([^"]+)"', home)
    assert link and link.group(1) == "Целевая модель наставничества"
    assert re.findall(r'href="([^"]+)"', home).count(path) == 1
    assert fetch(banner.url + "sitemap.xml")[0] == 404
    calendar = demo.site("sosh-nikolskoe")
    grid = html(calendar.url + "index.php/novosti")
    assert (
        "<caption>Март 2024</caption>" in grid
        and '<a href="/index.php/novosti?month=2024-02">' in grid
    )
    [event] = [n for n in calendar.expected_news if "/novosti/" in n.url]
    month = html(calendar.url + f"index.php/novosti?month={event.date:%Y-%m}")
    cell = f'<td><span class="day">{event.date.day}</span><br><a href="{path_of(event.url)}">'
    assert cell in month and path_of(event.url) not in html(calendar.url)
    more = demo.site("oosh-ryabinovka")
    listing = html(more.url + "novosti/")
    button = re.search(r'<button class="news-more" type="button" data-url="([^"]+)">', listing)
    assert button and "pagination" not in listing
    oldest = min(more.expected_news, key=lambda n: n.date)
    assert path_of(oldest.url) not in listing + html(more.url)
    assert path_of(oldest.url) in html(more.url + button.group(1).lstrip("/"))
    [printed] = [d for d in more.expected_documents if d.file_ext == "html"]
    page = html(printed.file_url)
    assert "ПРИКАЗЫВАЮ:" in page and printed.kind == "order_pairs"
    grown = demo.site("sosh-krasny-yar")
    [archive] = [d for d in grown.expected_documents if d.file_ext == "zip"]
    with zipfile.ZipFile(io.BytesIO(fetch(archive.file_url)[2])) as bundle:
        assert [name.rsplit(".", 1)[1] for name in bundle.namelist()] == ["pdf", "docx"]
    assert [audience for _, audience, _ in archive.parts] == ["students", "teachers"]
    regulation = next(d for d in grown.expected_documents if d.file_url.endswith(".docx"))
    roadmap = next(
        d for d in grown.expected_documents if d.kind == "roadmap" and d.audience == "teachers"
    )
    rels = zipfile.ZipFile(io.BytesIO(fetch(regulation.file_url)[2])).read(
        "word/_rels/document.xml.rels"
    )
    assert f'Target="{path_of(roadmap.file_url)}" TargetMode="External"'.encode() in rels
    pages = [
        html(grown.url + p.lstrip("/"))
        for p in re.findall(
            r'href="([^"]+)"',
            html(grown.expected_section).split('<aside class="sidebar">')[1].split("</aside>")[0],
        )
    ]
    assert all(path_of(roadmap.file_url) not in page for page in pages)
