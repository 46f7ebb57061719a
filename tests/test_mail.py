"""Letters as e-mail: one UTF-8 .eml draft per school, sent only through a configured server."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import socket
from email import message_from_bytes, policy
from email.header import decode_header, make_header
from email.utils import getaddresses

import docx
import pytest
from aiosmtpd.controller import Controller
from test_reports import LETTERHEAD, ORGS, RUN_ID, written  # noqa: F401 - module-scoped reports

from cmn_audit.config import init_workspace, load_workspace
from cmn_audit.mailer import drafts_dir, send_drafts
from cmn_audit.messages import UserError
from reports.letter.eml import DOCX_TYPE, LINE_LIMIT, draft, write_drafts


class Inbox:
    """An SMTP debugging server's handler: keeps every message it is given."""

    def __init__(self) -> None:
        self.messages = []
        self.raw = []  # the bytes each message arrived as

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content)))
        self.raw.append(envelope.content)
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
    return parsed_bytes(path.read_bytes())


def parsed_bytes(raw):
    return message_from_bytes(raw, policy=policy.default)


def test_every_school_gets_a_utf8_draft_with_its_letter(written):  # noqa: F811
    _, paths = written
    assert sorted(p.stem for p in paths.emails) == sorted(ORGS)
    message = parsed(next(p for p in paths.emails if p.stem == "sch2"))
    assert message["To"].addresses[0].addr_spec == "sch2@example.ru"
    assert "Слободчиковская" in message["Subject"]
    body = message.get_body(("plain",)).get_content()
    assert "Направляем адресные рекомендации" in body
    attachment, *pdf = list(message.iter_attachments())
    assert attachment.get_filename().endswith(".docx")
    printed = [path for path in paths.pdfs if path.name == "sch2.pdf"]  # Chromium was there
    assert [part.get_filename()[-4:] for part in pdf] == [".pdf"] * len(printed)
    assert [part.get_content() for part in pdf] == [path.read_bytes() for path in printed]
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


def sending_workspace(tmp_path, port: int):
    """A workspace sending through the local SMTP server, and its run's empty drafts folder."""
    init_workspace(
        tmp_path / "ws",
        overrides={"mail": {"smtp_host": "127.0.0.1", "smtp_port": port, "starttls": False}},
    )
    workspace = load_workspace(tmp_path / "ws")
    folder = drafts_dir(workspace, RUN_ID)
    folder.mkdir(parents=True)
    return workspace, folder


def test_a_schools_name_never_changes_where_its_letter_goes(tmp_path, smtp_server):
    """Whatever the registry's name of a school holds, the letter goes to its address only:
    display names are encoded, and sending reads the registry's address, not To/Cc/Bcc."""
    inbox, port = smtp_server
    workspace, folder = sending_workspace(tmp_path, port)
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
    workspace, folder = sending_workspace(tmp_path, port)
    (folder / "old.eml").write_bytes(
        b"To: school@example.ru, evil@bad.example\r\nSubject: x\r\n\r\nbody\r\n"
    )
    with pytest.raises(UserError, match="не называет отдельно адрес школы"):
        send_drafts(workspace, RUN_ID)
    assert inbox.messages == []


# Names as long as Russian registries write them: each folds in a header of 78 characters.
LONG_NAMES = (
    "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная "
    "школа № 2 имени Героя Советского Союза И. И. Иванова» с. Слободчики Усть-Ишимского "
    "муниципального района Омской области",
    'Муниципальное казённое общеобразовательное учреждение "Основная школа, д. Ярково"',
    "Муниципальное автономное учреждение дополнительного образования «Дом детского творчества»",
)
NOW = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=5)))


def rfc2047_reading(raw: bytes, name: str) -> str:
    """A header as a mail program reads it: unfolded, encoded words decoded, the whitespace
    between adjacent encoded words dropped (RFC 2047, 6.2), as Thunderbird and Outlook do."""
    head = raw.split(b"\r\n\r\n", 1)[0].decode("ascii")
    unfolded = head.replace("\r\n ", " ").replace("\r\n\t", "\t").split("\r\n")
    [value] = [line.split(": ", 1)[1] for line in unfolded if line.startswith(f"{name}: ")]
    return str(make_header(decode_header(value)))


def letter_files(tmp_path):
    letter = tmp_path / "sch2.docx"
    letter.write_bytes(b"PK\x03\x04 the letter in Word")
    pdf = tmp_path / "sch2.pdf"
    pdf.write_bytes(b"%PDF-1.7 the letter printed")
    return letter, pdf


