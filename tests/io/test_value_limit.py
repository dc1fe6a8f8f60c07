"""A file of millions of values is refused where it passes the limit, before it is built.

A 10 MB scenario holding a list of five million items took about 25 s and 1.9 GB to be
refused for its unknown key: read as plain data, then again as a node tree to say where
the key stands. The limit (`yaml_loader.MAX_VALUES`) is lowered here so that small files
pass it; one test reads a real file of five million values.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from optionscope.cli import cli
from optionscope.io import plain_yaml, yaml_loader
from optionscope.io.errors import InputError
from optionscope.io.scenario_files import load_scenario
from python_run import command_peak

SCENARIO = Path(__file__).resolve().parents[2] / "scenarios" / "minusma-2023.yaml"


def lower_the_limit(monkeypatch: pytest.MonkeyPatch, limit: int) -> None:
    monkeypatch.setattr(yaml_loader, "MAX_VALUES", limit)
    monkeypatch.setattr(plain_yaml, "MAX_VALUES", limit)


def count_values(text: str) -> int:
    """Values as the limit counts them: keys, items, texts and collections."""
    return int(plain_yaml._counted(text)[1])


def line_of_value(text: str, number: int) -> int:
    """The line (1-based) of item `number` (from 1) of the block list of `- 1` items."""
    lines = text.splitlines()
    items = [i for i, line in enumerate(lines) if line == "- 1"]
    return items[number - 1] + 1


def test_a_scenario_past_the_limit_is_refused_at_the_first_value_past_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = SCENARIO.read_text(encoding="utf-8")
    before = count_values(base)
    text = base + "extra_stuff:\n" + "- 1\n" * 3000
    path = tmp_path / "big.yaml"
    path.write_text(text, encoding="utf-8")
    lower_the_limit(monkeypatch, before + 2000)
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 2, result.output
    # the key is value before + 1, its list before + 2, its items from before + 3 on
    line = line_of_value(text, 2000 - 1)
    assert f"big.yaml:{line}:3: the file holds more than {before + 2000:,} values" in result.output
    assert "remove what does not belong in it" in result.output


def test_a_document_read_in_halves_is_counted_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each half within the limit, both together past it: refused, at the place in the
    whole file (a half's own lines would be off by the first half's)."""
    base = SCENARIO.read_text(encoding="utf-8")
    items = (plain_yaml.HALVES_FROM // 4) + 50_000
    text = base + "extra_stuff:\n" + "- 1\n" * items
    assert len(text) >= plain_yaml.HALVES_FROM
    limit = count_values(base) + 2 + items * 3 // 4
    lower_the_limit(monkeypatch, limit)
    with pytest.raises(InputError) as exc:
        load_scenario(_written(tmp_path, text))
    (problem,) = exc.value.problems
    assert (problem.line, problem.column) == (line_of_value(text, items * 3 // 4 + 1), 3)


def test_a_weights_file_past_the_limit_is_refused_before_its_tree_is_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "w.yaml"
    limit = count_values(SCENARIO.read_text(encoding="utf-8"))  # the scenario itself passes
    path.write_text("scenario: minusma-2023\nweights:\n  x: [" + "1, " * limit + "1]\n")
    lower_the_limit(monkeypatch, limit)
    result = CliRunner().invoke(cli, ["rank", "minusma-2023", "--weights", str(path)])
    assert result.exit_code == 2, result.output
    assert "w.yaml:3:" in result.output
    assert f"more than {limit:,} values" in result.output


def test_a_scenario_within_the_limit_reads_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    text = SCENARIO.read_text(encoding="utf-8")
    lower_the_limit(monkeypatch, count_values(text))
    assert load_scenario(str(SCENARIO)).id == "minusma-2023"


def test_five_million_values_are_refused_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_text(
        SCENARIO.read_text(encoding="utf-8") + "extra_stuff: [" + "1," * 5_000_000 + "1]\n",
        encoding="utf-8",
    )
    code, peak_mib = command_peak(str(tmp_path / "err"), ["validate", str(path)])
    message = (tmp_path / "err").read_text()
    assert code == 2, message
    assert "the file holds more than 4,000,000 values" in message
    assert "huge.yaml:" in message
    # stopped long before the node tree, which took 1.9 GB
    assert peak_mib < 600, peak_mib


def _written(folder: Path, text: str) -> str:
    path = folder / "halves.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)
