"""The main screen's what-if edits: change an assessed value for this session, or undo
every change at once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.screen import Screen

from optionscope.present.numbers import amount
from optionscope.tui._text import clip, literal
from optionscope.tui.screens._modals import PickModal, PromptModal
from optionscope.tui.widgets import WeightList

if TYPE_CHECKING:
    from optionscope.tui._session import Session


class WhatIfEdits(Screen[None]):
    """The what-if actions of the main screen (`e`, `u`)."""

    session: Session

    def refresh_views(self, rows: bool = True) -> None:
        raise NotImplementedError

    def _option_items(self, criterion: str | None = None) -> list[tuple[str, Content]]:
        raise NotImplementedError

    def action_what_if(self) -> None:
        cid = self.query_one(WeightList).highlighted_criterion
        if cid is None:
            cid = self.session.scenario.criteria[0].id
        criterion = self.session.scenario.criterion(cid)
        title = Content.assemble("What-if on ", literal(criterion.name, "bold"), ": pick an option")
        self.app.push_screen(
            PickModal(title, self._option_items(cid)),
            lambda oid: self._what_if_value(oid, cid),
        )

    def _what_if_value(self, option_id: str | None, criterion_id: str) -> None:
        if option_id is None:
            return
        s = self.session
        criterion = s.scenario.criterion(criterion_id)
        option = s.scenario.option(option_id)
        original = s.scenario.assessments[option_id][criterion_id].value
        lo, hi = criterion.scale.min, criterion.scale.max

        def done(text: str | None) -> None:
            if text is None:
                return
            try:
                v = float(text)
            except ValueError:
                self.notify(f"'{clip(text, 20)}' is not a number.", severity="error", markup=False)
                return
            if not lo <= v <= hi:
                self.notify(
                    f"Choose a value on the scale, {amount(lo)} to {amount(hi)}.", severity="error"
                )
                return
            s.set_override(option_id, criterion_id, v)
            self.refresh_views(rows=False)

        self.app.push_screen(
            PromptModal(
                Content.assemble(
                    "What-if: ",
                    literal(option.label, "bold"),
                    " on ",
                    literal(criterion.name, "bold"),
                ),
                amount(s.performance(option_id, criterion_id)).replace(",", ""),
                Content.assemble(
                    literal(f"{criterion.unit}, scale {amount(lo)} to {amount(hi)}; "),
                    f"the scenario says {amount(original)}. The file is not changed.",
                ),
            ),
            done,
        )

    def action_reset_edits(self) -> None:
        n = len(self.session.overrides)
        if n == 0:
            self.notify("There are no what-if edits to undo.", severity="warning")
            return
        self.session.reset_overrides()
        self.refresh_views(rows=False)
        self.notify(f"Undid {n} what-if edit{'s' if n != 1 else ''} (^z brings them back).")
