"""Write docs/main-screen.svg: the main screen on MINUSMA from the Secretariat's seat, at 100x30.

    .venv/bin/python scripts/screenshot.py

The picture is the app's own SVG export, taken headless.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from optionscope.io.scenario_files import load_scenario
from optionscope.tui import create_app

OUT = Path(__file__).resolve().parents[1] / "docs" / "main-screen.svg"


async def main() -> None:
    app = create_app(load_scenario("minusma-2023"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("p")  # apply a profile: the first is the UN Secretariat
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause(0.5)
        OUT.write_text(app.export_screenshot(), encoding="utf-8")


if __name__ == "__main__":
    asyncio.run(main())
