"""Weights from judgements: rank the criteria (rank-order centroid), score their swings, or
compare them in pairs (AHP, with Saaty's consistency ratio). `a` applies the weights.

The numbers come from `analysis.elicitation`; this screen keeps the judgements and shows
what they give. Three ways, one list: `1`, `2`, `3` switch between them.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from optionscope.analysis.elicitation import (
    CONSISTENCY_THRESHOLD,
    AhpResult,
    ahp,
    fmt_judgement,
    pairwise_matrix,
    roc_weights,
    swing_weights,
    swings,
)
from optionscope.io.judgements import judgement_value
from optionscope.io.safe_text import pad
from optionscope.present.elicitation import consistency_ratio_text, consistency_sentence
from optionscope.present.numbers import amount, weight_labels
from optionscope.tui._session import Session
from optionscope.tui._text import chip, clip, literal, named, names_width
from optionscope.tui.screens._modals import PromptModal

if TYPE_CHECKING:
    from optionscope.tui.app import OptionscopeApp

MODES = ("roc", "swing", "ahp")
MODE_NAMES = {"roc": "Rank order", "swing": "Swing points", "ahp": "AHP pairs"}

SAATY = [9.0, 8.0, 7.0, 6.0, 5.0, 4.0, 3.0, 2.0, 1.0] + [1.0 / k for k in range(2, 10)]
"""Saaty's scale from "left 9x more important" to "right 9x more important"."""

AHP_DEFAULT_TOP = 5
"""With more criteria than this, AHP starts on the five weightiest (66 pairs for 12 is a lot)."""

SWING_STEP = 5.0


def ahp_subsets(session: Session) -> list[tuple[str, list[str]]]:
    """Sets of criteria to compare in pairs: every criterion (up to 15), the top 3/5/7 by
    current weight, and each group of two or more."""
    scenario = session.scenario
    ids = scenario.criterion_ids
    by_weight = sorted(ids, key=lambda c: (-session.weights[c], ids.index(c)))
    out: list[tuple[str, list[str]]] = []
    if 2 <= len(ids) <= 15:
        out.append(("all criteria", list(ids)))
    for top in (3, 5, 7):
        if 2 <= top < len(ids):
            out.append((f"the {top} weightiest", sorted(by_weight[:top], key=ids.index)))
    groups: dict[str, list[str]] = {}
    for c in scenario.criteria:
        groups.setdefault(c.group, []).append(c.id)
    for name, members in groups.items():
        if 2 <= len(members) < len(ids):
            out.append((f"group {name}", members))
    if len(ids) > AHP_DEFAULT_TOP:
        top = next((k for k, (label, _) in enumerate(out) if label.endswith("5 weightiest")), 0)
        out.insert(0, out.pop(top))
    return out


