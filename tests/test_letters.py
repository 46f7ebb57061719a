"""Per-school letters from the Word template: content, numbering, custom templates, safety."""

from __future__ import annotations

import copy
import datetime as dt
import json
import shutil
import subprocess
import zipfile
from email import message_from_bytes, policy
from pathlib import Path

import lxml.html
import pytest
from docx import Document
from support import cli
from test_reports import (  # noqa: F401 - `written` is the module-scoped store and its reports
    LETTERHEAD,
    ORGS,
    RULES,
    RUN_ID,
    _build_store,
    written,
)

from cmn_audit.config import (
    CONFIG_NAME,
    LETTER_TEMPLATE_PATH,
    init_workspace,
    install_letter_template,
    load_workspace,
)
from cmn_audit.messages import UserError
from crawler.chromium import chromium_path
from reports.letter.context import build_letter_context
from reports.letter.docx import (
    FIELDS,
    LetterTemplate,
    LetterTemplateError,
    builtin_template,
    write_letter_docx,
)
from reports.letter.html import render_letter
from reports.letter.meta import letter_deadline, number_format_problem
from reports.letter.names import dative_with_initials
from reports.messages import (
    FOLLOW_UP_LABELS,
    LETTER_FOLLOW_UP_TEXT,
    LETTER_TEXT,
    LETTER_TITLE,
)
from reports.model import LetterSettings
from reports.writer import write_reports

HOSTILE = (
    '<script>x()</script>"><img src=x onerror=alert(1)>{{ school.name }}{% if 1 %}!{% endif %}'
)
ACKNOWLEDGEMENT = "Все материалы, предусмотренные критериями мониторинга, на сайте размещены."
CUSTOM = LetterSettings(
    number_format="01-33/{number}", first_number=41, letter_date=dt.date(2022, 10, 28)
)
# Profile deadlines: two still ahead on the letter's date and different, one long past.
RULE_DEADLINES = {
    "roadmap": dt.date(2022, 11, 10),
    "programs": dt.date(2022, 12, 1),
    "section": dt.date(2020, 11, 20),
}


def docx_text(path: Path) -> str:
    """Every paragraph and table cell of a DOCX, hyperlink text included."""
    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    return "\n".join(parts)


def missing_table(path: Path):
    tables = [t for t in Document(str(path)).tables if t.style.name == "Table Grid"]
    return tables[0] if tables else None


def letter(paths, org_id: str, suffix: str = ".docx") -> Path:
    found = [*paths.letters_docx, *paths.letters_html, *paths.pdfs]
    return next(p for p in found if p.name == f"{org_id}{suffix}")


def template_with(tmp_path: Path, paragraph: str, name: str = "letter.docx") -> Path:
    """A copy of the built-in template with one paragraph added at its end."""
    document = Document(str(builtin_template()))
    document.add_paragraph(paragraph)
    path = tmp_path / name
    document.save(str(path))
    return path


@pytest.fixture(scope="module")
def custom(tmp_path_factory):
    """The store of test_reports with hostile text, profile deadlines, the registry reversed."""
    base = tmp_path_factory.mktemp("letters")
    con = _build_store(base / "store.duckdb")
    con.execute("UPDATE documents SET title = ? WHERE url LIKE '%prikaz.pdf'", [HOSTILE])
    # A plain (not a link) value too: the remark's detail goes through autoescape alone.
    problem = {"code": "federal_act_wrong_date", "title": "Неверная дата", "detail": HOSTILE}
    con.execute(
        "UPDATE documents SET problems = ? WHERE url LIKE '%prikaz.pdf'", [json.dumps([problem])]
    )
    for rule_id, deadline in RULE_DEADLINES.items():
        con.execute(
            "UPDATE run_rules SET deadline = ? WHERE run_id = ? AND rule_id = ?",
            [deadline, RUN_ID, rule_id],
        )
    # Stored in the order the registry lists them: here sch4, sch3, sch2, sch1.
    con.execute("CREATE TEMP TABLE registry_rows AS SELECT * FROM organisations")
    con.execute("DELETE FROM organisations")
    con.execute("INSERT INTO organisations SELECT * FROM registry_rows ORDER BY org_id DESC")
    paths = write_reports(con, RUN_ID, base / "out", LETTERHEAD, letter_settings=CUSTOM, pdf=False)
    yield con, paths
    con.close()


