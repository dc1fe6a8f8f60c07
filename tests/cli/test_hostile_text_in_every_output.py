"""A scenario whose every text field is hostile goes through every command and format
and comes out as text: no control or bidi character, no spreadsheet formula, no raw
HTML, no unsafe link, no Markdown structure injected through a line break.

tests/data/hostile-everything.yaml holds escape sequences (ESC, BEL, the C1 CSI),
bidirectional overrides, wide characters, formulas, HTML, `javascript:` links,
markup and `\\n# heading` in each text field.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from optionscope.cli import cli

HOSTILE = Path(__file__).parents[1] / "data" / "hostile-everything.yaml"
S = str(HOSTILE)

CONTROL_OR_BIDI = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b\u200c\u200e\u200f\u2028\u2029"
    "\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
    "\u00ad\U000e0000-\U000e007f]"  # soft hyphen, tags (which can hide text)
)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
HTML_TAG = re.compile(r"<[A-Za-z/!?]")
UNSAFE_LINK = re.compile(r"\](\(|:)[ \t]*(&lt;|<)?(?!https?:)[A-Za-z][A-Za-z0-9+.\-]*:", re.I)
INJECTED_LINE = re.compile(
    r"^\s*(?:(?:#{1,6}|[-+*]|\d{1,9}[.)]|>) +)+(?:\w+ )?(heading|injected item|item)\b"
)
"""A heading, quote or list item (nested ones too) opened by the fixture's text: it puts
`# heading`, `- item` after line breaks and at the start of a name."""


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), color=True)
    assert result.exit_code == 0, (args, result.output, result.exception)
    return result.stdout


def assert_terminal_safe(out: str) -> None:
    bad = CONTROL_OR_BIDI.search(out)
    assert bad is None, (
        f"{bad.group()!r} reaches the terminal in ...{out[bad.start() - 40 :][:80]!r}"
    )


def assert_csv_safe(out: str) -> None:
    assert_terminal_safe(out)
    for row in csv.reader(io.StringIO(out)):
        for cell in row:
            if cell.startswith(FORMULA_START):
                assert NUMBER.fullmatch(cell), f"CSV cell {cell!r} would start a formula"


def assert_json_safe(out: str) -> None:
    assert_terminal_safe(out)
    json.loads(out)  # valid
    assert not set("<>&") & set(out), "raw HTML characters in JSON"


def assert_markdown_safe(out: str) -> None:
    assert_terminal_safe(out)
    tag = HTML_TAG.search(out)
    assert tag is None, f"raw HTML in Markdown: {out[tag.start() :][:60]!r}"
    link = UNSAFE_LINK.search(out)
    assert link is None, f"unsafe link in Markdown: {out[link.start() - 20 :][:80]!r}"
    lines = out.splitlines()
    header_pipes = 0
    for line in lines:
        stripped = line.lstrip()
        if INJECTED_LINE.match(line):
            pytest.fail(f"structure injected through a line break or a name: {line!r}")
        if stripped.startswith("|"):  # a table row has as many cells as its header
            pipes = len(re.findall(r"(?<!\\)(?:\\\\)*\|", stripped))  # not escaped
            if header_pipes == 0:
                header_pipes = pipes
            assert pipes == header_pipes, f"a cell split a table row: {line!r}"
        else:
            header_pipes = 0


def assert_html_safe(out: str) -> None:
    assert_terminal_safe(out)
    for payload in ("<script>alert", "<img src=x", "<svg onload", "<b>", "<i>", "<u>"):
        assert payload not in out, f"raw {payload!r} in HTML"
    assert not re.search(r"""(href|src)\s*=\s*["']?\s*javascript:""", out, re.I)


CHECK = {
    "table": assert_terminal_safe,
    "csv": assert_csv_safe,
    "json": assert_json_safe,
    "md": assert_markdown_safe,
}

