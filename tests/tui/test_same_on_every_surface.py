"""The same fact reads the same on every surface: leader, margin, stability intervals and the
smallest weight change of each bundled scenario, under each method and profile, through the
CLI, the TUI (Pilot) and the briefing."""

from __future__ import annotations

import dataclasses
import html
import re
from collections.abc import Callable

import numpy as np
import pytest
from click.testing import CliRunner
from textual.widgets import Static

from optionscope.analysis.explain import explain_lead
from optionscope.analysis.ranking import METHODS, rank
from optionscope.analysis.sensitivity import stability_intervals, what_would_have_to_be_true
from optionscope.cli import cli
from optionscope.io.scenario_files import bundled_ids, load_scenario
from optionscope.model.scenario import Scenario
from optionscope.present.head_to_head import head_to_head_sentence
from optionscope.present.numbers import percent, score_labels, share_labels
from optionscope.present.ranking import lead_sentence, lead_sentences
from optionscope.present.sensitivity import change_sentence, stability_interval
from optionscope.report.briefing import bottom_line, build_briefing
from optionscope.report.briefing_html import briefing_html
from optionscope.report.briefing_markdown import briefing_markdown
from optionscope.report.scenario_show import show_text
from optionscope.report.scenario_text import option_markdown
from optionscope.report.simulation_text import SimulationReport, simulation_sentences
from optionscope.tui._session import Session
from optionscope.tui.app import OptionscopeApp
from optionscope.tui.screens import SensitivityScreen
from optionscope.tui.screens._detail import option_detail
from optionscope.tui.screens._head_to_head import duel_table
from optionscope.tui.screens._option_items import ranked_option_items
from optionscope.tui.screens._uncertainty import acceptability_lines
from optionscope.tui.widgets._contribution_table import ContributionTable

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


def _circulant(first_row: list[float]) -> np.ndarray:
    """Rank acceptabilities whose rows and columns each add up to 1: row i is the first row
    moved i ranks on."""
    m = len(first_row)
    return np.array([[first_row[(r - i) % m] for r in range(m)] for i in range(m)])


@pytest.mark.parametrize("shares", [(0.1325, 0.6275, 0.24), (0.9996, 0.0004)])
def test_a_rank_acceptability_reads_the_same_in_the_cli_the_tui_and_the_briefing(
    shares: tuple[float, ...],
) -> None:
    """Rounded with its column (the TUI's first places) or its row (the briefing's ranks) so
    as to add up to 100%, one share read 13.3% where the CLI's sentence said 13.2%, and a
    share under 1 read 100%. Each share is rounded alone, on every surface."""
    s = load_scenario("minusma-2023")
    b = build_briefing(s, s.profiles[0].weights, "a profile", samples=300)
    acc = _circulant([*shares, *[0.0] * (len(s.options) - len(shares))])
    result = dataclasses.replace(b.uncertainty, rank_acceptability=acc)
    b = dataclasses.replace(b, uncertainty=result)
    firsts = [float(x) for x in acc[:, 0]]
    # the shares chosen are those that read differently when rounded to add up to 100%
    assert share_labels(firsts) != [percent(x) for x in firsts]
    labels = {o: s.option(o).label for o in result.options}

    cli_text = _flat(" ".join(simulation_sentences(SimulationReport(s, result, "a profile"))))
    tui_rows = [line.plain for line in acceptability_lines(result, labels, 120)]
    table = [
        [cell.strip() for cell in line.strip("|").split("|")]
        for line in briefing_markdown(b).splitlines()
        if line.startswith("|")
    ]
    page = briefing_html(b)
    for i, oid in enumerate(result.options):
        share = float(acc[i, 0])
        if share > 0:
            assert f"{labels[oid]} is first in {percent(share)}" in cli_text or (
                f"{labels[oid]} in {percent(share)}" in cli_text
            )
        tui_row = next(row for row in tui_rows if row.startswith(labels[oid]))
        assert tui_row.split()[-3] == percent(share, compact=True)
        md_row = next(row for row in table if row[0] == labels[oid] and len(row) == len(acc) + 1)
        assert md_row[1:] == [percent(float(x)) for x in acc[i]]
        for r, x in enumerate(acc[i]):
            if x > 0:
                assert f"rank {r + 1}: {html.escape(percent(float(x)))}" in page