def test_letter_names_head_number_date_deadline_and_links_each_missing_item(written):  # noqa: F811
    _, paths = written
    path = letter(paths, "sch2")
    text = docx_text(path)
    assert "Руководителю МКОУ «Слободчиковская СОШ»" in text
    assert "Сидорову И. П." in text and "Уважаемый Иван Петрович!" in text
    assert "Исх. № 2 от 26.10.2022" in text  # second in the registry, dated on the run
    assert "в срок до 10.11.2022 г." in text
    table = missing_table(path)
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == [LETTER_TEXT[f"column_{key}"] for key in ("number", "criterion")] + [
        LETTER_TEXT["column_recommendation"],
        LETTER_TEXT["column_checked"],
    ]
    assert [row[1] for row in rows[1:]] == [RULES[3][1], RULES[5][1]]
    assert [row[2] for row in rows[1:]] == [RULES[3][5], RULES[5][5]]
    for row in table.rows[1:]:
        [link] = row.cells[3].paragraphs[0].hyperlinks
        assert link.address == "http://slob.example.ru/nastavnichestvo"
    addresses = {link.address for p in Document(str(path)).paragraphs for link in p.hyperlinks}
    assert "http://slob.example.ru/files/prikaz.pdf" in addresses  # what was found, linked
    assert not any(address.startswith("javascript:") for address in addresses)


def test_letter_uses_official_styles(written):  # noqa: F811
    _, paths = written
    document = Document(str(letter(paths, "sch4")))
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert document.styles["Heading 2"].font.name == "Times New Roman"
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert document.core_properties.title == LETTER_TITLE
    assert len(missing_table(letter(paths, "sch4")).rows) == 1 + 6


def test_results_and_email_record_the_letters_number_and_date(written):  # noqa: F811
    _, paths = written
    results = json.loads(paths.results_json.read_text(encoding="utf-8"))
    records = {org["org_id"]: org["letter"] for org in results["organisations"]}
    assert records["sch2"] == {"number": "2", "date": "2022-10-26", "deadline": "2022-11-10"}
    assert [records[org_id]["number"] for org_id in ORGS] == ["1", "2", "3", "4"]
    draft = next(p for p in paths.emails if p.stem == "sch2")
    message = message_from_bytes(draft.read_bytes(), policy=policy.default)
    assert "(№ 2 от 26.10.2022)" in message["Subject"]


def test_compliant_school_gets_a_short_acknowledgement_and_no_table(written):  # noqa: F811
    _, paths = written
    path = letter(paths, "sch1")
    text = docx_text(path)
    assert ACKNOWLEDGEMENT in text
    assert missing_table(path) is None
    assert LETTER_TEXT["missing"] not in text and "в срок до" not in text
    html = letter(paths, "sch1", ".html").read_text(encoding="utf-8")
    assert ACKNOWLEDGEMENT in html and 'class="missing"' not in html
    assert ACKNOWLEDGEMENT not in docx_text(letter(paths, "sch2"))


