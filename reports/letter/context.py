"""Context of a per-school letter: what was found, what is missing, what could not be checked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from audit_rules.model import SEVERITY_POLICY

from ..context import (
    Link,
    RunInfo,
    clean_text,
    display_name,
    evidence_labels,
    evidence_links,
    make_link,
    run_info,
    scored,
    site_checked,
)
from ..findings import broken_links, coverage_remarks, document_remarks, override_text
from ..messages import (
    ADVICE_LEAD,
    INFERRED_LABEL,
    LETTER_TEXT,
    LETTER_TITLE,
    LEVEL_LABELS,
    NO_COUNTED_RULES,
    OUTCOME_LABELS,
    REPLY_TITLE,
    VISITED_PURPOSES,
    greeting,
    site_problem,
)
from ..model import Letterhead
from ..russian import Forms, SectionWords, date_short, percent, plural
from .follow_up import FollowUpNote, follow_up_note
from .meta import LetterMeta, unnumbered
from .names import dative_with_initials

CHECKED_CRITERIA = Forms("проверенного критерия", "проверенных критериев", "проверенных критериев")
DONE = Forms("выполнен", "выполнены", "выполнено")
CANDIDATES_SHOWN = 10
NOTE_FALLBACK = "данные для проверки не удалось получить"
NUMBER_BLANK = "____"  # a letter written without a number gets a blank to fill in by hand


@dataclass(frozen=True)
class Finding:
    """One criterion as a letter reports it, with the links it was checked against."""

    number: int
    rule_id: str
    title: str
    outcome: str
    outcome_label: str
    recommendation: str
    note: str
    links: tuple[Link, ...]
    decision: str = ""  # «решение методиста: …» when a methodologist set the outcome
    deadline_date: str = ""  # «01.10.2023» when missing criteria have different deadlines
    basis: str = ""  # INFERRED_LABEL when the source does not ask for the site; else empty

    @property
    def label(self) -> str:
        """The criterion, with the methodologist's decision when one set the outcome and its
        basis when the centre's practice, not the source, expects it on the site."""
        label = f"{self.title} ({self.decision})" if self.decision else self.title
        return f"{label} — {self.basis}" if self.basis else label


def advice(recommendation: str) -> str:
    """A recommendation worded as advice, never as a demand: «Рекомендуем разместить …».

    Profile recommendations open with an infinitive («Разместить …», «Издать и разместить …»);
    an opening abbreviation («ЦМН …») keeps its capitals.
    """
    if not recommendation:
        return recommendation
    head = recommendation[:2]
    first = head[0].lower() if head[1:].islower() else head[0]
    return f"{ADVICE_LEAD} {first}{recommendation[1:]}"


@dataclass(frozen=True)
class LetterContext:
    """Everything one school's letter prints; the HTML and DOCX writers share it."""

    org_id: str
    letterhead: Letterhead
    run: RunInfo
    addressee: str
    full_name: str
    head_name: str
    greeting: str
    intro: str
    site: Link
    site_checked: bool
    site_text: str
    section: Link | None
    section_text: str
    candidates: tuple[tuple[str, Link], ...]  # no section: pages read looking for it, and how
    found: tuple[Finding, ...]
    missing: tuple[Finding, ...]
    unchecked: tuple[Finding, ...]
    optional: tuple[Finding, ...]
    broken: tuple[tuple[Link, str], ...]  # a section link that leads nowhere, and why
    # A slip in the documents (wrong act date, expired roadmap…) and the documents with it.
    remarks: tuple[tuple[tuple[Link, ...], str], ...]
    acknowledgement: str
    summary: str
    deadline_text: str
    number: str = ""  # outgoing number, «01-33/5»
    letter_date: dt.date | None = None
    letter_date_text: str = ""
    head_dative: str = ""  # «Петровой А. И.» for the addressee block
    deadline: dt.date | None = None  # the date deadline_text names, if one
    follow_up: FollowUpNote | None = None  # None: no earlier letter to follow up
    advised: tuple[Finding, ...] = ()  # recommended criteria not met: advice, not a demand
    subject: str = LETTER_TITLE  # «О …» under the number (ГОСТ Р 7.0.97-2016)
    draft: bool = False  # the run awaits confirmation: the letter is marked as a draft
    reply: bool = False  # a partial run's answer to a school that reported its fixes

    @property
    def deadline_date(self) -> str:
        return date_short(self.deadline) if self.deadline else ""

    @property
    def number_text(self) -> str:
        return self.number or NUMBER_BLANK


