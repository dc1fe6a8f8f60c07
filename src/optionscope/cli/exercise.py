"""`optionscope workshop plan|start|clock|inject|seat|forecast|aar`: run an exercise plan.

The facilitator attaches an exercise file (schedule, injects, seat briefs,
forecast questions), starts the clock, releases injects as they fall due;
a seat reads its brief and its injects; participants give forecasts; at the
end one command writes the after-action report.
"""

from __future__ import annotations

import click

from optionscope.cli._common import FilePath, emit
from optionscope.io.errors import InputError
from optionscope.io.writers import plain, to_json

_DB = click.option(
    "--db", "db", required=True, metavar="FILE", type=click.Path(path_type=str),
    help="The workshop store.",
)  # fmt: skip
_CODE = click.option("--code", "code", required=True, metavar="CODE", help="The facilitator code.")


def _minutes(value: float | None) -> str:
    if value is None:
        return "-"
    whole = int(max(value, 0.0) * 60)
    return f"{whole // 60}:{whole % 60:02d}"


@click.command("plan")
@click.argument("exercise_file", metavar="EXERCISE")
@_DB
@_CODE
def plan_command(exercise_file: str, db: str, code: str) -> None:
    """Attach an exercise plan to the workshop (once).

    EXERCISE is an exercise file (YAML) or the id of a bundled one, such as
    minusma-2023-90min.
    """
    from optionscope.io.exercise_files import load_exercise_text, resolve_exercise_path
    from optionscope.workshop.exercise import attach
    from optionscope.workshop.session import Workshop

    path = resolve_exercise_path(exercise_file)
    text = load_exercise_text(path)
    with Workshop.open(db) as ws:
        ex = attach(ws, code, text, str(path))
    emit(
        plain(
            f"Plan attached: {ex.title}, {len(ex.phases)} phases, {ex.minutes} minutes, "
            f"{len(ex.injects)} injects, {len(ex.forecasts)} forecast questions.\n"
        )
    )


@click.command("start")
@_DB
@_CODE
def start_command(db: str, code: str) -> None:
    """Start the exercise clock (once)."""
    from optionscope.workshop.exercise import start_clock
    from optionscope.workshop.session import Workshop

    with Workshop.open(db) as ws:
        started = start_clock(ws, code)
    emit(f"Clock started at {started}.\n")


@click.command("clock")
@_DB
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
def clock_command(db: str, fmt: str) -> None:
    """The running timer: phase, time left in it, injects due and next."""
    from optionscope.workshop.exercise import clock
    from optionscope.workshop.session import Workshop

    with Workshop.open(db) as ws:
        c = clock(ws)
    data = {
        "started_at": c.started_at,
        "minute": c.minute,
        "phase": None if c.phase is None else c.phase.id,
        "phase_title": None if c.phase is None else c.phase.title,
        "minutes_left": c.minutes_left,
        "due": [i.id for i in c.due],
        "next": None if c.next_inject is None else c.next_inject.id,
    }
    if fmt == "json":
        emit(to_json(data))
        return
    if c.started_at is None:
        emit("The clock has not started; start it with `workshop start`.\n")
        return
    lines = [
        f"Elapsed {_minutes(c.minute)}",
        "Phase: "
        + ("over" if c.phase is None else f"{c.phase.title}, {_minutes(c.minutes_left)} left"),
        "Due now: " + (", ".join(f"{i.title} [{i.id}]" for i in c.due) or "nothing"),
        "Next: "
        + (
            "none"
            if c.next_inject is None
            else f"{c.next_inject.title} at minute {c.next_inject.at}"
        ),
    ]
    emit("\n".join(plain(x) for x in lines) + "\n")


@click.command("inject")
@_DB
@_CODE
@click.option(
    "--id", "inject_id", metavar="INJECT", help="The inject (default: the next timed one)."
)
def inject_command(db: str, code: str, inject_id: str | None) -> None:
    """Release an inject (and the scenario event it names)."""
    from optionscope.workshop.exercise import release_inject
    from optionscope.workshop.session import Workshop

    with Workshop.open(db) as ws:
        r = release_inject(ws, code, inject_id)
    who = ", ".join(r.inject.seats) if r.inject.seats else "every seat"
    lines = [f"Released {r.inject.title} [{r.inject.id}] to {who}."]
    if r.inject.say:
        lines.append(f"Say: {r.inject.say}")
    emit("\n".join(plain(x) for x in lines) + "\n")


