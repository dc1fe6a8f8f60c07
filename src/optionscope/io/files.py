"""Writing files the user keeps: atomically, and never over an existing file unasked."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from optionscope.io.text_files import is_input

EXISTS = "exists already"
"""Why a file is not written: the strerror of the FileExistsError, whose filename names it."""


def write_atomic(path: str | Path, text: str, *, overwrite: bool = False) -> Path:
    """Write text to a file atomically; refuse to replace an existing file unless asked."""
    if not str(path).strip():  # Path('') is the current folder, which "exists already"
        raise OSError(errno.EINVAL, "an empty file name; name the file to write", "--output")
    target = Path(path)
    if os.path.lexists(target) and not overwrite:  # a link to nothing is a name taken too
        raise FileExistsError(errno.EEXIST, EXISTS, str(target))
    if is_input(target):  # asked to replace it (--force), but the command reads it
        raise OSError(
            errno.EINVAL,
            "is a file this command reads; write the output to another file",
            str(target),
        )
    if target.exists() and not target.is_file():  # a device, a pipe, a folder: never replaced
        raise OSError(
            errno.EINVAL,
            "is not a regular file (a folder, device or pipe); choose another name",
            str(target),
        )
    if not target.parent.is_dir():  # a mistyped path should not create folders
        raise FileNotFoundError(
            errno.ENOENT, "no such folder; create it first or choose another", str(target.parent)
        )
    try:
        _write_through_temporary(target, text, overwrite)
    except FileExistsError:  # the name was taken meanwhile
        raise FileExistsError(errno.EEXIST, EXISTS, str(target)) from None
    except OSError as err:  # name the file the user asked for, not the hidden temporary
        if err.filename is None or str(err.filename) == str(target):
            raise
        raise type(err)(err.errno, err.strerror or str(err), str(target)) from None
    return target


CANNOT_WRITE_HERE = (
    "cannot write here (no permission, or a read-only folder); choose a folder you can write to"
)


def _write_through_temporary(target: Path, text: str, overwrite: bool) -> None:
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    except OSError as err:  # the folder refuses a new file: say what to do
        if err.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise type(err)(err.errno, CANNOT_WRITE_HERE, str(target)) from None
        raise
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a user's file follows the umask
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        if overwrite:
            os.replace(tmp, target)
        else:
            # link() fails if the target appeared meanwhile: no silent overwrite
            os.link(tmp, target)
            os.unlink(tmp)
    except BaseException:  # also KeyboardInterrupt, and SIGTERM (raised as SystemExit)
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
