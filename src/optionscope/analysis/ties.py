"""Options tied on score, put in order: one that another of them dominates comes after it.

A tie is decided by the scenario's option order, but for this: when two options share a
score and one is no better on any criterion and worse on one (a weight of zero hides the
difference), the dominated one is never named first. The order of a ranking, and so its
leader, is then the same whatever order the file lists the options in, wherever
dominance can tell them apart. Dominance is read on the 0-100 values with the same
tolerance as `analysis.dominance`.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from optionscope.model.results import VALUE_SCALE

IntArray = np.ndarray[tuple[Any, ...], np.dtype[np.intp]]
FloatArray = np.ndarray[tuple[Any, ...], np.dtype[np.float64]]
BoolArray = np.ndarray[tuple[Any, ...], np.dtype[np.bool_]]

TIES_ORDERED_UP_TO = 200
"""Options in one tie that are put in order by dominance: a larger tie (every option alike,
say) keeps the scenario's order, since comparing every pair in it grows with its square."""

PAIRS_AT_ONCE = 200_000
"""Pairs of tied options compared in one step (bounded memory: pairs x criteria values)."""

_MEMBERS_AT_ONCE = max(PAIRS_AT_ONCE // TIES_ORDERED_UP_TO, 1)
"""Tied options taken in one step: each is paired with at most `TIES_ORDERED_UP_TO`."""

_TOLERANCE = VALUE_SCALE.tie_tolerance


def dominates(difference: FloatArray) -> BoolArray:
    """Rows of `a - b` (0-100 values, one row per pair): whether a dominates b, no worse
    on any criterion and better on one, within the value scale's tolerance."""
    return np.asarray(
        (difference >= -_TOLERANCE).all(axis=1) & (difference > _TOLERANCE).any(axis=1)
    )


def dominators_in_ties(ranks: IntArray, values: FloatArray) -> IntArray | None:
    """For each option, how many options tied with it (the same rank) dominate it; None
    when no tie has an option another dominates. Ties larger than `TIES_ORDERED_UP_TO`
    count none."""
    ranks = np.asarray(ranks)
    sizes_by_rank = np.bincount(ranks)
    size = sizes_by_rank[ranks]
    members = np.flatnonzero((size > 1) & (size <= TIES_ORDERED_UP_TO))
    if members.size == 0:
        return None
    members = members[np.argsort(ranks[members], kind="stable")]  # each tie's in one run
    group = ranks[members]
    starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    lengths = np.diff(np.r_[starts, members.size])
    per = np.repeat(lengths, lengths)  # each member: its tie's size
    first = np.repeat(starts, lengths)  # each member: where its tie starts
    count = np.zeros(ranks.size, dtype=np.intp)
    for lo in range(0, members.size, _MEMBERS_AT_ONCE):
        hi = min(lo + _MEMBERS_AT_ONCE, members.size)
        reps = per[lo:hi]
        a = np.repeat(members[lo:hi], reps)  # each member against every member of its tie
        offset = np.arange(reps.sum()) - np.repeat(np.cumsum(reps) - reps, reps)
        b = members[np.repeat(first[lo:hi], reps) + offset]
        count += np.bincount(b[dominates(values[a] - values[b])], minlength=ranks.size)
    return count if count.any() else None


def first_undominated(tied: IntArray, values: FloatArray) -> int:
    """Of options tied first (indices in scenario order), the first that no other of them
    dominates (the first of all when the tie is larger than `TIES_ORDERED_UP_TO`)."""
    tied = np.asarray(tied)
    if tied.size == 1 or tied.size > TIES_ORDERED_UP_TO:
        return int(tied[0])
    count = dominators_in_ties(np.zeros(tied.size, dtype=np.intp), values[tied])
    if count is None:
        return int(tied[0])
    return int(tied[int(np.argmin(count))])
