"""Authoring commands: `new` writes a commented scenario template that validates."""

from __future__ import annotations

import datetime as dt
import json
import os
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import click

from optionscope.io.errors import InputError

if TYPE_CHECKING:
    from optionscope.model.scenario import Scenario
    from optionscope.model.weights import WeightsFile


def template_text(scenario_id: str, title: str = "", author: str = "") -> str:
    """The commented template, filled in with an id, a title, an author and today's date."""
    raw = (resources.files("optionscope.report") / "templates" / "scenario.yaml").read_text(
        encoding="utf-8"
    )
    return raw.format(
        id=scenario_id,
        # A JSON string is a YAML double-quoted scalar: any text stays that text.
        title=json.dumps(title or scenario_id.replace("-", " ").capitalize(), ensure_ascii=False),
        author=json.dumps(author, ensure_ascii=False),
        today=dt.date.today().isoformat(),
        year=dt.date.today().year,
    )


@click.command()
@click.argument("scenario_id")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write (default: ID.yaml in the current directory).",
)
@click.option("--title", default="", help="The scenario's title.")
@click.option("--author", default="", help="Who writes it.")
def new(scenario_id: str, output: Path | None, title: str, author: str) -> None:
    """Write a commented scenario template, and its JSON Schema for editors."""
    from optionscope.cli.commands import schema_text
    from optionscope.io.files import write_atomic

    as_file = Path(scenario_id)
    if as_file.suffix.lower() in (".yaml", ".yml"):  # `new town.yaml`: the file, id `town`
        output = output or as_file
        scenario_id = as_file.stem
    from optionscope.model.fields import id_problem

    if problem := id_problem(scenario_id):  # what is wrong: its characters, or its length
        raise InputError.at("SCENARIO_ID", problem)
    for flag, text in (("--title", title), ("--author", author)):
        if any(ch in text for ch in "\r\n\u2028\u2029"):
            raise InputError.at(flag, "is one line; remove the line break")
    target = output or Path(f"{scenario_id}.yaml")
    if os.path.lexists(target):  # a link to nothing is a name taken too
        raise InputError.at(str(target), "exists already; choose another name with --output")
    write_atomic(target, template_text(scenario_id, title, author))
    click.echo(f"wrote {target}", err=True)
    schema_file = target.parent / "scenario.schema.json"
    if not os.path.lexists(schema_file):
        write_atomic(schema_file, schema_text())
        click.echo(f"wrote {schema_file} (for editors that validate YAML)", err=True)
    click.echo(f"next: optionscope validate --strict {target}", err=True)


def _has_criteria(text: str) -> bool:
    """Whether the document's top-level mapping has a `criteria` key, read only as far as
    that key (a 10,000-option scenario read whole took 5 s); False for a text that is not
    YAML, which the full reader then locates."""
    import yaml

    depth, key_next = 0, True
    try:
        for event in yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            if isinstance(event, yaml.CollectionStartEvent):
                if depth == 0 and not isinstance(event, yaml.MappingStartEvent):
                    return False
                depth += 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
                key_next = True
            elif depth == 1 and isinstance(event, yaml.ScalarEvent | yaml.AliasEvent):
                if key_next and isinstance(event, yaml.ScalarEvent) and event.value == "criteria":
                    return True
                key_next = not key_next
    except yaml.YAMLError:
        return False
    return False


def _weights_file(ref: str) -> WeightsFile | None:
    """The weights file at `ref`, read once; None when `ref` is not a weights file."""
    from optionscope.io.weights import weights_from_document
    from optionscope.io.yaml_loader import load_yaml, read_text

    path = Path(ref)
    if path.suffix.lower() not in (".yaml", ".yml") or not path.is_file():
        return None
    text = read_text(path)
    if _has_criteria(text):  # a scenario: not read whole here, only up to that key
        return None
    doc = load_yaml(text, ref)
    data = doc.data
    if not (isinstance(data, dict) and "weights" in data and "criteria" not in data):
        return None
    return weights_from_document(doc)


def _one_decision(s_a: Scenario, s_b: Scenario, a: str, b: str) -> str | None:
    """Refuse A and B that share no criterion id or no option id: not two versions of one
    decision. Of two that share some, the line saying they are two scenarios when their
    ids differ; None when they are versions of one."""
    from optionscope.analysis.diff import ids_in_both

    criteria, options = ids_in_both(s_a, s_b)
    missing = [
        f"no {what} id" for what, ids in (("criterion", criteria), ("option", options)) if not ids
    ]
    if missing:
        raise InputError.at(
            f"{a} / {b}",
            f"not two versions of one decision: {' and '.join(missing)} in common (A is "
            f"scenario '{s_a.id}', B is scenario '{s_b.id}'); diff compares two versions of "
            "one scenario, or two weights files on one scenario (--scenario)",
        )
    if s_a.id == s_b.id:
        return None
    return (
        f"A is scenario '{s_a.id}' and B is scenario '{s_b.id}', not two versions of one "
        "scenario: only the criteria and options with the same id in both are compared."
    )


