"""Documents and news found the way real school sites publish them: files at addresses without
an extension, cards in the site's «Документы» tree, link texts that say nothing, a section that
is one block of a page, blog-style sections, photographed orders, news lists, feeds and cards."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from urllib.parse import quote

import duckdb
import pytest
from support import DOCX, ORDER, PDF, Site, home, links, local_workspace, page

from cmn_audit.demo.documents import DocumentSpec, docx_bytes, pdf_bytes
from cmn_audit.demo.scan import scan_jpg_bytes
from cmn_audit.demo.server import stop_all
from cmn_audit.pipeline.audit import run_audit

pytestmark = pytest.mark.slow  # one crawl of the local sites below and the hosts of theirs

REGULATION = DocumentSpec(
    [
        "УТВЕРЖДЕНО приказом от 02.09.2022 № 113-од",
        "ПОЛОЖЕНИЕ о наставничестве педагогических работников",
        "1. Настоящее Положение определяет порядок наставничества педагогических работников",
        "и молодых специалистов в соответствии с письмом Минпросвещения",
        "от 21.12.2021 № АЗ-1128/08.",
    ]
)
ROADMAP = DocumentSpec(
    [
        "УТВЕРЖДЕНО приказом от 02.09.2022 № 114-од",
        "ДОРОЖНАЯ КАРТА реализации целевой модели наставничества обучающихся на 2022–2024 годы",
        "Мероприятие | Срок | Ответственный",
        "Формирование наставнических пар | сентябрь 2022 | куратор",
    ]
)
PAIRS = DocumentSpec(
    [
        "ПРИКАЗ",
        "от 05.09.2022 № 120-од",
        "О закреплении наставнических пар",
        "ПРИКАЗЫВАЮ: 1. Закрепить наставнические пары в форме «ученик – ученик».",
    ]
)
PROGRAM_TEXT = (
    "<p>Программа наставничества «учитель – ученик» на 2023–2024 учебный год. Программа "
    "определяет цели, задачи, формы и этапы наставничества обучающихся в соответствии с "
    "распоряжением Минпросвещения России от 25.12.2019 № Р-145. Наставники помогают "
    "наставляемым в учёбе, проектной деятельности и выборе профессии; куратор ведёт базу "
    "наставников и подводит итоги реализации программы наставничества в конце года.</p>"
)
MENTOR_NEWS = (
    "<p>В школе прошла встреча наставнических пар в рамках целевой модели наставничества.</p>"
)
OTHER_NEWS = "<p>Прошёл школьный этап олимпиады по математике.</p>"
OCTET = "application/octet-stream"
HTML_1251 = "text/html; charset=windows-1251"


def rfc5987(name: str) -> str:
    return f"attachment; filename*=UTF-8''{quote(name)}"


def cards_school(site: Site) -> None:
    """Госвеб style: the section lists HTML cards of the «Документы» tree, files behind them."""
    site.add("/", home([("/nastavnichestvo/", "Наставничество"), ("/dokumenty/", "Документы")]))
    rows = (
        "<table><tr><td>01.09.2022</td><td>Приказ о внедрении целевой модели наставничества</td>"
        '<td><a href="/dokumenty/kartochka-12.html">Подробнее</a></td></tr>'
        "<tr><td>Программа наставничества</td>"
        '<td><a href="/dokumenty/kartochka-13.html">Подробнее</a></td></tr></table>'
    )
    site.add("/nastavnichestvo/", page("Наставничество", rows))
    site.add("/dokumenty/", page("Документы", "<p>Все документы</p>"))
    card = '<p>Дата размещения: 01.09.2022</p><a href="/getfile/2231">Скачать</a>'
    site.add("/dokumenty/kartochka-12.html", page("Приказ о внедрении ЦМН", card))
    site.add(
        "/getfile/2231",
        pdf_bytes(ORDER),
        OCTET,
        headers={"Content-Disposition": rfc5987("Приказ о внедрении ЦМН.pdf")},
    )
    site.add("/dokumenty/kartochka-13.html", page("Программа наставничества", PROGRAM_TEXT))


def extensionless_school(site: Site) -> None:
    """Files whose type only the headers and bytes tell; links that only say «Скачать»."""
    site.add("/", home([("/nastavnichestvo/", "Наставничество")]))
    rows = (
        "<table>"
        '<tr><td>Положение о наставничестве</td><td><a href="/item/download/45_a1b2">Скачать</a>'
        " (PDF, 1.2 Мб)</td></tr>"
        '<tr><td><a href="/upload/iblock/7f3" title="Дорожная карта ЦМН">(DOCX, 20 Кб)</a></td>'
        "</tr></table>"
    )
    site.add("/nastavnichestvo/", page("Наставничество", rows))
    site.add("/item/download/45_a1b2", pdf_bytes(REGULATION), PDF)
    site.add(
        "/upload/iblock/7f3",
        docx_bytes(ROADMAP),
        OCTET,
        headers={"Content-Disposition": "inline; filename*=UTF-8''karta.docx"},
    )


def one_page_school(site: Site) -> None:
    """A one-page site: its «section» is a block of the home page, reached by an anchor."""
    block = (
        '<section id="nastavnichestvo"><h2>Наставничество</h2>'
        '<a href="/files/polozhenie.pdf">Положение о наставничестве</a></section>'
    )
    site.add(
        "/", home([("/#nastavnichestvo", "Наставничество"), ("/#kontakty", "Контакты")], block)
    )
    site.add("/files/polozhenie.pdf", pdf_bytes(REGULATION), PDF)


def blog_school(site: Site) -> None:
    """A blog-style section (Joomla K2 category): dated entries, files on the entries, page 2,
    and an order photographed and shown only as a picture."""
    site.add("/", home([("/index.php/nastavnichestvo", "Наставничество")]))
    entries = (
        '<div class="item"><span>12.09.2022</span> <a href="/index.php/nastavnichestvo/item/12">'
        "Документы ЦМН</a></div>"
        '<div class="item"><span>01.10.2022</span> <a href="/index.php/nastavnichestvo/item/13">'
        "Дорожная карта</a></div>"
        '<a href="/index.php/nastavnichestvo?start=2">2</a>'
        '<img src="/images/prikaz_pary.jpg" alt="Приказ о закреплении пар">'
    )
    site.add("/index.php/nastavnichestvo", page("Наставничество", entries))
    site.add("/images/prikaz_pary.jpg", scan_jpg_bytes(PAIRS), "image/jpeg")
    site.add(
        "/index.php/nastavnichestvo/item/12",
        page(
            "Документы ЦМН", '<a href="/index.php/nastavnichestvo/item/download/45_c3">Скачать</a>'
        ),
    )
    site.add(
        "/index.php/nastavnichestvo/item/download/45_c3",
        pdf_bytes(ORDER),
        OCTET,
        headers={"Content-Disposition": rfc5987("prikaz.pdf")},
    )
    site.add("/index.php/nastavnichestvo/item/13", page("Дорожная карта", "<p>См. ниже</p>"))
    second = (
        '<div class="item"><span>05.11.2022</span> <a href="/index.php/nastavnichestvo/item/14">'
        "Программы</a></div>"
    )
    site.add("/index.php/nastavnichestvo?start=2", page("Наставничество", second))
    site.add(
        "/index.php/nastavnichestvo/item/14",
        page("Программы", '<a href="/media/k2/programma.docx">Программа наставничества</a>'),
    )
    site.add("/media/k2/programma.docx", docx_bytes(REGULATION), DOCX)


def news_school(site: Site) -> None:
    """News kept where real sites keep them: the «Новости» list of the menu with pages, a
    feed, a dated card on the home page — none of them in the section."""
    feed = '<link rel="alternate" type="application/rss+xml" href="/rss.xml">'
    card = (
        '<div class="news-card"><span>20.02.2024</span>'
        ' <a href="/news/card-item">День наставника</a></div>'
    )
    site.add(
        "/",
        home([("/nastavnichestvo/", "Наставничество"), ("/news/", "Новости")], card, head=feed),
    )
    site.add("/nastavnichestvo/", page("Наставничество", '<a href="/f/order.pdf">Приказ о ЦМН</a>'))
    site.add("/f/order.pdf", pdf_bytes(ORDER), PDF)

    def listing(items: list[tuple[str, str, str]], more: str = "") -> str:
        rows = "".join(f'<li><span>{d}</span> <a href="{u}">{t}</a></li>' for u, d, t in items)
        return page("Новости", f"<ul>{rows}</ul>{more}")

    first = [(f"/news/{n}", f"1{n}.03.2024", f"Событие {n}") for n in range(1, 5)]
    site.add("/news/", listing(first, '<a href="/news/?page=2">Следующая</a>'))
    site.add(
        "/news/?page=2",
        listing(
            [
                ("/news/old-1", "10.10.2023", "Встреча пар"),
                ("/news/old-2", "11.10.2023", "Олимпиада"),
                ("/news/old-3", "12.10.2023", "Субботник"),
            ]
        ),
    )
    for n in range(1, 5):
        site.add(f"/news/{n}", page(f"Событие {n}", OTHER_NEWS))
    site.add("/news/old-1", page("Встреча наставнических пар", MENTOR_NEWS))
    site.add("/news/old-2", page("Олимпиада", OTHER_NEWS))
    site.add("/news/old-3", page("Субботник", OTHER_NEWS))
    site.add("/news/card-item", page("День наставника", MENTOR_NEWS))
    rss = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Школа</title>'
        "<item><title>Семинар по наставничеству</title><link>{origin}/news/feed-item</link>"
        "<pubDate>Tue, 05 Sep 2023 10:00:00 +0300</pubDate></item></channel></rss>"
    )
    site.rss_template = rss
    site.add("/news/feed-item", page("Семинар по наставничеству", MENTOR_NEWS))


def frames_school(site: Site) -> None:
    """Documents the section shows rather than links: in frames, through viewers, on a
    viewer page listed as «Просмотр» that hands over its file as «Скачать оригинал»."""
    site.add("/", home([("/nastavnichestvo/", "Наставничество")]))
    body = (
        "<h3>Приказ о внедрении целевой модели</h3>"
        '<div><embed src="/wp/prikaz.pdf" type="application/pdf"></div>'
        "<h3>Положение о наставничестве</h3>"
        '<div><object data="/wp/polozhenie.pdf"><p>Браузер не показывает PDF.</p></object></div>'
        "<h3>Дорожная карта</h3>"
        '<div><iframe src="/pdfjs/web/viewer.html?file=/wp/karta.docx"></iframe></div>'
        '<p>Программа наставничества <a href="/docs/?doc_id=7&amp;method=viewer">Просмотр</a></p>'
        '<div><iframe src="https://video.example.com/embed/1"></iframe></div>'
    )
    site.add("/nastavnichestvo/", page("Наставничество", body))
    site.add("/wp/prikaz.pdf", pdf_bytes(ORDER), PDF)
    site.add("/wp/polozhenie.pdf", pdf_bytes(REGULATION), PDF)
    site.add("/wp/karta.docx", docx_bytes(ROADMAP), DOCX)
    viewer = (
        '<a class="download" href="/docs/?doc_id=7&amp;method=download">Скачать оригинал</a>'
        f"<div>{PROGRAM_TEXT}</div>"
    )
    site.add("/docs/?doc_id=7&method=viewer", page("Программа наставничества 2023", viewer))
    site.add(
        "/docs/?doc_id=7&method=download",
        pdf_bytes(DocumentSpec(["ПРОГРАММА наставничества «учитель – ученик»", PROGRAM_TEXT])),
        PDF,
        headers={"Content-Disposition": rfc5987("Программа.pdf")},
    )


def archive_school(site: Site) -> None:
    """An old table-layout site: the menu sits in a cell beside dated news cards; the news
    list («Жизнь школы») is reached only through the address its cards share, its older
    items only through the month archive in the sidebar; the section tells its own news in
    dated paragraphs."""
    menu = (
        '<a href="/index.php?id=42">Наставничество</a><br>'
        '<a href="/index.php?id=9">Контакты</a><br>'
    )

    def layout(title: str, body: str, aside: str = "") -> str:
        return (
            f'<html><head><meta charset="utf-8"><title>{title}</title></head><body>'
            f"<table><tr><td>{menu}</td><td><h1>{title}</h1>{body}</td></tr></table>"
            f"<aside>{aside}</aside></body></html>"
        )

    cards = "".join(
        f'<div class="card"><div>0{n}.10.2026</div><a href="/life/{n}/">Событие {n}</a></div>'
        for n in (1, 2, 3)
    )
    site.add("/", layout("Школа", cards))
    archive = '<ul><li><a href="/2026/03/">Март 2026 (1)</a></li></ul>'
    site.add("/life/", layout("Жизнь школы", cards, archive))
    site.add(
        "/2026/03/",
        layout(
            "Март 2026", '<p><span>02.03.2026</span> <a href="/life/day/">День наставника</a></p>'
        ),
    )
    for n in (1, 2, 3):
        site.add(f"/life/{n}/", layout(f"Событие {n}", OTHER_NEWS))
    site.add("/life/day/", layout("День наставника", MENTOR_NEWS))
    told = (
        "<p><b>09.10.2026.</b> <b>Закреплены наставнические пары.</b> В программе "
        "наставничества участвуют 11 пар в формах «ученик – ученик» и «учитель – ученик».</p>"
        "<p>01.09.2026 Приказ № 77-од «О внедрении целевой модели наставничества» (в работе)"
        " размещается после подписания директором школы.</p>"
        '<ul><li><a href="/doc/prikaz.pdf">Приказ о внедрении ЦМН</a></li></ul>'
    )
    site.add("/index.php?id=42", layout("Наставничество", told))
    site.add("/index.php?id=9", layout("Контакты", "<p>Телефон школы</p>"))
    site.add("/doc/prikaz.pdf", pdf_bytes(ORDER), PDF)


def sitemap_school(site: Site) -> None:
    """No news list, feed or dated card on any page: only the sitemap (an index naming a
    news sitemap) lists the news."""
    site.add("/", home([("/nastavnichestvo/", "Наставничество")]))
    site.add("/nastavnichestvo/", page("Наставничество", '<a href="/f/order.pdf">Приказ</a>'))
    site.add("/f/order.pdf", pdf_bytes(ORDER), PDF)
    site.add("/news/vstrecha-par/", page("Встреча наставнических пар", MENTOR_NEWS))
    site.add("/news/olimpiada/", page("Олимпиада", OTHER_NEWS))
    site.sitemap_templates = {
        "/sitemap.xml": (
            '<?xml version="1.0"?><sitemapindex><sitemap><loc>{origin}/sitemap-news.xml</loc>'
            "</sitemap></sitemapindex>"
        ),
        "/sitemap-news.xml": (
            '<?xml version="1.0"?><urlset>'
            "<url><loc>{origin}/news/vstrecha-par/</loc><lastmod>2026-03-02</lastmod></url>"
            "<url><loc>{origin}/news/olimpiada/</loc><lastmod>2026-01-20</lastmod></url>"
            "<url><loc>{origin}/o-shkole/</loc></url></urlset>"
        ),
    }


def older_news_school(site: Site) -> None:
    """The home page shows its latest news and no archive; an older item, the only one about
    mentorship, is named by the sitemap alone (heldout28)."""
    latest = "".join(
        f'<div class="item"><span>{day}.11.2026</span> <a href="/news/{day}/">Новость</a></div>'
        for day in (10, 11, 12)
    )
    site.add("/", home([("/nastavnichestvo/", "Наставничество")], extra=latest))
    site.add("/nastavnichestvo/", page("Наставничество", '<a href="/f/order.pdf">Приказ</a>'))
    site.add("/f/order.pdf", pdf_bytes(ORDER), PDF)
    for day in (10, 11, 12):
        site.add(f"/news/{day}/", page("Новость", OTHER_NEWS))
    site.add("/news/sobranie/", page("Встреча наставнических пар", MENTOR_NEWS))
    site.sitemap_templates = {
        "/sitemap.xml": (
            '<?xml version="1.0"?><urlset>'
            "<url><loc>{origin}/news/12/</loc><lastmod>2026-11-12</lastmod></url>"
            "<url><loc>{origin}/news/sobranie/</loc><lastmod>2025-11-27</lastmod></url>"
            "</urlset>"
        ),
    }


ORDER_PAGE = (
    "<p>ПРИКАЗ</p><p>29.08.2025 № 14-а</p><p>О внедрении целевой модели наставничества "
    "обучающихся</p><p>В соответствии с распоряжением Минпросвещения России от 25.12.2019 "
    "№ Р-145 ПРИКАЗЫВАЮ: 1. Внедрить целевую модель наставничества обучающихся. 2. Назначить "
    "куратором заместителя директора по УВР.</p>"
)


def mapped_school(site: Site, media: Site) -> None:
    """An old site: the section only on the «Карта сайта» page of the footer; the order
    printed as the section's own text; a file behind a download script; the programme on a
    page the menu shows under another name; the section's news on a WordPress-like tag page
    (a post's title in its own header, dates cut short); the school's news on a media
    centre's host that the menu names «Новости»."""
    menu = home(
        [
            ("/o-shkole/", "О школе"),
            ("/mediatsiya/", "Школьная медиация"),
            (f"{media.origin}/", "Новости"),
        ],
        '<footer><a href="/karta-sayta/">Карта сайта</a></footer>',
    )
    site.add("/", menu)
    site.add("/o-shkole/", page("О школе", "<p>История школы.</p>"))
    site.add(
        "/karta-sayta/",
        page(
            "Карта сайта", links([("/o-shkole/", "О школе"), ("/o-shkole/nast/", "Наставничество")])
        ),
    )
    section = ORDER_PAGE + links(
        [
            ("/download.php?file=nast/polozhenie.pdf", "Положение о наставничестве"),
            ("/mediatsiya/", "Программа наставничества (на странице «Школьная медиация»)"),
            ("/tag/nastavnichestvo/", "Все новости о наставничестве"),
        ]
    )
    site.add("/o-shkole/nast/", page("Наставничество", section))
    site.add("/download.php?file=nast/polozhenie.pdf", pdf_bytes(REGULATION), PDF)
    site.add("/mediatsiya/", page("Школьная медиация", PROGRAM_TEXT))
    posts = "".join(
        f'<article><header><h2><a href="/{slug}/">{title}</a></h2><time>{date}</time></header>'
        f'<footer><a href="/tag/nastavnichestvo/">Наставничество</a> <a href="/tag/cmn/">ЦМН</a>'
        "</footer></article>"
        for slug, title, date in (
            ("den-nastavnika", "День наставника", "2 мар 2026"),
            ("vstrecha-par", "Встреча наставнических пар", "14 янв 2026"),
            ("start", "Старт программы наставничества", "1 окт 2025"),
        )
    )
    site.add("/tag/nastavnichestvo/", page("Метка: Наставничество", posts))
    for slug in ("den-nastavnika", "vstrecha-par", "start"):
        site.add(f"/{slug}/", page("Новость", MENTOR_NEWS))
    cards = "".join(
        f'<li><span>1{n}.10.2026</span> <a href="/novosti/{n}/">Событие {n}</a></li>'
        for n in (1, 2, 3)
    )
    media.add("/", page("Медиацентр школы", f"<ul>{cards}</ul>"))
    for n in (1, 2):
        media.add(f"/novosti/{n}/", page(f"Событие {n}", OTHER_NEWS))
    media.add("/novosti/3/", page("Наставники и наставляемые подвели итоги", MENTOR_NEWS))


def scripted_school(site: Site) -> None:
    """Documents with no link to them: a «Просмотр» button that opens a modal by script
    (`data-href`), a «choose a document» form; the teachers' mentorship in another branch of
    the menu than the pupils'."""
    site.add(
        "/",
        home(
            [
                ("/uchenikam/nastavnichestvo/", "Наставничество"),
                ("/pedagogam/nastavnichestvo-pedagogov/", "Наставничество педагогов"),
            ]
        ),
    )
    button = (
        '<p>Приказ о внедрении ЦМН <button class="js-doc-view" data-href="/upload/prikaz.pdf"'
        ' data-title="Приказ о внедрении целевой модели наставничества">Просмотр</button></p>'
    )
    form = (
        '<form action="/getdoc.php" method="get"><select name="id">'
        '<option value="">— выберите документ —</option>'
        '<option value="31">Дорожная карта ЦМН</option></select>'
        '<button type="submit">Скачать</button></form>'
    )
    site.add("/uchenikam/nastavnichestvo/", page("Наставничество", button + form))
    site.add("/upload/prikaz.pdf", pdf_bytes(ORDER), PDF)
    site.add(
        "/getdoc.php?id=31",
        pdf_bytes(ROADMAP),
        OCTET,
        headers={"Content-Disposition": rfc5987("Дорожная карта.pdf")},
    )
    teachers = '<a href="/uploads/polozhenie_ped.pdf">Положение о наставничестве педагогов</a>'
    site.add("/pedagogam/nastavnichestvo-pedagogov/", page("Наставничество педагогов", teachers))
    site.add("/uploads/polozhenie_ped.pdf", pdf_bytes(REGULATION), PDF)


def feed_home_school(site: Site, mini: Site) -> None:
    """The home page is the news feed, older news on its further pages; the menu's
    «Наставничество» leads to the school's mini-site on another host."""

    def feed(items: list[tuple[str, str, str]], more: str) -> str:
        posts = "".join(
            f'<article><h2><a href="/?news={n}">{title}</a></h2><time>{date}</time>'
            f'<a href="/?news={n}">Читать далее</a></article>'
            for n, title, date in items
        )
        menu = (
            f'<nav><ul class="menu"><li><a href="{mini.origin}/">Наставничество</a></li></ul></nav>'
        )
        return f"<html><body>{menu}<main><h1>Новости школы</h1>{posts}{more}</main></body></html>"

    site.add(
        "/",
        feed(
            [(n, f"Событие {n}", f"1{n}.11.2026") for n in (1, 2, 3)],
            '<a href="/?page=2">Далее</a>',
        ),
    )
    site.add("/?page=2", feed([(9, "Встреча наставнических пар", "02.03.2026")], ""))
    for n in (1, 2, 3):
        site.add(f"/?news={n}", page(f"Событие {n}", OTHER_NEWS))
    site.add("/?news=9", page("Встреча наставнических пар", MENTOR_NEWS))
    # The mini-site is WordPress: every page is its home's address with a query, and its
    # «Документы» names no mentorship — the whole host is the section.
    mini.add(
        "/",
        page(
            "Наставничество",
            '<a href="/files/prikaz.pdf">Приказ о внедрении ЦМН</a>'
            '<ul><li><a href="/?page_id=60">Документы</a></li>'
            '<li><a href="/?cat=2">Новости</a></li></ul>',
        ),
    )
    mini.add("/files/prikaz.pdf", pdf_bytes(ORDER), PDF)
    mini.add("/?page_id=60", page("Документы", '<a href="/files/pol.docx">Положение</a>'))
    mini.add("/files/pol.docx", docx_bytes(REGULATION), DOCX)
    posts = "".join(
        f'<article><time>1{n}.03.2026</time><h2><a href="/?p={n}">Новость {n}</a></h2></article>'
        for n in (5, 6, 7)
    )
    mini.add("/?cat=2", page("Новости", posts))
    for n in (5, 6, 7):
        mini.add(f"/?p={n}", page("Встреча наставнических пар", MENTOR_NEWS))


MEDIATION_PAGE = (
    "<p>Программа наставничества обучающихся «Ровесник – ровеснику» на 2022–2025 годы.</p>"
    "<p>Программа разработана в соответствии с распоряжением Минпросвещения России от "
    "25.12.2019 № Р-145 о целевой модели наставничества. Наставники из числа старшеклассников "
    "помогают наставляемым пятиклассникам освоиться в школе; наставническая пара встречается "
    "раз в неделю, куратор наставничества ведёт учёт пар.</p>"
    "<p>Ожидаемые результаты: каждый наставляемый получает поддержку наставника; "
    "наставники осваивают навыки медиации.</p>"
)


def local_acts_school(site: Site) -> None:
    """No section anywhere: the положение sits in the site's list of local acts, beside acts
    on other subjects and a tutor's положение (a look-alike, named without mentorship); the
    students' programme is printed on the menu page «Школьная медиация»."""
    site.add("/", home([("/dokumenty/", "Документы"), ("/mediaciya/", "Школьная медиация")]))
    site.add("/mediaciya/", page("Школьная медиация", MEDIATION_PAGE))
    rows = "".join(
        f'<tr><td>{n}</td><td>{title}</td><td><a href="/files/lna/{name}">Скачать</a></td></tr>'
        for n, (title, name) in enumerate(
            [
                ("Правила внутреннего распорядка обучающихся", "pvr.pdf"),
                ("Положение о наставничестве", "nastavnichestvo.docx"),
                ("Положение о тьюторском сопровождении", "tutor.pdf"),
            ],
            1,
        )
    )
    act_page = '<p><a href="/dokumenty/pol-pary.html">Положение о наставнических парах</a></p>'
    site.add("/dokumenty/", page("Локальные нормативные акты", f"<table>{rows}</table>{act_page}"))
    pairs_text = "<p>" + " ".join(REGULATION.paragraphs) + "</p>" + MEDIATION_PAGE
    site.add("/dokumenty/pol-pary.html", page("Положение о наставнических парах", pairs_text))
    site.add("/files/lna/nastavnichestvo.docx", docx_bytes(REGULATION), DOCX)
    for name in ("pvr.pdf", "tutor.pdf"):
        site.add(f"/files/lna/{name}", pdf_bytes(DocumentSpec(["Положение", "1. Общие"])), PDF)


def calendar_school(site: Site, disk: Site) -> None:
    """A kindergarten with no news list: its events only in a month grid («Календарь событий»)
    whose current month is empty, earlier months through «« Раньше»; its documents only in a
    shared folder on a cloud disk's host, each file's page there handing the file over."""

    def grid(month: str, cells: str, earlier: str) -> str:
        nav = f'<div class="nav"><a href="/?page_id=1840&amp;month={earlier}">« Раньше</a></div>'
        head = "".join(f"<th>{day}</th>" for day in ("Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"))
        return f"<h2>{month}</h2><table><tr>{head}</tr><tr>{cells}</tr></table>{nav}"

    site.add(
        "/",
        home([("/?page_id=12", "Наставничество"), ("/?page_id=1840", "Календарь событий")]),
    )
    folder = f'<a href="{disk.origin}/d/Qw7Rk">Документы ЦМН (облачная папка)</a>'
    site.add("/?page_id=12", page("Наставничество", folder))
    name = quote("Приказ_87_о_внедрении.pdf")
    disk.add("/d/Qw7Rk", page("Наставничество", f'<a href="/d/Qw7Rk/{name}">Приказ_87.pdf</a>'))
    card = '<a href="/public/download?hash=Qw7Rk&amp;id=1">Скачать</a><a href="/d/Qw7Rk">Назад</a>'
    disk.add(f"/d/Qw7Rk/{name}", page("Приказ_87.pdf", card))
    disk.add("/public/download?hash=Qw7Rk&id=1", pdf_bytes(ORDER), OCTET)
    empty = "".join(f'<td><span class="day">{day}</span></td>' for day in range(1, 8))
    site.add("/?page_id=1840", page("Календарь событий", grid("Декабрь 2026", empty, "2026-10")))
    cells = (
        '<td><span class="day">5</span></td><td><span class="day">6</span>'
        '<a href="/?p=3212">Встреча наставнических пар</a></td>'
        '<td><span class="day">7</span><a href="/?p=3213">Осенний утренник</a></td>'
    )
    site.add(
        "/?page_id=1840&month=2026-10",
        page("Календарь событий", grid("Октябрь 2026", cells, "2026-09")),
    )
    site.add("/?p=3212", page("Встреча наставнических пар", MENTOR_NEWS))
    site.add("/?p=3213", page("Осенний утренник", OTHER_NEWS))


def programme(audience: str) -> bytes:
    lines = [
        f"Программа наставничества {audience}",
        "1. Пояснительная записка",
        "Программа определяет цели, задачи, формы и этапы наставничества в соответствии с",
        "распоряжением Минпросвещения России от 25.12.2019 № Р-145; наставники и наставляемые",
        "работают в парах, куратор подводит итоги реализации программы наставничества.",
    ]
    return docx_bytes(DocumentSpec(lines))


def framed_school(site: Site) -> None:
    """An old static site: the home forwards to a frameset whose menu frame alone links the
    section; the programmes for pupils and for teachers only in one ZIP archive; older news
    only through a «Показать ещё» button that loads the next page of the list."""
    site.add(
        "/",
        '<html><head><meta http-equiv="refresh" content="0; URL=main.htm"></head><body></body>'
        "</html>",
    )
    site.add(
        "/main.htm",
        '<html><frameset cols="200,*"><frame src="menu.htm" name="menu">'
        '<frame src="start.htm" name="main"></frameset></html>',
    )
    menu = '<a href="nastav.htm">Наставничество</a><br><a href="news.htm">Новости</a>'
    site.add("/menu.htm", f"<html><body>{menu}</body></html>")
    site.add("/start.htm", page("Школа", "<p>Добро пожаловать</p>"))
    section = '<a href="doc/programmy.zip">Программы наставничества (архив)</a>'
    site.add("/nastav.htm", page("Наставничество", section))
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("1.docx", programme("обучающихся"))
        bundle.writestr("2.docx", programme("педагогических работников"))
    site.add("/doc/programmy.zip", archive.getvalue(), "application/zip")
    items = "".join(
        f'<div class="item"><span>0{n}.11.2026</span> <a href="/news/{n}.htm">Событие {n}</a></div>'
        for n in (1, 2, 3)
    )
    more = '<button class="more" data-url="/news.htm?ajax=Y&amp;PAGEN_1=2">Показать ещё</button>'
    site.add("/news.htm", page("Новости", items + more))
    site.add(
        "/news.htm?ajax=Y&PAGEN_1=2",
        '<div class="item"><span>02.03.2026</span> '
        '<a href="/news/day.htm">День наставника</a></div>',
    )
    for n in (1, 2, 3):
        site.add(f"/news/{n}.htm", page(f"Событие {n}", OTHER_NEWS))
    site.add("/news/day.htm", page("День наставника", MENTOR_NEWS))


def banner_school(site: Site) -> None:
    """The section reached only through a banner without alt text; its documents in a file
    widget shown in a frame; its roadmap printed on the section page under its stamps."""
    banner = '<a class="banner" href="/cmn/"><img src="/img/b7.png" alt=""></a>'
    site.add("/", home([("/sveden/", "Сведения")], extra=banner))
    site.add("/sveden/", page("Сведения", "<p>Основные сведения</p>"))
    roadmap = (
        "<h2>План мероприятий</h2><div><p>ПРИНЯТО<br>на заседании педагогического совета"
        "<br>протокол № 1 от 01.09.2025</p><p>УТВЕРЖДЕНА<br>приказом от 01.09.2025 № 77/1</p>"
        "<p>План мероприятий (дорожная карта) внедрения целевой модели наставничества "
        "обучающихся на 2025–2026 годы</p><table><tr><th>Мероприятие</th><th>Срок</th>"
        "<th>Ответственный</th></tr><tr><td>Формирование наставнических пар</td>"
        "<td>октябрь 2025</td><td>куратор</td></tr><tr><td>Мониторинг программы "
        "наставничества</td><td>май 2026</td><td>куратор</td></tr></table></div>"
        "<h2>Контакты куратора</h2><p>Заместитель директора по УВР</p>"
    )
    widget = '<iframe src="/widgets/files/?folder=27" width="100%"></iframe>'
    site.add("/cmn/", page("Целевая модель наставничества", widget + roadmap))
    site.add(
        "/widgets/files/?folder=27",
        page("Файлы", '<table><tr><td><a href="/files/27/prikaz.pdf">Приказ</a></td></tr></table>'),
    )
    site.add("/files/27/prikaz.pdf", pdf_bytes(ORDER), PDF)


def pictured_banner_school(site: Site, picture: str, alt: str = "") -> None:
    """The section behind a banner without words at an address that says nothing (edusite's
    `/p45aa1.html`, heldout24): named by the picture's file name, or by its own heading."""
    banner = (
        f'<div class="banners"><a href="/p45aa1.html"><img src="{picture}" alt="{alt}"></a></div>'
    )
    site.add("/", home([("/p2aa1.html", "Сведения"), ("/p7aa1.html", "Новости")], extra=banner))
    site.add("/p2aa1.html", page("Сведения", "<p>Основные сведения</p>"))
    site.add("/p7aa1.html", page("Новости", "<p>Новостей нет.</p>"))
    site.add(
        "/p45aa1.html",
        page(
            "Целевая модель наставничества",
            links([("/DswMedia/polojenie.pdf", "Положение")]),
        ),
    )
    site.add("/DswMedia/polojenie.pdf", pdf_bytes(REGULATION), PDF)


def anchored_school(site: Site) -> None:
    """Госвеб style: the menu's «Наставничество» is a heading's block of the long
    «Документы» page, between the charter and the self-assessment report."""
    site.add(
        "/",
        home([("/dokumenty#nastavnichestvo", "Наставничество"), ("/dokumenty", "Документы")]),
    )
    body = (
        '<h2 id="ustav">Устав</h2><p><a href="/files/ustav.pdf">Устав школы</a></p>'
        '<h2 id="nastavnichestvo">Наставничество</h2><p>Система наставничества.</p>'
        '<div><a href="/files/prikaz.pdf">Приказ о внедрении наставничества</a></div>'
        '<h2 id="otchet">Отчёт о самообследовании</h2>'
        '<p><a href="/files/otchet.pdf">Отчёт</a></p>'
    )
    site.add("/dokumenty", page("Документы", body))
    for name in ("ustav", "prikaz", "otchet"):
        site.add(f"/files/{name}.pdf", pdf_bytes(ORDER), PDF)


def list_with_links(entries: list[tuple[str, str]]) -> bytes:
    """A DOCX «Перечень документов» whose entries are hyperlinks, as Word writes them."""
    return docx_bytes(DocumentSpec(["Перечень документов по наставничеству"], links=entries))


def registry_school(site: Site, storage: Site) -> None:
    """A regional portal: the section's own sidebar menu leads to its «Документы» page
    elsewhere on the site; there a document is a registry page whose «Скачать» is a POST
    form, another opens by script, a third lives on the school's file storage host; the
    blog's posts are dated by their addresses; the news archive lists its months' items
    without dates."""
    side = (
        '<aside class="side"><div>Наставничество</div><ul>'
        '<li><a href="/static_pages/7318">Документы</a></li></ul></aside>'
    )
    site.add(
        "/",
        home(
            [("/static_pages/7312", "Наставничество"), ("/news/", "Новости")],
            extra='<aside><a href="/search/label/Наставничество">Наставничество</a></aside>',
        ),
    )
    site.add(
        "/static_pages/7312",
        page(
            "Наставничество",
            '<a href="/2025/11/blog-post_20.html">Встреча наставников</a><ul><li>'
            '<a href="/static_pages/7400">Приказ от 29.08.2025 № 14-а «О внедрении целевой '
            "модели наставничества»</a></li></ul>",
        ).replace("<main>", side + "<main>"),
    )
    # A dated link that names an act leads to the act (its text typed on a page), not news.
    site.add("/static_pages/7400", page("Приказ № 14-а", ORDER_PAGE))
    site.add("/search/label/Наставничество", page("Наставничество", "<p>Записи с меткой</p>"))
    site.add("/2025/11/blog-post_20.html", page("Встреча наставников", MENTOR_NEWS))
    listed = (
        '<a href="/documents/148.html">Положение о наставничестве</a>'
        "<a href=\"javascript:window.open('/files/prikaz_118.pdf')\">Приказ № 118</a>"
        f'<a href="{storage.origin}/f/8a1d">Дорожная карта наставничества</a>'
        '<a href="/files/perechen.docx">Перечень документов</a>'
    )
    entries = [(f"{site.origin}/files/programma.pdf", "Программа наставничества")]
    site.add("/files/perechen.docx", list_with_links(entries), DOCX)
    site.add(
        "/files/programma.pdf",
        pdf_bytes(DocumentSpec(["Программа наставничества обучающихся", PROGRAM_TEXT[3:-4]])),
        PDF,
    )
    site.add("/static_pages/7318", page("Документы", listed))
    form = (
        '<form method="post" action="/documents/download"><input type="hidden" name="id"'
        ' value="148"><button type="submit">Скачать</button></form>'
    )
    site.add("/documents/148.html", page("Положение о наставничестве", form))
    site.add("/documents/download?id=148", pdf_bytes(REGULATION), PDF)
    site.add("/files/prikaz_118.pdf", pdf_bytes(ORDER), PDF)
    storage.add("/f/8a1d", pdf_bytes(ROADMAP), OCTET)
    site.add("/news/", page("Новости", '<a href="/news/2026/">2026 год</a>'))
    site.add("/news/2026/", page("2026", '<a href="/news/2026/05/">Май</a>'))
    site.add(
        "/news/2026/05/",
        page("Май 2026", '<a href="/news/2026/05/konferentsiya.html">Конференция пар</a>'),
    )
    site.add("/news/2026/05/konferentsiya.html", page("Конференция пар", MENTOR_NEWS))


def categories_school(site: Site) -> None:
    site.add("/", home([("/pedagogam/nastavnichestvo.html", "Наставничество")]))
    site.add(
        "/pedagogam/nastavnichestvo.html",
        page(
            "Наставничество",
            "<p>Документы размещены в разделе «Документы»: "
            '<a href="/documents/category/3.html">Локальные нормативные акты</a>.</p>',
        ),
    )
    acts = [
        (141, "Правила внутреннего распорядка обучающихся"),
        (148, "Положение о наставничестве обучающихся"),
        (150, "Положение о педагогическом совете"),
    ]
    listed = links([(f"/documents/{n}.html", title) for n, title in acts])
    site.add("/documents/category/3.html", page("Локальные нормативные акты", listed))
    for n, title in acts:
        text = " ".join(REGULATION.paragraphs) if n == 148 else "<p>1. Общие положения.</p>" * 30
        site.add(f"/documents/{n}.html", page(title, f"<p>{text}</p>"))


def typo_school(site: Site) -> None:
    site.add("/", home([("/index.php/nastanichestvo_-289", "Настаничество в МБУ ДО ДДТ")]))
    site.add(
        "/index.php/nastanichestvo_-289",
        page("Настаничество в МБУ ДО ДДТ", '<a href="/files/pol.docx">Положение</a>'),
    )
    site.add("/files/pol.docx", docx_bytes(REGULATION), DOCX)


def signed_school(site: Site) -> None:
    """A college's WordPress: subsections in a menu inside the section's content, files with
    detached signatures (.sig), a download-manager link robots.txt closes, a label page of
    posts, and news pages whose dates run into the year («25 Сен2025») behind «Следующая
    страница» (?paged=2)."""
    site.add("/robots.txt", "User-agent: *\nDisallow: /*?wpdmdl=\n", "text/plain")
    site.add("/", home([("/metod/nastavnichestvo/", "Наставничество"), ("/news/", "Новости")]))
    section = (
        '<ul class="menu"><li><a href="/metod/nastavnichestvo/pedagogi/">Наставничество '
        "педагогов</a></li></ul>"
        '<table><tr><td><a href="/files/prikaz.pdf">Приказ о внедрении ЦМН</a></td>'
        '<td><a href="/files/prikaz.pdf.sig">ЭП</a></td></tr></table>'
        "<div><strong>Программа наставничества педагогов «Вместе»</strong> "
        '<a href="/?wpdmdl=412">Скачать</a></div>'
        '<p><a href="/search/label/nast">Все записи о наставничестве</a></p>'
    )
    site.add("/metod/nastavnichestvo/", page("Наставничество", section))
    site.add(
        "/metod/nastavnichestvo/pedagogi/",
        page("Наставничество педагогов", '<a href="/files/pol.docx">Положение</a>'),
    )
    site.add("/files/prikaz.pdf", pdf_bytes(ORDER), PDF)
    site.add("/files/prikaz.pdf.sig", b"0\x82\x01\x00signature", OCTET)
    site.add("/files/pol.docx", docx_bytes(REGULATION), DOCX)
    site.add("/?wpdmdl=412", pdf_bytes(REGULATION), PDF)

    def posts(items: list[tuple[int, str]], more: str = "") -> str:
        body = "".join(
            f'<article><div class="entry-date">{date}</div>'
            f'<h2><a href="/news/?p={n}">Новость {n}</a></h2></article>'
            for n, date in items
        )
        return page("Новости", body + more)

    site.add(
        "/news/",
        posts(
            [(1, "25 Окт2025"), (2, "15 Окт2025"), (3, "05 Окт2025")],
            '<a href="/news/?paged=2">Следующая страница</a>',
        ),
    )
    site.add("/news/?paged=2", posts([(4, "25 Сен2025"), (5, "15 Сен2025"), (6, "05 Сен2025")]))
    site.add("/search/label/nast", posts([(7, "02 Мар2025"), (8, "03 Мар2025"), (9, "04 Мар2025")]))
    for n in range(1, 10):
        site.add(f"/news/?p={n}", page(f"Новость {n}", MENTOR_NEWS if n == 5 else OTHER_NEWS))


def pointing_school(site: Site) -> None:
    """A section of text only that sends the reader to the site's «Документы» by name, news
    kept in a unit's feed that a submenu groups with «Новости», and an old engine's news list
    whose entries are tables of their own (title, teaser, «Дата: …» in rows)."""
    menu = (
        '<nav><ul class="menu"><li><a href="/">Главное</a><ul class="sub">'
        '<li><a href="/main/news">Новости</a></li>'
        '<li><a href="/main/shtab">Штаб воспитательной работы</a></li></ul></li>'
        '<li><a href="/sveden/document">Документы</a></li>'
        '<li><a href="/nastavnichestvo">Наставничество</a></li></ul></nav>'
    )
    site.add(
        "/",
        f'<html><head><meta charset="utf-8"><title>Школа</title></head><body>{menu}'
        "<main><h1>Школа</h1></main></body></html>",
    )
    text = (
        "<p>В школе реализуется целевая модель наставничества, работают наставнические пары."
        "</p><p>Документы школы размещены в разделе «Сведения об образовательной организации»,"
        " подраздел «Документы».</p>"
    )
    site.add("/nastavnichestvo", page("Наставничество", menu + text))
    acts = [
        ("/files/ustav.pdf", "Устав"),
        ("/files/pol.docx", "Положение о наставничестве"),
        ("/files/pravila.pdf", "Правила внутреннего распорядка обучающихся"),
    ]
    site.add("/sveden/document", page("Документы", menu + links(acts)))
    site.add("/files/pol.docx", docx_bytes(REGULATION), DOCX)
    site.add("/files/ustav.pdf", pdf_bytes(ORDER), PDF)
    site.add("/files/pravila.pdf", pdf_bytes(ORDER), PDF)

    def entries(items: list[tuple[str, str]]) -> str:
        return "".join(
            f'<table class="eBlock"><tr><td class="eTitle"><a href="{href}">{title}</a></td></tr>'
            f'<tr><td class="eDetails">Категория: Новости | Дата: {date}</td></tr></table>'
            for href, title, date in items
        )

    site.add(
        "/main/news",
        page(
            "Новости",
            menu
            + entries(
                [
                    ("/main/news/1", "Субботник", "12.10.2025"),
                    ("/main/news/2", "Встреча наставнических пар", "10.10.2025"),
                    ("/main/news/3", "Олимпиада", "05.10.2025"),
                ]
            ),
        ),
    )
    feed = "".join(
        f'<div class="news-item"><span class="date">{day} сентября 2025</span> '
        f'<a href="/main/shtab/{n}">{title}</a></div>'
        for n, day, title in [
            (1, 3, "Неделя безопасности"),
            (2, 2, "Итоги в наставнических парах"),
            (3, 1, "Урок цифры"),
        ]
    )
    site.add(
        "/main/shtab", page("Штаб воспитательной работы", menu + "<h2>Новости штаба</h2>" + feed)
    )
    for n in (1, 2, 3):
        site.add(f"/main/news/{n}", page(f"Новость {n}", MENTOR_NEWS if n == 2 else OTHER_NEWS))
        site.add(f"/main/shtab/{n}", page(f"Штаб {n}", MENTOR_NEWS if n == 2 else OTHER_NEWS))


def card_only_school(site: Site) -> None:
    """A college's constructor without a section: its menu pages list file cards, one of
    them named «Программа наставничества обучающихся» (a card, not a section)."""
    site.add(
        "/",
        home(
            [
                ("/?section_id=20", "Студентам"),
                ("/?section_id=9", "Локальные нормативные акты"),
                ("/dokumenty", "Документы"),
            ]
        ),
    )
    # «Документы» leads to a list of its own, where an act is published as a page.
    site.add(
        "/dokumenty", page("Документы", links([("/dokumenty/lna", "Локальные нормативные акты")]))
    )
    site.add(
        "/dokumenty/lna",
        page("ЛНА", links([("/polozhenie-o-nastavnichestve", "Положение о наставничестве")])),
    )
    site.add(
        "/polozhenie-o-nastavnichestve",
        page("Положение о наставничестве", f"<p>{' '.join(REGULATION.paragraphs)}</p>" * 3),
    )
    site.add(
        "/?section_id=20",
        page("Студентам", links([("/file/card?id=1689", "Программа наставничества обучающихся")])),
    )
    site.add(
        "/?section_id=9",
        page("Локальные акты", links([("/file/card?id=1683", "Положение о наставничестве")])),
    )
    for n, spec in ((1689, REGULATION), (1683, REGULATION)):
        card = f'<p>Дата: 01.09.2025</p><a href="/file/download?id={n}">Скачать</a>'
        site.add(f"/file/card?id={n}", page("Документ", card))
        site.add(f"/file/download?id={n}", docx_bytes(spec), DOCX)


def portal_school(site: Site, portal: Site) -> None:
    """A Drupal section whose sentence sends the reader to a menu page with dated reports,
    a uCoz-like «Статьи» catalogue of categories, and a plan kept on the senior teacher's
    page of an educators' portal that the section's sentence points to."""
    menu = [
        ("/node/1510", "Наставничество"),
        ("/node/1512", "Школа молодого учителя"),
        ("/publ/", "Статьи"),
    ]
    site.add("/", home(menu))
    body = (
        '<p>Работу молодых учителей сопровождает <a href="/node/1512">Школа молодого '
        "учителя</a> – форма наставничества педагогических работников.</p>"
        '<p>План мероприятий размещён на странице старшего воспитателя: <a href="'
        f'{portal.origin}/user/5/page/nastavnichestvo">Наставничество – страница на портале</a>'
        "</p>"
    )
    plan = (
        "<p>Дорожная карта реализации системы наставничества на 2025–2026 годы Утверждена "
        "приказом от 01.09.2025 № 17</p><table><tr><td>Мероприятие</td><td>Срок</td>"
        "<td>Ответственный</td></tr>"
        + "".join(
            f"<tr><td>Встреча наставнических пар № {n}</td><td>октябрь 2025</td>"
            "<td>куратор</td></tr>"
            for n in range(1, 8)
        )
        + "</table>"
    )
    site.add("/node/1510", page("Наставничество", links(menu) + body + plan))
    reports = "".join(
        f'<li>{date} – <a href="/node/{n}">{title}</a></li>'
        for n, date, title in [
            (1688, "15.04.2026", "Итоговое заседание Школы молодого учителя"),
            (1647, "21.01.2026", "Открытые уроки"),
        ]
    )
    site.add("/node/1512", page("Школа молодого учителя", links(menu) + f"<ul>{reports}</ul>"))
    site.add("/node/1688", page("Итоговое заседание", MENTOR_NEWS))
    site.add("/node/1647", page("Открытые уроки", OTHER_NEWS))
    site.add("/publ/", page("Каталог статей", links([("/publ/metod/1", "Методическая работа")])))
    entries = "".join(
        f'<div class="entry"><a href="/publ/metod/{n}-1-0-{n}">Статья {n}</a>'
        f"<div>Раздел: Методическая работа | Дата: 0{n}.03.2026</div></div>"
        for n in (2, 3, 4)
    )
    site.add("/publ/metod/1", page("Методическая работа", entries))
    for n in (2, 3, 4):
        site.add(
            f"/publ/metod/{n}-1-0-{n}", page(f"Статья {n}", MENTOR_NEWS if n == 3 else OTHER_NEWS)
        )
    portal.add(
        "/user/5/page/nastavnichestvo",
        page("Наставничество", '<a href="/files/plan.pdf">Файл plan.pdf</a>'),
    )
    portal.add("/files/plan.pdf", pdf_bytes(ROADMAP), PDF)


def attached_school(site: Site) -> None:
    """Acts where real sites put them beside the section's list of files: a programme printed
    as a page, which the section's dated table of documents leads to; a mentor base printed as
    a table on a page of the menu; a pairs order attached to a mentorship news item."""
    base_page = "/nastavnichestvo/baza-nastavnikov/"
    site.add(
        "/",
        home(
            [
                ("/nastavnichestvo/", "Наставничество"),
                (base_page, "База наставников"),
                ("/news/", "Новости"),
            ]
        ),
    )
    program_title = "Персонализированная программа наставничества молодого учителя на 2025–2026 год"
    table = (
        "<table><tr><th>Документ</th><th>Дата</th></tr>"
        f'<tr><td><a href="/document.php?Did=1">{program_title}</a></td><td>01.09.2025</td></tr>'
        "</table><p>Приказы о закреплении наставнических пар публикуются вместе с новостями.</p>"
    )
    site.add("/nastavnichestvo/", page("Наставничество", table))
    stamp = "<p>УТВЕРЖДАЮ<br>Директор школы<br>приказ от 01.09.2025 № 49-од</p>"
    site.add("/document.php?Did=1", page(program_title, stamp + PROGRAM_TEXT))
    rows = "".join(
        f"<tr><td>{n}</td><td>Наставник {n} (учитель)</td><td>МБОУ «СОШ № 1»</td>"
        f"<td>Наставляемый {n} (молодой учитель, стаж 1 год)</td><td>учитель – учитель</td></tr>"
        for n in range(1, 5)
    )
    base = (
        "<table><tr><th>№</th><th>Ф.И.О. наставника</th><th>Место работы</th>"
        f"<th>Ф.И.О. наставляемого</th><th>Форма наставничества</th></tr>{rows}</table>"
    )
    site.add(base_page, page("База наставников и наставляемых", base))
    items = [("/news/7", "12.09.2025", "Закреплены наставнические пары")] + [
        (f"/news/{n}", f"0{n}.09.2025", f"Событие {n}") for n in range(1, 4)
    ]
    site.add(
        "/news/",
        page(
            "Новости",
            "<ul>"
            + "".join(f'<li><span>{d}</span> <a href="{u}">{t}</a></li>' for u, d, t in items)
            + "</ul>",
        ),
    )
    attachments = (
        "<p>Подписан приказ о закреплении наставнических пар педагогических работников в рамках "
        "целевой модели наставничества; молодые учителя получили наставников.</p>"
        '<p><a href="/upload/prikaz_103.pdf">Приказ № 103 о закреплении наставнических пар</a> '
        '<a href="/upload/foto.pdf">Фотоотчёт с линейки</a></p>'
    )
    site.add("/news/7", page("Закреплены наставнические пары", attachments))
    for n in range(1, 4):
        site.add(f"/news/{n}", page(f"Событие {n}", OTHER_NEWS))
    site.add("/upload/prikaz_103.pdf", pdf_bytes(PAIRS), PDF)
    site.add("/upload/foto.pdf", pdf_bytes(DocumentSpec(["Фотоотчёт с линейки"])), PDF)


def entries_school(site: Site) -> None:
    """News told in sibling blocks (uCoz: the title's block, then the date's block), in a
    list and in its archive by month; a second list opens each entry with its date."""
    site.add("/", home([("/nastavnichestvo/", "Наставничество"), ("/news/", "Новости")]))
    site.add("/nastavnichestvo/", page("Наставничество", '<a href="/f/order.pdf">Приказ о ЦМН</a>'))
    site.add("/f/order.pdf", pdf_bytes(ORDER), PDF)

    def entries(items: list[tuple[str, str, str]], date_first: bool = False) -> str:
        blocks = []
        for url, date, title in items:
            pair = [
                f'<div class="eTitle"><a href="{url}">{title}</a></div>',
                f'<div class="eDetails">{date}</div>',
            ]
            blocks += (pair[::-1] if date_first else pair) + ['<div class="eMessage">…</div>']
        return "".join(blocks)

    archive = '<div class="archive"><a href="/news/2025-10">Октябрь 2025</a></div>'
    recent = [
        (f"/news/event_{n}/2025-11-1{n}-50{n}", f"1{n}.11.2025", f"Событие {n}")
        for n in range(1, 4)
    ]
    site.add("/news/", page("Новости", entries(recent) + archive))
    older = [
        ("/news/olimpiada/2025-10-20-5010", "20.10.2025", "Олимпиада"),
        ("/news/vstrecha_par/2025-10-05-5005", "05.10.2025", "Встреча наставнических пар"),
    ]
    site.add("/news/2025-10", page("Новости за 10.2025", entries(older, date_first=True) + archive))
    for url, _, title in recent + older[:1]:
        site.add(url, page(title, OTHER_NEWS))
    site.add(older[1][0], page(older[1][2], MENTOR_NEWS))


def branch_school(site: Site) -> None:
    """A section whose pages are the children of its item in the site menu (a constructor:
    «Наставничество» ▸ Нормативные документы, Мониторинг), every address a query of the home
    page's; the menu is the same on every page."""
    children = [("/?section_id=61", "Нормативные документы"), ("/?section_id=62", "Мониторинг")]
    nested = "".join(f'<li><a href="{href}">{text}</a></li>' for href, text in children)
    menu = (
        '<nav><ul class="menu"><li><a href="/">Главная</a></li>'
        '<li><a href="/?section_id=2">Сведения об образовательной организации</a></li>'
        f'<li><a href="/?section_id=60">Наставничество</a><ul class="submenu">{nested}</ul></li>'
        "</ul></nav>"
    )

    def framed(title: str, body: str) -> str:
        return page(title, body).replace("<body>", f"<body>{menu}")

    site.add("/", framed("Школа", "<p>Добро пожаловать.</p>"))
    site.add("/?section_id=2", framed("Сведения об образовательной организации", ""))
    site.add("/?section_id=60", framed("Наставничество", "<p>Целевая модель наставничества.</p>"))
    site.add(
        "/?section_id=61",
        framed(
            "Нормативные документы", links([("/file/card?id=8360", "Положение о наставничестве")])
        ),
    )
    site.add("/file/card?id=8360", pdf_bytes(REGULATION), PDF)
    site.add("/?section_id=62", framed("Мониторинг", "<p>Итоги мониторинга будут размещены.</p>"))


PARENTS_NEWS_TITLE = "Онлайн-встреча с родителями: программа наставничества"
PARENTS_NEWS = (
    "<p>20.02.2021</p><p>Куратор рассказала родителям о целевой модели наставничества и "
    "формах «ученик – ученик», «учитель – ученик».</p>"
)


def paged_news_school(site: Site) -> None:
    """The section's news list, linked as news: undated items and a second page, whose one item
    is the news for parents (heldout22). The list leads to further pages of its own address:
    a list, not an item."""
    site.add("/", home([("/nastavnichestvo/", "Наставничество")]))
    site.add(
        "/nastavnichestvo/",
        page("Наставничество", links([("/nastavnichestvo/novosti/", "Новости центра")])),
    )
    site.add(
        "/nastavnichestvo/novosti/",
        page(
            "Новости центра",
            links([("/nastavnichestvo/novosti/pary/", "Стартовали пары «ученик – ученик»")])
            + '<a href="/nastavnichestvo/novosti/?page=2">2</a>'
            + '<a href="/nastavnichestvo/novosti/?page=2">Следующая »</a>',
        ),
    )
    site.add(
        "/nastavnichestvo/novosti/?page=2",
        page(
            "Новости центра",
            links([("/nastavnichestvo/novosti/vstrecha/", "Встреча с родителями")])
            + '<a href="/nastavnichestvo/novosti/">1</a>',
        ),
    )
    site.add("/nastavnichestvo/novosti/pary/", page("Стартовали пары", MENTOR_NEWS))
    site.add("/nastavnichestvo/novosti/vstrecha/", page(PARENTS_NEWS_TITLE, PARENTS_NEWS))


def paged_section_school(site: Site) -> None:
    """The section page shows its news list's first page and a link «2» to the next, which
    leads nowhere further: the link says it is the list's page, not an item (heldout22)."""
    site.add("/", home([("/nastavnichestvo/", "Наставничество")]))
    site.add(
        "/nastavnichestvo/",
        page(
            "Наставничество",
            links([("/nastavnichestvo/novosti/pary/", "Стартовали пары «ученик – ученик»")])
            + '<a href="/nastavnichestvo/novosti/?page=2">2</a>',
        ),
    )
    site.add(
        "/nastavnichestvo/novosti/?page=2",
        page(
            "Новости центра",
            links([("/nastavnichestvo/novosti/vstrecha/", "Встреча с родителями")]),
        ),
    )
    site.add("/nastavnichestvo/novosti/pary/", page("Стартовали пары", MENTOR_NEWS))
    site.add("/nastavnichestvo/novosti/vstrecha/", page(PARENTS_NEWS_TITLE, PARENTS_NEWS))


SQUAD_PAGE = page(
    "Шефство и наставничество",
    "<p>Старшеклассники волонтёрского отряда «Старшие – младшим» шефствуют над начальными "
    "классами: организуют игры на переменах, помогают готовить праздники.</p>"
    '<a href="/docs/polozhenie-otryad.pdf">Положение о волонтёрском отряде</a>',
)
SQUAD_REGULATION = DocumentSpec(
    ["ПОЛОЖЕНИЕ о волонтёрском отряде «Старшие – младшим»", "1. Отряд объединяет учащихся."]
)


def squad_school(site: Site) -> None:
    """A page named after mentorship that tells of a volunteer squad: no section (heldout22)."""
    site.add("/", home([("/vospitanie/shefstvo-i-nastavnichestvo/", "Шефство и наставничество")]))
    site.add("/vospitanie/shefstvo-i-nastavnichestvo/", SQUAD_PAGE)
    site.add("/docs/polozhenie-otryad.pdf", pdf_bytes(SQUAD_REGULATION), PDF)


def squad_beside_section_school(site: Site) -> None:
    """The squad's page scores above the real section, which sits deeper in the menu."""
    site.add(
        "/",
        home(
            [
                ("/vospitanie/shkolnoe-nastavnichestvo/", "Школьное наставничество"),
                ("/metodicheskaya-rabota/", "Методическая работа"),
            ]
        ),
    )
    site.add("/vospitanie/shkolnoe-nastavnichestvo/", SQUAD_PAGE)
    site.add("/docs/polozhenie-otryad.pdf", pdf_bytes(SQUAD_REGULATION), PDF)
    site.add(
        "/metodicheskaya-rabota/",
        page("Методическая работа", links([("/metodicheskaya-rabota/cmn/", "ЦМН педагогов")])),
    )
    site.add(
        "/metodicheskaya-rabota/cmn/",
        page("ЦМН педагогов", links([("/f/polozhenie.pdf", "Положение о наставничестве")])),
    )
    site.add("/f/polozhenie.pdf", pdf_bytes(REGULATION), PDF)


def group_menu(label: str, entries: list[tuple[str, str]]) -> str:
    """A site menu whose item opens no page and groups the section's pages beneath it."""
    children = "".join(f'<li><a href="{href}">{text}</a></li>' for href, text in entries)
    return (
        '<nav><ul class="menu"><li><a href="/">Главная</a></li>'
        f'<li class="has-sub">{label}<ul class="sub">{children}</ul></li>'
        '<li><a href="/news/">Новости</a></li></ul></nav>'
    )


def grouped_page(menu: str, title: str, body: str) -> str:
    return page(title, body).replace("<body>", f"<body>{menu}")


def menu_group_school(site: Site) -> None:
    """The section is a menu group whose label is a bare `#` (heldout22): its entries share
    one address, and the entry at that address is the section's root."""
    entries = [
        ("/centr/", "О центре"),
        ("/centr/dokumenty/", "Документы"),
        ("/centr/novosti/", "Новости центра"),
        ("/centr/nastavniki/", "Наставники"),
    ]
    menu = group_menu('<a href="#">Ресурсный центр наставнических практик</a>', entries)
    site.add("/", grouped_page(menu, "Школа", "<p>Добро пожаловать.</p>"))
    site.add("/centr/", grouped_page(menu, "О центре", "<p>Центр открыт в 2022 году.</p>"))
    site.add(
        "/centr/dokumenty/",
        grouped_page(menu, "Документы", links([("/f/polozhenie.pdf", "Положение")])),
    )
    site.add("/f/polozhenie.pdf", pdf_bytes(REGULATION), PDF)
    site.add(
        "/centr/novosti/",
        grouped_page(
            menu,
            "Новости центра",
            '<div class="item"><span>12.03.2026</span> '
            '<a href="/centr/novosti/vstrecha/">Встреча пар</a></div>',
        ),
    )
    site.add("/centr/novosti/vstrecha/", page("Встреча наставнических пар", MENTOR_NEWS))
    site.add("/centr/nastavniki/", grouped_page(menu, "Наставники", "<p>Список наставников.</p>"))


def span_group_school(site: Site) -> None:
    """The section is a menu group labelled by plain text over pages of unrelated addresses:
    the first is its root, the others its pages."""
    entries = [("/page/12", "Документы"), ("/page/13", "Приказы"), ("/page/14", "Новости")]
    menu = group_menu("<span>Наставничество</span>", entries)
    site.add("/", grouped_page(menu, "Школа", "<p>Добро пожаловать.</p>"))
    site.add(
        "/page/12", grouped_page(menu, "Документы", links([("/f/polozhenie.pdf", "Положение")]))
    )
    site.add("/f/polozhenie.pdf", pdf_bytes(REGULATION), PDF)
    site.add("/page/13", grouped_page(menu, "Приказы", links([("/f/pary.pdf", "Приказ")])))
    site.add("/f/pary.pdf", pdf_bytes(PAIRS), PDF)
    site.add(
        "/page/14",
        grouped_page(
            menu,
            "Новости",
            '<div class="item"><span>12.03.2026</span> '
            '<a href="/page/14/vstrecha">Встреча пар</a></div>',
        ),
    )
    site.add("/page/14/vstrecha", page("Встреча наставнических пар", MENTOR_NEWS))


def pointer_school(site: Site, project: Site) -> None:
    """The section only sends to a site kept apart for the project (heldout27): that site's
    documents and news are the section's; a ministry's site it also names is not."""
    site.add("/", home([("/sveden/cmn/", "Целевая модель наставничества")]))
    site.add(
        "/sveden/cmn/",
        page(
            "Целевая модель наставничества",
            "<p>Все материалы по реализации целевой модели наставничества размещены на "
            "отдельном сайте проекта «Наставник рядом».</p>"
            f'<p><a href="{project.origin}/">Перейти на сайт «Наставник рядом»</a></p>'
            '<p><a href="http://ministry.invalid/">Сайт Министерства просвещения</a></p>',
        ),
    )
    project.add(
        "/",
        page(
            "Наставник рядом",
            links([("/docs/", "Документы"), ("/news/", "Новости проекта")]),
        ),
    )
    project.add("/docs/", page("Документы", links([("/f/polozhenie.pdf", "Положение")])))
    project.add("/f/polozhenie.pdf", pdf_bytes(REGULATION), PDF)
    project.add(
        "/news/",
        page(
            "Новости проекта",
            '<div class="item"><span>12.03.2026</span> '
            '<a href="/news/vstrecha/">Встреча пар</a></div>'
            '<div class="item"><span>02.02.2026</span> '
            '<a href="/news/olimpiada/">Олимпиада</a></div>',
        ),
    )
    project.add("/news/vstrecha/", page("Встреча наставнических пар", MENTOR_NEWS))
    project.add("/news/olimpiada/", page("Олимпиада", OTHER_NEWS))


def monthly_archive_school(site: Site) -> None:
    """The news list shows its latest item and an archive by month whose pages list their
    items undated, at the list's addresses, not under the month's (heldout26)."""
    site.add("/", home([("/news/", "Новости")]))
    months = [("/news/archive/2026-12/", "Декабрь 2026"), ("/news/archive/2023-03/", "Март 2023")]
    site.add(
        "/news/",
        page(
            "Новости",
            '<p><a href="/news/item-3010.html">Ярмарка</a> 05.12.2026</p>'
            f"<div><h3>Архив</h3>{links(months)}</div>",
        ),
    )
    site.add("/news/item-3010.html", page("Ярмарка", "<p>05.12.2026</p>" + OTHER_NEWS))
    site.add(
        "/news/archive/2026-12/",
        page("Архив: Декабрь 2026", '<p><a href="/news/item-3010.html">Ярмарка</a></p>'),
    )
    site.add(
        "/news/archive/2023-03/",
        page("Архив: Март 2023", '<p><a href="/news/item-2390.html">Встреча пар</a></p>'),
    )
    site.add("/news/item-2390.html", page("Встреча пар", "<p>15.03.2023</p>" + MENTOR_NEWS))


def wall_school(site: Site) -> None:
    """News only as the school's social-network wall copied onto a menu page named after the
    network («Мы ВКонтакте», heldout26); the section deeper in the menu."""
    site.add(
        "/", home([("/metodicheskaya-rabota/", "Методическая работа"), ("/vk/", "Мы ВКонтакте")])
    )
    site.add(
        "/metodicheskaya-rabota/",
        page("Методическая работа", links([("/metodicheskaya-rabota/cmn/", "Наставничество")])),
    )
    site.add(
        "/metodicheskaya-rabota/cmn/",
        page("Наставничество", links([("/f/polozhenie.pdf", "Положение")])),
    )
    site.add("/f/polozhenie.pdf", pdf_bytes(REGULATION), PDF)
    posts = [
        ("1845", "12 окт 2023 в 14:05", "Посвящение в молодые специалисты…"),
        ("1850", "20 окт 2023 в 09:30", "Победа в эстафете…"),
        ("1902", "20 ноя 2023 в 16:40", "Неделя наставничества…"),
    ]
    wall = "".join(
        f'<div class="post"><span class="rel_date">{date}</span><div>{teaser}</div>'
        f'<a href="/vk/wall-1_{number}.html">Показать полностью</a></div>'
        for number, date, teaser in posts
    )
    site.add("/vk/", page("Мы ВКонтакте", wall))
    site.add("/vk/wall-1_1845.html", page("Запись", OTHER_NEWS))
    site.add("/vk/wall-1_1850.html", page("Запись", OTHER_NEWS))
    site.add("/vk/wall-1_1902.html", page("Запись", MENTOR_NEWS))


def described_school(site: Site) -> None:
    """A section that sends to the site's documents tree in a list whose items say what each
    page holds («Локальные акты – Положение о системе наставничества»), those pages in the
    site menu; news under a menu label with an adjective («Главные новости»)."""
    tree = [
        ("/dokumenty/lokalnye-akty.html", "Локальные акты"),
        ("/pedagogam/nastavnichestvo.html", "Наставничество педагогов"),
        ("/glavnye-novosti.html", "Главные новости"),
    ]
    site.add("/", home(tree))
    site.add(
        "/pedagogam/nastavnichestvo.html",
        page(
            "Наставничество педагогов",
            "<p>Документы системы наставничества размещены в разделе «Документы»:</p><ul>"
            '<li><a href="/dokumenty/lokalnye-akty.html">Локальные акты</a> – Положение о '
            "системе наставничества педагогических работников</li></ul>",
        ).replace("<body>", f"<body>{home(tree)}"),
    )
    site.add(
        "/dokumenty/lokalnye-akty.html",
        page("Локальные акты", links([("/f/polozhenie.pdf", "Положение о наставничестве")])),
    )
    site.add("/f/polozhenie.pdf", pdf_bytes(REGULATION), PDF)
    site.add(
        "/glavnye-novosti.html",
        page(
            "Главные новости",
            '<div class="item"><span>12.03.2026</span> '
            '<a href="/glavnye-novosti/vstrecha.html">Встреча пар</a></div>',
        ),
    )
    site.add("/glavnye-novosti/vstrecha.html", page("Встреча наставнических пар", MENTOR_NEWS))


def cyrillic_school(site: Site) -> None:
    """WordPress with Cyrillic addresses: the section is a category whose posts live under
    «/новости/…» (percent-encoded in the links, as WordPress prints them)."""
    category, post = "/category/наставничество/", "/новости/встреча-наставнических-пар/"
    site.add("/", home([(quote(category), "Наставничество")]))
    site.add(category, page("Наставничество", links([(quote(post), "Встреча пар")])))
    site.add(post, page("Встреча наставнических пар", MENTOR_NEWS))


def dated_posts(posts: list[tuple[str, str, str]]) -> str:
    """A home page's news block: each post's title as a link, its date beside it."""
    return "".join(
        f'<div class="item"><span class="date">{day}</span><h3><a href="{href}">{title}</a></h3>'
        "</div>"
        for href, title, day in posts
    )


def post_and_branch_school(site: Site) -> None:
    """uCoz style (heldout33): the home page lists a dated post about a parents' meeting on
    mentorship; the section hangs only from the «Методическая работа» page."""
    posts = dated_posts(
        [
            ("/news/sobranie_o_nastavnichestve/2021-02-10-77", PARENTS_NEWS_TITLE, "10.02.2021"),
            ("/news/lyzhnja/2021-02-13-78", "Лыжня России", "13.02.2021"),
        ]
    )
    site.add("/", home([("/index/0-2", "Сведения"), ("/index/0-12", "Методическая работа")], posts))
    site.add("/index/0-2", page("Сведения", "<p>Основные сведения</p>"))
    site.add(
        "/index/0-12",
        page(
            "Методическая работа", links([("/index/0-13", "МО"), ("/index/0-45", "Наставничество")])
        ),
    )
    site.add("/index/0-13", page("Методические объединения", "<p>Состав МО.</p>"))
    site.add("/index/0-45", page("Наставничество", links([("/_ld/0/45_pol.pdf", "Положение")])))
    site.add("/_ld/0/45_pol.pdf", pdf_bytes(REGULATION), PDF)
    site.add(
        "/news/sobranie_o_nastavnichestve/2021-02-10-77", page(PARENTS_NEWS_TITLE, PARENTS_NEWS)
    )
    site.add("/news/lyzhnja/2021-02-13-78", page("Лыжня России", OTHER_NEWS))


def post_and_banner_school(site: Site) -> None:
    """Joomla style (heldout33): a banner without words leads to the section; beside it a
    dated post named after the target model."""
    title = "Информирование родителей о реализации целевой модели наставничества"
    posts = dated_posts([("/novosti/item/412-roditeli-nastavnichestvo", title, "30.11.2020")])
    banner = (
        '<div class="banners"><a href="/nastavnichestvo.html"><img src="/b/1.png" alt=""></a></div>'
    )
    site.add("/", home([("/o-shkole.html", "О школе")], banner + posts))
    site.add("/o-shkole.html", page("О школе", "<p>История школы.</p>"))
    site.add("/novosti/item/412-roditeli-nastavnichestvo", page(title, PARENTS_NEWS))
    site.add(
        "/nastavnichestvo.html",
        page("Наставничество", links([("/images/docs/polozhenie.pdf", "Положение")])),
    )
    site.add("/images/docs/polozhenie.pdf", pdf_bytes(REGULATION), PDF)


TEACHERS_NEWS = (
    "<p>Состоялось занятие «Школы молодого педагога»: наставники и молодые педагоги обсудили "
    "персонализированные программы наставничества.</p>"
)


def machine_dated_school(site: Site) -> None:
    """WordPress style (heldout34): posts dated only in `<time datetime>`, the eye shown
    «2026.10.15», a format no Russian page writes in words."""
    posts = "".join(
        f'<article class="post"><h2><a href="{href}">{title}</a></h2>'
        f'<time datetime="{iso}">{iso.replace("-", ".")}</time><p>{teaser}</p></article>'
        for href, title, iso, teaser in (
            ("/2026/11/20/olimpiada/", "Итоги олимпиады", "2026-11-20", "Названы победители."),
            ("/2026/10/15/shmp/", "Школа молодого педагога", "2026-10-15", "Первое занятие."),
            ("/2026/09/01/den-znaniy/", "День знаний", "2026-09-01", "Линейка."),
        )
    )
    site.add("/", home([("/category/novosti/", "Новости")]))
    site.add("/category/novosti/", page("Рубрика: Новости", posts))
    site.add("/2026/11/20/olimpiada/", page("Итоги олимпиады", OTHER_NEWS))
    site.add("/2026/10/15/shmp/", page("Школа молодого педагога", TEACHERS_NEWS))
    site.add("/2026/09/01/den-znaniy/", page("День знаний", "<p>Праздничная линейка.</p>"))


def told_news_school(site: Site) -> None:
    """An old site in windows-1251 (heldout34): «Новости» tells each item as a dated paragraph
    of its own page, with no page per item."""
    body = (
        "<p><b>18.09.2025</b> Школа молодого учителя: первое занятие молодых педагогов с "
        "наставниками. Обсудили персонализированные программы наставничества.</p>"
        "<p><b>10.10.2025</b> Осенний кросс на стадионе школы для учащихся 5–11 классов.</p>"
    )
    menu = [("news.html", "Новости"), ("kontakt.htm", "Контакты")]
    site.add("/", home(menu).replace("utf-8", "windows-1251").encode("cp1251"), HTML_1251)
    site.add("/news.html", page("Новости", body, "windows-1251").encode("cp1251"), HTML_1251)
    site.add("/kontakt.htm", page("Контакты", "<p>Телефон</p>", "windows-1251").encode("cp1251"))


def attached_posts_school(site: Site) -> None:
    """Joomla blog (heldout34): the newest entry of the section's category links its four
    files beside its title and date; it is still an entry, dated, not a list."""
    files = links([(f"/images/n/{name}.pdf", name) for name in ("prikaz", "p1", "p2", "baza")])
    entry = (
        '<div class="item"><h2><a href="/nast/214-pary">Закрепление наставнических пар</a></h2>'
        '<dl><dd><time datetime="2026-09-10">Опубликовано: 10.09.2026</time></dd></dl>'
        f"<p>Закреплены наставнические пары педагогов.</p>{files}"
        '<p><a href="/nast/214-pary">Подробнее…</a></p></div>'
        '<div class="item"><h2><a href="/nast/205-itogi">Итоги года наставничества</a></h2>'
        '<dl><dd><time datetime="2026-06-05">Опубликовано: 05.06.2026</time></dd></dl>'
        "<p>Подведены итоги.</p></div>"
    )
    site.add("/", home([("/nast", "Наставничество")]))
    site.add("/nast", page("Наставничество", entry))
    site.add("/nast/214-pary", page("Закрепление наставнических пар", TEACHERS_NEWS))
    site.add("/nast/205-itogi", page("Итоги года наставничества", TEACHERS_NEWS))
    for name in ("prikaz", "p1", "p2", "baza"):
        site.add(f"/images/n/{name}.pdf", pdf_bytes(PAIRS), PDF)


def social_news_school(site: Site) -> None:
    """WordPress with the school's VK wall copied onto «Новости ВКонтакте» (heldout35): the
    section is in the menu, the home page shows the wall's two newest posts only."""

    def wall(posts: list[tuple[str, str, str]]) -> str:
        return "".join(
            f"<div class='wall_item'><div class='post_date'>{day}</div>"
            f"<div class='wall_post_text'>{teaser}</div>"
            f"<a href='{href}'>Показать полностью</a></div>"
            for href, day, teaser in posts
        )

    posts = [
        ("/vk/wall-1_2071/", "4 мар 2024 в 16:22", "Лыжные гонки: наши на первом месте!"),
        ("/vk/wall-1_2055/", "23 фев 2024 в 09:00", "Поздравляем с Днём защитника Отечества!"),
        ("/vk/wall-1_1990/", "19 окт 2023 в 11:40", "Девятиклассники – наставники пятиклассников"),
    ]
    menu = [("/?page_id=1523", "Наставничество"), ("/?page_id=30", "Новости ВКонтакте")]
    site.add("/", home(menu, wall(posts[:2])))
    site.add("/?page_id=30", page("Новости ВКонтакте", wall(posts)))
    site.add("/?page_id=1523", page("Наставничество", links([("/f/pol.pdf", "Положение")])))
    site.add("/f/pol.pdf", pdf_bytes(REGULATION), PDF)
    for href, _, teaser in posts[:2]:
        site.add(href, page("Запись со стены", f"<p>{teaser}</p>"))
    site.add("/vk/wall-1_1990/", page("Запись со стены", PARENTS_NEWS))


SCHOOLS = {
    "socialnews": social_news_school,
    "machinedated": machine_dated_school,
    "toldnews": told_news_school,
    "attachedposts": attached_posts_school,
    "postbranch": post_and_branch_school,
    "postbanner": post_and_banner_school,
    "paged": paged_news_school,
    "pagedsection": paged_section_school,
    "squad": squad_school,
    "squadbeside": squad_beside_section_school,
    "menugroup": menu_group_school,
    "monthly": monthly_archive_school,
    "wall": wall_school,
    "oldnews": older_news_school,
    "namedpicture": lambda site: pictured_banner_school(site, "/images/banner_cmn.png"),
    "blindpicture": lambda site: pictured_banner_school(site, "/images/b1.png"),
    # heldout30: the `alt` only says it is a banner, the picture's name says nothing.
    "altpicture": lambda site: pictured_banner_school(site, "/images/b2.png", alt="Баннер"),
    "spangroup": span_group_school,
    "described": described_school,
    "cyrillic": cyrillic_school,
    "branch": branch_school,
    "entries": entries_school,
    "attached": attached_school,
    "cardonly": card_only_school,
    "pointing": pointing_school,
    "signed": signed_school,
    "categories": categories_school,
    "typo": typo_school,
    "localacts": local_acts_school,
    "framed": framed_school,
    "banner": banner_school,
    "anchored": anchored_school,
    "scripted": scripted_school,
    "sitemap": sitemap_school,
    "frames": frames_school,
    "archive": archive_school,
    "cards": cards_school,
    "extless": extensionless_school,
    "onepage": one_page_school,
    "blog": blog_school,
    "news": news_school,
}


@pytest.fixture(scope="module")
def crawled(tmp_path_factory) -> Iterator[dict]:
    root = tmp_path_factory.mktemp("structures")
    sites: dict[str, Site] = {}
    media: Site | None = None
    mini: Site | None = None
    disk: Site | None = None
    storage: Site | None = None
    portal: Site | None = None
    project: Site | None = None
    try:
        for name, build in SCHOOLS.items():
            folder = root / name
            folder.mkdir()
            sites[name] = Site(folder)
            build(sites[name])
        news = sites["news"]
        news.add("/rss.xml", news.rss_template.format(origin=news.origin), "application/rss+xml")
        media_folder = root / "media"
        media_folder.mkdir()
        media = Site(media_folder)
        (root / "mapped").mkdir()
        sites["mapped"] = Site(root / "mapped")
        mapped_school(sites["mapped"], media)
        (root / "mini").mkdir()
        mini = Site(root / "mini")
        (root / "disk").mkdir()
        disk = Site(root / "disk")
        (root / "calendar").mkdir()
        sites["calendar"] = Site(root / "calendar")
        calendar_school(sites["calendar"], disk)
        (root / "storage").mkdir()
        storage = Site(root / "storage")
        (root / "registry").mkdir()
        sites["registry"] = Site(root / "registry")
        registry_school(sites["registry"], storage)
        (root / "portal").mkdir()
        portal = Site(root / "portal")
        (root / "drupal").mkdir()
        sites["drupal"] = Site(root / "drupal")
        portal_school(sites["drupal"], portal)
        (root / "feedhome").mkdir()
        sites["feedhome"] = Site(root / "feedhome")
        feed_home_school(sites["feedhome"], mini)
        (root / "project").mkdir()
        project = Site(root / "project")
        (root / "pointer").mkdir()
        sites["pointer"] = Site(root / "pointer")
        pointer_school(sites["pointer"], project)
        for mapped in (sites["sitemap"], sites["oldnews"]):
            for path, template in mapped.sitemap_templates.items():
                mapped.add(path, template.format(origin=mapped.origin), "application/xml")
        for site in [*sites.values(), media, mini, disk, storage, portal, project]:
            site.start()
        workspace, registry = local_workspace(root, sites)
        outcome = run_audit(workspace, registry, echo=lambda _: None)
        con = duckdb.connect(str(workspace.db_path), read_only=True)
        yield {
            "con": con,
            "run": outcome.run_id,
            "sites": sites,
            "disk": disk.origin,
            "storage": storage.origin,
        }
        con.close()
    finally:
        extra = [
            server.server for server in (media, mini, disk, storage, portal, project) if server
        ]
        stop_all([site.server for site in sites.values()] + extra)


def documents(crawled, org_id: str) -> dict[str, tuple]:
    rows = (
        crawled["con"]
        .execute(
            "SELECT url, link_text, file_ext, extract_status, kind FROM documents"
            " WHERE run_id = ? AND org_id = ?",
            [crawled["run"], org_id],
        )
        .fetchall()
    )
    origin = crawled["sites"][org_id].origin
    return {url.removeprefix(origin): tuple(rest) for url, *rest in rows}


def test_cards_in_the_documents_tree_lead_to_their_files_or_are_the_document(crawled):
    found = documents(crawled, "cards")
    assert found["/getfile/2231"][:2] == ("Приказ о внедрении целевой модели наставничества", "pdf")
    assert found["/getfile/2231"][3] == "order_implementation"
    # A card without a file is a document published as a page.
    assert found["/dokumenty/kartochka-13.html"][1] == "html"
    assert found["/dokumenty/kartochka-13.html"][3] == "program"
    # The site's own «Документы» page (a menu entry) is not taken for a document.
    assert "/dokumenty/" not in found
    # A card listed with the date it was posted is a document's card, not news.
    news = (
        crawled["con"]
        .execute(
            "SELECT count(*) FROM news WHERE run_id = ? AND org_id = 'cards'", [crawled["run"]]
        )
        .fetchone()
    )
    assert news == (0,)


def test_files_are_typed_by_the_response_and_named_by_their_neighbours(crawled):
    found = documents(crawled, "extless")
    assert found["/item/download/45_a1b2"][:3] == ("Положение о наставничестве", "pdf", "ok")
    assert found["/upload/iblock/7f3"][:3] == ("Дорожная карта ЦМН", "docx", "ok")
    assert found["/upload/iblock/7f3"][3] == "roadmap"


def test_a_section_that_is_one_block_of_the_home_page(crawled):
    section = (
        crawled["con"]
        .execute(
            "SELECT section_url FROM sites WHERE run_id = ? AND org_id = 'onepage'",
            [crawled["run"]],
        )
        .fetchone()[0]
    )
    assert section.endswith("/#nastavnichestvo")
    assert "/files/polozhenie.pdf" in documents(crawled, "onepage")


def test_blog_style_section_entries_pages_and_photographed_order(crawled):
    found = documents(crawled, "blog")
    assert found["/index.php/nastavnichestvo/item/download/45_c3"][1] == "pdf"
    assert "/media/k2/programma.docx" in found  # on an entry of the section's second page
    assert found["/images/prikaz_pary.jpg"][1] == "jpg"


def test_news_from_the_menu_list_its_pages_the_feed_and_home_cards(crawled):
    rows = (
        crawled["con"]
        .execute(
            "SELECT url, is_mentorship, news_date FROM news WHERE run_id = ? AND org_id = 'news'",
            [crawled["run"]],
        )
        .fetchall()
    )
    origin = crawled["sites"]["news"].origin
    news = {url.removeprefix(origin): (flag, date) for url, flag, date in rows}
    mentorship = {url for url, (flag, _) in news.items() if flag}
    assert mentorship == {"/news/old-1", "/news/card-item", "/news/feed-item"}
    assert str(news["/news/feed-item"][1]) == "2023-09-05"
    assert {f"/news/{n}" for n in range(1, 5)} <= set(news)  # read, and judged not mentorship


def test_documents_shown_in_frames_and_viewers(crawled):
    found = documents(crawled, "frames")
    assert found["/wp/prikaz.pdf"][:2] == ("Приказ о внедрении целевой модели", "pdf")
    assert found["/wp/polozhenie.pdf"][:2] == ("Положение о наставничестве", "pdf")
    # A viewer's link is a link to the file it shows.
    assert found["/wp/karta.docx"][1:] == ("docx", "ok", "roadmap")
    # A viewer page hands over its file: the file is the document, named as it was listed.
    assert found["/docs/?doc_id=7&method=download"][0] == "Программа наставничества"
    assert found["/docs/?doc_id=7&method=download"][3] == "program"
    assert "/docs/?doc_id=7&method=viewer" not in found
    assert not any("video.example.com" in url for url in found)


def test_news_where_an_old_site_keeps_them(crawled):
    con, run = crawled["con"], crawled["run"]
    site = con.execute(
        "SELECT section_url FROM sites WHERE run_id = ? AND org_id = 'archive'", [run]
    ).fetchone()
    origin = crawled["sites"]["archive"].origin
    # The menu cell beside the dated cards is no list of news: the section is read as one.
    assert site == (f"{origin}/index.php?id=42",)
    rows = con.execute(
        "SELECT url, is_mentorship, news_date, title FROM news "
        "WHERE run_id = ? AND org_id = 'archive'",
        [run],
    ).fetchall()
    news = {url.removeprefix(origin): (flag, str(date), title) for url, flag, date, title in rows}
    assert news["/life/day/"][:2] == (True, "2026-03-02")  # through the month archive
    assert news["/index.php?id=42#news-1"] == (
        True,
        "2026-10-09",
        "Закреплены наставнические пары",
    )
    # A dated line that lists an act tells no news.
    assert "/index.php?id=42#news-2" not in news
    assert "/index.php?id=9" not in news
    assert "/doc/prikaz.pdf" in documents(crawled, "archive")


def test_news_only_in_a_month_grid_calendar_documents_only_in_a_cloud_folder(crawled):
    rows = (
        crawled["con"]
        .execute(
            "SELECT url, is_mentorship, news_date FROM news"
            " WHERE run_id = ? AND org_id = 'calendar'",
            [crawled["run"]],
        )
        .fetchall()
    )
    origin = crawled["sites"]["calendar"].origin
    news = {url.removeprefix(origin): (flag, str(date)) for url, flag, date in rows}
    assert news == {"/?p=3212": (True, "2026-10-06"), "/?p=3213": (False, "2026-10-07")}
    rows = crawled["con"].execute(
        "SELECT url, kind FROM documents WHERE run_id = ? AND org_id = 'calendar'",
        [crawled["run"]],
    )
    name = quote("Приказ_87_о_внедрении.pdf")
    # The file's page on the disk is the document's address; the file behind it is read.
    assert rows.fetchall() == [(f"{crawled['disk']}/d/Qw7Rk/{name}", "order_implementation")]


def test_news_that_only_the_sitemap_lists(crawled):
    rows = (
        crawled["con"]
        .execute(
            "SELECT url, is_mentorship FROM news WHERE run_id = ? AND org_id = 'sitemap'",
            [crawled["run"]],
        )
        .fetchall()
    )
    origin = crawled["sites"]["sitemap"].origin
    news = {url.removeprefix(origin): flag for url, flag in rows}
    assert news == {"/news/vstrecha-par/": True, "/news/olimpiada/": False}


def test_an_old_sites_section_documents_and_news_wherever_they_are(crawled):
    con, run = crawled["con"], crawled["run"]
    origin = crawled["sites"]["mapped"].origin
    section = con.execute(
        "SELECT section_url FROM sites WHERE run_id = ? AND org_id = 'mapped'", [run]
    ).fetchone()
    assert section == (f"{origin}/o-shkole/nast/",)  # found on the «Карта сайта» page
    found = documents(crawled, "mapped")
    # The order printed as the section's own text is the order.
    assert found["/o-shkole/nast/"][1:] == ("html", "ok", "order_implementation")
    # A download script's file= is not an address of its own.
    assert found["/download.php?file=nast/polozhenie.pdf"][1:] == ("pdf", "ok", "regulation")
    assert not any(url.startswith("/nast/") for url in found)
    # The menu shows that page as «Школьная медиация»; the section names the programme by it.
    assert found["/mediatsiya/"][1:] == ("html", "ok", "program")
    rows = con.execute(
        "SELECT url, is_mentorship, news_date FROM news WHERE run_id = ? AND org_id = 'mapped'",
        [run],
    ).fetchall()
    news = {url: (flag, str(date)) for url, flag, date in rows}
    # The section's tag page of posts, dates cut short, each title in the post's own header.
    assert news[f"{origin}/den-nastavnika/"] == (True, "2026-03-02")
    assert news[f"{origin}/start/"] == (True, "2025-10-01")
    # The media centre's host the menu names «Новости».
    media = [url for url, (flag, _) in news.items() if flag and not url.startswith(origin)]
    assert len(media) == 1 and media[0].endswith("/novosti/3/")


def test_documents_without_links_and_a_section_in_two_branches(crawled):
    found = documents(crawled, "scripted")
    assert found["/upload/prikaz.pdf"][:2] == (
        "Приказ о внедрении целевой модели наставничества",
        "pdf",
    )
    assert found["/getdoc.php?id=31"][0] == "Дорожная карта ЦМН"
    assert found["/getdoc.php?id=31"][3] == "roadmap"
    # The teachers' page in the other branch of the menu is read as the section's too.
    assert found["/uploads/polozhenie_ped.pdf"][3] == "regulation"
    assert not any("nastavnichestvo" in url for url in found)  # its pages are no documents


def test_the_home_page_as_news_feed_and_a_section_on_the_schools_mini_site(crawled):
    con, run = crawled["con"], crawled["run"]
    origin = crawled["sites"]["feedhome"].origin
    rows = con.execute(
        "SELECT url, is_mentorship FROM news WHERE run_id = ? AND org_id = 'feedhome'", [run]
    ).fetchall()
    assert (f"{origin}/?news=9", True) in rows  # on the feed's second page
    section = con.execute(
        "SELECT section_url FROM sites WHERE run_id = ? AND org_id = 'feedhome'", [run]
    ).fetchone()[0]
    assert section is not None and not section.startswith(origin)
    documents = con.execute(
        "SELECT url, kind FROM documents WHERE run_id = ? AND org_id = 'feedhome'", [run]
    ).fetchall()
    assert sorted(kind for _, kind in documents) == ["order_implementation", "regulation"]
    mini_news = con.execute(
        "SELECT url FROM news WHERE run_id = ? AND org_id = 'feedhome' AND is_mentorship", [run]
    ).fetchall()
    assert any(url.endswith("/?p=7") for (url,) in mini_news)  # the mini-site's own «Новости»


def test_mentorship_documents_of_a_site_without_a_section_are_still_read(crawled):
    con, run = crawled["con"], crawled["run"]
    section = con.execute(
        "SELECT section_found FROM sites WHERE run_id = ? AND org_id = 'localacts'", [run]
    ).fetchone()[0]
    assert section is False
    found = documents(crawled, "localacts")
    assert sorted(found) == [
        "/dokumenty/pol-pary.html",  # an act published as a page of the list
        "/files/lna/nastavnichestvo.docx",
        "/mediaciya/",
    ]
    assert found["/dokumenty/pol-pary.html"][-1] == "regulation"
    assert found["/files/lna/nastavnichestvo.docx"][-1] == "regulation"
    assert found["/mediaciya/"][-1] == "program"


def test_a_section_that_links_categories_of_the_documents_tree(crawled):
    """The section links the «Документы» tree's categories; each act there is a page of its
    own. A category is the list of its acts, not a document; its mentorship acts are."""
    found = documents(crawled, "categories")
    assert sorted(found) == ["/documents/148.html"]
    assert found["/documents/148.html"][-1] == "regulation"


def test_a_section_named_with_a_typo(crawled):
    con, run = crawled["con"], crawled["run"]
    section = con.execute(
        "SELECT section_url FROM sites WHERE run_id = ? AND org_id = 'typo'", [run]
    ).fetchone()[0]
    assert section.endswith("/index.php/nastanichestvo_-289")


def test_a_frameset_home_an_archive_of_programmes_and_news_loaded_by_a_button(crawled):
    con, run = crawled["con"], crawled["run"]
    origin = crawled["sites"]["framed"].origin
    [(section,)] = con.execute(
        "SELECT section_url FROM sites WHERE run_id = ? AND org_id = 'framed'", [run]
    ).fetchall()
    assert section == f"{origin}/nastav.htm"
    # Each file of the archive is a programme of its own: one for pupils, one for teachers.
    audiences = con.execute(
        "SELECT kind, audience FROM v_documents WHERE run_id = ? AND org_id = 'framed'", [run]
    ).fetchall()
    assert ("program", "both") in audiences and ("program", "students") in audiences
    news = con.execute(
        "SELECT url, is_mentorship FROM news WHERE run_id = ? AND org_id = 'framed'", [run]
    ).fetchall()
    assert (f"{origin}/news/day.htm", True) in news and len(news) == 4


def test_a_banner_section_a_framed_file_widget_and_a_roadmap_printed_on_the_page(crawled):
    con, run = crawled["con"], crawled["run"]
    origin = crawled["sites"]["banner"].origin
    [(section,)] = con.execute(
        "SELECT section_url FROM sites WHERE run_id = ? AND org_id = 'banner'", [run]
    ).fetchall()
    assert section == f"{origin}/cmn/"
    found = dict(
        con.execute(
            "SELECT url, kind FROM documents WHERE run_id = ? AND org_id = 'banner'", [run]
        ).fetchall()
    )
    assert found == {
        f"{origin}/files/27/prikaz.pdf": "order_implementation",
        f"{origin}/cmn/": "roadmap",  # the act printed on the page, read alone
    }


def test_a_section_that_is_a_headings_block_of_a_long_page(crawled):
    found = documents(crawled, "anchored")
    # Only the block under the heading is the section: the charter and the report are not.
    assert set(found) == {"/files/prikaz.pdf"}


def test_a_portals_sidebar_pages_a_posted_form_a_script_link_and_a_storage_host(crawled):
    con, run = crawled["con"], crawled["run"]
    origin = crawled["sites"]["registry"].origin
    [(section,)] = con.execute(
        "SELECT section_url FROM sites WHERE run_id = ? AND org_id = 'registry'", [run]
    ).fetchall()
    assert section == f"{origin}/static_pages/7312"  # the page, not the label's list of posts
    found = dict(
        con.execute(
            "SELECT url, kind FROM documents WHERE run_id = ? AND org_id = 'registry'", [run]
        ).fetchall()
    )
    assert found == {
        f"{origin}/documents/148.html": "regulation",  # the posted form's file, by its card
        f"{origin}/files/prikaz_118.pdf": "order_implementation",
        f"{crawled['storage']}/f/8a1d": "roadmap",
        f"{origin}/files/perechen.docx": found[f"{origin}/files/perechen.docx"],
        f"{origin}/files/programma.pdf": "program",  # reached only through the list's link
        f"{origin}/static_pages/7400": "order_implementation",
    }
    news = dict(
        con.execute(
            "SELECT url, is_mentorship FROM news WHERE run_id = ? AND org_id = 'registry'", [run]
        ).fetchall()
    )
    assert news == {
        f"{origin}/2025/11/blog-post_20.html": True,
        f"{origin}/news/2026/05/konferentsiya.html": True,
    }


def test_signatures_a_closed_download_a_label_page_and_news_behind_the_next_page(crawled):
    con, run = crawled["con"], crawled["run"]
    found = documents(crawled, "signed")
    assert "/files/prikaz.pdf.sig" not in found  # a signature is no document
    assert found["/files/pol.docx"][-1] == "regulation"  # from the subsection in the menu
    assert "/search/label/nast" not in found  # a page of posts is a list, not a document
    closed = con.execute(
        "SELECT fetch_status, kind, audience FROM documents"
        " WHERE run_id = ? AND org_id = 'signed' AND url LIKE '%wpdmdl%'",
        [run],
    ).fetchall()
    assert closed == [("robots", "program", "teachers")]  # not read, named by its neighbour
    mentor_news = con.execute(
        "SELECT url FROM news WHERE run_id = ? AND org_id = 'signed' AND is_mentorship", [run]
    ).fetchall()
    assert [url.rsplit("/", 1)[-1] for (url,) in mentor_news] == ["?p=5"]


def test_documents_where_the_section_sends_and_news_in_a_units_feed_and_table_entries(crawled):
    found = documents(crawled, "pointing")
    # The section's «подраздел «Документы»» is read for its mentorship files only.
    assert found["/files/pol.docx"][-1] == "regulation"
    assert "/files/ustav.pdf" not in found and "/files/pravila.pdf" not in found
    con, run = crawled["con"], crawled["run"]
    news = con.execute(
        "SELECT url, news_date FROM news"
        " WHERE run_id = ? AND org_id = 'pointing' AND is_mentorship",
        [run],
    ).fetchall()
    origin = crawled["sites"]["pointing"].origin
    dated = {url.removeprefix(origin): str(date) for url, date in news}
    assert dated == {"/main/news/2": "2025-10-10", "/main/shtab/2": "2025-09-02"}


def test_a_card_is_never_the_section_and_a_site_without_one_still_shows_its_acts(crawled):
    con, run = crawled["con"], crawled["run"]
    (found,) = con.execute(
        "SELECT section_found FROM sites WHERE run_id = ? AND org_id = 'cardonly'", [run]
    ).fetchone()
    assert found is False
    found = documents(crawled, "cardonly")
    assert found["/file/download?id=1683"][-1] == "regulation"
    # An act page in a list that «Документы» leads to.
    assert found["/polozhenie-o-nastavnichestve"][-1] == "regulation"


def test_pages_the_sections_sentences_send_to_a_catalogue_and_a_portal_page(crawled):
    con, run = crawled["con"], crawled["run"]
    origin = crawled["sites"]["drupal"].origin
    news = con.execute(
        "SELECT url FROM news WHERE run_id = ? AND org_id = 'drupal' AND is_mentorship", [run]
    ).fetchall()
    assert sorted(url.removeprefix(origin) for (url,) in news) == [
        "/node/1688",
        "/publ/metod/3-1-0-3",
    ]
    kinds = con.execute(
        "SELECT kind FROM documents"
        " WHERE run_id = ? AND org_id = 'drupal' AND url LIKE '%plan.pdf'",
        [run],
    ).fetchall()
    assert kinds == [("roadmap",)]
    # The plan printed on the section page under its title and stamp is a document there.
    assert documents(crawled, "drupal")["/node/1510"][-1] == "roadmap"


def test_acts_printed_as_pages_or_attached_to_news_are_the_schools_documents(crawled):
    """What a page is, its heading and stamp say: a dated row of the section's table leads to
    a programme printed as a page (a document, not news); a menu page «База наставников» is
    the base printed as its table; a mentorship news item's attached order is a document, its
    photo report is not."""
    found = documents(crawled, "attached")
    assert found["/document.php?Did=1"][1:] == ("html", "ok", "program")
    assert found["/nastavnichestvo/baza-nastavnikov/"][1:] == ("html", "ok", "mentor_base")
    assert found["/upload/prikaz_103.pdf"][0] == "Приказ № 103 о закреплении наставнических пар"
    assert found["/upload/prikaz_103.pdf"][3] == "order_pairs"
    assert "/upload/foto.pdf" not in found
    news = dict(
        crawled["con"]
        .execute(
            "SELECT url, is_mentorship FROM news WHERE run_id = ? AND org_id = 'attached'",
            [crawled["run"]],
        )
        .fetchall()
    )
    origin = crawled["sites"]["attached"].origin
    assert f"{origin}/document.php?Did=1" not in news
    assert news[f"{origin}/news/7"] is True


def test_entries_told_in_sibling_blocks_are_dated_by_the_block_beside_them(crawled):
    """uCoz lists an entry as the title's block and the date's block: the list and its month
    in the archive are read item by item, whichever block comes first."""
    rows = dict(
        crawled["con"]
        .execute(
            "SELECT url, news_date FROM news WHERE run_id = ? AND org_id = 'entries'",
            [crawled["run"]],
        )
        .fetchall()
    )
    origin = crawled["sites"]["entries"].origin
    assert str(rows[f"{origin}/news/vstrecha_par/2025-10-05-5005"]) == "2025-10-05"
    assert str(rows[f"{origin}/news/olimpiada/2025-10-20-5010"]) == "2025-10-20"
    assert str(rows[f"{origin}/news/event_1/2025-11-11-501"]) == "2025-11-11"


def test_a_sections_pages_are_the_children_of_its_item_in_the_site_menu(crawled):
    found = documents(crawled, "branch")
    # The card's address answers the file itself: that file is the document.
    assert found["/file/card?id=8360"][1:] == ("pdf", "ok", "regulation")


def test_a_list_item_that_says_what_a_menu_page_holds_sends_there(crawled):
    found = documents(crawled, "described")
    assert found["/f/polozhenie.pdf"][-1] == "regulation"
    assert mentorship_news(crawled, "described") == {"/glavnye-novosti/vstrecha.html"}


def test_posts_under_a_cyrillic_news_folder_are_news_not_documents(crawled):
    post = quote("/новости/встреча-наставнических-пар/")
    assert post not in documents(crawled, "cyrillic")
    assert mentorship_news(crawled, "cyrillic") == {post}


def section_path(crawled, org_id: str) -> str | None:
    """The address of the section the run found for a school, less the site's origin."""
    (found,) = (
        crawled["con"]
        .execute(
            "SELECT section_url FROM sites WHERE run_id = ? AND org_id = ?",
            [crawled["run"], org_id],
        )
        .fetchone()
    )
    return found.removeprefix(crawled["sites"][org_id].origin) if found else None


def mentorship_news(crawled, org_id: str) -> set[str]:
    rows = crawled["con"].execute(
        "SELECT url FROM news WHERE run_id = ? AND org_id = ? AND is_mentorship",
        [crawled["run"], org_id],
    )
    origin = crawled["sites"][org_id].origin
    return {url.removeprefix(origin) for (url,) in rows.fetchall()}


def test_a_page_named_after_mentorship_that_tells_of_a_squad_is_no_section(crawled):
    sections = dict(
        crawled["con"]
        .execute(
            "SELECT org_id, section_url FROM sites WHERE run_id = ? AND org_id LIKE 'squad%'",
            [crawled["run"]],
        )
        .fetchall()
    )
    assert sections["squad"] is None
    beside = crawled["sites"]["squadbeside"].origin
    assert sections["squadbeside"] == beside + "/metodicheskaya-rabota/cmn/"
    assert documents(crawled, "squadbeside")["/f/polozhenie.pdf"][-1] == "regulation"


@pytest.mark.parametrize("org_id", ["paged", "pagedsection"])
def test_a_further_page_of_the_sections_news_list_is_the_list_not_an_item(crawled, org_id):
    assert mentorship_news(crawled, org_id) == {
        "/nastavnichestvo/novosti/pary/",
        "/nastavnichestvo/novosti/vstrecha/",
    }


def test_a_menu_group_that_opens_no_page_is_the_section_its_entries_its_pages(crawled):
    sections = dict(
        crawled["con"]
        .execute(
            "SELECT org_id, section_url FROM sites WHERE run_id = ? AND org_id LIKE '%group'",
            [crawled["run"]],
        )
        .fetchall()
    )
    assert sections["menugroup"] == crawled["sites"]["menugroup"].origin + "/centr/"
    assert documents(crawled, "menugroup")["/f/polozhenie.pdf"][-1] == "regulation"
    assert mentorship_news(crawled, "menugroup") == {"/centr/novosti/vstrecha/"}
    assert sections["spangroup"] == crawled["sites"]["spangroup"].origin + "/page/12"
    found = documents(crawled, "spangroup")
    assert found["/f/polozhenie.pdf"][-1] == "regulation"
    assert found["/f/pary.pdf"][-1] == "order_pairs"
    assert mentorship_news(crawled, "spangroup") == {"/page/14/vstrecha"}


@pytest.mark.parametrize("org_id", ["namedpicture", "blindpicture", "altpicture"])
def test_a_banner_without_words_leads_to_the_section(crawled, org_id):
    assert section_path(crawled, org_id) == "/p45aa1.html"
    assert documents(crawled, org_id)["/DswMedia/polojenie.pdf"][-1] == "regulation"


@pytest.mark.parametrize(
    ("org_id", "section", "document"),
    [
        ("postbranch", "/index/0-45", "/_ld/0/45_pol.pdf"),
        ("postbanner", "/nastavnichestvo.html", "/images/docs/polozhenie.pdf"),
    ],
)
def test_a_dated_post_about_mentorship_is_news_not_the_section(crawled, org_id, section, document):
    assert section_path(crawled, org_id) == section
    assert documents(crawled, org_id)[document][-1] == "regulation"
    assert len(mentorship_news(crawled, org_id)) == 1


def test_news_dated_for_machines_told_in_paragraphs_or_with_attachments_are_found(crawled):
    assert mentorship_news(crawled, "machinedated") == {"/2026/10/15/shmp/"}
    # The school's wall copied onto «Новости ВКонтакте» is its news list (heldout35).
    assert mentorship_news(crawled, "socialnews") == {"/vk/wall-1_1990/"}
    assert mentorship_news(crawled, "toldnews") == {"/news.html#news-1"}
    dates = dict(
        crawled["con"]
        .execute(
            "SELECT url, news_date FROM news WHERE run_id = ? AND org_id = 'attachedposts'",
            [crawled["run"]],
        )
        .fetchall()
    )
    origin = crawled["sites"]["attachedposts"].origin
    assert str(dates[origin + "/nast/214-pary"]) == "2026-09-10"


def test_a_section_that_sends_to_a_site_of_its_own_is_read_there(crawled):
    found = documents(crawled, "pointer")
    (address,) = [url for url in found if url.endswith("/f/polozhenie.pdf")]
    assert found[address][-1] == "regulation"
    rows = crawled["con"].execute(
        "SELECT url FROM news WHERE run_id = ? AND org_id = 'pointer' AND is_mentorship",
        [crawled["run"]],
    )
    assert [url for (url,) in rows.fetchall() if url.endswith("/news/vstrecha/")]


def test_an_archive_month_lists_items_kept_at_the_lists_address(crawled):
    assert mentorship_news(crawled, "monthly") == {"/news/item-2390.html"}


def test_a_menu_page_that_lists_dated_posts_is_a_news_list(crawled):
    assert mentorship_news(crawled, "wall") == {"/vk/wall-1_1902.html"}


def test_older_news_only_the_sitemap_names_are_read_beside_the_feed(crawled):
    assert mentorship_news(crawled, "oldnews") == {"/news/sobranie/"}
