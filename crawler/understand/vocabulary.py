"""The document kinds and audiences the classifier assigns, with the Russian names users read.

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
    "news": "новость, анонс мероприятия",
    "methodology": "методические материалы",
    "external_normative": "нормативный акт федерального, регионального или муниципального уровня",
    "other_mentorship": "иной документ по наставничеству",
    "not_mentorship": "не относится к наставничеству",
}
AUDIENCE_LABELS = {
    "students": "обучающиеся",
    "teachers": "педагогические работники",
    "both": "обучающиеся и педагоги",
    "unknown": "не определён",
}
