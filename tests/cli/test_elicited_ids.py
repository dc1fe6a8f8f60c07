"""Weights elicited without a scenario are named by ids a weights file can hold:
`weights roc --order '@x,+y' --output roc.yaml` wrote a file that `rank --weights` then
refused ("String should match pattern")."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from optionscope.cli import cli


@pytest.mark.parametrize(
    "args",
    [
        ["weights", "roc", "--order", "@x,+y"],
        ["weights", "roc", "--order", "Cost,safety"],
        ["weights", "swing", "Cost=100", "safety=50"],
        ["weights", "roc", "--order", "a" * 65 + ",b"],
    ],
)
def test_a_name_that_cannot_be_an_id_is_refused_before_anything_is_written(
    tmp_path: Path, args: list[str]
) -> None:
    out_file = tmp_path / "w.yaml"
    out = CliRunner().invoke(cli, [*args, "--output", str(out_file)])
    assert out.exit_code == 2, out.output
    assert "is not an id" in out.stderr or "an id has at most 64" in out.stderr
    assert not out_file.exists()


def test_ids_written_are_read_back(tmp_path: Path) -> None:
    out_file = tmp_path / "w.yaml"
    out = CliRunner().invoke(
        cli, ["weights", "roc", "--order", "cost,safety=speed", "--output", str(out_file)]
    )
    assert out.exit_code == 0, out.output
    tiny = Path(__file__).parents[1] / "data" / "tiny.yaml"
    back = CliRunner().invoke(cli, ["rank", str(tiny), "--weights", str(out_file)])
    assert back.exit_code == 0, back.output
