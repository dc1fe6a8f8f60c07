"""The user's settings: a TOML file in the platform's configuration directory.

    theme = "high-contrast"        # or any Textual theme name
    scenario = "minusma-2023"      # opened when no scenario is given
    method = "topsis"              # ranking method when none is given
    keyboard = "azerty"            # weights typed on the unshifted digit row
    [keys]                         # any key binding, by its id (see `?` in the session)
    "weight.up" = "right,plus,k"

An absent file means defaults; a bad one is an `InputError` at its line. No UI here:
the file is read before the UI starts, and the CLI reports its errors.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from optionscope.io.errors import InputError
from optionscope.io.text_files import read_text

CONFIG_ENV = "OPTIONSCOPE_CONFIG"
"""An environment variable naming another settings file (one per project, or tests)."""

AZERTY_DIGITS = ("à", "ampersand", "é", "quotation_mark", "apostrophe",
                 "left_parenthesis", "minus", "è", "underscore", "ç")  # fmt: skip
"""The unshifted keys of the AZERTY digit row, for 0 to 9, as Textual names them."""

KEYBOARDS: dict[str, dict[str, str]] = {
    "azerty": {
        **{f"weight.{d}": f"{d},{key}" for d, key in enumerate(AZERTY_DIGITS)},
        # `-` types a 6 on AZERTY; fewer points stay on Left and `<`
        "weight.down": "left",
    },
}
"""Key presets by keyboard layout: binding id -> keys."""

KNOWN = ("theme", "scenario", "method", "keyboard", "keys")


@dataclass(frozen=True)
class Settings:
    theme: str | None = None
    scenario: str | None = None
    method: str | None = None
    keymap: dict[str, str] = field(default_factory=dict)
    """Binding id -> keys (comma-separated Textual key names): the keyboard preset, then [keys]."""
    file: str = ""
    lines: dict[str, int] = field(default_factory=dict)
    """The line each setting was given on, to say where a value the UI refuses came from."""

    def error(self, name: str, message: str) -> InputError:
        """A problem with a setting, at the line it was given on."""
        return InputError.at(self.file, message, line=self.lines.get(name, 0), field=name)


def config_path() -> Path:
    """The settings file: $OPTIONSCOPE_CONFIG, or config.toml in the user's config directory."""
    named = os.environ.get(CONFIG_ENV)
    if named:
        return Path(named)
    return user_dir("config") / "config.toml"


def user_dir(kind: Literal["config", "cache"]) -> Path:
    """optionscope's folder of that kind in the user's platform directories."""
    if sys.platform == "linux":
        # platformdirs' rule on Linux (an absolute $XDG_CONFIG_HOME or $XDG_CACHE_HOME,
        # else ~/.config or ~/.cache), without its import: 10 ms of every command
        base = os.environ.get(f"XDG_{kind.upper()}_HOME", "")
        if not os.path.isabs(base):
            base = os.path.expanduser(f"~/.{kind}")
        return Path(base, "optionscope")
    import platformdirs

    if kind == "config":
        return platformdirs.user_config_path("optionscope", appauthor=False)
    return platformdirs.user_cache_path("optionscope", appauthor=False)


def _line_of(text: str, name: str, table: str | None = None) -> int:
    """The line a key is set on (0 when not found): `name =` or `"name" =`, after `[table]`."""
    start = 0
    lines = text.splitlines()
    if table is not None:
        for i, line in enumerate(lines):
            if re.match(rf"\s*\[\s*{re.escape(table)}\s*\]", line):
                start = i
                break
    pattern = re.compile(rf"""\s*(["']?){re.escape(name)}\1\s*=""")
    for i in range(start, len(lines)):
        if pattern.match(lines[i]):
            return i + 1
    return 0


def load_settings(path: Path | None = None) -> Settings:
    """The settings in a file (default `config_path()`); defaults when there is no file."""
    path = config_path() if path is None else path
    if not path.exists():
        return Settings(file=str(path))
    if not path.is_file():  # a folder, a pipe or a device (/dev/zero): never read
        raise InputError.at(
            str(path),
            "the settings file is not a regular file; give a TOML file (`optionscope config "
            "path` says where it is looked for)",
        )
    # as every input is read: bounded in size, a byte order mark dropped, and kept from
    # being replaced by an output
    text = read_text(path)
    import tomllib  # only when there is a file: every command reads the settings

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(err))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(err))
        line, column = (int(found[1]), int(found[2])) if found else (0, 0)
        raise InputError.at(str(path), f"not valid TOML: {message}", line, column) from None
    return _settings(data, text, str(path))


def _settings(data: dict[str, Any], text: str, file: str) -> Settings:
    from optionscope.analysis.ranking import METHODS

    lines = {name: _line_of(text, name) for name in data}

    def bad(name: str, message: str) -> InputError:
        return InputError.at(file, message, line=lines.get(name, 0), field=name)

    for name in data:
        if name not in KNOWN:
            raise bad(name, f"unknown setting; the settings are {', '.join(KNOWN)}")
    for name in ("theme", "scenario", "method", "keyboard"):
        if name in data and not (isinstance(data[name], str) and data[name].strip()):
            raise bad(name, "expected a non-empty string in quotes")
    method = data.get("method")
    if method is not None and method not in METHODS:
        raise bad("method", f"unknown method {method!r}; choose from {', '.join(METHODS)}")
    keymap: dict[str, str] = {}
    keyboard = data.get("keyboard")
    if keyboard is not None:
        if keyboard not in KEYBOARDS:
            raise bad(
                "keyboard", f"unknown keyboard {keyboard!r}; choose from {', '.join(KEYBOARDS)}"
            )
        keymap.update(KEYBOARDS[keyboard])
    keys = data.get("keys", {})
    if not isinstance(keys, dict):
        raise bad("keys", 'expected a table: [keys] then lines like "weight.up" = "right,k"')
    for binding_id, value in keys.items():
        if not (isinstance(value, str) and value.strip()):
            line = _line_of(text, binding_id, "keys")
            raise InputError.at(
                file, "expected keys in quotes, comma-separated", line, field=f"keys.{binding_id}"
            )
        keymap[binding_id] = value
        lines[f"keys.{binding_id}"] = _line_of(text, binding_id, "keys")
    return Settings(
        theme=data.get("theme"),
        scenario=data.get("scenario"),
        method=method,
        keymap=keymap,
        file=file,
        lines=lines,
    )