_LINE_BREAK = {"table": "\n", "md": "\n\n"}
"""Between the A and B lines: in Markdown two lines of one paragraph read as one."""


@click.command()
@click.argument("a")
@click.argument("b")
@click.option("--scenario", "-s", help="The scenario, when A and B are weights files.")
@click.option("--profile", "-p", help="Profile used for both, when A and B are scenarios.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "md"]),
    default="table",
    show_default=True,
    help="Output format.",
)
def diff(a: str, b: str, scenario: str | None, profile: str | None, fmt: str) -> None:
    """Explain why the ranking moved between A and B.

    A and B are two scenarios (versions of one decision), or two weights files
    on one scenario (named by --scenario or by the files' `scenario` key).
    """
    from optionscope.analysis.diff import diff_rankings
    from optionscope.cli._common import emit
    from optionscope.io.scenario_files import load_scenario
    from optionscope.io.scenario_pair import load_scenario_pair
    from optionscope.io.weights import (
        check_made_for,
        check_weights,
        resolve_weights,
        scenario_named_in,
    )
    from optionscope.io.writers import markdown_table, paragraph_for, text_for, text_table, to_json
    from optionscope.present.diff import diff_rows, diff_sentences

    file_a, file_b = _weights_file(a), _weights_file(b)
    if (file_a is None) != (file_b is None):
        raise InputError.at(
            f"{a} / {b}", "give two scenarios or two weights files, not one of each"
        )
    if file_a is not None and file_b is not None:
        named_in, named = (a, file_a.scenario) if file_a.scenario else (b, file_b.scenario)
        if scenario is not None:
            s_a = s_b = load_scenario(scenario)
        elif named is None:
            raise InputError.at("--scenario", "name the scenario the weights files are for")
        elif os.path.isfile(beside := Path(a).parent / f"{named}.yaml"):
            s_a = s_b = load_scenario(str(beside))
        else:  # a name that leads to no scenario is refused at the file's `scenario` line
            s_a = s_b = scenario_named_in(named_in, named)
        # each file made for the scenario, as `rank --weights` checks it
        check_made_for(s_a, file_a, a)
        check_made_for(s_b, file_b, b)
        check_weights(s_a, file_a.weights, "weights", a)
        check_weights(s_b, file_b.weights, "weights", b)
        w_a, w_b = dict(file_a.weights), dict(file_b.weights)
        note = None  # one scenario
    else:
        s_a, s_b = load_scenario_pair(a, b)
        note = _one_decision(s_a, s_b, a, b)  # before a --profile one of them may lack
        w_a, _ = resolve_weights(s_a, profile)
        w_b, _ = resolve_weights(s_b, profile)
    d = diff_rankings(s_a, w_a, s_b, w_b, a, b)
    if fmt == "json":
        emit(
            to_json(
                {
                    "note": note,  # first: read before the comparison
                    "a": a,
                    "b": b,
                    "scenario_a": s_a.id,
                    "scenario_b": s_b.id,
                    "options": [o.__dict__ for o in d.options],
                    "weight_changes": {k: list(v) for k, v in d.weight_changes.items()},
                    "value_changes": [
                        {"option": o, "criterion": c, "a": x, "b": y}
                        for o, c, x, y in d.value_changes
                    ],
                    "leader_a": d.leader_a,
                    "leader_b": d.leader_b,
                    "tied_a": d.tied_a,
                    "tied_b": d.tied_b,
                    "pair": list(d.pair) if d.pair else None,
                    "margin_a": d.margin_a,
                    "margin_b": d.margin_b,
                    "shifts": [{**s.__dict__, "total": s.total} for s in d.shifts],
                    "explanation": diff_sentences(d),
                }
            )
        )
        return
    table = markdown_table if fmt == "md" else text_table
    rows = diff_rows(d)
    text = table(["option", "rank A", "rank B", "score A", "score B", "change"], rows, "lrrrrr")
    emit(
        ("" if note is None else f"{paragraph_for(note, fmt)}\n\n")
        + f"A: {text_for(a, fmt)}{_LINE_BREAK[fmt]}B: {text_for(b, fmt)}\n\n{text}\n"
        + "\n".join(paragraph_for(x, fmt) for x in diff_sentences(d))
        + "\n",
        fmt,
    )
