"""Registry loading: good CSV/XLSX files load; every kind of broken file is refused in Russian."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from support import HEAD, LOCAL_CRAWL, cli

from cmn_audit.config import init_workspace, load_workspace
from cmn_audit.messages import UserError
from cmn_audit.registry import COLUMNS, load_registry, read_registry, registry_columns_markdown
from cmn_audit.store import connect

HEADER = "id,name,short_name,kind,site_url,email,head_name,municipality"
ROW_1 = (
    'sosh1,"МБОУ «СОШ № 1» с. Демидово",МБОУ СОШ № 1,школа,http://school1.example.ru/,'
    "sosh1@example.ru,Петрова Анна Ивановна,Демидовский район"
)
ROW_2 = (
    'sosh2,"МБОУ «СОШ № 2»",МБОУ СОШ № 2,школа,https://school2.example.ru/,'
    "sosh2@example.ru,Сидоров Иван Петрович,Демидовский район"
)
# One organisation's values in the order of the required columns.
SHORT_ROW = [
    "sosh1",
    "МБОУ СОШ № 1",
    "СОШ № 1",
    "школа",
    "http://a.ru/",
    "a@a.ru",
    "Петрова А. И.",
    "Район",
]


def write(tmp_path: Path, text: str, name: str = "registry.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def write_bytes(tmp_path: Path, data: bytes, name: str) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def refusal(path: Path) -> str:
    with pytest.raises(UserError) as error:
        load_registry(path)
    return str(error.value)


def test_csv_loads_with_english_header(tmp_path):
    orgs = load_registry(write(tmp_path, f"{HEADER}\n{ROW_1}\n{ROW_2}\n"))
    assert [o.id for o in orgs] == ["sosh1", "sosh2"]
    assert orgs[0].name == "МБОУ «СОШ № 1» с. Демидово"
    assert orgs[0].head_name == "Петрова Анна Ивановна"
    assert orgs[0].section_hint is None


def test_csv_with_russian_header_semicolons_and_bom(tmp_path):
    header = ";".join(column.title for column in COLUMNS)
    row = ";".join([*SHORT_ROW, "http://a.ru/nastavnichestvo/"])
    orgs = load_registry(write(tmp_path, f"{header}\n{row}\n", encoding="utf-8-sig"))
    assert orgs[0].section_hint == "http://a.ru/nastavnichestvo/"
    assert orgs[0].short_name == "СОШ № 1"


def test_xlsx_loads(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.split(","))
    sheet.append(SHORT_ROW)
    path = tmp_path / "registry.xlsx"
    book.save(path)
    assert load_registry(path)[0].site_url == "http://a.ru/"


def test_missing_column_is_named(tmp_path):
    header = HEADER.replace(",email", "")
    message = refusal(write(tmp_path, f"{header}\n"))
    assert "Электронная почта" in message


def test_bad_url_names_the_row(tmp_path):
    bad = ROW_2.replace("https://school2.example.ru/", "school2 example")
    message = refusal(write(tmp_path, f"{HEADER}\n{ROW_1}\n{bad}\n"))
    assert "строка 3" in message and "school2 example" in message


def test_duplicate_id_names_both_rows(tmp_path):
    message = refusal(write(tmp_path, f"{HEADER}\n{ROW_1}\n{ROW_1}\n"))
    assert "строка 3" in message and "строке 2" in message and "sosh1" in message


def test_empty_file_and_header_only(tmp_path):
    assert "пуст" in refusal(write(tmp_path, "  \n"))
    assert "ни одной организации" in refusal(write(tmp_path, f"{HEADER}\n"))


def test_a_file_in_neither_utf8_nor_windows_1251_is_refused_with_advice(tmp_path):
    """DOS cp866 and UTF-8 with a broken byte would read as cp1251 garbage: refused."""
    row = "sosh1,МБОУ СОШ 1,СОШ 1,школа,http://a.ru/,a@a.ru,Петрова Анна Ивановна,Район"
    dos = refusal(write(tmp_path, f"{HEADER}\n{row}\n", "dos.csv", encoding="cp866"))
    assert "UTF-8" in dos and "Windows-1251" in dos and "строка 2" in dos
    row = row.replace("Ивановна", "Олеговна")  # no «И»: its UTF-8 bytes are no cp1251 text
    broken = f"{HEADER}\n{row}\n".encode() + b"sosh2,\xff" + row[6:].encode() + b"\n"
    message = refusal(write_bytes(tmp_path, broken, "broken.csv"))
    assert "UTF-8" in message and "строка 3" in message and "в другой кодировке" in message


def test_every_problem_reported_and_nothing_loaded(tmp_path):
    no_name = ROW_2.replace('"МБОУ «СОШ № 2»"', "")
    bad_mail = ROW_1.replace("sosh1@example.ru", "not-an-email").replace("sosh1,", "sosh3,", 1)
    message = refusal(write(tmp_path, f"{HEADER}\n{no_name}\n{bad_mail}\n"))
    assert "Полное наименование" in message and "not-an-email" in message


def test_not_a_workbook(tmp_path):
    assert "Excel" in refusal(write(tmp_path, "garbage", name="registry.xlsx"))


def test_columns_doc_is_in_step(tmp_path):
    doc = (Path(__file__).parent.parent / "docs" / "registry.md").read_text(encoding="utf-8")
    assert registry_columns_markdown() in doc


def test_excel_quoting_is_read_as_excel_writes_it(tmp_path):
    """Excel doubles a quote inside a quoted cell, and quotes a cell holding the delimiter."""
    rows = [
        'sosh1,"МБОУ ""СОШ № 1""","СОШ № 1, с. Демидово",школа,http://a.ru/,a@a.ru,'
        "Петрова А. И.,Район",
        'sosh2,"МБОУ ""Гимназия"", корпус 2",Гимназия,школа,http://b.ru/,b@b.ru,'
        "Сидоров И. П.,Район",
    ]
    first, second = load_registry(write(tmp_path, "\n".join([HEADER, *rows]) + "\n"))
    assert (first.name, first.short_name) == ('МБОУ "СОШ № 1"', "СОШ № 1, с. Демидово")
    assert second.name == 'МБОУ "Гимназия", корпус 2'
    semicolons = HEADER.replace(",", ";") + "\n" + 'sosh1;"МБОУ ""СОШ; № 1""";СОШ;школа;'
    semicolons += "http://a.ru/;a@a.ru;Петрова А. И.;Район\n"
    [only] = load_registry(write(tmp_path, semicolons, "semicolons.csv"))
    assert only.name == 'МБОУ "СОШ; № 1"'


