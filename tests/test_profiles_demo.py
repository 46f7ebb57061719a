"""Every bundled rule profile loads and judges the demo municipality, crawled once."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from audit_rules import Profile, apply_profile, available_profiles, load_profile

SOURCES_DIR = Path(__file__).parent.parent / "docs" / "sources"
PROFILES = available_profiles()

# The complete demo school of seeds/demo/recipes.toml (scenario "complete") and what it
# passes under each profile: everything its documents support. It publishes no methodical
# recommendations, best cases, monitoring documents, curator order or act on incentives, and
# its section is called «Наставничество», so the rules asking for those fail.
COMPLETE = "sosh2-demidovo"
COMPLETE_PASSES = {
    "ust_ishim_2022": {f"UI-{n:02d}" for n in range(1, 16)},
    "artemovsky_2020": {"ART-01", "ART-02", "ART-03", "ART-04", "ART-05"},
    "novokuznetsk_2022": {
        "NVK-01",
        "NVK-02",
        "NVK-03",
        "NVK-04",
        "NVK-05",
        "NVK-07",
        "NVK-09",
    },
    "izhevsk_2023": set(),
    "znamensky_2022": {
        "ZNM-01",
        "ZNM-03",
        "ZNM-04",
        "ZNM-05",
        "ZNM-07",
        "ZNM-08",  # its order on introducing the model appoints the curator in item 2
        "ZNM-09",
        "ZNM-10",
        "ZNM-11",
        "ZNM-12",  # its base (XLSX) has every column of the form «База наставников»
    },
}
# The «Ресурсный центр наставнических практик» school (scenario "subpage") also publishes a
# curator order and a monitoring report of 30.10.2023: the rules reading titles see them.
RESOURCE_CENTRE = "sosh-kirovskoe"
RESOURCE_CENTRE_PASSES = {
    "artemovsky_2020": {"ART-06"},
    "novokuznetsk_2022": {"NVK-10"},
    "izhevsk_2023": {"IZH-02", "IZH-03"},
    "znamensky_2022": {"ZNM-08"},
}


@dataclass(frozen=True)
class Judgement:
    """One profile applied to the demo run: verdicts and scores per organisation."""

    profile: Profile
    outcomes: dict[str, dict[str, str]]  # org_id -> rule_id -> outcome
    scores: dict[str, tuple[float | None, str]]  # org_id -> (score, level)


@pytest.fixture(scope="module")
def demo(demo_audit):
    """The demo municipality crawled and committed once; its sites by scenario."""
    scenarios: dict[str, list[str]] = {}
    for site in demo_audit["sites"].values():
        scenarios.setdefault(site.scenario, []).append(site.org_id)
    return {
        "db": demo_audit["workspace"].db_path,
        "workspace": demo_audit["workspace"],
        "run_id": demo_audit["first"].run_id,
        "scenarios": scenarios,
    }


@pytest.fixture(scope="module")
def judged(demo, tmp_path_factory) -> dict[str, Judgement]:
    """Each profile applied to a copy of the stored run's facts, in a transaction rolled back
    after (the shared demo store is only read). Each profile takes the demo workspace's
    parameters it shares (the municipal resource's address)."""
    copy = tmp_path_factory.mktemp("profiles") / "store.duckdb"
    shutil.copyfile(demo["db"], copy)
    con = duckdb.connect(str(copy))
    judgements = {}
    for name in PROFILES:
        profile = demo["workspace"].profile(name)
        con.execute("BEGIN")
        apply_profile(con, demo["run_id"], profile)
        outcomes: dict[str, dict[str, str]] = {}
        for org_id, rule_id, outcome in con.execute(
            "SELECT org_id, rule_id, outcome FROM rule_results WHERE run_id = ?", [demo["run_id"]]
        ).fetchall():
            outcomes.setdefault(org_id, {})[rule_id] = outcome
        scores = {
            org_id: (score, level)
            for org_id, score, level in con.execute(
                "SELECT org_id, score, level FROM org_scores WHERE run_id = ?", [demo["run_id"]]
            ).fetchall()
        }
        con.execute("ROLLBACK")
        judgements[name] = Judgement(profile, outcomes, scores)
    con.close()
    return judgements


def test_named_schools_play_their_scenarios(demo) -> None:
    assert COMPLETE in demo["scenarios"]["complete"]
    assert RESOURCE_CENTRE in demo["scenarios"]["subpage"]
    assert demo["scenarios"]["down"] and demo["scenarios"]["no_section"]


# --- the profiles as declared ------------------------------------------------------------


def test_every_source_document_has_a_profile() -> None:
    cited = {source.file for name in PROFILES for source in load_profile(name).sources}
    assert cited == {path.name for path in SOURCES_DIR.glob("*.txt")}


@pytest.mark.parametrize("name", PROFILES)
def test_profile_loads_with_cited_rules_and_examples(name: str) -> None:
    profile = load_profile(name)  # runs every example against a scratch DuckDB
    prefixes = {re.sub(r"-\d+$", "", rule.id) for rule in profile.rules}
    assert len(prefixes) == 1, prefixes
    for rule in profile.rules:
        assert re.fullmatch(r"[A-Z]+-\d{2}", rule.id), rule.id
        assert {"pass", "fail"} <= {example.expect for example in rule.examples}, rule.id
        assert (SOURCES_DIR / rule.source.file).is_file(), rule.id
        assert rule.recommendation.strip() and rule.title.strip(), rule.id
        if rule.deadline is not None and rule.source.date is not None:
            assert rule.deadline >= rule.source.date, rule.id
    assert profile.levels[-1].min_score == 0


# --- the profiles on the demo municipality -----------------------------------------------


@pytest.mark.parametrize("name", PROFILES)
def test_every_school_gets_a_verdict_for_every_rule(demo, judged, name: str) -> None:
    judgement = judged[name]
    rule_ids = {rule.id for rule in judgement.profile.rules}
    orgs = {org_id for org_ids in demo["scenarios"].values() for org_id in org_ids}
    assert set(judgement.outcomes) == orgs
    for org_id, outcomes in judgement.outcomes.items():
        assert set(outcomes) == rule_ids, org_id
    assert set(judgement.scores) == orgs


@pytest.mark.parametrize("name", PROFILES)
def test_complete_school_passes_what_its_documents_support(judged, name: str) -> None:
    outcomes = judged[name].outcomes[COMPLETE]
    passed = {rule_id for rule_id, outcome in outcomes.items() if outcome == "pass"}
    assert passed == COMPLETE_PASSES[name]
    assert set(outcomes.values()) <= {"pass", "fail"}


@pytest.mark.parametrize("name", sorted(RESOURCE_CENTRE_PASSES))
def test_resource_centre_school_passes_the_title_rules(judged, name: str) -> None:
    outcomes = judged[name].outcomes[RESOURCE_CENTRE]
    for rule_id in RESOURCE_CENTRE_PASSES[name]:
        assert outcomes[rule_id] == "pass", rule_id


@pytest.mark.parametrize("name", PROFILES)
def test_school_without_section_fails_the_section_rules(demo, judged, name: str) -> None:
    judgement = judged[name]
    section_rules = [rule.id for rule in judgement.profile.rules if rule.view == "v_orgs"]
    for org_id in demo["scenarios"]["no_section"]:
        outcomes = judgement.outcomes[org_id]
        assert all(outcomes[rule_id] == "fail" for rule_id in section_rules), org_id
        assert set(outcomes.values()) == {"fail"}, org_id
        # A profile whose rules are all expected by the centre's practice scores nothing.
        scored = any(rule.counted for rule in judgement.profile.rules)
        expected = (0.0, "non_compliant") if scored else (None, "not_checked")
        assert judgement.scores[org_id] == expected, org_id


@pytest.mark.parametrize("name", PROFILES)
def test_down_school_is_not_checked_everywhere(demo, judged, name: str) -> None:
    for org_id in demo["scenarios"]["down"]:
        assert set(judged[name].outcomes[org_id].values()) == {"not_checked"}, org_id
        assert judged[name].scores[org_id] == (None, "not_checked"), org_id


@pytest.mark.parametrize("name", PROFILES)
def test_scores_and_levels_follow_the_profile_thresholds(judged, name: str) -> None:
    judgement = judged[name]
    for org_id, (score, level) in judgement.scores.items():
        if score is None:
            assert level == "not_checked", org_id
            continue
        assert 0 <= score <= 100, org_id
        reached = next(lv for lv in judgement.profile.levels if score >= lv.min_score)
        assert level == reached.id, (org_id, score)
