"""What participants type: names and notes, checked before anything is stored.

A name or a note is text from a stranger, shown to everyone in the workshop: it
is stored in NFC, trimmed (in a name, each run of spaces made one space), and refused
when too long or when it holds a control, format, private-use or unassigned character
(which could rewrite a terminal's screen or hide text). A note may hold line breaks
and tabs.
"""

from __future__ import annotations

import re
import unicodedata

from optionscope.io.errors import InputError

MAX_NAME = 60
"""Longest participant or workshop name, in characters."""
MAX_NOTE = 2000
"""Longest note on a submission, in characters."""

_ANONYMOUS_LABEL = re.compile(r"^participant\s*\d+$", re.IGNORECASE)
_SPACES = re.compile("[ \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
"""A run of Unicode's space separators (category Zs): one plain space in a name."""


def _control_character(text: str, allowed: str = "") -> str | None:
    """The first control, format or unassigned character (as U+XXXX), if any."""
    for ch in text:
        if ch in allowed:
            continue
        if unicodedata.category(ch).startswith("C"):
            return f"U+{ord(ch):04X}"
    return None


def check_name(name: str, what: str = "participant name", where: str = "--participant") -> str:
    """A name as stored: NFC, trimmed, each run of spaces one plain space; refused if empty,
    too long or holding control characters."""
    text = _SPACES.sub(" ", unicodedata.normalize("NFC", name).strip())
    if not text:
        raise InputError.at(where, f"a {what} cannot be empty")
    if len(text) > MAX_NAME:
        raise InputError.at(
            where, f"a {what} has at most {MAX_NAME} characters (this one has {len(text)})"
        )
    bad = _control_character(text)
    if bad:
        raise InputError.at(
            where, f"a {what} cannot hold control or invisible characters (found {bad})"
        )
    return text


def check_participant_name(name: str) -> str:
    text = check_name(name)
    if _ANONYMOUS_LABEL.match(text):
        raise InputError.at(
            "--participant",
            f"'{text}' is how anonymous workshops label participants; choose another name",
        )
    return text


def check_note(note: str, where: tuple[str, int, int, str] = ("--note", 0, 0, "")) -> str:
    """A participant's note, refused at `where` (file, line, column, field; by default the
    command's --note) when it is too long or holds control characters."""
    text = unicodedata.normalize("NFC", note).strip()
    file, line, column, field = where
    if len(text) > MAX_NOTE:
        raise InputError.at(
            file,
            f"a note has at most {MAX_NOTE} characters (this one has {len(text)})",
            line,
            column,
            field,
        )
    bad = _control_character(text, allowed="\n\t")
    if bad:
        raise InputError.at(
            file, f"a note cannot hold control characters (found {bad})", line, column, field
        )
    return text
