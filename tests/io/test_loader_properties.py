"""Whatever a file holds, loading it gives a scenario or located problems, never a crash."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from optionscope.io.csv_matrix import csv_matrix_from_text
from optionscope.io.errors import InputError
from optionscope.io.scenario_files import scenario_from_text
from optionscope.io.yaml_loader import decode
from optionscope.model.scenario import Scenario

NAME = "input.yaml"
EXAMPLES = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def outcome(load: Callable[[], Scenario]) -> Scenario | InputError:
    """The scenario, or the InputError; any other exception fails the test."""
    try:
        return load()
    except InputError as err:
        return err


def assert_located(result: Scenario | InputError, name: str = NAME) -> None:
    if isinstance(result, InputError):
        assert result.problems
        assert all(p.file == name for p in result.problems), result.problems
        assert all(p.line >= 0 and p.column >= 0 for p in result.problems)


# Text that looks like YAML: its tokens in random order and nesting.
YAML_TOKENS = st.sampled_from(
    [
        "id", "title", "options", "criteria", "sources", "as_of", "a",
        ": ", "- ", "\n", "  ", "[", "]", "{", "}", ", ", "&a ", "*a", "<<: ",
        "? ", "'", '"', "#", "!!str ", "!!binary ", "!!python/none ", "|\n", "\t",
        "1", "-1e308", ".nan", ".inf", "~", "2024-05-01", "\\x1b", "\x00", "\ufeff",
    ]
)  # fmt: skip
YAMLISH = st.lists(YAML_TOKENS, max_size=40).map("".join)


@EXAMPLES
@given(st.text())
def test_any_text_loads_or_fails_with_located_problems(text: str) -> None:
    assert_located(outcome(lambda: scenario_from_text(text, NAME)))


@EXAMPLES
@given(YAMLISH)
def test_any_yaml_like_text_loads_or_fails_with_located_problems(text: str) -> None:
    assert_located(outcome(lambda: scenario_from_text(text, NAME)))


@EXAMPLES
@given(st.binary())
def test_any_bytes_load_or_fail_with_located_problems(raw: bytes) -> None:
    assert_located(outcome(lambda: scenario_from_text(decode(raw, NAME), NAME)))


TINY = (Path(__file__).parents[1] / "data" / "tiny.yaml").read_bytes()


@EXAMPLES
@given(st.integers(min_value=0, max_value=len(TINY)), st.binary(min_size=1, max_size=4))
def test_bytes_spliced_into_a_valid_file_load_or_fail_with_located_problems(
    at: int, junk: bytes
) -> None:
    raw = TINY[:at] + junk + TINY[at:]
    assert_located(outcome(lambda: scenario_from_text(decode(raw, NAME), NAME)))


@EXAMPLES
@given(st.integers(min_value=0, max_value=TINY.count(b"\n")), st.text(max_size=20))
def test_a_line_spliced_into_a_valid_file_loads_or_fails_with_located_problems(
    at: int, junk: str
) -> None:
    lines = TINY.decode("utf-8").splitlines()
    lines.insert(at, junk)
    text = "\n".join(lines) + "\n"
    assert_located(outcome(lambda: scenario_from_text(text, NAME)))


CSV_CELLS = st.sampled_from(
    ["option", "weight", "a", "b (min)", "c (max)", "1", "-1", "0", "2.5", "nan", "inf",
     "1e308", "x", '"', '"q,"', "", " ", "\r", "\n"]
)  # fmt: skip
CSVISH = st.lists(st.lists(CSV_CELLS, max_size=5).map(",".join), max_size=6).map("\n".join)


@EXAMPLES
@given(st.text())
def test_any_text_as_a_csv_matrix_loads_or_fails_with_located_problems(text: str) -> None:
    assert_located(outcome(lambda: csv_matrix_from_text(text, NAME)))


@EXAMPLES
@given(CSVISH)
def test_any_csv_like_text_loads_or_fails_with_located_problems(text: str) -> None:
    assert_located(outcome(lambda: csv_matrix_from_text(text, NAME)))
