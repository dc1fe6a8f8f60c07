"""Text from scenario files made safe for each kind of output.

Scenario files, weights files and participants' names come from other people.
Whatever they hold is shown as text, never obeyed, by whatever reads the
output:

- a terminal: no C0/C1 control character (ESC, BEL, CSI) and no invisible
  formatting character (bidirectional overrides, zero-width spaces) reaches it;
  each is shown visibly as `\\x1b` or `<U+202E>` (`terminal_text`);
- a spreadsheet: no CSV cell holds a control byte or starts a formula
  (`csv_cell`, after the OWASP guidance on CSV injection);
- a Markdown renderer: no raw HTML, no link other than http(s) or relative, no
  heading, list or table row injected through a newline (`markdown_text`,
  `markdown_paragraph`, `markdown_cell`);
- a JSON reader: valid JSON with every control and formatting character escaped
  as `\\uXXXX` (`json_text`).

Widths are measured in terminal cells (`cell_width`): a CJK character or an
emoji takes two, a combining mark none. HTML and SVG are escaped by their own
writers (`html.escape` after `terminal_text`).
"""

from __future__ import annotations

import math
import re
import unicodedata
from functools import lru_cache
from typing import Any

_INVISIBLE = (
    "\u00ad"  # soft hyphen
    "\u061c"  # Arabic letter mark
    "\u180e"  # Mongolian vowel separator
    "\u200b\u200c\u200e\u200f"  # zero-width space and non-joiner, LRM, RLM
    "\u2028\u2029"  # line and paragraph separators
    "\u202a-\u202e"  # bidi embeddings and overrides
    "\u2060-\u2064"  # word joiner, invisible operators
    "\u2066-\u2069"  # bidi isolates
    "\u206a-\u206f"  # deprecated formatting characters
    "\ufeff"  # zero-width no-break space
    "\ufff9-\ufffb"  # interlinear annotation
    "\U0001bca0-\U0001bca3"  # shorthand format controls
    "\U0001d173-\U0001d17a"  # musical format controls
    "\U000e0000-\U000e007f"  # tags: invisible copies of ASCII, which can hide text
)
"""Formatting characters that change how the text around them is shown, or hide it: the
default-ignorable characters of Unicode, but for those that writing systems and emoji
need to be read as meant: the zero-width joiner (U+200D, emoji sequences), variation
selectors (emoji and CJK forms) and Mongolian free variation selectors; and but for the
Hangul fillers and Khmer inherent vowels, letters and marks that Python counts printable
(text that is all printable is shown as it is).

A subdivision flag (black flag and tags, as for Scotland) shows as the flag and its
tags' code points: the tags can spell any text, hidden."""

_UNSAFE = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f{_INVISIBLE}]")
_UNSAFE_BUT_LAYOUT = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f{_INVISIBLE}]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0xA0 else f"<U+{code:04X}>"


def terminal_text(text: object, *, keep_layout: bool = False) -> str:
    """Text with every control and invisible formatting character shown visibly.

    ESC stays on the screen as the four characters `\\x1b`; U+202E as `<U+202E>`.
    With `keep_layout`, line feeds and tabs are kept (for a whole document).
    """
    shown = str(text)
    if shown.isprintable():  # every character the patterns show is unprintable: fast path
        return shown
    pattern = _UNSAFE_BUT_LAYOUT if keep_layout else _UNSAFE
    return pattern.sub(_visible, shown)


# Widths -----------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _char_width(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    if "\u1160" <= char <= "\u11ff":  # Hangul medial vowels and final consonants join
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def cell_width(text: str) -> int:
    """Columns the text takes on a terminal: 2 for wide (CJK, emoji), 0 for combining marks."""
    if text.isascii():
        return len(text)
    return _wide_width(text)


@lru_cache(maxsize=4096)
def _wide_width(text: str) -> int:
    """`cell_width` of text beyond ASCII, remembered: tables repeat theirs (bars, names)."""
    width = 0
    previous = 0
    for char in text:
        if char == "\ufe0f" and previous == 1:  # emoji presentation of a narrow symbol
            width += 1
            previous = 2
            continue
        if "\U0001f3fb" <= char <= "\U0001f3ff" and previous == 2:  # skin tone of an emoji
            continue
        previous = _char_width(char)
        width += previous
    return width


def pad(text: str, width: int, align: str = "l") -> str:
    """Text padded with spaces to `width` terminal cells, left (`l`) or right (`r`) aligned."""
    if text.isascii():  # one cell per character
        return text.rjust(width) if align == "r" else text.ljust(width)
    fill = " " * max(width - cell_width(text), 0)
    return fill + text if align == "r" else text + fill


# CSV --------------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def csv_cell(cell: object) -> object:
    """A value safe to put in a CSV cell for a spreadsheet to open.

    Numbers stay numbers (`-3.2` is not a formula). Text loses its control bytes
    (line breaks become spaces, others are shown as `\\xNN`), and text a
    spreadsheet would read as a formula (starting `=`, `+`, `-`, `@`, TAB or CR)
    is prefixed with an apostrophe, which spreadsheets show as text.
    """
    if isinstance(cell, bool) or cell is None:
        return cell
    if isinstance(cell, int):
        return cell
    if isinstance(cell, float):
        return repr(round(cell, 12)) if math.isfinite(cell) else str(cell)
    text = str(cell)
    if text.startswith(_FORMULA_START) and not _NUMBER.fullmatch(text):
        text = "'" + text
    return terminal_text(re.sub(r"\r\n|[\r\n]", " ", text))


