"""Whom an order appoints: the roles its operative part assigns («Назначить куратором …»).

An order titled «О внедрении целевой модели наставничества» often also appoints the curator
(item 4), and a letter that asks for «приказ о назначении куратора» is answered by it; the
title alone would say no.
"""

from __future__ import annotations

from . import patterns as p

ORDER_KINDS = frozenset({"order_implementation", "order_other", "order_pairs"})


def appointed_roles(text: str, kind: str) -> tuple[str, ...]:
    """The roles (patterns.APPOINTED_ROLES) an order's items appoint, in declared order."""
    if kind not in ORDER_KINDS:
        return ()
    start = p.OPERATIVE_START.search(text)
    operative = text[start.end() :] if start else text
    items = p.OPERATIVE_ITEM.split(operative)
    found = {
        role
        for item in items
        if p.APPOINTING.search(item)
        for role, word in p.APPOINTED_ROLES
        if word.search(item)
    }
    return tuple(role for role, _ in p.APPOINTED_ROLES if role in found)
