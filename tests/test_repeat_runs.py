"""Repeat runs a methodologist can trust: what a run sent stays as sent, a collapse is held,
a partial re-check counts school by school. Small stores built here; the CLI where it speaks."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
from docx import Document
from test_reports import RUN_ID, _build_store

from cmn_audit.config import CONFIG_NAME, init_workspace, load_workspace
from cmn_audit.pipeline import write_run_reports

CENTRE = {
    "name": "МКУ «Информационно-методический центр»",
    "address": "646580, Омская область, с. Усть-Ишим, ул. Горького, 30",
    "phone": "+7 (000) 000-00-00",
    "email": "imc@example.ru",
    "signatory_name": "Е. В. Образцова",
    "signatory_post": "Директор",
    "executor_name": "Примерова Анна Сергеевна",
    "executor_phone": "+7 (000) 000-00-01",
}


def _workspace(root: Path):
    init_workspace(root, overrides={"centre": CENTRE})
    return load_workspace(root)


def _set(root: Path, section: str, key: str, value: str) -> None:
    """Edit one value of config.toml as a methodologist would."""
    path = root / CONFIG_NAME
    lines = path.read_text(encoding="utf-8").splitlines()
    current = None
    for index, line in enumerate(lines):
        if line.startswith("["):
            current = line.strip("[]")
        elif current == section and line.split("=", 1)[0].strip() == key:
            lines[index] = f"{key} = {json.dumps(value, ensure_ascii=False)}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _docx_text(path: Path) -> str:
    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_a_rerendered_run_keeps_the_number_date_and_letterhead_it_sent(tmp_path):
    workspace = _workspace(tmp_path / "ws")
    con = _build_store(workspace.db_path)
    try:
        sent = write_run_reports(con, workspace, RUN_ID, formats=("html", "docx"))
        _set(workspace.root, "letters", "number_format", "01-15/{number}")
        _set(workspace.root, "centre", "name", "Управление образования (новый бланк)")
        today = load_workspace(workspace.root)
        again = write_run_reports(con, today, RUN_ID, formats=("docx",))
    finally:
        con.close()
    html = (sent.letters_html[1]).read_text(encoding="utf-8")
    docx = _docx_text(again.letters_docx[1])
    assert "№ 2 от 26.10.2022" in html and "№ 2 от 26.10.2022" in docx
    assert "01-15/" not in docx
    assert CENTRE["name"] in docx and "новый бланк" not in docx
    stored = duckdb.connect(str(workspace.db_path), read_only=True)
    try:
        numbers = stored.execute(
            "SELECT org_id, number FROM run_letters WHERE run_id = ? ORDER BY org_id", [RUN_ID]
        ).fetchall()
    finally:
        stored.close()
    assert numbers == [("sch1", "1"), ("sch2", "2"), ("sch3", "3"), ("sch4", "4")]
