"""Write a school's letter as DOCX from a Word template (docxtpl) the centre can edit.

The built-in template is reports/templates/letter.docx; `cmn-audit init` copies it into the
workspace, where the centre changes wording and layout in Word. Every value is escaped
(autoescape), so text from a crawled site can never become a tag or break the document.
"""

from __future__ import annotations

import functools
import io
import os
import re
import zipfile
from importlib import resources
from pathlib import Path
from typing import Any

from docx.opc.exceptions import PackageNotFoundError
from docxtpl import DocxTemplate, RichText
from jinja2 import (
    Environment,
    StrictUndefined,
    Template,
    TemplateError,
    TemplateSyntaxError,
    UndefinedError,
    meta,
)
from lxml import etree

from ..context import Link
from ..messages import DRAFT_MARK, LETTER_TEMPLATE_ERROR, LETTER_TEMPLATE_PROBLEMS, LETTER_TEXT
from .context import Finding, FollowUpNote, LetterContext

LINK_STYLE = "Hyperlink"  # character style of the built-in template
# The names a template may use at its top level; docs/letters.md describes each one.
FIELDS = frozenset(
    {
        "centre",
        "letter",
        "audit",
        "school",
        "greeting",
        "intro",
        "site",
        "section",
        "follow_up",
        "acknowledgement",
        "found",
        "missing",
        "advised",
        "unchecked",
        "broken",
        "remarks",
        "optional",
        "summary",
        "deadline",
    }
)
_TAGS = re.compile(r"<[^>]+>")


COMPILED_SOURCES_KEPT = 32  # template parts kept compiled: a few templates' worth


class LetterTemplateError(Exception):
    """A letter template the centre must fix; the message is Russian and names the file.

    Defined here, below the application, which shows it to the user as its own error."""


def builtin_template() -> Path:
    """The letter template shipped with cmn-audit."""
    return Path(str(resources.files("reports").joinpath("templates", "letter.docx")))


class _CompiledOnce(Environment):
    """An environment that compiles each distinct source once: docxtpl hands it the same
    template XML for every school's letter (its body, headers, footers and properties), and
    compiling it was most of a letter's time."""

    def __init__(self, **options) -> None:
        super().__init__(**options)
        self._compiled: dict[str, Template] = {}

    def from_string(self, source, globals=None, template_class=None):  # noqa: A002 - Jinja's
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        if source not in self._compiled:
            if len(self._compiled) >= COMPILED_SOURCES_KEPT:  # a run's template changed
                self._compiled.clear()
            self._compiled[source] = super().from_string(source)
        return self._compiled[source]


@functools.cache
def _environment() -> Environment:
    # Autoescape: a site's «<script>» or «{{ }}» is printed as text, never parsed as XML or tags.
    return _CompiledOnce(autoescape=True, undefined=StrictUndefined)


def _problem(path: Path, key: str, **details: str) -> LetterTemplateError:
    problem = LETTER_TEMPLATE_PROBLEMS[key].format(**details)
    return LetterTemplateError(LETTER_TEMPLATE_ERROR.format(path=path, problem=problem))


def _syntax_detail(error: TemplateSyntaxError, source: str) -> str:
    """The template's own words around a broken tag, so the centre finds it in Word."""
    lines = source.splitlines()
    line = lines[error.lineno - 1] if error.lineno and error.lineno <= len(lines) else ""
    text = " ".join(_TAGS.sub("", line).split())
    message = error.message or ""
    quoted = re.findall(r"'([^']+)'", message)
    if "unexpected end of template" in message.lower():
        # Jinja reports the end of the document, not the open tag: name the tag instead.
        block = quoted[-1] if quoted else "if"
        return LETTER_TEMPLATE_PROBLEMS["unclosed"].format(tag=block)
    if "unknown tag" in message.lower() and quoted:
        reason = LETTER_TEMPLATE_PROBLEMS["unknown_tag"].format(tag=quoted[0])
    else:
        reason = LETTER_TEMPLATE_PROBLEMS["bad_tag"]
    return LETTER_TEMPLATE_PROBLEMS["where"].format(reason=reason, text=text) if text else reason


