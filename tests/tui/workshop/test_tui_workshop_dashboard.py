"""The facilitator's dashboard: it follows the store, and its actions go through `Workshop`."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from workshop_pilot import (
    COMMUTERS,
    POLL,
    SAFETY_FIRST,
    TREASURER,
    MakeApp,
    join,
    screen_text,
    text_of,
    wait_for_polls,
    wait_until,
)

from optionscope.analysis.group import ParticipantWeights, analyse_group
from optionscope.tui.screens import ConfirmModal
from optionscope.tui.workshop.app import WorkshopApp
from optionscope.tui.workshop.screens import DashboardScreen
from optionscope.tui.workshop.widgets import DisagreementHeatmap
from optionscope.tui.workshop.widgets._heatmap import percent
from optionscope.workshop.session import Created, Workshop


async def open_dashboard(pilot: Pilot[Any], made: Created) -> DashboardScreen:
    await join(pilot, made.facilitator_code)
    screen = pilot.app.screen
    assert isinstance(screen, DashboardScreen)
    await wait_until(pilot, lambda: screen.polls >= 1)
    return screen


async def confirm(pilot: Pilot[Any], key: str) -> None:
    """Press an action's key, say yes, wait for that action and the read after it."""
    screen = pilot.app.screen
    assert isinstance(screen, DashboardScreen)
    done = screen.actions
    await pilot.press(key)
    await pilot.pause()
    assert isinstance(pilot.app.screen, ConfirmModal)
    await pilot.press("y")
    await pilot.pause()
    await wait_until(pilot, lambda: screen.actions > done)
    await wait_for_polls(pilot)


def ranking_lines(app: WorkshopApp) -> list[str]:
    return text_of(app, "#dash-ranking").splitlines()


async def test_a_submission_made_through_another_connection_appears_after_the_interval(
    made: Created, make_app: MakeApp
) -> None:
    app = make_app(made, poll_seconds=0.2)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_dashboard(pilot, made)
        assert "Nobody has submitted in round 1" in text_of(app, "#dash-submissions")
        with Workshop.open(made.workshop.path) as other:  # another connection, as another process
            other.submit("Ann", TREASURER, seat="treasurer")
        await pilot.pause(0.2 * 3)
        await wait_until(pilot, lambda: "Ann" in text_of(app, "#dash-submissions"), timeout=1)
        shown = text_of(app, "#dash-submissions")
        assert "Treasurer" in shown
        row = made.workshop.store.latest_submissions(1)[0]
        assert row.submitted_at[11:19] in shown  # when, to the second (UTC)


async def test_the_dashboard_reads_the_store_in_a_worker_thread(
    made: Created, make_app: MakeApp
) -> None:
    app = make_app(made)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_dashboard(pilot, made)
        await wait_for_polls(pilot, 3)
        assert screen.polls >= 4
        assert all(w.group in {"poll", "action"} for w in app.workers)
        assert {w.is_running for w in app.workers if w.group == "poll"} <= {True, False}


async def test_an_event_released_after_submissions_changes_the_ranking_of_the_next_round(
    made: Created, make_app: MakeApp
) -> None:
    ann = made.workshop.submit("Ann", TREASURER, seat="treasurer").personal_code
    app = make_app(made)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_dashboard(pilot, made)
        before = ranking_lines(app)
        assert "Do nothing" in before[0]
        assert "The river floods" in text_of(app, "#dash-events")  # next in line
        await confirm(pilot, "e")  # the flood
        await confirm(pilot, "e")  # the state grant: the new roads get cheaper
        assert ranking_lines(app) == before  # round 1 stays as Ann weighed it
        events = text_of(app, "#dash-events")
        assert "The state pays 30 million" in events  # the text of the newest event
        assert "in force from round 2" in events
        assert "North road, Cost: set to 30 million" in events  # and its effects
        assert [e.event.id for e in made.workshop.released_events()] == ["flood", "grant"]
        await confirm(pilot, "n")
        made.workshop.submit("Ann", TREASURER, seat="treasurer", personal_code=ann)
        await wait_until(pilot, lambda: "South road" in ranking_lines(app)[0])
        after = ranking_lines(app)
        assert "South road" in after[0]
        expected = made.workshop.results().group
        assert expected is not None
        assert f"{expected.group_ranking.ranking[0].score:5.1f}" in after[0]


