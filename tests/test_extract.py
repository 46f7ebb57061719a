"""Extract stage on real files: PDF text layer and scans, DOCX tables, HTML, broken inputs."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from cmn_audit.demo.documents import DocumentSpec, docx_bytes, pdf_bytes, write_docx
from crawler.extract import EXTRACTOR_VERSION, extract_bytes, extract_file, html_main_text
from crawler.extract.result import FILE_START, PAGE_BREAK
from crawler.extract.zip_text import member_name

ORDER = DocumentSpec(
    paragraphs=[
        "ПРИКАЗ",
        "01.09.2022 № 41-од",
        "О внедрении целевой модели наставничества обучающихся",
        "ПРИКАЗЫВАЮ:",
    ],
    tables=[[["ФИО наставника", "ФИО наставляемого"], ["Иванова А.А.", "Петров Б.Б."]]],
)


def _png(width: int = 8, height: int = 8) -> bytes:
    """A small grey PNG written by hand (no imaging library needed)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def _image_only_pdf(tmp_path) -> bytes:
    from fpdf import FPDF

    image = tmp_path / "scan.png"
    image.write_bytes(_png())
    pdf = FPDF()
    pdf.add_page()
    pdf.image(str(image), x=10, y=10, w=180)
    return bytes(pdf.output())


def test_version_is_set():
    assert EXTRACTOR_VERSION


def test_pdf_text_layer():
    result = extract_bytes(pdf_bytes(ORDER), file_ext="pdf")
    assert (result.status, result.text_source, result.pages, result.error) == (
        "ok",
        "text",
        1,
        None,
    )
    assert "О внедрении целевой модели наставничества" in result.text
    assert "Иванова А.А." in result.text
    assert "\ufffe" not in result.text and "\r" not in result.text


def test_pdf_is_sniffed_whatever_the_name_says():
    result = extract_bytes(pdf_bytes(ORDER), file_ext="docx", content_type="text/html")
    assert result.status == "ok" and "ПРИКАЗ" in result.text


