"""Write the reports of a stored run into one folder: every format, or those asked for."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from .context import nothing_applies
from .dashboard.pages import write_dashboard
from .exports.csv_table import write_csv
from .exports.xlsx_book import write_xlsx
from .files import file_stems, write_text
from .formats import FORMATS
from .letter.context import build_letter_context
from .letter.docx import LetterTemplate, write_letter_docx
from .letter.eml import write_drafts
from .letter.html import render_letter
from .letter.meta import LetterMeta, plan_letters, profile_deadlines, registry_order
from .model import Letterhead, LetterSettings, ReferenceSettings, ReportPaths
from .pdf import print_to_pdf
from .reference.context import build_reference_context
from .reference.docx import write_reference_docx
from .reference.html import render_reference
from .requisites import RunRequisites, freeze_requisites, load_requisites, next_letter_number
from .results import EvidenceSource, build_results


@dataclass(frozen=True)
class _Run:
    """A run's data prepared once for every writer."""

    results: dict[str, Any]
    letterhead: Letterhead
    reference: ReferenceSettings
    deadline: dt.date | None
    plans: dict[str, LetterMeta]
    template: LetterTemplate
    out_dir: Path


def write_reports(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    out_dir: Path,
    letterhead: Letterhead,
    *,
    deadline: dt.date | None = None,
    evidence: EvidenceSource | None = None,
    pdf: bool = True,
    letter_settings: LetterSettings | None = None,
    formats: Collection[str] = tuple(FORMATS),
    schools: Collection[str] | None = None,
    reference: ReferenceSettings | None = None,
    freeze: bool = False,
) -> ReportPaths:
    """Write results.json and the chosen formats; `schools` limits the output to their letters.

    Letters keep the numbers of the full run whichever schools are written, so a letter
    regenerated for one school matches the one already sent. Once a run's requisites are
    frozen (`freeze`: on its first writing), its letterhead and every letter's number, date
    and deadline come from the store, not from the arguments (reports/requisites.py).
    """
    wanted = set(formats) - (set() if pdf else {"pdf"})
    results = build_results(con, run_id, evidence)
    settings = letter_settings or LetterSettings()
    # A broken letter template is refused before any file of the run is rewritten.
    template = LetterTemplate(Path(settings.template) if settings.template else None)
    stored = load_requisites(con, run_id)
    # A partial run writes to the schools it re-checked; the others' letters were sent before.
    # An organisation no rule of the run applies to is asked nothing: no letter, no number.
    checked = [
        org
        for org in results["organisations"]
        if org["checked_in"]["run_id"] == run_id and not nothing_applies(org)
    ]
    if stored is None:  # first writing: the numbers continue the workspace's journal
        first = next_letter_number(con, run_id, settings.first_number)
        settings = dataclasses.replace(settings, first_number=first)
    plans = plan_letters(
        {**results, "organisations": checked},
        settings,
        order=registry_order(con, run_id),
        configured_deadline=deadline,
        rule_deadlines=profile_deadlines(con, run_id),
    )
    if stored is not None and not stored.letterhead.unfilled:
        # A letterhead still holding placeholders was never fit to send: today's replaces it.
        letterhead = stored.letterhead
    if stored is not None and not stored.reference.unfilled:
        reference = stored.reference
    if stored is not None:
        plans = {**plans, **{k: v for k, v in stored.letters.items() if k in plans}}
    reference = reference or ReferenceSettings()
    if freeze:
        freeze_requisites(con, run_id, RunRequisites(letterhead, reference, plans))
    for org in checked:
        org["letter"] = plans[org["org_id"]].record()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    run = _Run(results, letterhead, reference, deadline, plans, template, out_dir)
    results_json = write_text(
        out_dir / "results.json", json.dumps(results, ensure_ascii=False, indent=2) + "\n"
    )
    written: dict[str, Any] = {}
    if schools is None:
        written |= _write_reference(run, wanted)
        written |= _write_municipal(run, wanted)
    letters, attached = _write_letters(run, wanted, schools)
    written |= letters
    printed_pdfs: tuple[Path, ...] = ()
    if "pdf" in wanted:
        pages = [written.get("reference_html"), *letters.get("letters_html", ())]
        printed = print_to_pdf([(page, page.with_suffix(".pdf")) for page in pages if page])
        printed_pdfs = printed.written
        written |= {"pdfs": printed.written, "pdf_problem": printed.problem}
        _drop_unwanted_html(written, wanted)
    written |= _write_mail(run, wanted, attached, printed_pdfs)
    if "dashboard" in wanted and schools is None:
        docx_or_html = letters.get("letters_docx") or letters.get("letters_html") or ()
        by_org = {path.stem: path for path in docx_or_html}
        stems = file_stems(results["organisations"])
        org_letters = {org_id: by_org[stem] for org_id, stem in stems.items() if stem in by_org}
        written["dashboard"] = write_dashboard(results, out_dir, letters=org_letters)
    return ReportPaths(results_json=results_json, **written)