def test_nothing_missing_but_something_unchecked_is_acknowledged_too(written, tmp_path):  # noqa: F811
    _, paths = written
    results = json.loads(paths.results_json.read_text(encoding="utf-8"))
    org = next(o for o in results["organisations"] if o["org_id"] == "sch2")
    for item in org["results"]:
        item["outcome"] = "pass" if item["outcome"] == "fail" else item["outcome"]
    context = build_letter_context(results, org, LETTERHEAD, dt.date(2022, 11, 10))
    path = write_letter_docx(context, tmp_path / "sch2.docx")
    text = docx_text(path)
    assert "По проверенным критериям недостающих материалов не выявлено." in text
    assert missing_table(path) is None and LETTER_TEXT["unchecked"] in text
    # The documents' slips remain, and so does the request to correct them.
    assert "Просим устранить указанные замечания в срок до 10.11.2022 г." in text
    assert "Исх. № ____ от 26.10.2022" in text  # written on its own: a blank for the number


def test_html_letter_shows_the_same_requisites(written):  # noqa: F811
    _, paths = written
    html = letter(paths, "sch2", ".html").read_text(encoding="utf-8")
    assert "Исх. № 2 от 26.10.2022" in html and "Сидорову И. П." in html
    assert "в срок до 10.11.2022 г." in html


def test_letter_pdf_turns_into_png_pages(written, tmp_path):  # noqa: F811
    _, paths = written
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    if paths.pdf_problem:
        pytest.skip(f"no PDFs without Chromium: {paths.pdf_problem}")
    pdf = letter(paths, "sch2", ".pdf")
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page*.png"))
    assert pages and all(p.read_bytes().startswith(b"\x89PNG") for p in pages)
    assert pages[0].stat().st_size > 5_000


def test_numbers_follow_the_registry_with_the_configured_format_and_date(custom):
    _, paths = custom
    results = json.loads(paths.results_json.read_text(encoding="utf-8"))
    numbers = {org["org_id"]: org["letter"]["number"] for org in results["organisations"]}
    assert numbers == {
        "sch4": "01-33/41",
        "sch3": "01-33/42",
        "sch2": "01-33/43",
        "sch1": "01-33/44",
    }
    assert "Исх. № 01-33/43 от 28.10.2022" in docx_text(letter(paths, "sch2"))
    assert "Исх. № 01-33/43 от 28.10.2022" in letter(paths, "sch2", ".html").read_text("utf-8")
    draft = next(p for p in paths.emails if p.stem == "sch2")
    subject = message_from_bytes(draft.read_bytes(), policy=policy.default)["Subject"]
    assert "№ 01-33/43 от 28.10.2022" in subject


def test_profile_deadlines_go_to_the_rows_when_they_differ(custom):
    _, paths = custom
    path = letter(paths, "sch2")
    recommendations = [row.cells[2].text for row in missing_table(path).rows[1:]]
    assert recommendations == [
        f"{RULES[3][5]} Срок — до 10.11.2022 г.",
        f"{RULES[5][5]} Срок — до 01.12.2022 г.",
    ]
    assert "в сроки, указанные в таблице" in docx_text(path)
    # The section's deadline of 2020 had passed by the letter's date: it is not printed.
    sch4 = missing_table(letter(paths, "sch4")).rows[1].cells[2].text
    assert sch4 == RULES[0][5]
    results = json.loads(paths.results_json.read_text(encoding="utf-8"))
    record = next(o["letter"] for o in results["organisations"] if o["org_id"] == "sch2")
    assert record["deadline"] == "2022-12-01"


def test_deadline_choice():
    letter_day = dt.date(2022, 10, 28)
    dates = {"a": dt.date(2022, 11, 10), "b": dt.date(2022, 11, 10), "old": dt.date(2020, 1, 1)}
    assert letter_deadline(["a", "b"], None, dates, letter_day) == (dt.date(2022, 11, 10), ())
    configured = dt.date(2022, 12, 31)
    assert letter_deadline(["a", "old"], configured, dates, letter_day) == (configured, ())
    assert letter_deadline(["old"], None, dates, letter_day) == (None, ())
    assert letter_deadline(["a", "x"], None, dates, letter_day) == (None, (("a", dates["a"]),))


