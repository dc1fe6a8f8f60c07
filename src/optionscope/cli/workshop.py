"""`optionscope workshop ...`: run a group exercise from the command line.

The facilitator makes a workshop (one SQLite file), participants submit
weights from a stakeholder's seat, the facilitator releases events, opens
rounds and reveals what really happened; anyone with the file sees the
results. Results go to stdout; bad input is an `InputError` (exit 2).
"""

from __future__ import annotations

import click

from optionscope.cli._common import FilePath, InputErrorGroup, emit
from optionscope.io.errors import InputError
from optionscope.io.writers import plain, to_json

_DB = click.option(
    "--db",
    "db",
    required=True,
    metavar="FILE",
    type=click.Path(path_type=str),
    help="The workshop store (one SQLite file per workshop).",
)
_CODE = click.option(
    "--code",
    "code",
    required=True,
    metavar="CODE",
    help="The facilitator code printed by `workshop new`.",
)


@click.group(
    "workshop",
    cls=InputErrorGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
def workshop() -> None:
    """Group exercises: seats, weights, rounds, events and the real outcome."""


@workshop.command("new")
@click.argument("scenario")
@_DB
@click.option("--name", "name", required=True, help="The workshop's name, shown to everyone.")
@click.option(
    "--anonymous", is_flag=True, help="Hide participants' names in what participants see."
)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
def new(scenario: str, db: str, name: str, anonymous: bool, fmt: str) -> None:
    """Make a workshop; print its join and facilitator codes.

    The workshop is on scenario S (a bundled id or a YAML file), kept in a new
    store FILE, which must not exist.
    """
    from optionscope.workshop.session import Workshop

    made = Workshop.create(db, scenario, name, anonymous=anonymous)
    with made.workshop as ws:
        if fmt == "json":
            emit(
                to_json(
                    {
                        "db": str(ws.path),
                        "workshop": ws.name,
                        "scenario": ws.scenario.id,
                        "anonymous": ws.anonymous,
                        "join_code": made.join_code,
                        "facilitator_code": made.facilitator_code,
                    }
                )
            )
            return
        emit(
            f"Workshop '{plain(ws.name)}' on {plain(ws.scenario.title)} ({ws.scenario.id})"
            f"{', anonymous' if ws.anonymous else ''}: {ws.path}\n"
            f"Join code:        {made.join_code}\n"
            f"Facilitator code: {made.facilitator_code}\n"
            "Keep the facilitator code: it releases events, opens rounds and reveals the "
            "outcome, and it is not shown again.\n"
        )


@workshop.command("submit")
@_DB
@click.option("--participant", required=True, metavar="NAME", help="Who is submitting.")
@click.option(
    "--weights",
    "weights_file",
    required=True,
    metavar="FILE",
    type=click.Path(path_type=str),
    help="Weights file (YAML: weights: {criterion: points}).",
)
@click.option("--seat", metavar="PROFILE", help="The stakeholder profile the participant plays.")
@click.option(
    "--round", "round_number", type=int, metavar="N", help="Round (default: the current one)."
)
@click.option("--note", help="Why these weights (default: the weights file's note).")
@click.option(
    "--personal-code",
    "personal_code",
    metavar="CODE",
    help="The code printed by the participant's first submission; needed to submit again.",
)
def submit(
    db: str,
    participant: str,
    weights_file: str,
    seat: str | None,
    round_number: int | None,
    note: str | None,
    personal_code: str | None,
) -> None:
    """Submit a participant's weights.

    The first submission prints the participant's personal code; a later one
    (which replaces the earlier one in the results; both are kept in the store)
    needs it.
    """
    from optionscope.workshop.entries import check_participant_name
    from optionscope.workshop.session import Workshop

    with Workshop.open(db) as ws:
        done = ws.submit_file(
            participant,
            weights_file,
            seat=seat,
            round_number=round_number,
            note=note,
            personal_code=personal_code,
        )
        # in an anonymous workshop the stored name may be a variant: say only the name typed
        who = check_participant_name(participant) if ws.anonymous else done.participant
    again = " (replaces the earlier one)" if done.replaced else ""
    emit(f"Recorded {plain(who)}'s weights for round {done.round}{again}.\n")
    if done.personal_code is not None:
        emit(
            f"Personal code: {done.personal_code} (keep it: submitting again needs it, "
            "with --personal-code)\n"
        )


@workshop.command("status")
@_DB
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.option(
    "--code",
    "code",
    metavar="CODE",
    help="The facilitator code: check the store's seal (a store altered since is refused).",
)
def status(db: str, fmt: str, code: str | None) -> None:
    """Where the workshop stands.

    The round, who has submitted, the events released and waiting, the outcome.
    With the facilitator code, the store is checked against the facilitator's
    seal first; without it, the seal cannot be checked (anyone able to change
    the file could recompute whatever can be checked without a secret).
    """
    from optionscope.workshop.session import Workshop

    with Workshop.open(db) as ws:
        if code is not None:
            ws.check_code(code)
        info = ws.status()
    info["seal_checked"] = code is not None
    if fmt == "json":
        emit(to_json(info))
        return
    rows = [
        ["workshop", info["workshop"]],
        ["scenario", f"{info['scenario']['title']} ({info['scenario']['id']})"],
        ["join code", info["join_code"]],
        ["names", "hidden (anonymous)" if info["anonymous"] else "shown"],
        ["round", info["round"]],
        ["participants", info["participants"]],
        [
            "submitted this round",
            f"{len(info['submitted_this_round'])}: {', '.join(info['submitted_this_round'])}"
            if info["submitted_this_round"]
            else "none yet",
        ],
        ["events released", ", ".join(info["events_released"]) or "none"],
        ["events waiting", ", ".join(info["events_waiting"]) or "none"],
        ["outcome", "revealed" if info["outcome_revealed"] else "not revealed"],
        ["seal", "checked" if code is not None else "not checked (give --code to check it)"],
    ]
    width = max(len(str(k)) for k, _ in rows)
    emit("".join(f"{str(k).ljust(width)}  {plain(v)}\n" for k, v in rows))


@workshop.command("results")
@_DB
@click.option("--round", "round_number", type=int, metavar="N", help="Round (default: current).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "md"]),
    default="table",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--code",
    "code",
    metavar="CODE",
    help="The facilitator code: show names even in an anonymous workshop.",
)
def results(db: str, round_number: int | None, fmt: str, code: str | None) -> None:
    """The group's weights, ranking and disagreements.

    Group weights (mean, geometric mean, median, IQR), the group ranking, each
    participant's ranking, Kendall's W, the most contested criteria, minority
    views and the movement since the previous round.
    """
    from optionscope.workshop.results import render_results
    from optionscope.workshop.session import Workshop

    with Workshop.open(db) as ws:
        if code is not None:
            ws.check_code(code)
        emit(render_results(ws.results(round_number, show_names=code is not None), fmt), fmt)


@workshop.command("event")
@_DB
@click.option("--id", "event_id", metavar="EVENT", help="The event to release (default: the next).")
@_CODE
def event(db: str, event_id: str | None, code: str) -> None:
    """Release the next event, or a named one.

    Its effects change the assessments from the current round on if nobody has
    submitted in it yet, otherwise from the next round: a round's results stay
    as its participants weighed them.
    """
    from optionscope.workshop.session import AFTER_REVEAL, Workshop

    with Workshop.open(db) as ws:
        released = ws.release_event(code, event_id)
        scenario = ws.scenario
    e = released.event
    lines = [
        f"Released in round {released.round}: {e.title} ({e.date}) [{e.id}]",
        AFTER_REVEAL if released.after_reveal else f"In force from round {released.in_force_from}.",
        "",
        e.text,
    ]
    if e.effects:
        lines.append("")
        lines.append("Effects on the assessments:")
        for eff in e.effects:
            who = "every option" if eff.option == "*" else scenario.option(eff.option).label
            crit = scenario.criterion(eff.criterion)
            change = (
                f"set to {eff.value:g} {crit.unit}"
                if eff.value is not None
                else f"{eff.delta or 0.0:+g} {crit.unit}"
            )
            note = f" ({eff.note})" if eff.note else ""
            lines.append(f"- {who}, {crit.name}: {change}{note}")
    emit("\n".join(plain(line) for line in lines) + "\n")


@workshop.command("reveal")
@_DB
@_CODE
def reveal(db: str, code: str) -> None:
    """Reveal what really happened.

    Prints the scenario's outcome and compares it with the group's first choice.
    """
    from optionscope.workshop.session import Workshop

    with Workshop.open(db) as ws:
        outcome = ws.reveal(code)
        res = ws.results()
        scenario = ws.scenario
    lines = [f"What really happened ({outcome.date}):", "", outcome.text]
    if outcome.sources:
        lines.append(f"Sources: {', '.join(outcome.sources)}")
    group = res.group
    if outcome.closest_option:
        lines.append("")
        lines.append(f"Closest option: {scenario.option(outcome.closest_option).label}.")
    if group is not None:
        first = " = ".join(scenario.option(o).label for o in group.group_first_choice)
        lines.append(f"The group's first choice in round {res.round}: {first}.")
        if outcome.closest_option:
            agree = outcome.closest_option in group.group_first_choice
            lines.append(
                "The group's first choice matches the real decision."
                if agree
                else "The group's first choice differs from the real decision."
            )
    emit("\n".join(plain(line) for line in lines) + "\n")


@workshop.command("next-round")
@_DB
@_CODE
@click.option(
    "--round",
    "expected",
    type=click.IntRange(1),
    help="Close only if this is still the current round (guards against a double close).",
)
def next_round(db: str, code: str, expected: int | None) -> None:
    """Close the current round and open the next."""
    from optionscope.workshop.session import Workshop

    with Workshop.open(db) as ws:
        number = ws.next_round(code, expected)
    emit(f"Round {number} is open; round {number - 1} is closed.\n")


@workshop.command("export")
@_DB
@_CODE
def export(db: str, code: str) -> None:
    """Everything in the store as JSON, with names (needs the facilitator code).

    For the facilitator's records: scenario, participants, every submission,
    events and the results of every round.
    """
    from optionscope.workshop.results import export_json
    from optionscope.workshop.session import Workshop

    with Workshop.open(db) as ws:
        ws.check_code(code)
        emit(to_json(export_json(ws)))


@workshop.command("brief")
@click.argument("scenario")
@click.option(
    "--output",
    "-o",
    required=True,
    metavar="FILE.md|FILE.html",
    type=FilePath(dir_okay=False, path_type=str),
    help="Where to write the brief; the suffix chooses Markdown or HTML.",
)
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
def brief(scenario: str, output: str, force: bool) -> None:
    """Write a printable participants' brief (.md or .html).

    The question, the options with costs, risks and trade-offs, the criteria
    and the seats; no events and no outcome.
    """
    from optionscope.io.files import write_atomic
    from optionscope.io.scenario_files import load_scenario
    from optionscope.report.handout import brief_for_path

    s = load_scenario(scenario)
    text = brief_for_path(s, output)
    try:
        write_atomic(output, text, overwrite=force)
    except FileExistsError:
        raise InputError.at(output, "exists already; pass --force to replace it") from None
    click.echo(f"wrote {output}", err=True)


# The workshop in a terminal and in the browser ----------------------------------------


def _run_workshop_tui(db: str, role: str) -> None:
    """Check the store (bad input exits 2 before the screen opens), then run the app."""
    from optionscope.workshop.session import Workshop

    with Workshop.open(db):
        pass
    try:
        from optionscope.tui.workshop import run_workshop_app  # textual is imported only here
    except ImportError as err:
        raise click.ClickException(f"the terminal UI is not available: {err}") from None
    run_workshop_app(db, "facilitate" if role == "facilitate" else "join")


@workshop.command("join")
@_DB
def join(db: str) -> None:
    """Take part in a workshop in this terminal.

    Asks for the join code and your name, then your seat; you weigh the criteria
    and submit. The facilitator code opens the facilitator's dashboard instead.
    """
    _run_workshop_tui(db, "join")


@workshop.command("tui", hidden=True)
@_DB
def tui(db: str) -> None:
    """The same as `workshop join`."""
    _run_workshop_tui(db, "join")


@workshop.command("connect")
@click.argument("url")
def connect(url: str) -> None:
    """Take part from this terminal through a workshop server.

    URL is the address `workshop serve` prints, e.g. http://127.0.0.1:8000. The
    screens are those of the browser page; no access to the store's file is
    needed. Quit with q (or Esc on the join screen).
    """
    try:
        from optionscope.tui.workshop.remote import connect as run_remote
    except ImportError as err:
        raise click.ClickException(f"connecting needs aiohttp: {err}") from None
    run_remote(url)


@workshop.command("facilitate")
@_DB
def facilitate(db: str) -> None:
    """The facilitator's dashboard, in this terminal.

    Asks for the facilitator code. The dashboard reads the store every two
    seconds: submissions, disagreement by criterion, the group ranking and
    Kendall's W; it releases events, opens rounds and reveals the outcome.
    """
    _run_workshop_tui(db, "facilitate")


@workshop.command("serve")
@_DB
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; only this computer can connect unless you change it.",
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--max-sessions",
    default=40,
    show_default=True,
    type=click.IntRange(1),
    help="Browser sessions open at once, in all (each runs two processes).",
)
@click.option(
    "--max-per-client",
    default=3,
    show_default=True,
    type=click.IntRange(1),
    help="Browser sessions open at once from one address.",
)
@click.option(
    "--idle-minutes",
    default=30.0,
    show_default=True,
    type=click.FloatRange(min=0.01),
    help="Close a session with no key, click or resize for this long.",
)
def serve(
    db: str, host: str, port: int, max_sessions: int, max_per_client: int, idle_minutes: float
) -> None:
    """Serve the workshop to web browsers (textual-serve).

    Each browser tab runs `workshop join` on the store: participants type the
    join code and a name, the facilitator types the facilitator code. Every file
    the page loads comes from this server; nothing is fetched from the internet.
    Participants need no access to the store's file: the server, run by its
    owner, writes it. Sessions from another web site's page, beyond the limits
    or idle too long are refused or closed, and each refusal is logged on stderr.
    """
    from optionscope.workshop.session import Workshop

    with Workshop.open(db):  # a bad store is refused here, not in every browser tab
        pass
    try:
        from optionscope.tui.workshop.serve import SessionLimits, is_loopback, workshop_server
    except ImportError as err:
        raise click.ClickException(f"browser access needs textual-serve: {err}") from None
    if not is_loopback(host):
        click.echo(
            f"warning: serving on {host}: anyone who can reach this address and port can "
            "open the workshop page; the join and facilitator codes are the only protection, "
            "and the connection is not encrypted (plain HTTP)",
            err=True,
        )
    limits = SessionLimits(max_per_client, max_sessions, idle_minutes * 60)
    server = workshop_server(db, host=host, port=port, limits=limits)
    click.echo(f"Serving the workshop on {server.public_url} (Ctrl+C stops)", err=True)
    server.serve()


from optionscope.cli.exercise import add_exercise_commands  # noqa: E402

add_exercise_commands(workshop)
