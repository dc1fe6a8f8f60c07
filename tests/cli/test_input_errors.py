"""Bad input on the command line: exit code 2, a located message on stderr, never a traceback.

Each case runs `python -m optionscope validate FILE` in a child process, from the
folder that holds FILE, so the message must start with `FILE:LINE`.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from optionscope.cli import cli
from optionscope.io import text_files

Run = Callable[..., subprocess.CompletedProcess[str]]
TINY_TEXT = (Path(__file__).parents[1] / "data" / "tiny.yaml").read_text(encoding="utf-8")


def billion_laughs() -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]")
    return "\n".join(lines) + "\n"


def tiny_line(needle: str, text: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if needle in line)


MISSPELT = TINY_TEXT.replace("    summary: A short road", "    sumary: A short road")
WRONG_TYPE = TINY_TEXT.replace("scale: {min: 0, max: 10}", "scale: {min: 0, max: ten}")

CASES: list[tuple[str, bytes, list[str]]] = [
    ("syntax", b"id: x\ntitle: a: b\n", ["bad.yaml:2:9: YAML syntax"]),
    (
        "duplicate-key",
        b"id: x\ntitle: First\nquestion: q\ntitle: Second\n",
        ["bad.yaml:4:1:", "duplicate key 'title'", "first at line 2, again at line 4"],
    ),
    ("alias-bomb", billion_laughs().encode(), ["bad.yaml:1:1:", "through aliases"]),
    (
        # caught by optionscope's own check, at the first level past the limit
        "deep-nesting",
        b"id: x\nfoo: " + b"[" * 100 + b"]" * 100 + b"\n",
        ["bad.yaml:2:69:", "nesting is deeper than 64 levels"],
    ),
    (
        # caught first by the YAML parser's own limit: the same refusal, located
        "very-deep-nesting",
        b"id: x\nfoo: " + b"[" * 10_000 + b"]" * 10_000 + b"\n",
        ["bad.yaml:2:", "nesting is deeper than 64 levels"],
    ),
    (
        "undecodable-bytes",
        b"id: x\ntitle: Caf\xc3\xa9 \xff\xfe road\n",
        ["bad.yaml:2:13:", "byte 0xff is not UTF-8"],
    ),
    (
        "python-tag",
        b"id: x\ntitle: !!python/object/apply:os.system ['echo owned']\n",
        ["bad.yaml:2:8:", "is not allowed"],
    ),
    ("empty-file", b"", ["bad.yaml:1:1: the file is empty"]),
    (
        "top-level-list",
        b"- id: a\n- id: b\n",
        ["bad.yaml:1:1: a scenario file is a mapping of keys to values"],
    ),
    (
        "misspelt-key",
        MISSPELT.encode(),
        [
            f"bad.yaml:{tiny_line('sumary', MISSPELT)}:5: options[0].sumary: "
            "unknown key 'sumary' (did you mean 'summary'?)"
        ],
    ),
    (
        "wrong-type",
        WRONG_TYPE.encode(),
        [f"bad.yaml:{tiny_line('max: ten', WRONG_TYPE)}:", "criteria[1].scale.max"],
    ),
]


def assert_refused_cleanly(done: subprocess.CompletedProcess[str], expected: list[str]) -> None:
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""
    assert done.stderr.startswith("error: ")
    for part in expected:
        assert part in done.stderr, done.stderr


@pytest.mark.parametrize(("content", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_bad_file_is_refused_with_its_place_and_exit_code_2(
    run_optionscope: Run, tmp_path: Path, content: bytes, expected: list[str]
) -> None:
    (tmp_path / "bad.yaml").write_bytes(content)
    assert_refused_cleanly(run_optionscope("validate", "bad.yaml", cwd=tmp_path), expected)


def test_a_missing_file_is_refused_with_exit_code_2(run_optionscope: Run, tmp_path: Path) -> None:
    done = run_optionscope("validate", "absent.yaml", cwd=tmp_path)
    assert_refused_cleanly(done, ["error: absent.yaml: no such file"])


def test_a_directory_is_refused_with_exit_code_2(run_optionscope: Run, tmp_path: Path) -> None:
    (tmp_path / "folder.yaml").mkdir()
    done = run_optionscope("rank", "folder.yaml", cwd=tmp_path)
    assert_refused_cleanly(done, ["error: folder.yaml: is a directory"])


def test_a_bad_file_given_to_rank_is_refused_the_same_way(
    run_optionscope: Run, tmp_path: Path
) -> None:
    (tmp_path / "bad.yaml").write_text(MISSPELT)
    done = run_optionscope("rank", "bad.yaml", "--format", "json", cwd=tmp_path)
    assert_refused_cleanly(done, ["did you mean 'summary'?"])


def test_an_oversized_file_is_refused_with_exit_code_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(text_files, "MAX_BYTES", 2 * 2**20)
    path = tmp_path / "big.yaml"
    path.write_bytes(b"# padding\n" * (3 * 2**20 // 10))
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"error: {path}: file is 3.0 MiB; the limit is 2 MiB\n"


def test_an_impossibly_long_file_name_is_bad_input_not_a_crash(
    run_optionscope: Run, tmp_path: Path
) -> None:
    done = run_optionscope("validate", "a" * 300 + ".yaml", cwd=tmp_path)
    assert_refused_cleanly(done, ["cannot read"])


def test_every_bad_file_of_a_validate_run_is_reported(run_optionscope: Run, tmp_path: Path) -> None:
    (tmp_path / "one.yaml").write_text("- a\n")
    (tmp_path / "two.yaml").write_text("")
    (tmp_path / "good.yaml").write_text(TINY_TEXT)
    done = run_optionscope("validate", "one.yaml", "good.yaml", "two.yaml", cwd=tmp_path)
    assert done.returncode == 2
    assert "error: one.yaml:1:1:" in done.stderr
    assert "error: two.yaml:1:1:" in done.stderr
    assert "good.yaml: ok" in done.stderr
    assert done.stderr.rstrip().endswith("2 problems")


def test_an_escape_sequence_in_a_misspelt_key_is_shown_not_obeyed(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(TINY_TEXT.replace("question:", '"\\e[2Jquestion":'))
    result = CliRunner().invoke(cli, ["validate", str(path)], color=True)
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr
    assert "unknown key '\\x1b[2Jquestion'" in result.stderr