def test_hostile_site_text_is_printed_literally_in_docx_and_html(custom):
    _, paths = custom
    path = letter(paths, "sch2")
    text = docx_text(path)
    assert HOSTILE in text  # the document's title, as a link label
    assert f"Неверная дата: {HOSTILE}" in text  # and as plain text in the remarks
    assert "Слободчиковская" in text
    with zipfile.ZipFile(path) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    assert "<script" not in xml and "<img" not in xml
    assert "&lt;script&gt;x()&lt;/script&gt;" in xml
    html = letter(paths, "sch2", ".html").read_text(encoding="utf-8")
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;x()&lt;/script&gt;&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in html
    assert "{{ school.name }}{% if 1 %}!{% endif %}" in html


def test_hostile_html_letter_runs_nothing_in_chromium(custom):
    _, paths = custom
    browser_path = chromium_path()
    if browser_path is None:
        pytest.skip("Chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=browser_path, headless=True)
        try:
            page = browser.new_page()
            dialogs, errors = [], []
            page.on("dialog", lambda dialog: (dialogs.append(dialog), dialog.dismiss()))
            page.on("pageerror", lambda error: errors.append(error))  # x() throws if run
            page.route("http*://**", lambda route: route.abort())
            page.goto(letter(paths, "sch2", ".html").resolve().as_uri(), wait_until="load")
            assert page.locator("script, img").count() == 0
            assert not dialogs and not errors
            assert HOSTILE in page.inner_text("body")
        finally:
            browser.close()


def _write_with_template(tmp_path: Path, template: Path):
    """Write the reports of a fresh store into tmp_path/out with the given letter template."""
    con = _build_store(tmp_path / "store.duckdb")
    try:
        return write_reports(
            con,
            RUN_ID,
            tmp_path / "out",
            LETTERHEAD,
            letter_settings=LetterSettings(template=str(template)),
            pdf=False,
        )
    finally:
        con.close()


def test_workspace_template_is_used(tmp_path):
    template = template_with(tmp_path, "Абзац центра для {{ school.id }}: {{ school.head_name }}")
    paths = _write_with_template(tmp_path, template)
    text = docx_text(letter(paths, "sch2"))
    assert "Абзац центра для sch2: Сидоров Иван Петрович" in text
    assert "Сидорову И. П." in text  # the rest of the built-in layout is still there


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("Срок {{ school.name ", "записаны неверно (проверьте фигурные скобки) в абзаце «Срок"),
        ("{%p if missing %}", "команда «if» не закрыта: нет парной команды «endif»"),
        ("{% endfor %}", "непарная команда «endfor»"),
        ("Уважаемые {{ shool.name }}", "неизвестное поле «shool»"),
    ],
)
def test_broken_template_is_refused_in_russian(tmp_path, paragraph, expected):
    template = template_with(tmp_path, paragraph)
    with pytest.raises(LetterTemplateError) as raised:
        LetterTemplate(template)
    message = str(raised.value)
    assert str(template) in message and expected in message
    assert "docs/letters.md" in message


def test_unknown_nested_field_and_non_docx_are_refused(tmp_path, written):  # noqa: F811
    _, paths = written
    results = json.loads(paths.results_json.read_text(encoding="utf-8"))
    org = next(o for o in results["organisations"] if o["org_id"] == "sch2")
    context = build_letter_context(results, org, LETTERHEAD)
    template = LetterTemplate(template_with(tmp_path, "{{ school.nam }}"))
    with pytest.raises(LetterTemplateError, match="неизвестное поле «nam»"):
        write_letter_docx(context, tmp_path / "sch2.docx", template)
    assert not (tmp_path / "sch2.docx").exists()
    fake = tmp_path / "fake.docx"
    fake.write_text("это не документ Word", encoding="utf-8")
    with pytest.raises(LetterTemplateError, match="не является документом Word"):
        LetterTemplate(fake)


