"""Where documents and sections come from in a real crawl: external file hosts resolved to the
file, koi8-r pages decoded, the site's own search as the last way to the section."""

from __future__ import annotations

import json
from collections.abc import Iterator
from urllib.parse import urlencode

import duckdb
import pytest
from support import DOCX, ORDER, PDF, Site, home, links, local_workspace, page

from cmn_audit.demo.documents import DocumentSpec, docx_bytes, pdf_bytes
from cmn_audit.demo.server import stop_all
from cmn_audit.pipeline.audit import run_audit
from crawler.file_hosts import STAND_INS_ENV

pytestmark = pytest.mark.slow  # one crawl of the local sites below and their file hosts

REGULATION = DocumentSpec(
    [
        "УТВЕРЖДЕНО приказом директора от 01.09.2022 № 112-од",
        "ПОЛОЖЕНИЕ о системе наставничества педагогических работников",
        "1. Общие положения",
        "1.1. Настоящее Положение определяет цели, задачи и порядок реализации системы "
        "наставничества педагогических работников в соответствии с распоряжением "
        "Минпросвещения России от 16.12.2020 № Р-174.",
        "1.2. Наставник – педагогический работник, назначаемый ответственным за "
        "профессиональную и должностную адаптацию наставляемого. Куратор – заместитель "
        "директора, отвечающий за организацию программ наставничества.",
    ]
)
JSON = "application/json"
PUBLISHED_REGULATION = (
    "УТВЕРЖДЕНО приказом от 01.09.2022 № 41-од",
    "ПОЛОЖЕНИЕ о наставничестве обучающихся",
    "1. Общие положения. 1.1. Настоящее Положение разработано в соответствии с распоряжением "
    "Минпросвещения России от 25.12.2019 № Р-145 и определяет порядок организации "
    "наставничества обучающихся в формах «ученик – ученик» и «учитель – ученик».",
    "1.2. Куратор формирует базу наставников и наставляемых, закрепляет наставнические пары "
    "приказом директора и подводит итоги реализации программ наставничества.",
    "2. Права и обязанности наставника: помогать наставляемому, проводить встречи не реже "
    "одного раза в месяц, вести план работы с наставляемым.",
)


def file_hosts(new_site) -> dict[str, Site]:
    """Stand-ins for Яндекс Диск, Google Диск, Google Документы and Облако Mail.ru."""
    yandex, drive, docs, mail = (new_site() for _ in range(4))

    def yandex_api(key: str) -> str:
        query = urlencode({"public_key": f"{yandex.origin}/d/{key}"})
        return f"/v1/disk/public/resources/download?{query}"

    href = {"href": yandex.origin + "/dl/abc?filename=order.pdf", "method": "GET"}
    yandex.add("/d/order1", page("Яндекс Диск", "<p>Включите JavaScript</p>"))
    yandex.add(yandex_api("order1"), json.dumps(href), JSON)
    yandex.add("/dl/abc", pdf_bytes(ORDER), PDF)
    yandex.add(yandex_api("locked"), "{}", JSON, status=403)
    yandex.add(yandex_api("gone"), '{"error": "DiskNotFoundError"}', JSON, status=404)

    def drive_uc(file_id: str) -> str:
        return "/uc?" + urlencode({"export": "download", "id": file_id})

    warning = (
        '<form id="download-form" action="/download" method="get">'
        '<input type="hidden" name="id" value="1largeFILEid0">'
        '<input type="hidden" name="confirm" value="t">'
        '<input type="submit" value="Всё равно скачать"></form>'
    )
    drive.add(drive_uc("1smallFILEid0"), docx_bytes(REGULATION), DOCX)
    drive.add(drive_uc("1largeFILEid0"), page("Google Диск", warning))
    drive.add("/download?id=1largeFILEid0&confirm=t", pdf_bytes(ORDER), PDF)
    docs.add("/document/d/1signINonly00/export?format=docx", page("Вход", "<p>Войдите</p>"))
    published = "".join(f"<p>{line}</p>" for line in PUBLISHED_REGULATION)
    docs.add("/document/d/e/2PACX-1vPublished0/pub", page("Положение", published))

    def dispatcher(weblink: str) -> str:
        return "/api/v2/dispatcher?" + urlencode({"weblink": weblink})

    weblink = {"body": {"weblink_get": [{"url": mail.origin + "/weblink/get"}]}}
    mail.add(dispatcher("AbCd/ok1"), json.dumps(weblink), JSON)
    mail.add(dispatcher("AbCd/no2"), "{}", JSON, status=403)
    mail.add("/weblink/get/AbCd/ok1", docx_bytes(REGULATION), DOCX)
    return {"yandex_disk": yandex, "google_drive": drive, "google_docs": docs, "mail_cloud": mail}


