"""The robustness screens: sensitivity, uncertainty (SMAA), value for money, eliciting weights.

Each screen's numbers are checked against the analysis function that computes them,
for the session's weights.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from click.testing import CliRunner
from textual.widgets import Static
from textual.worker import WorkerState
from tui_scenarios import generated_scenario

from optionscope.analysis.dominance import value_cost_frontier
from optionscope.analysis.elicitation import ahp, pairwise_matrix
from optionscope.analysis.seeds import DEFAULT_SEED
from optionscope.analysis.sensitivity import (
    stability_intervals,
    tornado,
    weight_sweep,
    what_would_have_to_be_true,
)
from optionscope.analysis.smaa import smaa
from optionscope.cli import cli as cli_group
from optionscope.io.scenario_files import load_scenario
from optionscope.model.scenario import Scenario
from optionscope.present.elicitation import consistency_ratio_text, consistency_sentence
from optionscope.present.numbers import percent
from optionscope.present.sensitivity import (
    change_sentence,
    stability_interval,
    stability_sentence,
    weight_now,
)
from optionscope.present.simulation import gates_sentence
from optionscope.tui.app import OptionscopeApp
from optionscope.tui.screens import (
    ElicitScreen,
    MainScreen,
    PromptModal,
    SensitivityScreen,
    UncertaintyScreen,
    ValueCostScreen,
)
from optionscope.tui.widgets import ContributionTable

MakeApp = Callable[..., OptionscopeApp]


def text_of(app: OptionscopeApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def pct(x: float) -> str:
    return percent(x)


def _labeller(scenario: Scenario) -> Callable[[str], str]:
    return lambda option_id: scenario.option(option_id).label


async def settle(app: OptionscopeApp) -> None:
    await app.workers.wait_for_complete()


# Sensitivity -----------------------------------------------------------------------------


async def test_s_opens_the_sensitivity_screen_with_the_intervals_tornado_and_what_would_change(
    make_app: MakeApp,
) -> None:
    app = make_app(profile="treasurer")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SensitivityScreen)
        s = app.session
        analysis = stability_intervals(s.scenario, s.weights)
        intervals = text_of(app, "#sens-intervals").splitlines()
        for c in analysis.criteria:
            row = next(line for line in intervals if c.name[:12] in line)
            assert weight_now(analysis, c) in row
            assert stability_interval(c) in row
        first = analysis.criteria[0]
        label = _labeller(s.scenario)
        sentence = stability_sentence(analysis, first, label)
        assert sentence in text_of(app, "#sens-selected").replace("\n", " ")
        result = tornado(s.scenario, s.weights)
        tornado_text = text_of(app, "#sens-tornado")
        for m in result.margins:
            assert f"{m.low_margin:+.1f} to {m.high_margin:+.1f}" in tornado_text
        await settle(app)
        await pilot.pause()
        runner_up = s.current.ranking[1].option
        change = what_would_have_to_be_true(s.scenario, s.weights, runner_up)
        expected = change_sentence(change, label, shown=len(change.shifts))
        assert expected in text_of(app, "#sens-change").replace("\n", " ")


async def test_down_moves_to_the_next_criterion_and_its_weight_sweep(make_app: MakeApp) -> None:
    app = make_app(profile="treasurer")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("s", "down")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SensitivityScreen)
        assert screen.selected == 1
        s = app.session
        sweep = weight_sweep(s.scenario, s.weights, "safety")
        text = text_of(app, "#sens-sweep")
        assert "Safety" in text
        flips = ", ".join(pct(b) for b in sweep.breakpoints) or "nowhere"
        assert f"the leader changes: {flips}" in text


async def test_o_asks_what_would_have_to_be_true_for_another_option(make_app: MakeApp) -> None:
    app = make_app(profile="treasurer")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("s", "o")
        await pilot.pause()
        await pilot.press("end", "enter")
        await settle(app)
        await pilot.pause()
        s = app.session
        last = s.current.ranking[-1].option
        change = what_would_have_to_be_true(s.scenario, s.weights, last)
        expected = change_sentence(change, _labeller(s.scenario), shown=len(change.shifts))
        assert expected in text_of(app, "#sens-change").replace("\n", " ")


# Uncertainty -----------------------------------------------------------------------------


async def test_the_uncertainty_screen_shows_the_smaa_acceptabilities_for_the_session_weights(
    make_app: MakeApp,
) -> None:
    app = make_app(profile="commuters")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("U")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, UncertaintyScreen)
        await settle(app)
        await pilot.pause()
        s = app.session
        expected = smaa(s.scenario, s.weights, samples=screen.samples, seed=screen.seed)
        assert screen.result is not None
        assert (screen.result.rank_acceptability == expected.rank_acceptability).all()
        lines = text_of(app, "#smaa-acceptability").splitlines()
        expected_ranks = expected.expected_ranks()
        first = [percent(float(x), compact=True) for x in expected.rank_acceptability[:, 0]]
        for i, oid in enumerate(expected.options):
            label = s.scenario.option(oid).label
            row = next(line for line in lines if line.startswith(label))
            assert first[i] in row
            assert f"{expected_ranks[oid]:5.2f}" in row
            cf = expected.confidence_factors[i]
            if cf == cf:  # not NaN
                assert percent(float(cf), compact=True) in row
        settings = text_of(app, "#smaa-settings")
        assert "Samples 10,000" in settings and f"Seed {DEFAULT_SEED}" in settings
        assert "Central weights" in text_of(app, "#smaa-central")


async def test_the_sample_count_can_be_changed_and_the_simulation_runs_again(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("U")
        await settle(app)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, PromptModal)
        await pilot.press(*"2500", "enter")
        await settle(app)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, UncertaintyScreen)
        assert screen.result is not None and screen.result.samples == 2500
        assert "Samples 2,500" in text_of(app, "#smaa-settings")


async def test_the_app_still_answers_keys_while_smaa_runs_and_leaving_cancels_it(
    make_app: MakeApp,
) -> None:
    app = make_app(generated_scenario(30, 12))
    async with app.run_test(size=(100, 40)) as pilot:
        # a run far longer than the keys below take, even on a slow, busy machine
        # (10^6 samples of 30 x 12 now finish in 0.65 s, sometimes before them)
        screen = UncertaintyScreen(app.session, samples=10_000_000)
        await app.push_screen(screen)
        await pilot.pause()
        assert screen.running
        await pilot.press("n")  # a key handled while the simulation runs
        await pilot.pause()
        assert isinstance(app.screen, PromptModal)
        assert screen.running
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        workers = [w for w in app.workers if w.group == "smaa"]
        assert all(w.is_cancelled or w.state is WorkerState.CANCELLED for w in workers)
        await settle(app)
        assert screen.result is None  # the late result was dropped


# Value for money ---------------------------------------------------------------------------


async def test_v_maps_value_against_cost_with_the_frontier(make_app: MakeApp) -> None:
    app = make_app(profile="commuters")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, ValueCostScreen)
        s = app.session
        frontier = value_cost_frontier(s.scenario, s.weights, cost_criterion="cost")
        lines = text_of(app, "#vc-list").splitlines()
        for p in frontier.points:
            row = next(line for line in lines if s.scenario.option(p.option).label in line)
            assert f"  {p.value:5.1f}  " in row
            assert ("efficient" in row) == p.efficient
        assert "value ↑" in text_of(app, "#vc-map")


# Eliciting weights -----------------------------------------------------------------------


async def test_ranking_three_criteria_applies_the_rank_order_centroid_weights(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("W")
        await pilot.pause()
        assert isinstance(app.screen, ElicitScreen)
        await pilot.press("down", "down", "left_square_bracket")  # speed above safety
        await pilot.pause()
        assert app.screen.order == ["cost", "speed", "safety"]
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        s = app.session
        assert s.share("cost") == pytest.approx(0.6111, abs=1e-4)
        assert s.share("speed") == pytest.approx(0.2778, abs=1e-4)
        assert s.share("safety") == pytest.approx(0.1111, abs=1e-4)
        assert s.weights_label == "rank-order centroid"


async def test_swing_points_give_normalised_weights(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("W", "2")
        await pilot.pause()
        await pilot.press("down", *["left"] * 10)  # safety 100 -> 50
        await pilot.press("a")
        await pilot.pause()
        s = app.session
        assert s.share("cost") == pytest.approx(100 / 250)
        assert s.share("safety") == pytest.approx(50 / 250)


async def test_inconsistent_pairwise_comparisons_say_so_with_the_consistency_ratio(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("W", "3")
        await pilot.pause()
        # cost 3x safety, speed 3x cost, safety 3x speed: a circle
        await pilot.press("left", "left", "down", "right", "right", "down", "left", "left")
        await pilot.pause()
        names = ["Cost", "Safety", "Travel time saved"]
        expected = ahp(
            pairwise_matrix(
                names,
                {
                    ("Cost", "Safety"): 3.0,
                    ("Cost", "Travel time saved"): 1 / 3,
                    ("Safety", "Travel time saved"): 3.0,
                },
            ),
            names,
        )
        assert not expected.consistent
        text = text_of(app, "#elicit-verdict")
        assert "INCONSISTENT" in text
        assert f"CR {consistency_ratio_text(expected.consistency_ratio)}" in text
        assert consistency_sentence(expected) in text.replace("\n", " ")
        await pilot.press("a")
        await pilot.pause()
        assert app.session.share("cost") == pytest.approx(1 / 3, abs=1e-6)


async def test_a_pair_judgement_typed_as_a_fraction(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("W", "3", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PromptModal)
        await pilot.press(*"1/3", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ElicitScreen)
        assert screen.judgements[("cost", "safety")] == pytest.approx(1 / 3)
        names = ["Cost", "Safety", "Travel time saved"]
        expected = ahp(
            pairwise_matrix(
                names,
                {
                    ("Cost", "Safety"): 1 / 3,
                    ("Cost", "Travel time saved"): 1.0,
                    ("Safety", "Travel time saved"): 1.0,
                },
            ),
            names,
        )
        text = text_of(app, "#elicit-verdict")
        assert f"CR {consistency_ratio_text(expected.consistency_ratio)}" in text
        assert consistency_sentence(expected) in text


# Palette, small terminals, the contributions table ------------------------------------------


@pytest.mark.parametrize(
    ("command", "screen"),
    [
        ("Sensitivity", SensitivityScreen),
        ("Uncertainty (SMAA)", UncertaintyScreen),
        ("Value vs cost", ValueCostScreen),
        ("Elicit weights", ElicitScreen),
    ],
)
async def test_the_command_palette_opens_each_robustness_screen(
    make_app: MakeApp, command: str, screen: type
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*command)
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert isinstance(app.screen, screen)
        await settle(app)


@pytest.mark.parametrize("keys", [("s",), ("U",), ("v",), ("W",), ("W", "3"), ("W", "2")])
async def test_a_tiny_terminal_does_not_crash_a_robustness_screen(
    make_app: MakeApp, keys: tuple[str, ...]
) -> None:
    app = make_app(load_scenario("minusma-2023"))
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        await settle(app)
        await pilot.resize_terminal(30, 8)
        await pilot.pause()
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert app.is_running


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_twelve_criteria_transpose_the_contributions_table_with_every_number(
    make_app: MakeApp, size: tuple[int, int]
) -> None:
    app = make_app(load_scenario("minusma-2023"))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        table = app.screen.query_one(ContributionTable)
        lines = [line.plain for line in table.lines(table._available)]
        s = app.session
        assert all("\n" not in line for line in lines)
        for j, c in enumerate(s.scenario.criteria):
            row = next(line for line in lines if line.startswith(f" {'abcdefghijkl'[j]} "))
            numbers = [float(x) for x in row.replace("%", "").split()[1:] if _number(x)]
            parts = [round(r.contributions[c.id], 1) for r in s.current.ranking]
            assert numbers[-len(parts) :] == parts, (c.id, row)
        score_row = next(line for line in lines if line.startswith("score"))
        assert [float(x) for x in score_row.split()[1:]] == [
            round(r.score, 1) for r in s.current.ranking
        ]


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


async def test_a_large_scenario_opens_every_robustness_screen_with_its_content(
    make_app: MakeApp,
) -> None:
    # How fast is measured in benchmarks/, never here: this checks that each screen
    # opens on a 500 x 60 scenario and shows what it should.
    app = make_app(generated_scenario(500, 60))
    opened: list[tuple[tuple[str, ...], type, str]] = [
        (("s",), SensitivityScreen, "#sens-intervals"),
        (("s", "down"), SensitivityScreen, "#sens-sweep"),
        (("v",), ValueCostScreen, "#vc-list"),
        (("W",), ElicitScreen, "#elicit-result"),
        (("W", "3"), ElicitScreen, "#elicit-result"),
    ]
    async with app.run_test(size=(120, 40)) as pilot:
        for keys, screen_type, selector in opened:
            await pilot.press(*keys)
            await pilot.pause()
            await settle(app)
            await pilot.pause()
            assert isinstance(app.screen, screen_type), keys
            assert text_of(app, selector).strip(), (keys, selector)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, MainScreen), keys
        screen = UncertaintyScreen(app.session, samples=2000)
        await app.push_screen(screen)
        await settle(app)
        await pilot.pause()
        assert screen.result is not None
        assert "more options" in text_of(app, "#smaa-acceptability")


async def test_fixed_weights_vary_only_the_assessments(make_app: MakeApp) -> None:
    app = make_app(profile="treasurer")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("U")
        await settle(app)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, PromptModal)
        await pilot.press(*"fixed", "enter")
        await settle(app)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, UncertaintyScreen)
        s = app.session
        expected = smaa(
            s.scenario, s.weights, samples=10_000, seed=DEFAULT_SEED, concentration=None
        )
        assert screen.result is not None and screen.result.concentration is None
        assert (screen.result.rank_acceptability == expected.rank_acceptability).all()
        assert "spread fixed" in text_of(app, "#smaa-settings")


async def test_switching_the_gates_on_says_why_the_shares_moved(make_app: MakeApp) -> None:
    # Finding 8: toggling gates moved an option's first-place share with no word why.
    minusma = load_scenario("minusma-2023")
    profile = minusma.profiles[0].id
    app = make_app(minusma, profile=profile)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("U")
        await settle(app)
        await pilot.pause()
        assert "fails at least one feasibility gate" not in text_of(app, "#smaa-acceptability")
        await pilot.press("g")
        await settle(app)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, UncertaintyScreen) and screen.result is not None
        assert screen.result.gates
        s = app.session
        expected = gates_sentence(screen.result, _labeller(s.scenario))
        assert "fails at least one feasibility gate" in expected
        shown = " ".join(text_of(app, "#smaa-acceptability").split())
        assert " ".join(expected.split()) in shown
        cli = CliRunner().invoke(
            cli_group,
            ["simulate", "minusma-2023", "-p", profile, "--gates", "--samples",
             str(screen.samples), "--seed", str(screen.seed)],
        )  # fmt: skip
        assert " ".join(expected.split()) in " ".join(cli.stdout.split())


async def test_the_contribution_table_drawn_is_the_one_built_for_the_width_asked(
    make_app: MakeApp,
) -> None:
    # claiming the table's width can lay the pane out again at another width, which
    # builds the table for that width: the first frame at 130x40 showed it instead
    app = make_app(load_scenario("minusma-2023"))
    async with app.run_test(size=(130, 40)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(ContributionTable)
        real = table.styles

        class ReenteringStyles:
            """The widget's styles, laying the table out at 40 cells when its width is set."""

            def __init__(self) -> None:
                object.__setattr__(self, "nested", False)

            def __getattr__(self, name: str) -> object:
                return getattr(real, name)

            def __setattr__(self, name: str, value: object) -> None:
                setattr(real, name, value)
                if name == "min_width" and not self.nested:
                    object.__setattr__(self, "nested", True)
                    table._lines_for(40)

        real.min_width = None  # as before its first claim
        table.styles = ReenteringStyles()  # type: ignore[assignment]
        table._cache = None
        try:
            drawn = [line.plain for line in table._lines_for(120)]
        finally:
            table.styles = real
        assert drawn == [line.plain for line in table.lines(120)]
        assert drawn != [line.plain for line in table.lines(40)]
