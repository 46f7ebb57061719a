"""Which news reports which event of a school's roadmap: the gap the Усть-Ишим letter names
(«освещение мероприятий Дорожной карты»).

An event is reported by a mentorship news item that names what the event names (shared content
words, the roadmap's generic words left out; words of one family count as one: a roadmap plans
«закрепление пар», the news says «закреплены пары») and, when the event has a due date, is
dated near it: from two months before the due date to one month after (events are announced
ahead and reported afterwards; a term «сентябрь 2023» means «by 30.09.2023»).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .morph import WORD, lemma

# Words every roadmap and news item uses: they say nothing about which event is meant (words
# shorter than MIN_LEMMA_LENGTH never count).
GENERIC_LEMMAS = frozenset(
    {
        "мероприятие",
        "проведение",
        "провести",
        "организация",
        "организовать",
        "реализация",
        "реализовать",
        "наставничество",
        "наставнический",
        "наставник",
        "наставляемый",
        "целевой",
        "модель",
        "школа",
        "школьный",
        "обучающийся",
        "педагогический",
        "работник",
        "педагог",
        "учитель",
        "ученик",
        "учебный",
        "рамка",
        "план",
        "дорожный",
        "карта",
        "программа",
        "участие",
        "принять",
        "работа",
        "весь",
        "который",
        "этот",
        "также",
    }
)
MIN_LEMMA_LENGTH = 4
# Letters of a lemma that name its word family («закреплени|е», «закрепи|ть» → «закреп»): six
# keep «проведение» and «проверка» apart.
FAMILY_PREFIX = 6
MIN_SHARED = 2  # content lemmas an event and a news item must share
BEFORE_DUE = dt.timedelta(days=62)
AFTER_DUE = dt.timedelta(days=31)


@dataclass(frozen=True)
class NewsForCoverage:
    url: str
    date: dt.date | None
    title: str
    text: str


def content_lemmas(text: str) -> frozenset[str]:
    """Word families (lemma prefixes) that can tell one event from another."""
    found = set()
    for match in WORD.finditer(text or ""):
        word = lemma(match.group())
        if len(word) >= MIN_LEMMA_LENGTH and word not in GENERIC_LEMMAS:
            found.add(word[:FAMILY_PREFIX])
    return frozenset(found)


def reports_event(event: Mapping, news: NewsForCoverage, news_lemmas: frozenset[str]) -> bool:
    """True when the news item names the event and, if the event is dated, is dated near it."""
    wanted = content_lemmas(str(event.get("title") or ""))
    if not wanted:
        return False
    shared = wanted & news_lemmas
    if len(shared) < min(MIN_SHARED, (len(wanted) + 1) // 2):
        return False
    due = event.get("due_date")
    if due and news.date:
        due_date = dt.date.fromisoformat(due) if isinstance(due, str) else due
        return due_date - BEFORE_DUE <= news.date <= due_date + AFTER_DUE
    return True


def event_coverage(events: Iterable[Mapping], news: Iterable[NewsForCoverage]) -> list[dict]:
    """Each event (as stored in a document's `events`) with `covered_by`: the news items that
    report it, in date order."""
    items = sorted(news, key=lambda item: (item.date or dt.date.min, item.url))
    lemmas = {item.url: content_lemmas(f"{item.title}\n{item.text}") for item in items}
    covered = []
    for event in events:
        urls = [item.url for item in items if reports_event(event, item, lemmas[item.url])]
        covered.append({**event, "covered_by": urls})
    return covered
