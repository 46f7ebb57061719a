"""Options and output shared by the `cmn-audit` commands of every module."""

from __future__ import annotations

from pathlib import Path

import click

from cmn_audit import messages

WORKSPACE_OPTION = click.option(
    "--workspace",
    "-w",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Рабочая папка (config.toml, база, отчёты).",
)
REDIS_OPTION = click.option(
    "--redis",
    "redis_url",
    default=None,
    metavar="АДРЕС",
    help="Обходить сайты и читать документы на нескольких компьютерах: сервер Redis "
    "(redis://узел:6379/0), к которому подключены исполнители cmn-audit worker --redis АДРЕС.",
)
RUN_OPTION = click.option(
    "--run", "run_id", default=None, metavar="НОМЕР", help="Номер запуска (по умолчанию последний)."
)


def print_report_paths(run_id: str, paths) -> None:
    """Where each written report is, in Russian; a missing PDF says why."""
    for line in report_path_lines(run_id, paths):
        click.echo(line)


def report_path_lines(run_id: str, paths) -> list[str]:
    """The lines `print_report_paths` prints: a run's reports by their Russian names."""
    lines = [messages.REPORTS_WRITTEN.format(run_id=run_id)]
    first = {
        name: files[0].parent if files else None
        for name, files in (
            ("letters", paths.letters_docx or paths.letters_html),
            ("letters_pdf", [p for p in paths.pdfs if p.parent.name == "letters"]),
            ("mail", paths.emails),
        )
    }
    reference_pdf = next((p for p in paths.pdfs if p.parent.name != "letters"), None)
    for key, path in (
        ("reference", paths.reference_html),
        ("reference_docx", paths.reference_docx),
        ("reference_pdf", reference_pdf),
        ("letters", first["letters"]),
        ("letters_pdf", first["letters_pdf"]),
        ("mail", first["mail"]),
        ("dashboard", paths.dashboard),
        ("results", paths.results_json),
        ("csv", paths.csv),
        ("xlsx", paths.xlsx),
    ):
        if path is not None:
            label = messages.REPORT_LABELS[key]
            lines.append(messages.REPORT_LINE.format(label=label, path=Path(path).resolve()))
    if paths.pdf_problem:
        lines.append(paths.pdf_problem)
    return lines
