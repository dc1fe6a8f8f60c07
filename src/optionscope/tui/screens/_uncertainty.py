"""Uncertainty (SMAA-2): how often each option takes each rank when the assessments vary
within their ranges and the weights around the session's.

The simulation runs in a child process, waited for by a worker thread
(`@work(thread=True, exclusive=True)`; see `_processes` for why not the thread
alone): the screen stays live, a new run replaces (kills) the one under way, and
leaving the screen kills it. The seed is shown, and
fixed until changed, so the figures can be reproduced with `optionscope simulate`.
"""

from __future__ import annotations

import random
from typing import ClassVar

import numpy as np
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, LoadingIndicator, Static
from textual.worker import Worker, WorkerState, get_current_worker

from optionscope.analysis.seeds import DEFAULT_SEED
from optionscope.analysis.smaa import DEFAULT_CONCENTRATION, SmaaResult, smaa
from optionscope.present.numbers import percent
from optionscope.present.simulation import (
    acceptability_order,
    gates_sentence,
    mean_rank,
    top_ranks_sentence,
)
from optionscope.tui._charts import rank_legend, stacked_bar, titled
from optionscope.tui._processes import Cancelled, ProcessRunner
from optionscope.tui._session import Session
from optionscope.tui._text import chip, clip, fit, fitted, literal, text_width
from optionscope.tui.screens._modals import PromptModal
from optionscope.tui.widgets._contribution_table import header_lines, header_width

DEFAULT_SAMPLES = 10_000
BARS = 20
"""Options drawn as bars (those most often first); the rest are counted."""
MAX_SAMPLES = 10_000_000