@pytest.mark.parametrize("probability", [0.825, 0.9996, 0.0004])
def test_a_judged_probability_reads_the_same_in_the_detail_the_listing_and_the_briefing(
    probability: float,
) -> None:
    """A precondition's judged probability read `82%` in the option detail, `show` and the
    briefing's option pages (whole percentages, `100%` for 0.9996) while the briefing's
    sentence on the gates said `82.5%`: it reads as `percent` of it everywhere."""
    s = load_scenario("minusma-2023")
    option = next(o for o in s.options if o.preconditions)
    judged = option.preconditions[0].model_copy(update={"probability": probability})
    option = option.model_copy(update={"preconditions": [judged, *option.preconditions[1:]]})
    s = s.model_copy(update={"options": [option if o.id == option.id else o for o in s.options]})
    expected = percent(probability)
    detail = "\n".join(line.plain for line in option_detail(s, Session(s), option))
    assert f"judged probability {expected}" in detail
    assert f"(probability {expected}, judged)" in _flat(show_text(s))
    assert f"(judged {expected})" in "\n".join(option_markdown(option, "#", judged=True))


def test_a_profiles_weights_read_in_the_listing_as_the_weights_panel_shows_them() -> None:
    """`show` printed a profile's weights as whole percentages (three equal weights: 33%
    each, adding up to 99%); the weights panel rounds them together (33.4%, 33.3%, 33.3%)."""
    s = load_scenario("minusma-2023")
    ids = [c.id for c in s.criteria[:3]]
    profile = s.profiles[0].model_copy(update={"weights": dict.fromkeys(ids, 1.0)})
    s = s.model_copy(update={"profiles": [profile, *s.profiles[1:]]})
    names = {c.id: c.name for c in s.criteria}
    shown = "; ".join(
        f"{names[c]} {label}" for c, label in zip(ids, share_labels([1.0] * 3), strict=True)
    )
    assert f"weights: {shown}" in _flat(show_text(s))


def test_a_weight_reads_in_every_table_as_the_weights_panel_shows_it() -> None:
    """With twelve equal weights the panel reads 8.4% and 8.3% (rounded together, adding up
    to 100%) while the contributions table and the head-to-head table read 8% each, and the
    weight elicitation 8.3% each: every view takes a weighting's labels from one place."""
    s = load_scenario("minusma-2023")
    session = Session(s)
    session.set_weights(dict.fromkeys(s.criterion_ids, 1.0), "equal", None)
    panel = dict(
        zip(s.criterion_ids, share_labels([1.0] * len(s.criteria), compact=True), strict=True)
    )
    assert len(set(panel.values())) == 2  # 8.4% and 8.3%

    def weights_in(row: str) -> list[str]:
        return re.findall(r"(?<![\d.])\d+(?:\.\d)?%", row)

    table = ContributionTable(session)
    wide = next(line.plain for line in table.wide_lines() if line.plain.startswith("weight"))
    assert weights_in(wide) == list(panel.values())
    tall = [line.plain for line in table.transposed_lines(100)][3:]
    assert [weights_in(row)[0] for row in tall[: len(s.criteria)]] == list(panel.values())
    a, b = (r.option for r in session.current.ranking[:2])
    duel = duel_table(session.duel(a, b), a, b, width=120)
    shown = [weights_in(line.plain) for line in duel if weights_in(line.plain)]
    assert [row[0] for row in shown] == list(panel.values())


async def test_the_weight_elicitation_shows_the_weights_now_as_the_panel_does(
    make_app: MakeApp,
) -> None:
    s = load_scenario("minusma-2023")
    app = make_app(s)
    async with app.run_test(size=(140, 50)) as pilot:
        app.session.set_weights(dict.fromkeys(s.criterion_ids, 1.0), "equal", None)
        await pilot.press("W")
        await pilot.pause()
        rows = str(app.screen.query_one("#elicit-result", Static).render()).splitlines()
        now = [m.group(1) for row in rows if (m := re.search(r"([\d.]+%) →", row))]
        assert now == share_labels([1.0] * len(s.criteria), compact=True)


