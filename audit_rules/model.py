"""Frozen dataclasses a rule profile is loaded into, and the vocabularies they use."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

from audit_rules import messages as msg

SEVERITIES = tuple(msg.SEVERITY_LABELS)


@dataclass(frozen=True)
class SeverityPolicy:
    """What a severity means, declared once: the score, the letters, the справка and the
    dashboard follow it."""

    counted: bool  # the rule's outcome enters the score and the level
    letter_group: str  # where a letter lists its failure: missing | advised | optional


# Only what the source requires is counted against a school; what it recommends is advice.
SEVERITY_POLICY = {
    "required": SeverityPolicy(counted=True, letter_group="missing"),
    "recommended": SeverityPolicy(counted=False, letter_group="advised"),
    "optional": SeverityPolicy(counted=False, letter_group="optional"),
}
OUTCOMES = ("pass", "fail", "not_checked")
LEVELS = ("compliant", "partial", "non_compliant")
FACT_TABLES = ("site", "documents", "news", "links")
# A profile parameter as a rule's predicate names it: $name.
PARAM_RE = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


class ProfileError(ValueError):
    """A profile file that cannot be used; the message (Russian) says what to fix."""


@dataclass(frozen=True)
class Source:
    """A document a rule comes from: the legal basis cited in reports and letters."""

    id: str
    authority: str
    document: str
    number: str
    date: date
    subject: str = ""
    file: str = ""

    @property
    def citation(self) -> str:
        """The reference as reports print it: «Письмо … № 62 от 26.10.2022»."""
        return f"{self.document} {self.authority} № {self.number} от {self.date:%d.%m.%Y}"


@dataclass(frozen=True)
class Example:
    """A small fact set for one organisation and the outcome the rule must give on it."""

    name: str
    expect: str
    site: Mapping[str, object]
    documents: tuple[Mapping[str, object], ...] = ()
    news: tuple[Mapping[str, object], ...] = ()
    links: tuple[Mapping[str, object], ...] = ()
    evidence: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Rule:
    """One requirement: where it comes from, the SQL that checks it and what a letter says."""

    id: str
    title: str
    section: str
    source: Source
    quote: str
    severity: str
    weight: float
    counted: bool
    view: str
    where: str
    min_count: int
    recommendation: str
    examples: tuple[Example, ...]
    deadline: date | None = None
    in_force_from: date | None = None
    in_force_to: date | None = None

    def in_force_on(self, day: date) -> bool:
        """Whether the requirement applies to a run dated `day` (both ends inclusive)."""
        started = self.in_force_from is None or self.in_force_from <= day
        return started and (self.in_force_to is None or day <= self.in_force_to)


@dataclass(frozen=True)
class Level:
    """A compliance level reached at min_score and above."""

    id: str
    label: str
    min_score: float


@dataclass(frozen=True)
class Profile:
    """The rules of one authority's requirements, in force for a period."""

    id: str
    title: str
    version: str
    in_force_from: date
    in_force_to: date | None
    municipality: str
    params: Mapping[str, object]
    levels: tuple[Level, ...]
    sources: tuple[Source, ...]
    rules: tuple[Rule, ...]
    extends: tuple[str, ...] = ()  # ids of the profiles it is built on, nearest first

    def rule(self, rule_id: str) -> Rule:
        """The rule with this id."""
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    def in_force_on(self, day: date) -> Profile:
        """The profile reduced to the rules a run dated `day` applies; refused if none are."""
        rules = tuple(rule for rule in self.rules if rule.in_force_on(day))
        if not rules:
            raise ProfileError(msg.NO_RULES_IN_FORCE.format(profile=self.id, day=day))
        return replace(self, rules=rules)

    def level_label(self, level_id: str) -> str:
        """The Russian name of a level, e.g. «частично соответствует», or «не проверено»."""
        for level in self.levels:
            if level.id == level_id:
                return level.label
        return msg.NOT_CHECKED_LABEL
