"""Registry loading: good CSV/XLSX files load; every kind of broken file is refused in Russian."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from cmn_audit.messages import UserError
from cmn_audit.registry import COLUMNS, load_registry, registry_columns_markdown

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


def test_wrong_encoding_is_refused_with_advice(tmp_path):
    message = refusal(write(tmp_path, f"{HEADER}\n{ROW_1}\n", encoding="cp1251"))
    assert "UTF-8" in message and "строка 2" in message


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
