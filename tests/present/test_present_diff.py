"""A ranking diff and dominance in words, from `present` (the analysis returns numbers)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from optionscope.analysis.diff import diff_rankings
from optionscope.io.scenario_files import load_scenario
from optionscope.model.scenario import Assessment, Scenario
from optionscope.present.diff import diff_rows, diff_sentences

TINY = Path(__file__).parents[1] / "data" / "tiny.yaml"


def test_a_changed_leader_in_words() -> None:
    s = load_scenario(TINY)
    equal = {c: 1.0 for c in s.criterion_ids}
    d = diff_rankings(s, equal, s, {"cost": 60, "safety": 20, "speed": 20}, "equal", "treasurer")
    assert diff_sentences(d) == [
        # North road and South road tie under equal weights: both were first
        "The leader changed: North road and South road were tied first under equal, "
        "Do nothing leads under treasurer.",
        "Do nothing was 16.7 points behind North road and is now 14.0 ahead.",
        # weights as the weights panel shows them (they read 0.33 -> 0.60, as fractions)
        "What moved the margin, in points for Do nothing: Cost +16.0 (weight 33.4% -> 60%); "
        "Travel time saved +10.7 (weight 33.3% -> 20%); Safety +4.0 (weight 33.3% -> 20%).",
        "Rank changes: Do nothing 3 -> 1, South road 1 -> 2, North road 1 -> 3.",
    ]


def test_options_in_one_run_only_are_named() -> None:
    s = load_scenario(TINY)
    fewer = s.model_copy(update={"options": s.options[:2]})
    w = {c: 1.0 for c in s.criterion_ids}
    sentences = diff_sentences(diff_rankings(s, w, fewer, w))
    assert sentences[-1] == f"Options in one run only: {s.options[2].name} (A)."


TREASURER = {"cost": 60, "safety": 20, "speed": 20}
"""Do nothing first, South road second, North road third."""


def _only(s: Scenario, *ids: str) -> Scenario:
    return s.model_copy(update={"options": [o for o in s.options if o.id in ids]})


@pytest.mark.parametrize(
    ("a_ids", "b_ids", "expected"),
    [
        (  # B's leader is not in A: no margin between the leaders, and it is said why
            ("north", "south"),
            ("north", "south", "none"),
            [
                "The leader changed: South road led under before, Do nothing leads under after.",
                "Do nothing is not an option under before, so no margin between the two "
                "leaders can be explained.",
                "Rank changes: South road 1 -> 2, North road 2 -> 3.",
                "Options in one run only: Do nothing (after).",
            ],
        ),
        (  # A's leader is not in B
            ("north", "south", "none"),
            ("north", "south"),
            [
                "The leader changed: Do nothing led under before, South road leads under after.",
                "Do nothing is not an option under after, so no margin between the two "
                "leaders can be explained.",
                "Rank changes: South road 2 -> 1, North road 3 -> 2.",
                "Options in one run only: Do nothing (before).",
            ],
        ),
        (  # no option in both runs
            ("north",),
            ("south", "none"),
            [
                "The leader changed: North road led under before, Do nothing leads under after.",
                "No option is in both runs, so no margin can be explained.",
                "Options in one run only: North road (before), South road (after), "
                "Do nothing (after).",
            ],
        ),
        (  # the same leader; B's runner-up is not in A: the margin over the best one that is
            ("none", "north"),
            ("north", "south", "none"),
            [
                "Do nothing leads under both. Its margin over North road went from 14.0 to "
                "14.0 points.",
                "Rank changes: North road 2 -> 3.",
                "Options in one run only: South road (after).",
            ],
        ),
        (  # the same leader, the only option in both
            ("none",),
            ("north", "south", "none"),
            [
                "Do nothing leads under both; no other option is in both runs.",
                "Options in one run only: North road (after), South road (after).",
            ],
        ),
    ],
)
def test_a_diff_says_only_what_holds_when_the_runs_share_few_options(
    a_ids: tuple[str, ...], b_ids: tuple[str, ...], expected: list[str]
) -> None:
    """B's leader missing from A was told as "Do nothing is the only option in both runs",
    with neither the change of leader nor the options in one run only."""
    s = load_scenario(TINY)
    d = diff_rankings(_only(s, *a_ids), TREASURER, _only(s, *b_ids), TREASURER, "before", "after")
    assert diff_sentences(d) == expected


def test_the_scores_of_a_diff_never_read_the_same_unless_tied() -> None:
    """Scores of 54.12 and 54.08 read 54.1 twice, and a change of 0.03 read +0.0."""
    s = load_scenario(TINY)
    equal = {c: 1.0 for c in s.criterion_ids}
    d = diff_rankings(s, equal, s, equal, "A", "B")
    first, second, *rest = d.options
    close = [
        dataclasses.replace(first, score_a=54.12, score_b=54.15),
        dataclasses.replace(second, score_a=54.08, score_b=54.08),
        *rest,
    ]
    rows = diff_rows(dataclasses.replace(d, options=close))
    assert rows[0][3:] == ["54.12", "54.15", "+0.03"]
    assert rows[1][3:] == ["54.08", "54.08", "0.0"]


def _safety(s: Scenario, option: str, value: float) -> Scenario:
    rows = {o: dict(r) for o, r in s.assessments.items()}
    rows[option]["safety"] = Assessment(value=value, rationale="changed")
    return s.model_copy(update={"assessments": rows})


EQUAL = {"cost": 1.0, "safety": 1.0, "speed": 1.0}
"""On tiny.yaml North road and South road tie for first at 60.0, Do nothing third."""


@pytest.mark.parametrize(
    ("leader", "value", "expected"),
    [
        (  # the leader listed first in the tie
            "north",
            7,
            "North road led under A, 3.3 points ahead of South road; under B, North road and "
            "South road are tied first.",
        ),
        (  # the leader listed second in the tie: still no change of leader
            "south",
            9,
            "South road led under A, 3.3 points ahead of North road; under B, South road and "
            "North road are tied first.",
        ),
    ],
)
def test_a_lead_that_became_a_tie_is_told_as_a_tie(
    leader: str, value: float, expected: str
) -> None:
    """It read "North road leads under both. Its margin over South road went from 3.3 to
    0.0 points", or, with the leader listed second, "The leader changed"."""
    s = load_scenario(TINY)
    d = diff_rankings(_safety(s, leader, value), EQUAL, s, EQUAL, "A", "B")
    sentences = diff_sentences(d)
    assert sentences[0] == expected
    assert not any("leads under both" in x or "leader changed" in x for x in sentences)


