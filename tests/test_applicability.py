"""A requirement limited to some types of organisation: «не применимо» for the others.

The pupils' mentorship model (Р-145) is for schools, additional and vocational education; a
kindergarten in the registry is held to the teachers' requirements only. «Не применимо» is
never scored, never in a letter, «н/п» in the справка; an unrecognised type is held to all.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import duckdb
import jsonschema
import pytest
from test_letters import docx_text
from test_reports import LETTERHEAD

from audit_rules import apply_profile, load_profile
from audit_rules.org_types import ORG_TYPES, org_type
from cmn_audit.evaluate.report import load_truth
from cmn_audit.registry import read_registry, registry_types_markdown
from cmn_audit.store import schema_sql
from reports.context import level_label
from reports.writer import write_reports

ROOT = Path(__file__).resolve().parents[1]
RUN = "20221110-090000"
SCHEMA = json.loads((ROOT / "docs" / "results.schema.json").read_text(encoding="utf-8"))
PUPILS_RULES = {"UI-03", "UI-05", "UI-07", "UI-10", "UI-14"}
# org_id → (registry «Тип», name)
ORGS = {
    "sosh1": ("школа", "МБОУ «СОШ № 1»"),
    "ds5": ("детский сад", "МБДОУ «Детский сад № 5 «Солнышко»"),
    "odd": ("учреждение", "МБУ «Центр «Радуга»"),
}


@pytest.mark.parametrize(
    ("kind", "name", "expected"),
    [
        ("школа", "", "school"),
        ("СОШ", "", "school"),
        ("Гимназия", "", "school"),
        ("школа – детский сад", "", "school"),
        ("МБДОУ", "", "kindergarten"),
        ("детский сад", "", "kindergarten"),
        ("ДОУ", "", "kindergarten"),
        ("", "Муниципальное бюджетное дошкольное образовательное учреждение № 5", "kindergarten"),
        ("учреждение дополнительного образования", "", "additional"),
        ("", "МБУ ДО «Дом детского творчества»", "additional"),
        ("ДЮСШ", "", "additional"),
        ("Детская школа искусств", "", "additional"),
        ("колледж", "", "vocational"),
        ("ГБПОУ", "", "vocational"),
        ("ОО", "МБОУ «СОШ» по улице Ленина", "school"),
        ("kindergarten", "МБОУ «Школа»", "kindergarten"),
        ("учреждение", "МБУ «Центр «Радуга»", None),
    ],
)
def test_the_registry_type_is_read_in_its_own_words(kind, name, expected) -> None:
    found = org_type(kind, name)
    assert (found.id if found else None) == expected


@pytest.mark.parametrize("kind", ORG_TYPES, ids=lambda kind: kind.id)
def test_every_documented_way_to_write_a_type_reads_as_that_type(kind) -> None:
    assert [org_type(example) for example in kind.examples] == [kind] * len(kind.examples)
    doc = (ROOT / "docs" / "registry.md").read_text(encoding="utf-8")
    assert registry_types_markdown() in doc


def test_an_unrecognised_type_is_noted_when_the_registry_is_read(tmp_path: Path) -> None:
    path = tmp_path / "registry.csv"
    lines = ["id,name,short_name,kind,site_url,email,head_name,municipality"]
    for org_id, (kind, name) in ORGS.items():
        lines.append(
            f'{org_id},"{name}","{name}",{kind},http://{org_id}.example.ru/,'
            f"{org_id}@example.ru,Иванова Анна Петровна,Усть-Ишимский муниципальный район"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    registry = read_registry(path)
    assert len(registry.organisations) == 3
    (note,) = registry.notes
    assert "тип организации не распознан" in note
    assert "строка 4: «учреждение»" in note
    assert "sosh1" not in note and "детский сад" not in note.split("\n", 1)[1]


def _store(path: Path, profile_id: str) -> duckdb.DuckDBPyConnection:
    """A run where every organisation published the teachers' documents and nothing else."""
    con = duckdb.connect(str(path))
    con.execute(schema_sql())
    con.execute(
        "INSERT INTO runs (run_id, started_at, finished_at, audit_date, profile_id, "
        "municipality, status) VALUES (?, TIMESTAMP '2022-11-10 09:00:00', "
        "TIMESTAMP '2022-11-10 09:30:00', DATE '2022-11-10', ?, "
        "'Усть-Ишимский муниципальный район', 'complete')",
        [RUN, profile_id],
    )
    for org_id, (kind, name) in ORGS.items():
        home = f"http://{org_id}.example.ru/"
        con.execute(
            "INSERT INTO organisations (run_id, org_id, name, short_name, kind, site_url, email, "
            "head_name, municipality) VALUES (?, ?, ?, ?, ?, ?, ?, 'Иванова Анна Петровна', "
            "'Усть-Ишимский муниципальный район')",
            [RUN, org_id, name, name, kind, home, f"{org_id}@example.ru"],
        )
        con.execute(
            "INSERT INTO sites (run_id, org_id, site_status, home_url, section_found, "
            "section_url, section_title, pages_crawled) "
            "VALUES (?, ?, 'ok', ?, TRUE, ?, 'Наставничество', 3)",
            [RUN, org_id, home, home + "nastavnichestvo/"],
        )
        for kind_of_doc in ("order_implementation", "regulation", "roadmap", "program"):
            con.execute(
                "INSERT INTO documents (run_id, org_id, url, found_on, fetch_status, "
                "extract_status, text_source, kind, audience, issuer, title, period_start, "
                "period_end) VALUES (?, ?, ?, ?, 'ok', 'ok', 'text', ?, 'teachers', 'school', "
                "?, 2022, 2024)",
                [
                    RUN,
                    org_id,
                    f"{home}files/{kind_of_doc}.pdf",
                    home + "nastavnichestvo/",
                    kind_of_doc,
                    f"Документ {kind_of_doc} о наставничестве педагогических работников",
                ],
            )
    apply_profile(con, RUN, load_profile(profile_id), dt.date(2022, 11, 10))
    return con