def test_broken_template_stops_the_reports_before_any_file_is_written(tmp_path):
    template = template_with(tmp_path, "{{ school.name ")
    with pytest.raises(LetterTemplateError, match="Шаблон письма"):
        _write_with_template(tmp_path, template)
    assert not (tmp_path / "out" / "results.json").exists()


def test_builtin_template_holds_the_declared_wording():
    text = docx_text(builtin_template())
    assert "{{ letter.subject }}" in text  # «О …» under the number: LETTER_TITLE or REPLY_TITLE
    keys = ("found", "missing", "missing_lead", "advised", "advised_lead", "unchecked", "broken")
    for key in (*keys, "remarks", "optional"):
        assert LETTER_TEXT[key] in text, key
    assert LETTER_FOLLOW_UP_TEXT["heading"] in text


def test_init_copies_the_template_into_the_workspace(tmp_path):
    completed = cli("init", str(tmp_path / "ws"))
    assert completed.returncode == 0, completed.stderr
    copy = tmp_path / "ws" / LETTER_TEMPLATE_PATH
    assert copy.read_bytes() == builtin_template().read_bytes()
    assert "Шаблон писем школам" in completed.stdout and "letter.docx" in completed.stdout
    settings = load_workspace(tmp_path / "ws").letters
    assert settings.template == str(copy.resolve())
    assert (settings.number_format, settings.first_number, settings.letter_date) == (
        "{number}",
        1,
        None,
    )


def test_config_without_letters_section_keeps_working(tmp_path):
    config = init_workspace(tmp_path)
    text = config.read_text(encoding="utf-8")
    start = text.index("[letters]")
    config.write_text(text[:start] + text[text.index("[crawl]") :], encoding="utf-8")
    assert load_workspace(tmp_path).letters == LetterSettings()


def test_custom_template_path_is_kept_relative_to_the_workspace(tmp_path):
    init_workspace(tmp_path, overrides={"letters": {"letter_date": "2026-11-30"}})
    install_letter_template(tmp_path)
    assert f'template = "{LETTER_TEMPLATE_PATH}"' in (tmp_path / CONFIG_NAME).read_text("utf-8")
    settings = load_workspace(tmp_path).letters
    assert settings.letter_date == dt.date(2026, 11, 30)
    assert Path(settings.template).is_file()


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("number_format", "01-33/{num}", "поле {number} ровно один раз"),
        ("number_format", "01-33/{number", "непарная фигурная скобка"),
        ("number_format", "{number:zz}", "неверное оформление поля"),
        ("letter_date", "28.10.2022", "ГГГГ-ММ-ДД"),
        ("first_number", 0, "не меньше 1"),
        ("template", "нет/шаблона.docx", "не найден"),
    ],
)
def test_bad_letters_settings_are_named(tmp_path, key, value, expected):
    init_workspace(tmp_path, overrides={"letters": {key: value}})
    with pytest.raises(UserError, match=expected) as raised:
        load_workspace(tmp_path)
    assert "[letters]" in str(raised.value)


def test_number_format_problem():
    assert number_format_problem("{number}") is None
    assert number_format_problem("01-33/{number:03d}") is None
    assert number_format_problem("{number}/{number}") is not None


@pytest.mark.parametrize(
    ("name", "dative"),
    [
        ("Петрова Анна Ивановна", "Петровой А. И."),
        ("Сидоров Иван Петрович", "Сидорову И. П."),
        ("Соколовский Андрей Игоревич", "Соколовскому А. И."),
        ("Крупская Надежда Константиновна", "Крупской Н. К."),
        ("Толстой Лев Николаевич", "Толстому Л. Н."),
        ("Шевчук Ирина Олеговна", "Шевчук И. О."),
        ("Шевчук Олег Ильич", "Шевчуку О. И."),
        ("Белых Мария Петровна", "Белых М. П."),
        ("Шевченко Тарас Григорьевич", "Шевченко Т. Г."),
        ("Петров-Водкин Кузьма Сергеевич", "Петрову-Водкину К. С."),
        ("Цой Виктор Робертович", "Цою В. Р."),  # petrovich's rules (pytrovich)
        ("Рыжая Анна Ивановна", "Рыжей А. И."),
        ("Алиев Рашид", "Алиев Рашид"),  # no patronymic: left as written
    ],
)
def test_head_name_in_the_dative(name, dative):
    assert dative_with_initials(name) == dative


