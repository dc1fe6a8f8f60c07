"""What a result needs to be reproduced: the version, the scenario content hash, the seed."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from optionscope import __version__
from optionscope.model.matrix_cells import canonical_json
from optionscope.model.scenario import Scenario


def scenario_hash(scenario: Scenario) -> str:
    """SHA-256 of the scenario's content (canonical JSON), independent of layout and comments."""
    digest = hashlib.sha256()
    for part in scenario_json(scenario):
        digest.update(part.encode("utf-8"))
    return "sha256:" + digest.hexdigest()


def scenario_json(scenario: Scenario) -> Iterator[str]:
    """`canonical_json` of the scenario's JSON dump, the text its hash is taken of, in
    pieces that make it when joined.

    A scenario read from a matrix writes its assessments from its columns
    (`MatrixCells.assessments_json`), the same text, without an object per cell; the
    other fields are dumped as usual, and the keys joined in sorted order, as
    `canonical_json` joins them.
    """
    cells = scenario.matrix_cells()
    if cells is None:
        yield canonical_json(scenario.model_dump(mode="json"))
        return
    # BaseModel's dump: the scenario's own makes the assessments, which are left out here
    rest = BaseModel.model_dump(scenario, mode="json", exclude={"assessments"})
    keys = sorted([*rest, "assessments"])
    for n, key in enumerate(keys):
        yield ("{" if n == 0 else ",") + canonical_json(key) + ":"
        if key == "assessments":
            yield from cells.assessments_json()
        else:
            yield canonical_json(rest[key])
    yield "}"


def provenance(scenario: Scenario, seed: int | None = None) -> dict[str, Any]:
    """`{"optionscope": version, "scenario_hash": ..., "seed": ...}` for a result's JSON."""
    return {"optionscope": __version__, "scenario_hash": scenario_hash(scenario), "seed": seed}