def test_the_head_to_head_table_reads_as_its_sentence_and_never_shows_a_win_as_zero() -> None:
    """Values 50.04 and 50.00 read `50.0` twice and a weighted difference of 0.003 read
    `+0.0` on a row that names a winner; scores 54.12 and 54.08 read `54.1` twice under a
    sentence saying 54.12 to 54.08."""
    s = load_scenario("minusma-2023")
    session = Session(s)
    a, b = (r.option for r in session.current.ranking[:2])
    pair = session.duel(a, b)
    close = dataclasses.replace(
        pair.duels[0], value_a=50.04, value_b=50.0, weighted_difference=0.0032, winner=a
    )
    pair = dataclasses.replace(
        pair, duels=[close, *pair.duels[1:]], score_a=54.12, score_b=54.08, leader=a
    )
    labels = {a: s.option(a).label, b: s.option(b).label}
    lines = [line.plain for line in duel_table(pair, labels[a], labels[b], width=140)]
    row = lines[1]  # under the heading: the first criterion's duel
    assert "50.04" in row.split() and "50.00" in row.split() and "+0.003" in row.split()
    total = next(line for line in lines if line.strip().startswith("score"))
    assert total.split()[1:] == ["54.12", "54.08", "+0.04"]
    sentence = head_to_head_sentence(pair, labels)
    assert "by 0.04 points (54.12 to 54.08)" in sentence


def test_a_weight_reads_in_the_cli_and_the_briefing_as_the_weights_panel_shows_it() -> None:
    """`rank` and the briefing printed weights as fractions (0.083) beside percentages
    elsewhere in the same page (stability intervals, the panel's 8.4% and 8.3%)."""
    s = load_scenario("minusma-2023")
    equal = dict.fromkeys(s.criterion_ids, 1.0)
    panel = share_labels(list(equal.values()))
    out = CliRunner().invoke(cli, ["rank", "minusma-2023"])
    assert out.exit_code == 0, out.output
    b = build_briefing(s, equal, "equal weights", samples=200)
    page = html.unescape(re.sub(r"<[^>]+>", "|", briefing_html(b)))
    for c, label in zip(s.criteria, panel, strict=True):
        row = next(line for line in out.stdout.splitlines() if line.startswith(c.name + " "))
        assert row.split()[len(c.name.split())] == label, row
        md_rows = [line for line in briefing_markdown(b).splitlines() if f"| {c.name} |" in line]
        assert md_rows and all(f"| {label} |" in line for line in md_rows), md_rows
        found = re.findall(rf"\|{re.escape(c.name)}\|\|([^|]*)\|", page)
        numbers = [cell for cell in found if re.fullmatch(r"[\d.]+%?", cell)]
        assert len(numbers) >= 2 and set(numbers) == {label}, found  # contributions, weights


@pytest.mark.parametrize("method", METHODS)
def test_an_option_picker_shows_each_score_on_its_methods_scale(method: str) -> None:
    """The pickers (detail, head to head, what-if) printed every score with one decimal:
    a TOPSIS closeness of 0.724 read 0.7, a PROMETHEE flow of -0.123 read -0.1."""
    s = load_scenario("minusma-2023")
    session = Session(s)
    session.set_method(method)
    ranking = session.current
    expected = score_labels([r.score for r in ranking.ranking], ranking.scale)
    items = ranked_option_items(session, 80)
    for (option, item), score, r in zip(items, expected, ranking.ranking, strict=True):
        assert option == r.option
        assert score in item.plain.split(), (item.plain, score)


