"""Cross-checks a scenario's parts against each other.

Shape errors are pydantic's; these are the checks that span the document:
every option assessed on every criterion, every id resolving, ranges in
order. `strict_problems` adds the evidence rules of `validate --strict`.
Problems carry a path into the document, which the loader turns into a line.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from optionscope.model.scenario import Assessment, Scenario

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a document, at a path inside it."""

    path: Path
    message: str

    @property
    def dotted(self) -> str:
        return dotted(self.path)


def dotted(path: Path) -> str:
    """`('options', 2, 'risks', 0, 'affects')` -> `options[2].risks[0].affects`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(document)"


def suggest(word: str, choices: Iterable[str]) -> str:
    """` (did you mean 'x'?)` for the closest choice, or nothing."""
    import difflib  # only for a message

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _unknown(kind: str, ident: str, known: Iterable[str]) -> str:
    return f"unknown {kind} '{ident}'{suggest(ident, known)}"


def consistency_problems(scenario: Scenario) -> list[Problem]:
    """Every cross-reference problem of the scenario, in document order."""
    from optionscope.model.costs import cost_problems
    from optionscope.model.evidence import proxy_reference_problems

    costs = [Problem(path, message) for path, message in cost_problems(scenario)]
    return [
        *_consistency(scenario),
        *_names(scenario),
        *_ids_within_options(scenario),
        *_parent_cycles(scenario),
        *costs,
        *proxy_reference_problems(scenario),
    ]


def _names(s: Scenario) -> Iterator[Problem]:
    """Names that tables and charts could not tell apart: an empty one, or one that another
    of the same kind has (up to case and Unicode form), and the same of short labels."""
    from optionscope.model.fields import name_key as key

    sections: list[tuple[str, str, list[tuple[str, str, str]]]] = [
        ("criteria", "criterion", [(c.id, c.name, c.short) for c in s.criteria]),
        ("options", "option", [(o.id, o.name, o.short) for o in s.options]),
        ("profiles", "profile", [(p.id, p.name, "") for p in s.profiles]),
    ]
    for section, kind, entries in sections:
        for field in ("name", "short"):
            first: dict[str, str] = {}
            for i, (ident, name, short) in enumerate(entries):
                text = name if field == "name" else short
                if not key(text):
                    if field == "name":
                        yield Problem(
                            (section, i, "name"),
                            f"an empty name: write what this {kind} is called (tables and "
                            "charts show it)",
                        )
                    continue
                other = first.setdefault(key(text), ident)
                if other != ident:
                    yield Problem(
                        (section, i, field),
                        f"'{text}' is also the {field} of {kind} '{other}': give each {kind} "
                        f"a {field} of its own, or tables and charts cannot tell them apart",
                    )


def _duplicates(ids: list[str]) -> set[str]:
    return {i for i, n in Counter(ids).items() if n > 1}


def _consistency(s: Scenario) -> Iterator[Problem]:
    source_ids = {src.id for src in s.sources}
    crit_ids = s.criterion_ids
    opt_ids = s.option_ids
    # membership in sets: a list made the check of every assessment row quadratic
    known_criteria, known_options = set(crit_ids), set(opt_ids)
    anchor_ids = {a.id for a in s.anchors}

    for section, ids in (
        ("sources", [x.id for x in s.sources]),
        ("anchors", [x.id for x in s.anchors]),
        ("figures", [x.id for x in s.figures]),
        ("criteria", crit_ids),
        ("options", opt_ids),
        ("profiles", [x.id for x in s.profiles]),
        ("events", [x.id for x in s.events]),
    ):
        dupes = _duplicates(ids)
        seen: set[str] = set()
        for i, ident in enumerate(ids):
            if ident in dupes and ident in seen:
                yield Problem((section, i, "id"), f"duplicate id '{ident}'")
            seen.add(ident)

    def cite(path: Path, sources: list[str]) -> Iterator[Problem]:
        for i, sid in enumerate(sources):
            if sid not in source_ids:
                yield Problem((*path, "sources", i), _unknown("source", sid, source_ids))

    for i, anchor in enumerate(s.anchors):
        yield from cite(("anchors", i), anchor.sources)
    for i, fig in enumerate(s.figures):
        yield from cite(("figures", i), fig.sources)

    for i, crit in enumerate(s.criteria):
        for j, aid in enumerate(crit.anchors):
            if aid not in anchor_ids:
                yield Problem(("criteria", i, "anchors", j), _unknown("anchor", aid, anchor_ids))
        vf = crit.value_function
        if vf is not None and (
            vf.points[0][0] > crit.scale.min or vf.points[-1][0] < crit.scale.max
        ):
            yield Problem(
                ("criteria", i, "value_function", "points"),
                f"the points must cover the scale {crit.scale.min:g} to {crit.scale.max:g}",
            )

    for i, opt in enumerate(s.options):
        path: Path = ("options", i)
        if opt.parent is not None:
            if opt.parent == opt.id:
                yield Problem((*path, "parent"), "an option cannot be its own parent")
            elif opt.parent not in known_options:
                yield Problem((*path, "parent"), _unknown("option", opt.parent, opt_ids))
        yield from cite(path, opt.sources)
        for j, pre in enumerate(opt.preconditions):
            yield from cite((*path, "preconditions", j), pre.sources)
        for j, cost in enumerate(opt.costs):
            cpath: Path = (*path, "costs", j)
            yield from cite(cpath, cost.sources)
            yield from _range(cpath, "amount", cost.amount, cost.low, cost.high)
        for j, risk in enumerate(opt.risks):
            rpath: Path = (*path, "risks", j)
            yield from cite(rpath, risk.sources)
            for k, cid in enumerate(risk.affects):
                if cid not in known_criteria:
                    yield Problem((*rpath, "affects", k), _unknown("criterion", cid, crit_ids))

    scales = {c.id: (c.scale.min, c.scale.max) for c in s.criteria}
    for oid, row in s.assessments.items():
        if oid not in known_options:
            yield Problem(("assessments", oid), _unknown("option", oid, opt_ids))
            continue
        for cid, a in row.items():
            if cid in scales and _fine(a, *scales[cid], source_ids):
                continue  # the checks below would find nothing: 10,000 x 12 cells in 0.1 s
            apath: Path = ("assessments", oid, cid)
            if cid not in known_criteria:
                yield Problem(apath, _unknown("criterion", cid, crit_ids))
                continue
            yield from cite(apath, a.sources)
            yield from _range(apath, "value", a.value, a.low, a.high)
            crit = s.criterion(cid)
            for field, v in (("value", a.value), ("low", a.low), ("high", a.high)):
                if v is not None and not crit.scale.min <= v <= crit.scale.max:
                    yield Problem(
                        (*apath, field),
                        f"{v:g} lies outside the scale of '{cid}' "
                        f"({crit.scale.min:g} to {crit.scale.max:g})",
                    )
    for oid in opt_ids:
        assessed = s.assessments.get(oid)
        if assessed is None:
            yield Problem(("assessments",), f"option '{oid}' is not assessed")
            continue
        missing = [cid for cid in crit_ids if cid not in assessed]
        if missing:
            yield Problem(
                ("assessments", oid),
                f"option '{oid}' is not assessed on: {', '.join(missing)}",
            )

    for i, prof in enumerate(s.profiles):
        yield from cite(("profiles", i), prof.sources)
        for cid in prof.weights:
            if cid not in known_criteria:
                yield Problem(("profiles", i, "weights", cid), _unknown("criterion", cid, crit_ids))
    if s.default_profile is not None and s.default_profile not in {p.id for p in s.profiles}:
        yield Problem(
            ("default_profile",),
            _unknown("profile", s.default_profile, [p.id for p in s.profiles]),
        )

    if s.cost_criterion is not None:
        if s.cost_criterion not in crit_ids:
            yield Problem(("cost_criterion",), _unknown("criterion", s.cost_criterion, crit_ids))
        elif s.criterion(s.cost_criterion).direction != "min":
            yield Problem(
                ("cost_criterion",),
                f"criterion '{s.cost_criterion}' is to be maximised; the cost criterion has "
                "direction: min (less money is better)",
            )

    for i, event in enumerate(s.events):
        yield from cite(("events", i), event.sources)
        for j, eff in enumerate(event.effects):
            epath: Path = ("events", i, "effects", j)
            if eff.option != "*" and eff.option not in known_options:
                yield Problem((*epath, "option"), _unknown("option", eff.option, opt_ids))
            if eff.criterion not in known_criteria:
                yield Problem((*epath, "criterion"), _unknown("criterion", eff.criterion, crit_ids))

    if s.outcome is not None:
        yield from cite(("outcome",), s.outcome.sources)
        closest = s.outcome.closest_option
        if closest is not None and closest not in known_options:
            yield Problem(("outcome", "closest_option"), _unknown("option", closest, opt_ids))


def _ids_within_options(s: Scenario) -> Iterator[Problem]:
    """Risk and precondition ids are unique within their option."""
    for i, opt in enumerate(s.options):
        for kind, ids in (
            ("risks", [r.id for r in opt.risks]),
            ("preconditions", [p.id for p in opt.preconditions]),
        ):
            seen: set[str] = set()
            for j, ident in enumerate(ids):
                if ident in seen:
                    yield Problem(
                        ("options", i, kind, j, "id"),
                        f"duplicate id '{ident}' among the {kind} of option '{opt.id}'",
                    )
                seen.add(ident)


def _parent_cycles(s: Scenario) -> Iterator[Problem]:
    """An option cannot descend from itself through its parents (a -> b -> a)."""
    parent = {o.id: o.parent for o in s.options if o.parent is not None and o.parent != o.id}
    reported: set[str] = set()
    for i, opt in enumerate(s.options):
        chain = [opt.id]
        step = parent.get(opt.id)
        while step is not None and step not in chain:
            chain.append(step)
            step = parent.get(step)
        if step == opt.id and len(chain) > 1 and not reported & set(chain):
            reported.update(chain)
            yield Problem(
                ("options", i, "parent"),
                "the parents go round in a circle: " + " -> ".join([*chain, opt.id]),
            )


def _fine(a: Assessment, least: float, most: float, source_ids: set[str]) -> bool:
    """Whether an assessment's sources are known and its value, low and high are in order
    and on its criterion's scale (`least` to `most`)."""
    value, low, high = a.value, a.low, a.high
    return (
        least <= value <= most
        and (low is None or least <= low <= value)
        and (high is None or value <= high <= most)
        and (not a.sources or source_ids.issuperset(a.sources))
    )


