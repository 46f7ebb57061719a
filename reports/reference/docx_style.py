"""Word styling of the reference's DOCX: fonts with Cyrillic slots, pages, tables, links."""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Iterable, Sequence

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Cm, Length, Pt, RGBColor
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

from ..context import Link

FONT = "Times New Roman"
LANGUAGE = "ru-RU"
BLACK = RGBColor(0, 0, 0)
LINK_BLUE = RGBColor(0x1A, 0x4D, 0x8F)
LINK_STYLE = "Hyperlink"
# A4 with the margins of an official document (ГОСТ Р 7.0.97-2016).
PAGE_WIDTH, PAGE_HEIGHT = Cm(21.0), Cm(29.7)
MARGINS = {"left": Cm(2.5), "right": Cm(1.5), "top": Cm(2.0), "bottom": Cm(2.0)}


def set_style_font(
    style, size: float, bold: bool | None = None, italic: bool | None = None
) -> None:
    """Times New Roman in every script slot, black, Russian proofing language."""
    style.font.name = FONT
    style.font.size = Pt(size)
    style.font.color.rgb = BLACK
    if bold is not None:
        style.font.bold = bold
    if italic is not None:
        style.font.italic = italic
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
    language.set(qn("w:val"), LANGUAGE)


def drop_paragraph_borders(style) -> None:
    """Remove the rule some built-in styles (Title) draw under their text."""
    properties = style.element.get_or_add_pPr()
    for border in properties.findall(qn("w:pBdr")):
        properties.remove(border)


def bottom_rule(paragraph: Paragraph) -> None:
    """A thin line under a paragraph, as under a letterhead."""
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "8"), ("w:space", "4"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def add_paragraph_style(document: DocxDocument, name: str, size: float, base: str = "Normal"):
    """A paragraph style on `base` with its own size, no indent and no spacing."""
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles[base]
    set_style_font(style, size)
    style.paragraph_format.first_line_indent = Cm(0)
    style.paragraph_format.space_before = Pt(0)
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.line_spacing = 1.0
    style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    return style


def add_link_style(document: DocxDocument) -> None:
    """The character style of hyperlinks: blue and underlined, as Word shows them."""
    style = document.styles.add_style(LINK_STYLE, WD_STYLE_TYPE.CHARACTER)
    style.font.color.rgb = LINK_BLUE
    style.font.underline = True


def fix_core_properties(document: DocxDocument, title: str, when: dt.date) -> None:
    """Title and dates from the run, so regenerating a report keeps its properties."""
    moment = dt.datetime(when.year, when.month, when.day, tzinfo=dt.UTC)
    properties = document.core_properties
    properties.title = title
    properties.author = ""
    properties.last_modified_by = ""
    properties.created = properties.modified = moment
    properties.revision = 1


def setup_page(section: Section, landscape: bool = False) -> None:
    """A4 portrait or landscape with the official margins."""
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    if landscape:
        section.page_width, section.page_height = PAGE_HEIGHT, PAGE_WIDTH
    else:
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]
    section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]


def number_pages(section: Section) -> None:
    """Page numbers in the middle of the top margin from the second page on, as ГОСТ Р
    7.0.97-2016 (п. 6.5) numbers an official document; later sections keep the header."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = Cm(0)
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def text_width(section: Section) -> Length:
    """The width between the margins of a section."""
    return Length(section.page_width - section.left_margin - section.right_margin)


def new_section(document: DocxDocument, landscape: bool) -> Section:
    """Start a new page in the given orientation (a wide table gets a landscape page)."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    setup_page(section, landscape)
    section.different_first_page_header_footer = False  # only the document's first page
    return section


def add_hyperlink(paragraph: Paragraph, link: Link, superscript: bool = False) -> None:
    """A clickable hyperlink run; unsafe URLs are printed as plain text."""
    if not link.href:
        paragraph.add_run(link.label).font.superscript = superscript or None
        return
    rel_id = paragraph.part.relate_to(link.href, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    hyperlink = OxmlElement("w:hyperlink")
    hyperlink.set(qn("r:id"), rel_id)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), paragraph.part.document.styles[LINK_STYLE].style_id)
    properties.append(style)
    if superscript:
        align = OxmlElement("w:vertAlign")
        align.set(qn("w:val"), "superscript")
        properties.append(align)
    run.append(properties)
    text = OxmlElement("w:t")
    text.text = link.label
    text.set(qn("xml:space"), "preserve")
    run.append(text)
    hyperlink.append(run)
    paragraph._p.append(hyperlink)


