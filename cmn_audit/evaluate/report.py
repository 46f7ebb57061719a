"""An evaluation's files: reading the truth and the stored run, writing the table and JSON."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from audit_rules.model import OUTCOMES
from cmn_audit import messages
from cmn_audit.evaluate.compare import (
    Evaluation,
    Ratio,
    RunDocument,
    RunSnapshot,
    compare,
)
from cmn_audit.messages import UserError
from cmn_audit.store import connect, resolve_run
from crawler.platforms import CARD_MAX_FILES

METRICS = tuple(messages.EVAL_METRIC_LABELS)


def load_truth(path: Path) -> dict:
    """Read and check a truth file; every problem is a Russian `UserError`."""
    if not path.is_file():
        raise UserError(messages.TRUTH_NOT_FOUND.format(path=path))
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise _invalid(path, "json", error=error) from error
    if not isinstance(data, dict):
        raise _invalid(path, "root")
    if not isinstance(data.get("organisations"), list):
        raise _invalid(path, "organisations")
    for index, org in enumerate(data["organisations"], start=1):
        _check_organisation(path, index, org)
    return data


def _check_organisation(path: Path, index: int, org: object) -> None:
    if not (
        isinstance(org, dict)
        and isinstance(org.get("org_id"), str)
        and isinstance(org.get("site_url"), str)
    ):
        raise _invalid(path, "organisation", index=index)
    org_id = org["org_id"]
    if not isinstance(org.get("section_url"), str | None):
        raise _invalid(path, "section", org_id=org_id)
    for field in ("documents", "news"):
        items = org.get(field, [])
        if not isinstance(items, list) or not all(
            isinstance(item, dict) and isinstance(item.get("url"), str) for item in items
        ):
            raise _invalid(path, field, org_id=org_id)
    rules = org.get("rules", {})
    if not isinstance(rules, dict) or not set(rules.values()) <= set(OUTCOMES):
        raise _invalid(path, "rules", org_id=org_id)


def _invalid(path: Path, reason: str, **details: object) -> UserError:
    text = messages.TRUTH_REASONS[reason].format(**details)
    return UserError(messages.TRUTH_INVALID.format(path=path, reason=text))


def load_run(con: duckdb.DuckDBPyConnection, run_id: str) -> RunSnapshot:
    """The rows of one run the comparison reads."""

    def rows(sql: str) -> list[tuple]:
        return con.execute(sql, [run_id]).fetchall()

    documents = tuple(
        RunDocument(
            org, url, status, kind, audience, date.isoformat() if date else None, number, card
        )
        for org, url, status, kind, audience, date, number, card in rows(
            "SELECT d.org_id, d.url, d.extract_status, d.kind, d.audience, d.doc_date, "
            "d.doc_number, CASE WHEN count(*) OVER (PARTITION BY d.org_id, d.found_on) "
            f"<= {CARD_MAX_FILES} "
            "AND d.found_on IS DISTINCT FROM s.section_url THEN d.found_on END "
            # A link robots.txt closes is recorded, never fetched: the truth lists only what a
            # polite crawler may read, so such a link is neither found nor extra.
            "FROM documents AS d LEFT JOIN sites AS s USING (run_id, org_id) "
            "WHERE d.run_id = ? AND d.fetch_status IS DISTINCT FROM 'robots' "
            "ORDER BY d.org_id, d.url"
        )
    )
    news: dict[str, dict[str, bool]] = {}
    for org, url, flag in rows("SELECT org_id, url, is_mentorship FROM news WHERE run_id = ?"):
        seen = news.setdefault(org, {})
        seen[url] = seen.get(url, False) or flag
    return RunSnapshot(
        run_id=run_id,
        site_urls=dict(rows("SELECT org_id, site_url FROM organisations WHERE run_id = ?")),
        sections={
            org: url or ""
            for org, found, url in rows(
                "SELECT org_id, section_found, section_url FROM sites WHERE run_id = ?"
            )
            if found
        },
        documents=documents,
        news=news,
        outcomes={
            (org, rule): outcome
            for org, rule, outcome in rows(
                "SELECT org_id, rule_id, outcome FROM rule_results WHERE run_id = ?"
            )
        },
    )


def evaluate_run(db_path: Path, truth_path: Path, run_id: str | None = None) -> Evaluation:
    """Compare the given (or latest complete) run of a workspace store with a truth file."""
    truth = load_truth(truth_path)
    con = connect(db_path, read_only=True)
    try:
        snapshot = load_run(con, resolve_run(con, run_id))
    finally:
        con.close()
    return compare(truth, snapshot)


def metrics(evaluation: Evaluation) -> dict[str, dict]:
    """Every metric as {value, hits, total}; macro-F1 carries the number of kinds instead."""
    result: dict[str, dict] = {}
    for name in METRICS:
        if name == "kind_macro_f1":
            value = evaluation.kind_macro_f1
            result[name] = {"value": value, "labels": evaluation.kind_labels}
            continue
        ratio: Ratio = getattr(evaluation, name)
        result[name] = {"value": ratio.value, "hits": ratio.hits, "total": ratio.total}
    return result


def as_json(evaluation: Evaluation, truth_path: Path) -> dict:
    """The evaluation as plain data, the same figures the table shows."""
    return {
        "run_id": evaluation.run_id,
        "truth": str(truth_path),
        "municipality": evaluation.municipality,
        "organisations": evaluation.organisations,
        "metrics": metrics(evaluation),
        "unreadable_documents": evaluation.unreadable_documents,
        "extra_documents": evaluation.extra_documents,
        "disagreements": [
            {"org_id": item.org_id, "text": item.text} for item in evaluation.disagreements
        ],
    }


def write_json(evaluation: Evaluation, truth_path: Path, out: Path) -> Path:
    """Write the JSON form to `out` (UTF-8, Cyrillic kept readable)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(as_json(evaluation, truth_path), ensure_ascii=False, indent=2)
    out.write_text(text + "\n", encoding="utf-8")
    return out


