"""Russian typography for text from sites: quotes within quotes, a document's title whole.

Reports print what sites and documents say; a title that ran into the document's first line
of text is cut where that text begins, and quotes nested in quotes become „…“ inside «…».
"""

from __future__ import annotations

import re

# Openings of a Russian act's body that never belong to its title: a title read up to one of
# them ran into the text («… наставничества Во исполнение распоряжения …»). Specific first.
BODY_OPENINGS = (
    "Во исполнение",
    "В соответствии с",
    "В соответствии со",
    "В целях",
    "На основании",
    "Руководствуясь",
    "С целью",
    "ПРИКАЗЫВАЮ",
    "ПОСТАНОВЛЯЮ",
)
# An opening counts after a lower-case word: a title may begin with «В целях…» itself.
_RUN_IN = re.compile(
    r"(?<=[а-яё»”\"])\s+(?:" + "|".join(re.escape(opening) for opening in BODY_OPENINGS) + r")\b"
)
_DANGLING = re.compile(r"[\s,;:–—-]+$")


def nested_quotes(text: str) -> str:
    """«Приказ „О внедрении … в МБОУ „СОШ № 1““»: inner quotes as „лапки“, when balanced."""
    if "«" not in text or text.count("«") != text.count("»"):
        return text
    out, depth = [], 0
    for char in text:
        if char == "«":
            out.append("«" if depth == 0 else "„")
            depth += 1
        elif char == "»" and depth:
            depth -= 1
            out.append("»" if depth == 0 else "“")
        else:
            out.append(char)
    return "".join(out)


def document_title(text: str) -> str:
    """A document's title as printed: cut where its body began, its quotes closed."""
    match = _RUN_IN.search(text)
    if match is None:
        return text
    title = _DANGLING.sub("", text[: match.start()])
    return title + "»" * max(0, title.count("«") - title.count("»"))
