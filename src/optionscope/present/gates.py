"""Feasibility gates in words: whether a first choice is likely to clear its preconditions."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from optionscope.analysis.gates import FirstChoiceGates, Gate
from optionscope.present.numbers import percent
from optionscope.present.ranking import join_names

Label = Callable[[str], str]

GATE = "{gate} ({kind}, {probability})"
AT_RISK = (
    "{profile}: first choice {option}, which passes all its gates with probability {all}; "
    "likely to fail (below {threshold}): {gates}."
)
EACH_LIKELY = (
    "{profile}: first choice {option}; every gate is judged likely to pass, all together with "
    "probability {all}."
)
NONE_LIKELY_TO_FAIL = "{profile}: first choice {option}; no gate is judged likely to fail."
UNJUDGED_ONE = "{count} gate has no judged probability."
UNJUDGED_MANY = "{count} gates have no judged probability."
NO_JUDGED_PROBABILITY = "no judged probability"


def gate_words(gates: Sequence[Gate]) -> str:
    """Gates by id, kind and judged probability."""
    return join_names(
        [
            GATE.format(
                gate=g.id,
                kind=g.kind,
                probability=NO_JUDGED_PROBABILITY
                if g.probability is None
                else percent(g.probability),
            )
            for g in gates
        ]
    )


def first_choice_sentence(f: FirstChoiceGates, label: Label) -> str:
    """A profile's first choice and whether its gates are likely to hold."""
    fields = {"profile": f.profile_name, "option": label(f.option)}
    if f.failing:
        text = AT_RISK.format(
            **fields,
            all=percent(f.probability_all),
            threshold=percent(f.threshold),
            gates=gate_words(f.failing),
        )
    elif f.probability_all < 1.0:
        text = EACH_LIKELY.format(**fields, all=percent(f.probability_all))
    else:
        text = NONE_LIKELY_TO_FAIL.format(**fields)
    if f.unknown:
        n = len(f.unknown)
        text += " " + (UNJUDGED_MANY if n > 1 else UNJUDGED_ONE).format(count=n)
    return text
