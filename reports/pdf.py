"""HTML reports printed to PDF by headless Chromium, the browser the crawler already relies on.

One browser serves a whole batch (the reference and every letter), so a municipality of
25 schools costs one start-up. Without Chromium the PDFs are skipped with a Russian reason
the caller shows; the HTML, DOCX and exports are written regardless.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from crawler.chromium import chromium_path

from .messages import PDF_FAILED, PDF_NO_BROWSER

# A4 with the margins of an official letter (ГОСТ Р 7.0.97-2016: 20 mm left, 10 mm right).
PAGE_FORMAT = "A4"
PAGE_MARGINS = {"top": "20mm", "bottom": "20mm", "left": "20mm", "right": "10mm"}
# Every page numbered at its foot, as a multi-page official document is; Chromium fills the
# spans. Its header and footer are drawn in the page margins, outside the document's text.
FOOTER = (
    '<div style="width:100%;font-size:9pt;font-family:serif;text-align:center;">'
    '<span class="pageNumber"></span></div>'
)
# Bounds of the printing process: the browser's start, then each page (measured: ~0.2 s).
STARTUP_SECONDS = 60
SECONDS_PER_PAGE = 10


@dataclass(frozen=True)
class PdfOutcome:
    """The PDFs written, or why none could be: an absent browser is not an error of the run."""

    written: tuple[Path, ...]
    problem: str | None = None


def print_to_pdf(pages: Sequence[tuple[Path, Path]]) -> PdfOutcome:
    """Print each (html, pdf) pair in a child process; a browser that hangs cannot hang the run.

    Playwright's driver is a child of the printing process: keeping it out of the audit's
    process keeps it clear of that process's threads, pools and signal handlers.
    """
    if not pages:
        return PdfOutcome(())
    if chromium_path() is None:
        return PdfOutcome((), PDF_NO_BROWSER)
    job = [[str(Path(html).resolve()), str(Path(pdf).resolve())] for html, pdf in pages]
    try:
        completed = subprocess.run(
            [sys.executable, "-m", "reports.pdf"],
            input=json.dumps(job),
            capture_output=True,
            text=True,
            timeout=STARTUP_SECONDS + SECONDS_PER_PAGE * len(job),
            check=False,
        )
    except subprocess.TimeoutExpired:
        written = tuple(Path(pdf) for _, pdf in job if Path(pdf).is_file())
        return PdfOutcome(written, PDF_FAILED.format(error="время ожидания истекло"))
    try:
        answer = json.loads(completed.stdout)
    except json.JSONDecodeError:
        lines = completed.stderr.strip().splitlines()
        return PdfOutcome((), PDF_FAILED.format(error=lines[-1] if lines else completed.returncode))
    return PdfOutcome(tuple(Path(path) for path in answer["written"]), answer["problem"])


def _print_in_this_process(pages: Sequence[tuple[Path, Path]]) -> PdfOutcome:
    """Print with one headless Chromium for the whole batch; atomic per file."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    written: list[Path] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), headless=True)
            try:
                page = browser.new_page()
                # Reports are self-contained files: nothing may reach the network while printing.
                page.route("http*://**", lambda route: route.abort())
                for html, pdf in pages:
                    page.goto(Path(html).as_uri(), wait_until="load")
                    temporary = pdf.with_name(pdf.name + ".tmp")
                    page.pdf(
                        path=str(temporary),
                        format=PAGE_FORMAT,
                        margin=PAGE_MARGINS,
                        print_background=True,
                        display_header_footer=True,
                        header_template="<span></span>",
                        footer_template=FOOTER,
                    )
                    os.replace(temporary, pdf)
                    written.append(pdf)
            finally:
                browser.close()
    except PlaywrightError as error:
        lines = str(error).strip().splitlines()
        return PdfOutcome(tuple(written), PDF_FAILED.format(error=lines[0] if lines else error))
    return PdfOutcome(tuple(written))


def main() -> None:
    """`python -m reports.pdf`: a JSON list of [html, pdf] on stdin; the outcome on stdout."""
    pages = [(Path(html), Path(pdf)) for html, pdf in json.load(sys.stdin)]
    outcome = _print_in_this_process(pages)
    written = [str(path) for path in outcome.written]
    json.dump({"written": written, "problem": outcome.problem}, sys.stdout)


if __name__ == "__main__":
    main()
