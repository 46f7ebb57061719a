"""File names and atomic writes shared by every report writer."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

# org_id comes from a registry someone typed: keep file names to a safe alphabet.
_UNSAFE_NAME = re.compile(r"[^0-9A-Za-zА-Яа-яЁё_.-]+")


def letter_stem(org_id: str) -> str:
    """The file name (without extension) of an organisation's letter and dashboard page."""
    stem = _UNSAFE_NAME.sub("_", org_id).strip("._")
    return stem or "org"


def file_stems(orgs: Iterable[dict[str, Any]]) -> dict[str, str]:
    """org_id → file stem, unique ignoring case (Windows and macOS folders ignore it too)."""
    stems: dict[str, str] = {}
    used: set[str] = set()
    for org in orgs:
        stem = base = letter_stem(org["org_id"])
        while stem.lower() in used:
            stem = f"{base}_{len(used)}"
        used.add(stem.lower())
        stems[org["org_id"]] = stem
    return stems


def write_text(path: Path, text: str) -> Path:
    """Write through a temporary file so a reader never sees half a report."""
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
    return path
