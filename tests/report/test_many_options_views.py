"""Above 50 options SMAA counts ranks 1 to 3 only: every view says so in plain words."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from optionscope.cli import cli

BOUNDED = "only ranks 1 to 3 are counted"


@pytest.fixture(scope="module")
def matrix(tmp_path_factory: pytest.TempPathFactory) -> Path:
    rng = np.random.default_rng(5)
    rows = ["option,A,B (min),C", "weight,2,1,1"]
    rows += [f"Option {i}," + ",".join(f"{v:.2f}" for v in rng.uniform(0, 100, 3))
             for i in range(60)]  # fmt: skip
    path = tmp_path_factory.mktemp("many") / "sixty.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_the_simulation_text_says_only_the_first_ranks_were_counted(matrix: Path) -> None:
    text = _run("simulate", "--samples", "2000", str(matrix))
    assert BOUNDED in text and "never ranked in the top 3" in text
    header = next(line for line in text.splitlines() if line.startswith("option "))
    assert "#3" in header and "#4" not in header


def test_the_simulation_json_and_csv_carry_three_ranks(matrix: Path) -> None:
    data = json.loads(_run("simulate", "--samples", "2000", "--format", "json", str(matrix)))
    assert data["ranks_counted"] == 3 and data["options_simulated"] <= 60
    assert all(len(v) == 3 for v in data["acceptability"].values())
    assert all(v is None for v in data["expected_rank"].values())
    assert any(BOUNDED in s for s in data["summary"])
    rows = list(
        csv.reader(io.StringIO(_run("simulate", "-n", "2000", "--format", "csv", str(matrix))))
    )
    assert "rank_3" in rows[0] and "rank_4" not in rows[0]


def test_the_briefing_says_so_and_describes_the_first_fifty(matrix: Path, tmp_path: Path) -> None:
    out = tmp_path / "b.md"
    _run("report", "--samples", "2000", "-o", str(out), str(matrix))
    text = out.read_text(encoding="utf-8")
    assert BOUNDED in text and "The other 10 options" in text
    assert "| #3 |" in text and "#4" not in text


def test_a_few_options_keep_every_rank_and_no_such_sentence() -> None:
    text = _run("simulate", "--samples", "2000", "tests/data/tiny.yaml")
    assert BOUNDED not in text and "never ranked in the top" not in text


@pytest.fixture(scope="module")
def sixty_with_profiles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """60 options, 3 criteria, two stakeholder profiles (a table per profile and option)."""
    import yaml

    rng = np.random.default_rng(6)
    crit = [{"id": f"c{j}", "name": f"Criterion {j}", "scale": {"min": 0, "max": 10}}
            for j in range(3)]  # fmt: skip
    options = [{"id": f"o{i}", "name": f"Option {i}", "summary": "Generated."} for i in range(60)]
    data = {
        "id": "sixty",
        "title": "Sixty options",
        "question": "Which one?",
        "as_of": "2024-01-01",
        "criteria": crit,
        "options": options,
        "assessments": {
            o["id"]: {c["id"]: {"value": round(float(rng.uniform(0, 10)), 2)} for c in crit}
            for o in options
        },
        "profiles": [
            {"id": "p1", "name": "First seat", "weights": {"c0": 3, "c1": 1, "c2": 1}},
            {"id": "p2", "name": "Second seat", "weights": {"c0": 1, "c1": 1, "c2": 3}},
        ],
    }
    path = tmp_path_factory.mktemp("sixty") / "sixty.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def sixty_briefing(
    sixty_with_profiles: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, str]:
    """The sixty options' briefing, as Markdown and as HTML."""
    folder = tmp_path_factory.mktemp("briefings")
    out: dict[str, str] = {}
    for kind in ("md", "html"):
        path = folder / f"b.{kind}"
        _run("report", "--samples", "1000", "-o", str(path), str(sixty_with_profiles))
        out[kind] = path.read_text(encoding="utf-8")
    return out


