"""The reference's conclusions and recommendations, worded from the run's data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..context import clean_text, display_name, scored, site_checked
from ..messages import NO_COUNTED_RULES, REFERENCE_TEXT, site_problem
from ..russian import (
    MEETS,
    SectionWords,
    date_short,
    decimal,
    join_names,
    mean_score,
    organisations,
    percent,
    plural,
)
from .history import days_text, remarks

if TYPE_CHECKING:
    from .context import CriterionRow
    from .history import CriteriaTrend, FollowUpSection, TrendRow

WEAKEST_SHOWN = 3
# A change between two runs: (grew, fell, unchanged) agreeing with the subject's gender.
CHANGED_FEMININE = ("увеличилась", "уменьшилась", "не изменилась")
CHANGED_MASCULINE = ("увеличился", "уменьшился", "не изменился")


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


def _change(before: float | None, after: float | None, verbs: tuple[str, str, str]) -> str:
    """«увеличилась с 25 % до 50 %»; empty when either figure is unknown."""
    if before is None or after is None:
        return ""
    if after == before:
        return f"{verbs[2]} ({percent(after)})"
    verb = verbs[0] if after > before else verbs[1]
    return f"{verb} с {percent(before)} до {percent(after)}"


def _trend(trend: Sequence[TrendRow]) -> list[str]:
    """How this run compares with the previous one of the same municipality and criteria."""
    if len(trend) < 2:
        return []
    before, after = trend[-2], trend[-1]
    parts = []
    if change := _change(before.share_compliant, after.share_compliant, CHANGED_FEMININE):
        parts.append(f"доля образовательных организаций, соответствующих требованиям, {change}")
    if change := _change(before.mean_score, after.mean_score, CHANGED_MASCULINE):
        parts.append(f"средний итоговый балл {change}")
    if not parts:
        return []
    return [
        f"По сравнению с мониторингом, проведённым {before.date_text} г., " + "; ".join(parts) + "."
    ]


def _criteria_change(trend: CriteriaTrend | None) -> list[str]:
    """Which counted criteria more, and which fewer, schools met than at the previous run."""
    if trend is None or len(trend.run_ids) < 2:
        return []
    text = REFERENCE_TEXT
    rose, fell = [], []
    for row in trend.rows:
        before, after = row.shares[-2], row.shares[-1]
        if not row.counted or before is None or after is None or before == after:
            continue
        item = text["criteria_change_item"].format(
            title=row.title, before=percent(before), after=percent(after)
        )
        (rose if after > before else fell).append(item)
    changes = [
        text[key].format(which=text["criteria_which"][len(items) > 1], items=", ".join(items))
        for key, items in (("criteria_rose", rose), ("criteria_fell", fell))
        if items
    ]
    if not changes:
        return []
    return [text["criteria_change"].format(changes="; ".join(changes))]


def _follow_up(section: FollowUpSection | None) -> list[str]:
    """«По итогам мониторинга, проведённого …, направлено 40 замечаний: исправлено 2 …»."""
    if section is None or not section.total:
        return []
    text = REFERENCE_TEXT
    parts = []
    if fixed := section.count("fixed"):
        schools = len({s.org_id for s in section.schools for r in s.rows if r.status == "fixed"})
        where = text["follow_up_where"].format(schools=organisations(schools, "prep"))
        part = text["follow_up_conclusion_fixed"].format(count=fixed, where=where)
        if section.mean_days is not None:
            key = "days" if len(set(section.days)) == 1 else "mean"
            part += text[f"follow_up_conclusion_{key}"].format(days=days_text(section.mean_days))
        parts.append(part)
    if not_fixed := section.count("not_fixed"):
        parts.append(text["follow_up_conclusion_not_fixed"].format(count=not_fixed))
    if not_checked := section.count("not_checked"):
        parts.append(text["follow_up_conclusion_not_checked"].format(count=not_checked))
    ahead = (
        text["follow_up_conclusion_ahead"]
        if section.deadline and not section.deadline_passed
        else ""
    )
    return [
        text["follow_up_conclusion"].format(
            date=date_short(section.earlier_date),
            count=remarks(section.total),
            deadline=ahead,
            parts="; ".join(parts),
        )
    ]


def conclusions(
    results: dict[str, Any],
    criteria: Sequence[CriterionRow],
    trend: Sequence[TrendRow] = (),
    criteria_trend: CriteriaTrend | None = None,
    follow_up: FollowUpSection | None = None,
) -> tuple[str, ...]:
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
        words = SectionWords.of(results["run"])
        sentences.append(
            f"{words.capital} {words.forms.created} в {len(with_section)} из "
            f"{organisations(len(reachable), 'gen')}, сайты которых были доступны."
        )
        if without:
            where = "на сайте" if len(without) == 1 else "на сайтах"
            sentences.append(f"{words.capital} не {words.forms.found} {where}: {_names(without)}.")
        if scored(results):
            sentences.extend(_levels(with_section))
        else:
            sentences.append(NO_COUNTED_RULES)
    sentences.extend(_criteria(criteria))
    average = mean_score(o["score"] for o in orgs)
    if average is not None:
        sentences.append(
            "Средний итоговый балл образовательных организаций, материалы которых удалось "
            f"проверить, — {decimal(average)}\u00a0%."
        )
    sentences.extend(_trend(trend))
    sentences.extend(_criteria_change(criteria_trend))
    sentences.extend(_follow_up(follow_up))
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
        words = SectionWords.of(results["run"])
        items.append(
            f"Ссылку на {words.forms.filled} документами и мероприятиями {words.acc} "
            f"предоставить в срок до {date_short(deadline)} г."
        )
    return tuple(clean_text(item) for item in items)
