"""Letters as e-mail: one UTF-8 .eml draft per school, sent only through a configured server."""

from __future__ import annotations

import io
import shutil
import socket
from email import message_from_bytes, policy

import docx
import pytest
from aiosmtpd.controller import Controller
from test_reports import ORGS, RUN_ID, written  # noqa: F401 - the module-scoped reports

from cmn_audit.config import init_workspace, load_workspace
from cmn_audit.mailer import drafts_dir, send_drafts
from cmn_audit.messages import UserError


class Inbox:
    """An SMTP debugging server's handler: keeps every message it is given."""

    def __init__(self) -> None:
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content)))
        return "250 OK"


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    with socket.socket() as probe:  # aiosmtpd needs a concrete port to confirm it started
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, controller.port
    controller.stop()


def parsed(path):
    return message_from_bytes(path.read_bytes(), policy=policy.default)


def test_every_school_gets_a_utf8_draft_with_its_letter(written):  # noqa: F811
    _, paths = written
    assert sorted(p.stem for p in paths.emails) == sorted(ORGS)
    message = parsed(next(p for p in paths.emails if p.stem == "sch2"))
    assert message["To"].addresses[0].addr_spec == "sch2@example.ru"
    assert "Слободчиковская" in message["Subject"]
    body = message.get_body(("plain",)).get_content()
    assert "Направляем адресные рекомендации" in body
    [attachment] = list(message.iter_attachments())
    assert attachment.get_filename().endswith(".docx")
    letter = docx.Document(io.BytesIO(attachment.get_content()))
    texts = [p.text for p in letter.paragraphs]
    texts += [cell.text for table in letter.tables for row in table.rows for cell in row.cells]
    assert any("Слободчиковская" in text for text in texts)


def workspace_with_drafts(tmp_path, paths, **mail):
    init_workspace(tmp_path / "ws", overrides={"mail": mail})
    workspace = load_workspace(tmp_path / "ws")
    folder = drafts_dir(workspace, RUN_ID)
    folder.mkdir(parents=True)
    for path in paths.emails:
        shutil.copy(path, folder / path.name)
    return workspace


def test_drafts_are_sent_once_through_the_configured_server(tmp_path, written, smtp_server):  # noqa: F811
    _, paths = written
    inbox, port = smtp_server
    workspace = workspace_with_drafts(
        tmp_path, paths, smtp_host="127.0.0.1", smtp_port=port, starttls=False
    )
    assert send_drafts(workspace, RUN_ID, echo=lambda _: None) == len(ORGS)
    recipients = sorted(rcpt for rcpts, _ in inbox.messages for rcpt in rcpts)
    assert recipients == sorted(f"{org}@example.ru" for org in ORGS)
    assert all(message.get_content_charset() in (None, "utf-8") for _, message in inbox.messages)
    assert send_drafts(workspace, RUN_ID, echo=lambda _: None) == 0  # nothing twice
    assert len(inbox.messages) == len(ORGS)


def test_without_a_server_nothing_is_sent_and_the_drafts_are_named(tmp_path, written):  # noqa: F811
    _, paths = written
    workspace = workspace_with_drafts(tmp_path, paths)
    with pytest.raises(UserError, match="Почтовый сервер не указан"):
        send_drafts(workspace, RUN_ID)


def test_a_login_without_password_is_refused_in_russian(tmp_path, written, monkeypatch):  # noqa: F811
    _, paths = written
    monkeypatch.delenv("CMN_AUDIT_SMTP_PASSWORD", raising=False)
    workspace = workspace_with_drafts(
        tmp_path, paths, smtp_host="127.0.0.1", smtp_port=1, username="imc"
    )
    with pytest.raises(UserError, match="CMN_AUDIT_SMTP_PASSWORD"):
        send_drafts(workspace, RUN_ID)
