"""Above 50 options a dominated option is named with the undominated options that dominate
it (on few criteria, every dominating option made tables of gigabytes): every view says so,
the frontier's table, CSV and JSON, the briefing and the value-for-money screen."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from optionscope.cli import cli

NOTE = (
    "With more than 50 options, each dominated option is named with the undominated options "
    "that dominate it, not with every option that does."
)


def _matrix(tmp_path: Path, m: int) -> Path:
    rng = np.random.default_rng(m)
    rows = ["option,a,b,c (min)"] + [
        f"o{i},{x:.3f},{y:.3f},{z:.3f}" for i, (x, y, z) in enumerate(rng.random((m, 3)))
    ]
    path = tmp_path / f"m{m}.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def _run(*args: str) -> str:
    out = CliRunner().invoke(cli, list(args))
    assert out.exit_code == 0, out.output
    return out.stdout


@pytest.mark.parametrize("m", [50, 300])
def test_the_frontier_says_which_dominating_options_it_names(tmp_path: Path, m: int) -> None:
    path = _matrix(tmp_path, m)
    many = m > 50
    text = " ".join(_run("frontier", str(path), "--cost-criterion", "c").split())
    assert ("dominated by (undominated options only)" in text) == many
    assert (NOTE in text) == many
    data = json.loads(_run("frontier", str(path), "--cost-criterion", "c", "--format", "json"))
    assert data["dominated_by_undominated_only"] is many
    dominated = {d["option"] for d in data["dominated"]}
    named = {o for d in data["dominated"] for o in d["dominated_by"]}
    assert dominated and (not named & dominated) == many  # above 50, none is dominated
    header = next(csv.reader(io.StringIO(_run("frontier", str(path), "--cost-criterion", "c",
                                              "--format", "csv"))))  # fmt: skip
    assert header[-1] == ("dominated_by_undominated_only" if many else "dominated_by")


@pytest.mark.parametrize("kind", ["md", "html", "json"])
def test_the_briefing_says_which_dominating_options_it_names(tmp_path: Path, kind: str) -> None:
    path = _matrix(tmp_path, 300)
    out = tmp_path / f"b.{kind}"
    _run("report", "--samples", "1000", "-o", str(out), str(path))
    page = out.read_text(encoding="utf-8")
    if kind == "json":
        assert json.loads(page)["dominated_by_undominated_only"] is True
    else:
        assert NOTE in " ".join(page.split())
