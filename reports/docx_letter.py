"""Write a school's letter as a DOCX built with python-docx: real styles, a findings table."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from .context import Link
from .letter_context import Finding, LetterContext
from .messages import LETTER_TEXT, LETTER_TITLE

FONT = "Times New Roman"
BLACK = RGBColor(0, 0, 0)
LINK_BLUE = RGBColor(0x1A, 0x4D, 0x8F)
LINK_STYLE = "Hyperlink"


def _set_font(style, size: float, bold: bool | None = None) -> None:
    style.font.name = FONT
    style.font.size = Pt(size)
    style.font.color.rgb = BLACK
    if bold is not None:
        style.font.bold = bold
    # Word picks the Cyrillic face from the east-Asian and complex-script slots too.
    properties = style.element.get_or_add_rPr()
    fonts = properties.get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)
    # Theme fonts would override the explicit face in Word.
    for slot in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(slot), None)
    language = properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        properties.append(language)
    language.set(qn("w:val"), "ru-RU")


def _new_document() -> DocxDocument:
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin, section.right_margin = Cm(2.5), Cm(1.2)
    section.top_margin = section.bottom_margin = Cm(2.0)
    styles = document.styles
    _set_font(styles["Normal"], 12)
    styles["Normal"].paragraph_format.space_after = Pt(4)
    _set_font(styles["Heading 1"], 14, bold=True)
    styles["Heading 1"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    styles["Heading 1"].paragraph_format.space_before = Pt(12)
    styles["Heading 1"].paragraph_format.space_after = Pt(6)
    _set_font(styles["Heading 2"], 13, bold=True)
    styles["Heading 2"].paragraph_format.space_before = Pt(10)
    link_style = styles.add_style(LINK_STYLE, WD_STYLE_TYPE.CHARACTER)
    link_style.font.color.rgb = LINK_BLUE
    link_style.font.underline = True
    document.core_properties.author = ""
    document.core_properties.title = LETTER_TITLE
    return document


def _add_link(paragraph: Paragraph, link: Link) -> None:
    """A clickable hyperlink run; unsafe URLs are printed as plain text."""
    if not link.href:
        paragraph.add_run(link.label)
        return
    rel_id = paragraph.part.relate_to(link.href, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    hyperlink = OxmlElement("w:hyperlink")
    hyperlink.set(qn("r:id"), rel_id)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), paragraph.part.document.styles[LINK_STYLE].style_id)
    properties.append(style)
    run.append(properties)
    text = OxmlElement("w:t")
    text.text = link.label
    text.set(qn("xml:space"), "preserve")
    run.append(text)
    hyperlink.append(run)
    paragraph._p.append(hyperlink)


def _add_links(paragraph: Paragraph, links: tuple[Link, ...]) -> None:
    for index, link in enumerate(links):
        if index:
            paragraph.add_run("; ")
        _add_link(paragraph, link)


def _letterhead(document: DocxDocument, ctx: LetterContext) -> None:
    grid = document.add_table(rows=1, cols=2)
    centre, addressee = grid.rows[0].cells
    head = centre.paragraphs[0]
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    head.add_run(ctx.letterhead.name).bold = True
    for line in (
        ctx.letterhead.address,
        f"Телефон: {ctx.letterhead.phone}",
        f"e-mail: {ctx.letterhead.email}",
    ):
        paragraph = centre.add_paragraph(line)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    addressee.paragraphs[0].add_run(f"{LETTER_TEXT['addressee_prefix']} {ctx.addressee}")
    if ctx.head_name:
        addressee.add_paragraph(ctx.head_name)
    date = document.add_paragraph(f"{LETTER_TEXT['date_prefix']} {ctx.run.audit_date_short}")
    date.alignment = WD_ALIGN_PARAGRAPH.LEFT


def _mark_header_row(row) -> None:
    """Bold header cells that Word repeats on every page of a long table."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for cell in row.cells:
        for run in cell.paragraphs[0].runs:
            run.bold = True


def _missing_table(document: DocxDocument, findings: tuple[Finding, ...]) -> None:
    columns = (
        LETTER_TEXT["column_number"],
        LETTER_TEXT["column_criterion"],
        LETTER_TEXT["column_recommendation"],
        LETTER_TEXT["column_checked"],
    )
    grid = document.add_table(rows=1, cols=len(columns))
    grid.style = document.styles["Table Grid"]
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, title in zip(grid.rows[0].cells, columns, strict=True):
        cell.paragraphs[0].add_run(title)
    _mark_header_row(grid.rows[0])
    for index, finding in enumerate(findings, start=1):
        cells = grid.add_row().cells
        cells[0].text = str(index)
        cells[1].text = finding.title
        cells[2].text = finding.recommendation
        _add_links(cells[3].paragraphs[0], finding.links)
    for row in grid.rows:
        for cell, width in zip(row.cells, (Cm(1.0), Cm(5.0), Cm(6.3), Cm(5.0)), strict=True):
            cell.width = width


