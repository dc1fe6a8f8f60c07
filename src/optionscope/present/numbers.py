"""Numbers as text: scores on their own scale, differences, percentages and shares.

One rule per kind of number, used by every surface:

- a score prints on its method's scale (`72.3` value points, `0.724`
  closeness, `+0.123` net flow), with more decimals only where fewer would
  make two scores that are not tied print the same;
- a difference of scores that is not a tie never prints as zero;
- a percentage has at most one decimal (`8%`, `6.6%`, `33.3%`), a small
  non-zero share reads `under 0.1%` (never `0%`) and a share just short of
  the whole reads `over 99.9%` (never `100%`);
- the weights of one weighting are rounded together by largest remainder, so
  the printed figures add up to 100%;
- an estimated share (a rank acceptability, a confidence factor) is rounded
  alone with `percent`: a rank acceptability belongs to a row (an option's
  ranks) and to a column (a rank's options), and rounded with either it would
  read differently in the other, and in a sentence;
- an amount a scenario states, or a sum of them (a cost, a performance, a scale's
  end), prints with up to six significant digits, grouped, and never in exponent
  form in the range people write (`1,525`, `0.0884`, `0.00002`, `600,000,000`):
  `amount`.
"""

from __future__ import annotations

import functools
import itertools
import math
import operator
from collections.abc import Hashable, Mapping, Sequence
from typing import Protocol

MAX_DECIMALS = 12
"""More decimals than any tie tolerance needs: scores never print with more."""

PERCENT_DECIMALS = 1
"""Decimals of a percentage (dropped when they are zero)."""


# Amounts as stated -----------------------------------------------------------

_GROUPED_UP_TO = 1e15
"""Below this, a large amount prints in full, grouped (`2,214,000,000`); above, in
exponent form (`1e+300`), which no table can hold in full."""

_PLAIN_DOWN_TO = 1e-15
"""From this up, a small amount prints as a plain decimal (`0.00002`, `0.0000123456`);
below, in exponent form (`1e-300`), which would be a row of zeros."""


def amount(x: float) -> str:
    """An amount a scenario states, or a sum of them: a cost, a performance, a scale's end.

    Six significant digits at most, as the file gives them (`177.5`, `0.0884`), grouped
    (`1,525`); whole above a million (`600,000,000`, where `g` formatting would say
    `6e+08`) and plain below 10^-4 (`0.00002`, `0.0000123456`, where it would say
    `2e-05`). Exponent form only for the absurd: beyond 10^15 or below 10^-15.
    """
    text = f"{x:,.6g}"
    if "e" in text:
        if 1 <= abs(x) < _GROUPED_UP_TO:
            return f"{x:,.0f}"
        if _PLAIN_DOWN_TO <= abs(x) < 1:
            import decimal  # here: rare, and not worth a module at every start-up

            # the six digits `g` kept, written out: 1.23456e-05 -> 0.0000123456
            return format(decimal.Decimal(text), "f")
    return text


# Scores on their scale ------------------------------------------------------


class ScaleView(Hashable, Protocol):
    """What formatting reads of a scale (`model.results.ScoreScale`, or the terminal UI's
    outline of one): no model is needed to print a score. Hashable: the decimals found
    for a list of scores are remembered by scale."""

    @property
    def kind(self) -> str: ...
    @property
    def low(self) -> float: ...
    @property
    def high(self) -> float: ...
    @property
    def unit(self) -> str: ...
    @property
    def decimals(self) -> int: ...
    @property
    def signed(self) -> bool: ...
    @property
    def tie_tolerance(self) -> float: ...


def _fixed(x: float, decimals: int, *, signed: bool = False) -> str:
    text = f"{x:+.{decimals}f}" if signed else f"{x:.{decimals}f}"
    # A value that rounds to zero prints without a sign: never `-0.0` or `+0.000`.
    if float(text) == 0.0:
        return f"{0.0:.{decimals}f}"
    return text


def _fixed_all(xs: Sequence[float], decimals: int, *, signed: bool = False) -> list[str]:
    """`_fixed` of each number, with one format for all."""
    spec = f"+.{decimals}f" if signed else f".{decimals}f"
    zero = f"{0.0:.{decimals}f}"
    rounded_to_zero = {f"{0.0:+.{decimals}f}", f"{-0.0:+.{decimals}f}", f"{-0.0:.{decimals}f}"}
    texts = list(map(format, xs, itertools.repeat(spec)))
    if rounded_to_zero.isdisjoint(texts):
        return texts
    return [zero if t in rounded_to_zero else t for t in texts]


