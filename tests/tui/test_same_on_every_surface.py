"""The same fact reads the same on every surface: leader, margin, stability intervals and the
smallest weight change of each bundled scenario, under each method and profile, through the
CLI, the TUI (Pilot) and the briefing."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from click.testing import CliRunner
from textual.widgets import Static

from optionscope.analysis.explain import explain_lead
from optionscope.analysis.ranking import METHODS, rank
from optionscope.analysis.sensitivity import stability_intervals, what_would_have_to_be_true
from optionscope.cli import cli
from optionscope.io.scenario_files import bundled_ids, load_scenario
from optionscope.model.scenario import Scenario
from optionscope.present.numbers import score_labels
from optionscope.present.ranking import lead_sentence, lead_sentences
from optionscope.present.sensitivity import change_sentence, stability_interval
from optionscope.report.briefing import bottom_line, build_briefing
from optionscope.report.briefing_markdown import briefing_markdown
from optionscope.tui.app import OptionscopeApp
from optionscope.tui.screens import SensitivityScreen

MakeApp = Callable[..., OptionscopeApp]
CASES = [(sid, profile.id) for sid in bundled_ids() for profile in load_scenario(sid).profiles]


def _flat(text: str) -> str:
    return " ".join(text.split())


def _label(scenario: Scenario) -> Callable[[str], str]:
    return lambda option_id: scenario.option(option_id).label


@pytest.mark.parametrize(("scenario_id", "profile"), CASES)
def test_the_cli_and_the_briefing_say_the_same(scenario_id: str, profile: str) -> None:
    s = load_scenario(scenario_id)
    weights = s.profile(profile).weights
    runner = CliRunner()
    additive = rank(s, weights)
    why = lead_sentences(explain_lead(additive, s))[0]
    for method in METHODS:
        out = runner.invoke(cli, ["rank", scenario_id, "-p", profile, "--method", method])
        assert out.exit_code == 0, out.output
        ranking = rank(s, weights, method)
        assert _flat(lead_sentence(explain_lead(ranking, s))) in _flat(out.stdout)
    sens = runner.invoke(cli, ["sensitivity", scenario_id, "-p", profile])
    assert sens.exit_code == 0, sens.output
    b = build_briefing(s, weights, f"profile {profile}", samples=300)
    page = _flat(briefing_markdown(b))
    first = bottom_line(b)[0]
    # the briefing's first sentence carries the CLI's leader, score and margin
    leader = s.option(additive.ranking[0].option).label
    assert leader in first
    numbers = re.findall(r"\d+\.\d+", why)
    assert numbers
    for number in numbers:
        assert number in first
    for c in stability_intervals(s, weights).criteria:
        interval = stability_interval(c)
        assert interval in sens.stdout
        assert interval in page
    runner_up = additive.ranking[1].option
    change = change_sentence(what_would_have_to_be_true(s, weights, runner_up), _label(s))
    assert _flat(change) in _flat(sens.stdout)
    assert _flat(change) in page


@pytest.mark.parametrize("scenario_id", bundled_ids())
async def test_the_tui_says_what_the_cli_says(scenario_id: str, make_app: MakeApp) -> None:
    s = load_scenario(scenario_id)
    profile = s.profiles[0].id
    weights = s.profile(profile).weights
    app = make_app(s, profile=profile)
    async with app.run_test(size=(140, 50)) as pilot:
        await pilot.pause()
        for method in METHODS:
            while app.session.method != method:
                await pilot.press("m")
                await pilot.pause()
            shown = _flat(str(app.screen.query_one("#explanation", Static).render()))
            expected = lead_sentence(explain_lead(rank(s, weights, method), s))
            assert _flat(expected) in shown
        while app.session.method != "wsm":
            await pilot.press("m")
            await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SensitivityScreen)
        intervals = str(app.screen.query_one("#sens-intervals", Static).render())
        for c in stability_intervals(s, weights).criteria:
            assert stability_interval(c) in intervals


@pytest.mark.parametrize(("scenario_id", "profile"), CASES)
def test_every_method_scores_read_the_same_in_the_cli_and_the_briefing(
    scenario_id: str, profile: str
) -> None:
    s = load_scenario(scenario_id)
    weights = s.profile(profile).weights
    runner = CliRunner()
    for method in METHODS:
        ranking = rank(s, weights, method)
        labels = score_labels([r.score for r in ranking.ranking], ranking.scale)
        out = runner.invoke(cli, ["rank", scenario_id, "-p", profile, "--method", method])
        assert out.exit_code == 0, out.output
        page = briefing_markdown(
            build_briefing(s, weights, f"profile {profile}", method=method, samples=200)
        )
        for r, label in zip(ranking.ranking, labels, strict=True):
            name = s.option(r.option).label
            row = next(line for line in out.stdout.splitlines() if f" {name} " in f" {line} ")
            assert label in row.split(), (method, name, row)
            assert label in page, (method, name, label)


@pytest.mark.parametrize(("scenario_id", "profile"), CASES)
async def test_the_tui_says_what_the_cli_says_from_every_seat(
    scenario_id: str, profile: str, make_app: MakeApp
) -> None:
    s = load_scenario(scenario_id)
    weights = s.profile(profile).weights
    app = make_app(s, profile=profile)
    async with app.run_test(size=(140, 50)) as pilot:
        await pilot.pause()
        for method in METHODS:
            while app.session.method != method:
                await pilot.press("m")
                await pilot.pause()
            shown = _flat(str(app.screen.query_one("#explanation", Static).render()))
            expected = lead_sentence(explain_lead(rank(s, weights, method), s))
            assert _flat(expected) in shown, (profile, method)
        while app.session.method != "wsm":
            await pilot.press("m")
            await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, SensitivityScreen)
        intervals = str(app.screen.query_one("#sens-intervals", Static).render())
        for c in stability_intervals(s, weights).criteria:
            assert stability_interval(c) in intervals, (profile, c.criterion)
        runner_up = rank(s, weights).ranking[1].option
        change = what_would_have_to_be_true(s, weights, runner_up)
        sentence = change_sentence(change, _label(s), shown=len(change.shifts))
        shown_change = _flat(str(app.screen.query_one("#sens-change", Static).render()))
        assert _flat(sentence) in shown_change, profile
