"""A 90-minute MINUSMA exercise from the facilitator's guide, end to end on one host.

A dozen simulated participants (some through the Python API, some through the
command line) take the eight seats; the exercise clock is driven by a fake
clock, never by the wall clock. Timed and seat-targeted injects must arrive
where they should, forecasts must be scored at the reveal, and the
after-action report must reproduce every round exactly as it was shown.
"""

from __future__ import annotations

import random
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from markdown_render import rendered_text
from optionscope.cli.workshop import workshop
from optionscope.io.errors import InputError
from optionscope.io.scenario_files import bundled_dir
from optionscope.model.results import VALUE_SCALE
from optionscope.present.numbers import format_difference, percent, score_labels
from optionscope.report.after_action import (
    after_action,
    after_action_markdown,
    md,
    weight_change,
)
from optionscope.workshop.exercise import clock, seat_view
from optionscope.workshop.forecasts import brier
from optionscope.workshop.results import results_json
from optionscope.workshop.session import Workshop

PLAN = bundled_dir() / "exercises" / "minusma-2023-90min.yaml"
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

# twelve people on eight seats: two seats have three people, the others one or two
PEOPLE = [
    ("Ama", "un-secretariat"),
    ("Ben", "mali-transition"),
    ("Chen", "france-penholder"),
    ("Dara", "russia"),
    ("Eli", "united-states"),
    ("Fatou", "african-tccs"),
    ("Gus", "au-ecowas"),
    ("Hana", "civil-society"),
    ("Ivo", "african-tccs"),
    ("Jun", "civil-society"),
    ("Kemi", "mali-transition"),
    ("Lou", "un-secretariat"),
]
BY_CLI = {"Chen", "Fatou", "Kemi"}


def run(*args: str) -> Result:
    return CliRunner().invoke(workshop, list(args), catch_exceptions=False)


class FakeClock:
    def __init__(self) -> None:
        self.minute = 0.0

    def __call__(self) -> str:
        return (START + timedelta(minutes=self.minute)).isoformat(timespec="milliseconds")


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    clock_ = FakeClock()
    monkeypatch.setattr("optionscope.workshop.store.now", clock_)
    monkeypatch.setattr("optionscope.workshop.exercise.now", clock_)
    monkeypatch.setattr("optionscope.workshop.session.now", clock_)
    return clock_


PERSONAL_CODES: dict[str, str] = {}
"""Each participant's personal code, from their first submission (`weigh`)."""


def weigh(ws: Workshop, rng: random.Random, tmp: Path, round_tag: str) -> None:
    """Every participant submits their seat's weights, varied a little."""
    for name, seat in PEOPLE:
        base = ws.scenario.profile(seat).weights
        weights = {c: max(0.0, w * rng.uniform(0.7, 1.3)) for c, w in base.items()}
        known = PERSONAL_CODES.get(f"{ws.path}:{name}")
        if name in BY_CLI:
            path = tmp / f"{name}-{round_tag}.yaml"
            path.write_text(yaml.safe_dump({"weights": weights}), encoding="utf-8")
            db = str(ws.path)
            again = ["--personal-code", known] if known else []
            note = f"{name} <b>from</b> {seat}"
            result = run("submit", "--db", db, "--participant", name, "--weights", str(path),
                         "--seat", seat, "--note", note, *again)  # fmt: skip
            assert result.exit_code == 0, result.output
            given = re.search(r"Personal code: (\S+)", result.stdout)
            code = given.group(1) if given else None
        else:
            row = ws.submit(name, weights, seat=seat, note=f"{name}: [{seat}] *why*",
                            personal_code=known)  # fmt: skip
            code = row.personal_code
        if code is not None:
            PERSONAL_CODES[f"{ws.path}:{name}"] = code


