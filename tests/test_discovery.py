"""Section discovery scoring: real menu titles and slugs win, look-alikes lose."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from crawler.discovery import SECTION_THRESHOLD, is_parent_candidate, mend_typos, score_link
from crawler.platforms import document_extension, is_document_card, is_news_url


@pytest.mark.parametrize(
    ("url", "text"),
    [
        ("http://s.ru/nastavnichestvo/", "Наставничество"),
        ("http://s.ru/p12aa1.html", "Целевая модель наставничества"),
        ("http://s.ru/index.php?id=7", "Реализация ЦМН"),
        ("http://s.ru/page/42", "Ресурсный центр наставнических практик"),
        ("http://s.ru/svedeniya-ob-obrazovatelnoy-organizatsii/nastavnichestvo", ""),
        ("http://s.ru/" + quote("наставничество") + "/", "Раздел"),
        ("http://s.ru/nast.html", "Наставнику"),
        ("http://s.ru/docs/", "К наставничеству педагогов"),
        ("http://s.ru/page/7", "По наставничеству"),
        ("http://s.ru/page/8", "НАСТАВНИЧЕСКИЕ ПРАКТИКИ"),
        ("http://s.ru/page/9", "ЦМН"),
        ("http://s.ru/page/10", "Система наставничества педагогических работников"),
    ],
)
def test_real_section_links_pass_threshold(url, text):
    assert score_link(url, text).value >= SECTION_THRESHOLD


@pytest.mark.parametrize(
    ("url", "text"),
    [
        ("http://s.ru/news/2023/god-pedagoga/", "2023 — Год педагога и наставника"),
        ("http://s.ru/about/", "О школе"),
        ("http://s.ru/2024/03/12/vstrecha/", "Встреча с наставником"),
        ("http://s.ru/kontakty/", "Контакты"),
        ("http://s.ru/sport/", "Наставники спортивных команд"),
        ("http://s.ru/news/2023/god/", "Году педагога и наставника посвящается"),
    ],
)
def test_look_alikes_stay_below_threshold(url, text):
    assert score_link(url, text).value < SECTION_THRESHOLD


@pytest.mark.parametrize(
    ("url", "text"),
    [
        (
            "http://s.ru/nastavnichestvo/prikaz-52/",
            "Приказ № 52 от 03.10.2022 «О закреплении наставнических пар»",
        ),
        ("http://s.ru/nastavnichestvo/polozhenie/", "Положение о наставничестве"),
    ],
)
def test_a_link_naming_one_act_is_that_document_not_the_section(url, text):
    """Under the section's own address, a link to one of its acts outscored the section's
    menu entry (`/#nastavnichestvo`, no address credit) before acts were told apart."""
    assert score_link(url, text).value < SECTION_THRESHOLD
    assert (
        score_link(url, text).value
        < score_link("http://s.ru/#nastavnichestvo", "Наставничество").value
    )


def test_exact_title_beats_news_mention():
    section = score_link("http://s.ru/nastavnichestvo/", "Наставничество").value
    news = score_link("http://s.ru/news/12-nastavnichestvo", "Наставничество в школе").value
    assert section > news


def test_reasons_name_the_declared_signal():
    score = score_link("http://s.ru/nastavnichestvo/", "Наставничеству")
    assert score.reasons == ("текст: наставничество", "slug nastavnichestvo")


def test_parent_menus_are_recognised():
    assert is_parent_candidate("http://s.ru/sveden/", "Сведения об образовательной организации")
    assert is_parent_candidate("http://s.ru/pedagogam-i-sotrudnikam/", "Сотрудникам")
    assert is_parent_candidate("http://s.ru/p12.html", "Сведения об образовательной организации")
    assert is_parent_candidate("http://s.ru/p13.html", "Методическая работа")
    assert not is_parent_candidate("http://s.ru/kontakty/", "Контакты")
    news_title = "Встреча молодых педагогов с наставниками прошла в школе"
    assert not is_parent_candidate("http://s.ru/page/77", news_title)
    assert not is_parent_candidate("http://s.ru/news/detail.php?ID=1", "Педагогам")


def test_platform_urls():
    assert document_extension("http://s.ru/upload/Приказ%20№1.PDF") == "pdf"
    assert document_extension("http://s.ru/file/download?id=15") == "bin"
    assert document_extension("http://s.ru/nastavnichestvo/") is None
    assert is_document_card("http://s.ru/file/card?id=15")
    assert not is_document_card("http://s.ru/file/card")
    assert is_news_url("http://s.ru/news/vstrecha/2024-03-12-15")
    assert is_news_url("http://s.ru/2024/03/12/vstrecha/")
    assert is_news_url("http://s.ru/index.php/novosti")
    assert is_news_url("http://s.ru/index.php/novosti?start=20")
    assert not is_news_url("http://s.ru/nastavnichestvo/")


def test_section_is_named_by_the_menu_when_its_heading_does_not_name_it():
    from cmn_audit.pipeline.staging import _section_name

    url = "http://s.ru/index/0-25"
    led_there = [{"url": url, "text": "Реализация ЦМН", "score": 14.0}]
    headed = {"url": url, "title": "Целевая модель наставничества"}
    assert _section_name(headed, led_there) == "Целевая модель наставничества"
    untitled = {"url": url, "title": "Страница 25"}
    assert _section_name(untitled, led_there) == "Реализация ЦМН"
    assert _section_name(untitled, []) == "Страница 25"


def test_links_without_words_are_named_by_their_picture_and_drop_down_menus_are_links():
    from scrapy.http import HtmlResponse

    from crawler.anchors import menu_choices, shown_labels

    html = (
        '<map name="b"><area href="/nastavnik/index.html" alt="Наставничество"></map>'
        '<a href="/cmn/"><img src="/b7.png" alt=""></a>'
        '<a href="/gia/"><img src="/g.png" title="ГИА-2026"></a>'
        '<select onchange="location=this.value"><option value="">— выберите —</option>'
        '<option value="/nastavnichestvo.php">Наставничество</option></select>'
        '<select name="class"><option value="5a">5 «А»</option></select>'
    )
    page = HtmlResponse("http://s.ru/", body=html.encode(), encoding="utf-8")
    assert shown_labels(page) == {
        "http://s.ru/nastavnik/index.html": "Наставничество",
        "http://s.ru/gia/": "ГИА-2026",
    }
    assert menu_choices(page) == [("http://s.ru/nastavnichestvo.php", "Наставничество")]
    # A banner without words is named by its address alone; a pair of roles names the section.
    assert score_link("http://s.ru/cmn/", "").value >= SECTION_THRESHOLD
    assert score_link("http://s.ru/o-nas/", "").value == 0
    assert score_link("http://s.ru/index/0-52", "Наставник – наставляемый").value >= 9


def test_the_schools_news_named_as_kept_on_another_site():
    from crawler.spiders.discovery import NEWS_LIST_TEXT

    assert NEWS_LIST_TEXT.match("Новости школы на сайте Комитета образования")
    assert not NEWS_LIST_TEXT.match("Сайт Комитета образования")
    assert not NEWS_LIST_TEXT.match("Новости на сайте")


@pytest.mark.parametrize(
    ("text", "mended"),
    [
        ("Настаничество в МБУ ДО ДДТ", "наставничество в МБУ ДО ДДТ"),  # a letter dropped
        ("Настваничество", "наставничество"),  # two letters swapped
        ("Нставнчество", "Нставнчество"),  # two letters dropped: left alone
        ("Настоятельство", "Настоятельство"),  # a word of its own
        ("Наставничеству", "Наставничеству"),  # spelt right
    ],
)
def test_a_misspelt_section_word_is_read_as_meant(text, mended):
    assert mend_typos(text) == mended


def test_a_misspelt_section_name_still_leads_to_the_section():
    url = "http://s.ru/index.php/nastanichestvo_v_mbu_do_ddt_-289"
    assert score_link(url, "Настаничество в МБУ ДО ДДТ").value >= SECTION_THRESHOLD