def render_table(evaluation: Evaluation, truth_path: Path) -> str:
    """The Russian table a developer reads after a run, disagreements listed below it."""
    rows = [messages.EVAL_COLUMNS]
    for name, figure in metrics(evaluation).items():
        if "labels" in figure:
            counts = messages.EVAL_KIND_LABELS.format(count=figure["labels"])
        else:
            counts = f"{figure['hits']} / {figure['total']}"
        rows.append((messages.EVAL_METRIC_LABELS[name], _number(figure["value"]), counts))
    widths = [max(len(row[column]) for row in rows) for column in range(3)]
    header = messages.EVAL_HEADER.format(
        run_id=evaluation.run_id,
        truth=truth_path,
        municipality=evaluation.municipality,
        orgs=evaluation.organisations,
    )
    lines = [header, ""]
    for label, value, counts in rows:
        lines.append(f"{label:<{widths[0]}}  {value:>{widths[1]}}  {counts:>{widths[2]}}")
    lines += [
        "",
        messages.EVAL_UNREADABLE.format(count=evaluation.unreadable_documents),
        messages.EVAL_EXTRA.format(count=evaluation.extra_documents),
    ]
    if evaluation.disagreements:
        lines.append(messages.EVAL_DISAGREEMENTS.format(count=len(evaluation.disagreements)))
        lines += [f"  {item.line}" for item in evaluation.disagreements]
    else:
        lines.append(messages.EVAL_NO_DISAGREEMENTS)
    return "\n".join(lines)


def figures(evaluation: Evaluation) -> dict[str, float | None]:
    """Just the metric values, rounded, for the benchmark's summary."""
    values = {name: figure["value"] for name, figure in metrics(evaluation).items()}
    return {name: None if value is None else round(value, 3) for name, value in values.items()}


def _number(value: float | None) -> str:
    return messages.EVAL_NOT_AVAILABLE if value is None else f"{value:.2f}".replace(".", ",")