def _write_reference(run: _Run, wanted: set[str]) -> dict[str, Path]:
    """The analytic reference: HTML (also the PDF's source) and DOCX."""
    if not wanted & {"html", "docx", "pdf"}:
        return {}
    context = build_reference_context(run.results, run.letterhead, run.deadline, run.reference)
    written = {}
    if wanted & {"html", "pdf"}:
        html = render_reference(context)
        written["reference_html"] = write_text(run.out_dir / "reference.html", html)
    if "docx" in wanted:
        written["reference_docx"] = write_reference_docx(context, run.out_dir / "reference.docx")
    return written


def _write_municipal(run: _Run, wanted: set[str]) -> dict[str, Path]:
    """The exports that list every school (the dashboard is written after the letters)."""
    written = {}
    if "csv" in wanted:
        written["csv"] = write_csv(run.results, run.out_dir / "export.csv")
    if "xlsx" in wanted:
        written["xlsx"] = write_xlsx(run.results, run.out_dir / "export.xlsx")
    return written


def _write_letters(
    run: _Run, wanted: set[str], schools: Collection[str] | None
) -> tuple[dict[str, Any], dict[str, Path]]:
    """One letter per school (HTML, DOCX); and org id → the DOCX its e-mail draft attaches."""
    if not wanted & {"html", "docx", "pdf", "eml"}:
        return {}, {}
    letters_dir = run.out_dir / "letters"
    letters_dir.mkdir(parents=True, exist_ok=True)
    stems = file_stems(run.results["organisations"])
    docx_paths, html_paths, attached = [], [], {}
    held = letters_held(run.results)
    for org in run.results["organisations"]:
        if org["org_id"] not in run.plans or (schools is not None and org["org_id"] not in schools):
            continue
        context = build_letter_context(
            run.results, org, run.letterhead, run.deadline, run.plans[org["org_id"]], draft=held
        )
        stem = stems[org["org_id"]]
        if wanted & {"html", "pdf"}:
            html_paths.append(write_text(letters_dir / f"{stem}.html", render_letter(context)))
        if wanted & {"docx", "eml"}:
            docx = write_letter_docx(context, letters_dir / f"{stem}.docx", run.template)
            docx_paths.append(docx)
            attached[org["org_id"]] = docx
    written: dict[str, Any] = {"letters_docx": tuple(docx_paths), "letters_html": tuple(html_paths)}
    return written, attached


def _write_mail(
    run: _Run, wanted: set[str], attached: dict[str, Path], printed: tuple[Path, ...]
) -> dict[str, Any]:
    """The e-mail drafts, written after the PDFs: each attaches its letter's DOCX and the PDF
    printed from the same letter now (Chromium missing: the DOCX alone)."""
    # Not made ready to send: drafts of a run awaiting confirmation, and letters whose
    # letterhead still holds `cmn-audit init`'s placeholders (the run said so).
    if letters_held(run.results) or run.letterhead.unfilled:
        for stale in (run.out_dir / "mail").glob("*.eml"):
            stale.unlink()
        return {}
    if "eml" not in wanted or not attached:
        return {}
    printed_now = {path.resolve() for path in printed}
    pdfs = {
        org_id: docx.with_suffix(".pdf")
        for org_id, docx in attached.items()
        if docx.with_suffix(".pdf").resolve() in printed_now
    }
    emails = write_drafts(run.results, attached, run.letterhead, run.out_dir / "mail", pdfs)
    return {"emails": emails}


def letters_held(results: dict[str, Any]) -> bool:
    """Whether the run's letters wait for a methodologist's confirmation (a collapsed run)."""
    collapse = results["run"].get("collapse") or {}
    return bool(collapse.get("letters_held"))


def _drop_unwanted_html(written: dict[str, Any], wanted: set[str]) -> None:
    """HTML written only as the PDF's source is not reported when HTML was not asked for."""
    if "html" in wanted:
        return
    written.pop("reference_html", None)
    written["letters_html"] = ()
