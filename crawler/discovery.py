"""Pure scoring of links as candidates for the mentorship section: lemmatised link texts and URL
slugs, weighed by the signals declared in section_signals.toml."""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from crawler.anchors import menu_groups
from crawler.platforms import is_news_url
from crawler.understand.morph import WORD, LemmaText, analyzer, is_known_word

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


def score_link(url: str, text: str, picture: str = "") -> Score:
    """How likely the link (its text and URL) leads to the mentorship section; a link that
    shows only a picture is also named by the picture's address (`banner_cmn.png`)."""
    declared = signals()
    lemmas = LemmaText(mend_typos(" ".join(text.split())))
    parts = urlsplit(url)
    where = (unquote(parts.path), unquote(parts.query))
    if picture and not lemmas.tokens:
        where += (unquote(urlsplit(picture).path),)
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


# The section's own word, whose misspellings real menus carry («Настаничество»).
KEY_WORDS = ("наставничество", "наставнический")
TYPO_MIN_LETTERS = 9  # shorter words differ by one letter from too many others


@functools.cache
def _key_forms() -> frozenset[str]:
    """Every form of the section's key words («наставничеству», «наставнические»…)."""
    forms = set()
    for word in KEY_WORDS:
        forms.update(form.word for form in analyzer().parse(word)[0].lexeme)
    return frozenset(forms)


def mend_typos(text: str) -> str:
    """The text with a misspelt key word put right: a word the dictionary does not know that
    is one letter away from a form of «наставничество» is that form."""

    def mend(match: re.Match[str]) -> str:
        word = match.group()
        lowered = word.lower().replace("ё", "е")
        if len(lowered) < TYPO_MIN_LETTERS or lowered in _key_forms() or is_known_word(lowered):
            return word
        return next((form for form in _key_forms() if _one_edit(lowered, form)), word)

    return WORD.sub(mend, text)


def _one_edit(a: str, b: str) -> bool:
    """Whether two words differ by one inserted, deleted, replaced or swapped letter."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b) and a[i + 2 :] == b[i + 2 :] and a[i : i + 2] == b[i : i + 2][::-1]:
        return True  # two neighbouring letters swapped («Настваничество»)
    return a[i + (len(a) == len(b)) :] == b[i + 1 :]


def section_groups(response) -> list[tuple[str, list[tuple[str, str]]]]:
    """The menu groups that open no page and whose label names the section (anchors.
    menu_groups): their entries together are the section's pages."""
    return [
        (label, entries)
        for label, entries in menu_groups(response)
        if score_link("", label).value >= SECTION_THRESHOLD
    ]


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
