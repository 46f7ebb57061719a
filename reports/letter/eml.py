"""One e-mail draft (.eml, UTF-8) per school: the cover text, the letter attached.

A methodologist opens the draft in the mail program (`X-Unsent: 1` makes Outlook open it as
a message to send), reads it and presses «Отправить»; or `cmn-audit send` hands the same
messages to the centre's SMTP server (cmn_audit/mailer.py).
"""

from __future__ import annotations

import datetime as dt
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import EmailPolicy
from email.utils import make_msgid
from pathlib import Path
from typing import Any

from ..context import clean_text, display_name
from ..model import Letterhead
from ..russian import date_short

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_TYPE = "application/pdf"
# RFC 5322's limit of a header line (CRLF aside); RFC 5322 recommends 78, which SMTP keeps.
LINE_LIMIT = 998
ADDRESS_HEADERS = frozenset({"from", "to", "cc", "bcc", "reply-to", "sender"})


class DraftPolicy(EmailPolicy):
    """The SMTP policy, except that an address header keeps each display name whole.

    A display name folded across lines is split into several encoded words, and readers
    disagree on the space between them: RFC 2047 drops it (Thunderbird and Outlook glue
    the words «бюджетноеобщеобразовательное»), Python 3.11's parser keeps it («учре
    ждение», CPython gh-128110), and Python 3.11's folder splits words and puts the space
    outside the encoded word. One encoded word per name reads the same everywhere, at the
    cost of RFC 2047's advice of 75 characters an encoded word; its line stays within RFC
    5322's 998 (`draft` takes the short name for a name that would not fit). Every other
    header is folded as SMTP folds it.
    """

    def fold(self, name: str, value) -> str:
        return EmailPolicy.fold(self._folding(name), name, value)

    def fold_binary(self, name: str, value) -> bytes:
        return EmailPolicy.fold_binary(self._folding(name), name, value)

    def _folding(self, name: str) -> EmailPolicy:
        """This policy, or for an address header the same with RFC 5322's line limit."""
        if name.lower() in ADDRESS_HEADERS:
            return self.clone(max_line_length=LINE_LIMIT)
        return self


# Writing and reading drafts (cmn-audit send reads them with it too, so nothing refolds).
DRAFT_POLICY = DraftPolicy(linesep="\r\n")  # email.policy.SMTP's settings

SUBJECT = "Адресные рекомендации по итогам мониторинга сайта{requisites}: {school}"
REQUISITES = " (№ {number} от {date})"
# The one address a draft is sent to: the registry's, written apart from the display names
# so that `cmn-audit send` never reads a recipient out of a school's name (cmn_audit/mailer.py).
RECIPIENT_HEADER = "X-Cmn-Audit-Recipient"
BODY = (
    "Уважаемые коллеги!\n\n"
    "Направляем адресные рекомендации{requisites} по итогам мониторинга размещения информации "
    "о реализации целевой модели наставничества на официальном сайте {school} "
    "(мониторинг от {date}).\n"
    "Рекомендации — во вложении.\n\n"
    "С уважением,\n{signatory_post} {signatory_name}\n{centre}\n{phone}\n{email}\n"
)


def _requisites(letter: dict[str, Any] | None) -> str:
    """« (№ 01-33/5 от 26.10.2022)» from the letter recorded in results, else empty."""
    if not letter or not letter.get("number"):
        return ""
    day = date_short(dt.date.fromisoformat(letter["date"]))
    return REQUISITES.format(number=letter["number"], date=day)