def mark_header_row(row: _Row) -> None:
    """Bold header cells that Word repeats on every page of a long table."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for cell in row.cells:
        for paragraph in cell.paragraphs:
            for run in paragraph.runs:
                run.bold = True


def keep_rows_whole(table: Table) -> None:
    """No row is split across two pages."""
    for row in table.rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def shade(cell: _Cell, fill: str) -> None:
    """Fill a cell's background with an RGB hex colour, e.g. "E6F4E6"."""
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)


def set_widths(table: Table, widths: Sequence[Length]) -> None:
    """Fixed column widths in the grid and in every cell; a merged cell spans their sum."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        start = 0
        for cell in row._tr.tc_lst:
            cell.width = Length(sum(widths[start : start + cell.grid_span]))
            start += cell.grid_span


_STYLE_IDS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def apply_style(paragraph: Paragraph, name: str) -> Paragraph:
    """Give a paragraph the document's style `name`. python-docx's own setter looks the style
    and the document's default style up among all styles for every paragraph (a справка's
    matrix and appendix: a thousand paragraphs, most of its writing time); the id is looked up
    once per document and style."""
    part = paragraph.part
    ids = _STYLE_IDS.setdefault(part, {})
    if name not in ids:
        ids[name] = part.document.styles[name].style_id
    paragraph._p.style = ids[name]
    return paragraph


def fill_cell(
    cell: _Cell, text: str, style: str, bold: bool = False, align: str | None = None
) -> Paragraph:
    """Write `text` into a cell's first paragraph in `style`; returns that paragraph."""
    paragraph = cell.paragraphs[0]
    apply_style(paragraph, style)
    if text:
        paragraph.add_run(text).bold = bold or None
    if align == "right":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif align == "center":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return paragraph


def restart_numbering(paragraph: Paragraph) -> None:
    """Make a «List Number» paragraph start a new list at 1 (Word would otherwise continue)."""
    document = paragraph.part.document
    numbering = document.part.numbering_part.element
    style = document.styles[paragraph.style.name]
    num_id = style.element.pPr.numPr.numId.val
    abstract = numbering.num_having_numId(num_id).abstractNumId.val
    num = numbering.add_num(abstract)
    override = num.add_lvlOverride(ilvl=0)
    override.add_startOverride(1)
    numbered = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    numbered.get_or_add_ilvl().val = 0
    numbered.get_or_add_numId().val = num.numId


def numbered_list(document: DocxDocument, items: Iterable[str]) -> list[Paragraph]:
    """A «List Number» list of its own, numbered from 1."""
    paragraphs = []
    for index, item in enumerate(items):
        paragraph = document.add_paragraph(item, style="List Number")
        if index == 0:
            restart_numbering(paragraph)
        else:
            numbered = paragraph._p.get_or_add_pPr().get_or_add_numPr()
            numbered.get_or_add_ilvl().val = 0
            numbered.get_or_add_numId().val = paragraphs[0]._p.pPr.numPr.numId.val
        paragraphs.append(paragraph)
    return paragraphs


def official_document(title: str, when: dt.date, size: float = 14) -> DocxDocument:
    """A new A4 document styled as an official Russian one: Times New Roman, justified text.

    Normal, Title, Heading 1/2, Caption and the list styles are set; hyperlinks get a style.
    """
    document = Document()
    setup_page(document.sections[0])
    number_pages(document.sections[0])
    styles = document.styles
    set_style_font(styles["Normal"], size)
    normal = styles["Normal"].paragraph_format
    normal.first_line_indent = Cm(1.25)
    normal.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    normal.space_after = Pt(0)
    normal.line_spacing = 1.0
    set_style_font(styles["Title"], size, bold=True)
    drop_paragraph_borders(styles["Title"])
    styles["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for name, italic in (("Title", None), ("Heading 1", False), ("Heading 2", True)):
        if name != "Title":
            set_style_font(styles[name], size, bold=True, italic=italic)
        styles[name].paragraph_format.first_line_indent = Cm(0)
        styles[name].paragraph_format.space_before = Pt(12)
        styles[name].paragraph_format.space_after = Pt(6)
    set_style_font(styles["Caption"], size - 2, bold=False, italic=False)
    styles["Caption"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    styles["Caption"].paragraph_format.first_line_indent = Cm(0)
    styles["Caption"].paragraph_format.space_after = Pt(10)
    for name in ("List Number", "List Bullet"):
        set_style_font(styles[name], size)
    add_link_style(document)
    fix_core_properties(document, title, when)
    return document
