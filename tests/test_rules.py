"""Rule profiles: declared examples, loader refusals, scoring and the generated catalogue."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import duckdb
import pytest

from audit_rules import ProfileError, apply_profile, load_profile
from audit_rules.catalogue import RULES_DOC, render_catalogue
from audit_rules.catalogue import main as catalogue_main
from audit_rules.examples import judge_example
from audit_rules.registry import PROFILES_DIR, available_profiles
from audit_rules.views import EVIDENCE_VIEWS, schema_sql

PROFILE = load_profile("ust_ishim_2022")
PROFILE_TEXT = (PROFILES_DIR / "ust_ishim_2022.toml").read_text(encoding="utf-8")
SOURCES_DIR = Path(__file__).parent.parent / "docs" / "sources"
RUN = "20221110-090000"
EXAMPLES = [
    pytest.param(rule, example, id=f"{rule.id}:{example.expect}:{example.name}")
    for rule in PROFILE.rules
    for example in rule.examples
]


def store(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    """A real store file with the shared schema and an open run transaction."""
    con = duckdb.connect(str(tmp_path / "store.duckdb"))
    con.execute(schema_sql())
    con.execute("BEGIN")
    return con


@pytest.mark.parametrize(("rule", "example"), EXAMPLES)
def test_rule_example(tmp_path: Path, rule, example) -> None:
    con = store(tmp_path)
    verdict = judge_example(con, RUN, PROFILE, rule, example)
    con.execute("COMMIT")
    assert verdict.outcome == example.expect, verdict
    if example.evidence is not None:
        assert verdict.evidence == example.evidence
    assert (verdict.note is not None) == (example.expect == "not_checked")


# --- the profile as declared -------------------------------------------------------------


def test_profile_covers_the_letter() -> None:
    assert [rule.id for rule in PROFILE.rules] == [f"UI-{n:02d}" for n in range(1, 16)]
    assert {rule.section for rule in PROFILE.rules} == {
        "Раздел на сайте",
        "Нормативно-правовое обеспечение",
        "Наставнические практики, мероприятия",
    }
    uncounted = [rule.id for rule in PROFILE.rules if not rule.counted]
    assert uncounted == ["UI-09", "UI-13", "UI-14", "UI-15"]  # optional, recommended: not scored
    assert PROFILE.rule("UI-09").severity == "optional"
    assert PROFILE.in_force_from == date(2022, 4, 18)  # the monitoring the letter reports


@pytest.mark.parametrize("name", available_profiles())
def test_quotes_are_lines_of_the_source(name: str) -> None:
    for rule in load_profile(name).rules:
        assert rule.source.file, f"{name} {rule.id}: основание без файла текста"
        path = SOURCES_DIR / rule.source.file
        text = " ".join(path.read_text(encoding="utf-8").split())
        assert " ".join(rule.quote.split()) in text, f"{name} {rule.id}"


def test_every_evidence_view_has_the_columns_the_compiler_needs(tmp_path: Path) -> None:
    con = store(tmp_path)
    apply_profile(con, RUN, PROFILE)
    views = {
        name
        for (name,) in con.execute(
            "SELECT view_name FROM duckdb_views() WHERE NOT internal AND view_name LIKE 'v\\_%' "
            "ESCAPE '\\'"
        ).fetchall()
    }
    assert set(EVIDENCE_VIEWS) == views - {"v_unreadable_documents"}
    for view in views:
        columns = {row[0] for row in con.execute(f"DESCRIBE {view}").fetchall()}
        assert {"run_id", "org_id", "url", "evidence_urls"} <= columns, view


# --- loader refusals ---------------------------------------------------------------------


def broken(tmp_path: Path, old: str, new: str) -> Path:
    assert old in PROFILE_TEXT
    path = tmp_path / "broken.toml"
    path.write_text(PROFILE_TEXT.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('id = "UI-02"', 'id = "UI-01"', "правило «UI-01» объявлено дважды"),
        ('id = "UI-03"', 'id = "UI-03"\ncolour = "red"', "неизвестный ключ «colour»"),
        ('severity = "required"', 'severity = "desirable"', "недопустимое значение «desirable»"),
        ('expect = "pass"', 'expect = "passed"', "недопустимое значение «passed»"),
        ('kind = "order_implementation"', 'genre = "order"', "неизвестный ключ «genre»"),
        (
            'source = "ui-letter-62-2022"',
            'source = "letter-63"',
            "источник «letter-63» не объявлен",
        ),
        ('view = "v_orgs"', 'view = "v_schools"', "неизвестное представление «v_schools»"),
        ('where = "section_found"', 'where = "section_found AND"', "не является корректным SQL"),
        ('where = "section_found"', 'where = "has_section"', "не является корректным SQL"),
        ('where = "section_found"', 'where = "pages_crawled + 1"', "результат не логический"),
        (
            'where = "section_found"',
            'where = "section_found); DELETE FROM sites; SELECT (1"',
            "одним выражением SQL",
        ),
        ('where = "section_found"', 'where = "section_found OR $secret"', "параметр $secret"),
        ("min_score = 0", "min_score = 10", "нижний порог — 0"),
        (
            'title = "На сайте создан раздел «Наставничество»"\n',
            "",
            "не указан обязательный ключ «title»",
        ),
        (
            'id = "ui-letter-62-2022"',
            'id = "ui-letter-62-2022"\nurl = "x"',
            "неизвестный ключ «url»",
        ),
        (
            'weight = 1\nview = "v_orgs"',
            'weight = 1\ndeadline = "01.11.2022"\nview = "v_orgs"',
            "ключ «deadline» должен быть датой",
        ),
        (
            'weight = 1\nview = "v_orgs"',
            'weight = 1\ndeadline = 2022-11-10T12:00:00\nview = "v_orgs"',
            "ключ «deadline» должен быть датой",
        ),
        (
            'weight = 1\nview = "v_orgs"',
            'weight = 1\nin_force_to = 2022-01-01\nview = "v_orgs"',
            "in_force_to (01.01.2022) раньше in_force_from (18.04.2022)",
        ),
        (
            "in_force_from = 2022-04-18",
            "in_force_from = 2022-04-18\nin_force_to = 2021-12-31",
            "in_force_to (31.12.2021) раньше",
        ),
        (
            "in_force_from = 2022-04-18",
            'in_force_from = "18.04.2022"',
            "ключ «in_force_from» должен быть датой",
        ),
        (
            'name = "внешняя ссылка не о нормативных актах"\nexpect = "fail"',
            'name = "внешняя ссылка не о нормативных актах"\nexpect = "pass"',
            "пример «внешняя ссылка не о нормативных актах»: "
            "ожидался результат «pass», получен «fail»",
        ),
        (
            'evidence = ["https://school.example.ru/nastavnichestvo"]',
            'evidence = ["https://school.example.ru/razdel"]',
            "доказательства https://school.example.ru/nastavnichestvo вместо заявленных "
            "https://school.example.ru/razdel",
        ),
        (
            'version = "2022.2"',
            'version = "2022.2"\ndrop = ["UI-13"]',
            "ключи drop и [[override]] допустимы только вместе с extends",
        ),
        (
            'where = "section_found"',
            'where = "section_found"\nundecided = "NOT section_found"',
            "ключи undecided и undecided_reason задаются вместе",
        ),
        (
            'where = "section_found"',
            'where = "section_found"\nundecided = "no_such_column"\nundecided_reason = "x"',
            "правило UI-01: условие undecided не является корректным SQL",
        ),
        (
            '[section]\nname = "Наставничество"\nnoun = "раздел"',
            '[section]\nname = "Наставничество"\nnoun = "папка"',
            "[section]: недопустимое значение «папка» ключа «noun»",
        ),
    ],
    ids=[
        "duplicate-rule",
        "unknown-key",
        "bad-severity",
        "bad-expect",
        "unknown-column-in-example",
        "missing-source",
        "unknown-view",
        "syntax-error",
        "unknown-column",
        "not-boolean",
        "two-statements",
        "undeclared-param",
        "bad-levels",
        "missing-title",
        "unknown-source-key",
        "deadline-as-text",
        "deadline-with-time",
        "rule-ends-before-it-starts",
        "profile-ends-before-it-starts",
        "profile-date-as-text",
        "example-misbehaves",
        "example-evidence-differs",
        "drop-without-base",
        "undecided-without-reason",
        "undecided-unknown-column",
        "section-noun-unknown",
    ],
)
def test_loader_refuses_broken_profiles(tmp_path: Path, old: str, new: str, message: str) -> None:
    with pytest.raises(ProfileError, match=re.escape(message)):
        load_profile(broken(tmp_path, old, new))


def test_loader_refuses_a_rule_without_a_fail_example(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match="pass и один пример fail"):
        load_profile(
            broken(
                tmp_path,
                'name = "раздел не найден"\nexpect = "fail"',
                'name = "x"\nexpect = "not_checked"',
            )
        )


def test_loader_refuses_a_duplicate_source(tmp_path: Path) -> None:
    source = PROFILE_TEXT[PROFILE_TEXT.index("[[sources]]") : PROFILE_TEXT.index("# ----")]
    with pytest.raises(ProfileError, match="источник «ui-letter-62-2022» объявлен дважды"):
        load_profile(broken(tmp_path, "[[sources]]", source + "[[sources]]"))


def test_loader_refuses_an_unknown_profile() -> None:
    with pytest.raises(ProfileError, match="Профиль правил «nowhere_2099» не найден"):
        load_profile("nowhere_2099")


def test_profiles_are_found_by_name() -> None:
    assert "ust_ishim_2022" in available_profiles()
    assert load_profile(PROFILES_DIR / "ust_ishim_2022.toml") == PROFILE


# --- scoring over a whole run ------------------------------------------------------------


def add_org(con, org_id: str, site_status: str = "ok", section: bool = True) -> None:
    home = f"https://{org_id}.example.ru/"
    con.execute(
        "INSERT INTO organisations (run_id, org_id, name, site_url) VALUES (?, ?, ?, ?)",
        [RUN, org_id, f"МКОУ «{org_id}»", home],
    )
    con.execute(
        "INSERT INTO sites (run_id, org_id, site_status, site_error, home_url, section_found, "
        "section_url) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            RUN,
            org_id,
            site_status,
            None if site_status == "ok" else "dns_error",
            home,
            section,
            home + "nastavnichestvo" if section else None,
        ],
    )


def add_doc(
    con,
    org_id: str,
    kind: str,
    audience: str = "both",
    extract: str = "ok",
    issuer: str | None = "school",
) -> None:
    con.execute(
        "INSERT INTO documents (run_id, org_id, url, fetch_status, extract_status, text_source, "
        "kind, audience, period_start, period_end, issuer) "
        "VALUES (?, ?, ?, 'ok', ?, 'text', ?, ?, ?, ?, ?)",
        [
            RUN,
            org_id,
            f"https://{org_id}.example.ru/{kind}-{issuer}.pdf",
            extract,
            kind,
            audience,
            2022,
            2024,
            issuer,
        ],
    )


def add_full_section(con, org_id: str) -> None:
    """Everything the letter asks for except the optional pair orders."""
    add_org(con, org_id)
    for kind in ("order_implementation", "regulation", "roadmap", "program"):
        add_doc(con, org_id, kind)
    con.execute(
        "INSERT INTO links (run_id, org_id, page_url, url, text, is_external, is_document) "
        "VALUES (?, ?, ?, ?, 'Документы', true, false)",
        [
            RUN,
            org_id,
            f"https://{org_id}.example.ru/nastavnichestvo",
            PROFILE.params["normative_resource_urls"][0],
        ],
    )
    con.execute(
        "INSERT INTO news (run_id, org_id, url, news_date, is_mentorship, audience) "
        "VALUES (?, ?, ?, DATE '2023-03-02', true, 'both')",
        [RUN, org_id, f"https://{org_id}.example.ru/news/1"],
    )


def outcomes(con, org_id: str) -> dict[str, str]:
    rows = con.execute(
        "SELECT rule_id, outcome FROM rule_results WHERE run_id = ? AND org_id = ?", [RUN, org_id]
    ).fetchall()
    return dict(rows)


def score(con, org_id: str) -> tuple:
    return con.execute(
        "SELECT score, level, passed, failed, not_checked FROM org_scores "
        "WHERE run_id = ? AND org_id = ?",
        [RUN, org_id],
    ).fetchone()


def test_optional_rule_never_lowers_the_score(tmp_path: Path) -> None:
    con = store(tmp_path)
    add_full_section(con, "without-pairs")
    add_full_section(con, "with-pairs")
    add_doc(con, "with-pairs", "order_pairs")
    apply_profile(con, RUN, PROFILE)
    assert outcomes(con, "without-pairs")["UI-09"] == "fail"
    assert outcomes(con, "with-pairs")["UI-09"] == "pass"
    assert score(con, "without-pairs") == (100.0, "compliant", 11, 0, 0)
    assert score(con, "with-pairs") == (100.0, "compliant", 11, 0, 0)


def test_only_the_schools_own_acts_satisfy_its_rules(tmp_path: Path) -> None:
    """A municipal положение or an ИМЦ roadmap reposted on the site is not the school's act."""
    from crawler.understand.vocabulary import ISSUER_LABELS, OWN_ISSUERS

    con = store(tmp_path)
    for issuer in ISSUER_LABELS:
        add_org(con, f"by-{issuer}")
        add_doc(con, f"by-{issuer}", "regulation", issuer=issuer)
    add_org(con, "unlabelled")
    add_doc(con, "unlabelled", "regulation", issuer=None)
    apply_profile(con, RUN, PROFILE)
    regulation_rule = next(
        rule.id for rule in PROFILE.rules if "'regulation'" in rule.where and rule.counted
    )
    for issuer in ISSUER_LABELS:
        expected = "pass" if issuer in OWN_ISSUERS else "fail"
        assert outcomes(con, f"by-{issuer}")[regulation_rule] == expected, issuer
    assert outcomes(con, "unlabelled")[regulation_rule] == "pass"


