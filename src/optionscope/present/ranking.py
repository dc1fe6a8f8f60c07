"""A ranking in words: the leader, its margin, ties, and the criteria that carry the lead.

Each sentence is one format string with named fields.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from optionscope.present.numbers import ScaleView, format_difference, percent, score_labels

if TYPE_CHECKING:  # no model needed to word a scale (the terminal UI's first frame)
    from optionscope.analysis.explain import CloseCall, CriterionPart, LeadExplanation
    from optionscope.analysis.promethee import PreferenceFunction
    from optionscope.model.results import Ranking, ScoreScale
    from optionscope.model.scenario import Option, Scenario

ONLY_OPTION = "{leader} is the only option."
TIE_WITH = "With {weights}, {names} tie at {score}."
LEAD_WITH = (
    "With {weights}, {leader} leads with {score}, {margin} points ahead of {runner_up} "
    "({runner_score})."
)
CLOSE_RANGE_WITH = (
    "With {weights}, {leader} is ahead of {runner_up} by {margin} points ({score} to "
    "{runner_score}): too close to call, since the stated range of the assessments of "
    "{criterion} alone could reverse the order."
)
CLOSE_SHARE_WITH = (
    "With {weights}, {leader} is ahead of {runner_up} by {margin} points ({score} to "
    "{runner_score}): too close to call, since allowing for the ranges of the assessments "
    "and uncertain weights it comes first in only {share} of cases."
)
TIE = "{names} tie at {score}."
LEAD_POINTS = "{leader} leads with {score}, {margin} points ahead of {runner_up} ({runner_score})."
LEAD = "{leader} leads with {score}, {margin} ahead of {runner_up} ({runner_score})."
TIED_SECOND = "{score} each, tied for second"
LEAD_FROM = "Its lead comes from {gains}."
TIED_AHEAD_ON = "{leader} is ahead of {runner_up} on {gains}."
WORKS_AGAINST = "{losses} works against it."
WORK_AGAINST = "{losses} work against it."
TIED_BEHIND_ON = "{runner_up} is ahead on {losses}."
PART = "{name} ({difference})"


def join_names(names: Sequence[str]) -> str:
    """`A`, `A and B`, `A, B and C`: every name, none left out."""
    items = list(names)
    if len(items) <= 1:
        return "".join(items)
    return "{rest} and {last}".format(rest=", ".join(items[:-1]), last=items[-1])


def _parts(parts: Sequence[CriterionPart], scale: ScoreScale, *, sign: float = 1.0) -> str:
    """`A (+3.0), B (+1.5)`: each criterion with its difference, seen by whoever is ahead
    on it (`sign=-1` turns the leader's view into the runner-up's)."""
    return ", ".join(
        PART.format(
            name=p.name, difference=format_difference(sign * p.difference, scale, signed=True)
        )
        for p in parts
    )


def reference_tag(option: Option) -> str:
    """ " (reference)" after a reference option's name, unless the name already says so."""
    if not option.reference or "reference" in option.name.casefold():
        return ""
    return " (reference)"