def _outcomes(con: duckdb.DuckDBPyConnection, org_id: str) -> dict[str, tuple[str, str]]:
    rows = con.execute(
        "SELECT rule_id, outcome, note FROM rule_results WHERE run_id = ? AND org_id = ?",
        [RUN, org_id],
    ).fetchall()
    return {rule_id: (outcome, note) for rule_id, outcome, note in rows}


def _score(con: duckdb.DuckDBPyConnection, org_id: str) -> tuple:
    return con.execute(
        "SELECT score, passed, failed, not_checked FROM org_scores WHERE run_id = ? AND org_id = ?",
        [RUN, org_id],
    ).fetchone()


def test_a_kindergarten_is_held_to_the_teachers_rules_only(tmp_path: Path) -> None:
    con = _store(tmp_path / "store.duckdb", "ust_ishim_2022")
    school, kindergarten, untyped = (_outcomes(con, org_id) for org_id in ORGS)
    assert {rule for rule, (outcome, _) in kindergarten.items() if outcome == "not_applicable"} == (
        PUPILS_RULES
    )
    assert all(outcome != "not_applicable" for outcome, _ in school.values())
    # An unknown type excuses nothing: the «учреждение» is held to the pupils' rules too.
    assert untyped == school
    assert kindergarten["UI-03"][1] == (
        "требование не относится к организации этого типа (дошкольная образовательная организация)"
    )
    assert {rule: school[rule][0] for rule in PUPILS_RULES} == dict.fromkeys(PUPILS_RULES, "fail")
    # The teachers' rules are judged alike, and only they enter the kindergarten's score.
    for rule, verdict in kindergarten.items():
        if rule not in PUPILS_RULES:
            assert verdict == school[rule], rule
    school_score, kindergarten_score = _score(con, "sosh1"), _score(con, "ds5")
    assert kindergarten_score[1] == school_score[1]  # the same rules passed
    assert kindergarten_score[2] == school_score[2] - 4  # the four required pupils' ones left out
    assert kindergarten_score[0] > school_score[0]


def test_letters_and_the_reference_leave_out_what_does_not_apply(tmp_path: Path) -> None:
    con = _store(tmp_path / "store.duckdb", "ust_ishim_2022")
    paths = write_reports(
        con,
        RUN,
        tmp_path / "out",
        LETTERHEAD,
        formats=("json", "html", "docx", "xlsx", "csv", "dashboard"),
    )
    results = json.loads(Path(paths.results_json).read_text(encoding="utf-8"))
    jsonschema.validate(results, SCHEMA)
    letters = {Path(p).stem: Path(p) for p in paths.letters_docx}
    kindergarten_letter = next(p for stem, p in letters.items() if "5" in stem)
    school_letter = next(p for stem, p in letters.items() if "1" in stem and "5" not in stem)
    kindergarten_text = docx_text(kindergarten_letter)
    school_text = docx_text(school_letter)
    for title in ("Приказ о внедрении ЦМН обучающихся", "Программа наставничества обучающихся"):
        assert title in school_text
        assert title not in kindergarten_text
    assert "не применимо" not in kindergarten_text
    assert "Приказ о внедрении системы (целевой модели) наставничества педагогических" in (
        kindergarten_text
    )
    reference = Path(paths.reference_html).read_text(encoding="utf-8")
    assert reference.count(">н/п<") == len(PUPILS_RULES)
    assert "н/п — критерий не применяется к образовательной организации этого типа" in reference


def test_an_organisation_no_rule_applies_to_gets_no_letter(tmp_path: Path) -> None:
    """Under Артёмовский's pupils' ЦМН every rule is for schools: a kindergarten is not asked."""
    con = _store(tmp_path / "store.duckdb", "artemovsky_2020")
    assert {outcome for outcome, _ in _outcomes(con, "ds5").values()} == {"not_applicable"}
    paths = write_reports(con, RUN, tmp_path / "out", LETTERHEAD, formats=("json", "docx"))
    stems = sorted(Path(p).stem for p in paths.letters_docx)
    assert len(stems) == 2 and not any("5" in stem for stem in stems)
    results = json.loads(Path(paths.results_json).read_text(encoding="utf-8"))
    kindergarten = next(org for org in results["organisations"] if org["org_id"] == "ds5")
    assert "letter" not in kindergarten
    # Its level is «не применимо», not «не проверено»: its site was read.
    assert level_label(results, kindergarten) == "не применимо"


def test_truth_may_say_not_applicable(tmp_path: Path) -> None:
    path = tmp_path / "truth.json"
    path.write_text(
        json.dumps(
            {
                "organisations": [
                    {
                        "org_id": "ds5",
                        "site_url": "http://ds5.example.ru/",
                        "rules": {"UI-03": "not_applicable"},
                    }
                ]
            }
        ),
        encoding="utf-8",
    )
    truth = load_truth(path)
    assert truth["organisations"][0]["rules"]["UI-03"] == "not_applicable"
