"""Why a ranking moved between two runs, in words (`analysis.diff` gives the numbers)."""

from __future__ import annotations

from optionscope.analysis.diff import RankingDiff
from optionscope.model.results import VALUE_SCALE
from optionscope.present.numbers import format_difference, score_labels, weight_labels

NO_OPTION_IN_BOTH = "No option is in both runs, so no margin can be explained."
LEADER_IN_ONE_RUN = (
    "{option} is not an option under {label}, so no margin between the two leaders can be "
    "explained."
)
LEADER_ALONE = "{leader} leads under both; no other option is in both runs."
LEADER_CHANGED = "The leader changed: {old} led under {label_a}, {new} leads under {label_b}."
WAS_BEHIND_NOW_AHEAD = "{option} was {before} points behind {rival} and is now {after} ahead."
WAS_BEHIND_STILL_BEHIND = "{option} was {before} points behind {rival} and is now {after} behind."
WAS_AHEAD_NOW_AHEAD = "{option} was {before} points ahead of {rival} and is now {after} ahead."
WAS_AHEAD_NOW_BEHIND = "{option} was {before} points ahead of {rival} and is now {after} behind."
SAME_LEADER = (
    "{leader} leads under both. Its margin over {rival} went from {before} to {after} points."
)
WHAT_MOVED = "What moved the margin, in points for {subject}: {moves}."
MOVE = "{criterion} {points} ({why})"
MOVE_SEPARATOR = "; "
WEIGHT_MOVED = "weight {before} -> {after}"
ASSESSMENTS_CHANGED = "changed assessments"
RANK_CHANGES = "Rank changes: {changes}."
RANK_CHANGE = "{option} {before} -> {after}"
ONE_RUN_ONLY = "Options in one run only: {options}."
ONLY_UNDER = "{option} ({label})"
LIST_SEPARATOR = ", "

SHOWN_FROM = 0.05
"""Points of margin (or of weight x value) below which a move is not worth a word."""
MOVERS_SHOWN = 4


def _margin_sentence(option: str, rival: str, before: float, after: float) -> str:
    if before < 0:
        template = WAS_BEHIND_NOW_AHEAD if after > 0 else WAS_BEHIND_STILL_BEHIND
    else:
        template = WAS_AHEAD_NOW_AHEAD if after > 0 else WAS_AHEAD_NOW_BEHIND
    return template.format(
        option=option, rival=rival, before=_points(abs(before)), after=_points(abs(after))
    )


def _points(difference: float, *, signed: bool = False) -> str:
    """A difference of additive scores, never 0.0 unless a tie."""
    return format_difference(difference, VALUE_SCALE, signed=signed)


def diff_rows(d: RankingDiff) -> list[list[object]]:
    """Each option's rank and score under A and B and the change of its score, the scores
    as a ranking prints them (two that differ never read the same)."""
    score_a = score_labels([o.score_a for o in d.options], VALUE_SCALE)
    score_b = score_labels([o.score_b for o in d.options], VALUE_SCALE)
    return [
        [o.name, o.rank_a, o.rank_b, a, b, _points(o.score_b - o.score_a, signed=True)]
        for o, a, b in zip(d.options, score_a, score_b, strict=True)
    ]


def diff_sentences(d: RankingDiff) -> list[str]:
    """The explanation of a ranking diff in plain words."""
    out = _margin_sentences(d) if d.pair is not None else _unpaired_sentences(d)
    moved = [o for o in d.options if o.rank_a != o.rank_b]
    if moved:
        changes = LIST_SEPARATOR.join(
            RANK_CHANGE.format(option=o.name, before=o.rank_a, after=o.rank_b) for o in moved
        )
        out.append(RANK_CHANGES.format(changes=changes))
    if d.only_in_a or d.only_in_b:
        names_a = {r.option: r.name for r in d.ranking_a.ranking}
        names_b = {r.option: r.name for r in d.ranking_b.ranking}
        options = [
            *(ONLY_UNDER.format(option=names_a[o], label=d.label_a) for o in d.only_in_a),
            *(ONLY_UNDER.format(option=names_b[o], label=d.label_b) for o in d.only_in_b),
        ]
        out.append(ONE_RUN_ONLY.format(options=LIST_SEPARATOR.join(options)))
    return out


def _unpaired_sentences(d: RankingDiff) -> list[str]:
    """What can be said when no margin is explained: a leader in one run only, or no
    other option in both runs."""
    lead_a = d.ranking_a.ranking[0]
    lead_b = d.ranking_b.ranking[0]
    if lead_a.option == lead_b.option:
        return [LEADER_ALONE.format(leader=lead_b.name)]
    out = [
        LEADER_CHANGED.format(
            old=lead_a.name, label_a=d.label_a, new=lead_b.name, label_b=d.label_b
        )
    ]
    if not d.options:
        out.append(NO_OPTION_IN_BOTH)
    elif lead_b.option in d.only_in_b:
        out.append(LEADER_IN_ONE_RUN.format(option=lead_b.name, label=d.label_a))
    else:
        out.append(LEADER_IN_ONE_RUN.format(option=lead_a.name, label=d.label_b))
    return out


def _margin_sentences(d: RankingDiff) -> list[str]:
    """The margin between the pair, and what moved it."""
    assert d.pair is not None
    lead_a = d.ranking_a.ranking[0]
    lead_b = d.ranking_b.ranking[0]
    first, second = d.pair
    name = {o.option: o.name for o in d.options}
    out: list[str] = []
    changed = lead_a.option != lead_b.option
    if changed:
        out.append(
            LEADER_CHANGED.format(
                old=lead_a.name, label_a=d.label_a, new=lead_b.name, label_b=d.label_b
            )
        )
        out.append(_margin_sentence(name[second], name[first], d.margin_a, d.margin_b))
    else:
        out.append(
            SAME_LEADER.format(
                leader=lead_a.name,
                rival=name[second],
                before=_points(d.margin_a),
                after=_points(d.margin_b),
            )
        )
    movers = [s for s in d.shifts if abs(s.total) >= SHOWN_FROM][:MOVERS_SHOWN]
    weights_a = weight_labels(d.ranking_a.weights)
    weights_b = weight_labels(d.ranking_b.weights)
    if movers:
        parts = []
        for s in movers:
            why = []
            if abs(s.weight_effect) >= SHOWN_FROM:
                why.append(
                    WEIGHT_MOVED.format(
                        before=weights_a.get(s.criterion, "-"),
                        after=weights_b.get(s.criterion, "-"),
                    )
                )
            if abs(s.value_effect) >= SHOWN_FROM:
                why.append(ASSESSMENTS_CHANGED)
            parts.append(
                MOVE.format(
                    criterion=s.name,
                    points=_points(s.total, signed=True),
                    why=LIST_SEPARATOR.join(why),
                )
            )
        subject = name[second] if changed else lead_a.name
        out.append(WHAT_MOVED.format(subject=subject, moves=MOVE_SEPARATOR.join(parts)))
    return out