def test_a_huge_cell_is_refused_in_russian_with_its_line(tmp_path):
    huge = (
        HEADER + "\n" + ROW_1 + '\nsosh2,"' + "Ж" * 200_000 + '",x,школа,http://a.ru/,a@a.ru,x,y\n'
    )
    with pytest.raises(UserError, match=r"строка 3: ячейка длиннее \d+ символов"):
        load_registry(write(tmp_path, huge))


def test_an_address_that_a_mail_header_would_read_as_several_is_refused(tmp_path):
    row = ROW_1.replace("sosh1@example.ru", '"a@b.ru,evil@bad.example"')
    with pytest.raises(UserError, match="адрес электронной почты"):
        load_registry(write(tmp_path, HEADER + "\n" + row + "\n"))


# A registry as Russian Excel saves it: «CSV (разделители — запятые)» is Windows-1251 with
# semicolons, the sheet's title rows padded with delimiters, addresses as people type them.
EXCEL_TITLE = "Реестр образовательных организаций Демидовского района;;;;;;;"
EXCEL_ROWS = (
    'sosh1;"МБОУ ""СОШ № 1""; с. Демидово";СОШ № 1;школа;sch1.edu.ru;sosh1@edu.ru;'
    "Петрова Анна Ивановна;Демидовский район",
    "sosh2;МБОУ «СОШ № 2»;СОШ № 2;школа;www.sch2.edu.ru/;sosh2@edu.ru;Сидоров Иван Петрович;"
    "Демидовский район",
    "sosh3;МБОУ «СОШ № 3»;СОШ № 3;школа;https://sch3.edu.ru/;sosh3@edu.ru;Орлова Мария Петровна;"
    "Демидовский район",
)


def excel_csv(tmp_path: Path) -> Path:
    header = ";".join(column.title for column in COLUMNS if column.required)
    lines = [EXCEL_TITLE, "по состоянию на 01.09.2025;;;;;;;", ";;;;;;;", header, *EXCEL_ROWS]
    path = tmp_path / "реестр.csv"
    path.write_bytes("\r\n".join(lines).encode("cp1251") + b"\r\n")
    return path


def test_a_russian_excel_csv_loads_with_notes_of_what_was_assumed(tmp_path):
    registry = read_registry(excel_csv(tmp_path))
    first, second, third = registry.organisations
    assert first.name == 'МБОУ "СОШ № 1"; с. Демидово'  # Excel's quoting, cp1251 letters
    assert first.head_name == "Петрова Анна Ивановна"
    assert [o.site_url for o in registry.organisations] == [
        "http://sch1.edu.ru/",
        "http://www.sch2.edu.ru/",
        "https://sch3.edu.ru/",
    ]
    encoding, title, schemes = registry.notes
    assert "Windows-1251" in encoding and "реестр.csv" in encoding
    assert "в строке 4" in title and "строки 1, 2 выше приняты за название таблицы" in title
    assert "«Реестр образовательных организаций Демидовского района»" in title
    assert "«по состоянию на 01.09.2025»" in title
    assert "без «http://»" in schemes
    assert "строка 5, «Сайт»: sch1.edu.ru → http://sch1.edu.ru/" in schemes
    assert "строка 6, «Сайт»: www.sch2.edu.ru/ → http://www.sch2.edu.ru/" in schemes
    assert "sch3" not in schemes