class LetterTemplate:
    """A DOCX letter template, checked once and then filled in for every school."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path else builtin_template()
        try:
            self._bytes = self.path.read_bytes()
        except OSError as error:
            raise _problem(self.path, "unreadable", error=error.strerror or str(error)) from error
        self._check()

    def _open(self) -> DocxTemplate:
        template = DocxTemplate(io.BytesIO(self._bytes))
        try:
            template.init_docx()
        except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as error:
            raise _problem(self.path, "not_docx") from error
        except etree.XMLSyntaxError as error:
            raise _problem(self.path, "not_docx") from error
        return template

    def _check(self) -> None:
        """Refuse a broken tag or an unknown field before any letter is written."""
        template = self._open()
        environment = _environment()
        parts = [template.docx._element.body]
        for relation in template.docx.part.rels.values():
            if relation.reltype in (DocxTemplate.HEADER_URI, DocxTemplate.FOOTER_URI):
                parts.append(etree.fromstring(relation.target_part.blob))
        used: set[str] = set()
        for part in parts:
            # The same preparation docxtpl applies before rendering, one paragraph a line.
            source = template.patch_xml(template.xml_to_string(part))
            source = re.sub(r"<w:p([ >])", r"\n<w:p\1", source)
            try:
                used |= meta.find_undeclared_variables(environment.parse(source))
            except TemplateSyntaxError as error:
                raise _problem(self.path, "syntax", detail=_syntax_detail(error, source)) from error
        unknown = sorted(used - FIELDS)
        if unknown:
            raise _problem(self.path, "unknown", name=unknown[0])

    def render(self, ctx: LetterContext, path: Path) -> Path:
        """Fill the template with one school's letter and save it atomically at `path`."""
        template = self._open()
        try:
            template.render(fields(ctx, template), _environment(), autoescape=True)
        except UndefinedError as error:
            # «'dict object' has no attribute 'nam'»: name the field the template asked for.
            quoted = re.findall(r"'([^']+)'", str(error))
            name = quoted[-1] if quoted else str(error)
            raise _problem(self.path, "unknown", name=name) from error
        except TemplateError as error:
            raise _problem(self.path, "render", detail=str(error)) from error
        if ctx.draft:  # whatever the centre's template looks like, a draft says so on top
            body = template.docx.paragraphs
            mark = body[0].insert_paragraph_before(DRAFT_MARK) if body else None
            if mark is not None:
                mark.runs[0].bold = True
        temporary = path.with_name(path.name + ".tmp")
        template.save(str(temporary))
        os.replace(temporary, path)
        return path


def _links(template: DocxTemplate, links: tuple[Link, ...]) -> RichText | str:
    """Clickable links separated by «; »; an unsafe URL is printed as plain text."""
    if not links:
        return ""
    rich = RichText()
    for index, link in enumerate(links):
        if index:
            rich.add("; ")
        if link.href:
            rich.add(link.label, url_id=template.build_url_id(link.href), style=LINK_STYLE)
        else:
            rich.add(link.label)
    return rich


def _page(template: DocxTemplate, text: str, link: Link) -> RichText:
    """«Методическая копилка — school.ru/metod»: a page read, by its link's text and address."""
    rich = RichText()
    if text:
        rich.add(LETTER_TEXT["visited_item"].format(text=text))
    if link.href:
        rich.add(link.label, url_id=template.build_url_id(link.href), style=LINK_STYLE)
    else:
        rich.add(link.label)
    return rich