def _finding(number: int, rule: dict[str, Any], item: dict[str, Any], fallback: Link) -> Finding:
    links = item["links"] or ((fallback,) if item["outcome"] == "fail" else ())
    inferred = rule.get("basis") == "inferred"
    recommendation = clean_text(rule["recommendation"])
    return Finding(
        number=number,
        rule_id=rule["rule_id"],
        title=clean_text(rule["title"]),
        outcome=item["outcome"],
        outcome_label=OUTCOME_LABELS[item["outcome"]],
        # What the source does not ask for the site is advice, whatever the profile's verb.
        recommendation=advice(recommendation) if inferred else recommendation,
        note=clean_text(item["note"]) or NOTE_FALLBACK,
        links=links,
        decision=override_text(item),
        basis=INFERRED_LABEL if inferred else "",
    )


def _candidates(org: dict[str, Any]) -> tuple[tuple[str, Link], ...]:
    """The pages read while looking for the section, each named by its link and its address.

    Every page the crawler read (home, menu items, sitemap, site search) is listed in the
    order it was read; the scored candidates follow, should a run have recorded only those.
    """
    shown: dict[str, tuple[str, Link]] = {}
    for page in org["site"].get("visited") or ():
        text = clean_text(page["text"]) or VISITED_PURPOSES.get(page["purpose"], "")
        shown.setdefault(page["url"], (text, make_link(page["url"], whole=True)))
    ranked = sorted(
        (c for c in org["section"]["candidates"] if c["url"]), key=lambda c: -(c["score"] or 0.0)
    )
    for candidate in ranked:
        link = make_link(candidate["url"], whole=True)
        shown.setdefault(candidate["url"], (clean_text(candidate["text"]), link))
    return tuple(shown.values())[: max(CANDIDATES_SHOWN, len(org["site"].get("visited") or ()))]


def _section_text(org: dict[str, Any], candidates: tuple, words: SectionWords) -> str:
    section = org["section"]
    if section["found"]:
        title = clean_text(section["title"])
        if not title:
            return LETTER_TEXT["section_found_untitled"]
        return LETTER_TEXT["section_found"].format(title=title.strip("«»"))
    text = LETTER_TEXT["visited_lead" if candidates else "visited_none"]
    return text.format(section=words.capital, found=words.forms.found, it=words.forms.it)


def _grouped(remarks: tuple[tuple[Link, str], ...]) -> tuple[tuple[tuple[Link, ...], str], ...]:
    """One line per slip, naming every document with it: the same remark is never repeated."""
    grouped: dict[str, list[Link]] = {}
    for link, text in remarks:
        links = grouped.setdefault(text, [])
        if link not in links:
            links.append(link)
    return tuple((tuple(links), text) for text, links in grouped.items())


def _summary(org: dict[str, Any], counted: list[str]) -> str:
    passed, failed = counted.count("pass"), counted.count("fail")
    checked = passed + failed
    if checked == 0:
        return "Соответствие требованиям мониторинга не проверено."
    level = org["level"]
    verdict = (
        f"Сайт {LEVEL_LABELS[level]} требованиям мониторинга"
        if level != "not_checked"
        else "Соответствие требованиям мониторинга не оценено"
    )
    score = f", итоговый балл — {percent(org['score'])}" if org["score"] is not None else ""
    return (
        f"{verdict}: {plural(passed, DONE)} {passed} из {checked} "
        f"{plural(checked, CHECKED_CRITERIA)}{score}."
    )