# The run three months earlier whose letters these follow up (results.json `follow_up`).
EARLIER = {
    "earlier_run_id": "20220718-090000",
    "earlier_date": "2022-07-18",
    "letter_date": "2022-07-20",
    "deadline": "2022-09-01",
    "deadline_passed": True,
}
TITLES = {rule[0]: rule[1] for rule in RULES}
FOLLOW_UP_HEADING = LETTER_FOLLOW_UP_TEXT["heading"]
FIXED_LEAD = "По итогам мониторинга от 18.07.2022 (письмо от 20.07.2022) устранены замечания:"
NOT_FIXED_LEAD = (
    "Не исправлены в установленный срок (до 01.09.2022 г.) замечания, направленные письмом "
    "от 20.07.2022 по итогам мониторинга от 18.07.2022:"
)
NOT_CHECKED_LEAD = (
    "Не удалось проверить, устранены ли следующие замечания по итогам мониторинга от "
    "18.07.2022; это не считается невыполнением рекомендаций:"
)


def with_follow_up(results: dict, statuses: dict, titles: dict | None = None, **run) -> dict:
    """A copy of `results` with the follow-up of an earlier run: {(org, rule): status}."""
    results = copy.deepcopy(results)
    items = [
        {
            "org_id": org_id,
            "rule_id": rule_id,
            "title": (titles or TITLES)[rule_id],
            "status": status,
            "status_label": FOLLOW_UP_LABELS[status],
            "days_to_fix": 98 if status == "fixed" else None,
        }
        for (org_id, rule_id), status in statuses.items()
    ]
    counts = {key: sum(item["status"] == key for item in items) for key in FOLLOW_UP_LABELS}
    results["follow_up"] = {**EARLIER, **run, "counts": counts, "items": items}
    for org in results["organisations"]:
        org["follow_up"] = [item for item in items if item["org_id"] == org["org_id"]]
    return results


def render_both(results: dict, org_id: str, tmp_path: Path) -> tuple[Path, str]:
    """One school's letter from `results` as DOCX (a file) and HTML (its text)."""
    org = next(o for o in results["organisations"] if o["org_id"] == org_id)
    context = build_letter_context(results, org, LETTERHEAD, dt.date(2022, 11, 10))
    docx = write_letter_docx(context, tmp_path / f"{org_id}.docx")
    return docx, render_letter(context)


def follow_up_paragraphs(path: Path) -> list[tuple[str, str]]:
    """(style, text) of the DOCX paragraphs between the follow-up heading and the next one."""
    paragraphs = Document(str(path)).paragraphs
    start = [p.text for p in paragraphs].index(FOLLOW_UP_HEADING)
    shown = []
    for paragraph in paragraphs[start + 1 :]:
        if paragraph.style.name.startswith("Heading"):
            break
        shown.append((paragraph.style.name, paragraph.text))
    return shown


def html_follow_up(html: str) -> dict[str, list[tuple[str, str]]]:
    """Per status, the (rule id, text) of each item in the HTML letter's follow-up lists."""
    tree = lxml.html.fromstring(html)
    return {
        key: [
            (li.get("data-rule-id"), li.text_content())
            for li in tree.xpath(f'//ul[@class="follow-up {key}"]/li')
        ]
        for key in FOLLOW_UP_LABELS
    }


@pytest.fixture(scope="module")
def results(written):  # noqa: F811
    _, paths = written
    return json.loads(paths.results_json.read_text(encoding="utf-8"))


