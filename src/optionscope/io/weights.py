"""Weights from a profile, a weights file or `ID=N` pairs, checked against the scenario."""

from __future__ import annotations

import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from optionscope.io.errors import InputError, Located
from optionscope.io.scenario_files import validation_problems
from optionscope.io.text_files import read_text
from optionscope.model.checks import suggest
from optionscope.model.scenario import Scenario
from optionscope.model.weights import WeightsFile

if TYPE_CHECKING:  # the YAML reader is imported when a weights file is read or written:
    # weights given as a profile or as ID=N pairs need none (about 10 ms of `rank`)
    from optionscope.io.yaml_loader import LocatedDocument


def load_weights_file(path: str | Path) -> WeightsFile:
    from optionscope.io.yaml_loader import load_yaml

    name = str(path)
    return weights_from_document(load_yaml(read_text(Path(path), name), name))


def weights_from_document(doc: LocatedDocument) -> WeightsFile:
    """A parsed weights file, validated; problems located in its file."""
    if not isinstance(doc.data, dict):
        raise InputError([doc.problem((), "", "a weights file is a mapping with a 'weights' key")])
    try:
        wf = WeightsFile.model_validate(doc.data)
    except ValidationError as err:
        problems = validation_problems(err, doc, WeightsFile)
        errors = err.errors(include_url=False)
        if len(problems) == len(errors):  # one problem per error, in order
            problems = [
                replace(p, message=NO_WEIGHTS)
                if e["type"] == "too_short" and tuple(e["loc"]) == ("weights",)
                else p
                for p, e in zip(problems, errors, strict=True)
            ]
        raise InputError(problems) from None
    return wf


NO_WEIGHTS = (
    "no weights given; give at least one criterion a weight, e.g. `cost: 50` "
    "(with the criterion ids of your scenario)"
)
"""Said at the `weights` key of a weights file whose map is empty (`weights: {}`)."""


def check_weights(
    scenario: Scenario, weights: Mapping[str, float], where: str, file: str = ""
) -> None:
    """Refuse weights that name no criterion of the scenario, or that are all zero.

    When `file` is a weights file, each problem is located at its line.
    """
    known = scenario.criterion_ids
    problems: list[tuple[str | None, str]] = []
    for cid, v in weights.items():
        if cid not in known:
            problems.append((cid, f"unknown criterion '{cid}'{suggest(cid, known)}"))
        elif not (v >= 0 and math.isfinite(v)):
            problems.append((cid, f"weight of '{cid}' must be a non-negative number"))
    if not problems and sum(weights.get(c, 0.0) for c in known) <= 0:
        problems.append((None, "at least one weight must be positive"))
    if not problems:
        return
    doc = _document(file)
    located = []
    for criterion, message in problems:
        path = ("weights", criterion) if criterion is not None else ("weights",)
        line, column = doc.locate(path) if doc is not None else (0, 0)
        field = "" if not file else where if criterion is None else f"{where}.{criterion}"
        located.append(Located(file or where, line, column, field, message))
    raise InputError(located)


def check_made_for(scenario: Scenario, wf: WeightsFile, file: str) -> None:
    """Refuse a weights file that says it was made for another scenario."""
    if wf.scenario is None or wf.scenario == scenario.id:
        return
    doc = _document(file)
    line, column = doc.locate(("scenario",)) if doc is not None else (0, 0)
    raise InputError.at(
        file,
        f"these weights were made for scenario '{wf.scenario}', not '{scenario.id}'; "
        "use them with that scenario, or change or remove this line",
        line,
        column,
        "scenario",
    )


NAMES_NO_SCENARIO = (
    "'{ref}': {problem}; write the id of a bundled scenario or the path of a scenario file "
    "here, or remove this line and give the scenario with --scenario"
)


def scenario_named_in(file: str, ref: str) -> Scenario:
    """The scenario that a weights or judgements `file` names in its `scenario` key.

    A name that leads to no scenario (no bundled one, no such file) is refused at that
    key, as `file:line:col: scenario: ...`; a problem inside the scenario file it names
    stays located in that file.
    """
    from optionscope.io.scenario_files import load_scenario

    try:
        if not ref.strip():
            raise InputError.at(ref, "names no scenario")
        return load_scenario(ref)
    except InputError as err:
        about_the_name = not os.path.lexists(ref) and all(
            not p.line and p.file in (ref, str(Path(ref))) for p in err.problems
        )
        if not about_the_name:
            raise
        doc = _document(file)
        line, column = doc.locate(("scenario",)) if doc is not None else (0, 0)
        raise InputError(
            [
                Located(
                    file,
                    line,
                    column,
                    "scenario",
                    NAMES_NO_SCENARIO.format(ref=ref, problem=p.message),
                )
                for p in err.problems
            ]
        ) from None


