"""Roadmap events against the school's news: which events were reported, which were not."""

from __future__ import annotations

import datetime as dt

from crawler.understand.coverage import NewsForCoverage, event_coverage
from reports.findings import coverage_remarks
from reports.reference.context import event_rows

EVENTS = [
    {"title": "Проведение Дня наставника", "due": "февраль 2023", "due_date": "2023-02-28"},
    {"title": "Формирование наставнических пар", "due": "сентябрь 2022", "due_date": "2022-09-30"},
    {
        "title": "Фестиваль лучших практик наставничества",
        "due": "май 2023",
        "due_date": "2023-05-31",
    },
    {
        "title": "Подведение итогов работы наставнических пар",
        "due": "май 2024",
        "due_date": "2024-05-31",
    },
]
NEWS = [
    NewsForCoverage(
        "https://s.ru/news/1",
        dt.date(2023, 2, 17),
        "День наставника в школе",
        "Прошёл День наставника: пары рассказали о своей работе.",
    ),
    NewsForCoverage(
        "https://s.ru/news/2",
        dt.date(2022, 9, 12),
        "Закреплены наставнические пары",
        "Приказом директора закреплены пары «ученик – ученик».",
    ),
    # Names the festival, but a year too late: a report of another festival.
    NewsForCoverage(
        "https://s.ru/news/3",
        dt.date(2024, 5, 20),
        "Фестиваль практик",
        "Состоялся фестиваль лучших практик наставничества.",
    ),
]


def test_each_event_is_matched_by_what_it_names_and_when_it_was_due():
    covered = {event["title"]: event["covered_by"] for event in event_coverage(EVENTS, NEWS)}
    assert covered["Проведение Дня наставника"] == ["https://s.ru/news/1"]
    assert covered["Формирование наставнических пар"] == ["https://s.ru/news/2"]
    assert covered["Фестиваль лучших практик наставничества"] == []
    assert covered["Подведение итогов работы наставнических пар"] == []


def test_words_of_one_family_name_the_same_event():
    """The roadmap plans «издание приказа о закреплении пар»; the news says «закреплены пары»."""
    events = [
        {
            "title": "Издание приказа о закреплении наставнических пар",
            "due_date": "2022-10-31",
        },
        {"title": "Проверка портфолио наставляемых", "due_date": "2022-10-31"},
    ]
    news = [
        NewsForCoverage("p", dt.date(2022, 10, 3), "Закреплены наставнические пары", "Пары."),
        NewsForCoverage("v", dt.date(2022, 10, 3), "Проведение встречи", "Встреча."),
    ]
    covered = [event["covered_by"] for event in event_coverage(events, news)]
    assert covered == [["p"], []]


def test_generic_words_alone_never_match():
    generic = [NewsForCoverage("u", dt.date(2023, 2, 1), "Мероприятие по наставничеству", "")]
    events = [{"title": "Проведение мероприятий по наставничеству", "due_date": "2023-02-28"}]
    assert event_coverage(events, generic)[0]["covered_by"] == []


def test_letter_counts_events_due_and_names_those_not_reported():
    roadmap = {
        "url": "https://s.ru/dk.pdf",
        "kind": "roadmap",
        "title": "Дорожная карта",
        "link_text": "",
        "events": event_coverage(EVENTS, NEWS),
    }
    ((link, text),) = coverage_remarks({"documents": [roadmap]}, dt.date(2023, 6, 1))
    assert link.url == "https://s.ru/dk.pdf"
    # The event due in May 2024 is not yet due on 1 June 2023: three events are counted.
    assert text == (
        "мероприятия, освещённые в новостях сайта: 2 из 3; "
        "не освещены: Фестиваль лучших практик наставничества (май 2023)"
    )


def test_reference_counts_each_schools_events_from_the_results():
    results = {
        "run": {
            "run_id": "r1",
            "audit_date": "2023-06-01",
            "municipality": "Район",
            "profile": {"id": "p", "version": "1"},
        },
        "organisations": [
            {
                "org_id": "s1",
                "short_name": "Школа № 1",
                "name": "Школа № 1",
                "documents": [
                    {"kind": "roadmap", "url": "u", "events": event_coverage(EVENTS, NEWS)}
                ],
            },
            {"org_id": "s2", "short_name": "Школа № 2", "name": "Школа № 2", "documents": []},
        ],
    }
    (row,) = event_rows(results)
    assert (row.org_id, row.covered, row.total) == ("s1", 2, 3)
    assert row.uncovered == "Фестиваль лучших практик наставничества (май 2023)"
