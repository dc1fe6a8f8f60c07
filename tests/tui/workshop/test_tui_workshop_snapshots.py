"""How the workshop screens look, at 80x24 and 120x40 (review the SVGs before `--snapshot-update`).

Codes and clocks are fixed, so the pictures do not change from run to run.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from workshop_pilot import (
    COMMUTERS,
    SAFETY_FIRST,
    TREASURER,
    MakeApp,
    join,
    make_workshop,
    type_into,
    wait_until,
)

from optionscope.tui.workshop.screens import DashboardScreen, ParticipantScreen
from optionscope.workshop import codes
from optionscope.workshop.session import Created

SnapCompare = Callable[..., bool]
SIZES = [(80, 24), (120, 40)]
IDS = ["80x24", "120x40"]
JOIN = "K7QM-3XPA"
FACILITATOR = "ABCD-EFGH-JKLM"


@pytest.fixture
def still(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fixed codes and a fixed clock."""
    personal = iter(
        f"PPPP-PPPP-PPPP-PP{n:02d}".replace("0", "Q").replace("1", "R") for n in range(99)
    )
    fixed_codes = {codes.JOIN_GROUPS: JOIN, codes.FACILITATOR_GROUPS: FACILITATOR}
    monkeypatch.setattr(codes, "new_code", lambda groups: fixed_codes.get(groups) or next(personal))
    stamps = iter(f"2024-05-01T09:{m:02d}:00.000+00:00" for m in range(60))
    fixed = "2024-05-01T09:59:59.000+00:00"

    def clock() -> str:
        return next(stamps, fixed)

    for module in ("optionscope.workshop.store", "optionscope.workshop.session"):
        monkeypatch.setattr(f"{module}.now", clock)
    monkeypatch.setattr("optionscope.tui.workshop.screens._dashboard.now", lambda: fixed)


def drill(tmp_path: Path) -> Created:
    """Round 1 with three participants, round 2 open, the flood released in round 2."""
    made = make_workshop(tmp_path)
    ws = made.workshop
    bo = ws.submit("Bo", COMMUTERS, seat="commuters", note="Time is money").personal_code
    ws.submit("Cy [bold]Lee[/]", SAFETY_FIRST)
    ws.submit("Di", TREASURER, seat="treasurer")
    ws.next_round(FACILITATOR)
    ws.release_event(FACILITATOR, "flood")
    ws.submit("Bo", COMMUTERS, seat="commuters", personal_code=bo)
    return made


async def settle(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    pilot.app.clear_notifications()
    await pilot.pause()


class TestJoinScreen:
    @pytest.mark.parametrize("size", SIZES, ids=IDS)
    def test_the_join_screen_after_a_wrong_code(
        self,
        still: None,
        tmp_path: Path,
        make_app: MakeApp,
        snap_compare: SnapCompare,
        size: tuple[int, int],
    ) -> None:
        app = make_app(drill(tmp_path))

        async def run_before(pilot: Pilot[Any]) -> None:
            await join(pilot, "K7QM-3XPB", "Ann")
            await type_into(pilot, "#join-code", "")
            await settle(pilot)

        assert snap_compare(app, terminal_size=size, run_before=run_before)


class TestParticipantScreen:
    @pytest.mark.parametrize("size", SIZES, ids=IDS)
    def test_a_participant_in_round_2_with_the_group_of_round_1(
        self,
        still: None,
        tmp_path: Path,
        make_app: MakeApp,
        snap_compare: SnapCompare,
        size: tuple[int, int],
    ) -> None:
        made = drill(tmp_path)
        ann = made.workshop.submit(
            "Ann", {"cost": 50, "safety": 30, "speed": 20}, seat="treasurer"
        ).personal_code
        assert ann is not None
        app = make_app(made)

        async def run_before(pilot: Pilot[Any]) -> None:
            await type_into(pilot, "#join-personal", ann)  # the Ann who took part in round 1
            await join(pilot, JOIN, "Ann")
            await pilot.press("enter")  # the treasurer's seat
            screen = app.screen
            assert isinstance(screen, ParticipantScreen)
            await wait_until(pilot, lambda: screen.polls >= 1)
            await pilot.press("right", "right")
            await settle(pilot)

        assert snap_compare(app, terminal_size=size, run_before=run_before)


class TestDashboard:
    @pytest.mark.parametrize("size", SIZES, ids=IDS)
    def test_the_dashboard_looking_back_at_round_1(
        self,
        still: None,
        tmp_path: Path,
        make_app: MakeApp,
        snap_compare: SnapCompare,
        size: tuple[int, int],
    ) -> None:
        app = make_app(drill(tmp_path), role="facilitate")

        async def run_before(pilot: Pilot[Any]) -> None:
            await join(pilot, FACILITATOR)
            screen = app.screen
            assert isinstance(screen, DashboardScreen)
            await wait_until(pilot, lambda: screen.polls >= 1)
            await pilot.press("left_square_bracket")
            await wait_until(
                pilot, lambda: screen.snapshot is not None and screen.snapshot.results.round == 1
            )
            await settle(pilot)

        assert snap_compare(app, terminal_size=size, run_before=run_before)
