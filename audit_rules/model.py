"""Frozen dataclasses a rule profile is loaded into, and the vocabularies they use."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from types import MappingProxyType

from audit_rules import messages as msg

SEVERITIES = tuple(msg.SEVERITY_LABELS)
# What a rule rests on: `published` — the source asks for the material on the site;
# `inferred` — the source asks for the document to exist or to be sent elsewhere (e-mail, a
# report), and the centre's practice expects it on the site.
BASES = tuple(msg.BASIS_LABELS)


@dataclass(frozen=True)
class SeverityPolicy:
    """What a severity means, declared once: the score, the letters, the справка and the
    dashboard follow it."""

    counted: bool  # the rule's outcome enters the score and the level
    letter_group: str  # where a letter lists its failure: missing | advised | optional


# Only what the source requires on the site is counted against a school; what it recommends
# is advice.
SEVERITY_POLICY = {
    "required": SeverityPolicy(counted=True, letter_group="missing"),
    "recommended": SeverityPolicy(counted=False, letter_group="advised"),
    "optional": SeverityPolicy(counted=False, letter_group="optional"),
}
# The severities each basis allows. A rule the centre infers (the source does not ask for
# the site) is always `recommended`: never in the score or the level, advice in a letter. It
# has no deadline either: a date the source sets is for the document or its sending, never for
# its publication.
BASIS_SEVERITIES = {"published": SEVERITIES, "inferred": ("recommended",)}
BASIS_DEADLINE = {"published": True, "inferred": False}
# not_applicable: the rule is not for this type of organisation (Rule.applies_to); it is
# never scored, never in a letter, and «н/п» in the справка.
OUTCOMES = ("pass", "fail", "not_checked", "not_applicable")
LEVELS = ("compliant", "partial", "non_compliant")
FACT_TABLES = ("site", "documents", "news", "links", "pages")
# What a source may call the place on the site it asks for: the справка and letters use its word.
SECTION_NOUNS = ("раздел", "подраздел", "рубрика", "страница")
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
    date: date | None  # None: the document bears no date of its own
    subject: str = ""  # empty: the document has no subject line («без заголовка»)
    file: str = ""

    @property
    def citation(self) -> str:
        """The reference as reports print it: «Письмо … № 62 от 26.10.2022»; a document
        without a number or a date says so: «Презентация … б/н, без даты»."""
        number = msg.NO_NUMBER if self.number in ("", msg.NO_NUMBER) else f"№ {self.number}"
        dated = f"от {self.date:%d.%m.%Y}" if self.date else msg.NO_DATE
        separator = ", " if number == msg.NO_NUMBER and not self.date else " "
        return f"{self.document} {self.authority} {number}{separator}{dated}"

    @property
    def subject_text(self) -> str:
        """The subject as printed: «О …» in quotes, or «без заголовка» when there is none."""
        return f"«{self.subject}»" if self.subject else f"({msg.NO_SUBJECT})"


@dataclass(frozen=True)
class Example:
    """A small fact set for one organisation and the outcome the rule must give on it."""

    name: str
    expect: str
    site: Mapping[str, object]
    documents: tuple[Mapping[str, object], ...] = ()
    news: tuple[Mapping[str, object], ...] = ()
    links: tuple[Mapping[str, object], ...] = ()
    pages: tuple[Mapping[str, object], ...] = ()  # pages of the section read, with titles
    evidence: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Rule:
    """One requirement: where it comes from, the SQL that checks it and what a letter says."""

    id: str
    title: str
    section: str
    source: Source
    quote: str
    basis: str  # published | inferred: does the source ask for the site?
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
    # Rows that might satisfy the rule but lack the fact that decides it (a справка whose
    # date could not be read): with no row passing, the verdict is «не проверено», never
    # «не выполнено», and `undecided_reason` says what could not be established.
    undecided: str = ""
    undecided_reason: str = ""
    # The organisation types (audit_rules/org_types.py) the requirement is for; empty: every
    # type. An organisation of another type gets «не применимо»; one of unknown type, the rule.
    applies_to: tuple[str, ...] = ()

    @property
    def param_names(self) -> list[str]:
        """The profile parameters ($name) its predicates use."""
        return PARAM_RE.findall(f"{self.where} {self.undecided}")

    @property
    def may_match(self) -> str:
        """The predicate a row that might satisfy the rule meets: `where`, or an undecided
        row; an unreadable file meeting it keeps a failure «не проверено»."""
        return f"({self.where}) OR ({self.undecided})" if self.undecided else self.where

    @property
    def inferred(self) -> bool:
        """The source does not ask for the site: the centre's practice expects it there."""
        return self.basis == "inferred"

    def applies_to_type(self, type_id: str | None) -> bool:
        """Whether an organisation of this type (None: not recognised) is held to the rule."""
        return not self.applies_to or type_id is None or type_id in self.applies_to

    def in_force_on(self, day: date) -> bool:
        """Whether the requirement applies to a run dated `day` (both ends inclusive)."""
        started = self.in_force_from is None or self.in_force_from <= day
        return started and (self.in_force_to is None or day <= self.in_force_to)


@dataclass(frozen=True)
class NotSite:
    """A requirement of a source that is not a requirement of the school's site: what it says
    and why no rule checks it, declared so the coverage of every source is complete."""

    source: Source
    quote: str
    reason: str


@dataclass(frozen=True)
class SectionName:
    """How the source names the place it asks for on a school site — «раздел «Целевая
    модель наставничества»», «рубрика «Наставничество»» — so the справка and the letters
    speak the source's words."""

    name: str = "Наставничество"
    noun: str = "раздел"  # one of SECTION_NOUNS

    @property
    def quoted(self) -> str:
        """«раздел «Наставничество»»."""
        return f"{self.noun} «{self.name}»"


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
    not_site: tuple[NotSite, ...] = ()  # the sources' requirements that no rule checks
    section: SectionName = SectionName()  # how the source names the section

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

    def with_params(self, values: Mapping[str, object], *, strict: bool = True) -> Profile:
        """The profile with some parameters set by the centre for its territory (the
        workspace's [profile_params]); refused when a value's type differs from the
        profile's own (a list stays a list), or, `strict`, when a name is not the profile's
        (a typo). Not strict, names another profile lacks are left aside."""
        params = dict(self.params)
        for name, value in values.items():
            if name not in params and not strict:
                continue
            if name not in params:
                known = ", ".join(sorted(params)) or "—"
                raise ProfileError(
                    msg.UNKNOWN_PROFILE_PARAM.format(profile=self.id, param=name, known=known)
                )
            if type(value) is not type(params[name]):
                raise ProfileError(msg.PROFILE_PARAM_TYPE.format(profile=self.id, param=name))
            params[name] = value
        return replace(self, params=MappingProxyType(params))

    def level_label(self, level_id: str) -> str:
        """The Russian name of a level, e.g. «частично соответствует», or «не проверено»."""
        for level in self.levels:
            if level.id == level_id:
                return level.label
        return msg.NOT_CHECKED_LABEL
