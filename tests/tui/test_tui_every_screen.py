"""Every screen, at three terminal sizes, on both bundled packs and a generated scenario of
30 criteria, read from the rendered screen text as a user reads it: every option and
criterion name shown whole or as its declared short label (never cut to a stub), every
criterion in every contribution bar, and chart labels that never overlap."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from tui_scenarios import generated_scenario

from optionscope.io.scenario_files import load_scenario
from optionscope.model.scenario import Scenario
from optionscope.tui._text import criterion_key
from optionscope.tui.app import OptionscopeApp
from optionscope.tui.widgets import RankingChart

MakeApp = Callable[..., OptionscopeApp]
SIZES = [(80, 24), (100, 30), (200, 50)]

WORD_START = re.compile(r"(?:^|(?<=[\s│┃▕▏█▌▐║|(·]))\S")
"""Where a word starts: at the line's start, after a space, a border or a separator."""

SCREENS: list[tuple[str, tuple[str, ...]]] = [
    ("main", ()),
    ("detail picker", ("d",)),
    ("detail", ("d", "enter")),
    ("head to head", ("h",)),
    ("sensitivity", ("s",)),
    ("uncertainty", ("U",)),
    ("value vs cost", ("v",)),
    ("elicit rank order", ("W",)),
    ("elicit swing", ("W", "2")),
    ("elicit AHP", ("W", "3")),
    ("help", ("question_mark",)),
    ("profile picker", ("p",)),
    ("what-if picker", ("e",)),
]
"""Every screen the session opens, and the keys that open it from the main screen."""


def scenarios() -> list[Scenario]:
    return [
        load_scenario("minusma-2023"),
        load_scenario("monusco-2024"),
        generated_scenario(8, 30),
    ]


def map_labels_missing(app: OptionscopeApp, lines: list[str]) -> Iterator[str]:
    """On the value-for-cost map, each option whose label cannot be read whole, either in
    the plot (beside its point) or in the list of labels written under it: a label
    overwritten by another, or by a point, is no longer whole anywhere."""
    plot = [line for line in lines if " ┤" in line]
    under = [line for line in lines if "At their numbers:" in line]
    if not plot:
        return
    text = "\n".join(plot + under)
    for option in app.session.scenario.options:
        label = option.short or option.name
        if label not in text:
            yield f"{label!r} not whole on the map"


def screen_text(app: OptionscopeApp) -> list[str]:
    """The screen as the terminal shows it, one string per row."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def names_of(scenario: Scenario) -> list[tuple[str, str]]:
    """(name, short label) of every option and criterion."""
    return [(x.name, x.short) for x in (*scenario.options, *scenario.criteria)]


def clipped_names(lines: list[str], names: list[tuple[str, str]]) -> Iterator[str]:
    """Each place where a name or label is cut with `…`: the text before the ellipsis ends
    with a stub of a name (a proper beginning of it, three characters or more) that is
    neither the name nor its short label."""
    for line in lines:
        for match in re.finditer("…", line):
            field = line[: match.start()]
            for start in (m.start() for m in WORD_START.finditer(field)):
                stub = field[start:]
                if len(stub) < 3:
                    continue
                for name, short in names:
                    whole = {name, short} - {""}
                    if stub not in whole and any(
                        w.startswith(stub) and len(w) > len(stub) for w in whole
                    ):
                        yield f"{stub}… ({name!r})"
                        break
                else:
                    continue
                break


def bars_missing_criteria(app: OptionscopeApp, lines: list[str]) -> Iterator[str]:
    """Each chart row on screen whose bar (with the line of small criteria under it, if
    any) leaves out the key of a criterion that contributes."""
    chart = app.screen.query_one(RankingChart)
    scenario = app.session.scenario
    screen = "\n".join(lines)
    chart_lines = [line.plain for line in chart.lines(chart.size.width)]
    bars: dict[str, str] = {}
    cut: set[str] = set()  # the pane scrolls: only the bars wholly on screen are read
    for option, text in zip(chart._row_at_line, chart_lines, strict=False):
        if text.rstrip() in screen:
            bars[option] = bars.get(option, "") + text[chart.bar_start :]
        else:
            cut.add(option)
    bars = {option: bar for option, bar in bars.items() if option not in cut}
    assert bars, "no bars on the main screen"
    for row in app.session.current.ranking[: chart.top]:
        if row.option not in bars:
            continue
        keys = {
            criterion_key(j)
            for j, c in enumerate(scenario.criteria)
            if row.contributions.get(c.id, 0.0) > 0
        }
        missing = keys - set(bars[row.option])
        if missing:
            yield f"{row.option}: {''.join(sorted(missing))} not in {bars[row.option]!r}"


async def visit(app: OptionscopeApp, pilot: object, keys: tuple[str, ...]) -> None:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    for key in keys:
        await pilot.press(key)
        await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("scenario", scenarios(), ids=lambda s: s.id)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_every_screen_shows_names_whole_or_labelled_and_every_criterion_in_every_bar(
    make_app: MakeApp, scenario: Scenario, size: tuple[int, int]
) -> None:
    app = make_app(scenario)
    names = names_of(scenario)
    problems: list[str] = []
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        main = app.screen
        for name, keys in SCREENS:
            await visit(app, pilot, keys)
            assert keys == () or app.screen is not main, f"{name} did not open"
            lines = screen_text(app)
            if name == "profile picker":  # a stance is free text, cut to one line
                lines = [line.split(" — ")[0] for line in lines]
            problems += [f"{name}: {p}" for p in clipped_names(lines, names)]
            if name == "value vs cost":
                problems += [f"{name}: {p}" for p in map_labels_missing(app, lines)]
            if name == "main":
                problems += [f"{name}: {p}" for p in bars_missing_criteria(app, lines)]
            while app.screen is not main:
                await pilot.press("escape")
                await pilot.pause()
    assert not problems, "\n".join(sorted(set(problems)))
