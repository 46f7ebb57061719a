"""SchoolSiteSpider callbacks fed HtmlResponses built from fixture pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse, Response
from scrapy.utils.test import get_crawler

from crawler.items import CandidateItem, DocumentItem, FetchItem, LinkItem, SectionPageItem
from crawler.spiders.school_site import OrgState, SchoolSiteSpider

PAGES = Path(__file__).parent / "fixtures" / "pages"
SITE = "http://school.example.ru/"


@pytest.fixture
def spider() -> SchoolSiteSpider:
    crawler = get_crawler(SchoolSiteSpider, {"CRAWL_MAX_PAGES_PER_SITE": 50})
    spider = SchoolSiteSpider.from_crawler(crawler, orgs=[{"id": "s1", "site_url": SITE}])
    spider.state["s1"] = OrgState("s1", {"school.example.ru"})
    return spider


def response(url: str, fixture: str | None = None, *, status: int = 200, **meta) -> Response:
    body = (PAGES / fixture).read_bytes() if fixture else b""
    request = Request(url, meta={"org_id": "s1", **meta})
    return HtmlResponse(url, status=status, body=body, encoding="utf-8", request=request)


def split(results):
    results = list(results)
    requests = [r for r in results if isinstance(r, Request)]
    return requests, [r for r in results if not isinstance(r, Request)]


def test_home_finds_section_in_dropdown_and_ignores_year_of_mentor(spider):
    requests, items = split(spider.parse_home(response(SITE, "home_nested.html")))
    section = [r for r in requests if r.meta["purpose"] == "section"]
    assert [r.url for r in section] == [
        "http://school.example.ru/svedeniya-ob-obrazovatelnoy-organizatsii/nastavnichestvo/"
    ]
    assert section[0].meta["is_root"] and section[0].meta["download_slot"] == "school.example.ru"
    assert any(isinstance(i, FetchItem) and i.purpose == "home" for i in items)
    candidates = {i.url: i.score for i in items if isinstance(i, CandidateItem)}
    year = "http://school.example.ru/news/god-pedagoga-i-nastavnika/"
    assert candidates.get(year, 0.0) < candidates[section[0].url]


def test_home_without_section_opens_menus_then_a_menu_page_reveals_it(spider):
    requests, _ = split(spider.parse_home(response(SITE, "home_plain.html")))
    menus = [r for r in requests if r.meta["purpose"] == "menu"]
    assert "http://school.example.ru/pedagogam/" in [r.url for r in menus]
    assert menus[0].url == "http://school.example.ru/pedagogam/"  # parent menus first
    state = spider.state["s1"]
    assert state.pending_menus == len(menus)
    menu_page = response("http://school.example.ru/pedagogam/", "home_nested.html")
    for menu in menus[1:]:
        split(spider.menu_failed(_failure(menu)))
    requests, _ = split(spider.parse_menu(menu_page))
    assert [r.meta["purpose"] for r in requests] == ["section"]


def test_section_page_yields_links_documents_news_and_subpages(spider):
    spider.state["s1"].section_url = "http://school.example.ru/nastavnichestvo/"
    page = response(
        "http://school.example.ru/nastavnichestvo/", "section.html", depth=0, is_root=True
    )
    requests, items = split(spider.parse_section(page))
    by_purpose = {}
    for request in requests:
        by_purpose.setdefault(request.meta["purpose"], []).append(request.url)
    assert sorted(by_purpose["document"]) == [
        "http://school.example.ru/file/card?id=41",
        "http://school.example.ru/files/prikaz-112-od.pdf",
    ]
    assert sorted(by_purpose["news"]) == [
        "http://school.example.ru/nastavnichestvo/vstrecha/",
        "http://school.example.ru/news/den-nastavnika/",
    ]
    assert by_purpose["section"] == ["http://school.example.ru/nastavnichestvo/programma/"]
    news = next(r for r in requests if r.url.endswith("/vstrecha/"))
    assert news.meta["date_text"] == "12 марта 2024"
    links = {i.url: i for i in items if isinstance(i, LinkItem)}
    assert links["http://imc.example.ru/npa/"].is_external
    assert "http://school.example.ru/files/menu-doc.pdf" not in links  # menus are not content
    assert not any(url.startswith("mailto:") for url in links)
    page_item = next(i for i in items if isinstance(i, SectionPageItem))
    assert page_item.title == "Наставничество" and page_item.is_section_root


def test_broken_document_is_recorded_not_raised(spider):
    page = response(
        "http://school.example.ru/files/missing.pdf",
        status=404,
        link_text="Дорожная карта",
        found_on="http://school.example.ru/nastavnichestvo/",
    )
    _, items = split(spider.parse_document(page))
    document = next(i for i in items if isinstance(i, DocumentItem))
    assert (document.fetch_status, document.http_status) == ("http_error", 404)
    assert document.link_text == "Дорожная карта" and document.body is None


def _failure(request):
    from twisted.internet.error import ConnectionRefusedError
    from twisted.python.failure import Failure

    failure = Failure(ConnectionRefusedError())
    failure.request = request
    return failure


def test_news_list_yields_items_and_next_pages_not_an_item(spider):
    page = response(
        "http://school.example.ru/news/",
        "news_list.html",
        found_on="http://school.example.ru/nastavnichestvo/",
        link_text="Новости",
        date_text=None,
    )
    requests, items = split(spider.parse_news(page))
    assert not [i for i in items if type(i).__name__ == "NewsItem"]
    urls = {r.url: r.meta.get("date_text") for r in requests}
    assert urls == {
        "http://school.example.ru/news/vstrecha/": "12 марта 2024",
        "http://school.example.ru/news/seminar/": "01.02.2024",
        "http://school.example.ru/news/start/": "15 января 2024",
        "http://school.example.ru/news/page/2/": None,
    }


def test_a_news_page_listed_without_a_date_takes_the_date_it_prints_by_its_headline():
    from crawler.spiders.section import _printed_date

    html = (
        "<html><body><nav><a href='/'>Архив 01.01.2020</a></nav><header>Блог школы</header>"
        "<div class='date-header'>20.11.2025</div><h3>«Школа наставника»</h3>"
        "<main><p>Занятие по плану от 02.02.2024.</p></main><footer>© 2026</footer></body></html>"
    )
    page = HtmlResponse("http://s.ru/2025/11/post.html", body=html.encode(), encoding="utf-8")
    assert _printed_date(page) == "20.11.2025"
    assert _printed_date(HtmlResponse("http://s.ru/", body=b"<p>no date</p>")) is None


def test_a_dated_act_on_the_home_page_is_not_news(spider):
    """«Приказ № 52 от 03.10.2022 …» among the home page's dated cards is an act it points to;
    a dated card under the site's news is news."""
    cards = "".join(
        f'<li><span>{date}</span> <a href="{href}">{text}</a></li>'
        for date, href, text in [
            (
                "03.10.2022",
                "/dokumenty/prikaz-52/",
                "Приказ № 52 «О закреплении наставнических пар»",
            ),
            ("12.10.2022", "/news/12/", "Встреча наставнических пар"),
            ("14.10.2022", "/news/14/", "Осенний кросс"),
            ("20.10.2022", "/news/20/", "Родительское собрание"),
        ]
    )
    body = f"<html><body><main><ul>{cards}</ul></main></body></html>".encode()
    request = Request(SITE, meta={"org_id": "s1"})
    home = HtmlResponse(SITE, body=body, encoding="utf-8", request=request)
    requests, _ = split(spider.parse_home(home))
    news = {
        r.url
        for r in requests
        if r.meta.get("purpose") == "news" or r.meta.get("step") == "parse_news"
    }
    assert "http://school.example.ru/news/12/" in news
    assert "http://school.example.ru/dokumenty/prikaz-52/" not in news
