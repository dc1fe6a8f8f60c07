"""Reading a file's text: UTF-8, bounded in size, a missing or unreadable file an error
at its name.

Kept apart from the YAML loader: a scenario read before comes from the cache
(io/scenario_cache.py) by its text alone, and then PyYAML is never imported (about
a twentieth of the terminal UI's first frame).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from optionscope.io.errors import InputError

MAX_BYTES = 32 * 1024 * 1024
"""Largest file read (32 MiB); a 500-option x 60-criterion scenario is about 6 MiB."""

_INPUTS: set[tuple[int, int]] = set()
"""The files this process reads (device and inode): an output never replaces one of them
(`io.files.write_atomic`), even when asked to replace what is there."""


def remember_input(path: str | Path) -> None:
    """Count `path` among the files this process reads (one read in another process too)."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):  # not there (yet): said when it is read
        return
    _INPUTS.add((info.st_dev, info.st_ino))


def is_input(path: str | Path) -> bool:
    """Whether `path` is a file this process reads (`remember_input`), under any name."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return False
    return (info.st_dev, info.st_ino) in _INPUTS


def read_text(path: Path, display: str | None = None) -> str:
    """The file's text, refusing what is not a readable, reasonably sized UTF-8 file."""
    name = display or str(path)
    try:
        if not path.exists():
            raise InputError.at(name, "no such file")
        if path.is_dir():
            raise InputError.at(name, "is a directory, not a file")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError.at(
                name, f"file is {size / 2**20:.1f} MiB; the limit is {MAX_BYTES // 2**20} MiB"
            )
        # Opened without blocking: a named pipe with nothing writing to it reads as empty
        # instead of waiting forever; then reads block as usual (a pipe being written).
        nonblocking = getattr(os, "O_NONBLOCK", 0)  # POSIX; elsewhere there are no FIFOs
        fd = os.open(path, os.O_RDONLY | nonblocking)
        if nonblocking:
            os.set_blocking(fd, True)
        info = os.fstat(fd)
        _INPUTS.add((info.st_dev, info.st_ino))
        with os.fdopen(fd, "rb") as fh:
            # bounded: a pipe or a device (/dev/zero) has no size to check beforehand
            raw = fh.read(MAX_BYTES + 1)
    except OSError as err:
        raise InputError.at(name, f"cannot read: {err.strerror or err}") from None
    if not raw and stat.S_ISFIFO(info.st_mode):  # not "the file is empty": nothing wrote
        raise InputError.at(name, NOTHING_IN_THE_PIPE)
    return decode(raw, name)


NOTHING_IN_THE_PIPE = (
    "is a named pipe that nothing was writing to; give a file, or start what writes to the "
    "pipe before optionscope"
)


def decode(raw: bytes, name: str) -> str:
    if len(raw) > MAX_BYTES:
        raise InputError.at(name, f"input is larger than {MAX_BYTES // 2**20} MiB")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        # in characters, as editors count (the bytes before the bad one are valid UTF-8)
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8-sig")) + 1
        raise InputError.at(
            name,
            f"byte 0x{raw[err.start]:02x} is not UTF-8; save the file as UTF-8",
            line,
            column,
        ) from None
    return text