def test_value_for_money_reads_its_values_as_scores_in_the_cli_and_the_tui() -> None:
    """Values of 54.12 and 54.08 read 54.1 twice, one efficient and one beaten on value
    for cost, and a step buying 0.03 value points read +0.0, in `frontier` and on the
    value-for-money screen."""
    from optionscope.analysis.dominance import dominated_options, value_cost_frontier
    from optionscope.report.frontier_text import render_frontier
    from optionscope.tui.screens._value_cost import value_cost_table

    s = load_scenario("minusma-2023")
    weights = s.profiles[0].weights
    f = value_cost_frontier(s, weights)
    first, second, *rest = f.points
    points = (
        dataclasses.replace(first, value=54.12),
        dataclasses.replace(second, value=54.08),
        *rest,
    )
    step = dataclasses.replace(f.steps[0], extra_value=0.03)
    f = dataclasses.replace(f, points=points, steps=(step, *f.steps[1:]))
    label = {o.id: o.label for o in s.options}
    text = render_frontier(dominated_options(s), f, s, "a profile", "table")
    screen = "\n".join(line.plain for line in value_cost_table(f, s))
    for p, value in ((first, "54.12"), (second, "54.08")):
        row = next(line for line in text.splitlines() if line.startswith(label[p.option] + " "))
        assert value in row.split(), row
    assert "buys +0.03 value points" in _flat(text)
    assert "54.12" in screen and "54.08" in screen and ": +0.03 value for " in screen
    # what a step buys for its cost, on one scale: the screen read 0.00122 value points per
    # USD million per year where `frontier` read 0.12 points per 100 USD million per year
    rates = re.findall(r"\(([\d.]+ value points per [^)]*)\)", _flat(text))
    assert rates and rates == re.findall(r"\(([\d.]+ value points per [^)]*)\)", _flat(screen))
    # and the briefing's value-for-money table
    b = dataclasses.replace(build_briefing(s, weights, "a profile", samples=200), frontier=f)
    page = briefing_markdown(b)
    for p, value in ((first, "54.12"), (second, "54.08")):
        assert f"| {label[p.option]} | {value} |" in page
    # and the HTML briefing's chart, whose description (read aloud) said value 54.1 twice
    chart = html.unescape(briefing_html(b).split("Value for money", 1)[1].split("</svg>")[0])
    for p, value in ((first, "54.12"), (second, "54.08")):
        assert f"{label[p.option]}: value {value}, cost" in chart


def test_a_mean_rank_reads_the_same_in_simulate_and_on_the_uncertainty_screen() -> None:
    """The mean rank read 4.41 on the uncertainty screen and 4.4 in simulate's table."""
    from optionscope.analysis.smaa import smaa
    from optionscope.report.simulation_text import render_simulation

    s = load_scenario("minusma-2023")
    result = smaa(s, s.profiles[0].weights, samples=2000, seed=7)
    labels = {o: s.option(o).label for o in result.options}
    table = render_simulation(SimulationReport(s, result, "a profile"), "md")
    rows = [line.plain for line in acceptability_lines(result, labels, 120)]
    expected = result.expected_ranks()
    for oid in result.options:
        cells = next(
            [c.strip() for c in line.strip("|").split("|")]
            for line in table.splitlines()
            if line.startswith(f"| {labels[oid]} |")
        )
        screen = next(row for row in rows if row.startswith(labels[oid]))
        assert cells[-2] == screen.split()[-2] == f"{expected[oid]:.2f}", (cells, screen)


def test_a_sources_effect_on_the_leaders_score_never_reads_zero_unless_none() -> None:
    """A source whose fall moves the leader's score by 0.03 read +0.0 in the fragility
    table of `fragility` and the briefing."""
    from optionscope.analysis.fragility import source_fragility
    from optionscope.report.fragility_text import fragility_row

    s = load_scenario("minusma-2023")
    f = source_fragility(s, s.profiles[0].weights).sources[0]
    moved = dataclasses.replace(f, leader_score_after=f.leader_score_before - 0.03)
    assert fragility_row(moved, s, "wsm")[3] == "-0.03"
    same = dataclasses.replace(f, leader_score_after=f.leader_score_before)
    assert fragility_row(same, s, "wsm")[3] == "0.0"
    # on TOPSIS's scale a closeness of 0.123 less reads with its three decimals
    closer = dataclasses.replace(f, leader_score_after=f.leader_score_before - 0.123)
    assert fragility_row(closer, s, "topsis")[3] == "-0.123"


TIED_SEATS = [
    (sid, p.id)
    for sid, p in ((sid, p) for sid in bundled_ids() for p in load_scenario(sid).profiles)
    if sum(r.rank == 1 for r in rank(load_scenario(sid), p.weights).ranking) > 1
]


