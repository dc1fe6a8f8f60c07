"""Every table a Markdown output writes renders as a table.

The report's "Which sources the lead rests on" table came out on one line (its line
breaks made spaces, as a sentence's are), so a renderer showed a paragraph of pipes.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from markdown_render import html_of
from optionscope.cli import cli

DATA = Path(__file__).parents[1] / "data"
DELIMITER_ROW = re.compile(r"^\| *:?-{3,}:? *\|", re.M)


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, (args, result.output, result.exception)
    return result.stdout


@pytest.mark.parametrize(
    "scenario", ["minusma-2023", "monusco-2024", str(DATA / "flood-defence.yaml")]
)
def test_every_table_of_the_markdown_report_renders_as_a_table(
    scenario: str, tmp_path: Path
) -> None:
    out = tmp_path / "report.md"
    run("report", scenario, "-o", str(out))
    text = out.read_text(encoding="utf-8")
    assert "| | ---" not in text  # a table folded onto one line
    tables = len(DELIMITER_ROW.findall(text))
    assert tables >= 5
    assert html_of(text).count("<table>") == tables


def test_the_sources_table_says_its_score_column_is_a_change() -> None:
    """Its column read "leader's score" and held how far the score fell (-2.5 where the
    leader scores 85.8)."""
    text = run("sources", "minusma-2023", "--format", "md")
    header = next(line for line in text.splitlines() if line.startswith("| source"))
    assert "| change in the leader's score |" in header
