"""Load rule profiles from TOML, refusing anything a run could not rely on."""

from __future__ import annotations

import re
import tomllib
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any

import duckdb

from audit_rules import messages as msg
from audit_rules.model import (
    FACT_TABLES,
    LEVELS,
    OUTCOMES,
    SEVERITIES,
    Example,
    Level,
    Profile,
    ProfileError,
    Rule,
    Source,
)
from audit_rules.views import EVIDENCE_VIEWS, scratch_connection

PROFILES_DIR = Path(__file__).parent / "profiles"
PARAM_RE = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")

PROFILE_KEYS = ("id", "title", "version", "in_force_from", "municipality", "levels", "sources")
PROFILE_OPTIONAL = ("in_force_to", "params", "rules")
SOURCE_KEYS = ("id", "authority", "document", "number", "date")
SOURCE_OPTIONAL = ("subject", "file")
LEVEL_KEYS = ("id", "label", "min_score")
RULE_KEYS = (
    "id",
    "title",
    "section",
    "source",
    "quote",
    "severity",
    "view",
    "where",
    "recommendation",
)
RULE_OPTIONAL = ("weight", "counted", "min_count", "examples")
EXAMPLE_KEYS = ("name", "expect")
EXAMPLE_OPTIONAL = ("evidence", *FACT_TABLES)
SCHEMA_TABLE = {"site": "sites", "documents": "documents", "news": "news", "links": "links"}


def available_profiles() -> tuple[str, ...]:
    """Names of the bundled profiles, for the CLI and the catalogue."""
    return tuple(sorted(path.stem for path in PROFILES_DIR.glob("*.toml")))


def load_profile(profile: str | Path) -> Profile:
    """Read a profile by name (profiles/<name>.toml) or path and check every rule."""
    path = Path(profile)
    if isinstance(profile, str) and path.suffix != ".toml":
        path = PROFILES_DIR / f"{profile}.toml"
    if not path.is_file():
        raise ProfileError(msg.PROFILE_NOT_FOUND.format(name=profile, path=path))
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ProfileError(msg.PROFILE_NOT_TOML.format(path=path, error=error)) from error
    return parse_profile(data, where=f"Профиль {path.name}")


def parse_profile(data: dict[str, Any], where: str) -> Profile:
    """Build a Profile from parsed TOML, raising ProfileError on the first problem."""
    _check_keys(data, where, PROFILE_KEYS, PROFILE_OPTIONAL)
    profile_id = _typed(data, "id", str, where)
    params = data.get("params", {})
    _expect(isinstance(params, dict), where, "params", "таблицей")
    sources: dict[str, Source] = {}
    for entry in _tables(data, "sources", where):
        source = _source(entry, f"{where}, источник")
        if source.id in sources:
            raise ProfileError(msg.DUPLICATE_SOURCE.format(profile=profile_id, source_id=source.id))
        sources[source.id] = source
    rules: list[Rule] = []
    with scratch_connection() as con:
        columns = _fact_columns(con)
        for entry in _tables(data, "rules", where):
            rule_where = f"{where}, правило {entry.get('id', len(rules) + 1)}"
            rule = _rule(entry, rule_where, sources, columns)
            if any(known.id == rule.id for known in rules):
                raise ProfileError(msg.DUPLICATE_RULE.format(profile=profile_id, rule_id=rule.id))
            _check_predicate(con, rule, params, rule_where)
            rules.append(rule)
    if not rules:
        raise ProfileError(msg.NO_RULES.format(profile=profile_id))
    in_force_to = data.get("in_force_to")
    _expect(in_force_to is None or isinstance(in_force_to, date), where, "in_force_to", "датой")
    return Profile(
        id=profile_id,
        title=_typed(data, "title", str, where),
        version=_typed(data, "version", str, where),
        in_force_from=_typed(data, "in_force_from", date, where),
        in_force_to=in_force_to,
        municipality=_typed(data, "municipality", str, where),
        params=MappingProxyType(dict(params)),
        levels=_levels(data, where, profile_id),
        sources=tuple(sources.values()),
        rules=tuple(rules),
    )


def _source(entry: dict[str, Any], where: str) -> Source:
    _check_keys(entry, where, SOURCE_KEYS, SOURCE_OPTIONAL)
    return Source(
        id=_typed(entry, "id", str, where),
        authority=_typed(entry, "authority", str, where),
        document=_typed(entry, "document", str, where),
        number=str(_typed(entry, "number", (str, int), where)),
        date=_typed(entry, "date", date, where),
        subject=entry.get("subject", ""),
        file=entry.get("file", ""),
    )


def _levels(data: dict[str, Any], where: str, profile_id: str) -> tuple[Level, ...]:
    levels = []
    for entry in _tables(data, "levels", where):
        level_where = f"{where}, уровень"
        _check_keys(entry, level_where, LEVEL_KEYS, ())
        level_id = _typed(entry, "id", str, level_where)
        _choice(level_id, LEVELS, level_where, "id")
        score = float(_typed(entry, "min_score", (int, float), level_where))
        levels.append(Level(level_id, _typed(entry, "label", str, level_where), score))
    levels.sort(key=lambda level: level.min_score, reverse=True)
    if sorted(level.id for level in levels) != sorted(LEVELS) or levels[-1].min_score != 0:
        raise ProfileError(msg.BAD_LEVELS.format(profile=profile_id, expected=", ".join(LEVELS)))
    return tuple(levels)