def acceptability_lines(result: SmaaResult, labels: dict[str, str], width: int) -> list[Content]:
    """One stacked bar per option (most often first at the top), then the numbers."""
    label_width = max(6, min(max(text_width(v) for v in labels.values()), max(16, width // 3)))
    numbers = 22
    bar = max(width - label_width - 2 - numbers, 10)
    first = result.rank_acceptability[:, 0]
    first_text = [percent(float(x), compact=True) for x in first]
    expected = result.expected_ranks()
    order = acceptability_order(result)
    hidden = order[BARS:]
    order = order[:BARS]
    lines = [
        Content.assemble(
            " " * (label_width + 1),
            ("share of samples at each rank".ljust(bar), "dim"),
            ("  #1     mean rank  CF", "dim"),
        )
    ]
    for i in order:
        oid = result.options[i]
        cf = result.confidence_factors[i]
        cf_text = "    -" if np.isnan(cf) else f"{percent(float(cf), compact=True):>5}"
        lines.append(
            Content.assemble(
                literal(fit(labels[oid], label_width)),
                " ",
                stacked_bar(list(result.rank_acceptability[i]), bar),
                (f"  {first_text[i]:>5}", "bold"),
                f"   {mean_rank(expected[oid]):>5}  ",
                (cf_text, "bold"),
            )
        )
    if hidden:
        lines.append(
            Content.styled(f"… and {len(hidden)} more options, never or rarely first", "dim")
        )
    bounded = top_ranks_sentence(result)
    if bounded:
        lines.append(Content.styled(bounded, "dim"))
    lines.append(rank_legend(min(result.ranks, 10)))
    lines.append(
        Content.styled(
            "#1: share of samples ranked first. mean rank: the average rank over the samples. "
            "CF (confidence factor): how often the option is first with its own central "
            "weights (- never first).",
            "dim",
        )
    )
    return lines


def central_weight_lines(
    result: SmaaResult,
    labels: dict[str, str],
    names: dict[str, str],
    width: int,
    shorts: dict[str, str] | None = None,
) -> list[Content]:
    """Central weights of the options that were ever first: criteria as rows, options as
    columns (as many as fit); the names in full where the width allows, else short."""
    shorts = shorts or {}
    ever = [i for i in range(len(result.options)) if not np.isnan(result.central_weights[i]).any()]
    if not ever:
        return [Content.styled("No option was ever first.", "dim")]
    column = max(8, *(header_width(labels[o]) + 1 for o in result.options))
    longest = max((len(n) for n in names.values()), default=0)
    name = max(min(width - 4 - column * len(ever), longest + 1), min(longest + 1, 12), 0)
    shown = ever[: max((width - 4 - name) // column, 1)]
    top: list[Content | str | tuple[str, str]] = [" " * (4 + name)]
    bottom: list[Content | str | tuple[str, str]] = [" " * (4 + name)]
    for i in shown:
        first, second = header_lines(labels[result.options[i]], column - 1)
        top.append(literal(first.rjust(column), "bold"))
        bottom.append(literal(second.rjust(column), "bold"))
    lines = [Content.assemble(*top), Content.assemble(*bottom)]
    for j, cid in enumerate(result.criteria):
        row: list[Content | str | tuple[str, str]] = [chip(j), " "]
        if name:
            row.append(literal(fitted(names[cid], shorts.get(cid, ""), name - 1).ljust(name)))
        for i in shown:
            row.append(
                f"{percent(float(result.central_weights[i, j]), compact=True):>{column - 1}} "
            )
        lines.append(Content.assemble(*row))
    if len(shown) < len(ever):
        lines.append(Content.styled(f"… {len(ever) - len(shown)} more: widen the window", "dim"))
    return lines


class UncertaintyScreen(Screen[None]):
    """Rank acceptabilities, confidence factors and central weights from SMAA-2."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,backspace", "app.pop_screen", "Back", id="uncertainty.back"),
        Binding("n", "samples", "Samples", id="uncertainty.samples"),
        Binding("s", "seed", "Seed", id="uncertainty.seed"),
        Binding("r", "rerun", "New seed", id="uncertainty.rerun"),
        Binding(
            "g",
            "gates",
            "Gates",
            id="uncertainty.gates",
            tooltip="Simulate the feasibility gates, or not",
        ),
        Binding(
            "c",
            "concentration",
            "Spread",
            id="uncertainty.concentration",
            tooltip="How far weights vary",
        ),
    ]

    def __init__(
        self, session: Session, *, samples: int = DEFAULT_SAMPLES, seed: int = DEFAULT_SEED
    ) -> None:
        super().__init__()
        self.session = session
        self.samples = samples
        self.seed = seed
        self.gates = False
        self.concentration: float | None = DEFAULT_CONCENTRATION
        """How tightly sampled weights cluster around the session's (None: fixed weights)."""
        self.result: SmaaResult | None = None
        self.error: str | None = None
        self.runner = ProcessRunner()
        """The child process that runs the simulation (kept warm between runs)."""
        self.labels = {o.id: o.label for o in session.scenario.options}
        self.names = {c.id: c.name for c in session.scenario.criteria}
        self.shorts = {c.id: c.short for c in session.scenario.criteria}

    def compose(self) -> ComposeResult:
        yield Static(
            Content.assemble(
                ("Uncertainty (SMAA-2): ", "bold"),
                "how often each option takes each rank",
            ),
            id="title",
            markup=False,
        )
        yield Static(id="smaa-settings", markup=False)
        yield LoadingIndicator(id="smaa-loading")
        with VerticalScroll(id="smaa-body", classes="analysis-body"):
            yield Static(id="smaa-acceptability", markup=False)
            yield Static(id="smaa-central", markup=False)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#smaa-body").focus()
        self.start()

    def on_resize(self) -> None:
        self.draw()

    @property
    def running(self) -> bool:
        return any(
            w.group == "smaa" and w.state in (WorkerState.PENDING, WorkerState.RUNNING)
            for w in self.workers
        )

    def start(self) -> None:
        self.result = None
        self.error = None
        self.draw()
        self.simulate(self.samples, self.seed, self.gates, self.concentration)

    @work(thread=True, exclusive=True, group="smaa")
    def simulate(self, samples: int, seed: int, gates: bool, concentration: float | None) -> None:
        """Run SMAA in the screen's child process; this thread only waits for it."""
        s = self.session
        worker = get_current_worker()
        try:
            result = self.runner.run(
                lambda: worker.is_cancelled,
                smaa,
                s.scenario,
                s.weights,
                samples=samples,
                seed=seed,
                gates=gates,
                concentration=concentration,
                overrides=s.overrides or None,
            )
        except Cancelled:
            return
        except ValueError as err:
            if not worker.is_cancelled:
                self.app.call_from_thread(self._failed, str(err))
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._finished, result)

    def on_unmount(self) -> None:
        self.runner.close()

    def _finished(self, result: SmaaResult) -> None:
        if result.samples != self.samples or result.seed != self.seed:
            return  # a run for settings since changed
        self.result = result
        if self.is_mounted:
            self.draw()

    def _failed(self, message: str) -> None:
        self.error = message
        if self.is_mounted:
            self.draw()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "smaa" and self.is_mounted:
            self.query_one("#smaa-loading").display = self.running

    @property
    def _width(self) -> int:
        return max(self.size.width - 4, 30)

    def draw(self) -> None:
        if not self.is_mounted:
            return
        s = self.session
        gates = "simulated" if self.gates else "ignored"
        state = "done" if self.result is not None else "running…"
        if self.error is not None:
            state = "failed"
        self.query_one("#smaa-settings", Static).update(
            Content.assemble(
                ("Samples ", "dim"),
                (f"{self.samples:,}", "bold"),
                (" (n)  Seed ", "dim"),
                (str(self.seed), "bold"),
                (" (s, r)  Gates ", "dim"),
                (gates, "bold"),
                (" (g)  Weights ", "dim"),
                literal(s.weights_label),
                (" spread ", "dim"),
                (self.spread_text, "bold"),
                (" (c)", "dim"),
                ("  · ", "dim"),
                (state, "bold" if self.result is not None else "italic"),
            )
        )
        self.query_one("#smaa-loading").display = self.result is None and self.error is None
        acceptability = self.query_one("#smaa-acceptability", Static)
        central = self.query_one("#smaa-central", Static)
        if self.error is not None:
            acceptability.update(Content.styled(f"The simulation failed: {self.error}", "bold"))
            central.update("")
            return
        if self.result is None:
            acceptability.update(
                Content.styled(
                    f"Simulating {self.samples:,} samples of the assessments within their "
                    "ranges and of the weights around yours… (the screen stays usable)",
                    "italic",
                )
            )
            central.update("")
            return
        width = self._width
        if self.result.concentration is None:
            weights_text = Content.assemble("weights fixed at ", literal(s.weights_label), ".")
        else:
            weights_text = Content.assemble(
                "weights drawn around ",
                literal(s.weights_label),
                f" (Dirichlet, concentration {self.result.concentration:g}).",
            )
        gates_note = gates_sentence(self.result, lambda o: s.scenario.option(o).label)
        intro = Content.assemble(
            "Assessments drawn within their ranges (by confidence); ", weights_text
        )
        acceptability.update(
            Content("\n").join(
                [
                    titled("Rank acceptability"),
                    Content.styled(intro.plain, "dim"),
                    *([literal(gates_note)] if self.result.gates else []),
                    *acceptability_lines(self.result, self.labels, width),
                ]
            )
        )
        central.update(
            Content("\n").join(
                [
                    Content(""),
                    titled("Central weights (the typical weights that make each option first)"),
                    *central_weight_lines(self.result, self.labels, self.names, width, self.shorts),
                ]
            )
        )

    # Settings ----------------------------------------------------------------

    def _ask_number(self, title: str, current: int, low: int, high: int, apply: str) -> None:
        def done(text: str | None) -> None:
            if text is None:
                return
            try:
                value = int(text.replace(",", "").replace("_", "").strip())
            except ValueError:
                self.notify(
                    f"'{clip(text, 20)}' is not a whole number.", severity="error", markup=False
                )
                return
            if not low <= value <= high:
                self.notify(f"Choose a number from {low:,} to {high:,}.", severity="error")
                return
            setattr(self, apply, value)
            self.start()

        self.app.push_screen(PromptModal(title, str(current), f"From {low:,} to {high:,}."), done)

    def action_samples(self) -> None:
        self._ask_number("Samples", self.samples, 100, MAX_SAMPLES, "samples")

    def action_seed(self) -> None:
        self._ask_number("Seed", self.seed, 0, 2**63 - 1, "seed")

    def action_rerun(self) -> None:
        self.seed = random.SystemRandom().randrange(1_000_000)
        self.start()

    @property
    def spread_text(self) -> str:
        return "fixed" if self.concentration is None else f"concentration {self.concentration:g}"

    def action_concentration(self) -> None:
        def done(text: str | None) -> None:
            if text is None:
                return
            text = text.strip().lower()
            if text in ("fixed", "0", "none"):
                self.concentration = None
                self.start()
                return
            try:
                value = float(text)
            except ValueError:
                self.notify(f"'{clip(text, 20)}' is not a number.", severity="error", markup=False)
                return
            if not (value > 0 and value < float("inf")):
                self.notify("The concentration is a positive number.", severity="error")
                return
            self.concentration = value
            self.start()

        current = "fixed" if self.concentration is None else f"{self.concentration:g}"
        self.app.push_screen(
            PromptModal(
                "Weight spread: Dirichlet concentration",
                current,
                "Larger keeps the sampled weights closer to yours (50: about ±0.04 for a weight "
                "of 0.1); 'fixed' (or 0) does not vary them.",
            ),
            done,
        )

    def action_gates(self) -> None:
        self.gates = not self.gates
        self.start()