@pytest.mark.parametrize(("scenario_id", "profile"), TIED_SEATS)
async def test_a_tie_for_first_reads_as_a_tie_on_the_sensitivity_screen_as_in_the_cli(
    scenario_id: str, profile: str, make_app: MakeApp
) -> None:
    """The sensitivity screen said only that the first of three tied options 'stays first';
    it now says they tie, in the words of `optionscope sensitivity`."""
    out = CliRunner().invoke(cli, ["sensitivity", scenario_id, "-p", profile])
    told = re.search(r", (.+? tie for first at .+?, listed first\.)", _flat(out.stdout))
    assert told is not None
    app = make_app(load_scenario(scenario_id), profile=profile)
    async with app.run_test(size=(140, 50)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, SensitivityScreen)
        intro = _flat(str(app.screen.query_one("#sens-intro", Static).render()))
        assert told.group(1) in intro
        # the leader's intervals are where it stays first or tied, as the CLI says
        assert "stays first or tied for first over the stretch marked" in intro
        title = _flat(str(app.screen.query_one("#title", Static).render()))
        assert title.endswith(" is no longer first or tied"), title
        intervals = str(app.screen.query_one("#sens-intervals", Static).render())
        assert "now   first or tied" in intervals
        assert "━ the leader first or tied" in intervals
        assert "stays first" not in intervals
        selected = _flat(str(app.screen.query_one("#sens-selected", Static).render()))
        assert " stays first or tied for first " in f" {selected} "
        assert " stays first or tied for first " in f" {_flat(out.stdout)} "


def test_a_bundled_seat_ties_for_first() -> None:
    assert TIED_SEATS  # the test above is about something


def test_the_briefings_stability_chart_reads_as_the_table_under_it() -> None:
    """The chart told each interval and weight as fractions (0.00-0.18, now 0.08) above a
    table telling them as percentages (0%-17.8%, 8.4%); the contributions table's last row
    read a weight of 1.000 under weights in percent."""
    from optionscope.present.sensitivity import stability_interval, weight_now

    s = load_scenario("minusma-2023")
    b = build_briefing(s, dict.fromkeys(s.criterion_ids, 1.0), "equal weights", samples=200)
    page = html.unescape(briefing_html(b))
    chart = page.split("How firm is it", 1)[1].split("</svg>", 1)[0]
    for c in b.stability.criteria:
        told = f"{stability_interval(c)} (now {weight_now(b.stability, c)})"
        assert f">{told}</text>" in chart, told
        assert f"{c.name}: {told}" in chart
    assert not re.search(r">\d\.\d\d-\d\.\d\d \(now", chart)
    assert "<td>Score</td><td class=n>100%</td>" in page


@pytest.mark.parametrize(
    ("cost", "shown"),
    [(0.4, "0.4"), (1234.5678, "1,234.57"), (600_000_000.0, "600,000,000"), (1e300, "1e+300")],
)
def test_a_cost_reads_the_same_in_frontier_the_briefing_and_the_tui(
    cost: float, shown: str
) -> None:
    """A cost of 0.4 read 0 in the briefing's value-for-money table and its chart, 0.4 in
    `frontier`; 600 million read 6e+08 on the value-for-money screen and 600,000,000 in
    `frontier`; 1e300 was a 301-digit number that broke the table."""
    from optionscope.analysis.dominance import dominated_options, value_cost_frontier
    from optionscope.report.frontier_text import render_frontier
    from optionscope.tui.screens._value_cost import value_cost_table

    s = load_scenario("minusma-2023")
    weights = s.profiles[0].weights
    f = value_cost_frontier(s, weights)
    first, *rest = f.points
    f = dataclasses.replace(f, points=(dataclasses.replace(first, cost=cost), *rest))
    label = s.option(first.option).label
    for fmt in ("table", "md"):
        text = render_frontier(dominated_options(s), f, s, "a profile", fmt)
        row = next(line for line in text.splitlines() if line.lstrip("| ").startswith(label))
        assert shown in row.replace("|", " ").split(), row
        assert all(len(line) < 300 for line in text.splitlines())
    screen = [line.plain for line in value_cost_table(f, s)]
    assert any(shown in line.split() for line in screen if label in line), screen
    b = dataclasses.replace(build_briefing(s, weights, "a profile", samples=200), frontier=f)
    page = briefing_markdown(b).split("| option | value |", 1)[1]  # value for money
    row = next(x for x in page.splitlines() if x.startswith(f"| {label} | "))
    assert f"| {shown} |" in row, row
    chart = html.unescape(briefing_html(b).split("Value for money", 1)[1].split("</svg>")[0])
    assert f"cost {shown}" in chart