def test_a_utf8_registry_with_full_addresses_has_no_notes(tmp_path):
    registry = read_registry(write(tmp_path, f"{HEADER}\n{ROW_1}\n{ROW_2}\n"))
    assert registry.notes == () and len(registry.organisations) == 2


def test_an_xlsx_title_and_a_row_of_column_numbers_are_skipped_with_notes(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Реестр ОО Демидовского района на 2025/26 учебный год"])
    sheet.append([])
    sheet.append([column.title.replace(" ", "\n", 1) for column in COLUMNS if column.required])
    sheet.append(list(range(1, 9)))
    sheet.append([*SHORT_ROW[:4], "a.ru", *SHORT_ROW[5:]])
    path = tmp_path / "registry.xlsx"
    book.save(path)
    registry = read_registry(path)
    [only] = registry.organisations
    assert only.site_url == "http://a.ru/" and only.id == "sosh1"
    title, numbers, schemes = registry.notes
    assert "в строке 3" in title and "строка 1 выше принята" in title
    assert "строка 4" in numbers and "номера столбцов" in numbers
    assert "строка 5, «Сайт»: a.ru → http://a.ru/" in schemes


def test_a_scheme_is_added_only_to_what_is_written_as_a_host(tmp_path):
    rows = [
        ROW_1.replace("http://school1.example.ru/", value).replace("sosh1", f"s{number}")
        for number, value in enumerate(
            ["mailto:a@b.ru", "javascript:alert(1)", "ftp://a.ru/", "localhost", "a.ru:x/"]
        )
    ]
    message = refusal(write(tmp_path, "\n".join([HEADER, *rows]) + "\n"))
    for value in ("mailto:a@b.ru", "javascript:alert(1)", "ftp://a.ru/", "localhost", "a.ru:x/"):
        assert f"адрес сайта «{value}» не похож" in message
    hint = "id,name,short_name,kind,site_url,email,head_name,municipality,section_hint\n"
    [org] = load_registry(write(tmp_path, f"{hint}{ROW_1},school1.example.ru/nast\n", "h.csv"))
    assert org.section_hint == "http://school1.example.ru/nast"


def test_a_header_row_below_a_title_missing_a_column_is_named(tmp_path):
    header = ";".join(column.title for column in COLUMNS if column.key != "email")
    message = refusal(write(tmp_path, f"Реестр;;;\n{header}\n", "t.csv"))
    assert "в строке 2 (заголовки столбцов) нет столбцов: Электронная почта" in message
    nothing = refusal(write(tmp_path, "Реестр\nшкола;город\n", "n.csv"))
    assert "нет строки заголовков" in nothing and "Полное наименование" in nothing


def test_run_prints_the_registry_notes_and_keeps_them_in_its_journal(tmp_path, static_site):
    """`cmn-audit run` says what it assumed of an Excel registry, and its run.log keeps it;
    the address written without a scheme is the one crawled."""
    site = static_site({"index.html": "<html><body><h1>Школа № 7</h1></body></html>"})
    init_workspace(tmp_path / "ws", overrides={"crawl": LOCAL_CRAWL})
    header = ";".join(column.title for column in COLUMNS if column.required)
    row = f"s7;МБОУ «СОШ № 7»;СОШ № 7;школа;{site.removeprefix('http://')};s7@edu.ru;{HEAD};Район"
    registry = tmp_path / "реестр.csv"
    registry.write_bytes(f"Реестр школ;;;;;;;\r\n{header}\r\n{row}\r\n".encode("cp1251"))
    args = ("--workspace", str(tmp_path / "ws"), "--registry", str(registry), "--format", "json")
    completed = cli("run", *args)
    assert completed.returncode == 0, completed.stderr
    for said in ("Windows-1251", "«Реестр школ»", f"→ {site}"):
        assert said in completed.stdout, said
    [journal] = (tmp_path / "ws" / "runs").glob("*/run.log")
    kept = journal.read_text(encoding="utf-8")
    # `--format json`: the run's data alone, and only its path printed.
    [written] = (tmp_path / "ws" / "reports").iterdir()
    assert [path.name for path in written.iterdir()] == ["results.json"]
    assert "results.json" in completed.stdout and "Аналитическая справка" not in completed.stdout
    assert "Windows-1251" in kept and "«Реестр школ»" in kept and f"→ {site}" in kept
    workspace = load_workspace(tmp_path / "ws")
    con = connect(workspace.db_path, read_only=True)
    assert con.execute("SELECT site_url FROM organisations").fetchall() == [(site,)]
    assert con.execute("SELECT count(*) FROM fetches WHERE http_status = 200").fetchone()[0] >= 1
    con.close()
