"""Load rule profiles from TOML, refusing anything a run could not rely on."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any

import duckdb

from audit_rules import messages as msg
from audit_rules.compose import PROFILES_DIR, locate, read_declaration
from audit_rules.examples import remember_verified, verified_before, verify_examples
from audit_rules.keys import (
    EXAMPLE_KEYS,
    EXAMPLE_OPTIONAL,
    LEVEL_KEYS,
    NOT_SITE_KEYS,
    PROFILE_KEYS,
    PROFILE_OPTIONAL,
    RULE_KEYS,
    RULE_OPTIONAL,
    SECTION_KEYS,
    SECTION_OPTIONAL,
    SOURCE_KEYS,
    SOURCE_OPTIONAL,
    check_keys,
    check_period,
    choice,
    date_value,
    is_number,
    require_type,
    tables,
    typed,
)
from audit_rules.model import (
    BASES,
    BASIS_DEADLINE,
    BASIS_SEVERITIES,
    FACT_TABLES,
    LEVELS,
    OUTCOMES,
    PARAM_RE,
    SECTION_NOUNS,
    SEVERITIES,
    SEVERITY_POLICY,
    Example,
    Level,
    NotSite,
    Profile,
    ProfileError,
    Rule,
    SectionName,
    Source,
)
from audit_rules.org_types import ORG_TYPE_IDS
from audit_rules.views import EVIDENCE_VIEWS, scratch_connection

__all__ = ["PARAM_RE", "PROFILES_DIR", "available_profiles", "load_profile", "parse_profile"]

SCHEMA_TABLE = {
    "site": "sites",
    "documents": "documents",
    "news": "news",
    "links": "links",
    "pages": "pages",
}
# Profiles already checked, by their merged declaration: examples run once per process.
_LOADED: dict[str, Profile] = {}


def available_profiles() -> tuple[str, ...]:
    """Names of the bundled profiles, for the CLI and the catalogue."""
    return tuple(sorted(path.stem for path in PROFILES_DIR.glob("*.toml")))


def load_profile(profile: str | Path) -> Profile:
    """Read a profile by name (profiles/<name>.toml) or path, merge its bases, check it all.

    Every rule's examples are run against a scratch DuckDB: a profile whose example does not
    give the declared outcome is refused like any other mistake.
    """
    path = locate(profile)
    if not path.is_file():
        raise ProfileError(msg.PROFILE_NOT_FOUND.format(name=profile, path=path))
    declaration = read_declaration(path)
    for base in reversed(declaration.bases):
        load_profile(base)
    key = repr((declaration.data, declaration.extends))
    if key not in _LOADED:
        loaded = parse_profile(declaration.data, declaration.where, declaration.extends)
        if not verified_before(key):
            verify_examples(loaded, declaration.where)
            remember_verified(key)
        _LOADED[key] = loaded
    return _LOADED[key]


def parse_profile(data: dict[str, Any], where: str, extends: tuple[str, ...] = ()) -> Profile:
    """Build a Profile from parsed TOML, raising ProfileError on the first problem."""
    check_keys(data, where, PROFILE_KEYS, PROFILE_OPTIONAL)
    profile_id = typed(data, "id", str, where)
    params = data.get("params", {})
    require_type(isinstance(params, dict), where, "params", "таблицей")
    in_force_from = date_value(data, "in_force_from", where, required=True)
    in_force_to = date_value(data, "in_force_to", where)
    check_period(in_force_from, in_force_to, where)
    sources: dict[str, Source] = {}
    for entry in tables(data, "sources", where):
        source = _source(entry, f"{where}, источник")
        if source.id in sources:
            raise ProfileError(msg.DUPLICATE_SOURCE.format(profile=profile_id, source_id=source.id))
        sources[source.id] = source
    rules: list[Rule] = []
    with scratch_connection() as con:
        columns = _fact_columns(con)
        for entry in tables(data, "rules", where):
            rule_where = f"{where}, правило {entry.get('id', len(rules) + 1)}"
            rule = _rule(entry, rule_where, sources, columns, (in_force_from, in_force_to))
            if any(known.id == rule.id for known in rules):
                raise ProfileError(msg.DUPLICATE_RULE.format(profile=profile_id, rule_id=rule.id))
            _check_predicate(con, rule, params, rule_where)
            rules.append(rule)
    if not rules:
        raise ProfileError(msg.NO_RULES.format(profile=profile_id))
    return Profile(
        id=profile_id,
        title=typed(data, "title", str, where),
        version=typed(data, "version", str, where),
        in_force_from=in_force_from,
        in_force_to=in_force_to,
        municipality=typed(data, "municipality", str, where),
        params=MappingProxyType(dict(params)),
        levels=_levels(data, where, profile_id),
        sources=tuple(sources.values()),
        rules=tuple(rules),
        extends=extends,
        not_site=tuple(
            _not_site(entry, f"{where}, [[not_site]] {index}", sources)
            for index, entry in enumerate(tables(data, "not_site", where), start=1)
        ),
        section=_section(data, where),
    )


def _section(data: dict[str, Any], where: str) -> SectionName:
    """[section]: the source's own words for the place it asks for; «раздел «Наставничество»»
    when the source names none."""
    if "section" not in data:
        return SectionName()
    entry = data["section"]
    require_type(isinstance(entry, dict), where, "section", "таблицей")
    where = f"{where}, [section]"
    check_keys(entry, where, SECTION_KEYS, SECTION_OPTIONAL)
    noun = typed(entry, "noun", str, where, default=SectionName.noun)
    choice(noun, SECTION_NOUNS, where, "noun")
    return SectionName(name=typed(entry, "name", str, where), noun=noun)


def _not_site(entry: dict[str, Any], where: str, sources: dict[str, Source]) -> NotSite:
    check_keys(entry, where, NOT_SITE_KEYS, ())
    source_id = typed(entry, "source", str, where)
    if source_id not in sources:
        raise ProfileError(msg.UNKNOWN_SOURCE.format(where=where, source_id=source_id))
    return NotSite(
        source=sources[source_id],
        quote=typed(entry, "quote", str, where),
        reason=typed(entry, "reason", str, where),
    )


def _source(entry: dict[str, Any], where: str) -> Source:
    check_keys(entry, where, SOURCE_KEYS, SOURCE_OPTIONAL)
    return Source(
        id=typed(entry, "id", str, where),
        authority=typed(entry, "authority", str, where),
        document=typed(entry, "document", str, where),
        number=str(typed(entry, "number", (str, int), where)),
        date=date_value(entry, "date", where),
        subject=entry.get("subject", ""),
        file=entry.get("file", ""),
    )


def _levels(data: dict[str, Any], where: str, profile_id: str) -> tuple[Level, ...]:
    levels = []
    for entry in tables(data, "levels", where):
        level_where = f"{where}, уровень"
        check_keys(entry, level_where, LEVEL_KEYS, ())
        level_id = typed(entry, "id", str, level_where)
        choice(level_id, LEVELS, level_where, "id")
        score = float(typed(entry, "min_score", (int, float), level_where))
        levels.append(Level(level_id, typed(entry, "label", str, level_where), score))
    levels.sort(key=lambda level: level.min_score, reverse=True)
    if sorted(level.id for level in levels) != sorted(LEVELS) or levels[-1].min_score != 0:
        raise ProfileError(msg.BAD_LEVELS.format(profile=profile_id, expected=", ".join(LEVELS)))
    return tuple(levels)


def _rule(
    entry: dict[str, Any],
    where: str,
    sources: dict[str, Source],
    columns: dict[str, frozenset[str]],
    period: tuple[date, date | None],
) -> Rule:
    check_keys(entry, where, RULE_KEYS, RULE_OPTIONAL)
    source_id = typed(entry, "source", str, where)
    if source_id not in sources:
        raise ProfileError(msg.UNKNOWN_SOURCE.format(where=where, source_id=source_id))
    view = typed(entry, "view", str, where)
    if view not in EVIDENCE_VIEWS:
        allowed = ", ".join(EVIDENCE_VIEWS)
        raise ProfileError(msg.UNKNOWN_VIEW.format(where=where, view=view, allowed=allowed))
    severity = typed(entry, "severity", str, where)
    choice(severity, SEVERITIES, where, "severity")
    basis = typed(entry, "basis", str, where)
    choice(basis, BASES, where, "basis")
    if severity not in BASIS_SEVERITIES[basis]:
        raise ProfileError(msg.INFERRED_SEVERITY.format(where=where, severity=severity))
    deadline = date_value(entry, "deadline", where)
    if deadline is not None and not BASIS_DEADLINE[basis]:
        raise ProfileError(msg.INFERRED_DEADLINE.format(where=where))
    counted = SEVERITY_POLICY[severity].counted  # the policy decides; `counted` may restate it
    if typed(entry, "counted", bool, where, default=counted) != counted:
        raise ProfileError(
            msg.COUNTED_CONTRADICTS.format(
                where=where, counted=str(not counted).lower(), severity=severity
            )
        )
    min_count = entry.get("min_count", 1)
    require_type(type(min_count) is int and min_count >= 1, where, "min_count", "целым числом ≥ 1")
    weight = entry.get("weight", 1)
    require_type(is_number(weight) and weight > 0, where, "weight", "положительным числом")
    # A rule is in force with its profile unless it names its own dates.
    # A rule is in force within its profile's period too: a centre's profile that starts on
    # 01.09.2023 does not apply a base's rule from the base's earlier date.
    in_force_from = max(date_value(entry, "in_force_from", where) or period[0], period[0])
    own_end = date_value(entry, "in_force_to", where) if "in_force_to" in entry else None
    ends = [end for end in (own_end, period[1]) if end is not None]
    in_force_to = min(ends) if ends else None
    check_period(in_force_from, in_force_to, where)
    examples = tuple(
        _example(example, f"{where}, пример {index}", columns)
        for index, example in enumerate(tables(entry, "examples", where), start=1)
    )
    expected = {example.expect for example in examples}
    if not {"pass", "fail"} <= expected:
        raise ProfileError(msg.BAD_EXAMPLES.format(where=where))
    undecided = typed(entry, "undecided", str, where).strip() if "undecided" in entry else ""
    undecided_reason = (
        typed(entry, "undecided_reason", str, where) if "undecided_reason" in entry else ""
    )
    if bool(undecided) != bool(undecided_reason):
        raise ProfileError(msg.UNDECIDED_PAIR.format(where=where))
    applies_to = entry.get("applies_to", list(ORG_TYPE_IDS))
    require_type(
        isinstance(applies_to, list) and bool(applies_to), where, "applies_to", "списком типов"
    )
    for type_id in applies_to:
        choice(type_id, ORG_TYPE_IDS, where, "applies_to")
    return Rule(
        id=typed(entry, "id", str, where),
        title=typed(entry, "title", str, where),
        section=typed(entry, "section", str, where),
        source=sources[source_id],
        quote=typed(entry, "quote", str, where),
        basis=basis,
        severity=severity,
        weight=float(weight),
        counted=counted,
        view=view,
        where=typed(entry, "where", str, where).strip(),
        min_count=min_count,
        recommendation=typed(entry, "recommendation", str, where),
        examples=examples,
        deadline=deadline,
        in_force_from=in_force_from,
        in_force_to=in_force_to,
        undecided=undecided,
        undecided_reason=undecided_reason,
        # Every type named is the same as none named: the rule is for all.
        applies_to=() if set(applies_to) == set(ORG_TYPE_IDS) else tuple(applies_to),
    )


def _example(entry: dict[str, Any], where: str, columns: dict[str, frozenset[str]]) -> Example:
    check_keys(entry, where, EXAMPLE_KEYS, EXAMPLE_OPTIONAL)
    expect = typed(entry, "expect", str, where)
    choice(expect, OUTCOMES, where, "expect")
    site = entry.get("site", {})
    require_type(isinstance(site, dict), where, "site", "таблицей")
    check_keys(site, f"{where}, site", (), tuple(columns["site"]))
    facts: dict[str, tuple[dict[str, Any], ...]] = {}
    for table in FACT_TABLES[1:]:
        rows = tables(entry, table, where)
        for row in rows:
            check_keys(row, f"{where}, {table}", (), tuple(columns[table]))
        facts[table] = tuple(MappingProxyType(row) for row in rows)
    evidence = entry.get("evidence")
    require_type(evidence is None or isinstance(evidence, list), where, "evidence", "списком URL")
    return Example(
        name=typed(entry, "name", str, where),
        expect=expect,
        site=MappingProxyType(site),
        evidence=None if evidence is None else tuple(evidence),
        **facts,
    )


def _check_predicate(
    con: duckdb.DuckDBPyConnection, rule: Rule, params: dict[str, Any], where: str
) -> None:
    """Refuse a predicate (`where`, and `undecided` when given) that is not one boolean
    expression over the rule's view."""
    _check_expression(con, rule.view, rule.where, params, where, "where")
    if rule.undecided:
        _check_expression(con, rule.view, rule.undecided, params, where, "undecided")


