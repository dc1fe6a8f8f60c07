"""The decision-date rules of `validate --strict`: what an author may know, and when.

A scenario is read as of its `as_of` date. These checks keep later knowledge
where it belongs: a source published after the date may support an assessment
only when the assessment marks it as a proxy and says why; events happen after
the date; an event's effect keeps the assessment on its criterion's scale; and
every listed source is cited somewhere, so a reviewer never checks a document
nothing rests on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

from optionscope.model.checks import Path, Problem, suggest
from optionscope.model.scenario import Scenario


def date_bounds(value: str) -> tuple[dt.date, dt.date]:
    """The first and last day a partial date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) can mean."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        day = dt.date(parts[0], parts[1], parts[2])
        return day, day
    if len(parts) == 2:
        year, month = parts
        if month == 12:
            return dt.date(year, 12, 1), dt.date(year, 12, 31)
        return dt.date(year, month, 1), dt.date(year, month + 1, 1) - dt.timedelta(days=1)
    return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)


def may_postdate(value: str, as_of: dt.date) -> bool:
    """Whether a document dated `value` may have appeared after `as_of`.

    A date that does not rule it out (`2023` against a decision in January 2023)
    counts as later: the author gives a precise date or marks the proxy.
    """
    return date_bounds(value)[1] > as_of


def later_sources(scenario: Scenario) -> set[str]:
    """Ids of the sources that may have been published after the decision date."""
    return {s.id for s in scenario.sources if may_postdate(s.date, scenario.as_of)}


def proxy_reference_problems(scenario: Scenario) -> list[Problem]:
    """A proxy names a source the assessment cites; a recorded position names known ids."""
    out: list[Problem] = []
    source_ids = {src.id for src in scenario.sources}
    for i, prof in enumerate(scenario.profiles):
        pos = prof.position
        if pos is None:
            continue
        if pos.option is not None and pos.option not in scenario.option_ids:
            out.append(
                Problem(
                    ("profiles", i, "position", "option"),
                    f"unknown option '{pos.option}'{suggest(pos.option, scenario.option_ids)}",
                )
            )
        if pos.source not in source_ids:
            out.append(
                Problem(
                    ("profiles", i, "position", "source"),
                    f"unknown source '{pos.source}'{suggest(pos.source, source_ids)}",
                )
            )
    for oid, row in scenario.assessments.items():
        for cid, a in row.items():
            for k, proxy in enumerate(a.proxies):
                if proxy.source not in a.sources:
                    out.append(
                        Problem(
                            ("assessments", oid, cid, "proxies", k, "source"),
                            f"'{proxy.source}' is not among this assessment's sources; "
                            "list it in `sources` too",
                        )
                    )
    return out


def decision_date_problems(scenario: Scenario) -> list[Problem]:
    """Every breach of the decision-date rules, in document order."""
    return [
        *_later_evidence(scenario),
        *_early_events(scenario),
        *_effects_off_scale(scenario),
        *_uncited_sources(scenario),
        *_unexplained_positions(scenario),
    ]


def _later_evidence(s: Scenario) -> Iterator[Problem]:
    later = later_sources(s)
    dates = {src.id: src.date for src in s.sources}
    for oid, row in s.assessments.items():
        for cid, a in row.items():
            marked = {p.source for p in a.proxies}
            for k, sid in enumerate(a.sources):
                if sid in later and sid not in marked:
                    yield Problem(
                        ("assessments", oid, cid, "sources", k),
                        f"'{sid}' ({dates[sid]}) may postdate the decision date "
                        f"({s.as_of.isoformat()}); mark it under `proxies` with the reason it "
                        "may stand for what was knowable then, or give its exact date",
                    )
            for k, proxy in enumerate(a.proxies):
                if proxy.source in dates and proxy.source not in later:
                    yield Problem(
                        ("assessments", oid, cid, "proxies", k, "source"),
                        f"'{proxy.source}' ({dates[proxy.source]}) was published by the decision "
                        "date, so it is evidence, not a proxy; remove the mark",
                    )