def test_letter_acknowledges_fixes_and_names_what_is_not_fixed(results, tmp_path):
    statuses = {
        ("sch2", "order_impl"): "fixed",
        ("sch2", "regulation"): "fixed",
        ("sch2", "roadmap"): "not_fixed",
        ("sch2", "news"): "not_checked",
        ("sch4", "section"): "not_fixed",  # another school's: not in sch2's letter
    }
    docx, html = render_both(with_follow_up(results, statuses), "sch2", tmp_path)
    assert follow_up_paragraphs(docx) == [
        ("Body Text", FIXED_LEAD),
        ("List Bullet", TITLES["order_impl"]),
        ("List Bullet", TITLES["regulation"]),
        ("Body Text", NOT_FIXED_LEAD),
        ("List Bullet", f"{TITLES['roadmap']} — не исправлено"),
        ("Body Text", NOT_CHECKED_LEAD),
        ("List Bullet", f"{TITLES['news']} — не проверено"),
    ]
    text = docx_text(docx)
    assert TITLES["section"] not in text.split(FOLLOW_UP_HEADING)[1].split("Размещено на сайте")[0]
    # Still missing, so still asked for: the table and the deadline are those of today's letter.
    rows = missing_table(docx).rows[1:]
    assert [row.cells[1].text for row in rows] == [TITLES["roadmap"], TITLES["programs"]]
    assert "в срок до 10.11.2022 г." in text and ACKNOWLEDGEMENT not in text
    assert html_follow_up(html) == {
        "fixed": [("order_impl", TITLES["order_impl"]), ("regulation", TITLES["regulation"])],
        "not_fixed": [("roadmap", f"{TITLES['roadmap']} — не исправлено")],
        "not_checked": [("news", f"{TITLES['news']} — не проверено")],
    }
    for lead in (FOLLOW_UP_HEADING, FIXED_LEAD, NOT_FIXED_LEAD, NOT_CHECKED_LEAD):
        assert lead in html


def test_follow_up_wording_without_letter_date_or_passed_deadline(results):
    statuses = {("sch2", "roadmap"): "not_fixed", ("sch2", "order_impl"): "fixed"}
    changed = with_follow_up(results, statuses, letter_date=None, deadline_passed=False)
    org = next(o for o in changed["organisations"] if o["org_id"] == "sch2")
    note = build_letter_context(changed, org, LETTERHEAD).follow_up
    assert note.fixed_text == "По итогам мониторинга от 18.07.2022 устранены замечания:"
    assert note.not_fixed_text == (
        "Не исправлены замечания, направленные по итогам мониторинга от 18.07.2022:"
    )
    assert [item.rule_id for item in note.not_fixed] == ["roadmap"] and not note.not_checked


def test_letter_without_follow_up_is_unchanged(results, tmp_path):
    """No earlier run, or nothing reported to this school: the letter reads as before."""
    plain = copy.deepcopy(results)
    plain.pop("follow_up", None)
    for org in plain["organisations"]:
        org.pop("follow_up", None)
    empty = copy.deepcopy(plain)
    empty["follow_up"] = None
    for org in empty["organisations"]:
        org["follow_up"] = []
    others = with_follow_up(plain, {("sch4", "section"): "not_fixed"})
    rendered = []
    for name, variant in (("plain", plain), ("empty", empty), ("others", others)):
        folder = tmp_path / name
        folder.mkdir()
        docx, html = render_both(variant, "sch2", folder)
        with zipfile.ZipFile(docx) as package:
            rendered.append((package.read("word/document.xml"), html))
    assert rendered[0] == rendered[1] == rendered[2]
    text = docx_text(tmp_path / "plain" / "sch2.docx")
    for phrase in (FOLLOW_UP_HEADING, "устранены", "Не исправлены", "не исправлено"):
        assert phrase not in text and phrase not in rendered[0][1]
    assert 'class="follow-up' not in rendered[0][1]
    # The rest is the letter of today: requisites, table and deadline.
    assert "Сидорову И. П." in text and "в срок до 10.11.2022 г." in text
    assert len(missing_table(tmp_path / "plain" / "sch2.docx").rows) == 1 + 2