def test_an_archive_storing_a_pdf_uncompressed_is_read_as_an_archive():
    """Archivers often store a PDF as is: «%PDF-» then stands near the archive's start."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("1.pdf", pdf_bytes(ORDER))
        archive.writestr("2.docx", docx_bytes(DocumentSpec(["Положение о наставничестве"])))
    result = extract_bytes(buffer.getvalue(), file_ext="zip")
    assert result.status == "ok" and result.pages == 2
    assert "ПРИКАЗ" in result.text and "Положение о наставничестве" in result.text


def test_blank_scan_is_recognised_and_found_empty(tmp_path):
    result = extract_bytes(_image_only_pdf(tmp_path), file_ext="pdf")
    assert (result.status, result.text_source, result.text) == ("empty", "none", "")
    assert result.error == "скан распознан, но текст не найден"
    assert (result.pages, result.ocr_pages) == (1, 1)


def test_truncated_pdf_is_failed_not_raised():
    result = extract_bytes(pdf_bytes(ORDER)[:600], file_ext="pdf")
    assert result.status == "failed" and result.text_source == "none"
    assert result.error.startswith("файл повреждён: ")


def test_html_error_page_posing_as_pdf():
    page = b"<!DOCTYPE html><html><head><title>404</title></head><body>Not Found</body></html>"
    for kwargs in ({"file_ext": "pdf"}, {"content_type": "application/pdf"}):
        result = extract_bytes(page, **kwargs)
        assert (result.status, result.error) == (
            "not_a_document",
            "вместо документа получена HTML-страница",
        )


def test_docx_with_table(tmp_path):
    result = extract_file(write_docx(tmp_path / "приказ.docx", ORDER))
    assert result.status == "ok" and result.text_source == "text"
    lines = result.text.split("\n")
    assert lines[0] == "ПРИКАЗ"
    assert "ФИО наставника | ФИО наставляемого" in lines
    assert "Иванова А.А. | Петров Б.Б." in lines


def test_zip_that_is_not_docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "не документ")
    result = extract_bytes(buffer.getvalue(), file_ext="docx")
    assert (result.status, result.error) == (
        "failed",
        "файл повреждён: архив не содержит документа Word",
    )
    unreadable = io.BytesIO()
    with zipfile.ZipFile(unreadable, "w") as archive:
        archive.writestr("data.bin", bytes(range(256)) * 4)
    plain_zip = extract_bytes(unreadable.getvalue(), file_ext="zip")
    assert plain_zip.status == "unsupported" and "ZIP" in plain_zip.error


def test_zip_of_documents_is_read_file_by_file_each_on_its_own_page():
    # A Russian Windows archiver writes names in cp866 without the UTF-8 flag.
    dos_name = "Программа педагогов.docx".encode("cp866")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("X" * len(dos_name), docx_bytes(ORDER))
        archive.writestr("Программа обучающихся.docx", docx_bytes(ORDER))
        archive.writestr("inner.zip", b"PK\x05\x06" + bytes(18))  # not opened
    data = buffer.getvalue().replace(b"X" * len(dos_name), dos_name)
    result = extract_bytes(data, content_type="application/zip")
    assert (result.status, result.pages) == ("ok", 2)
    first, second = result.text.split(f"\n{PAGE_BREAK}\n")
    # Each file opens a page marked as a file's start: a document of its own in a bundle.
    assert first.startswith(f"{FILE_START}ПРИКАЗ") and second.startswith(f"{FILE_START}ПРИКАЗ")
    names = [member_name(info) for info in zipfile.ZipFile(io.BytesIO(data)).infolist()]
    assert names[0] == "Программа педагогов.docx"


def test_corrupt_docx_package():
    broken = docx_bytes(ORDER)[:2000]
    result = extract_bytes(broken, file_ext="docx")
    assert result.status == "failed" and result.error.startswith("файл повреждён")


def test_unsupported_formats_name_the_format():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512
    for ext, name in {"ppt": "PPT", "djvu": "DjVu", "rar": "RAR"}.items():
        data = {"djvu": b"AT&TFORM" + b"\x00" * 64, "rar": b"Rar!" + b"\x00" * 64}.get(ext, ole)
        result = extract_bytes(data, file_ext=ext)
        assert result.status == "unsupported" and result.text_source == "none"
        assert name in result.error


def test_broken_ole_files_are_failed_with_their_format_named():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512
    doc = extract_bytes(ole, file_ext="doc")
    assert doc.status == "failed" and "Word 97–2003" in doc.error
    xls = extract_bytes(ole, file_ext="xls")
    assert xls.status == "failed" and "XLS" in xls.error


def test_empty_and_missing_files(tmp_path):
    assert extract_bytes(b"", file_ext="pdf").status == "empty"
    missing = extract_file(tmp_path / "нет.pdf")
    assert missing.status == "failed" and missing.error.startswith("файл не удалось прочитать")


def test_windows_1251_html_main_text():
    page = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">
    <title>МБОУ СОШ № 3</title><script>var menu = 1;</script><style>p{}</style></head>
    <body><header><h1>МБОУ СОШ № 3</h1></header>
    <nav><a href="/">Главная</a><a href="/sveden">Сведения</a></nav>
    <div class="bvi-panel">Версия для слабовидящих</div>
    <div id="content"><h1>Наставничество</h1>
    <p>Целевая модель наставничества – система условий, ресурсов и процессов.</p>
    <table><tr><td>Положение</td><td>2022</td></tr></table></div>
    <ul class="left-menu"><li>Новости</li></ul>
    <footer>© 2024 Решаем вместе</footer></body></html>""".encode("cp1251")
    title, text = html_main_text(page)
    assert title == "Наставничество"
    assert "Целевая модель наставничества – система условий" in text
    assert "Положение | 2022" in text
    for chrome in ("Главная", "слабовидящих", "Решаем вместе", "var menu", "Новости"):
        assert chrome not in text
    result = extract_bytes(page, content_type="text/html")
    assert result.status == "ok" and result.text.startswith("Наставничество")


