"""Write the analytic reference as a styled, Word-editable DOCX from the reference context."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.shared import Cm, Length, Pt, RGBColor
from docx.table import Table

from ..context import readable_url
from ..messages import COLLAPSE_TEXT, REFERENCE_TITLE
from .charts import Chart
from .context import Cell, ReferenceContext, SchoolRow
from .docx_style import (
    add_hyperlink,
    add_paragraph_style,
    apply_style,
    bottom_rule,
    fill_cell,
    keep_rows_whole,
    mark_header_row,
    new_section,
    numbered_list,
    official_document,
    set_widths,
    shade,
    text_width,
)

TABLE_TEXT = "Table Text"  # 12 pt: the tables of the reference
MATRIX_TEXT = "Matrix Text"  # 9 pt: the schools × criteria matrix
OUTCOME_FILLS = {
    "pass": "E6F4E6",
    "fail": "FBE4E4",
    "not_checked": "F1F1F1",
    "not_applicable": "FFFFFF",
}
HEADER_FILL = "EEEEEE"
# A matrix with more criteria than this goes on a landscape page.
PORTRAIT_CRITERIA = 8


def _new_document(ctx: ReferenceContext) -> DocxDocument:
    document = official_document(REFERENCE_TITLE, ctx.run.audit_date)
    add_paragraph_style(document, TABLE_TEXT, 12)
    add_paragraph_style(document, MATRIX_TEXT, 9)
    return document


def _centred(document: DocxDocument, text: str, bold: bool = False, size: float | None = None):
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = Cm(0)
    run = paragraph.add_run(text)
    run.bold = bold or None
    if size:
        run.font.size = Pt(size)
    return paragraph


def _letterhead(document: DocxDocument, ctx: ReferenceContext) -> None:
    head = ctx.letterhead
    _centred(document, head.name, bold=True, size=12)
    _centred(document, head.address, size=11)
    last = _centred(document, f"Телефон: {head.phone}, e-mail: {head.email}", size=11)
    bottom_rule(last)


def _collapse(document: DocxDocument, ctx: ReferenceContext) -> None:
    """The warning of a run whose results collapsed, above everything else."""
    if not ctx.collapse:
        return
    heading = document.add_paragraph()
    heading.paragraph_format.first_line_indent = Cm(0)
    run = heading.add_run(COLLAPSE_TEXT["heading"])
    run.bold = True
    run.font.color.rgb = RGBColor(0xAA, 0, 0)
    for line in ctx.collapse:
        document.add_paragraph(line).paragraph_format.first_line_indent = Cm(0)
    bottom_rule(document.paragraphs[-1])


def _facts(document: DocxDocument, ctx: ReferenceContext) -> None:
    for label, value in ctx.requisites.facts:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.first_line_indent = Cm(0)
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)


def _table(document: DocxDocument, columns: tuple[str, ...], style: str = TABLE_TEXT) -> Table:
    """A grid table with a repeated, shaded header row."""
    table = document.add_table(rows=1, cols=len(columns))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, title in zip(table.rows[0].cells, columns, strict=True):
        fill_cell(cell, title, style, bold=True)
        shade(cell, HEADER_FILL)
    mark_header_row(table.rows[0])
    return table


def _figure(document: DocxDocument, chart: Chart | None) -> None:
    if chart is None:
        return
    picture = document.add_paragraph()
    picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
    picture.paragraph_format.first_line_indent = Cm(0)
    picture.paragraph_format.keep_with_next = True
    picture.add_run().add_picture(io.BytesIO(chart.png), width=Cm(chart.width_cm))
    document.add_paragraph(chart.caption, style="Caption")


def _note(document: DocxDocument, text: str) -> None:
    paragraph = apply_style(document.add_paragraph(text), TABLE_TEXT)
    paragraph.paragraph_format.space_after = Pt(6)


def _basis_and_method(document: DocxDocument, ctx: ReferenceContext) -> None:
    text = ctx.text
    req = ctx.requisites
    document.add_heading(ctx.heading("basis"), level=1)
    document.add_paragraph(req.basis)
    document.add_paragraph(req.purpose)
    document.add_heading(ctx.heading("method"), level=1)
    document.add_paragraph(ctx.object_text)
    table = _table(document, ctx.schools_columns)
    for school in ctx.schools:
        cells = table.add_row().cells
        fill_cell(cells[0], str(school.number), TABLE_TEXT, align="right")
        name = school.full_name
        if school.name != school.full_name:
            name += f" ({school.name})"
        fill_cell(cells[1], name, TABLE_TEXT)
        add_hyperlink(fill_cell(cells[2], "", TABLE_TEXT), school.site)
        if school.section:
            add_hyperlink(fill_cell(cells[3], "", TABLE_TEXT), school.section)
        else:
            fill_cell(cells[3], school.site_status_text, TABLE_TEXT)
    set_widths(table, (Cm(1.0), Cm(6.5), Cm(4.5), Cm(5.0)))
    keep_rows_whole(table)
    document.add_paragraph(ctx.method_text)
    if ctx.dated_note:
        document.add_paragraph(ctx.dated_note)
    document.add_paragraph(req.sources or text["no_sources"])
    document.add_paragraph(ctx.method_rule_text)
    for extra in (req.thresholds, req.partial_note):
        if extra:
            document.add_paragraph(extra)


def _criteria(document: DocxDocument, ctx: ReferenceContext) -> None:
    text = ctx.text
    document.add_heading(ctx.heading("criteria"), level=1)
    columns = text["criteria_columns"]
    table = _table(document, columns)
    for section, rows in ctx.sections:
        if section:
            cells = table.add_row().cells
            merged = cells[0].merge(cells[-1])
            fill_cell(merged, section, TABLE_TEXT).runs[0].italic = True
            shade(merged, "F6F6F6")
        for row in rows:
            cells = table.add_row().cells
            fill_cell(cells[0], str(row.number), TABLE_TEXT, align="right")
            title = fill_cell(cells[1], row.title, TABLE_TEXT)
            if row.mark:
                title.add_run(f" {row.mark}").italic = True
            for cell, value in zip(
                cells[2:],
                (str(row.passed), str(row.failed), str(row.not_checked), row.share_text),
                strict=True,
            ):
                fill_cell(cell, value, TABLE_TEXT, align="right")
    set_widths(table, (Cm(1.0), Cm(7.5), Cm(2.0), Cm(2.0), Cm(2.0), Cm(2.5)))
    keep_rows_whole(table)
    _note(document, text["share_note"])
    _figure(document, ctx.chart("criteria"))


def _levels(document: DocxDocument, ctx: ReferenceContext) -> None:
    text = ctx.text
    table = _table(document, text["levels_columns"])
    for row in ctx.levels:
        if row.count or row.level != "not_checked":
            cells = table.add_row().cells
            fill_cell(cells[0], row.label, TABLE_TEXT)
            fill_cell(cells[1], str(row.count), TABLE_TEXT, align="right")
            fill_cell(cells[2], row.share_text, TABLE_TEXT, align="right")
    cells = table.add_row().cells
    fill_cell(cells[0], text["levels_total"], TABLE_TEXT, bold=True)
    fill_cell(cells[1], str(len(ctx.schools)), TABLE_TEXT, bold=True, align="right")
    set_widths(table, (Cm(8.0), Cm(3.0), Cm(4.5)))
    keep_rows_whole(table)
    _figure(document, ctx.chart("levels"))


def _matrix_cell(cell, outcome_cell: Cell) -> None:
    paragraph = fill_cell(cell, outcome_cell.mark, MATRIX_TEXT, align="center")
    shade(cell, OUTCOME_FILLS[outcome_cell.outcome])
    if outcome_cell.decision:
        paragraph.add_run("†")
    for index, link in enumerate(outcome_cell.links, start=1):
        add_hyperlink(paragraph, replace(link, label=str(index)), superscript=True)


def _matrix_row(table: Table, school: SchoolRow, criteria: int, unreachable: str) -> None:
    cells = table.add_row().cells
    fill_cell(cells[0], str(school.number), MATRIX_TEXT, align="right")
    fill_cell(cells[1], school.name, MATRIX_TEXT)
    marks = cells[2 : 2 + criteria]
    unchecked = all(cell.outcome == "not_checked" for cell in school.cells)
    if not school.site_checked and unchecked and criteria:
        merged = marks[0].merge(marks[-1])
        status = unreachable.format(status=school.site_status_text)
        fill_cell(merged, status, MATRIX_TEXT, align="center")
        shade(merged, OUTCOME_FILLS["not_checked"])
    else:
        for cell, outcome_cell in zip(marks, school.cells, strict=True):
            _matrix_cell(cell, outcome_cell)
    fill_cell(cells[-2], school.score_text, MATRIX_TEXT, align="right")
    fill_cell(cells[-1], school.level_label, MATRIX_TEXT)


def _events(document: DocxDocument, ctx: ReferenceContext) -> None:
    """Roadmap events already due against the schools' news, one row per school."""
    if not ctx.events:
        return
    text = ctx.text
    document.add_paragraph(text["events_lead"])
    table = _table(document, text["events_columns"])
    for row in ctx.events:
        cells = table.add_row().cells
        fill_cell(cells[0], str(row.number), TABLE_TEXT, align="right")
        fill_cell(cells[1], row.name, TABLE_TEXT)
        count = text["events_count"].format(covered=row.covered, total=row.total)
        fill_cell(cells[2], count, TABLE_TEXT, align="right")
        fill_cell(cells[3], row.uncovered, TABLE_TEXT)
    set_widths(table, (Cm(1.0), Cm(5.5), Cm(2.5), Cm(8.0)))
    keep_rows_whole(table)


