"""Write the demo's ground truth (truth.json) in the contract shared with `cmn-audit evaluate`."""

from __future__ import annotations

import json
import tomllib
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cmn_audit.demo.runner import DemoMunicipality, DemoSite

PROFILE_ID = "ust_ishim_2022"
PROFILE_PATH = Path(__file__).resolve().parents[2] / "audit_rules" / "profiles"


@cache
def profile_rule_ids(profile: str = PROFILE_ID) -> tuple[str, ...]:
    """The rule ids of the profile the demo's truth is judged against, in profile order."""
    with (PROFILE_PATH / f"{profile}.toml").open("rb") as handle:
        return tuple(rule["id"] for rule in tomllib.load(handle)["rules"])


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def organisation_truth(site: DemoSite) -> dict[str, Any]:
    """One organisation of truth.json: section, documents, mentorship news, rule verdicts."""
    documents = []
    for doc in site.expected_documents:
        readable = doc.fetch == "ok"
        documents.append(
            {
                "url": doc.file_url,
                "kind": doc.kind,
                "audience": doc.audience,
                "date": _iso(doc.doc_date) if readable else None,
                "number": doc.number if readable else None,
                "text_source": doc.text_source,
                "fetch": doc.fetch,
                **(
                    {
                        "parts": [
                            {"kind": kind, "audience": audience, "title": title}
                            for kind, audience, title in doc.parts
                        ]
                    }
                    if doc.parts
                    else {}
                ),
            }
        )
    return {
        "org_id": site.org_id,
        "scenario": site.scenario,
        "site_url": site.url,
        "section_url": site.expected_section,
        "documents": documents,
        "news": [
            {
                "url": n.url,
                "date": n.date.isoformat(),
                "is_mentorship": True,
                "audience": n.audience,
            }
            for n in site.expected_news
        ],
        "rules": dict(site.expected_rules),
    }


def write_truth(demo: DemoMunicipality) -> Path:
    """Write `demo.truth_path` (UTF-8, indent 2) with the absolute URLs of this session."""
    assert demo.truth_path is not None
    truth = {
        "municipality": demo.name,
        "profile": PROFILE_ID,
        "organisations": [organisation_truth(site) for site in demo.sites],
    }
    text = json.dumps(truth, ensure_ascii=False, indent=2)
    demo.truth_path.write_text(text + "\n", encoding="utf-8")
    return demo.truth_path