def score_decimals(scores: Sequence[float], scale: ScaleView) -> int:
    """The fewest decimals (at least the scale's) at which scores that are not tied differ.

    Remembered for the last few lists of scores: a screen asks for the same ranking's
    decimals each time it lays itself out.
    """
    return _score_decimals(tuple(scores), scale)


@functools.lru_cache(maxsize=8)
def _score_decimals(scores: tuple[float, ...], scale: ScaleView) -> int:
    """`score_decimals`, for a hashable list.

    Rounding keeps the order, so checking neighbours in sorted order is enough; and
    rounding moves a score by at most half a unit of the last decimal, so neighbours two
    units apart or more always differ: only nearer ones are printed to be compared (a
    few, not every one of 10,000 scores at each number of decimals).
    """
    ordered = sorted(map(float, scores))
    # each score's distance to the next, as `b - a` gives it
    gaps = list(map(operator.sub, itertools.islice(ordered, 1, None), ordered))
    untied = [i for i, gap in enumerate(gaps) if gap > scale.tie_tolerance]
    decimals = scale.decimals
    while decimals < MAX_DECIMALS:
        limit = 2 * 10.0**-decimals
        near = [i for i in untied if gaps[i] < limit]
        if not any(_fixed(ordered[i], decimals) == _fixed(ordered[i + 1], decimals) for i in near):
            break
        untied = near  # neighbours too far apart to print alike now are so at more decimals
        decimals += 1
    return decimals


def format_score(score: float, scale: ScaleView, decimals: int | None = None) -> str:
    """A score on its scale: `72.3`, `0.724`, `+0.123`."""
    d = scale.decimals if decimals is None else decimals
    return _fixed(score, d, signed=scale.signed)


def score_labels(
    scores: Sequence[float], scale: ScaleView, decimals: int | None = None
) -> list[str]:
    """Scores printed together: tied scores read the same, all others differ.

    `decimals`, when given, is `score_decimals(scores, scale)` already worked out.
    """
    if decimals is None:
        decimals = score_decimals(scores, scale)
    return _fixed_all(scores, decimals, signed=scale.signed)  # format_score of each


class ScoredView(Protocol):
    @property
    def score(self) -> float: ...


class RankingView(Protocol):
    """What printing a ranking's scores reads of it (`model.results.Ranking`, or the
    terminal UI's outline of one)."""

    @property
    def ranking(self) -> Sequence[ScoredView]: ...
    @property
    def scale(self) -> ScaleView: ...


def ranking_score_labels(ranking: RankingView) -> list[str]:
    """A ranking's scores, best first, printed together (`score_labels` on its scale)."""
    return score_labels([r.score for r in ranking.ranking], ranking.scale)


def format_difference(
    difference: float, scale: ScaleView, decimals: int | None = None, *, signed: bool = False
) -> str:
    """A difference of scores (a margin, a gain): never `0.0` unless it is a tie."""
    d = scale.decimals if decimals is None else decimals
    if abs(difference) > scale.tie_tolerance:
        while d < MAX_DECIMALS and float(_fixed(abs(difference), d)) == 0.0:
            d += 1
    else:
        difference = 0.0
    return _fixed(difference, d, signed=signed)


def format_part(part: float, scale: ScaleView, decimals: int | None = None) -> str:
    """A criterion's part of a score, on the score's scale (signed on a signed scale)."""
    d = scale.decimals if decimals is None else decimals
    return _fixed(part, d, signed=scale.signed)


def format_parts(
    parts: Sequence[float], scale: ScaleView, decimals: int | None = None
) -> list[str]:
    """`format_part` of each part, with one format for all (100,000 options
    x 12 criteria are 1.2 million parts)."""
    d = scale.decimals if decimals is None else decimals
    return _fixed_all(parts, d, signed=scale.signed)


def score_unit(scale: ScaleView) -> str:
    """The unit after a score difference: `points` for value points, else empty."""
    return scale.unit


# Percentages ----------------------------------------------------------------


def _trim(text: str) -> str:
    return text[:-2] if text.endswith(".0") else text


UNDER = "under {share}"
OVER = "over {share}"
UNDER_COMPACT = "<{share}"
OVER_COMPACT = ">{share}"