def lead_sentences(
    e: LeadExplanation, weights: str | None = None, close: CloseCall | None = None
) -> list[str]:
    """The explanation of a ranking's first place, one whole sentence per item.

    With `weights` (a value-point ranking), the first sentence names the weights it
    rests on; with `close`, it says the lead is too close to call, and why.
    """
    scale = e.scale
    if e.runner_up is None:
        return [ONLY_OPTION.format(leader=e.leader_name)]
    runner_score = e.runner_up_score if e.runner_up_score is not None else e.leader_score
    score, runner = score_labels([e.leader_score, runner_score], scale)
    out: list[str] = []
    names = join_names(e.tied_names or (e.leader_name,))
    fields = {
        "weights": weights,
        "leader": e.leader_name,
        "score": score,
        "margin": format_difference(e.margin, scale),
        "runner_up": e.runner_up_name,
        "runner_score": runner,
    }
    if e.tied_with_runner_up:  # second place is shared: the margin is to each of them
        fields["runner_up"] = join_names([e.runner_up_name or "", *e.tied_with_runner_up])
        fields["runner_score"] = TIED_SECOND.format(score=runner)
    if weights is not None and e.tied:
        out.append(TIE_WITH.format(weights=weights, names=names, score=score))
    elif weights is not None and close is not None and close.criterion_name is not None:
        out.append(CLOSE_RANGE_WITH.format(**fields, criterion=close.criterion_name))
    elif weights is not None and close is not None and close.first_share is not None:
        out.append(CLOSE_SHARE_WITH.format(**fields, share=percent(close.first_share)))
    elif weights is not None:
        out.append(LEAD_WITH.format(**fields))
    elif e.tied:
        out.append(TIE.format(names=names, score=score))
    else:
        template = LEAD_POINTS if scale.unit == "points" else LEAD
        out.append(
            template.format(
                leader=e.leader_name,
                score=score,
                margin=fields["margin"],
                runner_up=fields["runner_up"],
                runner_score=fields["runner_score"],
            )
        )
    if e.carried_by:
        gains = _parts(e.carried_by, scale)
        if e.tied:
            out.append(
                TIED_AHEAD_ON.format(leader=e.leader_name, runner_up=e.runner_up_name, gains=gains)
            )
        else:
            out.append(LEAD_FROM.format(gains=gains))
    if e.against:
        if e.tied:  # the runner-up's own gains, in its favour
            gains_of_runner_up = _parts(e.against, scale, sign=-1.0)
            out.append(TIED_BEHIND_ON.format(runner_up=e.runner_up_name, losses=gains_of_runner_up))
        else:
            template = WORK_AGAINST if len(e.against) > 1 else WORKS_AGAINST
            out.append(template.format(losses=_parts(e.against, scale)))
    return out


def lead_sentence(e: LeadExplanation) -> str:
    """The explanation as one paragraph."""
    return " ".join(lead_sentences(e))


def contribution_heading(scale: ScaleView) -> str:
    """What a contribution is, on this scale."""
    if scale.kind == "net_flow":
        return "weight x criterion net flow, parts of the net flow"
    return "weight x value, points of the score"


def contribution_caption(scale: ScaleView) -> str:
    """What a contribution is, in few words (a narrow screen's caption)."""
    if scale.kind == "net_flow":
        return "weight x criterion net flow"
    return "weight x value, score points"


def scale_description(scale: ScaleView) -> str:
    """The scale of the scores in words, for a caption."""
    if scale.kind == "net_flow":
        return "net outranking flow, from -1 to 1"
    if scale.kind == "closeness":
        return "closeness to the ideal option, from 0 to 1"
    return "value points, from 0 to 100"


NON_POSITIVE_ONE = (
    "TOPSIS works on the raw measures and assumes they lie above zero; {criteria} has zero "
    "or negative measures, so this ranking depends on where zero lies on its scale."
)
NON_POSITIVE_MANY = (
    "TOPSIS works on the raw measures and assumes they lie above zero; {criteria} have zero "
    "or negative measures, so this ranking depends on where zero lies on their scales."
)


def method_warnings(ranking: Ranking, scenario: Scenario) -> list[str]:
    """What the reader must know about how far to trust this method's ranking."""
    ids = ranking.non_positive_criteria
    if not ids:
        return []
    names = join_names([scenario.criterion(c).name for c in ids])
    template = NON_POSITIVE_MANY if len(ids) > 1 else NON_POSITIVE_ONE
    return [template.format(criteria=names)]


def preference_function_label(f: PreferenceFunction) -> str:
    """A PROMETHEE preference function and its thresholds, e.g. `linear (q=1, p=5)`."""
    params = {
        "usual": "",
        "u-shape": f" (q={f.q:g})",
        "v-shape": f" (p={f.p:g})",
        "level": f" (q={f.q:g}, p={f.p:g})",
        "linear": f" (q={f.q:g}, p={f.p:g})",
        "gaussian": f" (s={f.s:g})",
    }[f.kind]
    return f.kind + params
