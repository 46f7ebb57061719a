"""The document kinds, audiences and issuers the classifier assigns, with their Russian names.

One declaration for the reports, exports and dashboard (ARCHITECTURE.md «Document kinds»).
"""

from __future__ import annotations

KIND_LABELS = {
    "order_implementation": "приказ о внедрении наставничества",
    "order_pairs": "приказ о закреплении наставнических пар (групп)",
    "order_other": "иной приказ по наставничеству",
    "regulation": "положение о наставничестве",
    "roadmap": "дорожная карта (план мероприятий)",
    "program": "программа наставничества",
    "mentor_base": "база наставников и наставляемых",
    "monitoring": "итоги мониторинга, отчёт",
    "best_practice": "лучшие практики наставничества",
    "mentor_agreement": "согласие или соглашение наставника",
    "mentor_incentive": "поощрение наставников",
    "news": "новость, анонс мероприятия",
    "methodology": "методические материалы",
    "external_normative": "нормативный акт федерального, регионального или муниципального уровня",
    "other_mentorship": "иной документ по наставничеству",
    "not_mentorship": "не относится к наставничеству",
}
# The acts a school issues itself, each a requirement of some profile: a bundle's parts of
# these kinds count for the rules (parts.py); issuer.py reads such forms as the school's.
SCHOOL_ACT_KINDS = frozenset(
    {
        "order_implementation",
        "order_pairs",
        "order_other",
        "regulation",
        "roadmap",
        "program",
        "mentor_base",
        "monitoring",
    }
)
AUDIENCE_LABELS = {
    "students": "обучающиеся",
    "teachers": "педагогические работники",
    "both": "обучающиеся и педагоги",
    "unknown": "не определён",
}
# Whose document it is, read from the letterhead and the signature; only the school's own
# acts (or those whose issuer could not be read) satisfy the school's requirements.
ISSUER_LABELS = {
    "school": "образовательная организация",
    "municipal": "муниципальный орган",
    "regional": "региональный орган",
    "federal": "федеральный орган",
    "methodological_centre": "методический центр (ИМЦ, ИРО, ИПК)",
    "other": "иная организация",
    "unknown": "не определён",
}
OWN_ISSUERS = frozenset({"school", "unknown"})
# Bodies whose letterhead keeps a document theirs even when a methodologist files it for a school.
AUTHORITY_ISSUERS = frozenset({"municipal", "regional", "federal", "methodological_centre"})
