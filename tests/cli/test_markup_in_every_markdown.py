"""Markdown written in a scenario's text shows as typed in every Markdown output.

A scenario is written by a stranger: `**Leader**` in an option's name must read
`**Leader**`, not put the name in bold; backticks, underscores, tildes, brackets and
image marks likewise. Each output is rendered by a CommonMark renderer (with GFM
tables and strikethrough), and no emphasis, code, strike, link or image in what it
renders holds text that came from the scenario.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from markdown_render import read
from optionscope.cli import cli

HOSTILE = Path(__file__).parents[1] / "data" / "hostile-everything.yaml"
MARKERS = ("BOLD", "CODE", "EMPH", "UNDER", "STRIKE", "LINKED", "PICTURE", "REF")
MARKUP = (
    "**BOLD** `CODE` *EMPH* _UNDER_ ~~STRIKE~~ [LINKED](https://example.org) "
    "![PICTURE](https://example.org/p.png) [REF][1]"
)
SHORT = "**BOLD** _UNDER_ `CODE` ~~STRIKE~~ [LINKED](https://e.org)"
"""For names that have at most 60 characters."""
DEFINITION = "\n\n[1]: https://example.org"
"""A link reference definition, in the fields that may hold more than one line."""
ONE_LINE = {"name", "short", "label", "unit", "group", "title", "publisher", "author"}
TEXT_KEYS = {
    "title",
    "question",
    "summary",
    "framing",
    "author",
    "publisher",
    "document",
    "note",
    "name",
    "text",
    "label",
    "unit",
    "group",
    "description",
    "rationale",
    "derivation",
    "mitigation",
    "stance",
    "gains",
    "gives_up",
    "short",
}


def marked(node: object, key: str = "", owner: str = "") -> object:
    """Every text field's text marked up; a name or short label also ends with its
    owner's id, as names must differ (tables and charts tell options apart by them)."""
    if isinstance(node, dict):
        ident = str(node.get("id", owner))
        return {k: marked(v, k, ident) for k, v in node.items()}
    if isinstance(node, list):
        return [marked(v, key, owner) for v in node]
    if isinstance(node, str) and key in TEXT_KEYS:
        text = MARKUP if key in ONE_LINE else MARKUP + DEFINITION
        return f"{text} {owner}" if key in ("name", "short") and owner else text
    return node


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> str:
    data = marked(yaml.safe_load(HOSTILE.read_text()))
    path = tmp_path_factory.mktemp("markup") / "markup-everywhere.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    return str(path)


def rendered_markup(markdown: str) -> list[str]:
    """The scenario's words a renderer put in emphasis, code, a strike, a link or an image."""
    return [t for t in read(markdown).marked if any(m in t for m in MARKERS)]


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, (args, result.output, result.exception)
    return result.stdout


COMMANDS = [
    ("rank",),
    ("rank", "--method", "topsis"),
    ("rank", "--method", "promethee"),
    ("rank", "--profile", "treasurer"),
    ("compare",),
    ("sensitivity",),
    ("sensitivity", "--profile", "treasurer"),
    ("simulate", "--samples", "200"),
    ("simulate", "--samples", "200", "--gates"),
    ("gates",),
    ("frontier",),
    ("sources",),
    ("show",),
]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_markdown_output_shows_scenario_markup_as_typed(
    scenario: str, command: tuple[str, ...]
) -> None:
    out = run(command[0], scenario, *command[1:], "--format", "md")
    assert rendered_markup(out) == []


def test_diff_shows_scenario_markup_as_typed(scenario: str) -> None:
    assert rendered_markup(run("diff", scenario, scenario, "--format", "md")) == []


def test_the_report_shows_scenario_markup_as_typed(scenario: str, tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    run("report", scenario, "-o", str(out))
    assert rendered_markup(out.read_text()) == []


def test_the_brief_shows_scenario_markup_as_typed(scenario: str, tmp_path: Path) -> None:
    out = tmp_path / "brief.md"
    run("workshop", "brief", scenario, "-o", str(out))
    assert rendered_markup(out.read_text()) == []


def test_a_workshop_shows_markup_in_names_notes_and_scenario_as_typed(
    scenario: str, tmp_path: Path
) -> None:
    db = str(tmp_path / "ws.db")
    codes = json.loads(
        run("workshop", "new", scenario, "--db", db, "--name", SHORT, "--format", "json")
    )
    weights = tmp_path / "w.yaml"
    weights.write_text("weights: {cost: 1, safety: 2, speed: 3}\n", encoding="utf-8")
    run(
        "workshop", "submit", "--db", db, "--participant", SHORT,
        "--weights", str(weights), "--seat", "treasurer", "--note", MARKUP,
    )  # fmt: skip
    run("workshop", "event", "--db", db, "--code", codes["facilitator_code"])
    assert rendered_markup(run("workshop", "results", "--db", db, "--format", "md")) == []
    run("workshop", "reveal", "--db", db, "--code", codes["facilitator_code"])
    out = tmp_path / "aar.md"
    run("workshop", "aar", "--db", db, "-o", str(out))
    assert rendered_markup(out.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("name", ["minusma-2023", "monusco-2024"])
def test_escaping_shows_no_backslash_or_entity_and_keeps_the_writers_own_bold(
    name: str, tmp_path: Path
) -> None:
    """What the escaping adds is gone once rendered: a reader sees no `\\` or `&amp;`, and
    the words the writer puts in bold (section titles) are still bold."""
    report, brief = tmp_path / "report.md", tmp_path / "brief.md"
    run("report", name, "-o", str(report))
    run("workshop", "brief", name, "-o", str(brief))
    outputs = {
        "report": report.read_text(encoding="utf-8"),
        "brief": brief.read_text(encoding="utf-8"),
        "show": run("show", name, "--format", "md"),
        "sources": run("sources", name, "--format", "md"),
    }
    for what, markdown in outputs.items():
        seen = read(markdown)
        text = "".join(seen.text)
        for shown in ("\\", "&amp;", "&lt;", "&gt;"):
            assert shown not in text, (what, text[text.index(shown) - 60 :][:120])
        if what in ("report", "brief"):
            assert {"Preconditions", "Costs"} <= set(seen.bold), (what, seen.bold)
