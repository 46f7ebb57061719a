"""News facts: is an item about the mentorship system, and for whom."""

from __future__ import annotations

from dataclasses import dataclass

from . import patterns as p
from .morph import LemmaText
from .normalize import normalize
from .signals import audience, context, masked, phrase_surfaces


@dataclass(frozen=True)
class NewsFacts:
    is_mentorship: bool
    audience: str
    reasons: tuple[str, ...]


def classify_news(title: str, text: str) -> NewsFacts:
    """A news item is about mentorship when its title says so (unless the title puts
    «наставник» in another field and the text has no system context) or its text has system
    context."""
    title_lemmas = LemmaText(masked(normalize(title or "")))
    body = LemmaText(masked(normalize(f"{title or ''}\n{text or ''}")))
    topic = phrase_surfaces(title_lemmas, p.TITLE_TOPIC)
    found = context(body)
    strong = any(hit.weight >= 1.0 for hit in found.hits)
    # «…победителей олимпиады и их наставников»: a title naming another field needs the
    # mentorship system in the text before its «наставник» counts.
    elsewhere = phrase_surfaces(
        title_lemmas, p.OTHER_FIELD_TITLE + p.LOOKALIKE_TITLE + p.NEWS_OTHER_FIELD_TITLE
    )
    titled = bool(topic) and (strong or not elsewhere)
    is_mentorship = titled or (found.score >= p.NEWS_THRESHOLD and strong)
    reasons = topic[:2] + [hit.surface for hit in found.hits[:3]]
    who = "unknown"
    if is_mentorship:
        who, audience_reasons = audience(title_lemmas, body)
        reasons.extend(audience_reasons)
    return NewsFacts(is_mentorship, who, tuple(dict.fromkeys(reasons)))