def _table_widths(text: str, first_cells: str) -> list[int]:
    """The number of cells of each Markdown table with a column per option (more cells
    than `first_cells`), whose header starts with `first_cells`."""
    widths = [
        len(line.strip().strip("|").split("|"))
        for line in text.splitlines()
        if line.startswith(f"| {first_cells} |")
    ]
    return [w for w in widths if w > first_cells.count("|") + 2]


def test_a_briefings_tables_with_a_column_per_option_show_the_first_fifty(
    sixty_briefing: dict[str, str],
) -> None:
    text = sixty_briefing["md"]
    assert _table_widths(text, "criterion | weight") == [2 + 50]
    assert _table_widths(text, "profile") == [1 + 50 + 1]
    assert text.count("The other 10 options, ranked below these, are left out of this table.") == 2
    ranking = text.split("## Ranking", 1)[1].split("Contributions", 1)[0]
    assert ranking.count("| Option ") == 60  # the ranking itself lists every option


def test_an_html_briefing_charts_the_first_fifty_and_lists_the_whole_ranking(
    sixty_briefing: dict[str, str],
) -> None:
    html = sixty_briefing["html"]
    assert (
        "The other 10 options, ranked below these, are left out of this chart and the "
        "contributions table." in html
    )
    assert "left out of this table" in html  # the stakeholders' table
    why = html.split("Ranking and why", 1)[1].split("How firm is it", 1)[0]
    ranking = why.split("Ranking by", 1)[1].split("</table>", 1)[0]
    assert ranking.count("<tr>") == 1 + 60  # the header and every option


def test_fifty_options_are_all_shown(tmp_path: Path) -> None:
    rows = ["option,A,B", "weight,1,1"] + [f"Option {i},{i},{50 - i}" for i in range(50)]
    path = tmp_path / "fifty.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "b.md"
    _run("report", "--samples", "1000", "-o", str(out), str(path))
    text = out.read_text(encoding="utf-8")
    assert _table_widths(text, "criterion | weight") == [2 + 50]
    assert "left out of this" not in text


def test_the_charted_scores_read_as_the_tables_do(sixty_briefing: dict[str, str]) -> None:
    """Scores that are not tied never print the same, in the chart as in the tables."""
    import re

    html = sixty_briefing["html"]
    charted = re.findall(r"font-weight='bold'>([^<]+)</text>", html)
    assert len(charted) == 50
    ranking = html.split("Ranking by", 1)[1].split("</table>", 1)[0]
    listed = re.findall(r"<td class=n>([0-9.]+)</td></tr>", ranking)
    assert charted == listed[:50]


def test_the_charted_contributions_read_as_the_table_prints_them(
    sixty_briefing: dict[str, str],
) -> None:
    import re

    html = sixty_briefing["html"]
    chart = html.split("Ranking and why", 1)[1].split("</svg>", 1)[0]
    tips = re.findall(r"<title>Criterion 0: ([^<]+)</title></rect>", chart)
    table = html.split("Ranking by", 1)[1].split("</table>", 2)[1]  # the contributions table
    row = re.search(r"<td>Criterion 0</td><td class=n>[0-9.]+%</td>(.*?)</tr>", table)
    assert row is not None
    cells = re.findall(r"<td class=n>([^<]+)</td>", row.group(1))
    shown = [c for c in cells if float(c) > 0]  # a segment of nothing is not drawn
    assert tips == shown


def test_the_contributions_charts_description_reads_as_the_ranking_prints(
    sixty_briefing: dict[str, str],
) -> None:
    """The chart's description (read aloud by screen readers) tells each charted option's
    score as the ranking table prints it."""
    import re

    html = sixty_briefing["html"]
    chart = html.split("Ranking and why", 1)[1].split("</svg>", 1)[0]
    desc = re.search(r"<desc>([^<]*)</desc>", chart)
    assert desc is not None
    told = [part.rsplit(": ", 1)[1] for part in desc.group(1).split("; ")]
    ranking = html.split("Ranking by", 1)[1].split("</table>", 1)[0]
    listed = re.findall(r"<td class=n>([0-9.]+)</td></tr>", ranking)
    assert len(told) == 50
    assert told == listed[:50]
