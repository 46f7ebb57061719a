"""The documented views rules query: which exist, what they read, how to create them."""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files

import duckdb


@dataclass(frozen=True)
class ViewSpec:
    """An evidence view, and which unreadable section files could have changed a failure.

    `unread_filter` is a predicate over v_unreadable_documents (`{where}` stands for the
    rule's own predicate); None when the view's rows never come from section files.
    `dated_by`: the expression that dates a row, for a run dated in the past (`run --on`): a
    document or news item dated after that day did not exist then and is not counted.
    """

    name: str
    unread_filter: str | None = None
    dated_by: str | None = None


# Views of views.sql a rule may name; the rest (v_unreadable_documents) serve the compiler.
EVIDENCE_VIEWS = {
    spec.name: spec
    for spec in (
        ViewSpec("v_orgs"),
        ViewSpec("v_links"),
        # The unread file might be the very document the rule looks for.
        ViewSpec("v_documents", unread_filter="kind_unknown OR ({where})", dated_by="doc_date"),
        ViewSpec("v_news", dated_by="news_date"),
        ViewSpec("v_section_names"),
        ViewSpec("v_section_pages"),
        # An unread roadmap matters only when there is mentorship news to set against it.
        ViewSpec(
            "v_roadmap_news",
            unread_filter=(
                "(kind_unknown OR kind = 'roadmap') AND EXISTS (SELECT 1 FROM v_news AS n"
                " WHERE n.run_id = u.run_id AND n.org_id = u.org_id AND n.is_mentorship)"
            ),
            dated_by="greatest(roadmap_date, news_date)",
        ),
    )
}


def views_sql() -> str:
    """The text of views.sql."""
    return files("audit_rules").joinpath("views.sql").read_text(encoding="utf-8")


def schema_sql() -> str:
    """The store's tables of facts and verdicts (tables.sql), the contract between stages.

    Owned here, the lowest layer that reads the store; the application adds its own tables."""
    return files("audit_rules").joinpath("tables.sql").read_text(encoding="utf-8")


def create_views(con: duckdb.DuckDBPyConnection) -> None:
    """Create or refresh the views and macros; safe inside the caller's transaction."""
    con.execute(views_sql())


def scratch_connection() -> duckdb.DuckDBPyConnection:
    """An in-memory store with the schema and views, for checking predicates."""
    con = duckdb.connect(":memory:")
    con.execute(schema_sql())
    create_views(con)
    return con
