"""Scenario and participant text as inert Markdown, for lines a writer builds piece by piece.

The after-action report, the workshop's results and the participants' brief write
text that strangers typed (names, notes) or a scenario states (questions, names of
options, criteria and seats) beside their own markup. Each piece goes through `md`,
so `**Eve**` shows as typed, not in bold, and no piece can open a link, raw HTML, a
list or a heading (`io.writers.markdown_table(..., cell=md)` writes a table of them).
It is the escaping every Markdown output uses (`io.safe_text.markdown_cell`), with a
start that would open a block escaped too, wherever the piece stands in its line.
"""

from __future__ import annotations

from optionscope.io.safe_text import markdown_cell, paragraph_start_escaped


def md(text: object) -> str:
    """Scenario or participant text as inert Markdown: markup and raw HTML escaped, one line.

    Every character that can open inline markup, a link or a table cell is
    backslash-escaped, and `&`, `<` and `>` are written as entities; so is a start
    that would make a list or a heading escaped.
    """
    return paragraph_start_escaped(markdown_cell(text))