def test_a_tie_that_became_a_lead_is_told_as_a_tie_first() -> None:
    s = load_scenario(TINY)
    d = diff_rankings(s, EQUAL, _safety(s, "south", 9), EQUAL, "A", "B")
    assert diff_sentences(d)[:2] == [
        "South road and North road were tied first under A; under B, South road leads, "
        "3.3 points ahead of North road.",
        "What moved the margin, in points for South road: Safety +3.3 (changed assessments).",
    ]


def test_a_tie_under_both_runs_is_said_once() -> None:
    s = load_scenario(TINY)
    d = diff_rankings(s, EQUAL, s, EQUAL, "A", "B")
    assert diff_sentences(d) == ["North road and South road are tied first under both."]


def test_a_changed_leader_from_a_tie_names_every_option_that_was_first() -> None:
    s = load_scenario(TINY)
    d = diff_rankings(s, TREASURER, s, EQUAL, "treasurer", "equal")
    assert diff_sentences(d)[0] == (
        "The leader changed: Do nothing led under treasurer, North road and South road are "
        "tied first under equal."
    )


def test_the_two_score_columns_of_a_diff_print_with_one_precision() -> None:
    """A score unchanged between the runs read 28.33 under A and 28.3 under B: each column
    took the decimals its own scores needed."""
    s = load_scenario(TINY)
    d = diff_rankings(s, EQUAL, s, EQUAL, "A", "B")
    first, second, *rest = d.options
    close = [
        dataclasses.replace(first, score_a=28.33, score_b=28.33),
        dataclasses.replace(second, score_a=28.31, score_b=20.0),
        *rest,
    ]
    rows = diff_rows(dataclasses.replace(d, options=close))
    assert rows[0][3:5] == ["28.33", "28.33"]
    assert rows[1][3:5] == ["28.31", "20.00"]
    assert {len(str(r[3]).split(".")[1]) for r in rows} == {2}
    assert {len(str(r[4]).split(".")[1]) for r in rows} == {2}


def test_every_format_of_diff_tells_the_same_tie(tmp_path: Path) -> None:
    """The table, markdown and JSON of `diff` agree: JSON carries the tie for first in
    each run, and the same sentences and scores as the text."""
    import json

    from click.testing import CliRunner

    from optionscope.cli import cli

    text = TINY.read_text(encoding="utf-8")
    a = tmp_path / "a.yaml"
    b = tmp_path / "b.yaml"
    a.write_text(text, encoding="utf-8")
    # North road's safety 6 -> 7: it leads alone under B; 7 -> 6 would be the tie of A
    b.write_text(
        text.replace("safety: {value: 6, low: 5, high: 7", "safety: {value: 7, low: 5, high: 7"),
        encoding="utf-8",
    )
    assert a.read_text() != b.read_text()
    runner = CliRunner()  # tiny.yaml has no default profile: equal weights
    outs = {}
    for fmt in ("table", "md", "json"):
        result = runner.invoke(cli, ["diff", str(a), str(b), "--format", fmt])
        assert result.exit_code == 0, result.output
        outs[fmt] = result.stdout
    data = json.loads(outs["json"])
    assert (data["tied_a"], data["tied_b"]) == (["north", "south"], [])
    assert (data["leader_a"], data["leader_b"]) == ("north", "north")
    first = (
        "North road and South road were tied first under {a}; under {b}, North road leads, "
        "3.3 points ahead of South road."
    )
    assert data["explanation"][0] == first.format(a=a, b=b)
    for fmt in ("table", "md"):
        assert "tied first" in outs[fmt]
        assert "leads under both" not in outs[fmt]