def _check_expression(
    con: duckdb.DuckDBPyConnection,
    view: str,
    expression: str,
    params: dict[str, Any],
    where: str,
    key: str,
) -> None:
    names = PARAM_RE.findall(expression)
    for name in names:
        if name not in params:
            raise ProfileError(msg.UNKNOWN_PARAM.format(where=where, param=name))
    if not _balanced(expression):
        raise ProfileError(msg.NOT_ONE_EXPRESSION.format(where=where, key=key))
    sql = f"SELECT ({expression}) AS matches FROM {view} LIMIT 0"
    try:
        if len(con.extract_statements(sql)) != 1:
            raise ProfileError(msg.NOT_ONE_EXPRESSION.format(where=where, key=key))
        cursor = con.execute(sql, {name: params[name] for name in names})
    except duckdb.Error as error:
        message = str(error).splitlines()[0]
        raise ProfileError(
            msg.BAD_PREDICATE.format(where=where, key=key, view=view, error=message)
        ) from error
    if str(cursor.description[0][1]) != "BOOLEAN":
        raise ProfileError(
            msg.BAD_PREDICATE.format(
                where=where, key=key, view=view, error="результат не логический"
            )
        )


def _balanced(expression: str) -> bool:
    """Parentheses close within the expression, outside quoted text, and no ';' or comments."""
    depth, quote = 0, ""
    for index, char in enumerate(expression):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == ";" or expression.startswith(("--", "/*"), index):
            return False
        elif char in "()":
            depth += 1 if char == "(" else -1
            if depth < 0:
                return False
    return depth == 0 and not quote


def _fact_columns(con: duckdb.DuckDBPyConnection) -> dict[str, frozenset[str]]:
    """Columns an example may set per fact table (run and organisation are implied)."""
    rows = con.execute(
        "SELECT table_name, column_name FROM duckdb_columns() "
        "WHERE column_name NOT IN ('run_id', 'org_id')"
    ).fetchall()
    return {
        fact: frozenset(column for table, column in rows if table == SCHEMA_TABLE[fact])
        for fact in FACT_TABLES
    }