def draft(
    results: dict[str, Any],
    org: dict[str, Any],
    letter: Path,
    letterhead: Letterhead,
    *,
    pdf: Path | None = None,
    now: dt.datetime | None = None,
) -> EmailMessage | None:
    """The message to one school, or None when the registry gives it no usable e-mail.

    Display names are encoded as names (headerregistry.Address), never written as text to
    be parsed: a school's name with `<x@y>` or `Bcc:` in it cannot add a recipient. The
    letter's DOCX is attached, and its PDF beside it when there is one; `now` dates it.
    """
    address = clean_text(org.get("email"))
    school = display_name(org)
    recipient = _named_address((clean_text(org["name"]), school), address)
    if recipient is None:
        return None
    audit_date = results["run"]["audit_date"] or ""
    message = EmailMessage(policy=DRAFT_POLICY)
    if sender := _named_address((letterhead.name,), letterhead.email):
        message["From"] = sender
    message["To"] = recipient
    message[RECIPIENT_HEADER] = recipient.addr_spec
    message["Date"] = (now or dt.datetime.now()).astimezone()
    message["X-Unsent"] = "1"  # a draft to send: Outlook opens it with the «Отправить» button
    requisites = _requisites(org.get("letter"))
    message["Subject"] = SUBJECT.format(requisites=requisites, school=school)
    message["Message-ID"] = make_msgid(domain=letterhead.email.rpartition("@")[2] or None)
    message["X-Cmn-Audit-Run"] = results["run"]["run_id"]
    date_text = date_short(dt.date.fromisoformat(audit_date[:10])) if audit_date else ""
    message.set_content(
        BODY.format(
            school=school,
            requisites=requisites,
            date=date_text,
            signatory_post=letterhead.signatory_post,
            signatory_name=letterhead.signatory_name,
            centre=letterhead.name,
            phone=letterhead.phone,
            email=letterhead.email,
        ),
        charset="utf-8",
    )
    for attached, mime_type in ((letter, DOCX_TYPE), (pdf, PDF_TYPE)):
        if attached is None:
            continue
        maintype, subtype = mime_type.split("/", 1)
        message.add_attachment(
            attached.read_bytes(),
            maintype=maintype,
            subtype=subtype,
            filename=f"Рекомендации {school}{attached.suffix}",
        )
    return message


def _address(name: str, addr_spec: str) -> Address | None:
    """An address from its parts, or None when `addr_spec` is no single plain address."""
    try:
        address = Address(display_name=name, addr_spec=addr_spec)
    except (HeaderParseError, ValueError, IndexError):
        return None
    return address if address.username and address.domain else None


def _named_address(names: tuple[str, ...], addr_spec: str) -> Address | None:
    """The address under the first of `names` whose header fits one line (DraftPolicy),
    else under no name; None when `addr_spec` is no single plain address."""
    for name in (*names, ""):
        address = _address(name, addr_spec)
        if address is None:
            return None
        probe = EmailMessage(policy=DRAFT_POLICY)
        probe["To"] = address
        if DRAFT_POLICY.linesep not in DRAFT_POLICY.fold("To", probe["To"]).rstrip():
            return address
    return None


def recipient_of(message) -> str | None:
    """The registry's address a draft is for (RECIPIENT_HEADER), or None in a draft that
    does not name it apart; To, Cc and Bcc are never read for it."""
    values = message.get_all(RECIPIENT_HEADER) or []
    if len(values) != 1:
        return None
    address = _address("", str(values[0]).strip())
    return address.addr_spec if address else None


def write_drafts(
    results: dict[str, Any],
    letters: dict[str, Path],
    letterhead: Letterhead,
    out_dir: Path,
    pdfs: dict[str, Path] | None = None,
) -> tuple[Path, ...]:
    """Write `<letter stem>.eml` for every school with an e-mail; `letters`: org id → DOCX,
    `pdfs`: org id → the same letter in PDF, attached beside it."""
    out_dir.mkdir(parents=True, exist_ok=True)
    pdfs = pdfs or {}
    now = dt.datetime.now()
    written = []
    for org in results["organisations"]:
        letter = letters.get(org["org_id"])
        pdf = pdfs.get(org["org_id"])
        message = draft(results, org, letter, letterhead, pdf=pdf, now=now) if letter else None
        if message is None:
            continue
        path = out_dir / f"{letter.stem}.eml"
        temporary = path.with_name(path.name + ".tmp")
        temporary.write_bytes(message.as_bytes())
        temporary.replace(path)
        written.append(path)
    return tuple(written)