def _bullets(document: DocxDocument, findings: tuple[Finding, ...], detail) -> None:
    for finding in findings:
        paragraph = document.add_paragraph(style="List Bullet")
        paragraph.add_run(finding.title)
        detail(paragraph, finding)


def _found_detail(paragraph: Paragraph, finding: Finding) -> None:
    if finding.links:
        paragraph.add_run(" — ")
        _add_links(paragraph, finding.links)


def _unchecked_detail(paragraph: Paragraph, finding: Finding) -> None:
    paragraph.add_run(f" — {LETTER_TEXT['reason'].lower()}: {finding.note}")


def _optional_detail(paragraph: Paragraph, finding: Finding) -> None:
    paragraph.add_run(f" — {finding.outcome_label}")
    if finding.outcome == "fail":
        paragraph.add_run(f". {finding.recommendation}")
        return
    if finding.outcome == "not_checked":
        paragraph.add_run(f": {finding.note}")
    _found_detail(paragraph, finding)


def _linked_list(document: DocxDocument, key: str, items: tuple[tuple[Link, str], ...]) -> None:
    """A headed list of links, each with what is wrong with it."""
    if not items:
        return
    document.add_heading(LETTER_TEXT[key], level=2)
    document.add_paragraph(LETTER_TEXT[f"{key}_lead"])
    for link, reason in items:
        paragraph = document.add_paragraph(style="List Bullet")
        _add_link(paragraph, link)
        paragraph.add_run(f" — {reason}")


def _body(document: DocxDocument, ctx: LetterContext) -> None:
    site = document.add_paragraph(ctx.site_text + " ")
    if not ctx.site_checked:
        site.add_run("Адрес сайта: ")
        _add_link(site, ctx.site)
        site.add_run(".")
        return
    _add_link(site, ctx.site)
    section = document.add_paragraph(ctx.section_text)
    if ctx.section:
        section.add_run(" ")
        _add_link(section, ctx.section)
    for candidate in ctx.candidates:
        _add_link(document.add_paragraph(style="List Bullet"), candidate)
    if ctx.acknowledgement:
        document.add_paragraph().add_run(ctx.acknowledgement).bold = True
    document.add_heading(LETTER_TEXT["found"], level=2)
    if ctx.found:
        _bullets(document, ctx.found, _found_detail)
    else:
        document.add_paragraph(LETTER_TEXT["nothing_found"])
    if ctx.missing:
        document.add_heading(LETTER_TEXT["missing"], level=2)
        document.add_paragraph(LETTER_TEXT["missing_lead"])
        _missing_table(document, ctx.missing)
    if ctx.unchecked:
        document.add_heading(LETTER_TEXT["unchecked"], level=2)
        document.add_paragraph(LETTER_TEXT["unchecked_lead"])
        _bullets(document, ctx.unchecked, _unchecked_detail)
    _linked_list(document, "broken", ctx.broken)
    _linked_list(document, "remarks", ctx.remarks)
    if ctx.optional:
        document.add_heading(LETTER_TEXT["optional"], level=2)
        _bullets(document, ctx.optional, _optional_detail)
    if ctx.summary:
        document.add_paragraph(ctx.summary)


def write_letter_docx(ctx: LetterContext, path: Path) -> Path:
    """Write one school's letter at `path` as a DOCX."""
    document = _new_document()
    _letterhead(document, ctx)
    document.add_heading(LETTER_TITLE, level=1)
    greeting = document.add_paragraph(ctx.greeting)
    greeting.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(ctx.intro)
    _body(document, ctx)
    if ctx.deadline_text:
        document.add_paragraph(ctx.deadline_text)
    signature = document.add_paragraph()
    signature.paragraph_format.space_before = Pt(30)
    signature.paragraph_format.tab_stops.add_tab_stop(Cm(17.3), WD_TAB_ALIGNMENT.RIGHT)
    signature.add_run(f"{ctx.letterhead.signatory_post}\t{ctx.letterhead.signatory_name}")
    document.save(str(path))
    return path
