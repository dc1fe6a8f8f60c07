"""Forecasts scored at the reveal.

An exercise plan may ask yes/no questions that one of the scenario's events
or its outcome resolves. Participants give a probability (0 to 1) for each
question while it is open: before its event is released, or before the
reveal. A forecast is given under the personal code the participant's first
submission of weights handed out, as a later submission is: nobody can
forecast in another's name. Once resolved, each forecast is scored with the Brier score,
(probability - answer)^2 with answer 1 for yes and 0 for no; a participant's
and a seat's score is the mean over their resolved forecasts (0 is perfect,
0.25 is always saying 50%). The group's calibration bins the forecasts by
probability (tenths) and compares each bin's mean forecast with how often the
answer was yes.
"""

from __future__ import annotations

import math
from typing import Any

from optionscope.io.errors import InputError
from optionscope.model.checks import suggest
from optionscope.model.exercise import Exercise, Forecast
from optionscope.workshop.entries import check_participant_name
from optionscope.workshop.exercise import plan
from optionscope.workshop.participants import check_holder
from optionscope.workshop.session import Workshop


def resolved(workshop: Workshop, exercise: Exercise) -> dict[str, bool]:
    """Question id -> answer, for the questions resolved so far."""
    released = {e.event.id for e in workshop.released_events()}
    revealed = workshop.revealed()
    return {
        f.id: f.answer
        for f in exercise.forecasts
        if (f.resolves_with == "outcome" and revealed) or f.resolves_with in released
    }


def open_questions(workshop: Workshop, exercise: Exercise) -> list[Forecast]:
    """The questions still taking forecasts: not resolved, and the outcome not revealed."""
    if workshop.revealed():
        return []
    done = resolved(workshop, exercise)
    return [f for f in exercise.forecasts if f.id not in done]


def give_forecast(
    workshop: Workshop,
    participant: str,
    question: str,
    probability: float,
    *,
    personal_code: str | None,
    seat: str | None = None,
) -> Forecast:
    """Record a participant's probability for an open question.

    `personal_code` must be the participant's own (handed out by their first
    submission); without it, or with someone else's, nothing is recorded.
    """
    name = forecaster(workshop, participant, personal_code)
    exercise = plan(workshop)
    if exercise is None or not exercise.forecasts:
        raise InputError.at(str(workshop.path), "this workshop asks no forecast questions")
    ids = [f.id for f in exercise.forecasts]
    if question not in ids:
        raise InputError.at(
            "--question",
            f"unknown question '{question}'{suggest(question, ids)}; questions: {', '.join(ids)}",
        )
    if not (math.isfinite(probability) and 0.0 <= probability <= 1.0):
        raise InputError.at("--probability", "a probability is a number from 0 to 1, like 0.7")
    if seat is not None and seat not in [p.id for p in workshop.scenario.profiles]:
        raise InputError.at("--seat", f"unknown seat '{seat}'")
    if question in resolved(workshop, exercise):
        raise InputError.at(
            "--question", f"question '{question}' has been resolved: forecasts on it are closed"
        )
    workshop.store.add_forecast(name, seat, question, probability)
    return next(f for f in exercise.forecasts if f.id == question)


def forecaster(workshop: Workshop, participant: str, personal_code: str | None) -> str:
    """The stored name of the participant the personal code proves; InputError otherwise."""
    typed = check_participant_name(participant)
    if personal_code is None:
        raise InputError.at(
            "--personal-code",
            "a forecast needs your personal code (printed by your first submission of "
            "weights); give it with --personal-code, or submit your weights first",
        )
    holder = workshop.member(personal_code)
    check_holder(typed, holder)
    return holder


def brier(probability: float, answer: bool) -> float:
    return (probability - (1.0 if answer else 0.0)) ** 2


def forecast_report(workshop: Workshop, labels: dict[str, str]) -> dict[str, Any] | None:
    """Questions, each participant's and seat's Brier score, the group's calibration."""
    exercise = plan(workshop)
    if exercise is None or not exercise.forecasts:
        return None
    answers = resolved(workshop, exercise)
    given = workshop.store.forecasts()
    questions = []
    for f in exercise.forecasts:
        ps = [p for _, _, q, p, _ in given if q == f.id]
        questions.append(
            {
                "id": f.id,
                "question": f.question,
                "resolved": answers.get(f.id),
                "count": len(ps),
                "group_mean": sum(ps) / len(ps) if ps else None,
                "group_brier": None
                if f.id not in answers or not ps
                else sum(brier(p, answers[f.id]) for p in ps) / len(ps),
            }
        )
    people: dict[str, list[float]] = {}
    seats: dict[str, list[float]] = {}
    seat_of: dict[str, str | None] = {}
    for name, seat, q, p, _ in given:
        if q not in answers:
            continue
        score = brier(p, answers[q])
        people.setdefault(name, []).append(score)
        seat_of[name] = seat
        if seat is not None:
            seats.setdefault(seat, []).append(score)
    seat_names = {p.id: p.name for p in workshop.scenario.profiles}
    bins: dict[int, list[tuple[float, bool]]] = {}
    for _, _, q, p, _ in given:
        if q in answers:
            bins.setdefault(min(int(p * 10), 9), []).append((p, answers[q]))
    return {
        "questions": questions,
        "participants": [
            {
                "participant": labels.get(n, n),
                "seat": seat_names.get(seat_of[n] or "", seat_of[n]),
                "answered": len(s),
                "brier": sum(s) / len(s),
            }
            for n, s in people.items()
        ],
        "seats": [
            {"seat": seat_names.get(k, k), "answered": len(v), "brier": sum(v) / len(v)}
            for k, v in sorted(seats.items())
        ],
        "calibration": [
            {
                "bin": f"{b * 10}-{b * 10 + 10}%",
                "count": len(v),
                "mean": sum(p for p, _ in v) / len(v),
                "observed": sum(1 for _, a in v if a) / len(v),
            }
            for b, v in sorted(bins.items())
        ],
    }
