"""Thousands of options: a weight change prints only what the screen shows.

The ranking chart and the contribution table show a dozen options; the decimals that
tell every score apart are found once per ranking, and only the scores on screen are
printed. Counted, not timed: the number of scores printed for one weight change.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_scenarios import generated_scenario

from optionscope.present import numbers
from optionscope.tui.app import OptionscopeApp


async def test_a_weight_change_among_thousands_prints_only_the_scores_on_screen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scenario = generated_scenario(3000, 12)
    app = OptionscopeApp(scenario, state_dir=tmp_path)
    printed: list[float] = []
    real = numbers._fixed

    def counted(x: float, decimals: int, *, signed: bool = False) -> str:
        printed.append(x)
        return real(x, decimals, signed=signed)

    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        before = app.session.current
        monkeypatch.setattr(numbers, "_fixed", counted)
        await pilot.press("right")
        await pilot.pause()
        assert app.session.current is not before  # re-ranked
        # every score once would be 3,000; twice per view, 12,000
        assert 0 < len(printed) < 1_000
