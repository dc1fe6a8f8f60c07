"""Fuzzing: the bundled scenarios and a weights file, mutated one line at a time with
what tripped the loader before (tags, .inf/.nan, YAML 1.1 words, impossible dates,
control characters, empty mappings), are accepted or refused with exit 2 and a
`file:line` location; never exit 1, and never refused without a place.

Bounded in examples (FUZZ_EXAMPLES=N runs more) and derandomised on CI
(tests/conftest.py loads the `ci` profile).
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from optionscope.cli import cli
from optionscope.io.scenario_files import bundled_dir

SCENARIOS = {p.name: p.read_text(encoding="utf-8") for p in sorted(bundled_dir().glob("*.yaml"))}
TINY = Path(__file__).parents[1] / "data" / "tiny.yaml"
SCENARIOS["tiny.yaml"] = TINY.read_text(encoding="utf-8")
WEIGHTS = (
    "scenario: tiny\nprofile: treasurer\nnote: why\n"
    "weights:\n  cost: 60\n  safety: 20\n  speed: 20\n"
)

VALUES = st.sampled_from(
    [
        "!!int x", "!!float x", "!!bool maybe", "!!null x", "!!str 1", ".inf", "-.inf", ".nan",
        "yes", "no", "on", "off", "~", "", "2023-02-30", "0000-01-01", "20230116", "2023-13-01",
        "{}", "[]", "1e400", "-1", "0", "1e200", '"\\x1b[2J"', '"\\u202e"', '"\\x9b"', "'\x07'",
        "&a x", "*a", "[1, .nan]", "{a: 1}", "[[0, 0], [.inf, 100]]", "x\ny",
    ]
)  # fmt: skip
KEYS = st.sampled_from(["on", "~", "yes", "1", "id", "weights", "parent", "!!int x"])
SETTINGS = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
LOCATED = re.compile(r"^error: .*?\.(yaml|yml):\d+(:\d+)?: ")


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    """`text` with one to three lines changed: a value, a key, a line dropped or doubled,
    or a control character put in."""
    lines = text.splitlines()
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(lines) - 1))
        line = lines[i]
        kind = draw(st.sampled_from(["value", "key", "drop", "double", "control"]))
        head, sep, _rest = line.partition(": ")
        if kind == "value" and sep:
            lines[i] = f"{head}: {draw(VALUES)}"
        elif kind == "value" and line.lstrip().startswith("- "):
            lines[i] = line[: line.index("- ") + 2] + draw(VALUES)
        elif kind == "key" and sep:
            indent = head[: len(head) - len(head.lstrip(" -"))]
            lines[i] = f"{indent}{draw(KEYS)}: {_rest}"
        elif kind == "drop" and len(lines) > 1:
            del lines[i]
        elif kind == "double":
            lines.insert(i, line)
        else:
            at = draw(st.integers(0, len(line)))
            lines[i] = (
                line[:at] + draw(st.sampled_from(["\x07", "\x1b", "\x00", "\x9b"])) + line[at:]
            )
    return "\n".join(lines) + "\n"


def assert_exit_0_or_located_2(args: list[str]) -> int:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code in (0, 2), (args, result.output, result.exception)
    if result.exit_code == 2:
        errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
        assert errors, result.stderr
        for line in errors:
            assert LOCATED.match(line), f"refused without a place: {line!r}"
    return result.exit_code


@SETTINGS
@given(
    st.sampled_from(sorted(SCENARIOS)).flatmap(
        lambda n: st.tuples(st.just(n), mutated(SCENARIOS[n]))
    )
)
def test_a_mutated_scenario_is_accepted_or_refused_with_its_place(case: tuple[str, str]) -> None:
    name, text = case
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        if assert_exit_0_or_located_2(["validate", str(path)]) == 0:
            # what validate accepts, the analysis commands accept too
            assert_exit_0_or_located_2(["rank", str(path), "--format", "json"])
            assert_exit_0_or_located_2(["simulate", str(path), "--samples", "100"])


@SETTINGS
@given(mutated(WEIGHTS))
def test_a_mutated_weights_file_is_accepted_or_refused_with_its_place(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "weights.yaml"
        path.write_text(text, encoding="utf-8")
        assert_exit_0_or_located_2(["rank", str(TINY), "--weights", str(path)])