def _remarks(document: DocxDocument, ctx: ReferenceContext) -> None:
    """Slips inside the documents summed over the schools, one row per kind of slip."""
    if not ctx.remarks:
        return
    text = ctx.text
    document.add_paragraph(text["remarks_lead"])
    table = _table(document, text["remarks_columns"])
    for row in ctx.remarks:
        cells = table.add_row().cells
        fill_cell(cells[0], str(row.number), TABLE_TEXT, align="right")
        fill_cell(cells[1], row.title, TABLE_TEXT)
        fill_cell(cells[2], str(row.schools), TABLE_TEXT, align="right")
        fill_cell(cells[3], str(row.documents), TABLE_TEXT, align="right")
        fill_cell(cells[4], row.names, TABLE_TEXT)
    set_widths(table, (Cm(1.0), Cm(5.5), Cm(1.8), Cm(2.2), Cm(6.5)))
    keep_rows_whole(table)


def _matrix(document: DocxDocument, ctx: ReferenceContext) -> None:
    """The schools × criteria matrix on pages of its own, landscape when it is wide."""
    text = ctx.text
    landscape = len(ctx.criteria) > PORTRAIT_CRITERIA
    section = new_section(document, landscape)
    _note(document, ctx.matrix_note)
    number, name, score, level = text["matrix_columns"]
    columns = (number, name, *(str(row.number) for row in ctx.criteria), score, level)
    table = _table(document, columns, MATRIX_TEXT)
    for school in ctx.schools:
        _matrix_row(table, school, len(ctx.criteria), text["site_not_checked"])
    fixed = (Cm(0.8), Cm(4.5 if landscape else 3.8), Cm(1.5), Cm(2.7))
    room = text_width(section) - sum(fixed)
    mark = Length(min(Cm(1.2), room // max(len(ctx.criteria), 1)))
    set_widths(table, (*fixed[:2], *([mark] * len(ctx.criteria)), *fixed[2:]))
    keep_rows_whole(table)
    if ctx.decisions:
        _note(document, text["decisions_lead"])
        for item in ctx.decisions:
            apply_style(document.add_paragraph(item), TABLE_TEXT)
    new_section(document, landscape=False)


def _trend(document: DocxDocument, ctx: ReferenceContext) -> None:
    if not ctx.trend:
        return
    text = ctx.text
    document.add_heading(ctx.heading("trend"), level=1)
    document.add_paragraph(text["trend_lead"])
    table = _table(document, text["trend_columns"], MATRIX_TEXT)
    for run in ctx.trend:
        cells = table.add_row().cells
        values = (
            run.date_text,
            str(run.schools),
            str(run.compliant),
            str(run.partial),
            str(run.non_compliant),
            str(run.not_checked),
            run.share_text,
            run.mean_text,
        )
        for index, (cell, value) in enumerate(zip(cells, values, strict=True)):
            fill_cell(
                cell, value, MATRIX_TEXT, bold=run.current, align=None if index == 0 else "right"
            )
    keep_rows_whole(table)
    _figure(document, ctx.chart("trend"))
    _criteria_trend(document, ctx)


def _criteria_trend(document: DocxDocument, ctx: ReferenceContext) -> None:
    """Each criterion's share of schools meeting it, one column per run."""
    trend = ctx.criteria_trend
    if trend is None:
        return
    text = ctx.text
    document.add_paragraph(text["criteria_trend_lead"])
    table = _table(document, (*text["criteria_trend_columns"], *trend.dates), MATRIX_TEXT)
    for row in trend.rows:
        cells = table.add_row().cells
        fill_cell(cells[0], str(row.number), MATRIX_TEXT, align="right")
        title = fill_cell(cells[1], row.title, MATRIX_TEXT)
        if row.mark:
            title.add_run(f" {row.mark}").italic = True
        for cell, value in zip(cells[2:], row.share_texts, strict=True):
            fill_cell(cell, value, MATRIX_TEXT, align="right")
    share_width = Cm(2.0)
    title_width = text_width(document.sections[-1]) - Cm(1.0) - share_width * len(trend.dates)
    set_widths(table, (Cm(1.0), Length(title_width), *([share_width] * len(trend.dates))))
    keep_rows_whole(table)
    if trend.note:
        _note(document, trend.note)
    _figure(document, ctx.chart("criteria_trend"))


def _follow_up(document: DocxDocument, ctx: ReferenceContext) -> None:
    """What became of the previous monitoring's findings, school by school."""
    section = ctx.follow_up
    if section is None:
        return
    text = ctx.text
    document.add_heading(ctx.heading("follow_up"), level=1)
    document.add_paragraph(section.lead)
    document.add_paragraph(section.summary)
    if section.schools:
        columns = text["follow_up_columns"]
        table = _table(document, columns)
        for school in section.schools:
            cells = table.add_row().cells
            merged = cells[0].merge(cells[-1])
            fill_cell(merged, school.name, TABLE_TEXT).runs[0].italic = True
            shade(merged, "F6F6F6")
            for row in school.rows:
                cells = table.add_row().cells
                fill_cell(cells[0], row.number, TABLE_TEXT, align="right")
                fill_cell(cells[1], row.title, TABLE_TEXT)
                fill_cell(cells[2], row.status_label, TABLE_TEXT)
                shade(cells[2], OUTCOME_FILLS[row.outcome])
                fill_cell(cells[3], row.days_text, TABLE_TEXT, align="right")
        set_widths(table, (Cm(1.0), Cm(8.5), Cm(3.5), Cm(3.5)))
        keep_rows_whole(table)
    if section.days_note:
        _note(document, section.days_note)
        document.add_paragraph(section.mean_text)


def _conclusions(document: DocxDocument, ctx: ReferenceContext) -> None:
    text = ctx.text
    document.add_heading(ctx.heading("conclusions"), level=1)
    numbered_list(document, ctx.conclusions)
    document.add_heading(ctx.heading("recommendations"), level=1)
    if ctx.recommendations:
        document.add_paragraph(text["recommendations_lead"])
        numbered_list(document, ctx.recommendations)
    else:
        document.add_paragraph(text["no_recommendations"])


def _signature(document: DocxDocument, ctx: ReferenceContext) -> None:
    signature = document.add_paragraph()
    signature.paragraph_format.first_line_indent = Cm(0)
    signature.paragraph_format.space_before = Pt(30)
    width = text_width(document.sections[-1])
    signature.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
    post, name = ctx.letterhead.signatory_post, ctx.letterhead.signatory_name
    signature.add_run(post).add_break()
    signature.add_run(f"{ctx.letterhead.name}\t{name}")


def _appendix(document: DocxDocument, ctx: ReferenceContext) -> None:
    """The materials behind the matrix's digits, school by school, with their addresses."""
    if not ctx.appendix:
        return
    text = ctx.text
    heading = document.add_heading(text["appendix_heading"], level=1)
    heading.paragraph_format.page_break_before = True
    _note(document, ctx.appendix_lead)
    for school, entries in ctx.appendix:
        title = apply_style(document.add_paragraph(), TABLE_TEXT)
        title.paragraph_format.keep_with_next = True
        title.add_run(f"{school.number}. {school.name}").bold = True
        for entry in entries:
            paragraph = apply_style(document.add_paragraph(), TABLE_TEXT)
            paragraph.add_run(text["appendix_criterion"].format(number=entry.criterion) + ": ")
            for index, link in enumerate(entry.links, start=1):
                paragraph.add_run(f"{'; ' if index > 1 else ''}{index}) ")
                add_hyperlink(paragraph, link)
                if not link.address:
                    paragraph.add_run(f" — {readable_url(link.url)}")


def write_reference_docx(ctx: ReferenceContext, path: Path) -> Path:
    """Write the analytic reference at `path`: the same content as reference.html, in Word."""
    document = _new_document(ctx)
    _collapse(document, ctx)
    _letterhead(document, ctx)
    document.add_paragraph(REFERENCE_TITLE, style="Title")
    if ctx.run.municipality:
        _centred(document, ctx.run.municipality)
    _facts(document, ctx)
    _basis_and_method(document, ctx)
    _criteria(document, ctx)
    document.add_heading(ctx.heading("schools"), level=1)
    _levels(document, ctx)
    _matrix(document, ctx)
    _events(document, ctx)
    _remarks(document, ctx)
    _trend(document, ctx)
    _follow_up(document, ctx)
    _conclusions(document, ctx)
    _signature(document, ctx)
    _appendix(document, ctx)
    temporary = Path(path).with_name(Path(path).name + ".tmp")
    document.save(str(temporary))
    temporary.replace(path)
    return Path(path)
