"""A methodologist in the loop: explain a verdict, override it, review unsure cases."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import duckdb
import jsonschema
import pytest
from click.testing import CliRunner
from support import LOCAL_CRAWL, ORDER, REGISTRY_HEADER

from audit_rules.explain import Explanation
from cmn_audit import messages
from cmn_audit.cli import cli
from cmn_audit.config import Workspace, init_workspace, load_workspace
from cmn_audit.demo.documents import DocumentSpec, pdf_bytes
from cmn_audit.judgement.text import verdict_reason
from cmn_audit.pipeline.audit import run_audit

ROOT = Path(__file__).parent.parent
SCHEMA = json.loads((ROOT / "docs" / "results.schema.json").read_text(encoding="utf-8"))
# Mentorship words, but no type and no title: the classifier is unsure (confidence < 0.6).
UNSURE = DocumentSpec(
    [
        "Информация о работе наставников с обучающимися.",
        "Наставничество. Наставник помогает наставляемому.",
    ]
)
HIDDEN_SECTION = "metod/nastavnichestvo/"


def page(title: str, body: str) -> str:
    return (
        f'<html><head><meta charset="utf-8"><title>{title}</title></head>'
        f"<body><main><h1>{title}</h1>{body}</main></body></html>"
    )


def home(menu: str = "") -> str:
    return page("Школа", f'<nav><ul class="menu">{menu}</ul></nav><p>Новости школы</p>')


def school_with_section() -> dict[str, bytes | str]:
    links = (
        '<li><a href="/files/prikaz.pdf">Приказ о внедрении ЦМН</a></li>'
        '<li><a href="/files/dokument.pdf">Документ</a></li>'
    )
    return {
        "index.html": home('<li><a href="/nastavnichestvo/">Наставничество</a></li>'),
        "nastavnichestvo/index.html": page("Наставничество", f"<ul>{links}</ul>"),
        "files/prikaz.pdf": pdf_bytes(ORDER),
        "files/dokument.pdf": pdf_bytes(UNSURE),
    }


def school_with_hidden_section() -> dict[str, bytes | str]:
    """The section exists but nothing on the site leads to it."""
    return {
        "index.html": home(),
        f"{HIDDEN_SECTION}index.html": page(
            "Наставничество", '<ul><li><a href="/files/prikaz.pdf">Приказ</a></li></ul>'
        ),
        "files/prikaz.pdf": pdf_bytes(ORDER),
    }


def workspace_of(tmp_path: Path, sites: dict[str, str]) -> tuple[Workspace, Path]:
    """A workspace whose files are always revalidated, and a registry of `sites` by id."""
    init_workspace(tmp_path / "ws", overrides={"crawl": {**LOCAL_CRAWL, "trust_files_days": 0}})
    registry = tmp_path / "registry.csv"
    registry.write_text(
        REGISTRY_HEADER
        + "".join(
            f"{org},МБОУ «СОШ {org}»,СОШ {org},школа,{url},{org}@example.ru,Иванов И. И.,Район\n"
            for org, url in sites.items()
        ),
        encoding="utf-8",
    )
    return load_workspace(tmp_path / "ws"), registry


def command(workspace: Workspace, *args: str) -> str:
    """Run a cmn-audit command in-process; its output, or the Russian refusal it raised."""
    result = CliRunner().invoke(cli, [*args, "-w", str(workspace.root)])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        return f"Ошибка: {result.exception}"
    return result.output


def query(workspace: Workspace, sql: str, *params) -> list[tuple]:
    con = duckdb.connect(str(workspace.db_path), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def verdict(workspace: Workspace, run_id: str, org: str, rule: str) -> tuple:
    return query(
        workspace,
        "SELECT outcome, overridden, override_reason, note FROM rule_results "
        "WHERE run_id = ? AND org_id = ? AND rule_id = ?",
        run_id,
        org,
        rule,
    )[0]


def score(workspace: Workspace, run_id: str, org: str) -> float:
    return query(
        workspace, "SELECT score FROM org_scores WHERE run_id = ? AND org_id = ?", run_id, org
    )[0][0]


@pytest.mark.slow
@pytest.mark.reports  # reads the letter the run wrote
def test_explain_and_an_override_kept_until_the_document_changes(tmp_path, static_site):
    site = static_site(school_with_section())
    workspace, registry = workspace_of(tmp_path, {"s7": site})
    first = run_audit(workspace, registry, echo=lambda _: None).run_id
    order_url = site + "files/prikaz.pdf"

    explained = command(workspace, "explain", "s7", "UI-03")
    assert "kind = 'order_implementation' AND audience_students" in explained
    assert "Итог: выполнено" in explained
    assert f"✓ {order_url}" in explained  # the matching document, marked among the school's
    assert "order_implementation" in explained and "Совпавшие записи (1)" in explained
    assert "Совпавшие записи (0)" in command(workspace, "explain", "s7", "UI-09")

    refused = command(workspace, "override", "s7", "UI-03", "--outcome", "maybe", "--reason", "x")
    assert refused.startswith("Ошибка: Неизвестный итог «maybe»")
    assert "не проверялась" in command(
        workspace, "override", "s99", "UI-03", "--outcome", "fail", "--reason", "x"
    )
    assert "Правила «UI-99» нет" in command(
        workspace, "override", "s7", "UI-99", "--outcome", "fail", "--reason", "x"
    )

    before = score(workspace, first, "s7")
    reason = "Приказ не подписан руководителем"
    said = command(workspace, "override", "s7", "UI-03", "--outcome", "fail", "--reason", reason)
    assert f"cmn-audit report --run {first}" in said
    assert verdict(workspace, first, "s7", "UI-03")[:3] == ("fail", True, reason)
    assert score(workspace, first, "s7") < before
    assert "Решение применено" in command(workspace, "explain", "s7", "UI-03")

    command(workspace, "report", "--run", first)
    reports = workspace.reports_dir / first
    results = json.loads((reports / "results.json").read_text(encoding="utf-8"))
    jsonschema.validate(results, SCHEMA)
    item = next(r for r in results["organisations"][0]["results"] if r["rule_id"] == "UI-03")
    assert (item["outcome"], item["overridden"], item["override_reason"]) == ("fail", True, reason)
    assert item["computed_outcome"] == "pass"
    letter = (reports / "letters" / "s7.html").read_text(encoding="utf-8")
    assert f"решение методиста: {reason}" in letter
    assert f"решение методиста: {reason}" in (reports / "reference.html").read_text("utf-8")

    lines: list[str] = []
    second = run_audit(workspace, registry, echo=lines.append).run_id
    assert verdict(workspace, second, "s7", "UI-03")[:2] == ("fail", True)
    assert messages.OVERRIDES_APPLIED.format(count=1) in lines

    order = tmp_path / "site0" / "files" / "prikaz.pdf"
    order.write_bytes(pdf_bytes(DocumentSpec([*ORDER.paragraphs, "Подпись: И. И. Иванов"])))
    future = time.time() + 5  # Last-Modified has one-second resolution
    os.utime(order, (future, future))
    lines.clear()
    third = run_audit(workspace, registry, echo=lines.append).run_id
    outcome, overridden, _, note = verdict(workspace, third, "s7", "UI-03")
    assert (outcome, overridden) == ("pass", False)
    assert "не применено: изменились документы" in note
    assert any(line.startswith("Решения методиста не применены") for line in lines)
    assert "s7, правило UI-03" in command(workspace, "review")


@pytest.mark.slow
def test_review_lists_unsure_cases_and_remembers_decisions(tmp_path, static_site):
    sure = static_site(school_with_section())
    hidden = static_site(school_with_hidden_section())
    bare = static_site({"index.html": home()})
    workspace, registry = workspace_of(tmp_path, {"s7": sure, "s8": hidden, "s9": bare})
    first = run_audit(workspace, registry, echo=lambda _: None).run_id
    unsure_url = sure + "files/dokument.pdf"
    assert query(workspace, "SELECT confidence < 0.6 FROM documents WHERE url = ?", unsure_url) == [
        (True,)
    ]

    listed = command(workspace, "review")
    assert unsure_url in listed and "уверенность ниже 0,60" in listed
    assert "s8 (" in listed and "s9 (" in listed
    assert "s7 (" not in listed  # its section was found

    refused = command(workspace, "review", "--document", unsure_url, "--kind", "prikaz")
    assert refused.startswith("Ошибка: Неизвестный вид документа «prikaz»")
    decided = ("--document", unsure_url, "--kind", "order_pairs", "--audience", "students")
    assert "Решение сохранено" in command(workspace, "review", *decided)
    command(workspace, "review", "--section", "s8", hidden + HIDDEN_SECTION)
    command(workspace, "review", "--no-section", "s9", "--reason", "Раздела нет, подтверждено")
    listed = command(workspace, "review")
    assert unsure_url not in listed and "s8 (" not in listed and "s9 (" not in listed
    assert messages.REVIEW_NOTHING in listed

    second = run_audit(workspace, registry, echo=lambda _: None).run_id
    kind, audience, reasons = query(
        workspace,
        "SELECT kind, audience, reasons FROM documents WHERE run_id = ? AND url = ?",
        second,
        unsure_url,
    )[0]
    assert (kind, audience) == ("order_pairs", "students")
    assert reasons[0].startswith("решение методиста")
    assert verdict(workspace, first, "s7", "UI-09")[0] == "fail"
    assert verdict(workspace, second, "s7", "UI-09")[0] == "pass"
    section = "SELECT section_found, section_url FROM sites WHERE run_id = ? AND org_id = 's8'"
    assert query(workspace, section, second) == [(True, hidden + HIDDEN_SECTION)]
    assert messages.REVIEW_NOTHING in command(workspace, "review")


@pytest.mark.parametrize(
    ("note", "said"),
    [
        # Found, but whom the news item concerns is not shown: no file is blamed for it.
        (
            "не удалось определить, о наставничестве каких участников новость; проверьте "
            "вручную: https://school.example/news/4",
            "программа не может решить сама — не удалось определить",
        ),
        (
            "не удалось прочитать файлы раздела: https://school.example/scan.pdf",
            "есть файлы, которые не удалось прочитать",
        ),
    ],
)
def test_a_verdict_not_checked_says_why_it_was_not_decided(note, said):
    explanation = Explanation(
        run_id="r1",
        org={"site_checked": True, "site_status": "ok"},
        rule={},
        view="v_news",
        where="is_mentorship",
        min_count=1,
        verdict={"outcome": "not_checked", "computed_outcome": None, "note": note},
        matched=(),
        unreadable=(),
        context=(),
        context_kind="news",
        override=None,
        override_current=False,
    )
    assert said in verdict_reason(explanation)
