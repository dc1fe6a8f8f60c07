"""A CSV matrix keeps its cells as columns: the same scenario, the same results, less work.

Each scenario read from a matrix is compared with the one made the way every
other scenario is (validated from its data, an `Assessment` object per cell):
equal data, equal rankings, equal sensitivity, equal output in every format.
"""

from __future__ import annotations

import copy
import csv
import io
import pickle
import re
import runpy
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from optionscope.analysis.ranking import METHODS, rank
from optionscope.analysis.sensitivity import stability_intervals, tornado
from optionscope.analysis.value import performance_matrix, range_matrices
from optionscope.io.csv_matrix import csv_delimiter, csv_matrix_from_text, number_text
from optionscope.model.scenario import Assessment, Option, Scenario
from optionscope.report.tables import FORMATS, render_ranking

ROOT = Path(__file__).resolve().parents[2]
GENERATOR: dict[str, Any] = runpy.run_path(str(ROOT / "benchmarks" / "scenarios.py"))

MATRICES = {
    "generated": GENERATOR["matrix_csv"](60, 5),
    "no weights, a constant column, names that make one id": (
        'option,Cost (min),Reach,Flat\nA b,3,7,5\n"A ,b",1.5,-2e3,5\nC,0,0.25,5\nD, 12 , 1_000 ,5\n'
    ),
    "semicolons and decimal commas": (
        "option;Price (min);Quality\nweight;2;1\nOne;1 234,5;3\nTwo;999,25;4,5\nThree;0;-1\n"
    ),
    "ties": "option,x,y\nweight,1,1\na,1,2\nb,2,1\nc,1,2\nd,0,0\n",
}


def reference_assessments(text: str) -> list[list[Assessment]]:
    """Each option row's assessments, as the reader made them before it kept columns."""
    delimiter = csv_delimiter(text)
    rows = [r for r in csv.reader(io.StringIO(text), delimiter=delimiter) if r][1:]
    return [
        [
            Assessment(
                value=float(number_text(cell.strip(), delimiter == ";")),
                basis="figure",
                sources=["matrix"],
            )
            for cell in row[1:]
        ]
        for row in rows
        if row[0].strip().lower() != "weight"
    ]


def as_objects(matrix: Scenario) -> Scenario:
    """The same scenario validated from its data: an object per cell, no columns."""
    return Scenario.model_validate(matrix.model_dump())


@pytest.mark.parametrize("text", MATRICES.values(), ids=MATRICES.keys())
def test_a_matrix_has_the_assessments_its_cells_state(text: str) -> None:
    matrix = csv_matrix_from_text(text, "m.csv")
    assert matrix.matrix_cells() is not None
    expected = reference_assessments(text)
    assert list(matrix.assessments) == matrix.option_ids
    for oid, row in zip(matrix.option_ids, expected, strict=True):
        assert list(matrix.assessments[oid]) == matrix.criterion_ids
        assert list(matrix.assessments[oid].values()) == row
    assert matrix.model_fields_set == csv_matrix_from_text(text, "m.csv").model_fields_set


@pytest.mark.parametrize("text", MATRICES.values(), ids=MATRICES.keys())
def test_a_matrix_ranks_and_prints_as_the_same_scenario_with_an_object_per_cell(
    text: str,
) -> None:
    matrix = csv_matrix_from_text(text, "m.csv")
    objects = as_objects(csv_matrix_from_text(text, "m.csv"))
    assert objects.matrix_cells() is None
    assert objects == matrix
    weights = {c: 1.0 for c in matrix.criterion_ids}
    if matrix.profiles:
        weights = dict(matrix.profiles[0].weights)
    fresh = csv_matrix_from_text(text, "m.csv")  # ranked before anything makes its objects
    for method in METHODS:
        ranked = rank(fresh, weights, method)
        assert ranked == rank(objects, weights, method)
        for fmt in FORMATS:
            assert render_ranking(ranked, fresh, fmt, "w") == render_ranking(
                rank(objects, weights, method), objects, fmt, "w"
            )
    assert tornado(fresh, weights) == tornado(objects, weights)
    assert tornado(fresh, weights).bars == tornado(objects, weights).bars
    assert stability_intervals(fresh, weights) == stability_intervals(objects, weights)
    for got, want in zip(range_matrices(fresh), range_matrices(objects), strict=True):
        assert np.array_equal(got, want)