def test_a_90_minute_minusma_exercise_runs_end_to_end(fake: FakeClock, tmp_path: Path) -> None:
    rng = random.Random(2023)
    db = str(tmp_path / "drill.db")
    made = run("new", "minusma-2023", "--db", db, "--name", "MINUSMA drill", "--format", "json")
    code = yaml.safe_load(made.stdout)["facilitator_code"]
    assert run("plan", str(PLAN), "--db", db, "--code", code).exit_code == 0
    assert run("start", "--db", db, "--code", code).exit_code == 0
    ws = Workshop.open(db)
    shown: dict[int, dict[str, object]] = {}
    given: dict[tuple[str, str], float] = {}

    def forecast(name: str, seat: str, question: str, p: float) -> None:
        mine = PERSONAL_CODES[f"{ws.path}:{name}"]
        result = run("forecast", "--db", db, "--participant", name, "--personal-code", mine,
                     "--question", question, "--probability", str(p), "--seat", seat)  # fmt: skip
        assert result.exit_code == 0, result.output
        given[(name, question)] = p

    fake.minute = 5
    assert clock(ws).phase is not None and clock(ws).phase.id == "opening"  # type: ignore[union-attr]

    # Round 1: everyone weighs, then forecasts under the personal code it handed out
    fake.minute = 15
    weigh(ws, rng, tmp_path, "r1")
    for name, seat in PEOPLE:
        for q in ("extension-recommended", "consent-withdrawn", "mandate-renewed"):
            forecast(name, seat, q, round(rng.uniform(0.05, 0.95), 2))
    fake.minute = 30
    c = clock(ws)
    assert [i.id for i in c.due] == ["hr-chief"] and c.phase and c.phase.id == "plenary-1"
    round1 = results_json(ws.results(1, show_names=True))
    assert run("inject", "--db", db, "--code", code).exit_code == 0  # the next timed: hr-chief
    assert results_json(ws.results(1, show_names=True)) == round1  # round 1 stays as shown
    fake.minute = 35
    assert run("inject", "--db", db, "--code", code).exit_code == 0  # flights
    fake.minute = 40
    shown[1] = results_json(ws.results(1, show_names=True))
    assert run("next-round", "--db", db, "--code", code).exit_code == 0

    # Round 2 with seat-targeted injects
    fake.minute = 42
    out = run("inject", "--db", db, "--code", code)
    assert "to mali-transition, russia" in out.stdout
    fake.minute = 45
    run("inject", "--db", db, "--code", code)
    for seat, expected in (
        ("mali-transition", {"hr-chief", "flights", "capital-instructions"}),
        ("russia", {"hr-chief", "flights", "capital-instructions"}),
        ("african-tccs", {"hr-chief", "flights", "contributors-worried"}),
        ("civil-society", {"hr-chief", "flights"}),
    ):
        view = seat_view(ws, seat)
        assert {r.inject.id for r in view.injects} == expected
        assert view.brief
    seat_screen = run("seat", "--db", db, "--seat", "civil-society").stdout
    assert "Instructions from your capital" not in seat_screen
    assert "round 2" in seat_screen.lower() and "left" in seat_screen
    fake.minute = 50
    weigh(ws, rng, tmp_path, "r2")
    fake.minute = 62
    forecast("Ama", "un-secretariat", "consent-withdrawn", 0.8)  # updated: the last one counts

    # June 2023: the last news, round 3, the reveal
    fake.minute = 70
    run("inject", "--db", db, "--code", code)  # sg-recommends: resolves a question
    late = run("forecast", "--db", db, "--participant", "Ben", "--question",
               "extension-recommended", "--probability", "0.9",
               "--personal-code", PERSONAL_CODES[f"{ws.path}:Ben"])  # fmt: skip
    assert late.exit_code == 2 and "has been resolved" in late.stderr
    fake.minute = 72
    run("inject", "--db", db, "--code", code)  # consent withdrawn
    shown[2] = results_json(ws.results(2, show_names=True))
    run("next-round", "--db", db, "--code", code)
    fake.minute = 74
    weigh(ws, rng, tmp_path, "r3")
    fake.minute = 78
    shown[3] = results_json(ws.results(3, show_names=True))
    assert run("reveal", "--db", db, "--code", code).exit_code == 0
    with pytest.raises(InputError, match="revealed"):
        ws.submit("Ama", dict(ws.scenario.profile("un-secretariat").weights))
    ama = PERSONAL_CODES[f"{ws.path}:Ama"]
    after = run("forecast", "--db", db, "--participant", "Ama", "--question", "mandate-renewed",
                "--probability", "0.1", "--personal-code", ama)  # fmt: skip
    assert after.exit_code == 2 and "has been resolved" in after.stderr

    # Forecasts scored at the reveal
    data = after_action(ws)
    answers = {"extension-recommended": True, "consent-withdrawn": True, "mandate-renewed": False}
    scores = {p["participant"]: p["brier"] for p in data["forecasts"]["participants"]}
    assert len(scores) == 12
    for name, _ in PEOPLE:
        mine = [brier(p, answers[q]) for (n, q), p in given.items() if n == name]
        assert scores[name] == pytest.approx(sum(mine) / len(mine))
    assert {s["seat"] for s in data["forecasts"]["seats"]} == {
        ws.scenario.profile(seat).name for _, seat in PEOPLE
    }
    assert sum(b["count"] for b in data["forecasts"]["calibration"]) == 36

    # The after-action report reproduces every round exactly as shown
    assert [r["round"] for r in data["rounds"]] == [1, 2, 3]
    for r in data["rounds"]:
        before = shown[r["round"]]
        for key in ("group_ranking", "group_weights", "participants", "events", "minority",
                    "concordance", "contested", "movement"):  # fmt: skip
            assert r[key] == before[key], (r["round"], key)
        # the whole record, not only those parts; what differs is when it was taken: the
        # round then current, and for the last round the outcome, revealed as it closed
        taken = ("recorded_at", "current_round", "outcome")
        assert {k: v for k, v in r.items() if k not in taken} == {
            k: v for k, v in before.items() if k not in taken
        }, r["round"]
    assert data["rounds"][-1]["outcome"]["date"] == "2023-06-30"
    assert [e["id"] for e in data["events"]] == [
        "hr-chief-expelled", "flights-refused", "sg-recommends-extension", "consent-withdrawn"
    ]  # fmt: skip
    assert [e["in_force_from"] for e in data["events"]] == [2, 2, 3, 3]
    page = after_action_markdown(ws)
    labels = {o.id: o.label for o in ws.scenario.options}
    for n, before in shown.items():
        ranking = before["group_ranking"]  # type: ignore[index]
        first = ranking[0]
        # scores as every ranking prints them (as many decimals as tell them apart)
        score = score_labels([x["score"] for x in ranking], VALUE_SCALE)[0]
        row = f"| 1 | {md(labels[first['option']])} | {score} |"
        assert row in page, (n, row)
    # weights and their spread read as percentages, margins as score differences (they
    # read as fractions, IQR 0.125, mean weight +0.050, and margins with one decimal)
    flat = " ".join(page.split())
    contested = [c for r in data["rounds"] for c in r.get("contested") or []]
    moved = [c for e in data["events"] if e["moves"] for c in e["moves"]["criteria"]]
    minority = [m for r in data["rounds"] for m in r.get("minority") or []]
    assert contested and moved
    for c in contested:
        assert f"{md(c['name'])} (IQR {md(percent(c['iqr']))})" in flat
    for c in moved:
        if c["mean_change"]:
            assert f"mean weight {md(weight_change(c['mean_change']))}" in flat
    for m in minority:
        assert f"by {format_difference(m.get('margin', 0.0), VALUE_SCALE)} points" in flat
    assert "Lessons (for the facilitator to fill in)" in page
    assert not re.search(r"(?<!\\)<[A-Za-z/!]", page)  # no raw HTML from notes
    out_html = tmp_path / "aar.html"
    assert run("aar", "--db", db, "-o", str(out_html)).exit_code == 0
    page_html = out_html.read_text(encoding="utf-8")
    assert "<b>from</b>" not in page_html and "&lt;b&gt;from&lt;/b&gt;" in page_html
    assert run("aar", "--db", db, "-o", str(out_html)).exit_code == 2  # never overwrites
    ws.close()