def _range(
    path: Path, name: str, value: float, low: float | None, high: float | None
) -> Iterator[Problem]:
    if low is not None and low > value:
        yield Problem((*path, "low"), f"low ({low:g}) is above the {name} ({value:g})")
    if high is not None and high < value:
        yield Problem((*path, "high"), f"high ({high:g}) is below the {name} ({value:g})")


def strict_problems(scenario: Scenario) -> list[Problem]:
    """The evidence rules: a source on every stated figure, a rationale on every judgement,
    and the decision date kept (`optionscope.model.evidence`)."""
    from optionscope.model.costs import strict_cost_problems
    from optionscope.model.evidence import decision_date_problems

    costs = [Problem(path, message) for path, message in strict_cost_problems(scenario)]
    return [*_strict(scenario), *costs, *decision_date_problems(scenario)]


def _strict(s: Scenario) -> Iterator[Problem]:
    for i, fig in enumerate(s.figures):
        if fig.basis in ("figure", "derived", "unverified") and not fig.sources:
            yield Problem(("figures", i, "sources"), "a stated figure needs a source")
        if fig.basis == "derived" and not fig.derivation:
            yield Problem(("figures", i, "derivation"), "a derived figure states its formula")
    for i, opt in enumerate(s.options):
        if not opt.sources:
            yield Problem(("options", i, "sources"), "an option needs a source")
        for j, cost in enumerate(opt.costs):
            cpath: Path = ("options", i, "costs", j)
            if not cost.sources:
                yield Problem((*cpath, "sources"), "a cost needs a source")
            if cost.basis in ("derived", "judgement") and not cost.derivation:
                yield Problem(
                    (*cpath, "derivation"), f"a {cost.basis} cost states how it was reached"
                )
        for j, risk in enumerate(opt.risks):
            rpath: Path = ("options", i, "risks", j)
            if not risk.rationale:
                yield Problem((*rpath, "rationale"), "a risk says why its likelihood and impact")
        for j, pre in enumerate(opt.preconditions):
            if pre.probability is not None and not pre.rationale:
                yield Problem(
                    ("options", i, "preconditions", j, "rationale"),
                    "a judged probability needs a rationale",
                )
    for oid, row in s.assessments.items():
        for cid, a in row.items():
            apath: Path = ("assessments", oid, cid)
            if a.basis == "judgement" and not a.rationale:
                yield Problem((*apath, "rationale"), "a judgement needs a rationale")
            if a.basis != "judgement" and not a.sources:
                yield Problem((*apath, "sources"), f"a {a.basis} value needs a source")
            if a.basis == "derived" and not a.rationale:
                yield Problem((*apath, "rationale"), "a derived value states its formula")
    for i, prof in enumerate(s.profiles):
        if not prof.rationale:
            yield Problem(("profiles", i, "rationale"), "a profile says why its weights")
    for i, event in enumerate(s.events):
        if not event.sources:
            yield Problem(("events", i, "sources"), "an event needs a source")
    if s.outcome is not None and not s.outcome.sources:
        yield Problem(("outcome", "sources"), "the outcome needs a source")
