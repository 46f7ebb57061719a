"""Checks a methodologist makes on each document, declared once: code → Russian title."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

ORDER_KINDS = frozenset({"order_implementation", "order_pairs", "order_other"})

# Every problem a document can carry; reports and docs take the titles from here.
CHECKS: dict[str, str] = {
    "federal_act_wrong_date": "Федеральный документ указан с неверной датой",
    "federal_act_wrong_number": "Федеральный документ указан с неверным номером",
    "roadmap_expired": "Срок дорожной карты истёк к дате проверки",
    "order_without_date": "У приказа не указана дата",
    "order_without_number": "У приказа не указан номер",
}


@dataclass(frozen=True)
class Problem:
    code: str  # a key of CHECKS
    detail: str  # Russian, specific to this document

    @property
    def title(self) -> str:
        return CHECKS[self.code]

    def __post_init__(self) -> None:
        if self.code not in CHECKS:
            raise ValueError(f"unknown check {self.code!r}")

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "title": self.title, "detail": self.detail}


def document_problems(facts, *, audit_date: datetime.date, read: bool) -> tuple[Problem, ...]:
    """Problems of one classified document as of the audit date; `read`: its text was read."""
    problems = list(facts.text_problems)
    if facts.kind == "roadmap":
        expired = _roadmap_expiry(facts, audit_date)
        if expired:
            problems.append(Problem("roadmap_expired", expired))
    if read and facts.kind in ORDER_KINDS:
        if facts.date is None:
            problems.append(Problem("order_without_date", "в тексте приказа не найдена его дата"))
        if facts.number is None:
            problems.append(Problem("order_without_number", "в тексте приказа не найден его номер"))
    return tuple(problems)


def _roadmap_expiry(facts, audit_date: datetime.date) -> str | None:
    """Why a roadmap is out of date: its period ended or, when it states no period, every
    dated event is past. A roadmap «на 2022–2024 годы» is current until 2024 is over, however
    early its listed events fall."""
    if facts.period_end:
        if facts.period_end >= audit_date.year:
            return None
        return (
            f"дорожная карта рассчитана на {facts.period_start}–{facts.period_end} гг., "
            f"проверка проведена {audit_date:%d.%m.%Y}"
        )
    dated = [event.due_date for event in facts.events if event.due_date]
    if dated and max(dated) < audit_date:
        return (
            f"последнее мероприятие дорожной карты запланировано на {max(dated):%d.%m.%Y}, "
            f"проверка проведена {audit_date:%d.%m.%Y}"
        )
    return None