def test_not_checked_never_counts(tmp_path: Path) -> None:
    con = store(tmp_path)
    add_org(con, "scans")
    add_doc(con, "scans", "order_implementation")
    add_doc(con, "scans", "other_mentorship", extract="failed")
    apply_profile(con, RUN, PROFILE)
    result = outcomes(con, "scans")
    assert [rule for rule, outcome in result.items() if outcome == "pass"] == [
        "UI-01",
        "UI-03",
        "UI-04",
    ]
    # No news at all: an unreadable file cannot turn the roadmap-news rule.
    assert sorted(rule for rule, outcome in result.items() if outcome == "fail") == [
        "UI-02",
        "UI-12",
        "UI-13",
        "UI-14",
        "UI-15",
    ]
    # 3 passed of 5 checked (UI-13 is recommended: not scored); the rules not checked are left out.
    assert score(con, "scans") == (60.0, "partial", 3, 2, 6)
    note = con.execute(
        "SELECT note FROM rule_results WHERE org_id = 'scans' AND rule_id = 'UI-05'"
    ).fetchone()[0]
    assert (
        note
        == "не удалось прочитать файлы раздела: https://scans.example.ru/other_mentorship-school.pdf"
    )


def test_site_down_makes_every_rule_not_checked(tmp_path: Path) -> None:
    con = store(tmp_path)
    add_org(con, "down", site_status="unreachable", section=False)
    apply_profile(con, RUN, PROFILE)
    assert set(outcomes(con, "down").values()) == {"not_checked"}
    assert len(outcomes(con, "down")) == len(PROFILE.rules)
    assert score(con, "down") == (None, "not_checked", 0, 0, 11)
    notes = {row[0] for row in con.execute("SELECT note FROM rule_results").fetchall()}
    assert notes == {"сайт недоступен: доменное имя сайта не найдено"}


