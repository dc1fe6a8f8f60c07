"""What a result needs to be reproduced: the version, the scenario content hash, the seed."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from optionscope import __version__
from optionscope.model.scenario import Scenario


def scenario_hash(scenario: Scenario) -> str:
    """SHA-256 of the scenario's content (canonical JSON), independent of layout and comments."""
    canonical = json.dumps(
        scenario.model_dump(mode="json"), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def provenance(scenario: Scenario, seed: int | None = None) -> dict[str, Any]:
    """`{"optionscope": version, "scenario_hash": ..., "seed": ...}` for a result's JSON."""
    return {"optionscope": __version__, "scenario_hash": scenario_hash(scenario), "seed": seed}
