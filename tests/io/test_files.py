"""Files the program writes: atomically, and never over an existing file unasked."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from optionscope.io import files
from optionscope.io.files import EXISTS, write_atomic


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


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="symbolic links")
def test_a_link_to_nothing_is_an_existing_name_refused_in_words(tmp_path: Path) -> None:
    target = tmp_path / "dang.md"
    target.symlink_to(tmp_path / "nowhere.md")
    with pytest.raises(FileExistsError) as caught:
        write_atomic(target, "theirs\n")
    assert (caught.value.filename, caught.value.strerror) == (str(target), EXISTS)
    assert not (tmp_path / "nowhere.md").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dang.md"]


def test_a_name_taken_during_the_write_is_refused_in_the_same_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.md"

    def taken(src: str, dst: str) -> None:
        raise FileExistsError(errno.EEXIST, "File exists", src, dst)

    monkeypatch.setattr(files.os, "link", taken)
    with pytest.raises(FileExistsError) as caught:
        write_atomic(target, "theirs\n")
    assert (caught.value.filename, caught.value.strerror) == (str(target), EXISTS)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("code", [errno.EACCES, errno.EPERM, errno.EROFS])
def test_a_folder_that_cannot_be_written_to_is_said_so_with_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    """It said only "Operation not permitted" (a read-only or protected folder)."""
    from click.testing import CliRunner

    from optionscope.cli import cli

    def refused(*args: object, **kwargs: object) -> tuple[int, str]:
        raise OSError(code, os.strerror(code), str(tmp_path / ".x.tmp"))

    monkeypatch.setattr(files.tempfile, "mkstemp", refused)
    target = tmp_path / "out.md"
    with pytest.raises(OSError, match="choose a folder you can write to") as caught:
        write_atomic(target, "text")
    assert caught.value.filename == str(target)
    tiny = str(Path(__file__).parents[1] / "data" / "tiny.yaml")
    result = CliRunner().invoke(cli, ["report", tiny, "-o", str(target)])
    assert result.exit_code == 2
    assert f"{target}: cannot write here" in result.stderr, result.stderr
