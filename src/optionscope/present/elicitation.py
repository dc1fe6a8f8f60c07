"""Weight elicitation in words: swings and the consistency of pairwise judgements."""

from __future__ import annotations

from optionscope.analysis.elicitation import (
    CONSISTENCY_THRESHOLD,
    AhpResult,
    Swing,
    fmt_judgement,
)
from optionscope.present.numbers import amount

SWING = "{criterion}: from {worst} to {best} {unit}"
ALWAYS_CONSISTENT = "With one or two elements the comparisons are always consistent."
CONSISTENT = "The comparisons are consistent enough (CR {ratio} <= {threshold})."
INCONSISTENT = (
    "The comparisons are inconsistent (CR {ratio} > {threshold}). "
    "'{a}' over '{b}' ({ab}) and '{b}' over '{c}' ({bc}) imply '{a}' over '{c}' about "
    "{implied_ac}, but it was judged {ac}. The judgement furthest from the rest is "
    "'{x}' vs '{y}': judged {judged}, the others point to about {implied}."
)


def swing_text(swing: Swing) -> str:
    """`Cost: from 3,000 to 0 EUR million` (no trailing space without a unit): the ends as
    `amount` prints every stated amount, so a scale reads here as it does in `show`."""
    return SWING.format(
        criterion=swing.name, worst=amount(swing.worst), best=amount(swing.best), unit=swing.unit
    ).rstrip()


def consistency_ratio_text(ratio: float) -> str:
    """A consistency ratio: two decimals, more where two would read as the threshold it is
    not (0.104 reads `0.104` and 0.0996 `0.0996`, not `0.10`, beside a threshold of 0.10)."""
    decimals = 2
    text = f"{ratio:.{decimals}f}"
    while float(text) == CONSISTENCY_THRESHOLD != ratio and decimals < 6:
        decimals += 1
        text = f"{ratio:.{decimals}f}"
    return text


def consistency_sentence(result: AhpResult) -> str:
    """The consistency verdict of pairwise judgements in plain words."""
    if result.worst_triple is None or result.worst_pair is None:
        return ALWAYS_CONSISTENT
    fields = {
        "ratio": consistency_ratio_text(result.consistency_ratio),
        "threshold": f"{CONSISTENCY_THRESHOLD:.2f}",
    }
    if result.consistent:
        return CONSISTENT.format(**fields)
    index = {label: i for i, label in enumerate(result.labels)}
    a = result.matrix
    ti, tj, tk = (index[x] for x in result.worst_triple)
    assert result.worst_pair_judged is not None and result.worst_pair_implied is not None
    return INCONSISTENT.format(
        **fields,
        a=result.worst_triple[0],
        b=result.worst_triple[1],
        c=result.worst_triple[2],
        ab=fmt_judgement(a[ti, tj]),
        bc=fmt_judgement(a[tj, tk]),
        implied_ac=fmt_judgement(a[ti, tj] * a[tj, tk]),
        ac=fmt_judgement(a[ti, tk]),
        x=result.worst_pair[0],
        y=result.worst_pair[1],
        judged=fmt_judgement(result.worst_pair_judged),
        implied=fmt_judgement(result.worst_pair_implied),
    )