def _deadline(
    checked: bool, missing: bool, remarks: bool, meta: LetterMeta, section: SectionWords
) -> tuple[str, dt.date | None]:
    """The closing request and the date it names; row deadlines send the reader to the table."""
    if missing and meta.row_deadlines:
        return (
            "Просим разместить недостающие материалы в сроки, указанные в таблице, и "
            f"предоставить ссылку на {section.acc}.",
            None,
        )
    if meta.deadline is None:
        return "", None
    when = f"в срок до {date_short(meta.deadline)} г."
    if not checked:
        text = f"Просим обеспечить работу официального сайта и сообщить об этом {when}"
    elif missing:
        text = (
            f"Просим разместить недостающие материалы и предоставить ссылку на {section.acc} {when}"
        )
    elif remarks:
        text = f"Просим устранить указанные замечания {when}"
    else:
        return "", None
    return text, meta.deadline


def _acknowledgement(checked: bool, counted: list[str], more_to_say: bool = False) -> str:
    """Thanks for a school with nothing missing, in place of an empty list of demands.

    `more_to_say`: remarks or advice follow, so the letter does not thank for system work
    and then list what to correct.
    """
    if not checked or not counted or "fail" in counted:
        return ""
    if all(outcome == "pass" for outcome in counted) and more_to_say:
        return LETTER_TEXT["acknowledgement_with_remarks"]
    if all(outcome == "pass" for outcome in counted):
        return (
            "Все материалы, предусмотренные критериями мониторинга, на сайте размещены. "
            "Благодарим за системную работу по информационному сопровождению реализации "
            "целевой модели наставничества."
        )
    return (
        "По проверенным критериям недостающих материалов не выявлено. Благодарим за работу "
        "по информационному сопровождению реализации целевой модели наставничества; критерии, "
        "которые не удалось проверить, будут проверены повторно."
    )


