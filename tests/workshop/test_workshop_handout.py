"""The participants' brief: Markdown and standalone HTML, escaped, printable, never clobbering."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from _workshop_support import SCENARIO
from click.testing import CliRunner

from markdown_render import rendered_text
from optionscope.cli.workshop import workshop
from optionscope.io.errors import InputError
from optionscope.io.scenario_files import load_scenario
from optionscope.model.scenario import Scenario
from optionscope.report.decision_date import (
    as_known_on_decision_date,
    date_span,
    dates_mentioned,
    hidden_sources,
    known_text,
)
from optionscope.report.handout import brief_for_path, brief_html, brief_markdown


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return load_scenario(SCENARIO)


@pytest.fixture
def hostile(tmp_path: Path) -> Scenario:
    """The scenario with markup and escape sequences in its text."""
    text = SCENARIO.read_text(encoding="utf-8")
    text = text.replace(
        "summary: A short road through the hills.",
        "summary: \"<script>alert('x')</script> & <b>bold</b> \\e[31mred\"",
    ).replace("name: Treasurer", 'name: "Treasurer <img src=x onerror=alert(1)>"')
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    return load_scenario(path)


def test_the_markdown_brief_has_the_question_options_criteria_and_seats(
    scenario: Scenario,
) -> None:
    md = brief_markdown(scenario)
    assert md.startswith("# Tiny scenario with events\n")
    assert "**The question:** Which road should the town build?" in md
    assert "### North road" in md and "### Do nothing (reference point)" in md
    assert "- Building cost: 60 million (range 50 to 80) \\[figure\\]" in md  # [ ] escaped
    assert "- Landslides close the road in wet winters. (likelihood possible, impact major)" in md
    assert "- Gains: Ten minutes saved per trip" in md
    assert "- Gives up: Money for the school roof" in md
    assert "| Money | Cost | less is better | million, 0 to 100 |" in md
    assert "### Treasurer" in md and "Build nothing the town cannot pay for." in md
    assert "Starting weights: Cost 60%, Safety 20%, Travel time saved 20%." in md


def test_the_brief_gives_away_neither_the_events_nor_the_outcome(scenario: Scenario) -> None:
    for text in (brief_markdown(scenario), brief_html(scenario)):
        assert "flood" not in text.lower()
        assert "state grant" not in text
        assert "The council chose" not in text
        assert "Council minutes" not in text  # a source cited only by events and the outcome
        assert "Road survey" in text


def test_the_html_brief_is_standalone_and_printable(scenario: Scenario) -> None:
    page = brief_html(scenario)
    assert page.startswith("<!DOCTYPE html>")
    assert "<style>" in page and "@media print" in page
    assert "page-break-inside: avoid" in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "<link" not in page and "<script" not in page and "@import" not in page
    assert page.count('<article class="card" id="option-') == 3
    assert page.count('<article class="card" id="seat-') == 2


def test_scenario_text_is_escaped_in_html(hostile: Scenario) -> None:
    page = brief_html(hostile)
    assert "<script>" not in page and "<img" not in page and "<b>bold</b>" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in page
    assert "Treasurer &lt;img src=x onerror=alert(1)&gt;" in page
    assert "\x1b" not in page and "\\x1b[31mred" in page


def test_escape_sequences_are_shown_not_obeyed_in_markdown(hostile: Scenario) -> None:
    md = brief_markdown(hostile)
    assert "\x1b" not in md and "\\x1b[31mred" in rendered_text(md)


def test_the_suffix_chooses_the_format_and_others_are_refused(scenario: Scenario) -> None:
    assert brief_for_path(scenario, "b.HTML").startswith("<!DOCTYPE html>")
    assert brief_for_path(scenario, "b.md").startswith("# ")
    with pytest.raises(InputError, match=r"name the brief FILE\.md"):
        brief_for_path(scenario, "b.pdf")


def test_brief_writes_the_file_and_never_overwrites_without_force(tmp_path: Path) -> None:
    out = tmp_path / "brief.html"
    runner = CliRunner()
    first = runner.invoke(workshop, ["brief", str(SCENARIO), "--output", str(out)])
    assert first.exit_code == 0 and first.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    out.write_text("my annotated copy", encoding="utf-8")
    again = runner.invoke(workshop, ["brief", str(SCENARIO), "--output", str(out)])
    assert again.exit_code == 2
    assert "exists already; pass --force to replace it" in again.stderr
    assert out.read_text(encoding="utf-8") == "my annotated copy"
    forced = runner.invoke(workshop, ["brief", str(SCENARIO), "--output", str(out), "--force"])
    assert forced.exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.html"]  # no temporary left


def test_brief_refuses_an_unknown_suffix_without_writing(tmp_path: Path) -> None:
    out = tmp_path / "brief.docx"
    result = CliRunner().invoke(workshop, ["brief", str(SCENARIO), "--output", str(out)])
    assert result.exit_code == 2 and "FILE.md" in result.stderr
    assert not out.exists()


# Nothing dated after the decision date ------------------------------------------


def _every_scenario_with_a_decision_date() -> list[Scenario]:
    from optionscope.io.scenario_files import bundled_dir, bundled_ids

    packs = [load_scenario(bundled_dir() / f"{i}.yaml") for i in bundled_ids()]
    return [*packs, load_scenario(SCENARIO)]


def _later_dates(text: str, decision: date) -> list[tuple[date, date]]:
    """Dates later than the decision: a day or month from its first day, a year to its last."""
    out = []
    for first, last in dates_mentioned(text):
        whole_year = (first.month, first.day, last.month, last.day) == (1, 1, 12, 31)
        if (last if whole_year else first) > decision:
            out.append((first, last))
    return out


@pytest.mark.parametrize("scenario", _every_scenario_with_a_decision_date(), ids=lambda s: s.id)
def test_no_handout_draws_on_anything_dated_after_the_decision_date(scenario: Scenario) -> None:
    day = scenario.as_of
    late_sources = {s.id for s in scenario.sources if (date_span(s.date) or (day, day))[0] > day}
    for text in (brief_markdown(scenario), brief_html(scenario)):
        body, _, sources = text.partition("Sources</h2>" if text.startswith("<") else "## Sources")
        listed = set(re.findall(r"\[([a-z0-9][a-z0-9._-]*)\]", sources))
        assert not listed & late_sources, listed & late_sources
        prose = re.sub(r"<[^>]+>", " ", body)
        assert _later_dates(prose, day) == [], [
            line for line in prose.splitlines() if _later_dates(line, day)
        ]
        for event in scenario.events:
            assert event.title not in text and event.text not in text
        if scenario.outcome is not None:
            assert scenario.outcome.text not in text
    shown = as_known_on_decision_date(scenario)
    hidden = hidden_sources(scenario)
    for option in shown.options:
        for item in [*option.preconditions, *option.costs, *option.risks]:
            assert not item.sources or set(item.sources) - hidden  # rests on something known


@pytest.mark.parametrize("scenario", _every_scenario_with_a_decision_date(), ids=lambda s: s.id)
def test_the_seats_participants_pick_from_show_nothing_dated_after_the_decision_date(
    scenario: Scenario,
) -> None:
    from optionscope.tui.workshop._views import seat_items

    for _, label in seat_items(scenario):
        assert _later_dates(label.plain, scenario.as_of) == []


def test_a_sentence_with_a_later_date_is_left_out_and_an_earlier_one_kept() -> None:
    day = date(2023, 1, 16)
    text = (
        "Resolution 2640 (2022) asked for options. The review is dated 16 January 2023. "
        "In June 2023 they demanded a withdrawal. Events from 2023 then show the end."
    )
    assert known_text(text, day) == (
        "Resolution 2640 (2022) asked for options. The review is dated 16 January 2023."
    )
    assert dates_mentioned("S/2023/36 and A/RES/77/312 cost 3,680") == []
    assert dates_mentioned("1 July-31 December 2023") == [(date(2023, 12, 31),) * 2]
    assert known_text("The January 2023 review. The February 2023 survey.", day) == (
        "The January 2023 review."
    )


def test_a_seats_starting_weights_read_as_the_weights_panel_shows_them(
    scenario: Scenario,
) -> None:
    """Three equal weights read 33% each in the brief (adding up to 99%); the weights panel
    shows the seat's weights rounded together: 33.4%, 33.3%, 33.3%."""
    seat = scenario.profiles[0]
    equal = seat.model_copy(update={"weights": dict.fromkeys(seat.weights, 1.0)})
    s = scenario.model_copy(update={"profiles": [equal, *scenario.profiles[1:]]})
    names = [s.criterion(c).name for c in equal.weights]
    labels = ["33.4%", "33.3%", "33.3%"][: len(names)]
    shown = ", ".join(f"{n} {w}" for n, w in zip(names, labels, strict=True))
    assert len(names) == 3
    assert f"Starting weights: {shown}." in brief_markdown(s)
    assert f"<strong>Starting weights:</strong> {shown}." in brief_html(s)