def test_missing_section_fails_with_the_home_page_as_evidence(tmp_path: Path) -> None:
    con = store(tmp_path)
    add_org(con, "bare", section=False)
    apply_profile(con, RUN, PROFILE)
    assert set(outcomes(con, "bare").values()) == {"fail"}
    evidence = {
        tuple(row[0]) for row in con.execute("SELECT evidence FROM rule_results").fetchall()
    }
    assert evidence == {("https://bare.example.ru/",)}
    assert score(con, "bare") == (0.0, "non_compliant", 0, 11, 0)


def test_apply_profile_leaves_the_transaction_to_the_caller(tmp_path: Path) -> None:
    con = store(tmp_path)
    add_full_section(con, "school")
    apply_profile(con, RUN, PROFILE)
    apply_profile(con, RUN, PROFILE)
    assert con.execute("SELECT count(*) FROM rule_results").fetchone()[0] == len(PROFILE.rules)
    assert con.execute("SELECT count(*) FROM run_rules").fetchone()[0] == len(PROFILE.rules)
    con.execute("ROLLBACK")
    assert con.execute("SELECT count(*) FROM rule_results").fetchone()[0] == 0


def test_run_rules_copy_the_rule_metadata(tmp_path: Path) -> None:
    con = store(tmp_path)
    add_org(con, "school")
    apply_profile(con, RUN, PROFILE)
    row = con.execute(
        "SELECT position, severity, counted, source_title, source_quote FROM run_rules "
        "WHERE rule_id = 'UI-09'"
    ).fetchone()
    assert row == (
        9,
        "optional",
        False,
        "Письмо МКУ «ИМЦ в сфере образования» Усть-Ишимского МР № 62 от 26.10.2022",
        "приказы о закреплении наставнических пар/групп (не обязательны).",
    )


