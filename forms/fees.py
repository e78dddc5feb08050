"""Fees of a procedure for one dossier, from the fee rules in its definition.

Per-page fees follow the certified-copy rule of Circular 226/2016/TT-BTC as amended
(first pages at one rate, later pages at another, capped per copy); the numbers live in the
definitions, not here. A per-page or per-copy fee reads the answers ``pages`` and
``copies`` of the form (1 when absent).
"""
from __future__ import annotations

from dataclasses import dataclass

from forms.engine import FormSession
from forms.expr import truthy
from forms.schema import Fee


@dataclass(frozen=True)
class FeeLine:
    label_vi: str
    label_en: str
    amount: int


def _tiered(fee: Fee, units: int) -> int:
    """Sum of the rate of unit 1..units; a tier changes the rate from its unit on."""
    total = 0
    for unit in range(1, units + 1):
        rate = fee.amount
        for tier in sorted(fee.tiers, key=lambda t: t.from_unit):
            if unit >= tier.from_unit:
                rate = tier.amount
        total += rate
    return total


def fee_for(fee: Fee, pages: int, copies: int) -> int:
    if fee.per == "dossier":
        return fee.amount
    if fee.per == "copy":
        return _tiered(fee, copies)
    per_copy = _tiered(fee, pages)
    if fee.cap_per_copy is not None:
        per_copy = min(per_copy, fee.cap_per_copy)
    return per_copy * copies


def compute_fees(session: FormSession, channel: str = "in_person") -> list[FeeLine]:
    """The fee lines that apply to this dossier (a free dossier gives an empty list)."""
    pages = int(session.get("pages") or 1) if "pages" in _ids(session) else 1
    copies = int(session.get("copies") or 1) if "copies" in _ids(session) else 1
    lines = []
    for fee in session.procedure.fees:
        if fee.channel not in ("any", channel):
            continue
        if fee.when and not truthy(session.evaluate(fee.when)):
            continue
        amount = fee_for(fee, pages, copies)
        if amount:
            lines.append(FeeLine(fee.label.vi, fee.label.en, amount))
    return lines


def _ids(session: FormSession) -> set[str]:
    return {f.id for p in session.form.pages for f in p.fields}


def format_vnd(amount: int) -> str:
    return f"{amount:,}".replace(",", ".") + " đồng"