def _document(file: str) -> LocatedDocument | None:
    """The weights file's document, to locate a problem; None when it cannot be read."""
    if not file:
        return None
    from optionscope.io.yaml_loader import load_yaml

    try:
        return load_yaml(read_text(Path(file), file), file)
    except (InputError, OSError):
        return None


def parse_id_numbers(items: Sequence[str], where: str, example: str, noun: str) -> dict[str, float]:
    """`["a=100", "b=40,c=10"]` -> `{a: 100.0, b: 40.0, c: 10.0}`: the one ID=NUMBER parser.

    Pairs may be repeated or comma-separated; each number is finite and not
    negative; an id given twice is refused (never the last one silently winning).
    `where` names the option or argument in the error, `example` shows the form.
    """
    out: dict[str, float] = {}
    for item in items:
        if not item.replace(",", "").strip():
            raise InputError.at(where, f"an empty value; give ID=NUMBER, e.g. {example}")
        for pair in item.split(","):
            if not pair.strip():
                continue
            cid, sep, raw = pair.partition("=")
            cid = cid.strip()
            try:
                if not sep or not cid:
                    raise ValueError
                value = float(raw)
            except ValueError:
                raise InputError.at(where, f"'{pair}' is not ID=NUMBER (e.g. {example})") from None
            if value < 0:
                raise InputError.at(
                    where, f"'{pair}': {noun} a non-negative number (e.g. {example})"
                )
            if not math.isfinite(value):
                what = "not a number" if math.isnan(value) else "too large (not a finite number)"
                raise InputError.at(
                    where, f"'{pair}': {what}; give a finite, non-negative number (e.g. {example})"
                )
            if cid in out:
                raise InputError.at(where, f"'{cid}' is given twice")
            out[cid] = value
    return out


def parse_weight_pairs(pairs: Sequence[str]) -> dict[str, float]:
    """`--weight poc=30 --weight cost=10` -> `{"poc": 30.0, "cost": 10.0}`."""
    return parse_id_numbers(pairs, "--weight", "--weight poc=30", "a weight is")


def parse_points(items: Sequence[str]) -> dict[str, float]:
    """Swing points `a=100 b=40,c=10` -> `{a: 100.0, b: 40.0, c: 10.0}`; at least one."""
    points = parse_id_numbers(items, "POINTS", "protection-civilians=100", "points are")
    if not points:
        raise InputError.at("POINTS", "give at least one ID=POINTS")
    return points


def resolve_weights(
    scenario: Scenario,
    profile: str | None = None,
    weights_file: str | Path | None = None,
    pairs: Sequence[str] = (),
) -> tuple[dict[str, float], str]:
    """Raw weights and a label saying where they came from.

    Order: the scenario's default profile (or equal weights), replaced by `profile`,
    replaced by `weights_file`, then individual `pairs` on top.
    """
    label = "equal weights"
    weights: dict[str, float] = {cid: 1.0 for cid in scenario.criterion_ids}
    chosen = profile or (None if weights_file else scenario.default_profile)
    if chosen is not None:
        ids = [p.id for p in scenario.profiles]
        if chosen not in ids:
            raise InputError.at(
                "--profile",
                f"unknown profile '{chosen}'{suggest(chosen, ids)}; "
                f"profiles of {scenario.id}: {', '.join(ids) or 'none'}",
            )
        prof = scenario.profile(chosen)
        weights = {cid: float(prof.weights.get(cid, 0.0)) for cid in scenario.criterion_ids}
        label = f"profile {prof.id}"
    if weights_file is not None:
        wf = load_weights_file(weights_file)
        check_made_for(scenario, wf, str(weights_file))
        check_weights(scenario, wf.weights, "weights", str(weights_file))
        weights = {cid: float(wf.weights.get(cid, 0.0)) for cid in scenario.criterion_ids}
        label = f"weights file {weights_file}"
    if pairs:
        extra = parse_weight_pairs(pairs)
        check_weights(scenario, {**weights, **extra}, "--weight")
        weights.update(extra)
        label += " with " + ", ".join(f"{k}={v:g}" for k, v in extra.items())
    return weights, label


def weights_document(
    weights: Mapping[str, float],
    scenario: str | None = None,
    profile: str | None = None,
    note: str | None = None,
) -> str:
    """The YAML text of a weights file."""
    data: dict[str, object] = {}
    if scenario:
        data["scenario"] = scenario
    if profile:
        data["profile"] = profile
    if note:
        data["note"] = note
    data["weights"] = {k: float(v) for k, v in weights.items()}
    import yaml

    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
