"""Who signed or approved a document: the «УТВЕРЖДАЮ» stamp, else the closing signature."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import table_vocab as v
from .morph import analyzer, is_known_word
from .normalize import INVISIBLE, SPACES

COLUMN_GAP = re.compile(r"(?<=\S)[ \t]{3,}(?=\S)")


@dataclass(frozen=True)
class PersonName:
    """A person's name found in text, normalised to «Фамилия И.О.»."""

    display: str
    start: int
    end: int

    @property
    def key(self) -> str:
        """The name folded for comparison: «Иванова Анна Петровна» = «А.П. Иванова»."""
        return self.display.lower().replace("ё", "е")


def person_names(text: str) -> list[PersonName]:
    """Names in either order («И.О. Фамилия», «Фамилия И.О.», «Фамилия Имя Отчество»), left to
    right, without the namesakes of schools («им. А.С. Пушкина») or words that are not
    surnames («Директор Н.П. Иванова» is Иванова)."""
    found: list[PersonName] = []
    for pattern in v.NAME_PATTERNS:
        for match in pattern.finditer(text):
            surname = match.group("surname")
            if not _may_be_surname(surname):
                continue
            if v.NAMESAKE_BEFORE.search(text[max(0, match.start() - 8) : match.start()]):
                continue
            if any(match.start() < other.end and other.start < match.end() for other in found):
                continue
            initials = "".join(f"{letter}." for letter in match.group("first", "second") if letter)
            display = f"{_title_case(surname)} {initials}"
            found.append(PersonName(display, match.start(), match.end()))
    return sorted(found, key=lambda name: name.start)


def signed_by(text: str) -> str | None:
    """Who signed or approved the document, as «Должность Фамилия И.О.» (or «Фамилия И.О.»):
    the approval stamp at the head wins, else the signature block at the end; None when there
    is no block. People named in tables or «Ответственный: …» lines are never taken."""
    raw = [line.translate(INVISIBLE) for line in (text or "").split("\n")]
    # A PDF lays «ПРИНЯТО … УТВЕРЖДАЮ» out as two columns parted by a run of spaces.
    head = [SPACES.sub(" ", COLUMN_GAP.sub(" | ", line)).strip() for line in raw]
    lines = [SPACES.sub(" ", line).strip() for line in raw]
    return _from_stamp([line for line in head if line]) or _from_tail([ln for ln in lines if ln])


def _from_stamp(lines: list[str]) -> str | None:
    for index, line in enumerate(lines[: v.STAMP_HEAD_LINES]):
        cells = _cells(line)
        column = next((i for i, text in enumerate(cells) if v.APPROVAL_STAMP.match(text)), None)
        if column is None:
            continue
        stamp = v.APPROVAL_STAMP.match(cells[column])
        block = [cells[column][stamp.end() :]]
        for following in lines[index + 1 : index + 1 + v.STAMP_LINES]:
            part = _column(_cells(following), column, len(cells))
            if _ends_stamp(part):
                break
            block.append(part)
        personal = v.PERSONAL_STAMP.match(stamp.group()) is not None
        found = _signer_in(block, bare_name=personal)
        if found:
            return found
    return None


def _ends_stamp(line: str) -> bool:
    """Another stamp, the document's heading, a body line or a named non-signer ends a stamp."""
    return bool(
        v.OTHER_STAMP.match(line)
        or v.APPROVAL_STAMP.match(line)
        or v.STAMP_END.match(line)
        or v.NOT_SIGNER_LINE.search(line)
        or len(line) > v.MAX_STAMP_LINE
    )


def _from_tail(lines: list[str]) -> str | None:
    tail = lines[-v.TAIL_LINES :]
    for index, line in enumerate(tail):
        if v.ACQUAINTED.search(line):
            tail = tail[:index]
            break
    candidates: list[tuple[bool, str]] = []
    for index, line in enumerate(tail):
        if v.NOT_SIGNER_LINE.search(line) or _in_long_table(tail, index):
            continue
        title = v.SIGNER_TITLE.match(line.lstrip(" |"))
        if title is None:
            continue
        block = [line]
        following = tail[index + 1] if index + 1 < len(tail) else ""
        if following and not v.NOT_SIGNER_LINE.search(following) and " | " not in following:
            block.append(following)
        found = _signer_in(block, bare_name=False)
        if found:
            marked = any(v.SIGNATURE_MARK.search(part) for part in block)
            candidates.append((marked, found))
    marked = [found for is_marked, found in candidates if is_marked]
    if marked:
        return marked[0]
    return candidates[-1][1] if candidates else None


def _signer_in(block: list[str], *, bare_name: bool) -> str | None:
    """«Должность Фамилия И.О.» from a few lines: the title, then the first name after it; a
    name without a title counts under «УТВЕРЖДАЮ» (`bare_name`) or beside a signature mark."""
    joined = "\n".join(block)
    title = v.SIGNER_TITLE.search(joined)
    names = person_names(joined)
    if title:
        names = [name for name in names if name.start >= title.end()] or names
    if not names:
        return None
    if title is None:
        marked = any(v.SIGNATURE_MARK.search(part) for part in block)
        return names[0].display if bare_name or marked else None
    return f"{_position(title.group())} {names[0].display}"


def _position(title: str) -> str:
    """The title as a label: «ДИРЕКТОР» → «Директор», «и.о. директора» → «И.о. директора»."""
    text = " ".join(title.split())
    if text.isupper():
        text = text.lower()
    return text[:1].upper() + text[1:]


def _in_long_table(lines: list[str], index: int) -> bool:
    """Whether a line is a row of a real table (a mentor base, a plan), not a signature row."""
    if " | " not in lines[index]:
        return False
    start = end = index
    while start > 0 and " | " in lines[start - 1]:
        start -= 1
    while end + 1 < len(lines) and " | " in lines[end + 1]:
        end += 1
    return end - start + 1 > v.MAX_SIGNATURE_TABLE_ROWS


def _cells(line: str) -> list[str]:
    return [part.strip() for part in v.CELL_SPLIT.split(line)] if " | " in line else [line]


def _column(cells: list[str], column: int, width: int) -> str:
    """The cell under the stamp's column when the stamp is laid out in a table."""
    if width == 1 or len(cells) != width:
        return " ".join(cells)
    return cells[column]


@lru_cache(maxsize=4096)
def _may_be_surname(word: str) -> bool:
    """A surname the dictionary knows as one, or a word it does not know at all (but an unknown
    word in capitals is an abbreviation such as СОШ, not a surname)."""
    lowered = word.lower()
    if not is_known_word(lowered):
        return not word.isupper()
    return any("Surn" in parse.tag for parse in analyzer().parse(lowered))


def _title_case(surname: str) -> str:
    return "-".join(part[:1].upper() + part[1:].lower() for part in surname.split("-"))
