"""Names that tables and charts could not tell apart are refused at their line: an empty
`name: ""` passed even `validate --strict`, and two options named alike printed rows no
reader could tell apart."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from optionscope.cli import cli

TINY = Path(__file__).parents[1] / "data" / "tiny.yaml"


def _validate(tmp_path: Path, old: str, new: str) -> tuple[int, str, int]:
    text = TINY.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "s.yaml"
    changed = text.replace(old, new, 1)
    path.write_text(changed, encoding="utf-8")
    line = changed[: changed.index(new)].count("\n") + 1 + new[: new.index(":")].count("\n")
    out = CliRunner().invoke(cli, ["validate", "--strict", str(path)])
    return out.exit_code, out.stderr, line


def _names(kind: str) -> list[tuple[str, str]]:
    """(id line, name line) pairs of a section of tiny.yaml."""
    lines = TINY.read_text(encoding="utf-8").splitlines()
    start = lines.index(f"{kind}:")
    out = []
    for i in range(start + 1, len(lines)):
        if lines[i] and not lines[i].startswith(" "):
            break
        if lines[i].strip().startswith("name:"):
            out.append((lines[i - 1], lines[i]))
    return out


@pytest.mark.parametrize("kind", ["options", "criteria"])
def test_an_empty_name_is_refused(tmp_path: Path, kind: str) -> None:
    _, name_line = _names(kind)[0]
    blank = name_line[: name_line.index("name:")] + 'name: ""'
    code, said, line = _validate(tmp_path, name_line, blank)
    assert code == 2, said
    assert f":{line}:" in said and "an empty name" in said


@pytest.mark.parametrize("kind", ["options", "criteria"])
def test_two_names_alike_up_to_case_are_refused_at_the_second(tmp_path: Path, kind: str) -> None:
    (_, first), (_, second) = _names(kind)[:2]
    name = first.split("name:", 1)[1].strip().strip("'\"")
    same = second[: second.index("name:")] + f"name: {name.upper()}"
    code, said, line = _validate(tmp_path, second, same)
    assert code == 2, said
    assert f":{line}:" in said and "is also the name of" in said


def test_distinct_names_pass(tmp_path: Path) -> None:
    out = CliRunner().invoke(cli, ["validate", str(TINY)])
    assert out.exit_code == 0, out.output
