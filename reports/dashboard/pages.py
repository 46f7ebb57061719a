"""A static dashboard of a run: a municipality overview and a page per school, no server needed.

The pages open from the file system: styles and the one small script are inline, charts are SVG
drawn on the server, links between pages are relative. Text from crawled sites is untrusted, so
the templates autoescape everything, data for the script travels as escaped JSON, only http(s)
links are clickable, and a strict Content-Security-Policy lets nothing but our own hashed script
and style run, so even a missed escape could not execute.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ..files import file_stems, write_text
from ..html import environment
from ..messages import DASHBOARD_SHOWN
from .context import overview_context, school_context

DASHBOARD_DIR = "dashboard"
SCHOOLS_DIR = "schools"
LETTER_FORMATS = ("html", "docx", "pdf")
# Characters that could end a <script> element or a JavaScript string early.
_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def script_json(value: Any) -> Markup:
    """JSON safe inside <script type="application/json">: nothing in it can close the element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in _JSON_ESCAPES.items():
        text = text.replace(char, escaped)
    return Markup(text)


def csp_hash(source: str) -> str:
    """The CSP source expression that allows exactly this inline script or style."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _asset(name: str) -> str:
    env = environment()
    return env.loader.get_source(env, f"dashboard/{name}")[0]


def _page_globals() -> dict[str, Any]:
    """The inline script and style of every page and the policy that admits only them."""
    script, style = _asset("dashboard.js"), _asset("dashboard.css")
    policy = (
        f"default-src 'none'; script-src {csp_hash(script)}; style-src {csp_hash(style)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    return {
        "script": Markup(script),
        "style": Markup(style),
        "csp": policy,
        "table": table_json,
    }


def table_json(rows: list[dict[str, Any]]) -> Markup:
    """What the script needs for one table: per row its sort keys, search text and filters."""
    return script_json({"rows": rows, "shown": DASHBOARD_SHOWN})


def _letter_links(letter: Path | None, page_dir: Path) -> dict[str, str]:
    """Relative links from a school page to its letter in HTML, DOCX and PDF, those written."""
    if letter is None:
        return {}
    found = {ext: letter.with_suffix(f".{ext}") for ext in LETTER_FORMATS}
    return {
        ext.upper(): Path(os.path.relpath(path, page_dir)).as_posix()
        for ext, path in found.items()
        if path.is_file()
    }


def write_dashboard(
    results: dict[str, Any], out_dir: Path, *, letters: Mapping[str, Path] | None = None
) -> Path:
    """Write dashboard/index.html and dashboard/schools/<id>.html; return the overview's path.

    `letters` maps org_id to the school's letter (any of its .docx/.html/.pdf files) so its
    page can link to it.
    """
    root = Path(out_dir) / DASHBOARD_DIR
    schools_dir = root / SCHOOLS_DIR
    schools_dir.mkdir(parents=True, exist_ok=True)
    env = environment()
    page = _page_globals()
    stems = file_stems(results["organisations"])
    written = set()
    for org in results["organisations"]:
        letter = _letter_links((letters or {}).get(org["org_id"]), schools_dir)
        context = school_context(results, org, letter)
        html = env.get_template("dashboard/school.html.j2").render(ctx=context, page=page)
        written.add(write_text(schools_dir / f"{stems[org['org_id']]}.html", html).name)
    for stale in schools_dir.glob("*.html"):  # schools of an earlier rendering of this run
        if stale.name not in written:
            stale.unlink()
    pages = {org_id: f"{SCHOOLS_DIR}/{stem}.html" for org_id, stem in stems.items()}
    overview = env.get_template("dashboard/index.html.j2").render(
        ctx=overview_context(results, pages), page=page
    )
    return write_text(root / "index.html", overview)


__all__ = ["csp_hash", "script_json", "table_json", "write_dashboard"]
