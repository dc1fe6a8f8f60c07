"""The main screen: weights on the left, the ranking and why on the right."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Footer, Static

from optionscope.analysis.method_names import METHOD_NAMES
from optionscope.io.writers import plain
from optionscope.present.numbers import amount, ranking_score_labels
from optionscope.tui._text import (
    clip,
    fmt_points,
    literal,
    method_label,
    names_width,
    text_width,
)
from optionscope.tui.screens._main_edits import WhatIfEdits
from optionscope.tui.screens._main_files import SessionFiles
from optionscope.tui.screens._modals import ConfirmModal, PickModal, WeightPrompt
from optionscope.tui.screens._option_items import (
    dialog_room,
    option_item_parts,
    ranked_option_items,
)
from optionscope.tui.widgets import ContributionTable, RankingChart, WeightList
from optionscope.tui.widgets._weight_list import CONTROLS as WEIGHT_CONTROLS

if TYPE_CHECKING:
    from optionscope.tui._outline import SessionView
    from optionscope.tui._session import Session


def update_text(static: Static, content: Content) -> None:
    """Replace a Static's text, asking for a new layout only if its height changes."""
    width = static.content_region.width
    same = width > 0 and len(content.wrap(width)) == static.content_region.height
    static.update(content, layout=not same)


NAME_ROOM = 11
"""On a mid-width screen, criterion names longer than this show their short label (the
narrowest weights pane holds 11 cells of name)."""

WEIGHTS_HINT = Content.assemble(
    ("←/→", "bold"), " or ", ("-/+", "bold"), " change, ", ("0-9", "bold"), " type"
)

TITLE_HINTS = Content.assemble(
    ("?", "bold"), " keys  ", ("^p", "bold"), " commands  ", ("q", "bold"), " quit"
)