def test_school_that_fixed_everything_gets_the_acknowledgement_of_its_fixes(results, tmp_path):
    statuses = {("sch1", "roadmap"): "fixed", ("sch1", "programs"): "fixed"}
    docx, html = render_both(with_follow_up(results, statuses), "sch1", tmp_path)
    expected = (
        "Замечания, направленные по итогам мониторинга от 18.07.2022 (письмо от 20.07.2022), "
        f"устранены. {ACKNOWLEDGEMENT}"
    )
    text = docx_text(docx)
    assert expected in text and expected in html
    *fixes, (style, acknowledgement) = follow_up_paragraphs(docx)
    assert fixes == [
        ("Body Text", FIXED_LEAD),
        ("List Bullet", TITLES["roadmap"]),
        ("List Bullet", TITLES["programs"]),
    ]
    assert style == "Body Text" and acknowledgement.startswith(expected)  # after the fixes
    assert missing_table(docx) is None and "в срок до" not in text
    assert "Не исправлены" not in text and "не исправлено" not in html
    assert html_follow_up(html)["fixed"] == [
        ("roadmap", TITLES["roadmap"]),
        ("programs", TITLES["programs"]),
    ]
    # Fixed what it was told but something is still not checked: no claim that all is fixed.
    statuses[("sch1", "news")] = "not_checked"
    docx, _ = render_both(with_follow_up(results, statuses), "sch1", tmp_path)
    assert "устранены. Все материалы" not in docx_text(docx)


def test_hostile_follow_up_titles_stay_inert(results, tmp_path):
    titles = {**TITLES, "roadmap": HOSTILE, "order_impl": f"Приказ {HOSTILE}"}
    statuses = {("sch2", "roadmap"): "not_fixed", ("sch2", "order_impl"): "fixed"}
    docx, html = render_both(with_follow_up(results, statuses, titles), "sch2", tmp_path)
    assert follow_up_paragraphs(docx)[1] == ("List Bullet", f"Приказ {HOSTILE}")
    assert follow_up_paragraphs(docx)[3] == ("List Bullet", f"{HOSTILE} — не исправлено")
    with zipfile.ZipFile(docx) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    assert "<script" not in xml and "<img" not in xml and "Слободчиковская СОШ»!" not in xml
    assert "<script" not in html and "<img" not in html
    assert html_follow_up(html)["not_fixed"] == [("roadmap", f"{HOSTILE} — не исправлено")]


def test_every_template_field_is_documented():
    docs = (Path(__file__).resolve().parents[1] / "docs" / "letters.md").read_text("utf-8")
    for name in sorted(FIELDS):
        assert f"`{name}" in docs, name
    for key in ("fixed", "not_fixed", "not_checked"):
        assert f"`follow_up.{key}`" in docs and f"`follow_up.{key}_text`" in docs


def test_a_long_section_address_is_printed_whole(written, tmp_path):  # noqa: F811
    """The school retypes the address from the paper: a signed letter never cuts it with «…»."""
    _, paths = written
    results = json.loads(paths.results_json.read_text(encoding="utf-8"))
    org = next(o for o in results["organisations"] if o["org_id"] == "sch2")
    long_url = "https://school.example.ru/" + "/".join(["nastavnicheskie-praktiki"] * 6) + "/"
    org["section"]["url"] = long_url
    context = build_letter_context(results, org, LETTERHEAD, dt.date(2022, 11, 10))
    assert context.section.label == long_url.removeprefix("https://").rstrip("/")
    assert "…" not in context.section.label
