"""A school's letter as HTML, rendered by the report stage's one Jinja2 environment."""

from __future__ import annotations

from ..html import environment
from .context import LetterContext


def render_letter(context: LetterContext) -> str:
    """One school's letter as one self-contained HTML page."""
    return environment().get_template("letter.html.j2").render(ctx=context)