# --- generated docs ----------------------------------------------------------------------


def test_rules_doc_is_up_to_date() -> None:
    assert RULES_DOC.read_text(encoding="utf-8") == render_catalogue(), (
        "docs/rules.md is stale: run `python -m audit_rules.catalogue`"
    )


def test_catalogue_help_prints_usage_and_writes_nothing(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as stopped:
        catalogue_main(["--help"])
    assert stopped.value.code == 0 and "usage:" in capsys.readouterr().out
    assert list(tmp_path.iterdir()) == []
    catalogue_main([str(tmp_path / "rules.md")])
    assert (tmp_path / "rules.md").read_text(encoding="utf-8") == render_catalogue()


def test_rules_doc_cites_every_rule() -> None:
    doc = RULES_DOC.read_text(encoding="utf-8")
    for rule in PROFILE.rules:
        assert f"### {rule.id}" in doc
        assert rule.quote in doc
        assert rule.recommendation in doc


# --- composition -------------------------------------------------------------------------

CHILD_HEAD = 'id = "child_2023"\nversion = "1"\nextends = "ust_ishim_2022"\n'
NEW_RULE = """
[[rules]]
id = "CH-01"
title = "База наставников"
section = "Наставнические практики, мероприятия"
source = "ui-letter-62-2022"
quote = "База наставников"
basis = "published"
severity = "recommended"
view = "v_documents"
where = "kind = 'mentor_base'"
recommendation = "Разместить базу наставников."

[[rules.examples]]
name = "есть база"
expect = "pass"
documents = [{ kind = "mentor_base" }]

[[rules.examples]]
name = "нет базы"
expect = "fail"
"""


def child(tmp_path: Path, body: str, name: str = "child.toml", head: str = CHILD_HEAD) -> Path:
    path = tmp_path / name
    path.write_text(head + body, encoding="utf-8")
    return path


def test_a_child_drops_overrides_and_adds_rules(tmp_path: Path) -> None:
    body = (
        'drop = ["UI-09", "UI-13"]\n'
        '[params]\nextra = "x"\n'
        '[[override]]\nid = "UI-12"\nweight = 3\nseverity = "recommended"\n'
        'deadline = 2023-10-01\nrecommendation = "Публиковать новости."\n' + NEW_RULE
    )
    profile = load_profile(child(tmp_path, body))
    ids = [rule.id for rule in profile.rules]
    assert ids == [f"UI-{n:02d}" for n in (1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 14, 15)] + ["CH-01"]
    news = profile.rule("UI-12")
    assert (news.weight, news.severity, news.deadline) == (3.0, "recommended", date(2023, 10, 1))
    assert news.recommendation == "Публиковать новости."
    assert news.quote == PROFILE.rule("UI-12").quote
    assert profile.rule("UI-03") == PROFILE.rule("UI-03")
    assert profile.version == "1+ust_ishim_2022@2022.2"
    assert profile.extends == ("ust_ishim_2022",)
    assert (profile.title, profile.levels, profile.sources) == (
        PROFILE.title,
        PROFILE.levels,
        PROFILE.sources,
    )
    assert profile.params == {**PROFILE.params, "extra": "x"}


def test_a_chain_names_every_base_in_its_version(tmp_path: Path) -> None:
    child(tmp_path, "", name="region.toml")
    head = 'id = "town"\nversion = "7"\nextends = "region.toml"\n'
    levels = "".join(
        f'[[levels]]\nid = "{level}"\nlabel = "{level}"\nmin_score = {score}\n'
        for level, score in (("compliant", 80), ("partial", 40), ("non_compliant", 0))
    )
    profile = load_profile(child(tmp_path, levels, name="town.toml", head=head))
    assert profile.extends == ("child_2023", "ust_ishim_2022")
    assert profile.version == "7+child_2023@1+ust_ishim_2022@2022.2"
    assert [level.min_score for level in profile.levels] == [80, 40, 0]
    assert [rule.id for rule in profile.rules] == [rule.id for rule in PROFILE.rules]


def test_an_override_is_validated_and_its_examples_rerun(tmp_path: Path) -> None:
    body = '[[override]]\nid = "UI-01"\nwhere = "NOT section_found"\n'
    with pytest.raises(ProfileError, match="правило UI-01, пример «раздел найден»: ожидался"):
        load_profile(child(tmp_path, body))
    examples = (
        '[[override.examples]]\nname = "нет раздела"\nexpect = "pass"\n'
        "site = { section_found = false }\n"
        '[[override.examples]]\nname = "есть раздел"\nexpect = "fail"\n'
    )
    profile = load_profile(child(tmp_path, body + examples))
    assert [example.name for example in profile.rule("UI-01").examples] == [
        "нет раздела",
        "есть раздел",
    ]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('drop = ["UI-99"]', "нельзя исключить правило «UI-99» — его нет в базовом профиле"),
        ('[[override]]\nid = "UI-99"\nweight = 2', "нельзя переопределить правило «UI-99»"),
        ('drop = ["UI-13"]\n[[override]]\nid = "UI-13"\nweight = 2', "или оно исключено в drop"),
        ('[[override]]\nid = "UI-12"\ncolour = "red"', "неизвестный ключ «colour»"),
        ("[[override]]\nweight = 2", "не указан обязательный ключ «id»"),
        (
            '[[override]]\nid = "UI-12"\nweight = 2\n[[override]]\nid = "UI-12"\nweight = 3',
            "правило «UI-12» переопределено дважды",
        ),
        ('[[override]]\nid = "UI-12"\nweight = -1', "ключ «weight» должен быть положительным"),
        ('[[override]]\nid = "UI-12"\nin_force_to = 2020-01-01', "раньше in_force_from"),
        (NEW_RULE.replace("CH-01", "UI-05"), "правило «UI-05» уже есть в базовом профиле"),
        ('drop = ["UI-13"]\n' + NEW_RULE.replace("CH-01", "UI-13"), "используйте [[override]]"),
        ('drop = "UI-13"', "ключ «drop» должен быть списком кодов правил"),
        ('colour = "red"', "неизвестный ключ «colour»"),
    ],
    ids=[
        "drop-unknown",
        "override-unknown",
        "override-dropped",
        "override-unknown-key",
        "override-without-id",
        "override-twice",
        "override-bad-weight",
        "override-bad-period",
        "new-rule-reuses-base-id",
        "new-rule-reuses-dropped-id",
        "drop-not-a-list",
        "unknown-header-key",
    ],
)
def test_composition_refusals(tmp_path: Path, body: str, message: str) -> None:
    with pytest.raises(ProfileError, match=re.escape(message)):
        load_profile(child(tmp_path, body))


