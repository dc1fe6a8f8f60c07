"""An empty value where a name is expected is refused, saying so. `--profile ''` ranked
with equal weights and said nothing; `--weight ''` printed "equal weights with ."; an
empty scenario read '.' ("is a directory"); an empty --output was '.', which "exists
already; pass --force"."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from optionscope.cli import cli

TINY = str(Path(__file__).parents[1] / "data" / "tiny.yaml")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["rank", TINY, "--profile", ""], "--profile: an empty profile id"),
        (["sensitivity", TINY, "--profile", " "], "--profile: an empty profile id"),
        (["rank", TINY, "--weight", ""], "--weight: an empty value"),
        (["rank", TINY, "--weights", ""], "'--weights': an empty file name"),
        (["rank", ""], "an empty scenario name"),
        (["show", "  "], "an empty scenario name"),
        (["weights", "roc", "--order", "a,b", "--output", ""], "an empty file name"),
        (["report", TINY, "--output", ""], "an empty file name"),
    ],
)
def test_an_empty_value_is_refused_as_empty(args: list[str], said: str) -> None:
    out = CliRunner().invoke(cli, args)
    assert out.exit_code == 2, out.output
    assert said in out.stderr
    assert "exists already" not in out.stderr and "is a directory" not in out.stderr
    assert "equal weights" not in out.output


def test_weights_given_in_full_are_read_as_before(tmp_path: Path) -> None:
    out = CliRunner().invoke(cli, ["rank", TINY, "--weight", "cost=2,,safety=1"])
    assert out.exit_code == 0, out.output