def hosted_school(site: Site, hosts: dict[str, Site]) -> None:
    """A section whose documents all sit on file hosts, working or not."""
    y, d, g, m = (
        hosts[k].origin for k in ("yandex_disk", "google_drive", "google_docs", "mail_cloud")
    )
    site.add("/", home([("/nastavnichestvo/", "Наставничество")]))
    section = [
        (f"{y}/d/order1", "Приказ о внедрении ЦМН (Яндекс Диск)"),
        (f"{y}/d/locked", "План мероприятий (Яндекс Диск, доступ закрыт)"),
        (f"{y}/d/gone", "Программа наставничества (удалена с Диска)"),
        (f"{d}/file/d/1smallFILEid0/view?usp=sharing", "Положение (Google Диск)"),
        (f"{d}/open?id=1largeFILEid0", "Приказ (Google Диск, большой файл)"),
        (f"{d}/drive/folders/1folderID0000", "База наставников (папка)"),
        (f"{g}/document/d/1signINonly00/edit", "Дорожная карта (Google Документы)"),
        (f"{g}/document/d/e/2PACX-1vPublished0/pub", "Положение (опубликовано в Google)"),
        (f"{m}/public/AbCd/ok1", "Положение (Облако Mail.ru)"),
        (f"{m}/public/AbCd/no2", "Приказ о парах (Облако Mail.ru)"),
    ]
    site.add("/nastavnichestvo/", page("Наставничество", links(section)))


KOI8_TITLE = "Целевая модель наставничества"
KOI8_LINK = "Положение о наставничестве «ученик – ученик»"


def koi8_school(site: Site, charset_in_header: bool) -> None:
    """Pages in koi8-r: the charset in the Content-Type header, or only in <meta>."""
    content_type = "text/html; charset=koi8-r" if charset_in_header else "text/html"
    meta = (
        ""
        if charset_in_header
        else '<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">'
    )
    nav = f'<nav><ul class="menu"><li><a href="/cmn.html">{KOI8_TITLE}</a></li></ul></nav>'
    markup = (
        f"<html><head>{meta}<title>Школа</title></head><body>{nav}<main>Ёлки</main></body></html>"
    )
    site.add("/", markup.encode("koi8-r"), content_type)
    body = links([("/docs/pol.pdf", KOI8_LINK)]).replace("«", "&laquo;").replace("»", "&raquo;")
    section = page(KOI8_TITLE, body.replace("–", "&ndash;"), charset="koi8-r")
    if charset_in_header:
        section = section.replace('<meta charset="koi8-r">', "")
    site.add("/cmn.html", section.encode("koi8-r"), content_type)
    site.add("/docs/pol.pdf", pdf_bytes(ORDER), PDF)


SEARCH_QUERY = urlencode({"q": "наставничество"})


def search_school(site: Site) -> None:
    """The section hangs under a page no menu links; only the search form finds it."""
    form = '<form class="search" action="/poisk/" method="get"><input type="text" name="q"></form>'
    site.add("/", home([("/o-shkole/", "О школе"), ("/roditelyam/", "Родителям")], form))
    site.add("/o-shkole/", page("О школе", "<p>История школы.</p>"))
    site.add("/roditelyam/", page("Родителям", "<p>Расписание звонков.</p>"))
    results = links(
        [
            ("/metod/nastavnichestvo/", "Наставничество"),
            ("/poisk/?q=%D0%BD&page=2", "2"),
        ]
    )
    site.add(f"/poisk/?{SEARCH_QUERY}", page("Результаты поиска", results))
    site.add(
        "/metod/nastavnichestvo/",
        page("Наставничество", links([("/files/prikaz.pdf", "Приказ о внедрении ЦМН")])),
    )
    site.add("/files/prikaz.pdf", pdf_bytes(ORDER), PDF)


def empty_school(site: Site) -> None:
    """No section anywhere: a look-alike link, no sitemap, no search form, no known engine."""
    site.add("/", home([("/konkurs/", "Наставник года")]))
    site.add("/konkurs/", page("Наставник года", "<p>Итоги конкурса.</p>"))


@pytest.fixture(scope="module")
def crawled(tmp_path_factory) -> Iterator[dict]:
    root = tmp_path_factory.mktemp("sources")
    sites: list[Site] = []

    def new_site() -> Site:
        folder = root / f"site{len(sites)}"
        folder.mkdir()
        sites.append(Site(folder))
        return sites[-1]

    try:
        hosts = file_hosts(new_site)
        schools = {name: new_site() for name in ("hosted", "koi8h", "koi8m", "search", "empty")}
        hosted_school(schools["hosted"], hosts)
        koi8_school(schools["koi8h"], charset_in_header=True)
        koi8_school(schools["koi8m"], charset_in_header=False)
        search_school(schools["search"])
        empty_school(schools["empty"])
        for site in sites:
            site.start()
        workspace, registry = local_workspace(root, schools)
        stand_ins = {host_id: site.origin for host_id, site in hosts.items()}
        stand_ins["google_docs_published"] = hosts["google_docs"].origin
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv(STAND_INS_ENV, json.dumps(stand_ins))
            outcome = run_audit(workspace, registry, echo=lambda _: None)
        con = duckdb.connect(str(workspace.db_path), read_only=True)
        yield {"con": con, "run": outcome.run_id, "hosts": hosts, "schools": schools}
        con.close()
    finally:
        stop_all([site.server for site in sites])


