"""The report stage's public value types: the centre's letterhead and the files written."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
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
    # Added later: configs without them keep working. The executor («Исполнитель») is who
    # prepared the letter and answers the school's questions (ГОСТ Р 7.0.97-2016, requisite 27).
    executor_name: str = ""
    executor_phone: str = ""

    @property
    def unfilled(self) -> tuple[str, ...]:
        """The fields still holding a placeholder of `cmn-audit init`: «[Телефон центра]».

        The executor may be left out (the letter then gives the centre's phone), not kept as
        a placeholder.
        """
        return tuple(
            field.name
            for field in fields(self)
            if is_placeholder(value := getattr(self, field.name))
            and (value.strip() or not field.name.startswith("executor"))
        )


def is_placeholder(value: str) -> bool:
    """A value written for the centre to replace: empty, or «[…]» as `cmn-audit init` has it."""
    text = value.strip()
    return not text or (text.startswith("[") and text.endswith("]"))


@dataclass(frozen=True)
class ReferenceSettings:
    """[reference] of the workspace config: the справка's own requisites the centre sets.

    Empty values are printed as blanks to fill in by hand or, for `purpose`, as the standard
    wording (reports/messages.py).
    """

    number: str = ""  # the справка's registration number, «01-15/141»
    basis: str = ""  # why the monitoring was held: «приказ управления образования от … № …»
    purpose: str = ""
    checked_by: str = ""  # who checked: «методист МКУ «ИМЦ» Петрова Анна Ивановна»

    @property
    def unfilled(self) -> tuple[str, ...]:
        """The fields still holding a placeholder of `cmn-audit init` (empty ones are allowed)."""
        return tuple(
            field.name
            for field in fields(self)
            if (value := getattr(self, field.name).strip()) and is_placeholder(value)
        )


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