def test_a_copy_with_other_assessments_options_or_criteria_is_read_from_them() -> None:
    matrix = csv_matrix_from_text(MATRICES["generated"], "m.csv")
    first, c0 = matrix.option_ids[0], matrix.criterion_ids[0]
    changed = {oid: dict(row) for oid, row in matrix.assessments.items()}
    changed[first][c0] = Assessment(value=-5.0)
    other = matrix.model_copy(update={"assessments": changed})
    assert other.matrix_cells() is None
    assert performance_matrix(other)[0, 0] == -5.0
    assert performance_matrix(matrix)[0, 0] != -5.0

    reversed_options = matrix.model_copy(update={"options": matrix.options[::-1]})
    assert np.array_equal(performance_matrix(reversed_options), performance_matrix(matrix)[::-1])
    fewer = matrix.model_copy(update={"criteria": matrix.criteria[1:]})
    assert np.array_equal(performance_matrix(fewer), performance_matrix(matrix)[:, 1:])


def test_a_matrix_scenario_dumps_copies_and_pickles_with_its_assessments() -> None:
    text = MATRICES["generated"]
    reference = as_objects(csv_matrix_from_text(text, "m.csv"))
    dumped = reference.model_dump(mode="json")
    assert csv_matrix_from_text(text, "m.csv").model_dump(mode="json") == dumped
    assert csv_matrix_from_text(text, "m.csv").model_dump_json() == reference.model_dump_json()
    for made in (
        copy.deepcopy(csv_matrix_from_text(text, "m.csv")),
        pickle.loads(pickle.dumps(csv_matrix_from_text(text, "m.csv"))),
        csv_matrix_from_text(text, "m.csv").model_copy(),
    ):
        assert made.model_dump(mode="json") == dumped
        assert made == reference


def _validations_ranking(options: int, criteria: int) -> int:
    """pydantic validations made reading, ranking and printing an options x criteria matrix."""
    import cProfile
    import pstats

    header = "option," + ",".join(f"c{j}" for j in range(criteria))
    rows = "".join(
        f"o{i}," + ",".join(str((i * j) % 11) for j in range(criteria)) + "\n"
        for i in range(options)
    )

    def work() -> None:
        matrix = csv_matrix_from_text(f"{header}\n{rows}", "m.csv")
        weights = {c: 1.0 for c in matrix.criterion_ids}
        ranked = rank(matrix, weights)
        render_ranking(ranked, matrix, "table")
        tornado(matrix, weights).widest(8)
        stability_intervals(matrix, weights)

    profile = cProfile.Profile()
    profile.runcall(work)
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    return sum(v[1] for (_, _, name), v in stats.items() if "validate_python" in name)


def test_ranking_a_matrix_validates_nothing_per_cell() -> None:
    """An object per cell was 1.5 GB and most of the time at 100,000 rows x 12."""
    f = _validations_ranking
    # what grows with options x criteria: the second difference over both
    per_cell = f(40, 13) - f(40, 3) - f(20, 13) + f(20, 3)
    assert per_cell == 0
    assert f(20, 3) > 0  # the counting counts: criteria and profiles are validated


def test_a_large_matrix_takes_little_memory_per_cell() -> None:
    import tracemalloc

    text = GENERATOR["matrix_csv"](4000, 12)
    tracemalloc.start()
    try:
        matrix = csv_matrix_from_text(text, "m.csv")
        ranked = rank(matrix, dict(matrix.profiles[0].weights))
        size = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert len(ranked.ranking) == 4000
    assert size / (4000 * 12) < 400  # an object per cell took over 1,000 bytes