def test_an_unknown_base_is_refused(tmp_path: Path) -> None:
    head = CHILD_HEAD.replace("ust_ishim_2022", "nowhere_2099")
    with pytest.raises(ProfileError, match="базовый профиль «nowhere_2099» не найден"):
        load_profile(child(tmp_path, "", head=head))


def test_a_cycle_of_bases_is_refused(tmp_path: Path) -> None:
    child(tmp_path, "", name="a.toml", head='id = "a"\nversion = "1"\nextends = "b.toml"\n')
    child(tmp_path, "", name="b.toml", head='id = "b"\nversion = "1"\nextends = "a.toml"\n')
    with pytest.raises(ProfileError, match="наследуют друг друга по кругу: a → b → a"):
        load_profile(tmp_path / "a.toml")


def test_a_broken_base_is_reported_against_its_own_file(tmp_path: Path) -> None:
    base = broken(tmp_path, 'severity = "required"', 'severity = "desirable"')
    head = 'id = "c"\nversion = "1"\nextends = "broken.toml"\n'
    with pytest.raises(ProfileError, match="Профиль broken.toml, правило UI-01"):
        load_profile(child(tmp_path, "", head=head))
    assert base.is_file()


# --- rules in force on the audit date ----------------------------------------------------


def test_rule_periods_default_to_the_profile() -> None:
    rule = PROFILE.rule("UI-01")
    assert (rule.in_force_from, rule.in_force_to) == (date(2022, 4, 18), None)
    assert not rule.in_force_on(date(2022, 4, 17))
    assert rule.in_force_on(date(2022, 4, 18))


