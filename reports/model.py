"""The report stage's public value types: the centre's letterhead and the files written."""

from __future__ import annotations

import datetime as dt
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
class LetterSettings:
    """[letters] of the workspace config: the Word template and the outgoing numbering.

    Defaults keep configs written before the section existed working. The workspace loader
    resolves `template` against the workspace folder; empty means the built-in template.
    """

    template: str = ""
    number_format: str = "{number}"  # e.g. "01-33/{number}"
    first_number: int = 1
    letter_date: dt.date | None = None  # None: the run's audit date


@dataclass(frozen=True)
class ReportPaths:
    """Where write_reports put each file of a run's reports."""

    results_json: Path
    reference_html: Path | None = None  # None: a format or a school was chosen without it
    letters_docx: tuple[Path, ...] = ()
    letters_html: tuple[Path, ...] = ()
    csv: Path | None = None
    xlsx: Path | None = None
    emails: tuple[Path, ...] = ()  # .eml drafts, one per school with an e-mail
    pdfs: tuple[Path, ...] = ()  # the reference and the letters printed by Chromium
    pdf_problem: str | None = None  # why some or all PDFs are missing (Russian)
    dashboard: Path | None = None  # dashboard/index.html, opened from the file system
    reference_docx: Path | None = None  # the analytic reference in Word