# Markdown ---------------------------------------------------------------------

_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
_LINK_TARGET = re.compile(r"\](\(|:)([ \t]*)(&lt;)?([^)\s]*)")
_BLOCK_START = re.compile(r"^(\s*)(?:([#>|*`~_])|([-+=])(?=[ \t=+-]|$)|(\d{1,9})([.)])(?=[ \t]|$))")
"""A line start that opens a block: a heading, a quote or a table row (`#`, `>`, `|`,
escaped whatever follows); a list item, a rule or a heading's underline (`-`, `+`, `=`
before a space, the end or another such mark); a numbered item (`2024. `, `1) `); and
`*`, backticks, `~` and `_`, which `markdown_text` has escaped already. `-3` or `82.5%`
opens nothing and is left as typed."""


def _block_start(match: re.Match[str]) -> str:
    indent, mark, sign, number, dot = match.groups()
    if number is not None:
        return f"{indent}{number}\\{dot}"
    return f"{indent}\\{mark or sign}"


def safe_link(url: str) -> bool:
    """Whether a link target is http(s) or relative (not `javascript:`, `data:`, `file:`)."""
    import html  # its entity table is imported only when a link is checked

    target = re.sub(r"[\s\x00-\x1f\x7f-\x9f]", "", html.unescape(url))
    match = _SCHEME.match(target)
    return match is None or match.group().lower() in ("http:", "https:")


def _link(match: re.Match[str]) -> str:
    if safe_link(match.group(4)):
        return match.group()
    return "]\\" + match.group()[1:]  # `]\(`, `]\:`: no longer a link or a definition


_INLINE = re.compile(r"[\\`*\[\]~]|(?<![^\W_])_|_(?![^\W_])")
"""What could open inline markup: emphasis (`*`, `_` but between two letters or
digits, where it opens none: `snake_case` stays as typed), code, strikethrough,
links and images (their brackets), and the backslash that escapes the others."""


def markdown_text(text: object) -> str:
    """A piece of one Markdown line that comes from a file, shown as text by a renderer.

    Raw HTML is escaped (`<script>` shows as text); each character that could open
    inline markup is backslash-escaped (`**bold**` shows as typed, and `[x](url)` is
    no link); a line break inside the text becomes a space, so it cannot start a
    heading, a list item or a table row; control characters are shown visibly.
    Generated words, marked up by the writer, go beside such pieces, not through this.
    """
    line = re.sub(r"\r\n|[\r\n\u2028\u2029]", " ", str(text))
    line = _INLINE.sub(r"\\\g<0>", terminal_text(line))
    line = re.sub("[&<>]", lambda m: _HTML[m.group()], line)
    return _LINK_TARGET.sub(_link, line)


def paragraph_start_escaped(text: str) -> str:
    """Text to stand at the start of a Markdown line, with a first character that would
    start a heading, a quote, a list, a table or a code block escaped (`\\#`, `2024\\.`)."""
    return _BLOCK_START.sub(_block_start, text.lstrip(), count=1)


def markdown_paragraph(text: object) -> str:
    """A whole Markdown line made of a file's text: as `markdown_text`, and a first
    character that would start a heading, a quote, a list or a table is escaped."""
    return paragraph_start_escaped(markdown_text(text))


_LIST_ITEM = re.compile(r"^(\s*(?:[-+*]|\d{1,9}[.)]) +)(.*)$", re.S)


def markdown_line(text: object) -> str:
    """A whole generated Markdown line holding pieces from files: as `markdown_text`, and
    the text of a list item (`- {name} ...`) cannot open a heading, a quote or a list."""
    line = markdown_text(text)
    item = _LIST_ITEM.match(line)
    return item.group(1) + paragraph_start_escaped(item.group(2)) if item else line


def markdown_document(text: str) -> str:
    """A whole Markdown document made safe a second time, at the point it is written.

    The pieces from files are made safe where each line is built (`markdown_text`);
    this pass catches any piece a builder let through raw: HTML is escaped and
    unsafe links are broken. It leaves already-safe text as it is.
    """
    text = re.sub("[<>]", lambda m: _HTML[m.group()], terminal_text(text, keep_layout=True))
    return _LINK_TARGET.sub(_link, text)


def markdown_cell(text: object) -> str:
    """A Markdown table cell: as `markdown_text`, with `|` escaped (a backslash in the
    text is escaped already, so `\\|` in the text cannot unescape it)."""
    return markdown_text(text).replace("|", "\\|")


# JSON -------------------------------------------------------------------------

_JSON_UNSAFE = re.compile(f"[<>&\\x7f-\\x9f{_INVISIBLE}]")


def json_text(data: Any) -> str:
    """Deterministic JSON: key order as given, two-space indent, UTF-8 text, with every
    control and invisible formatting character escaped (`\\u009b`, `\\u202e`), and `<`,
    `>`, `&` too (`\\u003c`): the same data for a JSON reader, no HTML for a page that
    embeds it."""
    import json

    text = json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)
    # outside strings JSON is ASCII: these characters can only stand inside a string
    return _JSON_UNSAFE.sub(_json_escape, text) + "\n"


def _json_escape(match: re.Match[str]) -> str:
    """`\\uXXXX`, as a surrogate pair beyond U+FFFF (JSON's escapes have four digits)."""
    code = ord(match.group())
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
