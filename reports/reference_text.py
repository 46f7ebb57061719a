"""The reference's conclusions and recommendations, worded from the run's data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .context import clean_text, display_name, site_checked
from .messages import site_problem
from .russian import MEETS, date_short, decimal, join_names, organisations, percent, plural

if TYPE_CHECKING:
    from .reference_context import CriterionRow

WEAKEST_SHOWN = 3
SECTION = "«Наставничество»"


def _quoted(rows: Sequence[CriterionRow]) -> str:
    return ", ".join(f"«{row.title}»" for row in rows)


def _names(orgs: list[dict[str, Any]]) -> str:
    return join_names([display_name(org) for org in orgs])


def _sites_down(down: list[dict[str, Any]]) -> str:
    incomplete = [o for o in down if o["site"]["status"] == "incomplete"]
    down = [o for o in down if o["site"]["status"] != "incomplete"]
    sentences = [_sites_unreachable(down)] if down else []
    if incomplete:
        described = join_names(
            [
                f"{display_name(o)} ({site_problem('incomplete', o['site']['error'])})"
                for o in incomplete
            ]
        )
        one = len(incomplete) == 1
        sentences.append(
            f"{'Сайт' if one else 'Сайты'} {described} "
            f"{'проверен' if one else 'проверены'} не полностью; размещение информации "
            f"на {'нём' if one else 'них'} не оценивалось."
        )
    return " ".join(sentences)


def _sites_unreachable(down: list[dict[str, Any]]) -> str:
    described = join_names(
        [
            f"{display_name(o)} ({site_problem(o['site']['status'], o['site']['error'])})"
            for o in down
        ]
    )
    if len(down) == 1:
        return (
            f"Во время мониторинга был недоступен сайт {described}; "
            "размещение информации на нём не проверено."
        )
    return (
        f"Во время мониторинга были недоступны сайты {organisations(len(down), 'gen')}: "
        f"{described}; размещение информации на них не проверено."
    )


def _levels(with_section: list[dict[str, Any]]) -> list[str]:
    """One sentence per level; each school falls in exactly one."""
    by_level = {
        key: [o for o in with_section if o["level"] == key]
        for key in ("compliant", "partial", "non_compliant", "not_checked")
    }
    sentences = []
    if group := by_level["compliant"]:
        n = len(group)
        verb = plural(n, MEETS)
        sentences.append(f"Требованиям мониторинга {verb} {organisations(n)}: {_names(group)}.")
    if group := by_level["partial"]:
        n = len(group)
        verb = plural(n, MEETS)
        sentences.append(f"Частично {verb} требованиям {organisations(n)}: {_names(group)}.")
    if group := by_level["non_compliant"]:
        n = len(group)
        sentences.append(
            f"Раздел создан, но не {plural(n, MEETS)} требованиям "
            f"{organisations(n)}: {_names(group)}."
        )
    if group := by_level["not_checked"]:
        sentences.append(
            "Размещённые материалы не удалось проверить (файлы недоступны или не читаются) в "
            f"{organisations(len(group), 'prep')}: {_names(group)}."
        )
    return sentences


def _criteria(criteria: Sequence[CriterionRow]) -> list[str]:
    judged = [row for row in criteria if row.counted and row.checked > 0]
    sentences = []
    if none := [row for row in judged if row.passed == 0]:
        if len(none) == 1:
            sentences.append(
                "Ни в одной из проверенных образовательных организаций не выполнен критерий "
                f"{_quoted(none)}."
            )
        else:
            sentences.append(
                "Ни в одной из проверенных образовательных организаций не выполнены критерии: "
                f"{_quoted(none)}."
            )
    if every := [row for row in judged if row.passed == row.checked]:
        verb = "выполнен критерий" if len(every) == 1 else "выполнены критерии:"
        sentences.append(
            f"Во всех проверенных образовательных организациях {verb} {_quoted(every)}."
        )
    partly = sorted(
        (row for row in judged if 0 < row.passed < row.checked),
        key=lambda row: (row.share, row.number),
    )[:WEAKEST_SHOWN]
    if partly:
        items = "; ".join(
            f"«{row.title}» — {row.passed} из {row.checked} ({percent(row.share)})"
            for row in partly
        )
        lead = (
            "Реже других выполняется критерий"
            if len(partly) == 1
            else ("Реже других выполняются критерии:")
        )
        sentences.append(f"{lead} {items}.")
    return sentences


def conclusions(results: dict[str, Any], criteria: Sequence[CriterionRow]) -> tuple[str, ...]:
    """Conclusions in official Russian; no organisation is named in more than one sentence."""
    orgs = results["organisations"]
    if not orgs:
        return ("В мониторинге не участвовала ни одна образовательная организация.",)
    sentences = [f"Проверены официальные сайты {organisations(len(orgs), 'gen')}."]
    down = [o for o in orgs if not site_checked(o)]
    reachable = [o for o in orgs if site_checked(o)]
    if down:
        sentences.append(_sites_down(down))
    if reachable:
        with_section = [o for o in reachable if o["section"]["found"]]
        without = [o for o in reachable if not o["section"]["found"]]
        sentences.append(
            f"Раздел {SECTION} создан в {len(with_section)} из "
            f"{organisations(len(reachable), 'gen')}, сайты которых были доступны."
        )
        if without:
            where = "на сайте" if len(without) == 1 else "на сайтах"
            sentences.append(f"Раздел {SECTION} не найден {where}: {_names(without)}.")
        sentences.extend(_levels(with_section))
    sentences.extend(_criteria(criteria))
    scores = [o["score"] for o in orgs if o["score"] is not None]
    if scores:
        average = round(sum(scores) / len(scores), 1)
        sentences.append(
            "Средний итоговый балл образовательных организаций, материалы которых удалось "
            f"проверить, — {decimal(average)}\u00a0%."
        )
    return tuple(sentences)


def recommendations(
    results: dict[str, Any], criteria: Sequence[CriterionRow], deadline: dt.date | None
) -> tuple[str, ...]:
    """What the centre recommends to all schools, from the criteria that were not met."""
    items = []
    for row in criteria:
        if not row.counted or row.failed == 0:
            continue
        rule = next(r for r in results["rules"] if r["rule_id"] == row.rule_id)
        text = clean_text(rule["recommendation"]).rstrip(". ")
        items.append(f"{text} (критерий не выполнен в {organisations(row.failed, 'prep')}).")
    down = [o for o in results["organisations"] if not site_checked(o)]
    if down:
        what = "был недоступен сайт" if len(down) == 1 else "были недоступны сайты"
        items.append(
            "Обеспечить бесперебойную работу официального сайта (во время мониторинга "
            f"{what} {organisations(len(down), 'gen')})."
        )
    if items:
        items.append(
            "Учесть адресные рекомендации, направленные каждой образовательной организации."
        )
    if deadline is not None:
        items.append(
            f"Ссылку на наполненный документами и мероприятиями раздел {SECTION} "
            f"предоставить в срок до {date_short(deadline)} г."
        )
    return tuple(clean_text(item) for item in items)
