"""The analytic reference as HTML, rendered by the report stage's one Jinja2 environment."""

from __future__ import annotations

from ..html import environment
from .context import ReferenceContext


def render_reference(context: ReferenceContext) -> str:
    """The analytic reference as one self-contained HTML page."""
    return environment().get_template("reference.html.j2").render(ctx=context)
