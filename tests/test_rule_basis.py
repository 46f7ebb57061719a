"""What each rule rests on (published | inferred), how outputs show it, and source coverage."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import duckdb
import pytest
from docx import Document
from test_reports import LETTERHEAD, RUN_ID, _build_store

from audit_rules import ProfileError, apply_profile, load_profile
from audit_rules.catalogue import RULES_DOC, render_coverage, render_rules_markdown
from audit_rules.messages import BASIS_LABELS
from audit_rules.model import SEVERITY_POLICY
from audit_rules.registry import PROFILES_DIR, available_profiles
from cmn_audit.store import schema_sql
from reports.context import site_checked
from reports.dashboard.context import overview_context, school_context
from reports.letter.context import advice, build_letter_context
from reports.letter.docx import write_letter_docx
from reports.letter.html import render_letter
from reports.messages import NO_COUNTED_RULES, NOT_SCORED_LABEL, REFERENCE_TEXT
from reports.reference.context import build_reference_context
from reports.reference.html import render_reference
from reports.results import build_results
from reports.russian import MONTHS_GENITIVE

SOURCES_DIR = Path(__file__).parent.parent / "docs" / "sources"
PROFILE_TEXT = (PROFILES_DIR / "ust_ishim_2022.toml").read_text(encoding="utf-8")
INFERRED = BASIS_LABELS["inferred"]

# The decision per rule, read line by line from the sources: does the quoted line ask for the
# school's site? Everything else is expected there by the centre's practice.
BASES = {
    **{f"UI-{n:02d}": "published" for n in range(1, 16)},  # «Рекомендуем наполнить раздел»
    "ART-01": "published",  # «Создание рубрики « Наставничество» на сайтах … МОО»
    "ART-02": "inferred",  # «Информирование родительского сообщества»: the site is not named
    "ART-03": "inferred",  # scans of the orders go «на адрес эл.почты»
    "ART-04": "inferred",  # «Разработка и утверждение ОУ Дорожных карт»
    "ART-05": "inferred",  # «Издание ЛНА»
    "ART-06": "published",  # indicator 11: a section «на своих информационных интернет-ресурсах»
    **{f"NVK-{n:02d}": "published" for n in range(1, 11)},  # «На сайте ОО размещаются сведения»
    "IZH-01": "inferred",  # the documents are provided to the municipal stage of monitoring
    "IZH-02": "inferred",
    "IZH-03": "inferred",
    "ZNM-01": "published",  # «Создать на официальном сайте … специальный раздел»
    "ZNM-02": "published",
    "ZNM-03": "inferred",  # «Разработать «Положение …»»
    "ZNM-04": "inferred",  # «Разработать и утвердить нормативные акты»
    "ZNM-05": "inferred",  # Положение 4.1: the orders regulate mentorship
    "ZNM-06": "inferred",  # «локальные акты, регламентирующие меры стимулирования»
    "ZNM-07": "published",  # the curator keeps the bank «…официального сайта образовательной…»
    "ZNM-08": "inferred",  # «Назначить куратора»
    "ZNM-09": "inferred",  # the head «утверждает план мероприятий»
    "ZNM-10": "published",  # «Размещен и пополняется информационный ресурс (контент) на … сайтах»
    "ZNM-11": "published",  # programmes «на сайте (специализированной странице сайта)»
    "ZNM-12": "inferred",  # the form of приложение 3 is for the base sent to the coordinator
}
# A line of a source that speaks of a site is a requirement to account for.
SITE_CUE = re.compile(r"сайт|размещ|рубрик|интернет-ресурс", re.IGNORECASE)


def _normalised(text: str) -> str:
    return " ".join(text.split())


def _source_text(file: str) -> str:
    return _normalised((SOURCES_DIR / file).read_text(encoding="utf-8"))


def broken(tmp_path: Path, old: str, new: str) -> Path:
    assert old in PROFILE_TEXT, old
    path = tmp_path / "broken.toml"
    path.write_text(PROFILE_TEXT.replace(old, new, 1), encoding="utf-8")
    return path


# --- the declaration ----------------------------------------------------------------------


def test_every_rule_declares_the_basis_read_from_its_source() -> None:
    declared = {
        rule.id: rule.basis for name in available_profiles() for rule in load_profile(name).rules
    }
    assert declared == BASES


def test_inferred_rules_are_advice_without_a_deadline() -> None:
    for name in available_profiles():
        for rule in load_profile(name).rules:
            if rule.basis == "inferred":
                assert rule.severity == "recommended" and not rule.counted, rule.id
                assert rule.deadline is None, rule.id
                assert SEVERITY_POLICY[rule.severity].letter_group == "advised", rule.id


def test_art_03_is_the_e_mail_line_without_its_deadline() -> None:
    rule = load_profile("artemovsky_2020").rule("ART-03")
    assert rule.basis == "inferred" and rule.deadline is None
    text = _source_text(rule.source.file)
    line = text[text.index("необходимо в срок до 09.11.2020") :][:400]
    assert _normalised(rule.quote) in line and "эл.почты" in line


def test_znm_07_quotes_the_line_that_names_the_site() -> None:
    rule = load_profile("znamensky_2022").rule("ZNM-07")
    assert rule.basis == "published" and rule.counted
    assert "официального сайта образовательной организации" in rule.quote
    assert "предоставить их муниципальному координатору" not in rule.quote
    assert rule.deadline is None  # 13 May is the date to send the bases, not to publish them


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('basis = "published"\nseverity = "required"', 'severity = "required"', "«basis»"),
        ('basis = "published"', 'basis = "site"', "недопустимое значение «site» ключа «basis»"),
        (
            'basis = "published"\nseverity = "required"',
            'basis = "inferred"\nseverity = "required"',
            'может быть только рекомендуемым (severity = "recommended")',
        ),
        (
            'basis = "published"\nseverity = "recommended"',
            'basis = "inferred"\nseverity = "recommended"\ndeadline = 2022-11-10',
            "не может быть срока deadline",
        ),
    ],
    ids=["missing", "unknown", "inferred-required", "inferred-deadline"],
)
def test_loader_refuses_a_basis_it_cannot_rely_on(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    with pytest.raises(ProfileError, match=re.escape(message)):
        load_profile(broken(tmp_path, old, new))


def test_loader_refuses_a_not_site_entry_of_an_undeclared_source(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match="источник «elsewhere» не объявлен"):
        load_profile(
            broken(
                tmp_path,
                'source = "ui-letter-62-2022"\nquote = "В срок',
                'source = "elsewhere"\nquote = "В срок',
            )
        )


# --- the sources as cited -------------------------------------------------------------------


@pytest.mark.parametrize("name", available_profiles())
def test_sources_cite_only_what_the_document_has(name: str) -> None:
    for source in load_profile(name).sources:
        text = _source_text(source.file)
        if source.subject:
            assert _normalised(source.subject).lower() in text.lower(), source.id
        if source.date:
            day = source.date
            numeric = f"{day:%d.%m.%Y}" in text.replace(". ", ".")
            words = f"{day.day} {MONTHS_GENITIVE[day.month - 1]} {day.year}" in text
            assert numeric or words, source.id


def test_izhevsk_letter_has_no_invented_subject() -> None:
    source = load_profile("izhevsk_2023").sources[0]
    assert source.subject == "" and source.subject_text == "(без заголовка)"
    section = render_rules_markdown(load_profile("izhevsk_2023"))
    assert "№ 272 от 10.08.2023 (без заголовка)" in section
    assert "О мониторинге реализации" not in section


def test_novokuznetsk_presentation_is_undated() -> None:
    source = load_profile("novokuznetsk_2022").sources[0]
    assert source.date is None
    assert source.citation == "Презентация МАОУ ДПО ИПК г. Новокузнецка б/н, без даты"
    assert "09.12.2022" not in source.citation


# --- coverage --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", available_profiles())
def test_every_quote_of_rules_and_not_site_entries_is_in_the_source(name: str) -> None:
    profile = load_profile(name)
    assert profile.not_site, name
    for item in (*profile.rules, *profile.not_site):
        assert _normalised(item.quote) in _source_text(item.source.file), item.quote
    for entry in profile.not_site:
        assert entry.reason.strip(), entry.quote


@pytest.mark.parametrize("name", available_profiles())
def test_every_line_that_speaks_of_a_site_is_accounted_for(name: str) -> None:
    profile = load_profile(name)
    quotes = [_normalised(item.quote) for item in (*profile.rules, *profile.not_site)]
    subjects = [_normalised(source.subject) for source in profile.sources]
    for file in {source.file for source in profile.sources}:
        for raw in (SOURCES_DIR / file).read_text(encoding="utf-8").splitlines():
            line = _normalised(raw)
            if not SITE_CUE.search(line) or any(line in subject for subject in subjects):
                continue
            assert any(quote in line or line in quote for quote in quotes), line


def test_catalogue_has_a_coverage_table_per_source() -> None:
    doc = RULES_DOC.read_text(encoding="utf-8")
    for name in available_profiles():
        profile = load_profile(name)
        for source in profile.sources:
            table = "\n".join(render_coverage(profile, source))
            assert table in doc
            assert f"### Покрытие основания `{source.id}`" in table
        for entry in profile.not_site:
            assert f"«{_normalised(entry.quote)}» | не требование к сайту: {entry.reason}" in doc
    assert "| [ART-03](#art-03) Приказ о внедрении" in doc
    assert re.search(r"\| \[ART-03\]\(#art-03\)[^\n]*\| по практике центра \|", doc)


# --- outputs: one policy for the score, the справка, the dashboard and the letters -----------


@pytest.fixture
def inferred_run(tmp_path: Path) -> dict:
    """The report tests' run with «roadmap» (failed by sch2) expected by the centre's practice."""
    con = _build_store(tmp_path / "store.duckdb")
    con.execute(
        "UPDATE run_rules SET basis = 'inferred', severity = 'recommended', counted = false "
        "WHERE rule_id = 'roadmap'"
    )
    results = build_results(con, RUN_ID)
    con.close()
    return results


def _org(results: dict, org_id: str) -> dict:
    return next(org for org in results["organisations"] if org["org_id"] == org_id)


def test_results_carry_the_basis(inferred_run: dict) -> None:
    bases = {rule["rule_id"]: rule["basis"] for rule in inferred_run["rules"]}
    assert bases["roadmap"] == "inferred" and bases["section"] == "published"


def test_letter_words_a_failed_inferred_rule_as_advice(inferred_run: dict, tmp_path) -> None:
    ctx = build_letter_context(inferred_run, _org(inferred_run, "sch2"), LETTERHEAD)
    assert "roadmap" not in {finding.rule_id for finding in ctx.missing}
    advised = next(finding for finding in ctx.advised if finding.rule_id == "roadmap")
    assert advised.recommendation == (
        "Рекомендуем разместить план реализации (дорожную карту) ЦМН на текущий период."
    )
    assert advised.label.endswith(f" — {INFERRED}")
    html = render_letter(ctx)
    assert "Рекомендуем разместить план реализации (дорожную карту) ЦМН" in html
    assert INFERRED in html and "не выполнено требование" not in html.lower()
    docx = write_letter_docx(ctx, tmp_path / "letter.docx")
    text = "\n".join(paragraph.text for paragraph in Document(str(docx)).paragraphs)
    assert f"План реализации (дорожная карта) ЦМН — {INFERRED}" in text
    assert "Рекомендуем разместить план реализации" in text


def test_advice_keeps_an_abbreviation_and_an_infinitive() -> None:
    assert advice("Издать и разместить приказ.") == "Рекомендуем издать и разместить приказ."
    assert advice("ЦМН освещать в новостях.") == "Рекомендуем ЦМН освещать в новостях."


def test_reference_and_dashboard_mark_the_inferred_criterion(inferred_run: dict) -> None:
    mark = REFERENCE_TEXT["inferred_mark"]
    assert "ожидается по практике центра: в основании не требуется размещение" in mark
    context = build_reference_context(inferred_run, LETTERHEAD)
    row = next(row for row in context.criteria if row.rule_id == "roadmap")
    assert row.mark == mark and not row.counted
    assert mark in render_reference(context)
    school = school_context(inferred_run, _org(inferred_run, "sch2"), {})
    verdict = next(v for v in school["verdicts"] if v["rule_id"] == "roadmap")
    assert verdict["mark"] == mark


def test_inferred_rules_never_enter_the_score(tmp_path: Path) -> None:
    """A school that publishes only what the source asks for the site scores 100."""
    profile = load_profile("artemovsky_2020")
    counted = [rule.id for rule in profile.rules if rule.counted]
    assert counted == ["ART-01"]
    con = duckdb.connect()
    con.execute(schema_sql())
    con.execute(
        "INSERT INTO runs (run_id, started_at, audit_date, profile_id, status) "
        "VALUES ('r', '2020-12-01 09:00', '2020-12-01', 'artemovsky_2020', 'complete')"
    )
    con.execute(
        "INSERT INTO organisations (run_id, org_id, name, site_url) "
        "VALUES ('r', 's1', 'МБОУ СОШ № 1', 'https://school.example.ru/')"
    )
    con.execute(
        "INSERT INTO sites (run_id, org_id, site_status, home_url, section_found, section_url, "
        "section_title) VALUES ('r', 's1', 'ok', 'https://school.example.ru/', true, "
        "'https://school.example.ru/nastavnichestvo', 'Наставничество')"
    )
    apply_profile(con, "r", profile, date(2020, 12, 1))
    outcomes = dict(con.execute("SELECT rule_id, outcome FROM rule_results").fetchall())
    assert outcomes["ART-03"] == "fail" and outcomes["ART-01"] == "pass"
    assert con.execute("SELECT score, level FROM org_scores").fetchone() == (100.0, "compliant")
    basis = dict(con.execute("SELECT rule_id, basis FROM run_rules").fetchall())
    assert basis["ART-03"] == "inferred" and basis["ART-01"] == "published"


def test_a_run_with_nothing_counted_says_the_score_is_not_computed(tmp_path: Path) -> None:
    con = _build_store(tmp_path / "store.duckdb")
    con.execute(
        "UPDATE run_rules SET basis = 'inferred', severity = 'recommended', counted = false"
    )
    results = build_results(con, RUN_ID)
    con.close()
    ctx = build_letter_context(results, _org(results, "sch2"), LETTERHEAD)
    assert ctx.summary == NO_COUNTED_RULES and not ctx.missing
    context = build_reference_context(results, LETTERHEAD)
    assert NO_COUNTED_RULES in context.conclusions
    # The dashboard says so too, and a checked school's level is «не рассчитывается», not
    # «не проверено».
    pages = {org["org_id"]: f"{org['org_id']}.html" for org in results["organisations"]}
    overview = overview_context(results, pages)
    assert overview["no_score_note"] == NO_COUNTED_RULES
    labels = {school["org_id"]: school["level_label"] for school in overview["schools"]}
    checked = {org["org_id"] for org in results["organisations"] if site_checked(org)}
    assert checked and all(labels[org_id] == NOT_SCORED_LABEL for org_id in checked)