def test_the_april_2022_monitoring_the_letter_reports_can_be_re_created() -> None:
    """The letter of 26.10.2022 asks for its contents from its date; the monitoring of 18–25
    April 2022 it reports counted the sections created and the roadmap's events covered."""
    assert [rule.id for rule in PROFILE.in_force_on(date(2022, 4, 25)).rules] == [
        "UI-01",
        "UI-13",
    ]
    assert len(PROFILE.in_force_on(date(2022, 10, 26)).rules) == 15


def test_a_run_applies_only_the_rules_in_force_on_its_date(tmp_path: Path) -> None:
    body = (
        '[[override]]\nid = "UI-13"\nin_force_to = 2022-12-31\n'
        '[[override]]\nid = "UI-03"\ndeadline = 2022-11-10\n'
        + NEW_RULE.replace(
            'severity = "recommended"', 'severity = "recommended"\nin_force_from = 2023-01-01'
        )
    )
    profile = load_profile(child(tmp_path, body))
    con = store(tmp_path)
    add_full_section(con, "school")
    apply_profile(con, RUN, profile, audit_date=date(2022, 12, 31))
    assert "UI-13" in outcomes(con, "school")
    assert "CH-01" not in outcomes(con, "school")
    apply_profile(con, RUN, profile, audit_date=date(2023, 1, 1))
    result = outcomes(con, "school")
    assert "UI-13" not in result
    assert result["CH-01"] == "fail"
    rules = dict(con.execute("SELECT rule_id, deadline FROM run_rules").fetchall())
    assert "UI-13" not in rules
    assert rules["UI-03"] == date(2022, 11, 10)
    assert rules["UI-01"] is None


