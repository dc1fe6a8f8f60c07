"""Scenario text as Textual content: shown literally, never read as markup or escapes."""

from __future__ import annotations

from textual.content import Content

from optionscope.io.safe_text import cell_width, pad, terminal_text
from optionscope.io.writers import plain

PALETTE = (
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#76b7b2",
    "#59a14f",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#bab0ac",
    "#86bcb6",
    "#d4a6c8",
)
"""Segment colours; each segment also carries its criterion's key, so colour is never alone."""

KEYS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


def criterion_key(index: int) -> str:
    """The one-character key of the criterion at `index` (`#` past the 62nd)."""
    return KEYS[index] if index < len(KEYS) else "#"


def method_label(method: str) -> str:
    """A method as readers know it (`additive value model`, `TOPSIS`), never its key."""
    from optionscope.analysis.ranking import METHOD_NAMES

    return METHOD_NAMES.get(method, method).split(" (", 1)[0]


def criterion_colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def chip(index: int) -> Content:
    """A criterion's key on its colour, e.g. ` a ` on blue."""
    return Content.styled(f" {criterion_key(index)} ", f"bold #000000 on {criterion_colour(index)}")


def literal(text: object, style: str = "") -> Content:
    """Scenario text as content: markup characters kept, control characters made visible."""
    safe = plain(text)
    return Content.styled(safe, style) if style else Content(safe)


def clip(text: object, width: int) -> str:
    """Plain text cut to `width` terminal cells with an ellipsis (a CJK character or an
    emoji takes two cells)."""
    safe = terminal_text(text)
    if width <= 0:
        return ""
    if cell_width(safe) <= width:
        return safe
    out, used = "", 0
    for char in safe:
        w = cell_width(char)
        if used + w > width - 1:
            break
        out += char
        used += w
    return out + "…"


def fit(text: object, width: int) -> str:
    """Plain text clipped and padded to exactly `width` terminal cells."""
    return pad(clip(text, width), width)


def text_width(text: object) -> int:
    """Terminal cells the text takes once made safe to show."""
    return cell_width(terminal_text(text))


def fitted(full: object, short: object, width: int) -> str:
    """The full name if it fits in `width` cells; else the short label if it fits; else the
    shorter of the two cut to the width. A name is never cut when its label would fit."""
    name, label = plain(full), plain(short)
    if len(name) <= width:
        return name
    if label and len(label) <= width:
        return label
    return clip(label or name, width)


def fmt_points(points: float) -> str:
    """Weight points with at most one decimal: `60`, `33.3`."""
    text = f"{points:.1f}"
    return text[:-2] if text.endswith(".0") else text


def fmt_number(value: float) -> str:
    return f"{value:,.6g}"
