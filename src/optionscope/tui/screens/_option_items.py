"""Options as the items of a picker: rank, short label, score, and the full name when the
dialog has room for all of it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content

from optionscope.io.safe_text import pad
from optionscope.present.numbers import ranking_score_labels
from optionscope.tui._text import literal, shortest, text_width

if TYPE_CHECKING:
    from optionscope.model.scenario import Option
    from optionscope.tui._session import Session


DIALOG_MARGIN = 10
"""Cells of a picker dialog that are not its items: border, padding, scroll bar."""


def dialog_room(screen_width: int) -> int:
    """The cells an item of a picker has on a screen `screen_width` wide (the dialog is
    80% of the screen, 90 cells at most: see `.dialog` in the stylesheet)."""
    return max(min(screen_width * 4 // 5, 90) - DIALOG_MARGIN, 20)


def option_item_parts(
    rank: int, option: Option, score: str, room: int, label_width: int = 16
) -> list[Content | str | tuple[str, str]]:
    """An option in a picker: rank, short label first, score (as `score_labels` prints it
    on its method's scale), then the full name (dimmed) when it fits whole in the `room`
    cells left; a name is never cut."""
    label = shortest(option)
    width = max(label_width, text_width(label))
    parts: list[Content | str | tuple[str, str]] = [
        (f"{rank:>3}. ", "bold"),
        literal(pad(label, width), "bold"),
        (f"{score:>6}  ", ""),
    ]
    left = room - 5 - width - 8
    if option.name != label and text_width(option.name) <= left:
        parts.append(literal(option.name, "dim"))
    return parts


def ranked_option_items(session: Session, room: int) -> list[tuple[str, Content]]:
    """Every option, best first, as picker items."""
    scenario = session.scenario
    width = max(16, *(text_width(shortest(o)) for o in scenario.options))
    ranking = session.current
    scores = ranking_score_labels(ranking)
    return [
        (
            r.option,
            Content.assemble(
                *option_item_parts(r.rank, scenario.option(r.option), score, room, width)
            ),
        )
        for r, score in zip(ranking.ranking, scores, strict=True)
    ]