def test_a_run_before_the_profile_is_in_force_is_refused(tmp_path: Path) -> None:
    con = store(tmp_path)
    with pytest.raises(ProfileError, match="на дату 01.01.2020 не действует ни одно правило"):
        apply_profile(con, RUN, PROFILE, audit_date=date(2020, 1, 1))


def test_the_mentor_base_form_is_named_by_the_readers_own_column_codes() -> None:
    """The profile lists the form's columns by the codes the reader declares them with."""
    from crawler.understand.table_vocab import BASE_FORM_COLUMNS

    profile = load_profile("znamensky_2022")
    assert profile.params["base_form_columns"] == [code for code, _, _ in BASE_FORM_COLUMNS]


def test_the_views_refuse_access_as_the_crawler_declares_it() -> None:
    """v_unreadable_documents names the same «access refused» answers as the crawler."""
    from crawler.fetch_outcomes import ACCESS_REFUSED

    views = (Path(__file__).parents[1] / "audit_rules" / "views.sql").read_text(encoding="utf-8")
    listed = ", ".join(str(status) for status in sorted(ACCESS_REFUSED))
    assert f"http_status NOT IN ({listed})" in views


def test_each_profile_names_the_section_as_its_source_does() -> None:
    """The справка and letters use the source's words: a rubric, the target model's name."""
    named = {name: load_profile(name).section.quoted for name in available_profiles()}
    assert named["ust_ishim_2022"] == "раздел «Наставничество»"
    assert named["artemovsky_2020"] == "рубрика «Наставничество»"
    assert named["znamensky_2022"] == "раздел «Целевая модель наставничества»"
    assert named["izhevsk_2023"] == "раздел «Наставничество»"  # the letter names no section


