"""The weights file model shared by --weights, the TUI and workshop submissions."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from optionscope.model.weights import WeightsFile


def test_a_weights_file_holds_raw_points_and_optional_labels() -> None:
    wf = WeightsFile(weights={"cost": 3, "safety": 1}, scenario="tiny", profile="treasurer")
    assert wf.weights == {"cost": 3.0, "safety": 1.0}
    assert (wf.scenario, wf.profile, wf.note) == ("tiny", "treasurer", None)


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ({}, "at least 1 item"),
        ({"cost": -1}, "finite and non-negative"),
        ({"cost": float("nan")}, "finite and non-negative"),
        ({"cost": 0, "safety": 0}, "at least one weight must be positive"),
    ],
    ids=["empty", "negative", "nan", "all-zero"],
)
def test_weights_that_cannot_be_normalised_are_refused(
    weights: dict[str, float], message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        WeightsFile(weights=weights)


def test_a_weights_file_refuses_unknown_keys() -> None:
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        WeightsFile.model_validate({"weights": {"cost": 1}, "profil": "treasurer"})
