"""The scenario and ranking commands: list, validate, show, rank, compare, schema, tui."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from optionscope.cli._common import (
    emit,
    format_option,
    method_name_option,
    method_option,
    weight_options,
)
from optionscope.cli.session_start import (
    DEFAULT_SCENARIO,
    open_session,
    scenario_to_open,
    ui_unavailable,
)

if TYPE_CHECKING:
    from optionscope.io.errors import Located


@click.command("list")
@format_option()
def list_scenarios(fmt: str) -> None:
    """List the bundled scenarios."""
    from optionscope.io.errors import InputError
    from optionscope.io.scenario_files import bundled_ids, load_scenario
    from optionscope.io.writers import markdown_table, plain, text_table, to_csv, to_json

    rows = []
    for sid in bundled_ids():
        try:
            s = load_scenario(sid)
        except InputError as err:  # one broken pack must not hide the others
            click.echo(f"warning: {sid} does not load: {plain(err.problems[0])}", err=True)
            continue
        rows.append([s.id, s.as_of.isoformat(), len(s.options), len(s.criteria), s.title])
    header = ["id", "as of", "options", "criteria", "title"]
    if fmt == "json":
        emit(to_json([dict(zip(header, r, strict=True)) for r in rows]))
    elif fmt == "csv":
        emit(to_csv(header, rows))
    elif fmt == "md":
        emit(markdown_table(header, rows, "llrrl"), fmt)
    else:
        emit(text_table(header, rows, "llrrl"))


@click.command()
@click.option(
    "--strict",
    is_flag=True,
    help="Also require a source on every figure and a rationale on every judgement.",
)
@click.argument("paths", nargs=-1, required=True)
def validate(strict: bool, paths: tuple[str, ...]) -> None:
    """Check scenario files, exercise plans and weights files; list every problem as
    file:line:col: field: message.

    An exercise plan or a weights file is checked against the scenario it names."""
    from optionscope.io.errors import InputError
    from optionscope.io.file_kinds import checked_as_its_kind
    from optionscope.io.scenario_files import load_scenario

    problems: list[Located] = []
    for path in paths:
        try:
            s = load_scenario(path, strict=strict)
        except InputError as err:
            try:
                held = checked_as_its_kind(path)
            except InputError as other:
                problems.extend(other.problems)
                continue
            if held is None:
                problems.extend(err.problems)
            else:
                click.echo(f"{path}: ok ({held})", err=True)
            continue
        click.echo(
            f"{path}: ok ({len(s.options)} options, {len(s.criteria)} criteria"
            f"{', strict' if strict else ''})",
            err=True,
        )
    if problems:
        raise InputError(problems)


@click.command()
@click.argument("scenario")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "md", "json"]),
    default="table",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--width",
    type=click.IntRange(min=40),
    default=None,
    help="Wrap text at this many columns (default: the terminal's width, or 100).",
)
def show(scenario: str, fmt: str, width: int | None) -> None:
    """Show the whole scenario a reviewer must check: figures with their notes, options,
    the assessment matrix with ranges and bases, profiles, events, outcome, sources."""
    import shutil

    from optionscope.io.scenario_files import load_scenario
    from optionscope.io.writers import to_json
    from optionscope.report.scenario_show import show_text

    s = load_scenario(scenario)
    if fmt == "json":
        emit(to_json(s.model_dump(mode="json", exclude_defaults=True)))
    else:
        columns = width or shutil.get_terminal_size((100, 24)).columns
        emit(show_text(s, markdown=fmt == "md", width=columns), fmt)


@click.command()
@click.argument("scenario")
@weight_options
@method_option
@format_option()
def rank(
    scenario: str,
    profile: str | None,
    weights_file: str | None,
    pairs: tuple[str, ...],
    method: str,
    fmt: str,
) -> None:
    """Rank the options, with each criterion's contribution to the score."""
    from optionscope.analysis.ranking import rank as rank_options
    from optionscope.io.bulk import collector_paused
    from optionscope.io.scenario_files import load_scenario
    from optionscope.io.weights import resolve_weights
    from optionscope.io.writers import plain
    from optionscope.present.ranking import method_warnings
    from optionscope.report.tables import render_ranking

    s = load_scenario(scenario)
    weights, label = resolve_weights(s, profile, weights_file, pairs)
    # The ranking and its text are new acyclic objects: collections would only rescan
    # them and the scenario (a third of the time at 100,000 options).
    with collector_paused():
        result = rank_options(s, weights, method)
        for warning in method_warnings(result, s):
            click.echo(f"warning: {plain(warning)}", err=True)
        emit(render_ranking(result, s, fmt, label), fmt)


@click.command()
@click.argument("scenario")
@click.option(
    "--profiles",
    default="all",
    show_default=True,
    metavar="all|ID,...",
    help="Which profiles to compare.",
)
@method_option
@format_option()
def compare(scenario: str, profiles: str, method: str, fmt: str) -> None:
    """How the ranking changes with each stakeholder's seat (profile x option)."""
    from optionscope.analysis.compare import compare_profiles
    from optionscope.io.errors import InputError
    from optionscope.io.scenario_files import load_scenario
    from optionscope.model.checks import suggest
    from optionscope.report.tables import render_comparison

    s = load_scenario(scenario)
    known = [p.id for p in s.profiles]
    if not known:
        raise InputError.at(scenario, "the scenario has no stakeholder profiles to compare")
    asked = [p.strip() for p in profiles.split(",") if p.strip()]
    ids = known if profiles.strip() == "all" else list(dict.fromkeys(asked))
    bad = [p for p in ids if p not in known]
    if bad or not ids:
        raise InputError.at(
            "--profiles",
            "; ".join(f"unknown profile '{p}'{suggest(p, known)}" for p in bad)
            or "name at least one profile",
        )
    emit(render_comparison(compare_profiles(s, ids, method), s, fmt), fmt)


def schema_text() -> str:
    """The JSON Schema of the scenario format, as written to schema/scenario.schema.json."""
    import json

    from optionscope.model.field_docs import document_fields
    from optionscope.model.scenario import Scenario

    document_fields()
    data = Scenario.model_json_schema()
    data["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    data["title"] = "optionscope scenario"
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


@click.command()
def schema() -> None:
    """Print the JSON Schema of the scenario format."""
    emit(schema_text())


@click.command()
@click.argument("scenario", default=DEFAULT_SCENARIO)
@click.option(
    "--resume",
    is_flag=True,
    help="Start from the weights and what-if values the last session on this scenario ended with.",
)
@method_name_option
def tui(scenario: str, resume: bool, method: str) -> None:
    """Open the interactive session (default: the bundled minusma-2023).

    On quit, the session's weights and what-if values are kept in the platform's state
    directory; --resume starts from them. Theme and keys come from the settings file
    (`optionscope config path`).
    """
    from optionscope.io.settings import load_settings

    settings = load_settings()
    source = click.get_current_context().get_parameter_source("scenario")
    given = scenario if source == click.core.ParameterSource.COMMANDLINE else None
    try:
        open_session(
            scenario_to_open(given, settings), resume=resume, method=method, settings=settings
        )
    except ImportError as err:
        raise click.ClickException(ui_unavailable(err)) from None


def register(group: click.Group) -> None:
    for command in (list_scenarios, validate, show, rank, compare, schema, tui):
        group.add_command(command)