def test_a_run_dated_in_the_past_does_not_count_what_is_dated_later(tmp_path: Path) -> None:
    """`run --on 25.04.2022`: an order of September 2022 was not on the site in April; an
    undated one may have been, and a run of today counts both."""
    con = store(tmp_path)
    for org_id in ("later", "undated"):
        add_full_section(con, org_id)
    con.execute(
        "UPDATE documents SET doc_date = DATE '2022-09-01' WHERE org_id = 'later' "
        "AND kind = 'order_implementation'"
    )
    order_rule = next(r.id for r in PROFILE.rules if "'order_implementation'" in r.where)
    apply_profile(con, RUN, PROFILE, facts_until=date(2022, 10, 30))
    assert outcomes(con, "later")[order_rule] == outcomes(con, "undated")[order_rule] == "pass"
    apply_profile(con, RUN, PROFILE, facts_until=date(2022, 4, 25))
    assert outcomes(con, "undated")[order_rule] == "pass"
    assert outcomes(con, "later")[order_rule] == "fail"
    (note,) = con.execute(
        "SELECT note FROM rule_results WHERE org_id = 'later' AND rule_id = ?", [order_rule]
    ).fetchone()
    assert "датировано позже даты мониторинга (25.04.2022)" in note
    assert "https://later.example.ru/order_implementation-school.pdf" in note
    apply_profile(con, RUN, PROFILE)  # a run of today: a date read wrongly never excludes
    assert outcomes(con, "later")[order_rule] == "pass"
