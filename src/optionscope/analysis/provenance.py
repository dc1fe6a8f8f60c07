"""What a result needs to be reproduced: the version, the scenario content hash, the seed."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from operator import attrgetter
from typing import Any

from pydantic import BaseModel

from optionscope import __version__
from optionscope.model.matrix_cells import canonical_json
from optionscope.model.scenario import Option, Scenario


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
    (`MatrixCells.assessments_json`), the same text, without an object per cell, and
    its options from one option's text (`options_json`); the other fields are dumped as
    usual, and the keys joined in sorted order, as `canonical_json` joins them.
    """
    cells = scenario.matrix_cells()
    if cells is None:
        yield canonical_json(scenario.model_dump(mode="json"))
        return
    # BaseModel's dump: the scenario's own makes the assessments, which are left out here
    rest = BaseModel.model_dump(scenario, mode="json", exclude={"assessments", "options"})
    keys = sorted([*rest, "assessments", "options"])
    for n, key in enumerate(keys):
        yield ("{" if n == 0 else ",") + canonical_json(key) + ":"
        if key == "assessments":
            yield from cells.assessments_json()
        elif key == "options":
            yield "[" + ",".join(options_json(scenario.options)) + "]"
        else:
            yield canonical_json(rest[key])
    yield "}"


_ROW_FIELDS = ("id", "name", "summary")
"""The fields in which the options of a matrix's rows differ."""

_SAME_IN_EVERY_ROW = attrgetter(*(f for f in Option.model_fields if f not in _ROW_FIELDS))


def options_json(options: Sequence[Option]) -> Iterator[str]:
    """`canonical_json` of each option's JSON dump.

    A matrix's rows are options alike but for their id, name and summary: the first
    one's text is written once with a mark for each, and every option alike in its
    other fields has them filled in (a dump of 10,000 options and its JSON were half
    the time of the content hash); any other option is dumped as usual.
    """
    if not options:
        return
    first = options[0]
    pieces = _marked_pieces(first)
    alike = _SAME_IN_EVERY_ROW(first)
    start, after_id, after_name, end = pieces or ("", "", "", "")
    for option in options:
        if pieces and type(option) is Option and _SAME_IN_EVERY_ROW(option) == alike:
            yield (
                f"{start}{canonical_json(option.id)}{after_id}{canonical_json(option.name)}"
                f"{after_name}{canonical_json(option.summary)}{end}"
            )
        else:
            yield canonical_json(option.model_dump(mode="json"))


def _marked_pieces(option: Option) -> list[str]:
    """The option's JSON text cut where its id, name and summary go; none (no template)
    for an option with a number in its other fields (equal numbers, as -0.0 and 0.0,
    may be written apart) or whose text holds a mark."""
    if type(option) is not Option or option.preconditions or option.costs or option.risks:
        return []
    marked = option.model_dump(mode="json")
    marked.update({f: _mark(f) for f in _ROW_FIELDS})
    pieces = [canonical_json(marked)]
    for f in _ROW_FIELDS:  # keys sorted: id, name, summary in that order
        split = pieces[-1].split(canonical_json(_mark(f)))
        if len(split) != 2 or any(canonical_json(_mark(g)) in split[0] for g in _ROW_FIELDS):
            return []  # a mark found twice, or out of order
        pieces[-1:] = split
    return pieces


def _mark(field: str) -> str:
    """Where a field's text goes in an option's JSON: no other text of an option holds it."""
    return f"\x00{field}\x00"


def provenance(scenario: Scenario, seed: int | None = None) -> dict[str, Any]:
    """`{"optionscope": version, "scenario_hash": ..., "seed": ...}` for a result's JSON."""
    return {"optionscope": __version__, "scenario_hash": scenario_hash(scenario), "seed": seed}
