"""The keys and values a profile file may use, and the checks that refuse anything else."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from audit_rules import messages as msg
from audit_rules.model import FACT_TABLES, ProfileError

PROFILE_KEYS = ("id", "title", "version", "in_force_from", "municipality", "levels", "sources")
PROFILE_OPTIONAL = ("in_force_to", "params", "rules", "not_site", "section")
# [section]: how the source names the place it asks for on the site (the word and the name).
SECTION_KEYS = ("name",)
SECTION_OPTIONAL = ("noun",)
# A profile built on another: only its own id and version are required, the rest is inherited.
COMPOSED_KEYS = ("id", "version", "extends")
COMPOSED_OPTIONAL = (
    "title",
    "in_force_from",
    "in_force_to",
    "municipality",
    "section",
    "params",
    "levels",
    "sources",
    "rules",
    "not_site",
    "drop",
    "override",
)
# A source without a date of its own, or without a subject line, leaves the key out.
SOURCE_KEYS = ("id", "authority", "document", "number")
SOURCE_OPTIONAL = ("date", "subject", "file")
# A requirement of a source that is not one of the school's site: [[not_site]].
NOT_SITE_KEYS = ("source", "quote", "reason")
LEVEL_KEYS = ("id", "label", "min_score")
RULE_KEYS = (
    "id",
    "title",
    "section",
    "source",
    "quote",
    "basis",
    "severity",
    "view",
    "where",
    "recommendation",
)
RULE_OPTIONAL = (
    "weight",
    "counted",
    "min_count",
    "deadline",
    "in_force_from",
    "in_force_to",
    "examples",
    "undecided",
    "undecided_reason",
    "applies_to",
)
EXAMPLE_KEYS = ("name", "expect")
EXAMPLE_OPTIONAL = ("evidence", *FACT_TABLES)
# What a refusal says a value should have been.
TYPE_NAMES = {str: "непустой строкой", bool: "true или false", int: "числом"}


def check_keys(
    table: dict[str, Any], where: str, required: tuple[str, ...], optional: tuple[str, ...]
) -> None:
    """Refuse a key the format does not know (a typo would silently do nothing) or a gap."""
    allowed = (*required, *optional)
    for key in table:
        if key not in allowed:
            allowed_text = ", ".join(allowed)
            raise ProfileError(msg.UNKNOWN_KEY.format(where=where, key=key, allowed=allowed_text))
    for key in required:
        if key not in table:
            raise ProfileError(msg.MISSING_KEY.format(where=where, key=key))


def tables(data: dict[str, Any], key: str, where: str) -> list[dict[str, Any]]:
    """The array of tables under `key` ([[key]] in TOML), empty when absent."""
    value = data.get(key, [])
    ok = isinstance(value, list) and all(isinstance(item, dict) for item in value)
    require_type(ok, where, key, "массивом таблиц")
    return value


def require_type(ok: bool, where: str, key: str, expected: str) -> None:
    """Refuse a value of the wrong type, naming what was expected."""
    if not ok:
        raise ProfileError(msg.WRONG_TYPE.format(where=where, key=key, expected=expected))


def typed(data: dict[str, Any], key: str, kind: Any, where: str, default: Any = None) -> Any:
    """The value under `key` if it is of `kind` (and not an empty string), else a refusal."""
    value = data.get(key, default)
    kinds = kind if isinstance(kind, tuple) else (kind,)
    # bool is an int in Python; a flag must not pass for a number, nor a number for a flag.
    ok = isinstance(value, kinds) and (bool in kinds or not isinstance(value, bool))
    require_type(ok and value != "", where, key, TYPE_NAMES.get(kinds[0], "значением"))
    return value


def date_value(data: dict[str, Any], key: str, where: str, required: bool = False) -> date | None:
    """A TOML date (2023-09-01, no quotes, no time); None when optional and absent."""
    value = data.get(key)
    if value is None and not required:
        return None
    ok = isinstance(value, date) and not isinstance(value, datetime)
    require_type(ok, where, key, "датой вида 2023-09-01 (без кавычек и времени)")
    return value


def check_period(start: date, end: date | None, where: str) -> None:
    """Refuse a period that ends before it starts."""
    if end is not None and end < start:
        raise ProfileError(msg.BAD_PERIOD.format(where=where, start=start, to=end))


def choice(value: str, allowed: tuple[str, ...], where: str, key: str) -> None:
    """Refuse a value outside its vocabulary, listing the allowed ones."""
    if value not in allowed:
        raise ProfileError(
            msg.BAD_VALUE.format(where=where, value=value, key=key, allowed=", ".join(allowed))
        )


def is_number(value: Any) -> bool:
    """A real number, not a flag (bool is an int in Python)."""
    return isinstance(value, int | float) and not isinstance(value, bool)
