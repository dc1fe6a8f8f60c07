"""`optionscope sensitivity` says what the ranking says: a tie for first is told as a tie, a
lead that is not a tie never reads 0.0, and one weight change reads one number wherever it
is told (the summary, the table of options, their sentences, the table of seats)."""

from __future__ import annotations

import dataclasses
import re

import pytest
from click.testing import CliRunner

from optionscope.analysis.ranking import rank
from optionscope.cli import cli
from optionscope.io.scenario_files import bundled_ids, load_scenario
from optionscope.present.ranking import join_names

CASES = [(sid, p.id) for sid in bundled_ids() for p in load_scenario(sid).profiles]
POINTS = r"((?:under )?[\d.]+)"


def _stdout(*args: str) -> str:
    out = CliRunner().invoke(cli, list(args))
    assert out.exit_code == 0, out.output
    return out.stdout


def _flat(text: str) -> str:
    return " ".join(text.split())


def _tied_for_first(scenario_id: str, profile: str) -> list[str]:
    s = load_scenario(scenario_id)
    ranking = rank(s, s.profile(profile).weights)
    return [s.option(r.option).label for r in ranking.ranking if r.rank == 1]


def test_a_bundled_seat_has_a_tie_for_first() -> None:
    # the tests below are about ties only if some seat has one
    assert any(len(_tied_for_first(*case)) > 1 for case in CASES)


@pytest.mark.parametrize(("scenario_id", "profile"), CASES)
def test_a_tie_for_first_is_told_as_a_tie(scenario_id: str, profile: str) -> None:
    """Three options tied at 40.4 for first read 'Consol. centre leads Consol. north by 0.0
    points', in the seat's sensitivity and in the sentence on the seat in the overview."""
    tied = _tied_for_first(scenario_id, profile)
    one = _flat(_stdout("sensitivity", scenario_id, "-p", profile))
    seats = _flat(_stdout("sensitivity", scenario_id))
    assert "by 0.0 points" not in one and "by 0.0 points" not in seats
    if len(tied) > 1:
        assert f", {join_names(tied)} tie for first at " in one
        name = load_scenario(scenario_id).profile(profile).name
        assert f"{name}: {join_names(tied)} tie for first at " in seats


@pytest.mark.parametrize(("scenario_id", "profile"), CASES)
def test_each_weight_change_reads_one_number_wherever_it_is_told(
    scenario_id: str, profile: str
) -> None:
    """The table of options printed the points moved from the exact distance (9.7) while the
    sentence under it added up the moves as shown (9.8)."""
    out = _stdout("sensitivity", scenario_id, "-p", profile)
    told = dict(
        re.findall(rf"^(.+?) would rank first if {POINTS} points of weight moved", out, re.M)
    )
    table = out.split("that puts each first:", 1)[1].split("\n\n", 2)[1]
    rows = [re.split(r"\s{2,}", line.strip()) for line in table.splitlines()[2:]]
    assert rows
    for label, moved in rows:
        if moved != "impossible":
            assert told[label] == moved, (label, moved, told[label])
    summary = re.search(
        rf"The smallest change that overturns .+?: {POINTS} points of weight \(.+?\) would put "
        r"(.+?) first;",
        _flat(out),
    )
    if summary is not None:
        moved, option = summary.groups()
        assert told[option] == moved
        seats = _stdout("sensitivity", scenario_id)
        row = next(line for line in seats.splitlines() if line.startswith(profile + " "))
        assert f"  {moved}  " in row
        name = load_scenario(scenario_id).profile(profile).name
        assert f"{name}: " in _flat(seats)
        sentence = _flat(seats).split(f"{name}: ", 1)[1]
        assert f"moving {moved} points of weight" in sentence.split(" first.", 1)[0]


def test_a_margin_that_is_not_a_tie_never_reads_zero_in_the_tornado(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A worst-case lead of -0.03 (the leader loses) read -0.0 in the tornado's table and
    on the sensitivity screen; scores of 50.00, 50.02 and 50.04 read 50.0 three times
    with a swing of 0.0."""
    from optionscope.analysis.sensitivity import stability_intervals
    from optionscope.analysis.tornado import tornado
    from optionscope.report.sensitivity_text import SensitivityReport, render_sensitivity
    from optionscope.tui.screens._sensitivity import tornado_lines

    s = load_scenario("minusma-2023")
    weights = s.profiles[0].weights
    t = tornado(s, weights)
    close = dataclasses.replace(t.margins[0], low_margin=-0.03, central_margin=0.02)
    bar = dataclasses.replace(t.bars[0], low_score=50.0, high_score=50.04, central_score=50.02)
    t = dataclasses.replace(t, margins=(close, *t.margins[1:]))
    monkeypatch.setattr(type(t), "widest", lambda self, count: (bar,))
    report = SensitivityReport(s, "a profile", stability_intervals(s, weights), t, ())
    text = render_sensitivity(report, "table")
    tornado_table = text.split("in score points:", 1)[1]
    row = next(line for line in tornado_table.splitlines() if line.startswith(close.name + " "))
    assert re.split(r"\s{2,}", row)[1:3] == ["-0.03", "+0.02"], row
    swing = next(line for line in text.splitlines() if f"  {bar.criterion_name}  " in line)
    assert re.split(r"\s{2,}", swing)[-4:] == ["50.00", "50.02", "50.04", "0.04"], swing
    screen = "\n".join(line.plain for line in tornado_lines(t, s, 120))
    assert "-0.03 to " in screen
