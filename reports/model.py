"""The report stage's public value types: the centre's letterhead and the files written."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Letterhead:
    """The centre that signs the reports, as given in the workspace config."""

    name: str
    address: str
    phone: str
    email: str
    signatory_name: str
    signatory_post: str


@dataclass(frozen=True)
class ReportPaths:
    """Where write_reports put each file of a run's reports."""

    results_json: Path
    reference_html: Path
    letters_docx: tuple[Path, ...]
    letters_html: tuple[Path, ...]
    csv: Path
    xlsx: Path
