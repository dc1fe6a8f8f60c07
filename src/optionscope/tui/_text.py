"""Scenario text as Textual content: shown literally, never read as markup or escapes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from textual.content import Content

from optionscope.analysis.method_names import METHOD_NAMES
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


class Named(Protocol):
    """An option or a criterion: a name, and a short label the scenario may give."""

    @property
    def name(self) -> str: ...

    @property
    def short(self) -> str: ...


def fitted(full: object, short: object, width: int) -> str:
    """The full name if it fits in `width` cells; else the short label if it fits; else the
    shorter of the two cut to the width. A name is never cut when its label would fit."""
    name, label = plain(full), plain(short)
    if text_width(name) <= width:
        return name
    if label and text_width(label) <= width:
        return label
    return clip(label or name, width)


def named(item: Named, width: int) -> str:
    """An option or criterion as it is shown in `width` cells (see `fitted`)."""
    return fitted(item.name, item.short, width)


def names_width(
    items: Iterable[Named], most: int, least: int = 4, labels_most: int | None = None
) -> int:
    """The width of a column of names: wide enough for each item's full name where it fits
    in `most` cells, else for its short label (up to `labels_most` cells, by default
    `most`). Every view that lines names up in a column asks this one function, so a label
    is cut only when even the scenario's short label is wider than the room given."""
    labels_most = most if labels_most is None else max(labels_most, most)
    wanted = 0
    for item in items:
        full = text_width(item.name)
        wanted = max(wanted, full if full <= most else text_width(item.short or item.name))
    return max(least, min(wanted, labels_most))


def shortest(item: Named) -> str:
    """The short label if the scenario gives one, else the name: what a tight view shows."""
    return plain(item.short or item.name)


def fmt_points(points: float) -> str:
    """Weight points with at most one decimal: `60`, `33.3`."""
    text = f"{points:.1f}"
    return text[:-2] if text.endswith(".0") else text
