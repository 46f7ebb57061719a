"""The one Jinja2 environment of the report stage; each document renders its HTML through it."""

from __future__ import annotations

import re
from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from .context import readable_url
from .messages import COLLAPSE_TEXT, DRAFT_MARK, LETTER_TEXT, LETTER_TITLE, REFERENCE_TITLE

_ADDRESS = re.compile(r"https?://\S+[^\s.,;:!?»)]")


def addresses(text: str) -> Markup:
    """Text with each web address in it marked as one: an address may wrap anywhere, the
    words around it only at spaces (the rest of the text is escaped as usual)."""
    parts, last = [], 0
    for match in _ADDRESS.finditer(text):
        parts.append(escape(text[last : match.start()]))
        parts.append(Markup('<span class="url">{}</span>').format(match.group(0)))
        last = match.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts)


@lru_cache(maxsize=1)
def environment() -> Environment:
    """Templates from reports/templates with autoescape always on: site text is untrusted."""
    env = Environment(
        loader=PackageLoader("reports", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["addresses"] = addresses
    env.globals.update(
        reference_title=REFERENCE_TITLE,
        letter_title=LETTER_TITLE,
        text=LETTER_TEXT,
        draft_mark=DRAFT_MARK,
        collapse_heading=COLLAPSE_TEXT["heading"],
        readable_url=readable_url,
    )
    return env