def _finding(template: DocxTemplate, finding: Finding, number: int) -> dict[str, Any]:
    if finding.outcome == "fail":
        detail = f"{finding.outcome_label}. {finding.recommendation}"
    elif finding.outcome == "not_checked":
        detail = f"{finding.outcome_label}: {finding.note}"
    else:
        detail = finding.outcome_label
    shown = () if finding.outcome == "fail" and finding.recommendation else finding.links
    return {
        "number": number,
        "rule_id": finding.rule_id,
        "title": finding.title,
        "decision": finding.decision,
        "label": finding.label,
        "outcome": finding.outcome_label,
        "recommendation": finding.recommendation,
        "note": finding.note,
        "deadline": finding.deadline_date,
        "detail": detail,
        "links": _links(template, finding.links),
        "detail_links": _links(template, shown),
    }


def _follow_up(note: FollowUpNote | None) -> dict[str, Any]:
    """The earlier letter's findings by status; every list empty when there is none."""
    groups = ("fixed", "not_fixed", "not_checked")
    shown: dict[str, Any] = {"shown": note is not None}
    for key in groups:
        found = getattr(note, key) if note else ()
        shown[key] = [
            {"number": n, "title": f.title, "status": f.status_label}
            for n, f in enumerate(found, start=1)
        ]
        shown[f"{key}_text"] = getattr(note, f"{key}_text") if note else ""
    return shown


def fields(ctx: LetterContext, template: DocxTemplate) -> dict[str, Any]:
    """The plain values a template sees; docs/letters.md lists them for the centre."""
    head = ctx.letterhead
    site_text = (
        ctx.site_text if ctx.site_checked else f"{ctx.site_text} {LETTER_TEXT['site_address']}"
    )
    return {
        "centre": {
            "name": head.name,
            "address": head.address,
            "phone": head.phone,
            "email": head.email,
            "signatory_post": head.signatory_post,
            "signatory_name": head.signatory_name,
            "executor_name": head.executor_name,
            "executor_phone": head.executor_phone,
        },
        "letter": {
            "number": ctx.number_text,
            "date": ctx.letter_date_text,
            "title": ctx.subject,
            "subject": ctx.subject,
            "reply": ctx.reply,
            "draft": ctx.draft,
        },
        "audit": {
            "date": ctx.run.audit_date_short,
            "date_text": ctx.run.audit_date_text,
            "municipality": ctx.run.municipality,
            "run_id": ctx.run.run_id,
        },
        "school": {
            "id": ctx.org_id,
            "name": ctx.full_name,
            "short_name": ctx.addressee,
            "head_name": ctx.head_name,
            "head_dative": ctx.head_dative,
            "site": ctx.site.url,
        },
        "greeting": ctx.greeting,
        "intro": ctx.intro,
        "site": {
            "checked": ctx.site_checked,
            "text": site_text,
            "link": _links(template, (ctx.site,)),
        },
        "section": {
            "text": ctx.section_text,
            "link": _links(template, (ctx.section,)) if ctx.section else "",
            "candidates": [_page(template, text, link) for text, link in ctx.candidates],
        },
        "follow_up": _follow_up(ctx.follow_up),
        "acknowledgement": ctx.acknowledgement,
        "found": [_finding(template, f, n) for n, f in enumerate(ctx.found, start=1)],
        "missing": [_finding(template, f, n) for n, f in enumerate(ctx.missing, start=1)],
        "advised": [_finding(template, f, n) for n, f in enumerate(ctx.advised, start=1)],
        "unchecked": [_finding(template, f, n) for n, f in enumerate(ctx.unchecked, start=1)],
        "optional": [_finding(template, f, n) for n, f in enumerate(ctx.optional, start=1)],
        "broken": [
            {"link": _links(template, (link,)), "reason": reason} for link, reason in ctx.broken
        ],
        "remarks": [{"link": _links(template, links), "text": text} for links, text in ctx.remarks],
        "summary": ctx.summary,
        "deadline": {
            "text": ctx.deadline_text,
            "date": ctx.deadline_date,
        },
    }


def write_letter_docx(
    ctx: LetterContext, path: Path, template: LetterTemplate | None = None
) -> Path:
    """Write one school's letter at `path` from `template` (the built-in one by default)."""
    return (template or LetterTemplate()).render(ctx, Path(path))
