"""The weights commands print their numbers as every other surface does: a weight as
`rank` prints it (45.7% in `weights roc` read 45.6% in `rank`), a scale's ends as `show`
prints them (`from 3000 to 0`), ranks after a tie as the weights are computed (1, 2, 2,
4, 5, not 1, 2, 2, 3, 4), and the method's name in a Markdown heading as written
(`Barron &amp; Barrett`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from optionscope.cli import cli

FLOOD = Path(__file__).parents[1] / "data" / "flood-rivermouth.yaml"
ORDER = "damage,protection=capex,disruption,ecology"
NAMES = {
    "capex": "Capital cost",
    "damage": "Expected annual damage",
    "protection": "Protection standard",
    "ecology": "Ecological quality",
    "disruption": "Disruption to residents",
}


def _ok(*args: str) -> str:
    out = CliRunner().invoke(cli, list(args))
    assert out.exit_code == 0, out.output
    return out.stdout


def _rank_weights(text: str) -> dict[str, str]:
    """The weight column of `rank`'s contributions table, by criterion id."""
    lines = text.splitlines()
    return {
        cid: next(line for line in lines if line.startswith(name + " "))[len(name) :].split()[0]
        for cid, name in NAMES.items()
    }


def _elicited_weights(text: str) -> dict[str, str]:
    """The weight column (the last) of a weights command's table, by criterion id."""
    lines = text.splitlines()
    return {cid: next(x for x in lines if x.startswith(cid + " ")).split()[-1] for cid in NAMES}


@pytest.mark.parametrize(
    "args",
    [
        ["roc", "--order", ORDER],
        ["roc", "--order", "ecology,disruption=damage,capex=protection"],
        ["swing", "capex=100", "damage=80", "protection=50", "disruption=20", "ecology=10"],
        ["swing", "capex=100", "damage=100", "protection=100", "disruption=7", "ecology=3"],
    ],
)
def test_a_weight_reads_the_same_in_the_weights_table_and_in_rank(
    tmp_path: Path, args: list[str]
) -> None:
    target = tmp_path / "w.yaml"
    elicited = _ok("weights", args[0], "-s", str(FLOOD), *args[1:], "--output", str(target))
    ranked = _ok("rank", str(FLOOD), "--weights", str(target))
    assert _elicited_weights(elicited) == _rank_weights(ranked)


def test_the_example_of_the_finding_reads_45_6_percent_in_both(tmp_path: Path) -> None:
    target = tmp_path / "roc.yaml"
    elicited = _ok("weights", "roc", "-s", str(FLOOD), "--order", ORDER, "--output", str(target))
    assert (
        _elicited_weights(elicited)["damage"]
        == _rank_weights(_ok("rank", str(FLOOD), "--weights", str(target)))["damage"]
    )
    assert sum(float(v.rstrip("%")) for v in _elicited_weights(elicited).values()) == pytest.approx(
        100.0
    )


def test_swing_ends_read_as_show_prints_them() -> None:
    out = _ok("weights", "swing", "-s", str(FLOOD), "capex=100", "damage=80", "protection=50")
    assert "Capital cost: from 3,000 to 0 EUR million" in out
    assert "Protection standard: from 10 to 10,000 return period (years)" in out
    shown = _ok("show", str(FLOOD))
    assert "0 to 3,000" in shown and "10 to 10,000" in shown


def test_roc_ranks_after_a_tie_are_the_positions_whose_weights_are_given() -> None:
    out = _ok("weights", "roc", "-s", str(FLOOD), "--order", ORDER)
    ranks = {
        cid: next(x for x in out.splitlines() if x.startswith(cid + " ")).split()[-2]
        for cid in NAMES
    }
    assert ranks == {
        "damage": "1",
        "protection": "2",
        "capex": "2",
        "disruption": "4",
        "ecology": "5",
    }
    data = json.loads(_ok("weights", "roc", "--order", ORDER, "--format", "json"))
    assert data["given"] == {
        "damage": "1",
        "protection": "2",
        "capex": "2",
        "disruption": "4",
        "ecology": "5",
    }
    # position 4 of 5 has the rank-order centroid weight (1/4 + 1/5) / 5
    assert data["weights"]["disruption"] == pytest.approx((1 / 4 + 1 / 5) / 5)


@pytest.mark.parametrize("method", ["roc", "swing", "ahp"])
def test_the_markdown_heading_names_the_method_as_written(tmp_path: Path, method: str) -> None:
    judgements = tmp_path / "j.yaml"
    judgements.write_text(
        "judgements:\n  - [capex, damage, 3]\n  - [capex, protection, 2]\n"
        "  - [damage, protection, 1/2]\n",
        encoding="utf-8",
    )
    args = {
        "roc": ["--order", ORDER],
        "swing": ["capex=100", "damage=80"],
        "ahp": [str(judgements)],
    }[method]
    out = _ok("weights", method, "-s", str(FLOOD), *args, "--format", "md")
    head, rest = out.split("\n", 1)
    assert head.startswith("# ") and head.endswith(" for flood-rivermouth"), head
    assert "&amp;" not in out and "\\(" not in head
    assert rest.startswith("\n| criterion |"), rest[:40]  # one blank line, then the table
    if method == "roc":
        assert head == "# Rank-order centroid weights (Barron & Barrett 1996) for flood-rivermouth"