def _early_events(s: Scenario) -> Iterator[Problem]:
    for i, event in enumerate(s.events):
        if date_bounds(event.date)[1] < s.as_of:
            yield Problem(
                ("events", i, "date"),
                f"the event ({event.date}) happened before the decision date "
                f"({s.as_of.isoformat()}); what was known then belongs in the summary, the "
                "framing or the assessments",
            )


def _effects_off_scale(s: Scenario) -> Iterator[Problem]:
    """Effects applied in order, as a workshop releases them; each must stay on the scale."""
    state: dict[tuple[str, str], tuple[float, float, float]] = {
        (oid, cid): (a.value, a.lower, a.upper)
        for oid, row in s.assessments.items()
        for cid, a in row.items()
    }
    crits = {c.id: c for c in s.criteria}
    for i, event in enumerate(s.events):
        for j, eff in enumerate(event.effects):
            crit = crits.get(eff.criterion)
            if crit is None:
                continue
            lo_end, hi_end = crit.scale.min, crit.scale.max
            options = s.option_ids if eff.option == "*" else [eff.option]
            field = "value" if eff.value is not None else "delta"
            off: list[str] = []
            for oid in options:
                key = (oid, eff.criterion)
                if key not in state:
                    continue
                value, low, high = state[key]
                if eff.value is not None:
                    new = (eff.value, eff.value, eff.value)
                else:
                    d = eff.delta or 0.0
                    new = (value + d, low + d, high + d)
                state[key] = new
                if new[1] < lo_end or new[2] > hi_end:
                    span = f"{new[1]:g}" if new[1] == new[2] else f"{new[1]:g} to {new[2]:g}"
                    off.append(f"{oid} at {span}")
            if off:
                yield Problem(
                    ("events", i, "effects", j, field),
                    f"takes '{eff.criterion}' outside its scale ({lo_end:g} to {hi_end:g}): "
                    + "; ".join(off),
                )


def cited_source_ids(scenario: Scenario) -> set[str]:
    """Every source id cited anywhere in the scenario (any `sources` list or `source` field)."""
    found: set[str] = set()

    def walk(node: Any, top: bool) -> None:
        if isinstance(node, Mapping):
            for key, value in node.items():
                if top and key == "sources":
                    continue  # the list of documents itself
                if key == "sources" and isinstance(value, list):
                    found.update(v for v in value if isinstance(v, str))
                elif key == "source" and isinstance(value, str):
                    found.add(value)
                else:
                    walk(value, False)
        elif isinstance(node, list):
            for item in node:
                walk(item, False)

    walk(scenario.model_dump(mode="json"), True)
    return found


def _uncited_sources(s: Scenario) -> Iterator[Problem]:
    cited = cited_source_ids(s)
    for i, src in enumerate(s.sources):
        if src.id not in cited:
            path: Path = ("sources", i, "id")
            yield Problem(path, f"nothing cites '{src.id}'; cite it or remove it")


def _unexplained_positions(s: Scenario) -> Iterator[Problem]:
    """A profile whose weights do not put first the option its actor backed says why."""
    if not any(p.position is not None for p in s.profiles):
        return
    from optionscope.analysis.positions import position_check  # the check needs a ranking
    from optionscope.model.checks import consistency_problems

    if consistency_problems(s):
        return  # reported already; a ranking needs a consistent scenario
    for i, prof in enumerate(s.profiles):
        check = position_check(s, prof.id)
        if check is None or check.matches or check.explained:
            continue
        first = ", ".join(check.first)
        backed = (
            f"'{check.backed}' (rank {check.backed_rank})"
            if check.backed is not None
            else "none of the options"
        )
        yield Problem(
            ("profiles", i, "position", "explanation"),
            f"the weights put {first} first, but the actor backed {backed}; say in "
            "`explanation` whether the weights, the scores or the case explain it",
        )
