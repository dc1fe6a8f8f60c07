"""`diff`'s change column is the difference of the two scores as printed: 70.9 to 85.2
read +14.2 and 50.6 to 74.8 read +24.3 (the unrounded scores' change, rounded)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from optionscope.cli import cli

FLOOD = Path(__file__).parents[1] / "data" / "flood-rivermouth.yaml"
ROC = {"damage": 0.456667, "protection": 0.206667, "capex": 0.206667, "disruption": 0.09,
       "ecology": 0.04}  # fmt: skip
SWING = {"capex": 0.555556, "damage": 0.444444, "protection": 0, "ecology": 0, "disruption": 0}


def _weights(path: Path, weights: dict[str, float]) -> str:
    lines = "".join(f"  {k}: {v}\n" for k, v in weights.items())
    path.write_text(f"scenario: flood-rivermouth\nweights:\n{lines}", encoding="utf-8")
    return str(path)


def test_each_change_is_the_difference_of_the_scores_shown(tmp_path: Path) -> None:
    a, b = _weights(tmp_path / "a.yaml", ROC), _weights(tmp_path / "b.yaml", SWING)
    out = CliRunner().invoke(cli, ["diff", "-s", str(FLOOD), a, b])
    assert out.exit_code == 0, out.output
    rows = [line.split() for line in out.output.splitlines() if line[-1:].isdigit()]
    checked = 0
    for row in rows:
        if len(row) < 5 or not row[-1].startswith(("+", "-", "0")):
            continue
        score_a, score_b, change = row[-3], row[-2], row[-1]
        decimals = len(score_a.partition(".")[2])
        assert len(change.partition(".")[2]) == decimals, row
        assert float(change) == round(float(score_b) - float(score_a), decimals), row
        checked += 1
    assert checked == 5, out.output


def test_the_markdown_names_a_and_b_on_lines_of_their_own(tmp_path: Path) -> None:
    from markdown_render import rendered_text

    a, b = _weights(tmp_path / "a.yaml", ROC), _weights(tmp_path / "b.yaml", SWING)
    out = CliRunner().invoke(cli, ["diff", "-s", str(FLOOD), a, b, "--format", "md"])
    assert out.exit_code == 0, out.output
    lines = rendered_text(out.output).splitlines()
    assert any(line.startswith("A: ") and "B: " not in line for line in lines), lines
    assert any(line.startswith("B: ") for line in lines), lines
