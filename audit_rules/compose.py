"""Read a profile file and merge in the profiles it extends: drop, [[override]], new rules."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from audit_rules import messages as msg
from audit_rules.keys import (
    COMPOSED_KEYS,
    COMPOSED_OPTIONAL,
    RULE_KEYS,
    RULE_OPTIONAL,
    check_keys,
    require_type,
    tables,
)
from audit_rules.model import ProfileError

PROFILES_DIR = Path(__file__).parent / "profiles"
# Header keys a composed profile inherits unless it declares its own.
INHERITED_HEADER = ("title", "in_force_from", "in_force_to", "municipality", "section")


@dataclass(frozen=True)
class Declaration:
    """A profile's TOML with its bases merged in, ready for validation."""

    data: dict[str, Any]
    extends: tuple[str, ...]  # ids of the bases, nearest first
    bases: tuple[Path, ...]  # their files, in the same order
    where: str  # how messages name the file, e.g. «Профиль my_centre.toml»


def locate(profile: str | Path, relative_to: Path | None = None) -> Path:
    """A bundled profile by name, else a .toml path (relative to the extending file)."""
    path = Path(profile)
    if isinstance(profile, str) and path.suffix != ".toml":
        return PROFILES_DIR / f"{profile}.toml"
    if relative_to is not None and not path.is_absolute():
        return relative_to.parent / path
    return path


def read_declaration(path: Path, chain: tuple[Path, ...] = ()) -> Declaration:
    """The profile at `path` with every base it extends merged in."""
    data = _read_toml(path)
    where = f"Профиль {path.name}"
    if "extends" not in data:
        if "drop" in data or "override" in data:
            raise ProfileError(msg.COMPOSE_WITHOUT_BASE.format(where=where))
        return Declaration(data, (), (), where)
    check_keys(data, where, COMPOSED_KEYS, COMPOSED_OPTIONAL)
    base_name = data["extends"]
    require_type(
        isinstance(base_name, str) and base_name != "", where, "extends", "непустой строкой"
    )
    base_path = locate(base_name, relative_to=path)
    seen = (*chain, path.resolve())
    if base_path.resolve() in seen:
        names = " → ".join(item.stem for item in (*seen, base_path))
        raise ProfileError(msg.EXTENDS_CYCLE.format(where=where, chain=names))
    if not base_path.is_file():
        raise ProfileError(msg.UNKNOWN_BASE.format(where=where, base=base_name, path=base_path))
    base = read_declaration(base_path, seen)
    merged = _merge(data, base.data, where)
    extends = (str(base.data.get("id")), *base.extends)
    return Declaration(merged, extends, (base_path, *base.bases), where)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ProfileError(
            msg.PROFILE_NOT_TOML.format(path=path, error=msg.toml_error_text(error))
        ) from error


def _merge(child: dict[str, Any], base: dict[str, Any], where: str) -> dict[str, Any]:
    """The base with the child's header, params, levels, sources and rule changes applied."""
    base_id = base.get("id")
    merged = {key: base[key] for key in INHERITED_HEADER if key in base}
    merged |= {key: child[key] for key in INHERITED_HEADER if key in child}
    merged["id"] = child["id"]
    # The version names the base's too, so a run records which base it was judged by.
    merged["version"] = f"{child['version']}+{base_id}@{base.get('version')}"
    params = child.get("params", {})
    require_type(isinstance(params, dict), where, "params", "таблицей")
    merged["params"] = {**base.get("params", {}), **params}
    merged["levels"] = child.get("levels", base.get("levels", []))
    merged["sources"] = [*tables(base, "sources", where), *tables(child, "sources", where)]
    merged["rules"] = _rules(child, tables(base, "rules", where), base_id, where)
    merged["not_site"] = [*tables(base, "not_site", where), *tables(child, "not_site", where)]
    return merged


def _rules(
    child: dict[str, Any], base_rules: list[dict[str, Any]], base_id: str, where: str
) -> list[dict[str, Any]]:
    """Base rules minus `drop`, with `[[override]]` keys replaced, then the child's own."""
    base_ids = [rule.get("id") for rule in base_rules]
    drop = child.get("drop", [])
    require_type(
        isinstance(drop, list) and all(isinstance(item, str) for item in drop),
        where,
        "drop",
        "списком кодов правил",
    )
    for rule_id in drop:
        if rule_id not in base_ids:
            raise ProfileError(msg.DROP_UNKNOWN.format(where=where, rule_id=rule_id, base=base_id))
    kept = {rule.get("id"): dict(rule) for rule in base_rules if rule.get("id") not in drop}
    overridden: set[str] = set()
    for override in tables(child, "override", where):
        override_where = f"{where}, [[override]] {override.get('id', '')}".rstrip()
        check_keys(override, override_where, ("id",), (*RULE_KEYS[1:], *RULE_OPTIONAL))
        rule_id = override["id"]
        if rule_id not in kept:
            raise ProfileError(
                msg.OVERRIDE_UNKNOWN.format(where=where, rule_id=rule_id, base=base_id)
            )
        if rule_id in overridden:
            raise ProfileError(msg.OVERRIDE_TWICE.format(where=where, rule_id=rule_id))
        overridden.add(rule_id)
        kept[rule_id] |= override
    own = tables(child, "rules", where)
    for rule in own:
        # A stable id is never reused, not even one the child dropped.
        if rule.get("id") in base_ids:
            raise ProfileError(
                msg.REUSED_BASE_ID.format(where=where, rule_id=rule["id"], base=base_id)
            )
    return [*kept.values(), *own]
