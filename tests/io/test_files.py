"""Files the program writes: atomically, and never over an existing file unasked."""

from __future__ import annotations

from pathlib import Path

import pytest

from optionscope.io.files import write_atomic


def test_a_new_file_is_written_with_its_text(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    target = write_atomic(tmp_path / "sub" / "out.md", "hello\n")
    assert target.read_text(encoding="utf-8") == "hello\n"
    assert [p.name for p in target.parent.iterdir()] == ["out.md"]


def test_a_file_in_a_folder_that_does_not_exist_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no such folder"):
        write_atomic(tmp_path / "typo" / "out.md", "hello\n")
    assert not (tmp_path / "typo").exists()


def test_an_existing_file_is_not_overwritten_unasked(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_text("mine\n")
    with pytest.raises(FileExistsError):
        write_atomic(target, "theirs\n")
    assert target.read_text() == "mine\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]


def test_an_existing_file_is_replaced_when_asked(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_text("mine\n")
    write_atomic(target, "theirs\n", overwrite=True)
    assert target.read_text() == "theirs\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]