class MainScreen(WhatIfEdits, SessionFiles):
    """Weigh the criteria, see the ranking follow, and read why."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "p",
            "pick_profile",
            "Profile",
            id="main.profile",
            tooltip="Apply a stakeholder profile",
            priority=True,  # dialogs open as their key arrives: keys typed after go to them
        ),
        Binding(
            "r", "reset_weights", "Reset", id="main.reset", tooltip="Back to the starting weights"
        ),
        Binding(
            "d",
            "pick_detail",
            "Detail",
            id="main.detail",
            tooltip="Everything about one option",
            priority=True,
        ),
        Binding(
            "h",
            "head_to_head",
            "Compare",
            id="main.head_to_head",
            tooltip="Two options head to head",
        ),
        Binding(
            "e",
            "what_if",
            "What-if",
            id="main.what_if",
            tooltip="Change an assessed value",
            priority=True,
        ),
        Binding(
            "s",
            "sensitivity",
            "Sensitivity",
            show=False,  # the footer is full at 80 columns; in help (?) and the palette
            id="main.sensitivity",
            tooltip="Stability intervals, weight sweep, tornado, what would have to be true",
        ),
        Binding(
            "U",
            "uncertainty",
            "Uncertainty",
            show=False,
            id="main.uncertainty",
            tooltip="Rank acceptabilities from SMAA-2",
        ),
        Binding(
            "v",
            "value_cost",
            "Value vs cost",
            show=False,
            id="main.value_cost",
            tooltip="Value against cost, the efficient frontier",
        ),
        Binding(
            "W",
            "elicit",
            "Elicit weights",
            show=False,
            id="main.elicit",
            tooltip="Rank order, swing points or AHP pairs",
        ),
        Binding("ctrl+z", "undo", "Undo", show=False, id="main.undo", tooltip="Undo a change"),
        Binding(
            "ctrl+y", "redo", "Redo", show=False, id="main.redo", tooltip="Redo what was undone"
        ),
        Binding("u", "reset_edits", "Undo what-ifs", show=False, id="main.reset_edits"),
        Binding("m", "next_method", "Method", show=False, id="main.method"),
        Binding("w", "save_weights", "Save weights", show=False, id="main.save_weights"),
        Binding("l", "load_weights", "Load weights", show=False, id="main.load_weights"),
        Binding("x", "export_markdown", "Export Markdown", show=False, id="main.export_md"),
        Binding("a", "save_scenario_as", "Save scenario as", show=False, id="main.save_as"),
    ]

    def __init__(self, session: SessionView, top: int = 12) -> None:
        super().__init__()
        self.view = session
        """What the views show: the session, or its outline until the session is read."""
        self.top = top
        self._typing = WeightPrompt()
        """The weight prompt opening; keys typed before it is up are passed to it."""
        self._criterion_shown: Content | None = None
        self._pane_width: tuple[int | None, int | None] | None = None

    def compose(self) -> ComposeResult:
        s = self.view.scenario
        pane = Vertical(id="weights-pane")
        self._pane_width = self._criterion_shown = None  # new widgets (composed again)
        # laid out for the terminal's size from the start, not after the first frame
        self._fit(self.app.size, pane)
        with Horizontal(id="title-bar"):
            yield Static(
                Content.assemble(("optionscope ", "bold"), literal(s.title)),
                id="title",
                markup=False,
            )
            yield Static(TITLE_HINTS, id="title-hints", markup=False)
        with Horizontal(id="body"):
            with pane:
                yield Static(
                    Content.assemble(("Weights", "bold"), (" (points, share)", "dim")),
                    id="weights-heading",
                )
                yield WeightList(self.view, id="weights")
                yield Static(WEIGHTS_HINT, id="weights-hint", markup=False)
                yield Static(id="criterion-info", markup=False)
            with VerticalScroll(id="ranking-pane"):
                yield Static(id="status", markup=False)
                yield RankingChart(self.view, self.top, id="chart")
                yield Static(id="explanation", markup=False)
                yield ContributionTable(self.view, self.top, id="contributions")
        yield Footer(id="footer", compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self._start()

    def _start(self) -> None:
        self.query_one(WeightList).focus()
        self.refresh_views(rows=False)
        self._describe_criterion()

    @property
    def session(self) -> Session:
        """The session the screen's actions change (an outline only draws the first frame)."""
        from optionscope.tui._session import Session

        if not isinstance(self.view, Session):
            raise LookupError("the session is not read yet")
        return self.view

    @session.setter
    def session(self, session: Session) -> None:
        self.view = session

    def adopt(self, session: Session) -> None:
        """Take the session in place of the outline the screen was drawn from (the same
        names and numbers: the views are drawn again, in place)."""
        self.session = session
        for view in (self.query_one(WeightList), self.query_one(RankingChart)):
            view.session = session
        self.query_one(ContributionTable).session = session
        self.refresh_views()

    def show_session(self, session: Session) -> None:
        """Show another session (another scenario opened): the screen is composed again."""
        self.session = session

        async def compose_again() -> None:
            await self.recompose()
            self._start()

        self.call_later(compose_again)

    def on_resize(self) -> None:
        self._fit(self.size, self.query_one("#weights-pane"))
        self._describe_criterion()

    def _fit(self, size: Size, pane: Widget) -> None:
        """The classes and the weights pane's width for a screen of this size."""
        width = size.width
        self.set_class(width < 70, "-narrow")
        self.set_class(width >= 110, "-wide")
        self.set_class(size.height >= 30, "-tall")
        wanted: tuple[int | None, int | None] = (None, None)
        if width >= 110:  # room for the full names, up to 40% of the screen
            longest = max(text_width(c.name) for c in self.view.scenario.criteria)
            most = max(34, min(longest + WEIGHT_CONTROLS + 3, width * 2 // 5))
            wanted = (most, most)
        elif width >= 70:  # the criteria's names (or short labels) whole, up to 7/15 wide
            criteria = self.view.scenario.criteria
            scroll = 2 if len(criteria) + 8 > size.height else 0  # the list's scroll bar
            names = names_width(criteria, NAME_ROOM, labels_most=24) + WEIGHT_CONTROLS + 3 + scroll
            wanted = (max(34, min(names, width * 7 // 15)), None)
        if wanted != self._pane_width:  # setting a width, even the same, lays out again
            pane.styles.width, pane.styles.max_width = wanted
            self._pane_width = wanted

    # Keeping the views in step ------------------------------------------------

    def refresh_views(self, rows: bool = True) -> None:
        s = self.view
        if rows:
            self.query_one(WeightList).refresh_rows()
        self.query_one(RankingChart).update_chart()
        self.query_one(ContributionTable).update_table()
        update_text(
            self.query_one("#explanation", Static),
            Content.assemble(("In words: ", "bold"), literal(s.lead_text())),
        )
        edits = len(s.overrides)
        update_text(
            self.query_one("#status", Static),
            Content.assemble(
                ("Method: ", "dim"),
                method_label(s.method),
                (" · Weights: ", "dim"),
                literal(s.weights_label),
                *([(" · What-if edits: ", "dim"), (str(edits), "bold #edc948")] if edits else []),
            ),
        )

    @on(WeightList.OptionHighlighted, "#weights")
    def _describe_criterion(self) -> None:
        """The highlighted criterion in full under the list, with what it measures when the
        list leaves room for it (the list itself is never squeezed below its rows)."""
        weights = self.query_one(WeightList)
        cid = weights.highlighted_criterion
        if cid is None:
            return
        c = self.view.scenario.criterion(cid)
        spare = self.size.height - 4 - weights.option_count - 1  # title, footer, heading, hint
        room = max(1, min(spare - 1, 10))  # lines under a one-line border
        better = "more is better" if c.direction == "max" else "less is better"
        lines: list[Content | str | tuple[str, str]] = [
            literal(c.name, "bold"),
            (f"\n{better}; ", "dim"),
            literal(f"{c.unit}, scale {amount(c.scale.min)} to {amount(c.scale.max)}", "dim"),
        ]
        if c.description and room > 3:
            lines += ["\n", literal(c.description)]
        info = self.query_one("#criterion-info", Static)
        # compact: just the name, no border; on one line, or on two in place of the key
        # hint when it is longer than the pane is wide (the name is never cut)
        width = (info.size.width or self.query_one("#weights-pane").size.width) - 2
        long = room < 2 and len(c.name) > max(width, 1)
        info.set_class(room < 2, "-compact")
        info.set_class(long, "-long")
        self.query_one("#weights-hint").display = not long
        info.styles.max_height = room + 1 if room >= 2 else (2 if long else 1)
        text = Content.assemble(*lines) if room >= 2 else literal(c.name, "bold")
        if text != self._criterion_shown:  # a resize often leaves it as it is
            info.update(text)
            self._criterion_shown = text

    @on(RankingChart.OptionClicked)
    def _chart_clicked(self, event: RankingChart.OptionClicked) -> None:
        self.open_detail(event.option)

    @on(WeightList.StepRequested)
    def _step(self, event: WeightList.StepRequested) -> None:
        if not self.session.step_weight(event.criterion, event.delta):
            self.notify("At least one weight must stay above zero.", severity="warning")
            return
        self.refresh_views()

    @on(WeightList.TypeRequested)
    def _type(self, event: WeightList.TypeRequested) -> None:
        cid = event.criterion
        self._typing.ask_weight(
            self,
            event.initial,
            self.session.scenario.criterion(cid).name,
            fmt_points(self.session.weights[cid]),
            lambda text: self.session.set_weight_text(cid, text),
            self.refresh_views,
        )

    # Profiles, reset, method ----------------------------------------------------

    def action_pick_profile(self) -> None:
        s = self.session.scenario
        if not s.profiles:
            self.notify("This scenario has no stakeholder profiles.", severity="warning")
            return
        from optionscope.analysis.positions import position_check
        from optionscope.report.positions_text import position_cell

        items: list[tuple[str, Content]] = []
        for p in s.profiles:
            stance: list[str | Content] = [" — ", literal(p.stance)] if p.stance else []
            check = position_check(s, p.id, self.session.method)
            if check is not None:
                stance += [" · actually backed: ", literal(position_cell(check, s), "italic")]
            items.append((p.id, Content.assemble(literal(p.name, "bold"), *stance)))
        self.app.push_screen(
            PickModal("Apply a stakeholder profile", items, self.session.profile),
            self.apply_profile,
        )

    def apply_profile(self, profile_id: str | None) -> None:
        if profile_id is None:
            return
        self.session.apply_profile(profile_id)
        self.refresh_views()
        name = self.session.scenario.profile(profile_id).name
        self.notify(f"Applied {plain(name)}; ▲/▼ show the moves.", markup=False)

    def action_reset_weights(self) -> None:
        """Back to the starting weights, asking first when changed weights would be lost."""
        if "changed weights" not in self.session.unsaved_work():
            self.reset_weights(True)
            return
        self.app.push_screen(
            ConfirmModal(
                "Reset the weights? Your changed weights are not saved to a file "
                "(^z brings them back)."
            ),
            self.reset_weights,
        )

    def reset_weights(self, confirmed: bool | None) -> None:
        if not confirmed:
            return
        self.session.reset_weights()
        self.refresh_views()
        self.notify(f"Weights reset to {self.session.weights_label}.", markup=False)

    def action_undo(self) -> None:
        change = self.session.undo()
        if change is None:
            self.notify("Nothing to undo.", severity="warning")
            return
        self.refresh_views()
        self.notify(f"Undid the {change}.", markup=False)

    def action_redo(self) -> None:
        change = self.session.redo()
        if change is None:
            self.notify("Nothing to redo.", severity="warning")
            return
        self.refresh_views()
        self.notify(f"Redid the {change}.", markup=False)

    def action_next_method(self) -> None:
        from optionscope.analysis.ranking import METHODS

        names = list(METHODS)
        current = names.index(self.session.method) if self.session.method in names else -1
        self.set_method(names[(current + 1) % len(names)])

    def set_method(self, method: str) -> None:
        self.session.set_method(method)
        self.refresh_views(rows=False)
        self.notify(f"Method: {METHOD_NAMES.get(method, method)}", markup=False)

    # Detail, head to head, what-if ---------------------------------------------

    def _option_items(self, criterion: str | None = None) -> list[tuple[str, Content]]:
        s = self.session
        room = dialog_room(self.app.size.width)
        if criterion is None:
            return ranked_option_items(s, room)
        unit = s.scenario.criterion(criterion).unit
        items = []
        ranking = s.current
        scores = ranking_score_labels(ranking)
        for r, score in zip(ranking.ranking, scores, strict=True):
            parts = option_item_parts(r.rank, s.scenario.option(r.option), score, 0)
            mark = "*" if s.is_edited(r.option, criterion) else ""
            perf = amount(s.performance(r.option, criterion))
            parts.append((f"value {perf}{mark} ", "bold" if mark else ""))
            parts.append(literal(clip(unit, 24), "dim"))
            items.append((r.option, Content.assemble(*parts)))
        return items

    def action_pick_detail(self) -> None:
        self.app.push_screen(
            PickModal("Open an option's detail", self._option_items()), self.open_detail
        )

    def open_detail(self, option_id: str | None) -> None:
        if option_id is None:
            return
        from optionscope.tui.screens._detail import DetailScreen

        self.app.push_screen(DetailScreen(self.session, option_id))

    def action_head_to_head(self) -> None:
        rows = self.session.current.ranking
        if len(rows) < 2:
            self.notify("A head-to-head needs two options.", severity="warning")
            return
        from optionscope.tui.screens._head_to_head import HeadToHeadScreen

        self.app.push_screen(HeadToHeadScreen(self.session, rows[0].option, rows[1].option))

    # Robustness screens ------------------------------------------------------------

    def action_sensitivity(self) -> None:
        from optionscope.tui.screens._sensitivity import SensitivityScreen

        self.app.push_screen(SensitivityScreen(self.session))

    def action_uncertainty(self) -> None:
        from optionscope.tui.screens._uncertainty import UncertaintyScreen

        self.app.push_screen(UncertaintyScreen(self.session))

    def action_value_cost(self) -> None:
        from optionscope.tui.screens._value_cost import ValueCostScreen

        self.app.push_screen(ValueCostScreen(self.session))

    def action_elicit(self) -> None:
        from optionscope.tui.screens._elicit import ElicitScreen

        self.app.push_screen(ElicitScreen(self.session))