def build_letter_context(
    results: dict[str, Any],
    org: dict[str, Any],
    letterhead: Letterhead,
    deadline: dt.date | None = None,
    meta: LetterMeta | None = None,
    *,
    draft: bool = False,
) -> LetterContext:
    """One school's letter content, computed from its entry in the results document.

    `meta` (reports.letter.meta.plan_letters) gives the number, date and deadlines; without
    it the letter has no number, is dated on the run and names the `deadline` given. Failures
    are grouped by the severity policy (audit_rules SEVERITY_POLICY): required ones are what
    the school must place, recommended ones advice, optional ones extra. `draft`: the run
    awaits a methodologist's confirmation and the letter says so at its top.
    """
    meta = meta or unnumbered(results, org, deadline)
    row_deadlines = dict(meta.row_deadlines)
    run = run_info(results)
    rules = {rule["rule_id"]: rule for rule in results["rules"]}
    labels = evidence_labels(org, whole=True, section=run.section)  # names documents whole
    section = org["section"]
    # A signed letter prints addresses whole: a school retypes them from the paper.
    section_url = section["url"]
    section_link = make_link(section_url, whole=True) if section_url else None
    site = make_link(org["site_url"], whole=True)
    checked = site_checked(org)
    groups: dict[str, list[Finding]] = {
        key: [] for key in ("pass", "fail", "not_checked", "advised", "optional")
    }
    counted_outcomes = []
    # A requirement not for the organisation's type is not the school's business at all.
    applicable = [item for item in org["results"] if item["outcome"] != "not_applicable"]
    for number, item in enumerate(applicable, start=1):
        rule = rules[item["rule_id"]]
        links = evidence_links(item["evidence"], labels, whole=True, named_in=rule["title"])
        finding = _finding(number, rule, {**item, "links": links}, section_link or site)
        if item["rule_id"] in row_deadlines and item["outcome"] == "fail":
            finding = replace(finding, deadline_date=date_short(row_deadlines[item["rule_id"]]))
        policy = SEVERITY_POLICY.get(rule["severity"])
        group = policy.letter_group if policy else "missing"
        if group == "optional" or (not rule["counted"] and group == "missing"):
            groups["optional"].append(finding)
            continue
        if rule["counted"]:
            counted_outcomes.append(item["outcome"])
        key = "advised" if group == "advised" and item["outcome"] == "fail" else item["outcome"]
        groups[key].append(finding)
    if not checked and org["site"]["status"] == "incomplete":
        site_text = (
            "Официальный сайт удалось проверить не полностью "
            f"({site_problem(org['site']['status'], org['site']['error'])}), поэтому размещение "
            "информации о реализации ЦМН не оценивалось. Это не считается невыполнением "
            "требований; сайт будет проверен повторно."
        )
    elif not checked:
        site_text = (
            f"Во время мониторинга официальный сайт был недоступен "
            f"({site_problem(org['site']['status'], org['site']['error'])}), поэтому размещение "
            "информации о реализации ЦМН проверить не удалось. Это не считается невыполнением "
            "требований; сайт будет проверен при следующем мониторинге."
        )
    else:
        site_text = "Проверен официальный сайт:"
    broken = broken_links(org) if checked else ()
    remarks = (
        _grouped(document_remarks(org, whole=True) + coverage_remarks(org, run.audit_date))
        if checked
        else ()
    )
    deadline_text, named_deadline = _deadline(
        checked, bool(groups["fail"]), bool(broken or remarks), meta, run.section
    )
    head_name = clean_text(org["head_name"])
    follow_up = follow_up_note(results, org) if checked else None
    more_to_say = bool(broken or remarks or groups["advised"])
    acknowledgement = _acknowledgement(checked, counted_outcomes, more_to_say)
    reply = results["run"].get("scope") == "partial"
    candidates = _candidates(org) if checked and not section["found"] else ()
    if acknowledgement and follow_up and follow_up.acknowledgement:
        acknowledgement = f"{follow_up.acknowledgement} {acknowledgement}"
    return LetterContext(
        org_id=org["org_id"],
        letterhead=letterhead,
        run=run,
        addressee=display_name(org),
        full_name=clean_text(org["name"]),
        head_name=head_name,
        greeting=greeting(head_name),
        intro=(
            LETTER_TEXT["reply_intro"].format(date=run.audit_date_text)
            if reply
            else (
                "По итогам мониторинга размещения информации о реализации целевой модели "
                "наставничества (далее — ЦМН) на официальных сайтах образовательных "
                f"организаций, проведённого {run.audit_date_text}, направляем адресные "
                "рекомендации по официальному сайту вашей образовательной организации."
            )
        ),
        site=site,
        site_checked=checked,
        site_text=site_text,
        section=section_link if checked else None,
        section_text=_section_text(org, candidates, run.section) if checked else "",
        candidates=candidates,
        found=tuple(groups["pass"]) if checked and not reply else (),
        missing=tuple(groups["fail"]) if checked else (),
        unchecked=tuple(groups["not_checked"]) if checked else (),
        optional=tuple(groups["optional"]) if checked else (),
        broken=broken,
        remarks=remarks,
        acknowledgement=acknowledgement,
        summary=(
            ""
            if not checked
            else _summary(org, counted_outcomes)
            if scored(results)
            else NO_COUNTED_RULES
        ),
        deadline_text=deadline_text,
        number=meta.number,
        letter_date=meta.date,
        letter_date_text=meta.date_text,
        head_dative=dative_with_initials(head_name) if head_name else "",
        deadline=named_deadline,
        follow_up=follow_up,
        advised=tuple(groups["advised"]) if checked else (),
        subject=REPLY_TITLE if reply else LETTER_TITLE,
        draft=draft,
        reply=reply,
    )