def test_long_school_names_read_back_exactly_wherever_the_draft_is_opened(tmp_path):
    """A folded display name lost or gained spaces: «учре ждение» in Python, words glued
    together in Thunderbird. Each name reads back whole, in both readings."""
    letter, _ = letter_files(tmp_path)
    results = {"run": {"run_id": RUN_ID, "audit_date": "2026-03-01"}}
    for name in LONG_NAMES:
        org = {"org_id": "s", "name": name, "short_name": "СОШ № 2", "email": "s@example.ru"}
        raw = draft(results, org, letter, LETTERHEAD).as_bytes()
        message = message_from_bytes(raw, policy=policy.default)
        assert message["To"].addresses[0].display_name == name
        assert message["From"].addresses[0].display_name == LETTERHEAD.name
        assert rfc2047_reading(raw, "To") == f"{name} <s@example.ru>"
        assert rfc2047_reading(raw, "From") == f"{LETTERHEAD.name} <imc@example.ru>"
        assert rfc2047_reading(raw, "Subject") == str(message["Subject"])
        assert "СОШ № 2" in str(message["Subject"])
        assert max(len(line) for line in raw.split(b"\r\n")) <= LINE_LIMIT


def test_a_name_too_long_for_a_header_line_gives_way_to_the_short_name(tmp_path):
    letter, _ = letter_files(tmp_path)
    results = {"run": {"run_id": RUN_ID, "audit_date": "2026-03-01"}}
    org = {"org_id": "s", "name": "Школа " * 120, "short_name": "СОШ № 2", "email": "s@e.ru"}
    raw = draft(results, org, letter, LETTERHEAD).as_bytes()
    message = message_from_bytes(raw, policy=policy.default)
    assert message["To"].addresses[0].display_name == "СОШ № 2"
    assert rfc2047_reading(raw, "To") == "СОШ № 2 <s@e.ru>"


def test_a_draft_opens_as_a_message_to_send_with_the_letter_in_word_and_pdf(tmp_path):
    letter, pdf = letter_files(tmp_path)
    results = {
        "run": {"run_id": RUN_ID, "audit_date": "2026-03-01"},
        "organisations": [
            {
                "org_id": "sch2",
                "name": LONG_NAMES[0],
                "short_name": "МБОУ «СОШ № 2»",
                "email": "s@example.ru",
            },
        ],
    }
    [path] = write_drafts(
        results, {"sch2": letter}, LETTERHEAD, tmp_path / "mail", pdfs={"sch2": pdf}
    )
    message = parsed(path)
    assert message["X-Unsent"] == "1"
    sent = message["Date"].datetime
    assert sent.tzinfo is not None and abs(dt.datetime.now(dt.UTC) - sent).total_seconds() < 60
    word, printed = message.iter_attachments()
    assert word.get_content_type() == DOCX_TYPE and printed.get_content_type() == "application/pdf"
    assert word.get_filename() == "Рекомендации МБОУ «СОШ № 2».docx"
    assert printed.get_filename() == "Рекомендации МБОУ «СОШ № 2».pdf"
    assert (word.get_content(), printed.get_content()) == (letter.read_bytes(), pdf.read_bytes())
    dated = draft(results, results["organisations"][0], letter, LETTERHEAD, now=NOW)
    assert parsed_bytes(dated.as_bytes())["Date"].datetime == NOW
    [only_word] = draft(results, results["organisations"][0], letter, LETTERHEAD).iter_attachments()
    assert only_word.get_filename().endswith(".docx")  # no PDF printed: the DOCX alone


def test_a_sent_letter_is_dated_when_sent_keeps_its_names_and_is_no_draft(tmp_path, smtp_server):
    inbox, port = smtp_server
    workspace, folder = sending_workspace(tmp_path, port)
    letter, pdf = letter_files(tmp_path)
    results = {"run": {"run_id": RUN_ID, "audit_date": "2026-03-01"}}
    org = {"org_id": "s", "name": LONG_NAMES[0], "short_name": "СОШ", "email": "s@example.ru"}
    message = draft(results, org, letter, LETTERHEAD, pdf=pdf, now=NOW - dt.timedelta(days=3))
    (folder / "s.eml").write_bytes(message.as_bytes())
    assert send_drafts(workspace, RUN_ID, echo=lambda _: None) == 1
    [raw] = inbox.raw
    arrived = parsed_bytes(raw)
    assert arrived["X-Unsent"] is None
    assert abs(dt.datetime.now(dt.UTC) - arrived["Date"].datetime).total_seconds() < 60
    assert arrived["To"].addresses[0].display_name == LONG_NAMES[0]
    assert rfc2047_reading(raw, "To") == f"{LONG_NAMES[0]} <s@example.ru>"
    assert len(list(arrived.iter_attachments())) == 2
