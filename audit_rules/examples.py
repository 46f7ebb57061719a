"""Turn a rule's declared example into facts of one organisation and judge it."""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import duckdb

from audit_rules import messages as msg
from audit_rules.compiler import apply_profile
from audit_rules.model import Example, Profile, ProfileError, Rule
from audit_rules.org_types import ORG_TYPES
from audit_rules.views import scratch_connection

# A declaration whose examples gave their outcomes under this audit code is not judged again
# by every process that loads it (0.3–0.8 s a profile): the fact is kept in the user's cache,
# keyed by the declaration and every source file of the audit stage.
VERIFIED_DIR = (
    Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    / "cmn-audit"
    / "verified-profiles"
)
AUDIT_CODE = Path(__file__).resolve().parent
EXAMPLE_ORG = "example-school"
SITE_URL = "https://school.example.ru/"
SECTION_URL = SITE_URL + "nastavnichestvo"
EXAMPLE_RUN = "examples"


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
            "for_parents": False,
        }
    if table == "pages":
        return {"url": f"{SITE_URL}nastavnichestvo/page-{index}", "is_section_root": False}
    return {
        "page_url": SECTION_URL,
        "url": f"{SITE_URL}page-{index}",
        "is_external": False,
        "is_document": False,
    }


def _insert(
    con: duckdb.DuckDBPyConnection,
    table: str,
    run_id: str,
    org_id: str,
    row: Mapping[str, object],
) -> None:
    columns = ["run_id", "org_id", *row]
    marks = ", ".join("?" for _ in columns)
    con.execute(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",
        [run_id, org_id, *row.values()],
    )


def load_example(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    example: Example,
    org_id: str = EXAMPLE_ORG,
    kind: str | None = None,
) -> None:
    """Insert the example's organisation (of the registry type `kind`, else untyped), site and
    facts, filling unstated columns."""
    organisation = {"name": "МКОУ «Пример»", "site_url": SITE_URL, "kind": kind}
    _insert(con, "organisations", run_id, org_id, organisation)
    _insert(con, "sites", run_id, org_id, _site_row(example))
    for table in ("documents", "news", "links", "pages"):
        for index, row in enumerate(getattr(example, table), start=1):
            _insert(con, table, run_id, org_id, _defaults(table, index) | dict(row))


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


def verify_examples(profile: Profile, where: str) -> None:
    """Refuse a profile whose example does not give its declared outcome and evidence.

    Every example becomes its own organisation of one scratch run, so the whole profile is
    judged by a single apply_profile; rules never depend on one another. A rule limited to
    some organisation types is also judged on its passing example at an organisation of each
    other type, which must be «не применимо».
    """
    cases = {
        f"example-{number}": (rule, example, None)
        for number, (rule, example) in enumerate(
            ((rule, example) for rule in profile.rules for example in rule.examples), start=1
        )
    }
    for rule in profile.rules:
        passing = next(example for example in rule.examples if example.expect == "pass")
        for other in ORG_TYPES:
            if not rule.applies_to_type(other.id):
                excused = replace(
                    passing,
                    name=f"{passing.name} ({other.label})",
                    expect="not_applicable",
                    evidence=(),
                )
                cases[f"example-{rule.id}-{other.id}"] = (rule, excused, other.id)
    with scratch_connection() as con:
        for org_id, (_, example, kind) in cases.items():
            load_example(con, EXAMPLE_RUN, example, org_id, kind)
        apply_profile(con, EXAMPLE_RUN, profile)
        verdicts = {
            (org_id, rule_id): (outcome, tuple(evidence or ()))
            for org_id, rule_id, outcome, evidence in con.execute(
                "SELECT org_id, rule_id, outcome, evidence FROM rule_results WHERE run_id = ?",
                [EXAMPLE_RUN],
            ).fetchall()
        }
    for org_id, (rule, example, _) in cases.items():
        outcome, evidence = verdicts[org_id, rule.id]
        rule_where = f"{where}, правило {rule.id}"
        if outcome != example.expect:
            raise ProfileError(
                msg.BAD_EXAMPLE.format(
                    where=rule_where, name=example.name, expect=example.expect, outcome=outcome
                )
            )
        if example.evidence is not None and evidence != example.evidence:
            raise ProfileError(
                msg.BAD_EXAMPLE_EVIDENCE.format(
                    where=rule_where,
                    name=example.name,
                    actual=", ".join(evidence) or "—",
                    expected=", ".join(example.evidence) or "—",
                )
            )


@functools.cache
def _audit_code_digest() -> str:
    """One digest of the audit stage's code: a change to a view or the compiler judges every
    declaration afresh."""
    digest = hashlib.sha256()
    for path in sorted(AUDIT_CODE.rglob("*")):
        if path.suffix in (".py", ".sql") and path.is_file():
            digest.update(path.relative_to(AUDIT_CODE).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _verified_mark(key: str) -> Path:
    name = hashlib.sha256(f"{_audit_code_digest()}\n{key}".encode()).hexdigest()
    return VERIFIED_DIR / name


def verified_before(key: str) -> bool:
    """Whether a declaration (`key`: its merged text) passed its examples under this code."""
    return _verified_mark(key).is_file()


def remember_verified(key: str) -> None:
    """Note that the declaration passed; a cache that cannot be written only costs time."""
    try:
        VERIFIED_DIR.mkdir(parents=True, exist_ok=True)
        _verified_mark(key).touch()
    except OSError:
        pass
