"""The workspace's DuckDB file: schema, and runs written whole or not at all."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import duckdb

from audit_rules.views import schema_sql as audit_tables_sql
from cmn_audit import messages
from cmn_audit.messages import STORE_BUSY, STORE_DAMAGED, STORE_NEWER, UserError

SCHEMA_VERSION = "10"
RUNS_NAMED = 5  # a run asked for that does not exist: the latest runs are named


def connect(db_path: Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the store, creating the schema on first use and adding what later versions need.

    A store another process holds, and a damaged file, are told apart in Russian.
    """
    if read_only and not db_path.exists():
        raise UserError(messages.STORE_MISSING.format(path=db_path))
    try:
        con = duckdb.connect(str(db_path), read_only=read_only)
        _refuse_newer_schema(con, db_path)
    except duckdb.Error as error:
        if "could not set lock" in str(error).lower():
            raise UserError(STORE_BUSY) from error
        raise UserError(STORE_DAMAGED.format(path=db_path, error=error)) from error
    if read_only:
        return con
    con.execute(schema_sql())
    con.execute(
        "INSERT INTO meta VALUES ('schema_version', ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [SCHEMA_VERSION],
    )
    return con


def schema_sql() -> str:
    """The whole store: the audit's tables of facts and verdicts, then the application's."""
    own = resources.files("cmn_audit").joinpath("schema.sql").read_text("utf-8")
    return audit_tables_sql() + "\n" + own


def _refuse_newer_schema(con: duckdb.DuckDBPyConnection, db_path: Path) -> None:
    """A store written by a later cmn-audit is left untouched rather than half-understood."""
    try:
        row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except duckdb.CatalogException:
        return  # a new file: the schema is created next
    except duckdb.Error:
        con.close()
        raise
    if row and row[0].isdigit() and int(row[0]) > int(SCHEMA_VERSION):
        con.close()
        raise UserError(STORE_NEWER.format(path=db_path, found=row[0], known=SCHEMA_VERSION))


def new_run_id(now: dt.datetime, taken: Callable[[str], bool] = lambda _: False) -> str:
    """Sortable, readable run ids: 20261123-101502, then -2, -3… within the same second."""
    base = now.strftime("%Y%m%d-%H%M%S")
    candidate, suffix = base, 1
    while taken(candidate):
        suffix += 1
        candidate = f"{base}-{suffix}"
    return candidate


@contextmanager
def run_transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """Everything a run writes commits together; any failure rolls all of it back."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def insert_rows(
    con: duckdb.DuckDBPyConnection,
    table: str,
    rows: Iterable[Mapping[str, object]],
    *,
    replace: bool = False,
) -> int:
    """Insert dict rows by column name (`replace`: a cache row supersedes its older version)."""
    rows = list(rows)
    if not rows:
        return 0
    columns = list(rows[0])
    placeholders = ", ".join("?" for _ in columns)
    con.executemany(
        f"INSERT {'OR REPLACE ' if replace else ''}INTO {table} "
        f"({', '.join(columns)}) VALUES ({placeholders})",
        [[row[column] for column in columns] for row in rows],
    )
    return len(rows)


def complete_runs(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Ids of the runs that were committed whole, oldest first."""
    rows = con.execute(
        "SELECT run_id FROM runs WHERE status = 'complete' ORDER BY run_id"
    ).fetchall()
    return [row[0] for row in rows]


def resolve_run(con: duckdb.DuckDBPyConnection, run_id: str | None) -> str:
    """The given run, or the latest complete one; a Russian error when there is none."""
    runs = complete_runs(con)
    if not runs:
        raise UserError(messages.NO_RUNS)
    if run_id is None:
        return runs[-1]
    if run_id not in runs:
        raise UserError(run_not_found(run_id, runs))
    return run_id


def run_not_found(run_id: str, runs: list[str]) -> str:
    """«Запуск «999» не найден… Запуски рабочей папки: …» naming the latest runs that exist."""
    shown = runs[-RUNS_NAMED:]
    more = (
        messages.RUNS_KNOWN_MORE.format(count=len(runs) - len(shown)) if runs[:-RUNS_NAMED] else ""
    )
    known = messages.RUNS_KNOWN.format(runs=", ".join(reversed(shown)), more=more) if runs else ""
    return messages.RUN_NOT_FOUND.format(run_id=run_id) + known


def letters_held(con: duckdb.DuckDBPyConnection, run_id: str) -> bool:
    """Whether a run's letters wait for `cmn-audit confirm` (a store before schema 8: never)."""
    try:
        row = con.execute(
            "SELECT coalesce(letters_held, FALSE) FROM runs WHERE run_id = ?", [run_id]
        ).fetchone()
    except duckdb.BinderException:
        return False
    return bool(row and row[0])