def percent(share: float, decimals: int = PERCENT_DECIMALS, *, compact: bool = False) -> str:
    """A share of 1 as a percentage: `8%`, `6.6%`, `under 0.1%`, `over 99.9%`.

    `compact` (table cells): `<0.1%` and `>99.9%` instead of the words.
    """
    p = 100.0 * share
    smallest = 10.0**-decimals
    rounded = round(p, decimals)
    if p > 0.0 and rounded == 0.0:
        return (UNDER_COMPACT if compact else UNDER).format(share=f"{smallest:g}%")
    if p < 100.0 and rounded == 100.0:
        return (OVER_COMPACT if compact else OVER).format(share=f"{100.0 - smallest:g}%")
    return _trim(f"{p:.{decimals}f}") + "%"


def percent_cell(share: float) -> str:
    """A share of 1 in a table of whole percentages, without the sign: `49`, `<1`, `>99`;
    never `0` unless it is none and never `100` unless it is all."""
    if share == 0:
        return "0"
    text = f"{100.0 * share:.0f}"
    if text == "0":
        return "<1"
    if text == "100" and share < 1:
        return ">99"
    return text


def percent_pair(before: float, after: float) -> tuple[str, str]:
    """Two shares as percentages, with as many more decimals as it takes to tell them apart."""
    decimals = PERCENT_DECIMALS
    a, b = percent(before, decimals), percent(after, decimals)
    while a == b and before != after and decimals < 6:
        decimals += 1
        a, b = percent(before, decimals), percent(after, decimals)
    return a, b


def percent_range(low: float, high: float) -> str:
    """An interval of shares: `1.4%-100%`."""
    return RANGE.format(low=percent(low), high=percent(high))


RANGE = "{low}-{high}"


def percentage_points(share_difference: float) -> str:
    """A difference of two shares of 1, in percentage points: `1.4`, `12`."""
    p = 100.0 * share_difference
    if 0.0 < abs(p) < 10.0**-PERCENT_DECIMALS / 2:
        return f"under {10.0**-PERCENT_DECIMALS:g}"
    return _trim(f"{p:.{PERCENT_DECIMALS}f}")


def weight_change(change: float) -> str:
    """A change of a weight (a share of 1) in percentage points: `+5.2 points`, `-3 points`
    (a move that rounds to nothing reads `under 0.1 points`, never `+0 points`)."""
    sign = "+" if change > 0 else "-" if change < 0 else ""
    text = percentage_points(abs(change))
    return f"{'' if text.startswith('under') else sign}{text} points"


def _summed(shares: Sequence[float]) -> tuple[Sequence[float], float]:
    """The shares and their exact sum; shares whose sum passes the largest float (weights
    of 1e308) are first divided by the largest of them, which leaves their ratios."""
    try:
        return shares, math.fsum(shares)
    except OverflowError:
        largest = max(abs(x) for x in shares)
        scaled = [x / largest for x in shares]
        return scaled, math.fsum(scaled)


def rounded_shares(shares: Sequence[float], decimals: int = PERCENT_DECIMALS) -> list[float]:
    """Percentages (0-100) rounded by largest remainder so they add up to 100.

    Shares are taken relative to their sum. Each gets the floor of its
    percentage in units of 10^-decimals; the units left over go to the largest
    remainders (ties to the earlier share).
    """
    shares, total = _summed(shares)
    if total <= 0 or not shares:
        return [0.0 for _ in shares]
    units = 100 * 10**decimals
    exact = [units * s / total for s in shares]
    floors = [math.floor(x) for x in exact]
    left = units - sum(floors)
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[:left]:
        floors[i] += 1
    return [f / 10**decimals for f in floors]


def share_labels(
    shares: Sequence[float], decimals: int = PERCENT_DECIMALS, *, compact: bool = False
) -> list[str]:
    """Shares of one whole as percentages that add up to 100%, small ones never `0%`.

    For parts whose sum is what is shown (the weights of one weighting); an estimate that
    is also shown alone (a rank acceptability) reads as `percent` of it, everywhere."""
    total = _summed(shares)[1]
    out = []
    for s, p in zip(shares, rounded_shares(shares, decimals), strict=True):
        if p == 0.0 and s > 0 and total > 0:
            smallest = f"{10.0**-decimals:g}%"
            out.append((UNDER_COMPACT if compact else UNDER).format(share=smallest))
        else:
            out.append(_trim(f"{p:.{decimals}f}") + "%")
    return out


def weight_labels(weights: Mapping[str, float], *, compact: bool = False) -> dict[str, str]:
    """A weighting's weights by criterion id as the weights panel shows them: shares of
    their sum, rounded together (`share_labels`). Every view that prints a weighting's
    weights takes them from here, so a weight reads the same in each."""
    return dict(zip(weights, share_labels(list(weights.values()), compact=compact), strict=True))