def _rule(
    entry: dict[str, Any],
    where: str,
    sources: dict[str, Source],
    columns: dict[str, frozenset[str]],
) -> Rule:
    _check_keys(entry, where, RULE_KEYS, RULE_OPTIONAL)
    source_id = _typed(entry, "source", str, where)
    if source_id not in sources:
        raise ProfileError(msg.UNKNOWN_SOURCE.format(where=where, source_id=source_id))
    view = _typed(entry, "view", str, where)
    if view not in EVIDENCE_VIEWS:
        allowed = ", ".join(EVIDENCE_VIEWS)
        raise ProfileError(msg.UNKNOWN_VIEW.format(where=where, view=view, allowed=allowed))
    severity = _typed(entry, "severity", str, where)
    _choice(severity, SEVERITIES, where, "severity")
    min_count = entry.get("min_count", 1)
    _expect(type(min_count) is int and min_count >= 1, where, "min_count", "целым числом ≥ 1")
    weight = entry.get("weight", 1)
    _expect(_is_number(weight) and weight > 0, where, "weight", "положительным числом")
    examples = tuple(
        _example(example, f"{where}, пример {index}", columns)
        for index, example in enumerate(_tables(entry, "examples", where), start=1)
    )
    expected = {example.expect for example in examples}
    if not {"pass", "fail"} <= expected:
        raise ProfileError(msg.BAD_EXAMPLES.format(where=where))
    return Rule(
        id=_typed(entry, "id", str, where),
        title=_typed(entry, "title", str, where),
        section=_typed(entry, "section", str, where),
        source=sources[source_id],
        quote=_typed(entry, "quote", str, where),
        severity=severity,
        weight=float(weight),
        counted=_typed(entry, "counted", bool, where, default=True),
        view=view,
        where=_typed(entry, "where", str, where).strip(),
        min_count=min_count,
        recommendation=_typed(entry, "recommendation", str, where),
        examples=examples,
    )


def _example(entry: dict[str, Any], where: str, columns: dict[str, frozenset[str]]) -> Example:
    _check_keys(entry, where, EXAMPLE_KEYS, EXAMPLE_OPTIONAL)
    expect = _typed(entry, "expect", str, where)
    _choice(expect, OUTCOMES, where, "expect")
    site = entry.get("site", {})
    _expect(isinstance(site, dict), where, "site", "таблицей")
    _check_keys(site, f"{where}, site", (), tuple(columns["site"]))
    facts: dict[str, tuple[dict[str, Any], ...]] = {}
    for table in FACT_TABLES[1:]:
        rows = _tables(entry, table, where)
        for row in rows:
            _check_keys(row, f"{where}, {table}", (), tuple(columns[table]))
        facts[table] = tuple(MappingProxyType(row) for row in rows)
    evidence = entry.get("evidence")
    _expect(evidence is None or isinstance(evidence, list), where, "evidence", "списком URL")
    return Example(
        name=_typed(entry, "name", str, where),
        expect=expect,
        site=MappingProxyType(site),
        evidence=None if evidence is None else tuple(evidence),
        **facts,
    )


def _check_predicate(
    con: duckdb.DuckDBPyConnection, rule: Rule, params: dict[str, Any], where: str
) -> None:
    """Refuse a predicate that is not one boolean expression over its view."""
    names = PARAM_RE.findall(rule.where)
    for name in names:
        if name not in params:
            raise ProfileError(msg.UNKNOWN_PARAM.format(where=where, param=name))
    if not _balanced(rule.where):
        raise ProfileError(msg.NOT_ONE_EXPRESSION.format(where=where))
    sql = f"SELECT ({rule.where}) AS matches FROM {rule.view} LIMIT 0"
    try:
        if len(con.extract_statements(sql)) != 1:
            raise ProfileError(msg.NOT_ONE_EXPRESSION.format(where=where))
        cursor = con.execute(sql, {name: params[name] for name in names})
    except duckdb.Error as error:
        message = str(error).splitlines()[0]
        raise ProfileError(
            msg.BAD_PREDICATE.format(where=where, view=rule.view, error=message)
        ) from error
    if str(cursor.description[0][1]) != "BOOLEAN":
        raise ProfileError(
            msg.BAD_PREDICATE.format(where=where, view=rule.view, error="результат не логический")
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


def _check_keys(
    table: dict[str, Any], where: str, required: tuple[str, ...], optional: tuple[str, ...]
) -> None:
    allowed = (*required, *optional)
    for key in table:
        if key not in allowed:
            allowed_text = ", ".join(allowed)
            raise ProfileError(msg.UNKNOWN_KEY.format(where=where, key=key, allowed=allowed_text))
    for key in required:
        if key not in table:
            raise ProfileError(msg.MISSING_KEY.format(where=where, key=key))


def _tables(data: dict[str, Any], key: str, where: str) -> list[dict[str, Any]]:
    value = data.get(key, [])
    ok = isinstance(value, list) and all(isinstance(item, dict) for item in value)
    _expect(ok, where, key, "массивом таблиц")
    return value


def _typed(data: dict[str, Any], key: str, kind: Any, where: str, default: Any = None) -> Any:
    value = data.get(key, default)
    kinds = kind if isinstance(kind, tuple) else (kind,)
    # bool is an int in Python; a flag must not pass for a number, nor a number for a flag.
    ok = isinstance(value, kinds) and (bool in kinds or not isinstance(value, bool))
    _expect(ok and value != "", where, key, _TYPE_NAMES.get(kinds[0], "значением"))
    return value


def _expect(ok: bool, where: str, key: str, expected: str) -> None:
    if not ok:
        raise ProfileError(msg.WRONG_TYPE.format(where=where, key=key, expected=expected))


def _choice(value: str, allowed: tuple[str, ...], where: str, key: str) -> None:
    if value not in allowed:
        raise ProfileError(
            msg.BAD_VALUE.format(where=where, value=value, key=key, allowed=", ".join(allowed))
        )


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


_TYPE_NAMES = {str: "непустой строкой", date: "датой", bool: "true или false", int: "числом"}