def test_a_forecast_from_the_command_line_needs_the_participants_own_personal_code(
    tmp_path: Path,
) -> None:
    db = str(tmp_path / "drill.db")
    made = run("new", "minusma-2023", "--db", db, "--name", "Drill", "--format", "json")
    code = yaml.safe_load(made.stdout)["facilitator_code"]
    assert run("plan", str(PLAN), "--db", db, "--code", code).exit_code == 0
    with Workshop.open(db) as ws:
        ama = ws.submit("Ama", dict(ws.scenario.profile("russia").weights)).personal_code
        ben = ws.submit("Ben", dict(ws.scenario.profile("russia").weights)).personal_code
    assert ama is not None and ben is not None
    ask = ("forecast", "--db", db, "--question", "mandate-renewed", "--probability", "0.825")

    without = run(*ask, "--participant", "Ama")
    assert without.exit_code == 2 and "Traceback" not in without.stderr
    assert "a forecast needs your personal code" in without.stderr
    newcomer = run(*ask, "--participant", "Zed")
    assert newcomer.exit_code == 2 and "a forecast needs your personal code" in newcomer.stderr
    someone_elses = run(*ask, "--participant", "Ama", "--personal-code", ben)
    assert someone_elses.exit_code == 2
    assert "that personal code is not Ama's" in someone_elses.stderr
    unknown = run(*ask, "--participant", "Ama", "--personal-code", "ABCD-EFGH-JKLM-NPQR")
    assert unknown.exit_code == 2 and "does not belong to anyone" in unknown.stderr
    with Workshop.open(db) as ws:
        assert ws.store.forecasts() == []  # nothing recorded in anyone's name

    own = run(*ask, "--participant", "ama", "--personal-code", ama.lower())
    assert own.exit_code == 0, own.output
    # the probability is echoed, and summed up after the exercise, as it was given (it read
    # 82% in both)
    assert own.stdout.startswith("Recorded 82.5% for: ")
    with Workshop.open(db) as ws:
        assert [(n, q, p) for n, _, q, p, _ in ws.store.forecasts()] == [
            ("Ama", "mandate-renewed", 0.825)
        ]
        ws.reveal(code)  # resolves the question (with the outcome): its forecasts are scored
        rows = [row for row in after_action_markdown(ws).splitlines() if "82.5%" in row]
        assert len(rows) == 2  # the question's group mean, the calibration's mean forecast


