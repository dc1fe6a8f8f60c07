"""The safe YAML loader: every refusal names the file and, where the parser gives one, the place.

The same inputs go through the command line in tests/cli/test_input_errors.py.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from optionscope.io import text_files, yaml_loader
from optionscope.io.errors import InputError, Located
from optionscope.io.yaml_loader import decode, load_yaml, read_text


def only_problem(exc: pytest.ExceptionInfo[InputError]) -> Located:
    assert len(exc.value.problems) == 1, exc.value.problems
    return exc.value.problems[0]


def billion_laughs() -> str:
    """Nine levels of nine aliases: 9**9 (about 387 million) values from a 1 kB file."""
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]")
    return "\n".join(lines) + "\n"


def test_a_problem_reads_as_file_line_column_field_message() -> None:
    assert str(Located("s.yaml", 3, 7, "options[0].name", "bad")) == (
        "s.yaml:3:7: options[0].name: bad"
    )
    assert str(Located("s.yaml", 3, 0, "", "bad")) == "s.yaml:3: bad"
    assert str(Located("s.yaml", 0, 0, "", "no such file")) == "s.yaml: no such file"


def test_a_yaml_syntax_error_names_the_file_line_and_column() -> None:
    text = "id: x\ntitle: a: b\n"
    with pytest.raises(InputError) as exc:
        load_yaml(text, "s.yaml")
    p = only_problem(exc)
    assert (p.file, p.line, p.column) == ("s.yaml", 2, 9)
    assert "YAML syntax" in p.message
    assert str(p).startswith("s.yaml:2:9: ")


def test_a_duplicate_key_names_both_lines() -> None:
    text = "id: x\ntitle: First\nquestion: q\ntitle: Second\n"
    with pytest.raises(InputError) as exc:
        load_yaml(text, "s.yaml")
    p = only_problem(exc)
    assert (p.file, p.line, p.column) == ("s.yaml", 4, 1)
    assert "duplicate key 'title'" in p.message
    assert "first at line 2, again at line 4" in p.message


def test_a_duplicate_key_deep_in_the_document_is_found_too() -> None:
    text = "options:\n  - id: a\n    name: A\n    name: B\n"
    with pytest.raises(InputError) as exc:
        load_yaml(text, "s.yaml")
    p = only_problem(exc)
    assert (p.file, p.line, p.column) == ("s.yaml", 4, 5)
    assert "duplicate key 'name' (first at line 3, again at line 4)" in p.message


def test_an_alias_bomb_is_refused_before_it_expands() -> None:
    with pytest.raises(InputError) as exc:
        load_yaml(billion_laughs(), "bomb.yaml")
    p = only_problem(exc)
    assert (p.file, p.line, p.column) == ("bomb.yaml", 1, 1)
    assert "expands to more than" in p.message
    assert "aliases" in p.message


def test_a_few_aliases_are_fine() -> None:
    doc = load_yaml("a: &a [1, 2]\nb: *a\nc: *a\n", "s.yaml")
    assert doc.data == {"a": [1, 2], "b": [1, 2], "c": [1, 2]}


def test_deep_nesting_is_refused_with_its_place() -> None:
    text = "id: x\nfoo: " + "[" * 100 + "]" * 100 + "\n"
    with pytest.raises(InputError) as exc:
        load_yaml(text, "deep.yaml")
    p = only_problem(exc)
    assert (p.file, p.line) == ("deep.yaml", 2)
    # the document is level 1 and the first "[" (column 6) level 2, so the first "["
    # beyond the limit, at level MAX_DEPTH + 1, stands MAX_DEPTH - 1 columns further on
    assert p.column == len("foo: ") + 1 + yaml_loader.MAX_DEPTH - 1
    assert f"deeper than {yaml_loader.MAX_DEPTH} levels" in p.message


def test_nesting_too_deep_for_the_parser_itself_is_refused_in_the_same_words() -> None:
    # Whichever layer stops first (the parser's own limit or ours), the refusal is
    # ours: file, line and the same message.
    text = "id: x\nfoo: " + "[" * 10_000 + "]" * 10_000 + "\n"
    with pytest.raises(InputError) as exc:
        load_yaml(text, "deep.yaml")
    p = only_problem(exc)
    assert (p.file, p.line) == ("deep.yaml", 2)
    assert p.column > len("foo: ")
    assert p.message == f"nesting is deeper than {yaml_loader.MAX_DEPTH} levels"


def test_deep_nesting_reached_through_an_alias_is_refused_too() -> None:
    # x is first met through the alias, shallow, then again 41 levels further down
    inner = "[" * 40 + "1" + "]" * 40
    text = "a: [" + "[" * 40 + "&x " + inner + "]" * 40 + ", *x]\n"
    with pytest.raises(InputError) as exc:
        load_yaml(text, "deep.yaml")
    p = only_problem(exc)
    assert (p.file, p.line) == ("deep.yaml", 1)
    assert f"deeper than {yaml_loader.MAX_DEPTH} levels" in p.message


def test_nesting_within_the_limit_is_fine() -> None:
    depth = yaml_loader.MAX_DEPTH - 2
    doc = load_yaml("foo: " + "[" * depth + "]" * depth + "\n", "s.yaml")
    assert "foo" in doc.data


def test_a_self_referencing_alias_is_refused() -> None:
    with pytest.raises(InputError) as exc:
        load_yaml("a: &a [1, *a]\n", "loop.yaml")
    p = only_problem(exc)
    assert p.file == "loop.yaml"
    assert p.line == 1


def test_a_python_tag_is_not_obeyed() -> None:
    text = "id: x\ntitle: !!python/object/apply:os.system ['echo owned']\n"
    with pytest.raises(InputError) as exc:
        load_yaml(text, "tag.yaml")
    p = only_problem(exc)
    assert (p.file, p.line, p.column) == ("tag.yaml", 2, 8)
    assert "is not allowed" in p.message
    assert "python/object/apply:os.system" in p.message


def test_an_empty_file_is_an_error_at_its_first_line() -> None:
    with pytest.raises(InputError) as exc:
        load_yaml("", "empty.yaml")
    assert str(only_problem(exc)) == "empty.yaml:1:1: the file is empty"


def test_a_file_of_only_comments_is_empty_too() -> None:
    with pytest.raises(InputError, match="the file is empty"):
        load_yaml("# nothing here\n\n", "empty.yaml")


def test_more_than_one_document_is_an_error() -> None:
    with pytest.raises(InputError) as exc:
        load_yaml("id: a\n---\nid: b\n", "two.yaml")
    p = only_problem(exc)
    assert (p.file, p.line) == ("two.yaml", 2)


def test_dates_stay_text_for_the_model_to_read() -> None:
    assert load_yaml("as_of: 2024-05-01\n", "s.yaml").data == {"as_of": "2024-05-01"}


def test_the_loader_remembers_where_each_value_stands(tiny_text: str) -> None:
    doc = load_yaml(tiny_text, "tiny.yaml")
    lines = tiny_text.splitlines()
    line, column = doc.locate(("assessments", "south", "safety"))
    assert lines[line - 1][column - 1 :].startswith("safety: {value: 8")
    # a path below what the file has falls back to its nearest located parent
    assert doc.locate(("assessments", "south", "safety", "nonexistent")) == (line, column)


# Reading files ------------------------------------------------------------------


def test_a_missing_file_is_an_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "absent.yaml"
    with pytest.raises(InputError) as exc:
        read_text(path)
    assert str(only_problem(exc)) == f"{path}: no such file"


def test_a_directory_is_not_a_scenario_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as exc:
        read_text(tmp_path)
    assert str(only_problem(exc)) == f"{tmp_path}: is a directory, not a file"


def test_a_file_name_the_system_refuses_is_bad_input(tmp_path: Path) -> None:
    path = tmp_path / ("a" * 300 + ".yaml")
    with pytest.raises(InputError) as exc:
        read_text(path)
    p = only_problem(exc)
    assert p.file == str(path)
    assert "cannot read" in p.message


def test_an_oversized_file_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(text_files, "MAX_BYTES", 2 * 2**20)
    path = tmp_path / "big.yaml"
    path.write_bytes(b"# " + b"x" * (3 * 2**20) + b"\n")
    with pytest.raises(InputError) as exc:
        read_text(path)
    p = only_problem(exc)
    assert p.file == str(path)
    assert p.message == "file is 3.0 MiB; the limit is 2 MiB"


def test_an_oversized_input_without_a_size_is_cut_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(text_files, "MAX_BYTES", 100)
    with pytest.raises(InputError) as exc:
        decode(b"a: 1\n" * 50, "stdin.yaml")
    assert only_problem(exc).file == "stdin.yaml"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_device_is_read_only_up_to_the_limit() -> None:
    # /dev/zero reports size 0, so the limit must hold while reading. In a child process
    # with bounded memory: an unbounded read fails there with MemoryError, not here.
    code = textwrap.dedent(
        """
        import resource
        from pathlib import Path
        from optionscope.io import text_files
        from optionscope.io.errors import InputError

        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
        text_files.MAX_BYTES = 1024
        try:
            text_files.read_text(Path("/dev/zero"))
        except InputError as err:
            print(err)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("/dev/zero: input is larger than")


def test_undecodable_bytes_are_located_at_the_bad_byte() -> None:
    raw = b"id: x\ntitle: Caf\xc3\xa9 \xff\xfe road\n"
    with pytest.raises(InputError) as exc:
        decode(raw, "latin.yaml")
    p = only_problem(exc)
    # line 2; the column counts characters ("title: Café " is 12), not bytes
    assert (p.file, p.line, p.column) == ("latin.yaml", 2, 13)
    assert "0xff" in p.message
    assert "UTF-8" in p.message


def test_a_byte_order_mark_is_accepted_and_dropped() -> None:
    assert decode(b"\xef\xbb\xbfid: x\n", "bom.yaml") == "id: x\n"


def test_a_file_that_is_fine_is_read_as_text(tiny_path: Path, tiny_text: str) -> None:
    assert read_text(tiny_path) == tiny_text