async def test_opening_the_next_round_follows_the_new_round(
    made: Created, make_app: MakeApp
) -> None:
    made.workshop.submit("Ann", TREASURER, seat="treasurer")
    app = make_app(made)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_dashboard(pilot, made)
        await confirm(pilot, "n")
        assert made.workshop.store.current_round() == 2
        await wait_until(pilot, lambda: "round 2" in text_of(app, "#dash-submissions-heading"))
        assert "Nobody has submitted in round 2" in text_of(app, "#dash-submissions")
        await pilot.press("left_square_bracket")  # look back at round 1
        await wait_until(pilot, lambda: "round 1" in text_of(app, "#dash-submissions-heading"))
        assert "Ann" in text_of(app, "#dash-submissions")
        assert screen.viewing == 1


async def test_revealing_shows_the_outcome(made: Created, make_app: MakeApp) -> None:
    made.workshop.submit("Ann", TREASURER, seat="treasurer")
    app = make_app(made)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_dashboard(pilot, made)
        assert "Not revealed yet" in text_of(app, "#dash-outcome")
        await confirm(pilot, "o")
        shown = text_of(app, "#dash-outcome")
        assert "The council chose the north road" in shown
        assert "Closest option: North road" in shown
        assert "differs from it" in shown  # the treasurer's group put doing nothing first
        assert made.workshop.revealed()


async def test_facilitator_actions_are_checked_by_the_workshop_session(
    made: Created, make_app: MakeApp
) -> None:
    app = make_app(made)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_dashboard(pilot, made)
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        screen.code = "ABCD-EFGH-JKLM"  # not this workshop's code
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("y")
        await wait_until(pilot, lambda: screen.actions > 0)
        assert any("wrong facilitator code" in n.message.lower() for n in app._notifications)
    assert made.workshop.released_events() == []


async def test_the_heatmap_cells_are_the_group_analysis_weight_shares(
    made: Created, make_app: MakeApp
) -> None:
    entries: list[tuple[str, dict[str, float], str | None]] = [
        ("Ann", TREASURER, "treasurer"),
        ("Bo", COMMUTERS, "commuters"),
        ("Cy", {"cost": 1.0, "safety": 3.0, "speed": 7.0}, None),
    ]
    for name, weights, seat in entries:
        made.workshop.submit(name, weights, seat=seat)
    app = make_app(made)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_dashboard(pilot, made)
        heat = app.screen.query_one(DisagreementHeatmap)
        assert heat.data is not None
        expected = analyse_group(
            made.workshop.scenario, [ParticipantWeights(n, w, s) for n, w, s in entries]
        )
        crit = made.workshop.scenario.criterion_ids
        assert heat.data.participants == ["Ann", "Bo", "Cy"]
        for row, p in zip(heat.data.shares, expected.participants, strict=True):
            assert row == pytest.approx([p.weights[c] for c in crit], abs=1e-12)
        assert heat.data.mean == pytest.approx(list(expected.weights.mean))
        assert heat.data.iqr == pytest.approx(list(expected.weights.iqr))
        assert heat.data.contested == [c.criterion for c in expected.contested]
        # the cells the user reads: each row shows the percentages of those shares
        lines = [line.plain for line in heat.lines(100)]
        for name, p in zip(["Ann", "Bo", "Cy"], expected.participants, strict=True):
            line = next(x for x in lines if x.startswith(name))
            cells = line[len(name) :].split()
            assert cells == [percent(p.weights[c]).strip() for c in crit]
        assert cells == ["9", "27", "64"]  # Cy: 1, 3 and 7 of 11 points
        named = next(x for x in lines if x.startswith("* Most contested"))
        for c in expected.contested:
            assert c.name in named


async def test_an_anonymous_workshop_shows_labels_on_the_dashboard(
    made_anonymous: Created, make_app: MakeApp
) -> None:
    made = made_anonymous
    made.workshop.submit("Bo Secret", COMMUTERS, seat="commuters")
    made.workshop.submit("Cy Hidden", SAFETY_FIRST)
    app = make_app(made)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_dashboard(pilot, made)
        shown = screen_text(app)
        assert "Participant 1" in shown and "Participant 2" in shown
        assert "Bo Secret" not in shown and "Cy Hidden" not in shown
        assert "names hidden" in text_of(app, "#dash-submissions-heading")


def test_the_poll_interval_in_tests_is_short() -> None:
    assert POLL < 0.5


async def test_each_screen_polls_the_store_on_one_timer(made: Created, make_app: MakeApp) -> None:
    app = make_app(made)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_dashboard(pilot, made)
        timers = [t for t in app.screen._timers if t.name == "poll the workshop store"]
        assert len(timers) == 1