@click.command("seat")
@_DB
@click.option("--seat", "seat", required=True, metavar="SEAT", help="The seat (profile id).")
def seat_command(db: str, seat: str) -> None:
    """What a seat sees: its private brief, the injects for it, the time left."""
    from optionscope.workshop.exercise import clock, plan, seat_view
    from optionscope.workshop.session import Workshop

    with Workshop.open(db) as ws:
        if seat not in [p.id for p in ws.scenario.profiles]:
            raise InputError.at("--seat", f"unknown seat '{seat}'")
        view = seat_view(ws, seat)
        timer = clock(ws) if plan(ws) is not None else None
    lines = []
    if timer is not None and timer.phase is not None:
        lines.append(f"{timer.phase.title}: {_minutes(timer.minutes_left)} left")
    lines.append("Your brief: " + (view.brief or "none"))
    for r in view.injects:
        lines.append(f"- {r.inject.title}: {r.inject.text}")
    emit("\n".join(plain(x) for x in lines) + "\n")


@click.command("forecast")
@_DB
@click.option("--participant", required=True, metavar="NAME")
@click.option(
    "--personal-code",
    "personal_code",
    metavar="CODE",
    help="Your personal code, printed by your first `workshop submit` (required).",
)
@click.option("--question", required=True, metavar="ID")
@click.option("--probability", required=True, type=float, metavar="P", help="From 0 to 1.")
@click.option("--seat", default=None, metavar="SEAT")
def forecast_command(
    db: str,
    participant: str,
    personal_code: str | None,
    question: str,
    probability: float,
    seat: str | None,
) -> None:
    """Give a probability for a forecast question before it is resolved.

    It needs the personal code your first submission of weights printed, as
    submitting again does: nobody forecasts in another's name.
    """
    from optionscope.present.numbers import percent
    from optionscope.workshop.forecasts import give_forecast
    from optionscope.workshop.session import Workshop

    with Workshop.open(db) as ws:
        f = give_forecast(
            ws, participant, question, probability, personal_code=personal_code, seat=seat
        )
    emit(plain(f"Recorded {percent(probability)} for: {f.question}") + "\n")


@click.command("aar")
@_DB
@click.option(
    "--output", "-o", required=True, metavar="FILE.md|FILE.html",
    type=FilePath(dir_okay=False, path_type=str),
    help="Where to write the report; the suffix chooses Markdown or HTML.",
)  # fmt: skip
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@click.option("--show-names", is_flag=True, help="Name participants of an anonymous workshop.")
@click.option(
    "--code",
    "code",
    metavar="CODE",
    help="The facilitator code: check the store's seal first (an altered store is refused).",
)
def aar_command(db: str, output: str, force: bool, show_names: bool, code: str | None) -> None:
    """Write the after-action report (.md or .html): the exercise as run, every round as shown,
    events and moves, agreement, minority views, forecasts, the outcome, lessons.

    With the facilitator code, the rounds as recorded, the injects, the
    forecasts and the outcome are first checked against the facilitator's seal.
    """
    from optionscope.io.files import write_atomic
    from optionscope.report.after_action import after_action_for_path
    from optionscope.workshop.session import Workshop

    with Workshop.open(db) as ws:
        if code is not None:
            ws.check_code(code)
        text = after_action_for_path(ws, output, show_names=True if show_names else None)
    if not output.lower().endswith((".html", ".htm")):  # Markdown: no raw HTML or unsafe link
        from optionscope.io.safe_text import markdown_document

        text = markdown_document(text)
    try:
        write_atomic(output, text, overwrite=force)
    except FileExistsError:
        raise InputError.at(output, "exists already; pass --force to replace it") from None
    click.echo(f"wrote {output}", err=True)


@click.command("project")
@_DB
@click.option("--serve", "serve_", is_flag=True, help="Serve it to a browser instead.")
@click.option("--host", default="127.0.0.1", show_default=True, help="With --serve: address.")
@click.option("--port", default=8001, show_default=True, type=click.IntRange(1, 65535))
def project_command(db: str, serve_: bool, host: str, port: int) -> None:
    """The projector view for the plenary: the group's result in large type, the clock.

    It shows what every participant may see (the last closed round), so it
    asks for no code; with --serve, in a browser tab (for a projector on
    another computer).
    """
    import shlex
    import sys
    from pathlib import Path

    from optionscope.workshop.session import Workshop

    with Workshop.open(db):  # a bad store exits 2 before any screen opens
        pass
    try:
        from optionscope.tui.workshop import run_workshop_app  # textual is imported only here
        from optionscope.tui.workshop.serve import WorkshopServer
    except ImportError as err:
        raise click.ClickException(f"the projector view is not available: {err}") from None
    if not serve_:
        run_workshop_app(db, "project")
        return

    command = shlex.join(
        [
            sys.executable,
            "-m",
            "optionscope",
            "workshop",
            "project",
            "--db",
            str(Path(db).resolve()),
        ]
    )
    server = WorkshopServer(command, host=host, port=port)
    click.echo(f"Serving the projector view on {server.public_url} (Ctrl+C stops)", err=True)
    server.serve()


def add_exercise_commands(group: click.Group) -> None:
    for command in (
        plan_command,
        start_command,
        clock_command,
        inject_command,
        seat_command,
        forecast_command,
        aar_command,
        project_command,
    ):
        group.add_command(command)
