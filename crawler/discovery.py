"""Pure scoring of links as candidates for the mentorship section (menus, text, URL slugs)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

# Ordered from specific to generic; weights add up. Stems cover Russian inflection
# («наставничеству», «наставнические практики»).
TEXT_SIGNALS: tuple[tuple[str, re.Pattern[str], float], ...] = (
    ("целевая модель наставничества", re.compile(r"целев\w*\s+модел\w*\s+наставничеств", re.I), 10),
    (
        "ресурсный центр наставнических практик",
        re.compile(r"ресурсн\w*\s+центр\w*\s+наставническ", re.I),
        10,
    ),
    ("реализация ЦМН", re.compile(r"\b(?:ЦМН|ЦМНО)\b"), 9),
    ("наставничество", re.compile(r"^\s*наставничеств\w*\s*$", re.I), 10),
    ("наставничеств…", re.compile(r"наставничеств\w*", re.I), 7),
    ("наставническ…", re.compile(r"наставническ\w*", re.I), 6),
    ("наставник", re.compile(r"наставник\w*", re.I), 3),
)
SLUG_SIGNALS: tuple[tuple[str, re.Pattern[str], float], ...] = (
    ("slug nastavnichestvo", re.compile(r"nastavnichestv|наставничеств", re.I), 5),
    ("slug celevaya-model", re.compile(r"c[e]?l[e]?vaya[-_]model|tselevaya[-_]model", re.I), 5),
    ("slug cmn/tsmn", re.compile(r"(?:^|[/_\-.])(?:cmn|tsmn|цмн)(?:$|[/_\-.])", re.I), 4),
    ("slug nast", re.compile(r"/nast(?:avnik\w*)?(?:\.html?)?/?$", re.I), 4),
)
# Things that mention mentors but are not the section.
PENALTIES: tuple[tuple[str, re.Pattern[str], float], ...] = (
    ("год педагога и наставника", re.compile(r"год\w*\s+педагога\s+и\s+наставника", re.I), -6),
    ("news item", re.compile(r"/(?:news|novosti|\d{4}/\d{2}/\d{2})/.+", re.I), -4),
)
SECTION_THRESHOLD = 5.0
# Menu parents under which real sites nest the section (SITE_PATTERNS.md §2).
PARENT_SIGNALS = re.compile(
    r"сведени\w* об образовательн|педагогам|документ|наша школа|методическ|"
    r"svedeniya|pedagogam|dokument|nasha-shkola|metodich",
    re.I,
)


@dataclass(frozen=True)
class Score:
    value: float
    reasons: tuple[str, ...]


def score_link(url: str, text: str) -> Score:
    """How likely the link (its text and URL) leads to the mentorship section."""
    value = 0.0
    reasons: list[str] = []
    clean_text = " ".join(text.split())
    text_hit = next(((n, w) for n, rx, w in TEXT_SIGNALS if rx.search(clean_text)), None)
    if text_hit:
        value += text_hit[1]
        reasons.append(f"текст: {text_hit[0]}")
    parts = urlsplit(url)
    path, query = unquote(parts.path), unquote(parts.query)
    slug_hit = next(
        ((n, w) for n, rx, w in SLUG_SIGNALS if rx.search(path) or rx.search(query)), None
    )
    if slug_hit:
        value += slug_hit[1]
        reasons.append(slug_hit[0])
    for name, pattern, weight in PENALTIES:
        if pattern.search(clean_text) or pattern.search(path) or pattern.search(query):
            value += weight
            reasons.append(name)
    return Score(value, tuple(reasons))


def is_parent_candidate(url: str, text: str) -> bool:
    """Menu entries worth opening when the home page shows no section link."""
    return bool(PARENT_SIGNALS.search(text) or PARENT_SIGNALS.search(unquote(url)))