class ElicitScreen(Screen[None]):
    """Rank-order centroid, swing weighting and AHP, each giving weights to apply."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,backspace", "app.pop_screen", "Back", id="elicit.back"),
        Binding("a", "apply", "Apply weights", id="elicit.apply"),
        Binding("1", "mode('roc')", "Rank order (ROC)", id="elicit.roc", show=False),
        Binding("2", "mode('swing')", "Swing points", id="elicit.swing", show=False),
        Binding("3", "mode('ahp')", "AHP pairs", id="elicit.ahp", show=False),
        Binding("shift+up,left_square_bracket", "move(-1)", "Move up", id="elicit.up"),
        Binding("shift+down,right_square_bracket", "move(1)", "Move down", id="elicit.down"),
        Binding(
            "left,minus", "nudge(-1)", "Fewer points, favour left", id="elicit.less", show=False
        ),
        Binding(
            "right,plus", "nudge(1)", "More points, favour right", id="elicit.more", show=False
        ),
        Binding("t", "next_subset", "Another AHP set", id="elicit.subset", show=False),
    ]

    def __init__(self, session: Session, mode: str = "roc") -> None:
        super().__init__()
        self.session = session
        self.mode = mode
        scenario = session.scenario
        ids = scenario.criterion_ids
        self.order = sorted(ids, key=lambda c: (-session.weights[c], ids.index(c)))
        """Criteria most important first (starts from the current weights)."""
        top = max(session.weights.values())
        self.points = {
            c: round(100.0 * session.weights[c] / top / SWING_STEP) * SWING_STEP for c in ids
        }
        """Swing points, the most important at 100 (starts from the current weights)."""
        self.subsets = ahp_subsets(session)
        self.subset = 0
        self.judgements: dict[tuple[str, str], float] = {}
        """(criterion, criterion) -> how much more the first matters; 1 until judged."""

    # Layout -------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(
            Content.assemble(("Elicit weights: ", "bold"), "from your judgements"),
            id="title",
            markup=False,
        )
        yield Static(id="elicit-modes", markup=False)
        with Vertical(id="elicit-body"):
            yield Static(id="elicit-help", markup=False)
            yield Static(id="elicit-verdict", markup=False)
            yield OptionList(id="elicit-list", markup=False, compact=True)
            with VerticalScroll(id="elicit-result-pane"):
                yield Static(id="elicit-result", markup=False)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self.draw()

    # Judgements --------------------------------------------------------------

    @property
    def ahp_criteria(self) -> list[str]:
        return self.subsets[self.subset][1] if self.subsets else []

    @property
    def pairs(self) -> list[tuple[str, str]]:
        return list(itertools.combinations(self.ahp_criteria, 2))

    def judgement(self, pair: tuple[str, str]) -> float:
        return self.judgements.get(pair, 1.0)

    def ahp_result(self) -> AhpResult | None:
        crit = self.ahp_criteria
        if len(crit) < 2:
            return None
        names = [self.session.scenario.criterion(c).name for c in crit]
        name = dict(zip(crit, names, strict=True))
        matrix = pairwise_matrix(
            names, {(name[a], name[b]): self.judgement((a, b)) for a, b in self.pairs}
        )
        return ahp(matrix, names)

    def weights(self) -> tuple[dict[str, float], str]:
        """The weights this mode's judgements give (sum 1), and a label for them."""
        s = self.session
        if self.mode == "roc":
            ranks = {c: float(k + 1) for k, c in enumerate(self.order)}
            return roc_weights(ranks), "rank-order centroid"
        if self.mode == "swing":
            return swing_weights(self.points, s.scenario).weights, "swing weights"
        result = self.ahp_result()
        assert result is not None
        crit = self.ahp_criteria
        total = sum(s.weights.values())
        share = sum(s.weights[c] for c in crit) / total
        out = {c: s.weights[c] / total for c in s.scenario.criterion_ids}
        for c, w in zip(crit, result.weights, strict=True):
            out[c] = float(w) * share
        label = "AHP" if len(crit) == len(out) else f"AHP on {self.subsets[self.subset][0]}"
        return out, label

    # Drawing -----------------------------------------------------------------

    def draw(self) -> None:
        modes: list[Content | str | tuple[str, str]] = []
        for k, mode in enumerate(MODES, start=1):
            style = "bold reverse" if mode == self.mode else "dim"
            modes += [(f" {k} {MODE_NAMES[mode]} ", style), " "]
        modes.append(("  a applies the weights", "bold"))
        self.query_one("#elicit-modes", Static).update(Content.assemble(*modes))
        self.query_one("#elicit-help", Static).update(self.help_text())
        options = self.query_one(OptionList)
        highlighted = options.highlighted or 0
        options.set_options(self.items())
        if options.option_count:
            options.highlighted = min(highlighted, options.option_count - 1)
        self.draw_result()

    def help_text(self) -> Content:
        if self.mode == "roc":
            return Content.assemble(
                "Put the criteria in order of importance, most important first: ",
                ("shift+↑/↓", "bold"),
                " or ",
                ("[ ]", "bold"),
                " move the selected one. Weights: rank-order centroid (Barron & Barrett).",
            )
        if self.mode == "swing":
            return Content.assemble(
                "Imagine each criterion going from its worst to its best level. Give the swing "
                "that matters most 100 and the others points relative to it: ",
                ("←/→", "bold"),
                " by 5, ",
                ("Enter", "bold"),
                " types a number.",
            )
        subset = self.subsets[self.subset][0] if self.subsets else "nothing"
        return Content.assemble(
            "Compare ",
            (subset, "bold"),
            (" (t: another set)", "dim"),
            " in pairs on Saaty's 1-9 scale: ",
            ("←", "bold"),
            " favours the left one, ",
            ("→", "bold"),
            " the right one, ",
            ("Enter", "bold"),
            " types a judgement such as 3 or 1/5.",
        )

    def _crit(self, cid: str, width: int) -> Content:
        scenario = self.session.scenario
        j = scenario.criterion_ids.index(cid)
        return Content.assemble(
            chip(j), " ", literal(pad(named(scenario.criteria[j], width), width))
        )

    @property
    def _name_width(self) -> int:
        most = max(min((self.size.width or 80) // 3, 36), 10)
        return names_width(self.session.scenario.criteria, most, least=10)

    def items(self) -> list[Option]:
        width = self._name_width
        if self.mode == "roc":
            return [
                Option(Content.assemble((f"{k:>3}. ", "bold"), self._crit(c, width)), id=c)
                for k, c in enumerate(self.order, start=1)
            ]
        if self.mode == "swing":
            by_id = {sw.criterion: sw for sw in swings(self.session.scenario)}
            return [
                Option(
                    Content.assemble(
                        self._crit(c, width),
                        (f" {self.points[c]:5.0f} ", "bold"),
                        literal(
                            f" {amount(by_id[c].worst)} → {amount(by_id[c].best)} {by_id[c].unit}",
                            "dim",
                        ),
                    ),
                    id=c,
                )
                for c in self.session.scenario.criterion_ids
            ]
        half = max(min(width, 28), 8)
        out = []
        for a, b in self.pairs:
            v = self.judgement((a, b))
            if v > 1:
                verdict = Content.assemble(("◀ ", "bold"), (f"{fmt_judgement(v)}x", "bold"))
            elif v < 1:
                verdict = Content.assemble((f"{fmt_judgement(1 / v)}x", "bold"), (" ▶", "bold"))
            else:
                verdict = Content.styled("equal", "dim")
            out.append(
                Option(
                    Content.assemble(
                        self._crit(a, half),
                        "  ",
                        verdict.pad_right(max(7 - verdict.cell_length, 0)),
                        "  ",
                        self._crit(b, half),
                    ),
                    id=f"{a}|{b}",
                )
            )
        return out

    def draw_result(self) -> None:
        s = self.session
        lines: list[Content] = []
        try:
            weights, label = self.weights()
        except ValueError as err:
            self.query_one("#elicit-result", Static).update(
                Content.assemble(("Not yet: ", "bold"), literal(str(err)))
            )
            return
        verdict = self.query_one("#elicit-verdict", Static)
        verdict.display = self.mode == "ahp"
        if self.mode == "ahp":
            result = self.ahp_result()
            if result is not None:
                verdict.update(ahp_verdict(result))
            if len(self.ahp_criteria) < len(s.scenario.criteria):
                lines.append(
                    Content.styled(
                        "The other criteria keep their weights; the compared ones share "
                        "their current total.",
                        "dim",
                    )
                )
        lines.append(
            Content.assemble(("Weights from ", "bold"), (label, "bold"), ("  (now → new)", "dim"))
        )
        scenario = s.scenario
        now = weight_labels({c.id: s.weights[c.id] for c in scenario.criteria}, compact=True)
        new = weight_labels({c.id: weights.get(c.id, 0.0) for c in scenario.criteria}, compact=True)
        name_width = names_width(scenario.criteria, 30)
        for j, c in enumerate(scenario.criteria):
            lines.append(
                Content.assemble(
                    chip(j),
                    " ",
                    literal(pad(named(c, name_width), name_width)),
                    (f"{now[c.id]:>7} → ", "dim"),
                    (f"{new[c.id]:>6}", "bold"),
                    (f"  ({weights.get(c.id, 0.0):.4f})", "dim"),
                )
            )
        self.query_one("#elicit-result", Static).update(Content("\n").join(lines))

    # Actions -----------------------------------------------------------------

    def _highlighted_id(self) -> str | None:
        options = self.query_one(OptionList)
        option = options.highlighted_option
        return option.id if option is not None else None

    def action_mode(self, mode: str) -> None:
        if mode == "ahp" and not self.subsets:
            self.notify("AHP needs at least two criteria.", severity="warning")
            return
        self.mode = mode
        self.query_one(OptionList).highlighted = 0
        self.draw()

    def action_move(self, step: int) -> None:
        if self.mode != "roc":
            return
        cid = self._highlighted_id()
        if cid is None:
            return
        i = self.order.index(cid)
        j = i + step
        if not 0 <= j < len(self.order):
            return
        self.order[i], self.order[j] = self.order[j], self.order[i]
        self.draw()
        self.query_one(OptionList).highlighted = j

    def action_nudge(self, step: int) -> None:
        key = self._highlighted_id()
        if key is None:
            return
        if self.mode == "swing":
            self.points[key] = min(100.0, max(0.0, self.points[key] + step * SWING_STEP))
        elif self.mode == "ahp":
            a, b = key.split("|")
            position = min(range(len(SAATY)), key=lambda k: abs(SAATY[k] - self.judgement((a, b))))
            position = min(len(SAATY) - 1, max(0, position + step))
            self.judgements[(a, b)] = SAATY[position]
        else:
            return
        self.draw()

    def action_next_subset(self) -> None:
        if self.mode != "ahp" or len(self.subsets) < 2:
            return
        self.subset = (self.subset + 1) % len(self.subsets)
        self.query_one(OptionList).highlighted = 0
        self.draw()

    @on(OptionList.OptionSelected, "#elicit-list")
    def _typed(self, event: OptionList.OptionSelected) -> None:
        key = event.option.id
        if key is None or self.mode == "roc":
            return
        if self.mode == "swing":
            title = Content.assemble(
                "Swing points for ", literal(self.session.scenario.criterion(key).name, "bold")
            )
            current = f"{self.points[key]:g}"
            hint = "0 to 100; the most important swing gets 100."
        else:
            a, b = key.split("|")
            scenario = self.session.scenario
            title = Content.assemble(
                "How much more does ",
                literal(scenario.criterion(a).name, "bold"),
                " matter than ",
                literal(scenario.criterion(b).name, "bold"),
                "?",
            )
            current = fmt_judgement(self.judgement((a, b)))
            hint = (
                "1 equal, 3 moderately, 5 strongly, 7 very strongly, 9 extremely; "
                "1/3 etc. the reverse."
            )

        def done(text: str | None) -> None:
            if text is None:
                return
            try:
                value = parse_judgement(text)
            except ValueError:
                self.notify(f"'{clip(text, 20)}' is not a number.", severity="error", markup=False)
                return
            if self.mode == "swing":
                if not 0 <= value <= 100:
                    self.notify("Swing points go from 0 to 100.", severity="error")
                    return
                self.points[key] = value
            else:
                if not 1 / 9 - 1e-9 <= value <= 9 + 1e-9:
                    self.notify("Saaty's scale goes from 1/9 to 9.", severity="error")
                    return
                a, b = key.split("|")
                self.judgements[(a, b)] = value
            self.draw()

        self.app.push_screen(PromptModal(title, current, hint), done)

    def action_apply(self) -> None:
        try:
            weights, label = self.weights()
        except ValueError as err:
            self.notify(str(err), title="Weights not applied", severity="error", markup=False)
            return
        if self.mode == "ahp":
            result = self.ahp_result()
            if result is not None and not result.consistent:
                self.notify(
                    "Applied, but the comparisons are inconsistent (CR above 0.10).",
                    severity="warning",
                )
        app: OptionscopeApp = self.app  # type: ignore[assignment]
        self.session.set_weights(weights, label, None)
        app.main_screen.refresh_views()
        app.pop_screen()
        app.notify(f"Weights set by {label}.", markup=False)


def ahp_verdict(result: AhpResult) -> Content:
    """The consistency ratio, and in words what is consistent or not and where."""
    style = "bold #59a14f" if result.consistent else "bold #e15759"
    verdict = "consistent" if result.consistent else "INCONSISTENT"
    return Content.assemble(
        ("Consistency ratio ", "bold"),
        (f"CR {consistency_ratio_text(result.consistency_ratio)}", style),
        f" ({verdict}; Saaty accepts up to {CONSISTENCY_THRESHOLD:.2f})\n",
        literal(consistency_sentence(result), "" if result.consistent else "bold"),
    )


def parse_judgement(text: str) -> float:
    """`3`, `0.5` or `1/5` as a number (the one judgement parser, in `io.judgements`)."""
    return judgement_value(text)
