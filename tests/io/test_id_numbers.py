"""One parser for ID=NUMBER pairs (weights and swing points), one judgement reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from optionscope.io.errors import InputError
from optionscope.io.judgements import judgement_value, read_judgements
from optionscope.io.weights import parse_points, parse_weight_pairs


def test_a_weight_given_twice_is_refused_with_where() -> None:
    # io/weights.py let the last of two --weight cost=... win, where swing points refused it.
    with pytest.raises(InputError) as caught:
        parse_weight_pairs(["cost=10", "safety=5", "cost=30"])
    text = str(caught.value)
    assert "--weight" in text and "'cost' is given twice" in text


def test_points_given_twice_are_refused_the_same_way() -> None:
    with pytest.raises(InputError, match="'a' is given twice"):
        parse_points(["a=100,b=40", "a=20"])


def test_weights_and_points_read_the_same_forms() -> None:
    assert parse_weight_pairs(["a=1,b=2", "c=3"]) == {"a": 1.0, "b": 2.0, "c": 3.0}
    assert parse_points(["a=1,b=2", "c=3"]) == {"a": 1.0, "b": 2.0, "c": 3.0}
    with pytest.raises(InputError, match="non-negative"):
        parse_weight_pairs(["a=-1"])
    with pytest.raises(InputError, match="not ID=NUMBER"):
        parse_points(["a"])


def test_a_judgement_is_a_number_or_a_fraction() -> None:
    assert judgement_value("3") == 3.0
    assert judgement_value("1/4") == 0.25
    assert judgement_value("5x") == 5.0
    with pytest.raises(ValueError):
        judgement_value("1/0")


def test_a_judgement_file_is_read_by_io(tmp_path: Path) -> None:
    path = tmp_path / "j.yaml"
    path.write_text("scenario: tiny\njudgements:\n  - [a, b, 3]\n  - [b, c, 1/2]\n")
    judged, ref = read_judgements(path)
    assert judged == [("a", "b", 3.0), ("b", "c", 0.5)] and ref == "tiny"
    path.write_text("judgements:\n  - [a, b, 3]\n  - [b, c, zero]\n")
    with pytest.raises(InputError) as caught:
        read_judgements(path)
    assert ":3" in str(caught.value) or "line 3" in str(caught.value)
