"""An impostor with only the join code, on the participant's screen (terminal or browser).

They may type the name of someone who took part; the screen must neither
confirm that the name took part nor show, replace or mark as theirs that
person's submission.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from textual.pilot import Pilot
from workshop_pilot import (
    COMMUTERS,
    SAFETY_FIRST,
    MakeApp,
    join,
    screen_text,
    text_of,
    type_into,
    wait_for_polls,
    wait_until,
)

from optionscope.tui.screens import ConfirmModal, PickModal, PromptModal
from optionscope.tui.workshop.screens import ParticipantScreen
from optionscope.tui.workshop.widgets import DisagreementHeatmap
from optionscope.workshop.session import Created


async def seat_as(pilot: Pilot[Any], made: Created, name: str) -> ParticipantScreen:
    await join(pilot, made.join_code, name)
    assert not isinstance(pilot.app.screen, ConfirmModal)
    assert isinstance(pilot.app.screen, PickModal)
    await pilot.press("enter")  # the first seat, the treasurer's
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ParticipantScreen)
    await wait_until(pilot, lambda: screen.polls >= 1)
    return screen


async def press_submit(pilot: Pilot[Any], screen: ParticipantScreen, note: str) -> None:
    actions = screen.actions
    await pilot.press("s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, PromptModal)
    await type_into(pilot, "#prompt-input", note)
    await pilot.press("enter")
    await wait_until(pilot, lambda: screen.actions > actions)
    await wait_for_polls(pilot)


async def test_an_impostor_in_an_anonymous_workshop_learns_and_replaces_nothing(
    made_anonymous: Created, make_app: MakeApp
) -> None:
    made = made_anonymous
    made.workshop.submit("Bea", SAFETY_FIRST, seat="commuters", note="Bea's own")
    made.workshop.submit("Cy", COMMUTERS)
    app = make_app(made)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await seat_as(pilot, made, "Bea")
        # nothing of Bea's: not her submission, not her weights, not "submitted"
        assert screen.snapshot is not None and screen.snapshot.mine is None
        assert "Not submitted" in text_of(app, "#ws-submitted")
        assert screen.session.weights != SAFETY_FIRST
        await press_submit(pilot, screen, "forged")
        assert screen.personal_code is not None
        assert screen.personal_code in text_of(app, "#ws-submitted")
        counted = {r.note for r in made.workshop.store.latest_submissions(1)}
        assert counted == {"Bea's own", "", "forged"}  # Bea's submission still counts
        made.workshop.next_round(made.facilitator_code)
        await wait_until(pilot, lambda: "Kendall's W" in text_of(app, "#ws-group"))
        heat = app.screen.query_one(DisagreementHeatmap)
        lines = "\n".join(line.plain for line in heat.lines(110))
        assert "Participant 3 (you)" in lines  # the impostor's own row, the third to join
        assert "Participant 1 (you)" not in lines
        heat.scroll_visible(animate=False, top=True)
        await pilot.pause()
        shown = screen_text(app) + lines
        assert "Cy" not in shown and "(2)" not in shown


async def test_the_first_submission_gives_a_personal_code_that_later_ones_use(
    made: Created, make_app: MakeApp
) -> None:
    app = make_app(made)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await seat_as(pilot, made, "Ann")
        assert screen.personal_code is None and screen.member is None
        await press_submit(pilot, screen, "one")
        code = screen.personal_code
        assert code is not None and screen.member == "Ann"
        assert any(code in n.message for n in app._notifications)
        await press_submit(pilot, screen, "two")
        assert screen.personal_code == code
    history = made.workshop.store.all_submissions()
    assert [(r.note, r.replaced) for r in history] == [("one", False), ("two", True)]


async def test_the_dashboard_refuses_a_store_altered_behind_the_facilitators_back(
    made: Created, make_app: MakeApp
) -> None:
    conn = sqlite3.connect(made.workshop.path, isolation_level=None)
    conn.execute("INSERT INTO meta (key, value) VALUES ('revealed_at', 'forged')")
    conn.close()
    app = make_app(made, role="facilitate")
    async with app.run_test(size=(100, 30)) as pilot:
        await join(pilot, made.facilitator_code)
        assert app.facilitator_code is None
        assert "The store was altered" in text_of(app, "#join-error")


async def test_coming_back_in_an_anonymous_workshop_never_shows_a_variant_of_a_name(
    made_anonymous: Created, make_app: MakeApp
) -> None:
    made = made_anonymous
    made.workshop.submit("Bea", SAFETY_FIRST)
    second = made.workshop.submit("Bea", COMMUTERS)  # registered apart, as "Bea (2)"
    assert second.personal_code is not None
    app = make_app(made)
    async with app.run_test(size=(100, 30)) as pilot:
        await type_into(pilot, "#join-personal", second.personal_code)
        await join(pilot, made.join_code, "Bea")
        assert isinstance(app.screen, PickModal)
        assert "(2)" not in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ParticipantScreen)
        assert (screen.participant, screen.member) == ("Bea", "Bea (2)")
        await wait_until(pilot, lambda: screen.polls >= 1)
        assert screen.snapshot is not None and screen.snapshot.mine is not None
        assert screen.snapshot.mine.id == second.id  # their own submission, not the first Bea's
        assert "(2)" not in screen_text(app)