def test_site_name_in_a_table_layout_header_is_not_the_title():
    """uCoz-style pages head every page with the school's name in `td.header`."""
    page = """<html><head><title>Наставничество - МКОУ «Заречьевская ООШ»</title></head><body>
    <table class="main-table"><tr><td class="header"><h1 class="site-title">Муниципальное
    казённое общеобразовательное учреждение «Заречьевская ООШ»</h1></td></tr>
    <tr><td class="content-block"><div class="crumbs">Главная » Педагогам</div>
    <h1>Реализация ЦМН</h1><p>Документы по внедрению целевой модели наставничества.</p>
    </td></tr></table></body></html>"""
    title, text = html_main_text(page)
    assert title == "Реализация ЦМН"
    assert "Документы по внедрению" in text
    only_the_name = page.replace("<h1>Реализация ЦМН</h1>", "")
    assert html_main_text(only_the_name)[0].startswith("Муниципальное казённое")


def test_html_charset_from_http_header_wins_over_guessing():
    page = "<html><body><main><p>Дорожная карта</p></main></body></html>".encode("cp1251")
    assert html_main_text(page, encoding="windows-1251") == (None, "Дорожная карта")
    result = extract_bytes(page, content_type="text/html; charset=windows-1251")
    assert result.text == "Дорожная карта"


def test_xlsx_mentor_base_rows():
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Приложение 3"
    sheet.append(["База наставников"])
    sheet.append(["№", "ФИО наставника", "ФИО наставляемого", "Форма наставничества"])
    sheet.append([1, "Иванова А. А.", "Петров Б. Б.", "учитель – учитель"])
    buffer = io.BytesIO()
    book.save(buffer)
    result = extract_bytes(buffer.getvalue(), file_ext="xlsx")
    assert result.status == "ok" and result.text_source == "text"
    assert "1 | Иванова А. А. | Петров Б. Б. | учитель – учитель" in result.text.split("\n")
    assert result.text.startswith("Приложение 3")


def test_rtf_in_cp1251_and_unicode_escapes():
    rtf = (
        rb"{\rtf1\ansi\ansicpg1251{\fonttbl{\f0 Times;}}{\*\generator Word;}"
        rb"\'cf\'d0\'c8\'ca\'c0\'c7\par \u1054?\u1090? 01.09.2022 \'b9 112-\'ee\'e4\par"
        rb"\trowd \'cc\'e5\'f0\'ee\'ef\'f0\'e8\'ff\'f2\'e8\'e5\cell \'d1\'f0\'ee\'ea\cell\row}"
    )
    result = extract_bytes(rtf, file_ext="rtf")
    assert result.status == "ok"
    assert result.text.split("\n") == ["ПРИКАЗ", "От 01.09.2022 № 112-од", "Мероприятие | Срок"]


def test_rtf_keeps_the_text_of_a_link_and_drops_its_address():
    rtf = (
        rb"{\rtf1\ansi\ansicpg1251 \'cf\'ee\'eb\'ee\'e6\'e5\'ed\'e8\'e5: "
        rb"{\field{\*\fldinst HYPERLINK \"http://school.ru/pol.pdf\"}"
        rb"{\fldrslt \'ee \'ed\'e0\'f1\'f2\'e0\'e2\'ed\'e8\'f7\'e5\'f1\'f2\'e2\'e5}}\par}"
    )
    result = extract_bytes(rtf, file_ext="rtf")
    assert result.text == "Положение: о наставничестве"


def test_odt_paragraphs_and_table():
    content = (
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body>'
        "<office:text><text:h>ПОЛОЖЕНИЕ о наставничестве</text:h>"
        "<text:p>1. Общие положения</text:p>"
        "<table:table><table:table-row><table:table-cell><text:p>Наставник</text:p>"
        "</table:table-cell><table:table-cell><text:p>Наставляемый</text:p></table:table-cell>"
        "</table:table-row></table:table></office:text></office:body></office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content)
    result = extract_bytes(buffer.getvalue(), file_ext="odt")
    assert result.status == "ok"
    assert result.text.split("\n") == [
        "ПОЛОЖЕНИЕ о наставничестве",
        "1. Общие положения",
        "Наставник | Наставляемый",
    ]


def test_broken_spreadsheet_is_a_status():
    result = extract_bytes(b"PK\x03\x04 broken", file_ext="xlsx")
    assert result.status == "failed" and result.text_source == "none"
