"""The 90-minute MINUSMA exercise in the browser: a dozen participants through `workshop serve`.

Each participant's session goes over the server's real HTTP and websocket
path, speaking the protocol of the page's script (`["stdin", keys]` in, the
terminal's output out), at the same time as the others. A seat-targeted
inject must reach the targeted seats' screens and never the others'; each
submission must land in the store under its seat, and the personal code the
screen shows must be the one a forecast then needs. Every wait is a hang
guard, never a measure of time.
"""

from __future__ import annotations

import asyncio
import io
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from served import serving

from optionscope.cli.workshop import workshop
from optionscope.io.scenario_files import bundled_dir
from optionscope.tui.workshop.remote import relay
from optionscope.workshop.exercise import attach, release_inject, start_clock
from optionscope.workshop.session import Workshop

ANSI = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")
PLAN = bundled_dir() / "exercises" / "minusma-2023-90min.yaml"
HANG_GUARD = 600.0
"""Seconds before a screen that never appears fails the test instead of hanging it."""

FOCUSED_NAME = re.compile(rb"a(?:\x1b\[[0-9;:]*m)+s\s*the\s*group")
"""The name field's placeholder with the cursor on its first letter: the field has the focus."""

SECRET = "Instructions from your capital"
"""The inject for the Malian authorities' and Russia's seats only."""

SEATS = [  # the scenario's profiles, in the order the seat list shows them
    "un-secretariat", "mali-transition", "france-penholder", "russia",
    "united-states", "african-tccs", "au-ecowas", "civil-society",
]  # fmt: skip
TARGETED = {"mali-transition", "russia"}

# a dozen people on the eight seats: name, seat, its place in the seat list, targeted
PEOPLE = [
    (name, SEATS[i % 8], i % 8, SEATS[i % 8] in TARGETED)
    for i, name in enumerate(
        ["Ama", "Ben", "Chen", "Dara", "Eli", "Fatou", "Gus", "Hana", "Ivo", "Jun", "Kemi", "Lou"]
    )
]


def shown(out: io.BytesIO) -> str:
    """Everything drawn so far, without escape sequences and spaces."""
    return re.sub(r"\s+", "", ANSI.sub(b"", out.getvalue()).decode("utf-8", "replace"))


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


async def take_part(url: str, join_code: str, name: str, downs: int) -> str:
    """Join, take the seat, submit; returns everything the screen showed."""
    read_end, write_end = os.pipe()
    out = io.BytesIO()
    running = asyncio.create_task(relay(url, read_end, out, lambda: (110, 40)))

    async def when_shown(text: str) -> None:
        async def poll() -> None:
            while squeezed(text) not in shown(out):
                assert not running.done(), shown(out)[-400:]
                await asyncio.sleep(0.1)

        try:
            await asyncio.wait_for(poll(), timeout=HANG_GUARD)
        except TimeoutError:
            pytest.fail(f"{name} never saw {text!r}: {shown(out)[-400:]}")

    async def when_drawn(pattern: re.Pattern[bytes], since: int) -> None:
        async def poll() -> None:
            while not pattern.search(out.getvalue(), since):
                assert not running.done(), shown(out)[-400:]
                await asyncio.sleep(0.1)

        try:
            await asyncio.wait_for(poll(), timeout=HANG_GUARD)
        except TimeoutError:
            pytest.fail(f"{name}: the name field never took the focus: {shown(out)[-400:]}")

    def keys(text: str) -> None:
        os.write(write_end, text.encode())

    try:
        await when_shown("Join the workshop")
        keys(join_code)
        await when_shown(join_code)  # each field shows what was typed before the next key
        # Type the name only once the name field has the focus (keys sent before would still
        # go to the code field): the focused field draws its cursor on the placeholder's
        # first letter, which splits "as the group" with a change of style.
        mark = len(out.getvalue())
        keys("\t")
        await when_drawn(FOCUSED_NAME, mark)
        keys(name)
        await when_shown(name)
        keys("\r")
        await when_shown("choose your seat")
        for _ in range(downs):
            keys("\x1b[B")  # arrow down
        keys("\r")
        await when_shown("Your brief")
        await when_shown("The human-rights chief is expelled")  # the oldest inject, listed last
        keys("s")
        await when_shown("Submit your weights")
        keys("\r")
        await when_shown("Your personal code")
        keys("q")
        await asyncio.wait_for(running, timeout=HANG_GUARD)
    finally:
        os.close(write_end)
        running.cancel()
        os.close(read_end)
    return shown(out)


def test_participants_in_the_browser_see_their_own_seats_injects_and_can_forecast(
    tmp_path: Path,
) -> None:
    db = tmp_path / "drill.db"
    made = Workshop.create(db, "minusma-2023", "MINUSMA drill")
    ws, code = made.workshop, made.facilitator_code
    assert [p.id for p in ws.scenario.profiles] == SEATS  # the seat list's order
    attach(ws, code, PLAN.read_text(encoding="utf-8"), str(PLAN))
    start_clock(ws, code)
    for inject in ("hr-chief", "flights", "capital-instructions"):
        release_inject(ws, code, inject)
    ws.close()

    async def everyone(url: str) -> list[str]:
        return list(
            await asyncio.gather(
                *(take_part(url, made.join_code, name, downs) for name, _, downs, _ in PEOPLE)
            )
        )

    with serving(db, "--max-per-client", str(len(PEOPLE))) as url:
        screens = asyncio.run(everyone(url))

    for (name, _, _, targeted), screen in zip(PEOPLE, screens, strict=True):
        assert (squeezed(SECRET) in screen) is targeted, name
        assert squeezed("Flight requests refused") in screen, name  # for every seat
    with Workshop.open(db) as ws:
        rows = {r.participant: r.seat for r in ws.store.latest_submissions(1)}
    assert rows == {name: seat for name, seat, _, _ in PEOPLE}

    for (name, seat, _, _), screen in zip(PEOPLE, screens, strict=True):
        found = re.search(r"Yourpersonalcode:([A-Z2-9]{4}(?:-[A-Z2-9]{4}){3})", screen)
        assert found is not None, name
        done = CliRunner().invoke(
            workshop,
            [
                *("forecast", "--db", str(db), "--participant", name, "--seat", seat),
                *("--personal-code", found.group(1)),
                *("--question", "consent-withdrawn", "--probability", "0.6"),
            ],
            catch_exceptions=False,
        )
        assert done.exit_code == 0, done.output
    with Workshop.open(db) as ws:
        assert sorted(n for n, *_ in ws.store.forecasts()) == sorted(n for n, *_ in PEOPLE)