def test_a_bundled_exercise_is_attached_by_its_id(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # as after an install: no scenarios/ folder at hand
    made = run("new", "minusma-2023", "--db", "drill.db", "--name", "Drill", "--format", "json")
    code = yaml.safe_load(made.stdout)["facilitator_code"]
    typo = run("plan", "minusma-2023-90mn", "--db", "drill.db", "--code", code)
    assert typo.exit_code == 2 and "Traceback" not in typo.stderr
    assert "no bundled exercise or file of that name (did you mean 'minusma-2023-90min'" in (
        typo.stderr
    )
    done = run("plan", "minusma-2023-90min", "--db", "drill.db", "--code", code)
    assert done.exit_code == 0, done.output
    with Workshop.open("drill.db") as ws:
        assert ws.store.meta()["exercise_yaml"] == PLAN.read_text(encoding="utf-8")


def test_a_mistake_in_an_exercise_file_is_refused_at_its_line(tmp_path: Path) -> None:
    db = str(tmp_path / "drill.db")
    made = run("new", "minusma-2023", "--db", db, "--name", "Drill", "--format", "json")
    code = yaml.safe_load(made.stdout)["facilitator_code"]
    text = PLAN.read_text(encoding="utf-8").replace("seats: [african-tccs]", "seats: [african-tcc]")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    line = next(i for i, s in enumerate(text.splitlines(), 1) if "african-tcc]" in s)
    result = CliRunner().invoke(workshop, ["plan", str(bad), "--db", db, "--code", code])
    assert result.exit_code == 2
    assert f"bad.yaml:{line}:" in result.stderr
    assert "unknown seat 'african-tcc' (did you mean 'african-tccs'" in result.stderr
    assert "Traceback" not in result.stderr
    with Workshop.open(db) as ws:
        assert "exercise_yaml" not in ws.store.meta()  # nothing attached


def test_the_after_action_report_shows_participant_text_as_text(tmp_path: Path) -> None:
    db = str(tmp_path / "drill.db")
    made = Workshop.create(db, "minusma-2023", "Drill <i>")
    ws, code = made.workshop, made.facilitator_code
    hostile = "<script>alert(1)</script> [link](javascript:x) *bold* &amp; # heading"
    ws.submit("Eve <img src=x>", dict(ws.scenario.profile("russia").weights), note=hostile)
    ws.next_round(code)
    page = after_action_markdown(ws)
    assert not re.search(r"(?<!\\)<[A-Za-z/!]", page)
    assert "\\[link\\]" in page and "\\*bold\\*" in page and "&amp;amp;" in page
    assert hostile in rendered_text(page)  # a reader sees the note as it was typed
    from optionscope.report.after_action import after_action_html

    html_page = after_action_html(ws)
    assert "<script>" not in html_page and "<img" not in html_page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html_page
    ws.close()


@pytest.mark.parametrize(
    "path", sorted((bundled_dir() / "exercises").glob("*.yaml")), ids=lambda p: p.stem
)
def test_every_bundled_exercise_file_fits_its_scenario(path: Path) -> None:
    from optionscope.io.exercise_files import exercise_for, load_exercise_text
    from optionscope.io.scenario_files import load_scenario

    text = load_exercise_text(path)
    scenario_id = yaml.safe_load(text)["scenario"]
    scenario = load_scenario(scenario_id)
    exercise = exercise_for(text, str(path), scenario)
    assert exercise.forecasts and exercise.injects
    assert set(exercise.briefs) == {p.id for p in scenario.profiles}
    events = {e.id for e in scenario.events}
    for f in exercise.forecasts:  # every answer follows from the pack's events or outcome
        assert f.resolves_with == "outcome" or f.resolves_with in events
