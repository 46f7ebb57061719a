"""Letters as e-mail: one UTF-8 .eml draft per school, sent only through a configured server."""

from __future__ import annotations

import io
import shutil
import socket
from email import message_from_bytes, policy
from email.utils import getaddresses

import docx
import pytest
from aiosmtpd.controller import Controller
from test_reports import LETTERHEAD, ORGS, RUN_ID, written  # noqa: F401 - module-scoped reports

from cmn_audit.config import init_workspace, load_workspace
from cmn_audit.mailer import drafts_dir, send_drafts
from cmn_audit.messages import UserError
from reports.email_drafts import draft


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


HOSTILE_NAMES = (
    "МБОУ «СОШ № 1», evil@bad.example",
    "Школа <x@evil.example>",
    "Школа, Bcc: b@evil.example",
    'Школа", x@evil.example, "',
    "Школа =?utf-8?q?x?= <y@evil.example>",
    "Ш " * 60 + "q@evil.example",
)


def test_a_schools_name_never_changes_where_its_letter_goes(tmp_path, smtp_server):
    """Whatever the registry's name of a school holds, the letter goes to its address only:
    display names are encoded, and sending reads the registry's address, not To/Cc/Bcc."""
    inbox, port = smtp_server
    init_workspace(
        tmp_path / "ws",
        overrides={"mail": {"smtp_host": "127.0.0.1", "smtp_port": port, "starttls": False}},
    )
    workspace = load_workspace(tmp_path / "ws")
    folder = drafts_dir(workspace, RUN_ID)
    folder.mkdir(parents=True)
    letter = tmp_path / "letter.docx"
    letter.write_bytes(b"PK\x03\x04 a letter")
    results = {"run": {"run_id": RUN_ID, "audit_date": "2026-03-01"}}
    for number, name in enumerate(HOSTILE_NAMES):
        org = {"org_id": f"s{number}", "name": name, "short_name": name, "email": "s@example.ru"}
        message = draft(results, org, letter, LETTERHEAD)
        assert [a.addr_spec for a in message["To"].addresses] == ["s@example.ru"], name
        (folder / f"s{number}.eml").write_bytes(message.as_bytes())
    assert send_drafts(workspace, RUN_ID, echo=lambda _: None) == len(HOSTILE_NAMES)
    assert [rcpts for rcpts, _ in inbox.messages] == [["s@example.ru"]] * len(HOSTILE_NAMES)
    for _, message in inbox.messages:
        assert [address for _, address in getaddresses(message.get_all("To"))] == ["s@example.ru"]


def test_a_draft_that_does_not_name_the_registry_address_is_not_sent(tmp_path, smtp_server):
    inbox, port = smtp_server
    init_workspace(
        tmp_path / "ws",
        overrides={"mail": {"smtp_host": "127.0.0.1", "smtp_port": port, "starttls": False}},
    )
    workspace = load_workspace(tmp_path / "ws")
    folder = drafts_dir(workspace, RUN_ID)
    folder.mkdir(parents=True)
    (folder / "old.eml").write_bytes(
        b"To: school@example.ru, evil@bad.example\r\nSubject: x\r\n\r\nbody\r\n"
    )
    with pytest.raises(UserError, match="не называет отдельно адрес школы"):
        send_drafts(workspace, RUN_ID)
    assert inbox.messages == []
