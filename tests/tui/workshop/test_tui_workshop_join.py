"""Joining a workshop: the join code and a name, or the facilitator code; wrong codes refused."""

from __future__ import annotations

from workshop_pilot import MakeApp, join, text_of, type_into

from optionscope.tui.screens import PickModal
from optionscope.tui.workshop.screens import DashboardScreen, JoinScreen, ParticipantScreen
from optionscope.workshop.session import Created


async def test_a_wrong_join_code_is_refused_with_a_message(
    made: Created, make_app: MakeApp
) -> None:
    app = make_app(made)
    async with app.run_test(size=(100, 30)) as pilot:
        await join(pilot, "ABCD-EFGH", "Ann")
        assert isinstance(app.screen, JoinScreen)
        assert "does not open this workshop" in text_of(app, "#join-error")


async def test_a_wrong_facilitator_code_is_refused_with_a_message(
    made: Created, make_app: MakeApp
) -> None:
    app = make_app(made, role="facilitate")
    async with app.run_test(size=(100, 30)) as pilot:
        await join(pilot, "ABCD-EFGH-JKLM")
        assert isinstance(app.screen, JoinScreen)
        assert "Wrong facilitator code" in text_of(app, "#join-error")
        assert app.facilitator_code is None


async def test_the_facilitator_screen_does_not_take_the_join_code(
    made: Created, make_app: MakeApp
) -> None:
    app = make_app(made, role="facilitate")
    async with app.run_test(size=(100, 30)) as pilot:
        await join(pilot, made.join_code)
        assert isinstance(app.screen, JoinScreen)
        assert "needs the facilitator code" in text_of(app, "#join-error")


async def test_the_join_code_and_a_name_lead_to_the_seats_then_the_participant_screen(
    made: Created, make_app: MakeApp
) -> None:
    app = make_app(made)
    async with app.run_test(size=(100, 30)) as pilot:
        await join(pilot, made.join_code.lower(), "Ann")  # codes are read aloud: case is free
        assert isinstance(app.screen, PickModal)
        await pilot.press("down", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ParticipantScreen)
        assert (screen.participant, screen.seat) == ("Ann", "commuters")


async def test_the_facilitator_code_on_the_join_screen_opens_the_dashboard(
    made: Created, make_app: MakeApp
) -> None:
    app = make_app(made)
    async with app.run_test(size=(100, 30)) as pilot:
        await join(pilot, made.facilitator_code)
        assert isinstance(app.screen, DashboardScreen)
        assert app.facilitator_code == made.facilitator_code


async def test_a_name_is_needed_and_anonymous_labels_are_not_names(
    made: Created, make_app: MakeApp
) -> None:
    app = make_app(made)
    async with app.run_test(size=(100, 30)) as pilot:
        await join(pilot, made.join_code)
        await pilot.press("enter")
        await pilot.pause()
        assert "cannot be empty" in text_of(app, "#join-error")
        await join(pilot, made.join_code, "Participant 2")
        assert isinstance(app.screen, JoinScreen)
        assert "anonymous workshops label participants" in text_of(app, "#join-error")


async def test_a_name_taken_already_is_refused_where_names_are_shown_to_everyone(
    made: Created, make_app: MakeApp
) -> None:
    made.workshop.submit("Ann", {"cost": 1, "safety": 1, "speed": 1}, seat="commuters")
    app = make_app(made)
    async with app.run_test(size=(100, 30)) as pilot:
        await join(pilot, made.join_code, "ann")
        assert isinstance(app.screen, JoinScreen)  # no "is that you?": a name proves nothing
        assert "That name is taken" in text_of(app, "#join-error")


async def test_a_participant_coming_back_types_the_personal_code(
    made: Created, make_app: MakeApp
) -> None:
    first = made.workshop.submit("Ann", {"cost": 1, "safety": 1, "speed": 1}, seat="commuters")
    assert first.personal_code is not None
    app = make_app(made)
    async with app.run_test(size=(100, 30)) as pilot:
        await type_into(pilot, "#join-personal", first.personal_code.lower())
        await join(pilot, made.join_code, "whatever I type")
        picker = app.screen
        assert isinstance(picker, PickModal)
        assert picker.initial == "commuters"  # the seat last used is offered first
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ParticipantScreen)
        assert (screen.participant, screen.member) == ("Ann", "Ann")  # the name as stored


async def test_a_wrong_personal_code_is_refused(made: Created, make_app: MakeApp) -> None:
    made.workshop.submit("Ann", {"cost": 1, "safety": 1, "speed": 1})
    app = make_app(made)
    async with app.run_test(size=(100, 30)) as pilot:
        await type_into(pilot, "#join-personal", "ABCD-EFGH-JKLM-NPQR")
        await join(pilot, made.join_code, "Ann")
        assert isinstance(app.screen, JoinScreen)
        assert "does not belong to anyone" in text_of(app, "#join-error")


async def test_repeated_wrong_codes_make_the_next_try_wait(
    made: Created, make_app: MakeApp
) -> None:
    app = make_app(made)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(5):
            await join(pilot, "ZZZZ-ZZZZ", "Ann")
        assert "Wait" in text_of(app, "#join-error")
        assert app.screen.query_one("#join-go").disabled
