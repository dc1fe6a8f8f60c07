"""Option detail, head to head, help, quitting, the command palette and small terminals."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Static
from tui_scenarios import TINY, detailed_scenario, generated_scenario

from optionscope.tui.app import OptionscopeApp
from optionscope.tui.screens import (
    DetailScreen,
    HeadToHeadScreen,
    HelpScreen,
    MainScreen,
    PickModal,
    PromptModal,
)
from optionscope.tui.screens._help import bindings_of, key_label
from optionscope.tui.widgets import WeightList

MakeApp = Callable[..., OptionscopeApp]


def static_text(app: OptionscopeApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_d_opens_the_detail_of_the_option_picked(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, PickModal)
        leader = app.session.current.ranking[0].option
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        assert app.screen.option_id == leader
        text = static_text(app, "#detail")
        for heading in ("Preconditions", "Costs", "Risks", "Trade-offs", "Assessments", "Sources"):
            assert heading in text
        assert "Road survey" in text and "Town council" in text  # a full citation
        assert "basis figure" in text and "confidence medium" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_the_detail_shows_the_risk_matrix_preconditions_costs_and_tradeoffs(
    make_app: MakeApp,
) -> None:
    app = make_app(detailed_scenario())
    async with app.run_test(size=(100, 40)) as pilot:
        app.main_screen.open_detail("north")
        await pilot.pause()
        text = static_text(app, "#detail")
        assert "[host-consent] The host agrees. — judged probability 40%" in text
        assert "Build cost: 60 million (range 50 to 80) [derived]" in text
        assert "how: 12 km x 5 million" in text
        lines = text.splitlines()
        numbered = {
            line.split(". ")[1].split(" ")[0]: line.split(".")[0]
            for line in lines
            if line[:1].isdigit() and ". " in line
        }
        likely = next(line for line in lines if line.startswith("likely"))
        assert numbered["slide"] in likely.split()
        possible = next(line for line in lines if line.startswith("possible"))
        assert numbered["delay"] in possible.split()
        assert "+ gains: Time" in text and "- gives up: Money" in text
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert app.screen.option_id != "north"


async def test_h_compares_the_leader_with_the_runner_up_and_the_options_can_be_changed(
    make_app: MakeApp,
) -> None:
    app = make_app(profile="treasurer")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HeadToHeadScreen)
        ranking = app.session.current.ranking
        assert (screen.option_a, screen.option_b) == (ranking[0].option, ranking[1].option)
        table = static_text(app, "#h2h-table")
        duel = app.session.duel(screen.option_a, screen.option_b)
        from optionscope.present.head_to_head import flip_text, head_to_head_sentence

        labels = {o.id: o.label for o in app.session.scenario.options}
        for d in duel.duels:
            assert flip_text(d, duel, labels) in table
            assert f"{d.weighted_difference:+.1f}" in table
        summary = static_text(app, "#h2h-summary").replace("\n", " ")
        assert head_to_head_sentence(duel, labels) in summary
        await pilot.press("s")
        await pilot.pause()
        assert screen.option_a == ranking[1].option
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, PickModal)
        await pilot.press("end", "enter")
        await pilot.pause()
        assert screen.option_b == ranking[-1].option
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_the_help_screen_lists_every_binding(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 60)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = static_text(app, "#help-keys")
        for _title, cls in app.help_sections():
            for binding in bindings_of(cls):
                assert key_label(app, binding) in text, binding
                assert (binding.description or binding.action.replace("_", " ")) in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_the_help_lists_no_framework_keys(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 60)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        text = static_text(app, "#help-keys")
        for framework in ("help quit", "Focus Next", "Copy selected text", "Page Left"):
            assert framework not in text
        assert "Undo" in text and "Down" in text  # ours, and moving through the weights


async def test_the_palette_has_one_entry_per_command_and_no_method_keys(
    make_app: MakeApp,
) -> None:
    from optionscope.analysis.ranking import METHODS
    from optionscope.tui.commands import OptionscopeCommands

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        ours = [name for name, _, _ in OptionscopeCommands(app.screen).commands()]
        system = [c.title for c in app.get_system_commands(app.screen)]
        assert len(set(ours)) == len(ours)
        assert "Keys" not in system and "Screenshot" not in system  # ours: help, SVG export
        for method in METHODS:
            assert f"Switch method: {method}" not in ours
        status = str(app.screen.query_one("#status").render())
        assert "wsm" not in status and "additive value model" in status


async def test_the_main_keys_show_in_the_footer(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = {b.id for _, b, _, _ in app.screen.active_bindings.values() if b.show}
        for binding_id in ("app.quit", "app.help", "weight.up", "main.profile", "main.detail"):
            assert binding_id in shown


async def test_q_quits(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    assert not app.is_running


async def test_the_command_palette_applies_a_profile(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"profile: commuters")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert app.session.profile == "commuters"


async def test_the_command_palette_switches_the_method(make_app: MakeApp) -> None:
    from optionscope.analysis.ranking import METHODS
    from optionscope.tui._text import method_label

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        method = list(METHODS)[-1]
        await pilot.press("ctrl+p")
        await pilot.press(*f"switch method: {method_label(method)}")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert app.session.method == method


async def test_the_command_palette_opens_a_scenario_file(make_app: MakeApp, tmp_path: Path) -> None:
    other = tmp_path / "other.yaml"
    other.write_text(TINY.read_text().replace("id: tiny", "id: other"))
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*str(other))
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert app.session.scenario.id == "other"
        assert isinstance(app.screen, MainScreen)
        # the screen shows the scenario opened, and its weights change that session
        assert app.screen.session is app.session
        assert app.screen.query_one(WeightList).session is app.session
        await pilot.press("right")
        await pilot.pause()
        assert app.session.unsaved_work()


@pytest.mark.parametrize("keys", [(), ("d", "enter"), ("h",), ("question_mark",), ("e",)])
async def test_a_tiny_terminal_does_not_crash_any_screen(
    make_app: MakeApp, keys: tuple[str, ...]
) -> None:
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        await pilot.resize_terminal(30, 8)
        await pilot.pause()
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert app.is_running


async def test_a_large_scenario_shows_the_top_options_and_a_count_of_the_rest(
    make_app: MakeApp, read_chart: Callable[[OptionscopeApp], list[str]]
) -> None:
    app = make_app(generated_scenario(500, 60))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("right")
        await pilot.pause()
        lines = read_chart(app)
        assert any("and 488 more options (ranks 13-500)" in line for line in lines)


async def test_a_method_without_contributions_draws_plain_bars(
    make_app: MakeApp,
    monkeypatch: pytest.MonkeyPatch,
    read_chart: Callable[[OptionscopeApp], list[str]],
) -> None:
    from optionscope.analysis import ranking, value
    from optionscope.model.results import NET_FLOW_SCALE

    def net_flow_like(scenario, weights, overrides=None):  # type: ignore[no-untyped-def]
        w = value.weight_vector(scenario, weights)
        scores = value.value_matrix(scenario, overrides) @ w / 50 - 1  # -1..1, no parts
        return value.build_ranking(scenario, "flowlike", w, scores, None, NET_FLOW_SCALE)

    monkeypatch.setitem(ranking.METHODS, "flowlike", net_flow_like)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in ranking.METHODS:  # m cycles through the methods
            await pilot.press("m")
            await pilot.pause()
            if app.session.method == "flowlike":
                break
        assert app.session.method == "flowlike"
        lines = read_chart(app)
        assert "█" in lines[0]
        assert any("score shown without parts" in line for line in lines)
        await pilot.press("right", "h")
        await pilot.pause()
        assert "additive value model" in static_text(app, "#h2h-note")


async def test_clicking_an_option_in_the_chart_opens_its_detail(make_app: MakeApp) -> None:
    from optionscope.tui.widgets import RankingChart

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        second = app.session.current.ranking[1].option
        await pilot.click(RankingChart, offset=(20, 1))
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        assert app.screen.option_id == second


async def test_a_tall_screen_describes_the_selected_criterion(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("down")
        await pilot.pause()
        info = static_text(app, "#criterion-info")
        assert "Safety" in info and "more is better" in info


async def test_q_typed_in_a_dialog_is_text_not_quit(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, PromptModal)
        assert app.screen.query_one("Input").value == "q"  # type: ignore[attr-defined]


async def test_the_option_pickers_show_the_short_label_before_the_name(make_app: MakeApp) -> None:
    from optionscope.io.scenario_files import load_scenario

    app = make_app(load_scenario("minusma-2023"))
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ("d", "h"):
            await pilot.press(key)
            await pilot.pause()
            if key == "h":
                await pilot.press("a")
                await pilot.pause()
            assert isinstance(app.screen, PickModal)
            prompts = [item[1].plain for item in app.screen.items]
            for row, prompt in zip(app.session.current.ranking, prompts, strict=True):
                option = app.session.scenario.option(row.option)
                assert prompt.lstrip().startswith(f"{row.rank}. {option.label}"), prompt
                # the full name follows when the dialog holds it whole; it is never cut
                assert option.name in prompt or option.name[:20] not in prompt, prompt
                assert "…" not in prompt
            await pilot.press("escape")
            await pilot.pause()
            if key == "h":
                await pilot.press("escape")
                await pilot.pause()


async def test_the_selected_criterion_is_named_in_full_under_the_weights(
    make_app: MakeApp,
) -> None:
    from optionscope.io.scenario_files import load_scenario

    app = make_app(load_scenario("minusma-2023"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "down", "down")
        await pilot.pause()
        name = app.session.scenario.criteria[3].name
        assert name in static_text(app, "#criterion-info")
        await pilot.resize_terminal(100, 40)
        await pilot.pause()
        criterion = app.session.scenario.criteria[3]
        info = static_text(app, "#criterion-info").replace("\n", " ")
        assert criterion.description[:30] in info


async def test_a_wide_terminal_gives_the_weights_pane_the_room_its_names_need(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        longest = max(len(c.name) for c in app.session.scenario.criteria)  # 17
        assert app.screen.query_one("#weights-pane").outer_size.width == longest + 23  # < 40%
        await pilot.resize_terminal(90, 30)
        await pilot.pause()  # names without a short label stay whole while 7/15 holds them
        assert app.screen.query_one("#weights-pane").outer_size.width == longest + 23
        await pilot.resize_terminal(75, 30)
        await pilot.pause()  # 7/15 of 75 is 35: the names are cut, the pane no narrower
        assert app.screen.query_one("#weights-pane").outer_size.width == 35


async def test_the_profile_picker_shows_whether_the_weights_put_the_backed_option_first(
    make_app: MakeApp,
) -> None:
    import yaml

    from optionscope.model.scenario import Scenario

    bridge = Path(__file__).parents[1] / "data" / "bridge-2021.yaml"
    data = yaml.safe_load(bridge.read_text(encoding="utf-8"))
    data["profiles"][0]["position"] = {
        "option": "repair",
        "date": "2021-02-18",
        "source": "council-minutes-2021-02",
        "explanation": "Because.",
    }
    app = make_app(Scenario.model_validate(data))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PickModal)
        prompts = [str(prompt) for _, prompt in app.screen.items]
        assert prompts == [
            "Residents · actually backed: Repair the bridge (2021-02-18): rank 3, explained"
        ]


def test_the_risk_matrix_shows_every_risk_of_a_crowded_cell_with_long_ids() -> None:
    from optionscope.model.scenario import Risk
    from optionscope.tui.screens._detail import CELL, ROW_LABEL, risk_matrix

    risks = [
        Risk(
            id=f"a-very-long-risk-identifier-{k}",
            description="d",
            likelihood="likely",
            impact="major",
        )
        for k in range(9)
    ]
    rows = [str(line) for line in risk_matrix(risks)]
    shown = [int(n) for line in rows for n in re.findall(r"\d+", line)]
    assert sorted(shown) == list(range(1, 10))  # every risk, none clipped away
    assert all(len(line) <= ROW_LABEL + 5 * CELL for line in rows)
