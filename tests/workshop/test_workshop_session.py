"""Workshop rules: submissions, rounds, events, the outcome, anonymity and the export."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from _workshop_support import COMMUTERS, SAFETY_FIRST, SCENARIO, TREASURER

from optionscope.io.errors import InputError
from optionscope.workshop.results import export_json, results_json
from optionscope.workshop.session import Created, Workshop

# Submissions and rounds --------------------------------------------------------


def test_a_resubmission_in_the_same_round_replaces_the_earlier_one_and_keeps_history(
    ws: Workshop,
) -> None:
    first = ws.submit("Ann", TREASURER, note="first thoughts")
    code = first.personal_code
    second = ws.submit("Ann", SAFETY_FIRST, note="second thoughts", personal_code=code)
    assert not first.replaced and second.replaced
    counted = ws.results().submissions
    assert [(s.participant, s.note) for s in counted] == [("Ann", "second thoughts")]
    assert [s.note for s in ws.store.all_submissions()] == ["first thoughts", "second thoughts"]


def test_a_personal_code_names_its_participant_whatever_the_name_typed(ws: Workshop) -> None:
    code = ws.submit("Ann", TREASURER).personal_code
    row = ws.submit("  ann ", COMMUTERS, personal_code=code)
    assert row.participant == "Ann" and row.replaced and row.personal_code is None
    assert [p.name for p in ws.store.participants()] == ["Ann"]


def test_case_is_ignored_in_names_written_in_any_script(ws: Workshop) -> None:
    ws.submit("Ладо", TREASURER)
    with pytest.raises(InputError, match="the name 'ЛАДО' is taken"):
        ws.submit("ЛАДО", COMMUTERS)
    ws.submit("Straße", TREASURER)
    with pytest.raises(InputError, match="the name 'STRASSE' is taken"):
        ws.submit("STRASSE", COMMUTERS)
    assert [p.name for p in ws.store.participants()] == ["Ладо", "Straße"]


def test_a_name_in_full_width_letters_is_the_name_it_looks_like(ws: Workshop) -> None:
    """'ann' and the full-width '\uff21\uff2e\uff2e' were two participants: one could pass
    for the other in every list of names."""
    code = ws.submit("ann", TREASURER).personal_code
    with pytest.raises(InputError, match="is taken"):
        ws.submit("\uff21\uff2e\uff2e", COMMUTERS)
    again = ws.submit("\uff21\uff2e\uff2e", COMMUTERS, personal_code=code)
    assert again.participant == "ann" and again.replaced
    assert [p.name for p in ws.store.participants()] == ["ann"]


def test_no_round_opens_after_the_reveal(made: Created) -> None:
    """After the outcome was revealed, `next-round` still opened a round that took no
    weights."""
    ws, code = made.workshop, made.facilitator_code
    ws.submit("Ann", TREASURER)
    ws.reveal(code)
    with pytest.raises(InputError, match="the exercise is over, and round 1 was its last"):
        ws.next_round(code)
    assert ws.store.current_round() == 1


def test_missing_criteria_weigh_zero_and_weights_are_normalised_in_results(ws: Workshop) -> None:
    ws.submit("Ann", {"cost": 3, "safety": 1})
    (p,) = results_json(ws.results())["participants"]
    assert p["weights"] == pytest.approx({"cost": 0.75, "safety": 0.25, "speed": 0.0})


def test_submissions_go_to_the_current_round_and_closed_rounds_refuse_them(
    made: Created,
) -> None:
    ws = made.workshop
    ann = ws.submit("Ann", TREASURER).personal_code
    assert ws.next_round(made.facilitator_code) == 2
    assert ws.submit("Ann", COMMUTERS, personal_code=ann).round == 2
    with pytest.raises(InputError, match="round 1 is closed; the current round is 2"):
        ws.submit("Bo", COMMUTERS, round_number=1)
    with pytest.raises(InputError, match="round 3 has not been opened"):
        ws.submit("Bo", COMMUTERS, round_number=3)
    with pytest.raises(InputError, match="rounds are numbered from 1"):
        ws.submit("Bo", COMMUTERS, round_number=0)


def test_results_of_an_earlier_round_count_that_rounds_submissions(made: Created) -> None:
    ws = made.workshop
    ann = ws.submit("Ann", TREASURER).personal_code
    ws.next_round(made.facilitator_code)
    ws.submit("Ann", COMMUTERS, personal_code=ann)
    assert ws.results(1).submissions[0].weights == TREASURER
    assert ws.results(2).submissions[0].weights == COMMUTERS
    with pytest.raises(InputError, match="round 3 does not exist"):
        ws.results(3)


def test_the_second_round_reports_movement_since_the_first(made: Created) -> None:
    ws = made.workshop
    ann = ws.submit("Ann", TREASURER).personal_code
    ws.submit("Bo", COMMUTERS)
    ws.next_round(made.facilitator_code)
    ws.submit("Ann", SAFETY_FIRST, personal_code=ann)
    movement = results_json(ws.results())["movement"]
    assert movement["from_round"] == 1
    assert [p["participant"] for p in movement["participants"]] == ["Ann"]
    assert movement["participants"][0]["shift"] == pytest.approx(0.5)


def test_a_seat_must_be_one_of_the_scenarios_profiles(ws: Workshop) -> None:
    assert ws.submit("Ann", TREASURER, seat="treasurer").seat == "treasurer"
    with pytest.raises(InputError, match="unknown seat 'treasurr' \\(did you mean 'treasurer'"):
        ws.submit("Bo", TREASURER, seat="treasurr")


def test_a_weights_file_made_for_another_scenario_is_refused(
    ws: Workshop, weights_file: Callable[..., Path]
) -> None:
    path = weights_file(TREASURER, scenario="minusma-2023")
    with pytest.raises(InputError, match="made for scenario 'minusma-2023'"):
        ws.submit_file("Ann", path)


def test_a_weights_files_note_is_kept_unless_the_command_gives_one(
    ws: Workshop, weights_file: Callable[..., Path]
) -> None:
    path = weights_file(TREASURER, note="Money first.")
    first = ws.submit_file("Ann", path)
    assert first.note == "Money first."
    again = ws.submit_file("Ann", path, note="Changed my mind", personal_code=first.personal_code)
    assert again.note == "Changed my mind"


def test_a_weights_files_note_is_refused_where_it_stands_in_the_file(
    ws: Workshop, weights_file: Callable[..., Path]
) -> None:
    """A note with an escape sequence, in the file, was said to be in --note, which the
    command was not given."""
    path = weights_file(TREASURER, note="\x1b[31mhi")
    with pytest.raises(InputError) as refused:
        ws.submit_file("Ann", path)
    (problem,) = refused.value.problems
    assert (problem.file, problem.field) == (str(path), "note")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert problem.line == 1 + next(i for i, line in enumerate(lines) if line.startswith("note"))
    assert "control characters (found U+001B)" in problem.message
    assert ws.submit_file("Ann", path, note="My own note").note == "My own note"


# Events and the outcome ----------------------------------------------------------


def test_events_are_released_in_the_scenarios_order_or_by_name(made: Created) -> None:
    ws, code = made.workshop, made.facilitator_code
    assert ws.release_event(code).event.id == "flood"
    assert ws.release_event(code, "fuel").event.id == "fuel"
    assert ws.release_event(code).event.id == "grant"
    with pytest.raises(InputError, match="all 3 events of the scenario have been released"):
        ws.release_event(code)
    with pytest.raises(InputError, match="event 'flood' has been released already"):
        ws.release_event(code, "flood")
    with pytest.raises(InputError, match="unknown event 'flod' \\(did you mean 'flood'"):
        ws.release_event(code, "flod")


def test_an_event_released_before_anyone_submits_changes_that_rounds_scores(
    made: Created,
) -> None:
    ws, code = made.workshop, made.facilitator_code
    assert ws.release_event(code, "flood").in_force_from == 1  # the river road floods
    ws.submit("Ann", SAFETY_FIRST)
    after = ws.results().group
    assert after is not None and after.group_first_choice == ["north"]
    assert after.scenario.assessments["south"]["safety"].value == 5


def test_an_event_released_after_submissions_is_in_force_from_the_next_round(
    made: Created,
) -> None:
    ws, code = made.workshop, made.facilitator_code
    ann = ws.submit("Ann", SAFETY_FIRST).personal_code
    shown = results_json(ws.results())
    assert ws.release_event(code, "flood").in_force_from == 2
    assert results_json(ws.results()) == shown  # round 1 stays as its participants weighed
    ws.next_round(code)
    ws.submit("Ann", SAFETY_FIRST, personal_code=ann)
    round2 = ws.results(2)
    assert [e.event.id for e in round2.events] == ["flood"]
    assert round2.group is not None and round2.group.group_first_choice == ["north"]


def test_a_closed_round_keeps_its_results_as_shown_in_the_store_and_the_export(
    made: Created,
) -> None:
    ws, code = made.workshop, made.facilitator_code
    ws.submit("Ann", SAFETY_FIRST)
    ws.submit("Bo", COMMUTERS)
    shown = results_json(ws.results(show_names=True))
    ws.release_event(code, "flood")  # released before the next round is opened
    ws.next_round(code)
    ws.release_event(code, "grant")
    stored = ws.store.round_record(1)
    assert stored is not None and stored[1]["group_ranking"] == shown["group_ranking"]
    assert stored[1]["participants"] == shown["participants"]
    assert stored[1]["group_weights"] == shown["group_weights"]
    assert stored[1]["events"] == [] and results_json(ws.results(1))["events"] == []
    exported = export_json(ws)["results"][0]
    assert exported["group_ranking"] == shown["group_ranking"]
    assert exported["recorded_at"] == stored[0]


def test_movement_compares_what_each_round_showed(made: Created) -> None:
    ws, code = made.workshop, made.facilitator_code
    ann = ws.submit("Ann", SAFETY_FIRST).personal_code  # round 1: south first
    ws.release_event(code, "flood")
    ws.next_round(code)
    ws.submit("Ann", SAFETY_FIRST, personal_code=ann)  # same weights; the flood puts north first
    group = ws.results(2).group
    assert group is not None and group.movement is not None
    (ann,) = group.movement.participants
    assert ann.first_choice_before == ["south"] and ann.first_choice_after == ["north"]
    assert ann.changed_mind and ann.shift == 0.0


def test_submissions_after_the_reveal_are_refused_and_change_nothing(made: Created) -> None:
    ws, code = made.workshop, made.facilitator_code
    ws.submit("Ann", SAFETY_FIRST)
    ws.reveal(code)
    shown = results_json(ws.results())
    with pytest.raises(InputError, match="the outcome has been revealed"):
        ws.submit("Ann", COMMUTERS)
    with pytest.raises(InputError, match="the outcome has been revealed"):
        ws.submit("Newcomer", COMMUTERS)
    assert results_json(ws.results()) == shown
    assert len(ws.store.all_submissions()) == 1
    stored = ws.store.round_record(1)
    assert stored is not None and stored[1]["group_ranking"] == shown["group_ranking"]


def test_an_event_released_in_round_two_leaves_round_one_as_it_was(made: Created) -> None:
    ws, code = made.workshop, made.facilitator_code
    ws.submit("Ann", SAFETY_FIRST)
    ws.next_round(code)
    ws.release_event(code, "flood")
    round1 = ws.results(1)
    assert round1.events == []
    assert round1.group is not None and round1.group.group_first_choice == ["south"]


def test_the_outcome_is_hidden_until_the_facilitator_reveals_it(made: Created) -> None:
    ws, code = made.workshop, made.facilitator_code
    ws.submit("Bo", COMMUTERS)
    assert results_json(ws.results())["outcome"] is None
    outcome = ws.reveal(code)
    assert outcome.closest_option == "north"
    shown = results_json(ws.results())["outcome"]
    assert shown["closest_option"] == "north" and shown["group_chose_it"] is True


def test_a_scenario_without_an_outcome_has_nothing_to_reveal(tmp_path: Path) -> None:
    tiny = Path(__file__).resolve().parents[1] / "data" / "tiny.yaml"
    made = Workshop.create(tmp_path / "ws.db", str(tiny), "No ending")
    with made.workshop as ws, pytest.raises(InputError, match="states no outcome"):
        ws.reveal(made.facilitator_code)


def test_facilitator_actions_need_the_facilitator_code(made: Created) -> None:
    ws = made.workshop
    for action in (ws.release_event, ws.reveal, ws.next_round):
        with pytest.raises(InputError, match="wrong facilitator code"):
            action("ABCD-EFGH-JKLM")
    assert ws.store.released_events() == [] and ws.store.current_round() == 1
    assert not ws.revealed()


def test_the_facilitator_code_may_be_typed_in_lower_case_without_dashes(made: Created) -> None:
    code = made.facilitator_code.replace("-", "").lower()
    assert made.workshop.next_round(code) == 2


# Anonymity and export ----------------------------------------------------------------


@pytest.fixture
def anonymous(tmp_path: Path) -> Created:
    return Workshop.create(tmp_path / "anon.db", str(SCENARIO), "Blind", anonymous=True)


def test_an_anonymous_workshop_shows_participant_numbers_in_join_order(anonymous: Created) -> None:
    ws = anonymous.workshop
    zoe = ws.submit("Zoe", TREASURER, note="Zoe's reasons").personal_code
    ws.submit("Adam", COMMUTERS)
    ws.submit("Zoe", SAFETY_FIRST, personal_code=zoe)  # a resubmission keeps Zoe's number
    shown = results_json(ws.results())
    assert [p["participant"] for p in shown["participants"]] == ["Participant 1", "Participant 2"]
    text = str(shown)
    assert "Zoe" not in text.replace("Zoe's reasons", "") and "Adam" not in text
    assert ws.status()["submitted_this_round"] == ["Participant 1", "Participant 2"]


def test_anonymous_labels_stay_the_same_across_rounds(anonymous: Created) -> None:
    ws = anonymous.workshop
    ws.submit("Zoe", TREASURER)
    adam = ws.submit("Adam", COMMUTERS).personal_code
    ws.next_round(anonymous.facilitator_code)
    ws.submit("Adam", SAFETY_FIRST, personal_code=adam)
    (only,) = results_json(ws.results())["participants"]
    assert only["participant"] == "Participant 2"


def test_the_facilitators_export_has_the_names_of_an_anonymous_workshop(
    anonymous: Created,
) -> None:
    ws = anonymous.workshop
    zoe = ws.submit("Zoe", TREASURER).personal_code
    ws.submit("Zoe", COMMUTERS, personal_code=zoe)
    data = export_json(ws)
    assert data["workshop"]["anonymous"] is True
    assert data["participants"][0]["name"] == "Zoe"
    assert data["participants"][0]["label"] == "Participant 1"
    assert [s["counts"] for s in data["submissions"]] == [False, True]
    assert data["results"][0]["participants"][0]["participant"] == "Zoe"


def test_the_export_holds_the_scenario_rounds_events_and_history(made: Created) -> None:
    ws, code = made.workshop, made.facilitator_code
    ws.submit("Ann", TREASURER, seat="treasurer", note="hm")
    ws.release_event(code)
    ws.next_round(code)
    data = export_json(ws)
    assert data["scenario"]["yaml"] == SCENARIO.read_text(encoding="utf-8")
    assert [r["number"] for r in data["rounds"]] == [1, 2]
    assert [e["id"] for e in data["events"]] == ["flood"]
    assert data["submissions"][0]["seat"] == "treasurer"
    assert "facilitator" not in str(data).lower()


def test_status_says_where_the_workshop_stands(made: Created) -> None:
    ws = made.workshop
    ws.submit("Ann", TREASURER)
    ws.release_event(made.facilitator_code)
    status = ws.status()
    assert status["round"] == 1
    assert status["submitted_this_round"] == ["Ann"]
    assert status["events_released"] == ["flood"]
    assert status["events_waiting"] == ["grant", "fuel"]
    assert status["join_code"] == made.join_code
    assert status["outcome_revealed"] is False


def test_two_facilitators_closing_the_same_round_open_only_one_new_round(
    ws: Workshop, made: Created
) -> None:
    assert ws.next_round(made.facilitator_code, expected=1) == 2
    with pytest.raises(InputError, match="round 1 is already closed; the current round is 2"):
        ws.next_round(made.facilitator_code, expected=1)
    assert ws.next_round(made.facilitator_code, expected=2) == 3