COMMANDS = [
    ("rank", S),
    ("rank", S, "--method", "topsis"),
    ("rank", S, "--method", "promethee"),
    ("compare", S),
    ("sensitivity", S),
    ("sensitivity", S, "--profile", "treasurer"),
    ("simulate", S, "--samples", "200"),
    ("simulate", S, "--samples", "200", "--gates"),
    ("gates", S),
    ("frontier", S),
    ("sources", S),
]


@pytest.mark.parametrize("fmt", ["table", "csv", "json", "md"])
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_analysis_command_prints_hostile_text_as_text(
    command: tuple[str, ...], fmt: str
) -> None:
    CHECK[fmt](run(*command, "--format", fmt))


@pytest.mark.parametrize("fmt", ["table", "json", "md"])
def test_show_and_diff_print_hostile_text_as_text(fmt: str) -> None:
    CHECK[fmt](run("show", S, "--format", fmt))
    CHECK[fmt](run("diff", S, S, "--format", fmt))


def test_validate_and_weights_print_hostile_text_as_text() -> None:
    result = CliRunner().invoke(cli, ["validate", "--strict", S], color=True)
    assert_terminal_safe(result.output)
    assert_terminal_safe(run("weights", "roc", "-s", S, "--order", "cost,safety,speed"))


@pytest.mark.parametrize("suffix", [".html", ".md", ".json"])
def test_report_writes_hostile_text_as_text(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"briefing{suffix}"
    run("report", S, "-o", str(out), "--samples", "1000")
    text = out.read_text(encoding="utf-8")
    {".html": assert_html_safe, ".md": assert_markdown_safe, ".json": assert_json_safe}[suffix](
        text
    )


@pytest.mark.parametrize("suffix", [".html", ".md"])
def test_workshop_brief_writes_hostile_text_as_text(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"brief{suffix}"
    run("workshop", "brief", S, "-o", str(out))
    text = out.read_text(encoding="utf-8")
    (assert_html_safe if suffix == ".html" else assert_markdown_safe)(text)


def test_a_workshop_on_a_hostile_scenario_prints_its_text_as_text(tmp_path: Path) -> None:
    db = str(tmp_path / "ws.db")
    codes = json.loads(
        run("workshop", "new", S, "--db", db, "--name", "=ws <b>x</b> 北方", "--format", "json")
    )
    weights = tmp_path / "w.yaml"
    weights.write_text("weights: {cost: 1, safety: 2, speed: 3}\n", encoding="utf-8")
    submitted = run(
        "workshop", "submit", "--db", db, "--participant", "=Ann <b> 🚧",
        "--weights", str(weights), "--seat", "treasurer", "--note", "@note\n# heading",
    )  # fmt: skip
    assert_terminal_safe(submitted)
    run("workshop", "event", "--db", db, "--code", codes["facilitator_code"])
    for fmt in ("table", "json", "md"):
        CHECK[fmt](run("workshop", "results", "--db", db, "--format", fmt))
    assert_terminal_safe(run("workshop", "status", "--db", db))
    assert_json_safe(run("workshop", "status", "--db", db, "--format", "json"))
    assert_terminal_safe(run("workshop", "reveal", "--db", db, "--code", codes["facilitator_code"]))
    assert_json_safe(run("workshop", "export", "--db", db, "--code", codes["facilitator_code"]))


def test_the_after_action_report_shows_angle_brackets_once_escaped(tmp_path: Path) -> None:
    """Its Markdown escaped `<` twice (`\\&lt;`): a reader saw `&lt;b&gt;` where the name
    said `<b>`."""
    db = str(tmp_path / "ws.db")
    run("workshop", "new", S, "--db", db, "--name", "ws <b>x</b> & y")
    out = tmp_path / "aar.md"
    run("workshop", "aar", "--db", db, "-o", str(out))
    text = out.read_text(encoding="utf-8")
    assert_markdown_safe(text)
    title = text.splitlines()[0]
    assert title == "# After-action report: ws &lt;b&gt;x&lt;/b&gt; &amp; y", title
