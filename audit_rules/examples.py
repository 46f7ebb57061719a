"""Turn a rule's declared example into facts of one organisation and judge it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

import duckdb

from audit_rules.compiler import apply_profile
from audit_rules.model import Example, Profile, Rule

EXAMPLE_ORG = "example-school"
SITE_URL = "https://school.example.ru/"
SECTION_URL = SITE_URL + "nastavnichestvo"


@dataclass(frozen=True)
class Verdict:
    """What apply_profile wrote for the example's organisation and rule."""

    outcome: str
    evidence: tuple[str, ...]
    note: str | None


def _site_row(example: Example) -> dict[str, object]:
    row: dict[str, object] = {
        "site_status": "ok",
        "home_url": SITE_URL,
        "section_found": True,
        "section_url": SECTION_URL,
        "section_title": "Наставничество",
        "pages_crawled": 5,
    }
    if example.site.get("section_found") is False:
        row.update(section_url=None, section_title=None)
    row.update(example.site)
    return row


def _defaults(table: str, index: int) -> dict[str, object]:
    if table == "documents":
        return {
            "url": f"{SITE_URL}files/doc-{index}.pdf",
            "link_text": f"Документ {index}",
            "found_on": SECTION_URL,
            "content_type": "application/pdf",
            "file_ext": "pdf",
            "fetch_status": "ok",
            "http_status": 200,
            "extract_status": "ok",
            "text_source": "text",
            "kind": "other_mentorship",
            "audience": "unknown",
            "confidence": 0.9,
        }
    if table == "news":
        return {
            "url": f"{SITE_URL}news/{index}",
            "title": f"Новость {index}",
            "is_mentorship": True,
            "audience": "unknown",
        }
    return {
        "page_url": SECTION_URL,
        "url": f"{SITE_URL}page-{index}",
        "is_external": False,
        "is_document": False,
    }


def _insert(
    con: duckdb.DuckDBPyConnection, table: str, run_id: str, row: Mapping[str, object]
) -> None:
    columns = ["run_id", "org_id", *row]
    marks = ", ".join("?" for _ in columns)
    con.execute(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",
        [run_id, EXAMPLE_ORG, *row.values()],
    )


def load_example(con: duckdb.DuckDBPyConnection, run_id: str, example: Example) -> None:
    """Insert the example's organisation, site and facts, filling unstated columns."""
    _insert(con, "organisations", run_id, {"name": "МКОУ «Пример»", "site_url": SITE_URL})
    _insert(con, "sites", run_id, _site_row(example))
    for table in ("documents", "news", "links"):
        for index, row in enumerate(getattr(example, table), start=1):
            _insert(con, table, run_id, _defaults(table, index) | dict(row))


def judge_example(
    con: duckdb.DuckDBPyConnection, run_id: str, profile: Profile, rule: Rule, example: Example
) -> Verdict:
    """Load the example and apply the profile reduced to this rule; return its verdict."""
    load_example(con, run_id, example)
    apply_profile(con, run_id, replace(profile, rules=(rule,)))
    outcome, evidence, note = con.execute(
        "SELECT outcome, evidence, note FROM rule_results WHERE run_id = ? AND rule_id = ?",
        [run_id, rule.id],
    ).fetchone()
    return Verdict(outcome, tuple(evidence or ()), note)
