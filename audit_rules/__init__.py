"""Declarative audit rules: profiles per authority, compiled to DuckDB SQL and scored.

Public API: load_profile(name or path) -> Profile (bases named by `extends` merged in, every
example run); apply_profile(con, run_id, profile, audit_date=None) writes run_rules,
rule_results and org_scores inside the caller's transaction, applying only the rules in force
on audit_date when one is given; ProfileError is what a bad profile raises (Russian message).
"""

from audit_rules.compiler import apply_profile
from audit_rules.model import Profile, ProfileError, Rule, Source
from audit_rules.registry import available_profiles, load_profile

__all__ = [
    "Profile",
    "ProfileError",
    "Rule",
    "Source",
    "apply_profile",
    "available_profiles",
    "load_profile",
]