def test_a_matrix_makes_the_options_that_validating_each_row_makes() -> None:
    text = MATRICES["no weights, a constant column, names that make one id"]
    for name in ("m.csv", "dir/m.csv  ", "\u00a0m.csv"):  # ends that validation strips
        matrix = csv_matrix_from_text(text, name)
        for option, line in zip(matrix.options, range(2, 6), strict=True):
            validated = Option(
                id=option.id, name=option.name, summary=f"Row {line} of {name}", sources=["matrix"]
            )
            assert option == validated
            assert option.model_fields_set == validated.model_fields_set
            assert option.model_dump_json() == validated.model_dump_json()


@given(st.text(alphabet=list('a,;\t" \r\n\x0c\u2028\x85'), max_size=14))
def test_the_separator_is_read_from_the_first_line_with_text_as_a_text_stream_reads_it(
    text: str,
) -> None:
    """Found without copying a whole 100,000-row file to translate its line ends."""
    first = next((line for line in io.StringIO(text, newline=None) if line.strip()), "")
    unquoted = re.sub(r'"[^"]*"', "", first)
    expected = next((d for d in (",", ";", "\t") if d in unquoted), ",")
    assert csv_delimiter(text) == expected


def test_a_large_matrix_is_simulated_from_its_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    """SMAA reads a matrix's numbers from its columns: no assessment object is made (for
    10,000 rows that took longer than the simulation), and the numbers are the same."""
    from optionscope.analysis.smaa import smaa
    from optionscope.model import matrix_cells

    rng = np.random.default_rng(9)
    rows = "\n".join(f"Option {i}," + ",".join(f"{v:.3f}" for v in rng.uniform(0, 9, 3))
                     for i in range(60))  # fmt: skip
    text = f"option,A,B (min),C\n{rows}\n"
    made: list[int] = []
    original = matrix_cells.matrix_assessment

    def counting(value: float) -> Any:
        made.append(1)
        return original(value)

    monkeypatch.setattr(matrix_cells, "matrix_assessment", counting)
    matrix = csv_matrix_from_text(text, "m.csv")
    result = smaa(matrix, None, samples=400, seed=1, workers=1)
    assert made == [] and matrix.matrix_cells() is not None
    objects = as_objects(csv_matrix_from_text(text, "m.csv"))
    same = smaa(objects, None, samples=400, seed=1, workers=1)
    np.testing.assert_array_equal(result.rank_acceptability, same.rank_acceptability)


