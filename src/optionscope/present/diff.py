"""Why a ranking moved between two runs, in words (`analysis.diff` gives the numbers)."""

from __future__ import annotations

from optionscope.analysis.diff import RankingDiff
from optionscope.model.results import VALUE_SCALE
from optionscope.present.numbers import (
    format_difference,
    score_decimals,
    score_labels,
    weight_labels,
)
from optionscope.present.ranking import join_names

NO_OPTION_IN_BOTH = "No option is in both runs, so no margin can be explained."
LEADER_IN_ONE_RUN = (
    "{option} is not an option under {label}, so no margin between the two leaders can be "
    "explained."
)
LEADER_ALONE = "{leader} leads under both; no other option is in both runs."
NO_OTHER_IN_BOTH = "No other option is in both runs."
LEADER_CHANGED = "The leader changed: {old} led under {label_a}, {new} leads under {label_b}."
LEADER_CHANGED_FROM_TIE = (
    "The leader changed: {old} were tied first under {label_a}, {new} leads under {label_b}."
)
LEADER_CHANGED_TO_TIE = (
    "The leader changed: {old} led under {label_a}, {new} are tied first under {label_b}."
)
LEADER_CHANGED_BETWEEN_TIES = (
    "The leader changed: {old} were tied first under {label_a}, {new} are tied first under "
    "{label_b}."
)
WAS_BEHIND_NOW_AHEAD = "{option} was {before} points behind {rival} and is now {after} ahead."
WAS_BEHIND_STILL_BEHIND = "{option} was {before} points behind {rival} and is now {after} behind."
WAS_AHEAD_NOW_AHEAD = "{option} was {before} points ahead of {rival} and is now {after} ahead."
WAS_AHEAD_NOW_BEHIND = "{option} was {before} points ahead of {rival} and is now {after} behind."
SAME_LEADER = (
    "{leader} leads under both. Its margin over {rival} went from {before} to {after} points."
)
LEAD_BECAME_TIE = (
    "{leader} led under {label_a}, {before} points ahead of {rival}; under {label_b}, {tied} "
    "are tied first."
)
TIE_BECAME_LEAD = (
    "{tied} were tied first under {label_a}; under {label_b}, {leader} leads, {after} points "
    "ahead of {rival}."
)
TIED_UNDER_BOTH = "{tied} are tied first under both."
LED_THEN_TIED = "{leader} led under {label_a}; under {label_b}, {tied} are tied first."
TIED_THEN_LED = "{tied} were tied first under {label_a}; under {label_b}, {leader} leads."
TIED_THEN_TIED = (
    "{tied_a} were tied first under {label_a}; under {label_b}, {tied_b} are tied first."
)
MARGIN_MOVED = "Its margin over {rival} went from {before} to {after} points."
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
    as a ranking prints them (two that differ never read the same).

    Both columns print with one number of decimals, found over the scores of both runs: a
    score that did not change reads the same under A and B. The change is the difference
    of the two scores as printed, with their decimals (70.85 to 85.24 read 70.9, 85.2 and
    +14.4, which a reader subtracting finds wrong).
    """
    scores_a = [o.score_a for o in d.options]
    scores_b = [o.score_b for o in d.options]
    decimals = score_decimals([*scores_a, *scores_b], VALUE_SCALE)
    score_a = score_labels(scores_a, VALUE_SCALE, decimals)
    score_b = score_labels(scores_b, VALUE_SCALE, decimals)
    return [
        [o.name, o.rank_a, o.rank_b, a, b, _shown_change(a, b, decimals)]
        for o, a, b in zip(d.options, score_a, score_b, strict=True)
    ]


def _shown_change(shown_a: str, shown_b: str, decimals: int) -> str:
    """B's score less A's, both as printed, with their decimals (no change: 0.0, as a tie
    reads)."""
    change = float(shown_b) - float(shown_a)
    if shown_a == shown_b:
        return _points(0.0, signed=True)
    return format_difference(change, VALUE_SCALE, decimals, signed=True)


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


def _first_names(ids: list[str], leader: str, names: dict[str, str]) -> str:
    """The options tied for first, the leader followed by the others in ranking order."""
    return join_names([names[leader], *(names[o] for o in ids if o != leader)])


def _leader_changed(d: RankingDiff) -> str:
    """Who was first under A and who is under B, every option of a tie named."""
    names_a = {r.option: r.name for r in d.ranking_a.ranking}
    names_b = {r.option: r.name for r in d.ranking_b.ranking}
    old = _first_names(d.tied_a, d.leader_a, names_a)
    new = _first_names(d.tied_b, d.leader_b, names_b)
    if d.tied_a and d.tied_b:
        template = LEADER_CHANGED_BETWEEN_TIES
    elif d.tied_a:
        template = LEADER_CHANGED_FROM_TIE
    elif d.tied_b:
        template = LEADER_CHANGED_TO_TIE
    else:
        template = LEADER_CHANGED
    return template.format(old=old, label_a=d.label_a, new=new, label_b=d.label_b)


def _first_places(d: RankingDiff) -> str:
    """The same leader tied for first in one run or both, without its margin."""
    names_a = {r.option: r.name for r in d.ranking_a.ranking}
    names_b = {r.option: r.name for r in d.ranking_b.ranking}
    leader = d.leader_b
    tied_a = _first_names(d.tied_a, leader, names_a)
    tied_b = _first_names(d.tied_b, leader, names_b)
    if not d.tied_a:
        return LED_THEN_TIED.format(
            leader=names_a[leader], label_a=d.label_a, label_b=d.label_b, tied=tied_b
        )
    if not d.tied_b:
        return TIED_THEN_LED.format(
            tied=tied_a, label_a=d.label_a, label_b=d.label_b, leader=names_b[leader]
        )
    if set(d.tied_a) == set(d.tied_b):
        return TIED_UNDER_BOTH.format(tied=tied_b)
    return TIED_THEN_TIED.format(tied_a=tied_a, label_a=d.label_a, label_b=d.label_b, tied_b=tied_b)


def _unpaired_sentences(d: RankingDiff) -> list[str]:
    """What can be said when no margin is explained: a leader in one run only, or no
    other option in both runs."""
    names_a = {r.option: r.name for r in d.ranking_a.ranking}
    names_b = {r.option: r.name for r in d.ranking_b.ranking}
    if d.leader_a == d.leader_b:
        if d.tied_a or d.tied_b:
            return [_first_places(d), NO_OTHER_IN_BOTH]
        return [LEADER_ALONE.format(leader=names_b[d.leader_b])]
    out = [_leader_changed(d)]
    if not d.options:
        out.append(NO_OPTION_IN_BOTH)
    elif d.leader_b in d.only_in_b:
        out.append(LEADER_IN_ONE_RUN.format(option=names_b[d.leader_b], label=d.label_a))
    else:
        out.append(LEADER_IN_ONE_RUN.format(option=names_a[d.leader_a], label=d.label_b))
    return out


def _same_leader_sentences(d: RankingDiff, rival: str) -> list[str]:
    """The leader of both runs against the best other option in both: its margin, or the
    tie that opened or closed it."""
    leader = d.leader_b
    name = {o.option: o.name for o in d.options}
    names_a = {r.option: r.name for r in d.ranking_a.ranking}
    names_b = {r.option: r.name for r in d.ranking_b.ranking}
    before, after = _points(d.margin_a), _points(d.margin_b)
    if not d.tied_a and not d.tied_b:
        return [
            SAME_LEADER.format(leader=name[leader], rival=name[rival], before=before, after=after)
        ]
    tied_with_a, tied_with_b = rival in d.tied_a, rival in d.tied_b
    if not d.tied_a and tied_with_b:
        return [
            LEAD_BECAME_TIE.format(
                leader=name[leader],
                label_a=d.label_a,
                before=before,
                rival=name[rival],
                label_b=d.label_b,
                tied=_first_names(d.tied_b, leader, names_b),
            )
        ]
    if not d.tied_b and tied_with_a:
        return [
            TIE_BECAME_LEAD.format(
                tied=_first_names(d.tied_a, leader, names_a),
                label_a=d.label_a,
                label_b=d.label_b,
                leader=name[leader],
                after=after,
                rival=name[rival],
            )
        ]
    out = [_first_places(d)]
    if not (tied_with_a and tied_with_b):  # tied under both, the margin is none in each
        out.append(MARGIN_MOVED.format(rival=name[rival], before=before, after=after))
    return out


def _margin_sentences(d: RankingDiff) -> list[str]:
    """The margin between the pair, and what moved it."""
    assert d.pair is not None
    first, second = d.pair
    name = {o.option: o.name for o in d.options}
    out: list[str] = []
    changed = d.leader_a != d.leader_b
    if changed:
        out.append(_leader_changed(d))
        out.append(_margin_sentence(name[second], name[first], d.margin_a, d.margin_b))
    else:
        out.extend(_same_leader_sentences(d, second))
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
        subject = name[second] if changed else name[first]
        out.append(WHAT_MOVED.format(subject=subject, moves=MOVE_SEPARATOR.join(parts)))
    return out
