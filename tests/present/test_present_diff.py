"""A ranking diff and dominance in words, from `present` (the analysis returns numbers)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from optionscope.analysis.diff import diff_rankings
from optionscope.io.scenario_files import load_scenario
from optionscope.model.scenario import Scenario
from optionscope.present.diff import diff_rows, diff_sentences

TINY = Path(__file__).parents[1] / "data" / "tiny.yaml"


def test_a_changed_leader_in_words() -> None:
    s = load_scenario(TINY)
    equal = {c: 1.0 for c in s.criterion_ids}
    d = diff_rankings(s, equal, s, {"cost": 60, "safety": 20, "speed": 20}, "equal", "treasurer")
    assert diff_sentences(d) == [
        "The leader changed: North road led under equal, Do nothing leads under treasurer.",
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
