"""Results as JSON, CSV, Markdown and plain-text tables.

Hand-written rather than through a table library: the formats are small, the
output must be byte-stable for reproducibility, and `rank` must start fast.
Scenario text is passed through `plain()` so that escape sequences and control
characters in a scenario file are shown, not obeyed, by a terminal.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from typing import Any

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def plain(text: object) -> str:
    """Text with control characters (ESC and the like) made visible as `\\xNN`."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", str(text))


def to_json(data: Any) -> str:
    """Deterministic JSON: fixed key order as given, two-space indent, UTF-8 text."""
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def to_csv(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_csv_cell(c) for c in row])
    return buf.getvalue()


def _csv_cell(cell: object) -> object:
    if isinstance(cell, float):
        return repr(round(cell, 12))
    return cell


def _md_cell(cell: object) -> str:
    return plain(cell).replace("|", "\\|").replace("\n", " ")


def markdown_table(
    header: Sequence[str], rows: Sequence[Sequence[object]], align: str | None = None
) -> str:
    """A GitHub-flavoured Markdown table; `align` is one of `l`/`r` per column."""
    align = align or "l" * len(header)
    marks = ["---:" if a == "r" else "---" for a in align]
    lines = [
        "| " + " | ".join(_md_cell(h) for h in header) + " |",
        "| " + " | ".join(marks) + " |",
    ]
    lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def text_table(
    header: Sequence[str], rows: Sequence[Sequence[object]], align: str | None = None
) -> str:
    """A plain-text table with aligned columns and a rule under the header."""
    align = align or "l" * len(header)
    cells = [[plain(h) for h in header]] + [[plain(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]

    def fmt(row: list[str]) -> str:
        parts = [
            c.rjust(w) if a == "r" else c.ljust(w)
            for c, w, a in zip(row, widths, align, strict=True)
        ]
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([fmt(cells[0]), rule, *(fmt(r) for r in cells[1:])]) + "\n"


def bar(fraction: float, width: int) -> str:
    """A horizontal bar of eighth-blocks for a fraction in [0, 1]."""
    fraction = min(max(fraction, 0.0), 1.0)
    eighths = round(fraction * width * 8)
    full, rest = divmod(eighths, 8)
    return "█" * full + ("" if rest == 0 else " ▏▎▍▌▋▊▉"[rest])
