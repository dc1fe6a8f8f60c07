"""Files: only a regular file is ever replaced, a named pipe never blocks a read, an
interrupted write leaves no hidden temporary behind, and Ctrl-C exits 130."""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from optionscope.io import files
from optionscope.io.files import write_atomic

TINY = Path(__file__).parents[1] / "data" / "tiny.yaml"

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")


def optionscope(*args: str | Path, prelude: str = "") -> subprocess.CompletedProcess[str]:
    """The console entry point in a child process, after `prelude` (to stage an interruption)."""
    code = f"{prelude}\nfrom optionscope.cli import main\nmain({[str(a) for a in args]!r})"
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("OPTIONSCOPE_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,  # a read that blocks on a pipe fails the test here
        env=env,
        check=False,
    )


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(".")]


@needs_fifo
def test_force_never_replaces_a_named_pipe(tmp_path: Path) -> None:
    pipe = tmp_path / "briefing.html"
    os.mkfifo(pipe)
    result = optionscope("report", TINY, "-o", pipe, "--force", "--samples", "1000")
    assert result.returncode == 2, result.stderr
    assert "briefing.html: is not a regular file" in result.stderr
    assert stat.S_ISFIFO(pipe.stat().st_mode)


@needs_fifo
def test_write_atomic_refuses_to_replace_anything_but_a_regular_file(tmp_path: Path) -> None:
    pipe = tmp_path / "x.md"
    os.mkfifo(pipe)
    with pytest.raises(OSError, match="not a regular file") as caught:
        write_atomic(pipe, "text", overwrite=True)
    assert caught.value.filename == str(pipe)
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    assert leftovers(tmp_path) == []


@needs_fifo
@pytest.mark.parametrize("role", ["weights", "scenario", "matrix"])
def test_a_named_pipe_with_no_writer_is_refused_not_waited_on(tmp_path: Path, role: str) -> None:
    """It was refused as "the file is empty" (or "the matrix is empty")."""
    pipe = tmp_path / ("input.csv" if role == "matrix" else "input.yaml")
    os.mkfifo(pipe)
    args = ("rank", TINY, "--weights", pipe) if role == "weights" else ("validate", pipe)
    result = optionscope(*args)
    assert result.returncode == 2, result.stderr
    assert f"{pipe.name}: is a named pipe that nothing was writing to" in result.stderr


def test_a_refused_write_names_the_output_file_not_its_hidden_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "note.md"

    def refuse(src: str, dst: str) -> None:
        raise OSError(errno.EPERM, "Operation not permitted", src, dst)

    monkeypatch.setattr(files.os, "link", refuse)
    with pytest.raises(OSError) as caught:
        write_atomic(target, "text")
    assert caught.value.filename == str(target)
    assert "Operation not permitted" in str(caught.value)
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("name", [n for n in ("SIGTERM", "SIGHUP") if hasattr(signal, n)])
def test_a_stop_signal_during_a_write_removes_the_hidden_temporary(
    tmp_path: Path, name: str
) -> None:
    out = tmp_path / "briefing.html"
    stage = f"import os, signal\nos.fsync = lambda fd: os.kill(os.getpid(), signal.{name})"
    result = optionscope("report", TINY, "-o", out, "--samples", "1000", prelude=stage)
    assert result.returncode == 128 + getattr(signal, name), result.stderr
    assert not out.exists()
    assert leftovers(tmp_path) == []


def test_ctrl_c_exits_130_and_removes_the_hidden_temporary(tmp_path: Path) -> None:
    out = tmp_path / "briefing.html"
    stage = "import os, signal\nos.fsync = lambda fd: os.kill(os.getpid(), signal.SIGINT)"
    result = optionscope("report", TINY, "-o", out, "--samples", "1000", prelude=stage)
    assert result.returncode == 130, result.stderr
    assert "Aborted!" not in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="symbolic links")
def test_an_output_named_by_a_link_to_nothing_is_refused_as_an_existing_file(
    tmp_path: Path,
) -> None:
    dangling = tmp_path / "dang.md"
    dangling.symlink_to(tmp_path / "nonexistent-target.md")
    existing = tmp_path / "there.md"
    existing.write_text("mine\n", encoding="utf-8")
    for out in (dangling, existing):
        result = optionscope("report", TINY, "-o", out, "--samples", "1000")
        assert result.returncode == 2, result.stderr
        assert result.stderr == f"error: {out}: exists already; pass --force to replace it\n"
    assert not (tmp_path / "nonexistent-target.md").exists()
    assert leftovers(tmp_path) == []
