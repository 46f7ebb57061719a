"""The documented views rules query: which exist, what they read, how to create them."""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files

import duckdb


@dataclass(frozen=True)
class ViewSpec:
    """An evidence view; reads_documents marks views whose rows come from section files."""

    name: str
    reads_documents: bool


# Views of views.sql a rule may name; the rest (v_unreadable_documents) serve the compiler.
EVIDENCE_VIEWS = {
    spec.name: spec
    for spec in (
        ViewSpec("v_orgs", reads_documents=False),
        ViewSpec("v_links", reads_documents=False),
        ViewSpec("v_documents", reads_documents=True),
        ViewSpec("v_news", reads_documents=False),
        ViewSpec("v_roadmap_news", reads_documents=True),
    )
}


def views_sql() -> str:
    """The text of views.sql."""
    return files("audit_rules").joinpath("views.sql").read_text(encoding="utf-8")


def schema_sql() -> str:
    """The shared store schema, the contract between stages."""
    return files("cmn_audit").joinpath("schema.sql").read_text(encoding="utf-8")


def create_views(con: duckdb.DuckDBPyConnection) -> None:
    """Create or refresh the views and macros; safe inside the caller's transaction."""
    con.execute(views_sql())


def scratch_connection() -> duckdb.DuckDBPyConnection:
    """An in-memory store with the schema and views, for checking predicates."""
    con = duckdb.connect(":memory:")
    con.execute(schema_sql())
    create_views(con)
    return con
