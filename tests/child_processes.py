"""The processes a test leaves behind: every forked copy must be ended and waited for."""

from __future__ import annotations

import os


def children() -> set[int]:
    """This process's children still on the process table (zombies included)."""
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == os.getpid():
                found.add(int(entry))
    return found
