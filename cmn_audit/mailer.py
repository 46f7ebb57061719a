"""Send a run's letter drafts through the centre's SMTP server, each school at most once."""

from __future__ import annotations

import datetime as dt
import os
import smtplib
import ssl
from collections.abc import Callable
from email import message_from_bytes
from email.message import EmailMessage
from pathlib import Path

from cmn_audit import messages
from cmn_audit.config import Workspace
from cmn_audit.messages import UserError
from reports.letter.eml import DRAFT_POLICY, recipient_of

SENT_LOG = "sent.log"  # one line per message sent: time, file, addressee, Message-ID


def drafts_dir(workspace: Workspace, run_id: str) -> Path:
    """Where `write_reports` put the run's .eml drafts."""
    return workspace.reports_dir / run_id / "mail"


def send_drafts(
    workspace: Workspace,
    run_id: str,
    *,
    schools: tuple[str, ...] = (),
    echo: Callable[[str], None] = print,
) -> int:
    """Send the run's drafts (only `schools`' when given); return how many went out.

    Refuses in Russian when the config names no server; a draft already in the sent log is
    not sent again, so a repeated command after a failure only sends what is left.
    """
    mail = workspace.mail
    folder = drafts_dir(workspace, run_id)
    if not mail.smtp_host:
        raise UserError(messages.MAIL_NO_SERVER.format(folder=folder))
    drafts = sorted(folder.glob("*.eml")) if folder.is_dir() else []
    if schools:
        drafts = [path for path in drafts if path.stem in schools]
    if not drafts:
        raise UserError(messages.MAIL_NO_DRAFTS.format(folder=folder))
    log = folder / SENT_LOG
    already = {line.split("\t")[1] for line in _lines(log)}
    pending = [path for path in drafts if path.name not in already]
    if not pending:
        echo(messages.MAIL_ALL_SENT.format(count=len(drafts)))
        return 0
    letters = [_letter(path, run_id) for path in pending]
    password = os.environ.get(mail.password_env, "") if mail.username else ""
    if mail.username and not password:
        raise UserError(messages.MAIL_NO_PASSWORD.format(variable=mail.password_env))
    sent = 0
    try:
        with smtplib.SMTP(mail.smtp_host, mail.smtp_port, timeout=60) as server:
            if mail.starttls:
                server.starttls(context=ssl.create_default_context())
            if mail.username:
                server.login(mail.username, password)
            for path, message, recipient in letters:
                # Only the registry's address, whatever To/Cc/Bcc say (reports/letter/eml.py).
                server.send_message(message, to_addrs=[recipient])
                with log.open("a", encoding="utf-8") as handle:
                    stamp = dt.datetime.now().isoformat(timespec="seconds")
                    handle.write(f"{stamp}\t{path.name}\t{recipient}\t{message['Message-ID']}\n")
                sent += 1
                echo(messages.MAIL_SENT_ONE.format(to=recipient))
    except (smtplib.SMTPException, OSError) as error:
        raise UserError(
            messages.MAIL_FAILED.format(host=mail.smtp_host, error=error, sent=sent)
        ) from error
    return sent


def _letter(path: Path, run_id: str) -> tuple[Path, EmailMessage, str]:
    """A draft read for sending, with the one address it goes to.

    Read with the policy it was written with, so its display names are not refolded; it
    leaves as a sent message, dated when it is sent and no longer marked a draft.
    """
    message = message_from_bytes(path.read_bytes(), policy=DRAFT_POLICY)
    recipient = recipient_of(message)
    if recipient is None:
        raise UserError(messages.MAIL_NO_RECIPIENT.format(name=path.name, run_id=run_id))
    for header in ("Bcc", "Resent-Bcc", "Cc"):
        del message[header]  # a draft edited by hand still goes to the school only
    del message["X-Unsent"]
    del message["Date"]
    message["Date"] = dt.datetime.now().astimezone()
    return path, message, recipient


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
