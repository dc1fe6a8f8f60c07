"""Elicited weights (rank order, swing, AHP) as text, Markdown, CSV and JSON."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from optionscope.io.writers import to_csv, to_json
from optionscope.present.numbers import percent
from optionscope.report.text_blocks import (
    heading,
    json_number,
    paragraph,
    table_for,
)

# Weights elicitation -------------------------------------------------------------


@dataclass(frozen=True)
class ElicitedWeights:
    """Weights from an elicitation method, with what they were elicited from."""

    method: str
    """roc, swing or ahp."""
    weights: dict[str, float]
    """Normalised, in display order."""
    given: dict[str, str]
    """What the person gave per criterion (a rank, points), as text."""
    given_header: str
    names: dict[str, str]
    """Criterion id -> name, when a scenario was given."""
    scenario: str | None
    notes: tuple[str, ...] = ()
    """Printed with the result."""
    warnings: tuple[str, ...] = ()
    """Printed on stderr (and kept in JSON)."""
    names_header: str = "name"
    extra: Mapping[str, Any] | None = None
    """Method-specific figures for JSON (AHP consistency)."""


def render_weights(w: ElicitedWeights, fmt: str) -> str:
    if fmt == "json":
        data: dict[str, Any] = {
            "method": w.method,
            "scenario": w.scenario,
            "weights": {k: json_number(v, 9) for k, v in w.weights.items()},
            "given": dict(w.given),
        }
        if w.extra:
            data.update(w.extra)
        data["notes"] = list(w.notes)
        data["warnings"] = list(w.warnings)
        return to_json(data)
    rows: list[list[object]] = []
    for k, v in w.weights.items():
        if fmt == "csv":
            rows.append([k, w.given.get(k, ""), json_number(v, 9)])
        else:
            name = w.names.get(k, "")
            rows.append([k, *([name] if w.names else []), w.given.get(k, ""), percent(v)])
    if fmt == "csv":
        return to_csv(["criterion", w.given_header, "weight"], rows)
    table = table_for(fmt)
    header = ["criterion", *([w.names_header] if w.names else []), w.given_header, "weight"]
    align = "l" + ("l" if w.names else "") + "rr"
    methods = {
        "roc": "Rank-order centroid weights (Barron & Barrett 1996)",
        "swing": "Swing weights (points for each worst-to-best swing, normalised)",
        "ahp": "AHP weights (Saaty's principal eigenvector)",
    }
    head = methods.get(w.method, w.method) + (f" for {w.scenario}" if w.scenario else "")
    out = [heading(head, fmt, 1), "\n" if fmt == "md" else "", table(header, rows, align)]
    out.append(paragraph(list(w.notes), fmt))
    return "".join(out)
