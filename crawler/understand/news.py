"""News facts: is an item about the mentorship system, and for whom."""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import patterns as p
from .morph import LemmaText
from .normalize import normalize
from .signals import audience, body_mentorship, context, masked, phrase_surfaces

QUOTED = re.compile(r"«[^«»]{0,120}»|\"[^\"]{0,120}\"")


@dataclass(frozen=True)
class NewsFacts:
    is_mentorship: bool
    audience: str
    reasons: tuple[str, ...]
    # A mentorship item that speaks to or of parents («родительское собрание о программе
    # наставничества», «уважаемые родители»): the families are informed (Артёмовский plan).
    for_parents: bool = False


def _parents_informed(body: LemmaText) -> list[str]:
    """Where the news speaks to or of parents as its audience or participants; a mention of
    parents as the topic of the teachers' work («работа с родителями») is not one."""
    topics = [span for phrase in p.PARENTS_AS_TOPIC for span in body.find(phrase)]
    found = []
    for phrase in p.PARENTS:
        for start, end in body.find(phrase):
            if not any(s <= start and end <= e for s, e in topics):
                found.append(" ".join(body.text[start:end].split()))
                break
    return found


def classify_news(title: str, text: str) -> NewsFacts:
    """A news item is about mentorship when its headline names the system («наставнические
    пары», «программа наставничества», ЦМН) or its text speaks of it as a document's would.
    A headline's bare «наставник» decides nothing: «День наставника», a contest «Наставник
    года», a coach of olympiad winners are news of other things. A headline that puts
    «наставник» in another field needs the system's own vocabulary in the text."""
    clean = normalize(f"{title or ''}\n{text or ''}")
    title_lemmas = LemmaText(masked(normalize(title or "")))
    body = LemmaText(masked(clean))
    found = context(body)
    named = context(title_lemmas)
    elsewhere = phrase_surfaces(
        title_lemmas, p.OTHER_FIELD_TITLE + p.LOOKALIKE_TITLE + p.NEWS_OTHER_FIELD_TITLE
    )
    counted = None
    if elsewhere:
        # The headline's own words («конкурс «Наставник молодого специалиста»») prove
        # nothing: the text beyond it must speak of the system.
        # Nor does a name in quotes: «Наставник молодого специалиста» names the contest.
        told = context(LemmaText(masked(QUOTED.sub(" ", normalize(text or "")))))
        strong = any(hit.weight >= 1.0 for hit in told.hits)
        is_mentorship = strong and told.has_system_cue
    elif named.has_system_cue:
        is_mentorship = True
    else:
        is_mentorship, counted = body_mentorship(body, clean, found)
    reasons = [hit.surface for hit in named.hits[:2]] + [hit.surface for hit in found.hits[:3]]
    reasons.extend([counted] if counted else [])
    who = "unknown"
    parents: list[str] = []
    if is_mentorship:
        who, audience_reasons = audience(title_lemmas, body)
        reasons.extend(audience_reasons)
        parents = _parents_informed(body)
        reasons.extend(parents[:1])
    return NewsFacts(is_mentorship, who, tuple(dict.fromkeys(reasons)), bool(parents))