def test_a_matrix_is_tested_for_fragile_sources_from_its_columns(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Which assessments each source backs: every cell of a matrix cites the same ones, so
    no assessment object is made to find out, and the report is the same."""
    from optionscope.analysis.fragility import source_fragility
    from optionscope.model import matrix_cells

    text = "option,A,B (min),C\nweight,1,2,1\nX,1,2,3\nY,3,1,2\nZ,2,2,2\n"
    made: list[int] = []
    original = matrix_cells.matrix_assessment

    def counting(value: float) -> Any:
        made.append(1)
        return original(value)

    matrix = csv_matrix_from_text(text, "m.csv")
    weights = {c: 1.0 for c in matrix.criterion_ids}
    monkeypatch.setattr(matrix_cells, "matrix_assessment", counting)
    report = source_fragility(matrix, weights)
    assert len(made) <= 1 and matrix.matrix_cells() is not None
    monkeypatch.undo()
    assert report == source_fragility(as_objects(csv_matrix_from_text(text, "m.csv")), weights)
    assert [len(f.assessments) for f in report.sources] == [9]


HASHED = {
    **MATRICES,
    "numbers whose text is unlike their value, ids that sort apart from their rows": (
        "option,Z last,a (min),C10,C9,100% sure\nweight,1,2,3,4,5\n"
        'Ünïcode \\ "quoted",-0,1e-7,0.30000000000000004,12345678901234567890,5e30\n'
        "option 10,1.5,-2,0,1,1\noption 9,2.5,3,1e22,-1e-300,0.1\n"
    ),
}


def _hash_of_dump(scenario: Scenario) -> str:
    """The scenario hash as defined: SHA-256 of the sorted, spaceless JSON of its dump."""
    import hashlib
    import json

    text = json.dumps(
        scenario.model_dump(mode="json"), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


@pytest.mark.parametrize("text", HASHED.values(), ids=HASHED.keys())
def test_a_matrix_is_hashed_from_its_columns_to_the_hash_of_its_dump(text: str) -> None:
    """The content hash of a matrix is written from its columns, without an assessment
    object per cell (a second at 10,000 rows), and is the hash of its dump."""
    from optionscope.analysis.provenance import scenario_hash

    matrix = csv_matrix_from_text(text, "m.csv")
    got = scenario_hash(matrix)
    assert "assessments" not in matrix.__dict__  # no object made
    assert got == _hash_of_dump(as_objects(csv_matrix_from_text(text, "m.csv")))
    assert got == _hash_of_dump(matrix) == scenario_hash(matrix)  # its objects made now


@pytest.mark.parametrize("name", ["minusma-2023", "monusco-2024"])
def test_a_bundled_scenario_is_hashed_as_its_dump(name: str) -> None:
    from optionscope.analysis.provenance import scenario_hash
    from optionscope.io.scenario_files import load_scenario

    scenario = load_scenario(name)
    assert scenario_hash(scenario) == _hash_of_dump(scenario)


def test_a_matrix_briefing_makes_no_assessment_object_and_is_the_same_in_every_format() -> None:
    """The briefing counts a matrix's assessments by basis and hashes it from its columns."""
    from optionscope.report.briefing import briefing_json, build_briefing
    from optionscope.report.briefing_html import briefing_html
    from optionscope.report.briefing_markdown import briefing_markdown

    text = MATRICES["generated"]
    notes = []
    for scenario in (
        csv_matrix_from_text(text, "m.csv"),
        as_objects(csv_matrix_from_text(text, "m.csv")),
    ):
        weights = dict(scenario.profiles[0].weights)
        b = build_briefing(scenario, weights, "matrix", samples=1_000, command="optionscope x")
        notes.append([render(b) for render in (briefing_html, briefing_markdown, briefing_json)])
        if scenario.matrix_cells() is not None:
            assert "assessments" not in scenario.__dict__
    assert notes[0] == notes[1]
    assert "Assessments by basis: 300 figure." in notes[0][0]


def test_options_are_written_for_the_hash_as_their_dumps_whatever_they_hold() -> None:
    """A matrix's rows are written from the first one's text with their id, name and
    summary filled in; an option unlike it in any other field is dumped as usual."""
    from optionscope.analysis.provenance import options_json
    from optionscope.model.matrix_cells import canonical_json
    from optionscope.model.scenario import Precondition

    def gate(probability: float) -> list[Precondition]:
        return [Precondition(id="p", text="t", probability=probability)]

    options = [
        Option(id="a", name="A", summary="Row 2 of m.csv", sources=["matrix"]),
        Option(id="b-2", name='B "quoted" \\ Ünï %s', summary="Row 3 of m.csv", sources=["matrix"]),
        Option(id="c", name="C", summary="Row 4", sources=["other"]),
        Option(id="d", name="D", summary="Row 5", short="d", sources=["matrix"]),
        Option(id="e", name="E", summary="Row 6", reference=True, sources=["matrix"]),
        Option(id="f", name="F", summary="Row 7", parent="a", sources=["matrix"]),
        Option(id="g", name="G", summary="Row 8", preconditions=gate(0.0)),
        Option(id="h", name="H", summary="Row 9", preconditions=gate(-0.0)),  # equal, not alike
    ]
    for k in range(len(options)):  # each option first in turn
        turned = options[k:] + options[:k]
        expected = [canonical_json(o.model_dump(mode="json")) for o in turned]
        assert list(options_json(turned)) == expected
    assert list(options_json([])) == []
