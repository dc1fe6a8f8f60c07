"""Elicited weights (rank order, swing, AHP) as text, Markdown, CSV and JSON."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from optionscope.io.writers import plain, text_for, to_csv, to_json
from optionscope.present.numbers import weight_labels
from optionscope.report.text_blocks import (
    json_number,
    paragraph,
    table_for,
)

# Weights elicitation -------------------------------------------------------------

WRITTEN_DECIMALS = 6
"""Decimals of a weight in the weights file `--output` writes."""

METHODS = {
    "roc": "Rank-order centroid weights (Barron & Barrett 1996)",
    "swing": "Swing weights (points for each worst-to-best swing, normalised)",
    "ahp": "AHP weights (Saaty's principal eigenvector)",
}
"""Each method in the writer's words: marked up by the writer, so never escaped."""


def written_weights(weights: Mapping[str, float]) -> dict[str, float]:
    """The weights as a weights file holds them (what `rank --weights` reads back)."""
    return {k: round(v, WRITTEN_DECIMALS) for k, v in weights.items()}


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
    shares = _share_labels(w)
    for k, v in w.weights.items():
        if fmt == "csv":
            rows.append([k, w.given.get(k, ""), json_number(v, 9)])
        else:
            name = w.names.get(k, "")
            rows.append([k, *([name] if w.names else []), w.given.get(k, ""), shares[k]])
    if fmt == "csv":
        return to_csv(["criterion", w.given_header, "weight"], rows)
    table = table_for(fmt)
    header = ["criterion", *([w.names_header] if w.names else []), w.given_header, "weight"]
    align = "l" + ("l" if w.names else "") + "rr"
    out = [_heading(w, fmt), table(header, rows, align)]
    out.append(paragraph(list(w.notes), fmt))
    return "".join(out)


def _share_labels(w: ElicitedWeights) -> dict[str, str]:
    """Each weight as a share, as `rank` prints the weights file written from it: the
    written weights (`written_weights`), rounded together by `weight_labels` in the
    scenario's criterion order (the order `rank` rounds them in; `names` holds it)."""
    written = written_weights(w.weights)
    order = [k for k in w.names if k in written] + [k for k in written if k not in w.names]
    return weight_labels({k: written[k] for k in order})


def _heading(w: ElicitedWeights, fmt: str) -> str:
    """`Rank-order centroid weights (Barron & Barrett 1996) for S`, then a blank line in
    Markdown: only the scenario's id is the file's text, escaped as such."""
    words = METHODS.get(w.method)
    if fmt != "md":
        head = (words or w.method) + (f" for {w.scenario}" if w.scenario else "")
        return f"{plain(head)}\n"
    head = words or text_for(w.method, fmt)
    if w.scenario:
        head += f" for {text_for(w.scenario, fmt)}"
    return f"# {head}\n\n"
