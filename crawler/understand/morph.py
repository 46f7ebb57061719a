"""Lemmatised tokens and a matcher for declarative lemma phrases."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

WORD = re.compile(r"[А-Яа-яЁёA-Za-z]+")
GAP = "..."
MAX_GAP = 3


@cache
def analyzer():
    """The pymorphy3 analyzer, created once on first use (creating it takes a while)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """The normal form of a word, lower-case, with ё folded to е."""
    lowered = word.lower().replace("ё", "е")
    if not re.search("[а-я]", lowered):
        return lowered
    return analyzer().parse(lowered)[0].normal_form.replace("ё", "е")


@lru_cache(maxsize=50_000)
def is_known_word(word: str) -> bool:
    """Whether the dictionary knows the word (abbreviations such as ЦМН it does not)."""
    return analyzer().word_is_known(word.lower())


@lru_cache(maxsize=50_000)
def can_be_nominative(word: str) -> bool:
    """Whether a word may be nominative: a heading says «ПОЛОЖЕНИЕ», a sentence «Указом …»."""
    parses = analyzer().parse(word.lower())
    return not is_known_word(word) or any("nomn" in parse.tag for parse in parses)


@lru_cache(maxsize=50_000)
def is_nominative_adjective(word: str) -> bool:
    """Whether a word is most likely a nominative adjective («Образовательная», «Годовой»)."""
    parse = analyzer().parse(word.lower())[0]
    return parse.tag.POS == "ADJF" and "nomn" in parse.tag


def has_finite_verb(text: str) -> bool:
    """Whether a line is a sentence: some word of it can only be a finite verb."""
    for word in WORD.findall(text):
        if len(word) < 3 or word.isupper():
            continue
        parses = analyzer().parse(word.lower())
        if parses and all(parse.tag.POS == "VERB" for parse in parses[:2]):
            return True
    return False


@dataclass(frozen=True)
class Token:
    lemma: str
    start: int
    end: int


@dataclass(frozen=True)
class Phrase:
    """A compiled phrase: per position, alternatives of (lemma or prefix, is_prefix); None = gap."""

    source: str
    slots: tuple[tuple[tuple[str, bool], ...] | None, ...]


@lru_cache(maxsize=4096)
def compile_phrase(source: str) -> Phrase:
    """Compile «закрепление|назначение наставни*»: words are lemmatised, `*` marks a prefix."""
    slots: list[tuple[tuple[str, bool], ...] | None] = []
    for word in source.split():
        if word == GAP:
            slots.append(None)
            continue
        alternatives = []
        for alternative in word.split("|"):
            if alternative.endswith("*"):
                alternatives.append((alternative[:-1].lower().replace("ё", "е"), True))
            else:
                alternatives.append((lemma(alternative), False))
        slots.append(tuple(alternatives))
    return Phrase(source=source, slots=tuple(slots))


class LemmaText:
    """A text with its lemmatised tokens, searchable for phrases."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = tuple(
            Token(lemma(match.group()), match.start(), match.end()) for match in WORD.finditer(text)
        )
        self._positions: dict[str, list[int]] = {}
        for index, token in enumerate(self.tokens):
            self._positions.setdefault(token.lemma, []).append(index)

    def find(self, source: str, *, limit: int | None = None) -> list[tuple[int, int]]:
        """Character spans where the phrase occurs, in order."""
        phrase = compile_phrase(source)
        spans: list[tuple[int, int]] = []
        for index in self._candidates(phrase.slots[0]):
            end = self._match_at(phrase.slots, index)
            if end is not None:
                spans.append((self.tokens[index].start, self.tokens[end].end))
                if limit and len(spans) >= limit:
                    break
        return spans

    def _candidates(self, first) -> list[int]:
        """Token indices where the first slot matches, found through the lemma index."""
        if first is None:
            return []
        if all(not is_prefix for _, is_prefix in first):
            found: list[int] = []
            for value, _ in first:
                found.extend(self._positions.get(value, ()))
            return sorted(found)
        return [i for i, token in enumerate(self.tokens) if _slot_matches(first, token.lemma)]

    def starts_with(self, source: str) -> bool:
        """Whether the text's first tokens are the phrase."""
        return bool(self.tokens) and self._match_at(compile_phrase(source).slots, 0) is not None

    def _match_at(self, slots, index: int) -> int | None:
        """Index of the last token matched when the phrase starts at `index`, else None."""
        position = index
        last = None
        for slot_index, slot in enumerate(slots):
            if slot is None:
                continue
            gap_before = slot_index > 0 and slots[slot_index - 1] is None
            reach = MAX_GAP + 1 if gap_before else 1
            found = None
            for candidate in range(position, min(position + reach, len(self.tokens))):
                if _slot_matches(slot, self.tokens[candidate].lemma):
                    found = candidate
                    break
            if found is None:
                return None
            last, position = found, found + 1
        return last


def _slot_matches(slot: tuple[tuple[str, bool], ...], token_lemma: str) -> bool:
    return any(
        token_lemma.startswith(value) if is_prefix else token_lemma == value
        for value, is_prefix in slot
    )
