"""Taking part: weigh from a seat, submit as `workshop submit` does, see the group
when a round closes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from textual import events
from textual.pilot import Pilot
from workshop_pilot import (
    COMMUTERS,
    SAFETY_FIRST,
    TREASURER,
    MakeApp,
    join,
    make_workshop,
    screen_text,
    text_of,
    type_into,
    wait_for_polls,
    wait_until,
)

from optionscope.cli import cli
from optionscope.tui.screens import PromptModal
from optionscope.tui.widgets import RankingChart, WeightList
from optionscope.tui.workshop.app import WorkshopApp
from optionscope.tui.workshop.screens import ParticipantScreen
from optionscope.tui.workshop.widgets import DisagreementHeatmap
from optionscope.workshop.session import Created, Workshop


async def take_seat(pilot: Pilot[Any], made: Created, name: str, downs: int = 0) -> None:
    """Join under a name and take the seat `downs` places down the list (0: treasurer)."""
    await join(pilot, made.join_code, name)
    await pilot.press(*["down"] * downs, "enter")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ParticipantScreen)
    await wait_until(pilot, lambda: screen.polls >= 1)


async def submit(pilot: Pilot[Any], note: str = "") -> None:
    """Press s, type a note, Enter; wait until the store has been read again."""
    app = pilot.app
    screen = app.screen
    assert isinstance(screen, ParticipantScreen)
    await pilot.press("s")
    await pilot.pause()
    assert isinstance(app.screen, PromptModal)
    await type_into(pilot, "#prompt-input", note)
    await pilot.press("enter")
    await wait_until(
        pilot, lambda: screen.snapshot is not None and screen.snapshot.mine is not None
    )
    await wait_for_polls(pilot)


def participant(app: WorkshopApp) -> ParticipantScreen:
    screen = app.screen
    assert isinstance(screen, ParticipantScreen)
    return screen


async def test_the_participant_starts_from_the_seats_profile_weights(
    made: Created, make_app: MakeApp
) -> None:
    app = make_app(made)
    async with app.run_test(size=(100, 30)) as pilot:
        await take_seat(pilot, made, "Ann", downs=1)
        assert participant(app).session.weights == COMMUTERS
        assert "Not submitted in round 1" in text_of(app, "#ws-submitted")


async def test_a_weight_typed_quickly_opens_one_prompt_that_gets_every_key(
    made: Created, make_app: MakeApp
) -> None:
    app = make_app(made)
    async with app.run_test(size=(100, 30)) as pilot:
        await take_seat(pilot, made, "Ann", downs=1)
        screen = participant(app)
        cid = screen.query_one(WeightList).highlighted_criterion
        assert cid is not None
        # three keys queued at once, as a fast typist sends them: the first has not
        # opened its prompt when the other two arrive
        for key, character in (("2", "2"), ("5", "5"), ("enter", "\r")):
            app.post_message(events.Key(key, character))
        await pilot.pause()
        await pilot.pause()
        assert app.screen is screen  # one prompt, closed by the Enter
        assert screen.session.weights[cid] == 25


async def test_a_submission_lands_in_the_store_as_the_cli_would_record_it(
    made: Created, make_app: MakeApp, tmp_path: Path
) -> None:
    app = make_app(made)
    async with app.run_test(size=(100, 30)) as pilot:
        await take_seat(pilot, made, "Ann")
        await pilot.press("right", "right")  # two more points on cost
        await submit(pilot, "Budget first")
        assert "Submitted" in text_of(app, "#ws-submitted")
    tui_rows = made.workshop.store.all_submissions()

    # the same weights through `optionscope workshop submit`, into a second store
    (tmp_path / "cli").mkdir()
    other = make_workshop(tmp_path / "cli")
    other.workshop.close()
    weights = tmp_path / "w.yaml"
    weights.write_text(yaml.safe_dump({"weights": {**TREASURER, "cost": 62.0}}), "utf-8")
    done = CliRunner().invoke(
        cli,
        [
            *("workshop", "submit", "--db", str(other.workshop.path), "--participant", "Ann"),
            *("--weights", str(weights), "--seat", "treasurer", "--note", "Budget first"),
        ],
    )
    assert done.exit_code == 0, done.output
    with Workshop.open(other.workshop.path) as ws:
        cli_rows = ws.store.all_submissions()

    assert len(tui_rows) == len(cli_rows) == 1
    tui, by_cli = tui_rows[0], cli_rows[0]
    assert (tui.participant, tui.round, tui.seat, tui.note) == (
        "Ann",
        1,
        "treasurer",
        "Budget first",
    )
    assert (tui.participant, tui.round, tui.seat, tui.note) == (
        by_cli.participant,
        by_cli.round,
        by_cli.seat,
        by_cli.note,
    )
    shares = {k: v / sum(tui.weights.values()) for k, v in tui.weights.items()}
    cli_shares = {k: v / sum(by_cli.weights.values()) for k, v in by_cli.weights.items()}
    assert shares == pytest.approx(cli_shares)


async def test_resubmitting_in_the_same_round_replaces_the_earlier_submission(
    made: Created, make_app: MakeApp
) -> None:
    app = make_app(made)
    async with app.run_test(size=(100, 30)) as pilot:
        await take_seat(pilot, made, "Ann")
        await submit(pilot)
        await pilot.press("down", "down", *["right"] * 10)  # more on travel time
        await pilot.pause()
        assert "Changed since you submitted" in text_of(app, "#ws-submitted")
        first = participant(app).snapshot
        assert first is not None and first.mine is not None
        first_id = first.mine.id
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("enter")
        screen = participant(app)
        await wait_until(
            pilot,
            lambda: (
                screen.snapshot is not None
                and screen.snapshot.mine is not None
                and screen.snapshot.mine.id != first_id
            ),
        )
        assert "Submitted" in text_of(app, "#ws-submitted")
    history = made.workshop.store.all_submissions()
    assert [r.replaced for r in history] == [False, True]
    counted = made.workshop.store.latest_submissions(1)
    assert len(counted) == 1
    assert counted[0].weights["speed"] / sum(counted[0].weights.values()) == pytest.approx(30 / 110)


async def test_a_submission_to_a_round_closed_meanwhile_is_refused(
    made: Created, make_app: MakeApp
) -> None:
    app = make_app(made, poll_seconds=60)  # the screen does not notice the new round
    async with app.run_test(size=(100, 30)) as pilot:
        await take_seat(pilot, made, "Ann")
        made.workshop.next_round(made.facilitator_code)
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("enter")
        await wait_until(
            pilot, lambda: any("round" in n.message.lower() for n in app._notifications)
        )
        assert any("round 1 is closed" in n.message.lower() for n in app._notifications)
    assert made.workshop.store.all_submissions() == []


async def test_the_group_result_appears_once_the_facilitator_closes_the_round(
    made: Created, make_app: MakeApp
) -> None:
    made.workshop.submit("Bo", COMMUTERS, seat="commuters")
    app = make_app(made)
    async with app.run_test(size=(100, 30)) as pilot:
        await take_seat(pilot, made, "Ann")
        await submit(pilot)
        assert "appears here when the facilitator closes" in text_of(app, "#ws-group-note")
        assert not app.screen.query_one(DisagreementHeatmap).display
        made.workshop.next_round(made.facilitator_code)  # another process, in effect
        await wait_until(pilot, lambda: "Kendall's W" in text_of(app, "#ws-group"))
        group = made.workshop.results(1).group
        assert group is not None
        shown = text_of(app, "#ws-group")
        for row in group.group_ranking.ranking:
            assert f"{row.score:5.1f}" in shown
        heat = app.screen.query_one(DisagreementHeatmap)
        assert heat.display and heat.data is not None
        assert heat.data.participants == ["Bo", "Ann"]  # in join order
        assert "Round 2" in " ".join(n.message for n in app._notifications)


async def test_anonymity_hides_the_other_participants_names(
    made_anonymous: Created, make_app: MakeApp
) -> None:
    made = made_anonymous
    made.workshop.submit("Bo Secret", COMMUTERS, seat="commuters")
    made.workshop.submit("Cy Hidden", SAFETY_FIRST)
    app = make_app(made)
    async with app.run_test(size=(120, 40)) as pilot:
        await take_seat(pilot, made, "Ann")
        await submit(pilot)
        made.workshop.next_round(made.facilitator_code)
        await wait_until(pilot, lambda: "Kendall's W" in text_of(app, "#ws-group"))
        heat = app.screen.query_one(DisagreementHeatmap)
        assert heat.data is not None
        assert heat.data.participants == ["Participant 1", "Participant 2", "Participant 3"]
        lines = "\n".join(line.plain for line in heat.lines(100))
        assert "Participant 3 (you)" in lines  # Ann joined third
        heat.scroll_visible(animate=False, top=True)
        await pilot.pause()
        shown = screen_text(app)
        assert "Participant 1" in shown
        for name in ("Bo Secret", "Cy Hidden"):
            assert name not in lines
            assert name not in shown


async def test_a_released_event_changes_the_participants_own_ranking(
    made: Created, make_app: MakeApp
) -> None:
    app = make_app(made)
    async with app.run_test(size=(100, 30)) as pilot:
        await take_seat(pilot, made, "Ann")  # the treasurer: doing nothing costs nothing
        chart = app.screen.query_one(RankingChart)
        assert chart.session.current.leader.option == "none"
        made.workshop.release_event(made.facilitator_code, "grant")  # the state pays
        await wait_until(pilot, lambda: "A state grant" in text_of(app, "#ws-events"))
        assert chart.session.current.leader.option == "south"
        assert participant(app).session.weights == TREASURER  # the weights stay


async def test_the_revealed_outcome_is_shown_to_participants(
    made: Created, make_app: MakeApp
) -> None:
    app = make_app(made)
    async with app.run_test(size=(100, 30)) as pilot:
        await take_seat(pilot, made, "Ann")
        assert not app.screen.query_one("#ws-outcome").display
        made.workshop.reveal(made.facilitator_code)
        await wait_until(pilot, lambda: app.screen.query_one("#ws-outcome").display)
        assert "The council chose the north road" in text_of(app, "#ws-outcome")


async def test_the_participant_screen_polls_the_store_on_one_timer(
    made: Created, make_app: MakeApp
) -> None:
    app = make_app(made)
    async with app.run_test(size=(100, 30)) as pilot:
        await take_seat(pilot, made, "Ann")
        timers = [t for t in app.screen._timers if t.name == "poll the workshop store"]
        assert len(timers) == 1
