"""A decision matrix's assessments kept as columns, made into objects when first read.

A CSV matrix of 100,000 rows x 12 criteria is 1.2 million cells: as validated
`Assessment` objects they took 1.5 GB and most of the time `rank` took, while the
analysis needs only their numbers. The CSV reader has already checked every cell
(a finite number within range), so a scenario read from a matrix keeps the
numbers as an options x criteria array and makes the `Assessment` objects, the
same ones the reader would have made, the first time something reads
`scenario.assessments` (a view of one option, a JSON dump, a check).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from optionscope.model.scenario import Assessment, Scenario

CELLS = "_matrix_cells"
"""Where a scenario keeps its columns (in its `__dict__`, beside its fields)."""

MADE = "_matrix_cells_made"
"""The assessments made from the columns, once read: the columns stand for the
scenario's assessments only while these are still its assessments."""

ALIGNED = "_matrix_cells_aligned"
"""(options, criteria, whether the columns are in their order), as last checked."""


def matrix_assessment(value: float) -> Assessment:
    """The assessment of one cell of a CSV matrix: a figure from the matrix itself."""
    return Assessment(value=value, basis="figure", sources=["matrix"])


@dataclass(frozen=True, eq=False)
class MatrixCells:
    """Central performances of a matrix, options x criteria, with the ids of both."""

    option_ids: tuple[str, ...]
    criterion_ids: tuple[str, ...]
    values: NDArray[np.float64]

    def assessments(self) -> dict[str, dict[str, Assessment]]:
        """`option id -> criterion id -> assessment`, as the reader would have made them."""
        return {
            oid: {cid: matrix_assessment(v) for cid, v in zip(self.criterion_ids, row, strict=True)}
            for oid, row in zip(self.option_ids, self.values.tolist(), strict=True)
        }

    def assessments_json(self) -> Iterator[str]:
        """`canonical_json` of the JSON dump of `assessments()`, written from the columns,
        in pieces (an option's row each) that make the text when joined.

        The cells' dumps differ only by their value: one cell's dump is written once with
        a mark for its value, and each row fills in its values (`%r` of a float is its
        `repr`, as in JSON), in the key order `canonical_json` sorts them into. A dump
        of 120,000 objects and their JSON took about a second; this, a tenth of that,
        and the 15 MB of text need not be held at once.
        """
        cell = matrix_assessment(0.0).model_dump(mode="json")
        cell["value"] = VALUE_MARK
        before, after = (
            part.replace("%", "%%") for part in canonical_json(cell).split(json.dumps(VALUE_MARK))
        )
        ids = self.criterion_ids
        columns = sorted(range(len(ids)), key=ids.__getitem__)
        row = ",".join(
            f"{canonical_json(ids[j]).replace('%', '%%')}:{before}%r{after}" for j in columns
        )
        rows = sorted(range(len(self.option_ids)), key=self.option_ids.__getitem__)
        table = self.values[np.ix_(rows, columns)].tolist()
        for k, (i, values) in enumerate(zip(rows, table, strict=True)):
            start = "{" if k == 0 else ","
            yield f"{start}{canonical_json(self.option_ids[i])}:{{{row % tuple(values)}}}"
        yield "}" if table else "{}"


VALUE_MARK = "\x00value\x00"
"""Where a cell's value goes in its JSON: no text of a cell's other fields contains it."""


CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)
"""One encoder for every call: `json.dumps` with options makes one per call (10 us)."""


def canonical_json(data: object) -> str:
    """JSON with sorted keys, no spaces and text as it is: the form a content hash reads."""
    return CANONICAL.encode(data)


def keep_cells(scenario: Scenario, cells: MatrixCells) -> Scenario:
    """The scenario with its assessments kept as `cells` until they are read."""
    state: dict[str, Any] = scenario.__dict__
    state.pop("assessments", None)
    state[CELLS] = cells
    return scenario


def made_assessments(state: dict[str, Any]) -> dict[str, dict[str, Assessment]] | None:
    """A scenario's assessments made from its columns (and kept), or None without columns."""
    cells: MatrixCells | None = state.get(CELLS)
    if cells is None:
        return None
    table = cells.assessments()
    state["assessments"] = state[MADE] = table
    fields = list(Scenario.model_fields)
    later = set(fields[fields.index("assessments") + 1 :])
    for key in [k for k in state if k in later or k not in Scenario.model_fields]:
        state[key] = state.pop(key)  # after the assessments: dumps keep the fields' order
    return table


def current_cells(scenario: Scenario) -> MatrixCells | None:
    """The scenario's columns, in its options' and criteria's order, while they still
    stand for its assessments; None for any other scenario (and after a copy that
    replaced its assessments, options or criteria)."""
    state: dict[str, Any] = scenario.__dict__
    cells: MatrixCells | None = state.get(CELLS)
    if cells is None:
        return None
    if "assessments" in state and state["assessments"] is not state.get(MADE):
        return None
    options, criteria = scenario.options, scenario.criteria
    aligned = state.get(ALIGNED)
    if aligned is None or aligned[0] is not options or aligned[1] is not criteria:
        same = cells.option_ids == tuple(o.id for o in options) and cells.criterion_ids == tuple(
            c.id for c in criteria
        )
        aligned = state[ALIGNED] = (options, criteria, same)
    return cells if aligned[2] else None