def query(crawled, sql: str, *params) -> list[tuple]:
    return crawled["con"].execute(sql, [crawled["run"], *params]).fetchall()


def test_file_host_links_resolve_to_the_file_under_the_public_link(crawled):
    hosts = {k: v.origin for k, v in crawled["hosts"].items()}
    documents = {
        url: (status, kind)
        for url, status, kind in query(
            crawled,
            "SELECT url, fetch_status, kind FROM documents WHERE run_id = ? AND org_id = 'hosted'",
        )
    }
    assert documents[hosts["yandex_disk"] + "/d/order1"] == ("ok", "order_implementation")
    small = hosts["google_drive"] + "/file/d/1smallFILEid0/view?usp=sharing"
    assert documents[small] == ("ok", "regulation")
    large = hosts["google_drive"] + "/open?id=1largeFILEid0"
    assert documents[large] == ("ok", "order_implementation")
    assert documents[hosts["mail_cloud"] + "/public/AbCd/ok1"] == ("ok", "regulation")
    # A document published as a page («Опубликовать в интернете») is read as that page.
    published = hosts["google_docs"] + "/document/d/e/2PACX-1vPublished0/pub"
    assert documents[published] == ("ok", "regulation")
    # The resolved addresses are in the fetch chain, each with the step that led to it.
    chain = dict(
        query(crawled, "SELECT url, referer FROM fetches WHERE run_id = ? AND org_id = 'hosted'")
    )
    assert chain[hosts["yandex_disk"] + "/dl/abc?filename=order.pdf"].startswith(
        hosts["yandex_disk"] + "/v1/disk/public/resources/download?"
    )
    assert chain[hosts["google_drive"] + "/download?id=1largeFILEid0&confirm=t"].endswith(
        "/uc?export=download&id=1largeFILEid0"
    )
    assert hosts["mail_cloud"] + "/weblink/get/AbCd/ok1" in chain


def test_file_hosts_that_refuse_are_findings(crawled):
    hosts = {k: v.origin for k, v in crawled["hosts"].items()}
    documents = {
        url: (status, http_status)
        for url, status, http_status in query(
            crawled,
            "SELECT url, fetch_status, http_status FROM documents "
            "WHERE run_id = ? AND org_id = 'hosted'",
        )
    }
    assert documents[hosts["yandex_disk"] + "/d/locked"] == ("host_unresolved", 403)
    assert documents[hosts["mail_cloud"] + "/public/AbCd/no2"] == ("host_unresolved", 403)
    assert documents[hosts["google_drive"] + "/drive/folders/1folderID0000"][0] == (
        "host_unresolved"
    )
    sign_in = hosts["google_docs"] + "/document/d/1signINonly00/edit"
    assert documents[sign_in] == ("host_unresolved", 200)
    # A public link the host no longer knows is a broken link, like a 404 on the school's site.
    assert documents[hosts["yandex_disk"] + "/d/gone"] == ("http_error", 404)
    assert len(documents) == 10


@pytest.mark.parametrize("org_id", ["koi8h", "koi8m"])
def test_koi8r_pages_arrive_decoded(crawled, org_id):
    [(title, text)] = query(
        crawled, "SELECT title, text FROM pages WHERE run_id = ? AND org_id = ?", org_id
    )
    assert title == KOI8_TITLE
    texts = {
        row[0]
        for row in query(crawled, "SELECT text FROM links WHERE run_id = ? AND org_id = ?", org_id)
    }
    assert KOI8_LINK in texts
    [(section_title,)] = query(
        crawled, "SELECT section_title FROM sites WHERE run_id = ? AND org_id = ?", org_id
    )
    assert section_title == KOI8_TITLE


def test_section_found_only_through_the_site_search(crawled):
    origin = crawled["schools"]["search"].origin
    [(section_url, candidates)] = query(
        crawled, "SELECT section_url, candidates FROM sites WHERE run_id = ? AND org_id = 'search'"
    )
    assert section_url == origin + "/metod/nastavnichestvo/"
    tried = {c["url"]: c["text"] for c in json.loads(candidates)}
    search_url = f"{origin}/poisk/?{SEARCH_QUERY}"
    assert "форма поиска" in tried[search_url]
    assert not any("page=2" in url for url in tried)  # result pagination is no candidate
    [(status,)] = query(
        crawled,
        "SELECT fetch_status FROM documents WHERE run_id = ? AND org_id = 'search'",
    )
    assert status == "ok"


def test_site_without_section_records_every_candidate_and_search_tried(crawled):
    origin = crawled["schools"]["empty"].origin
    [(found, candidates)] = query(
        crawled, "SELECT section_found, candidates FROM sites WHERE run_id = ? AND org_id = 'empty'"
    )
    assert not found
    tried = {c["url"]: c["text"] for c in json.loads(candidates)}
    q = urlencode({"q": "наставничество"})
    assert set(tried) == {f"{origin}/konkurs/", f"{origin}/search?{q}", f"{origin}/search/?{q}"}
    assert tried[f"{origin}/search?{q}"].endswith("не открылся")
