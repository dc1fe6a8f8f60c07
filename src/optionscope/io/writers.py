"""Results as JSON, CSV, Markdown and plain-text tables.

Hand-written rather than through a table library: the formats are small, the
output must be byte-stable for reproducibility, and `rank` must start fast.
Every cell and line goes through the text-safety layer of `io/safe_text.py`
for its format: escape sequences are shown, not obeyed, by a terminal; CSV cells
start no formula; Markdown cells carry no HTML or unsafe link; columns are
aligned by terminal cells, not characters.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Callable, Sequence
from typing import Any

from optionscope.io.safe_text import (
    cell_width,
    csv_cell,
    json_text,
    markdown_cell,
    markdown_paragraph,
    markdown_text,
    pad,
    terminal_text,
)


def plain(text: object) -> str:
    """Text with control and invisible formatting characters shown visibly (line feeds and
    tabs kept)."""
    return terminal_text(text, keep_layout=True)


def text_for(text: object, fmt: str) -> str:
    """A piece of a line of output, safe for `fmt`: Markdown (`md`) or a terminal."""
    return markdown_text(text) if fmt == "md" else plain(text)


def paragraph_for(text: object, fmt: str) -> str:
    """A whole line of output that may start with a file's text (a sentence opening
    with an option's name): in Markdown, that start cannot make a heading or a list."""
    return markdown_paragraph(text) if fmt == "md" else plain(text)


def to_json(data: Any) -> str:
    """Deterministic JSON: fixed key order as given, two-space indent, UTF-8 text."""
    return json_text(data)


def to_csv(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """CSV whose cells hold no control byte and start no spreadsheet formula."""
    import csv  # only CSV output needs it

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([csv_cell(h) for h in header])
    for row in rows:
        writer.writerow([csv_cell(c) for c in row])
    return buf.getvalue()


def _md_cell(cell: object) -> str:
    return markdown_cell(cell)


def markdown_table(
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    align: str | None = None,
    *,
    cell: Callable[[object], str] = _md_cell,
) -> str:
    """A GitHub-flavoured Markdown table; `align` is one of `l`/`r` per column, and `cell`
    the escaping of each cell's text (`markdown_cell` unless given)."""
    align = align or "l" * len(header)
    marks = ["---:" if a == "r" else "---" for a in align]
    lines = [
        "| " + " | ".join(cell(h) for h in header) + " |",
        "| " + " | ".join(marks) + " |",
    ]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def text_table(
    header: Sequence[str], rows: Sequence[Sequence[object]], align: str | None = None
) -> str:
    """A plain-text table with aligned columns and a rule under the header."""
    align = align or "l" * len(header)
    table = [header, *rows]
    for row in table:
        if len(row) != len(header):
            raise ValueError(f"a row has {len(row)} cells; the header has {len(header)}")
    if len(table) > len(header):  # a row per option: made a column at a time
        columns = [_shown(column) for column in zip(*table, strict=True)]
        widths, justify = _layout(columns, align)
        padded = [
            column  # the last column padded on its right would be stripped again
            if k == len(columns) - 1 and align[k] != "r"
            else list(map(j, column, itertools.repeat(w)))
            for k, (column, w, j) in enumerate(zip(columns, widths, justify, strict=True))
        ]
        lines = [line.rstrip() for line in map("  ".join, zip(*padded, strict=True))]
        return _with_rule(lines, widths)
    return joined_pieces(table_piece(header, rows, align))


def table_piece(
    header: Sequence[str], rows: Sequence[Sequence[object]], align: str | None = None
) -> list[str]:
    """Some columns of a table with a column per option: its lines, the rule second, made a
    row at a time, each cell padded and no line stripped. `joined_pieces` puts pieces
    side by side, as `text_table` of all their columns reads (the pieces of a very wide
    table can be made in two processes)."""
    align = align or "l" * len(header)
    texts = [_shown(row) for row in [header, *rows]]
    justify: list[Justify]
    if all(all(map(str.isascii, row)) for row in texts):  # a terminal cell per character
        widths = list(map(len, texts[0]))
        for row in texts[1:]:
            widths = list(map(max, widths, map(len, row)))
        justify = [str.rjust if a == "r" else str.ljust for a in align]
    else:
        widths, justify = _layout(list(zip(*texts, strict=True)), align)
    runs = _runs(justify)  # neighbouring columns padded alike are padded together

    def fmt(row: list[str]) -> str:
        parts: list[str] = []
        for start, end, j in runs:
            parts.extend(map(j, row[start:end], widths[start:end]))
        return "  ".join(parts)

    lines = list(map(fmt, texts))
    return [lines[0], "  ".join("-" * w for w in widths), *lines[1:]]


def joined_pieces(*pieces: list[str]) -> str:
    """Table pieces (`table_piece`) side by side, left to right: each line stripped on its
    right but the rule."""
    lines = list(map("  ".join, zip(*pieces, strict=True)))
    return "\n".join([lines[0].rstrip(), lines[1], *(line.rstrip() for line in lines[2:])]) + "\n"


Justify = Callable[[str, int], str]


def _layout(columns: Sequence[Sequence[str]], align: str) -> tuple[list[int], list[Justify]]:
    """Each column's width in terminal cells, and how its cells are padded to it."""
    plain = [all(map(str.isascii, column)) for column in columns]
    widths = [
        max(map(len if ascii else cell_width, column))
        for column, ascii in zip(columns, plain, strict=True)
    ]
    justify = [
        (str.rjust if a == "r" else str.ljust) if ascii else _padder(a)
        for a, ascii in zip(align, plain, strict=True)
    ]
    return widths, justify


def _with_rule(lines: list[str], widths: Sequence[int]) -> str:
    """The table's lines, a rule under the first (the header)."""
    rule = "  ".join("-" * w for w in widths)
    return "\n".join([lines[0], rule, *lines[1:]]) + "\n"


def _shown(row: Sequence[object]) -> list[str]:
    """A row's cells as terminal text (checked for the whole row at once: a 100,000-option
    table has millions of cells, nearly all printable)."""
    texts = list(map(str, row))
    if all(map(str.isprintable, texts)):
        return texts
    return [terminal_text(c) for c in texts]


def _runs(
    justify: Sequence[Callable[[str, int], str]],
) -> list[tuple[int, int, Callable[..., str]]]:
    """(first column, end, padding) of each run of neighbouring columns padded alike."""
    runs = []
    start = 0
    for j, run in itertools.groupby(justify):
        end = start + len(list(run))
        runs.append((start, end, j))
        start = end
    return runs


def _padder(align: str) -> Callable[[str, int], str]:
    return lambda text, width: pad(text, width, align)


def bar(fraction: float, width: int) -> str:
    """A horizontal bar of eighth-blocks for a fraction in [0, 1]."""
    fraction = min(max(fraction, 0.0), 1.0)
    eighths = round(fraction * width * 8)
    full, rest = divmod(eighths, 8)
    return "█" * full + ("" if rest == 0 else " ▏▎▍▌▋▊▉"[rest])
