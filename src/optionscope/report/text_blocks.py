"""Building blocks shared by the robustness reports: tables, headings, paragraphs, labels.

Scenario text goes through the text-safety layer: `plain()` for a terminal,
`text_for()`/`paragraph_for()` for Markdown (no HTML, unsafe link or structure).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from optionscope.io.writers import markdown_table, paragraph_for, plain, text_for, text_table
from optionscope.model.results import VALUE_SCALE
from optionscope.model.scenario import Scenario
from optionscope.present.numbers import format_difference

Table = Callable[[Sequence[str], Sequence[Sequence[object]], str | None], str]


def score_points(margin: float) -> str:
    """A lead in value points (0-100 scale), never `0.0` unless a tie."""
    return format_difference(margin, VALUE_SCALE)


def json_number(x: float | None, digits: int = 6) -> float | None:
    """A float for JSON (NaN and None become null), rounded to strip float noise."""
    if x is None or not math.isfinite(x):
        return None
    return round(float(x), digits)


def labeller(scenario: Scenario) -> Callable[[str], str]:
    """An option's label by its id, each looked up once: a list of 3,000 dominated options
    of 10,000 names their dominating options 30,000 times, a few hundred of them."""
    labels: dict[str, str] = {}

    def label(option_id: str) -> str:
        found = labels.get(option_id)
        if found is None:
            found = labels[option_id] = scenario.option(option_id).label
        return found

    return label


def table_for(fmt: str) -> Table:
    return markdown_table if fmt == "md" else text_table


def heading(text: str, fmt: str, level: int = 2) -> str:
    if fmt == "md":
        gap = "" if level == 1 else "\n"
        return f"{gap}{'#' * level} {text_for(text, fmt)}\n\n"
    return f"{plain(text)}\n" if level == 1 else f"\n{plain(text)}\n"


def paragraph(sentences: Sequence[str], fmt: str) -> str:
    if not sentences:
        return ""
    if fmt == "md":
        return "\n" + "".join(f"- {paragraph_for(s, fmt)}\n" for s in sentences)
    return "\n" + "".join(f"{plain(s)}\n" for s in sentences)
