"""What the workshop screen tests share: the scenario, weights, and driving the app as a user."""

from __future__ import annotations

import asyncio
import html
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import Input, Static

from optionscope.tui.workshop.app import WorkshopApp
from optionscope.tui.workshop.screens._polling import PollingScreen
from optionscope.workshop.session import Created, Workshop

SCENARIO = Path(__file__).resolve().parents[2] / "workshop" / "data" / "tiny-events.yaml"
"""Three roads, three criteria, two seats (treasurer, commuters), three events, an outcome."""

TREASURER = {"cost": 60.0, "safety": 20.0, "speed": 20.0}
COMMUTERS = {"cost": 10.0, "safety": 30.0, "speed": 60.0}
SAFETY_FIRST = {"cost": 20.0, "safety": 70.0, "speed": 10.0}

POLL = 0.05
"""Seconds between reads of the store in tests."""


def make_workshop(tmp_path: Path, *, anonymous: bool = False) -> Created:
    return Workshop.create(tmp_path / "ws.db", str(SCENARIO), "Roads drill", anonymous=anonymous)


MakeApp = Callable[..., WorkshopApp]


async def type_into(pilot: Pilot[Any], selector: str, text: str) -> None:
    """Put text in an input field (as pasted: one key press per character is slow to drive)."""
    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    field.value = text
    field.cursor_position = len(text)
    await pilot.pause()


async def wait_until(
    pilot: Pilot[Any], condition: Callable[[], bool], timeout: float = 30.0
) -> None:
    """Pause until the condition holds (the store is read in threads)."""
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise AssertionError("timed out waiting for the screen")
        await pilot.pause(0.02)
        await asyncio.sleep(0)


async def wait_for_polls(pilot: Pilot[Any], count: int = 1) -> None:
    """Wait until the screen has shown `count` more reads of the store."""
    screen = pilot.app.screen
    assert isinstance(screen, PollingScreen)
    start = screen.polls
    await wait_until(pilot, lambda: screen.polls >= start + count)
    await pilot.pause()


async def join(pilot: Pilot[Any], code: str, name: str = "") -> None:
    """Type a code (and a name) on the join screen and press Enter."""
    await type_into(pilot, "#join-code", code)
    if name:
        await type_into(pilot, "#join-name", name)
    await pilot.press("enter")
    await pilot.pause()


def text_of(app: WorkshopApp, selector: str) -> str:
    """What a Static (or a widget drawing lines) shows, as plain text."""
    widget = app.screen.query_one(selector)
    if isinstance(widget, Static):
        content = widget.content
        return content.plain if isinstance(content, Content) else str(content)
    lines = widget.lines(widget.size.width or 80)  # type: ignore[attr-defined]
    return "\n".join(line.plain for line in lines)


def screen_text(app: WorkshopApp) -> str:
    """Everything on the screen as text (the screenshot's SVG without its markup)."""
    svg = app.export_screenshot()
    body = re.sub(r"<style>.*?</style>", "", svg, flags=re.DOTALL)
    return html.unescape(re.sub(r"<[^>]+>", "", body)).replace("\xa0", " ")
