"""Text from a scenario file is shown as text: escape sequences made visible, brackets literal.

tests/data/hostile-text.yaml names an option "\\e[31mNorth [bold]road[/bold]" and has
markup-like brackets and an OSC-8 hyperlink escape in its title, summary and cost.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from markdown_render import rendered_text
from optionscope.cli import cli

HOSTILE = Path(__file__).parents[1] / "data" / "hostile-text.yaml"
NAME_SHOWN = "\\x1b[31mNorth [bold]road[/bold]"


def printed(*args: str) -> str:
    # color=True: click must not be what hides the escapes
    result = CliRunner().invoke(cli, list(args), color=True)
    assert result.exit_code == 0, (result.stderr, result.exception)
    return result.stdout


@pytest.mark.parametrize("fmt", ["table", "md"])
def test_rank_shows_an_escape_sequence_in_an_option_name_as_text(fmt: str) -> None:
    out = printed("rank", str(HOSTILE), "--format", fmt)
    assert "\x1b" not in out
    shown = rendered_text(out) if fmt == "md" else out  # Markdown: as a reader sees it
    assert NAME_SHOWN in shown
    assert "Scenario text that looks like markup [red]or escapes\\x1b[2J" in shown


def test_rank_json_keeps_the_name_as_data_escaped_by_json() -> None:
    out = printed("rank", str(HOSTILE), "--format", "json")
    assert "\x1b" not in out
    assert '"name": "\\u001b[31mNorth [bold]road[/bold]"' in out


@pytest.mark.parametrize("fmt", ["table", "md"])
def test_show_prints_scenario_text_with_escapes_visible_and_brackets_literal(fmt: str) -> None:
    out = printed("show", str(HOSTILE), "--format", fmt)
    assert "\x1b" not in out
    assert "\x07" not in out
    shown = rendered_text(out) if fmt == "md" else out
    assert NAME_SHOWN in shown
    assert "A short road [/] through [link=x]the hills\\x1b]8;;x\\x07." in shown
    assert "Tunnel [b]boring[/b]: 60 million" in shown


def test_compare_shows_the_option_name_as_text() -> None:
    out = printed("compare", str(HOSTILE), "--format", "table")
    assert "\x1b" not in out
    assert NAME_SHOWN in out
