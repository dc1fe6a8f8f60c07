"""Saving a file from any screen: ask for a name, confirm before replacing, write atomically."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.app import App

from optionscope.tui._text import literal
from optionscope.tui.screens._modals import ConfirmModal, PromptModal


def unused_name(directory: Path, stem: str, suffix: str) -> str:
    """`stem.suffix`, or `stem-2.suffix`, ... : the first name not taken in `directory`."""
    name = f"{stem}{suffix}"
    n = 2
    while os.path.lexists(directory / name):
        name = f"{stem}-{n}{suffix}"
        n += 1
    return name


def ask_and_save(
    app: App[Any],
    directory: Path,
    what: str,
    default: str,
    text: Callable[[], str],
    after: Callable[[Path], None] | None = None,
) -> None:
    """Ask for a file name (relative to `directory`), confirm before overwriting, write
    atomically, say what happened; `after` runs once the file is written."""
    from optionscope.io.files import write_atomic

    def write(path: Path, overwrite: bool) -> None:
        try:
            write_atomic(path, text(), overwrite=overwrite)
        except OSError as err:
            why = err.strerror or str(err)  # the reason, without Python's "[Errno 17]"
            app.notify(f"Could not write {path}: {why}", severity="error", markup=False)
            return
        app.notify(f"Saved {what} to {path}", markup=False)
        if after is not None:
            after(path)

    def named(name: str | None) -> None:
        if not name or not name.strip():
            return
        path = Path(name.strip()).expanduser()
        if not path.is_absolute():
            path = directory / path
        if not os.path.lexists(path):  # a link to nothing is a name taken: asked too
            write(path, False)
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                write(path, True)
            else:
                app.notify(f"Not saved: {path} was left as it was.", markup=False)

        app.push_screen(ConfirmModal(literal(f"{path} exists. Replace it?")), confirmed)

    app.push_screen(PromptModal(f"Save {what} as", default, literal(f"In {directory}")), named)
