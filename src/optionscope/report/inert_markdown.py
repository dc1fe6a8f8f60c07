"""Scenario and participant text as inert Markdown: the workshop's one escaping.

The after-action report, the workshop's results and the participants' brief write
text that strangers typed (names, notes) or a scenario states (questions, names of
options, criteria and seats). In Markdown each piece goes through `md`, so `**Eve**`
shows as typed, not in bold, and no piece can open a link, raw HTML, a list or a
heading (`io.writers.markdown_table(..., cell=md)` writes a table of them).
"""

from __future__ import annotations

import re

from optionscope.io.writers import plain

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#!|&~])")
_MD_ANGLES = {"<": "&lt;", ">": "&gt;"}
"""Angle brackets as entities: escaped with a backslash, the written document's last pass
(`io.safe_text.markdown_document`) made them `\\&lt;`, which readers saw as `&lt;`."""
_MD_LINE_START = re.compile(r"^(\s*)([-+=]|\d+[.)])(?=[\s=-]|$)")


def md(text: object) -> str:
    """Scenario or participant text as inert Markdown: markup and raw HTML escaped, one line.

    Every character that can open inline markup, a link or an entity is
    backslash-escaped, and angle brackets (raw HTML) are written as entities; so is
    a start that would make a list or a heading escaped.
    """
    flat = plain(text).replace("\r", " ").replace("\n", " ")
    escaped = re.sub("[<>]", lambda m: _MD_ANGLES[m[0]], _MD_SPECIAL.sub(r"\\\1", flat))
    return _MD_LINE_START.sub(lambda m: m[1] + m[2][:-1] + "\\" + m[2][-1], escaped)
