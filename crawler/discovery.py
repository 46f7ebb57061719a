"""Pure scoring of links as candidates for the mentorship section: lemmatised link texts and URL
slugs, weighed by the signals declared in section_signals.toml."""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from crawler.platforms import is_news_url
from crawler.understand.morph import LemmaText

SIGNALS_FILE = Path(__file__).with_name("section_signals.toml")


@dataclass(frozen=True)
class Signal:
    name: str
    weight: float
    phrase: str | None = None  # lemma phrase over the link text
    pattern: re.Pattern[str] | None = None  # regex over the URL (and the text, for penalties)
    whole: bool = False
    start: bool = False  # the link text opens with the phrase


@dataclass(frozen=True)
class Signals:
    threshold: float
    text: tuple[Signal, ...]
    slug: tuple[Signal, ...]
    penalty: tuple[Signal, ...]
    parent_phrases: tuple[str, ...]
    parent_pattern: re.Pattern[str]
    parent_max_words: int


@dataclass(frozen=True)
class Score:
    value: float
    reasons: tuple[str, ...]


@functools.cache
def signals() -> Signals:
    """The declared signals, compiled once per process."""
    data = tomllib.loads(SIGNALS_FILE.read_text(encoding="utf-8"))

    def build(entry: dict) -> Signal:
        pattern = entry.get("pattern")
        return Signal(
            name=entry["name"],
            weight=float(entry["weight"]),
            phrase=entry.get("phrase"),
            pattern=re.compile(pattern, re.I) if pattern else None,
            whole=bool(entry.get("whole", False)),
            start=bool(entry.get("start", False)),
        )

    return Signals(
        threshold=float(data["threshold"]),
        text=tuple(build(entry) for entry in data["text"]),
        slug=tuple(build(entry) for entry in data["slug"]),
        penalty=tuple(build(entry) for entry in data["penalty"]),
        parent_phrases=tuple(data["parents"]["phrases"]),
        parent_pattern=re.compile(data["parents"]["pattern"], re.I),
        parent_max_words=int(data["parents"]["max_words"]),
    )


SECTION_THRESHOLD = signals().threshold


def score_link(url: str, text: str) -> Score:
    """How likely the link (its text and URL) leads to the mentorship section."""
    declared = signals()
    lemmas = LemmaText(" ".join(text.split()))
    parts = urlsplit(url)
    where = (unquote(parts.path), unquote(parts.query))
    value = 0.0
    reasons: list[str] = []
    text_hit = next((s for s in declared.text if _text_matches(s, lemmas)), None)
    if text_hit:
        value += text_hit.weight
        reasons.append(f"текст: {text_hit.name}")
    slug_hit = next((s for s in declared.slug if any(s.pattern.search(w) for w in where)), None)
    if slug_hit:
        value += slug_hit.weight
        reasons.append(slug_hit.name)
        if not lemmas.tokens:
            # A link that says nothing (a banner without alt text) is named by its address
            # alone: the slug speaks for the whole link.
            value = max(value, declared.threshold)
            reasons.append("ссылка без текста: только адрес")
    for penalty in declared.penalty:
        if _text_matches(penalty, lemmas) or any(
            penalty.pattern and penalty.pattern.search(w) for w in where
        ):
            value += penalty.weight
            reasons.append(penalty.name)
    return Score(value, tuple(reasons))


def is_parent_candidate(url: str, text: str) -> bool:
    """Menu entries worth opening when the home page shows no section link."""
    declared = signals()
    lemmas = LemmaText(text)
    if len(lemmas.tokens) > declared.parent_max_words or is_news_url(url):
        return False
    return any(lemmas.find(phrase, limit=1) for phrase in declared.parent_phrases) or bool(
        declared.parent_pattern.search(unquote(url))
    )


def _text_matches(signal: Signal, lemmas: LemmaText) -> bool:
    if signal.phrase is None:
        return False
    if signal.whole:
        return len(lemmas.tokens) == len(signal.phrase.split()) and lemmas.starts_with(
            signal.phrase
        )
    if signal.start:
        return lemmas.starts_with(signal.phrase)
    return bool(lemmas.find(signal.phrase, limit=1))
