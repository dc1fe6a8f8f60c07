"""The weights and what-if values a session ended with, kept per scenario between runs.

Written on quit to the platform's state directory (`platformdirs`), read back only when
the user asks (`optionscope tui --resume`, or "Restore last session" in the palette).
No Textual here.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from optionscope.model.scenario import Scenario
    from optionscope.tui._session import Edits, Session


def state_directory() -> Path:
    """Where optionscope keeps what it remembers between runs (per user, per platform)."""
    from platformdirs import user_state_path

    return user_state_path("optionscope", appauthor=False)


def last_session_file(directory: Path, scenario_id: str) -> Path:
    safe = re.sub(r"[^A-Za-z0-9_.-]", "_", scenario_id)
    return directory / "last-session" / f"{safe}.yaml"


def remember(session: Session, directory: Path) -> Path:
    """Write the session's weights and what-if values for its scenario; the file written."""
    import yaml

    from optionscope.io.files import write_atomic

    data: dict[str, Any] = {
        "scenario": session.scenario.id,
        "weights_label": session.weights_label,
        "profile": session.profile,
        "weights": dict(session.weights),
        "what_if": [
            {"option": oid, "criterion": cid, "value": v}
            for (oid, cid), v in session.overrides.items()
        ],
    }
    path = last_session_file(directory, session.scenario.id)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, yaml.safe_dump(data, sort_keys=False, allow_unicode=True), overwrite=True)
    return path


class NotRestored(ValueError):
    """The kept session does not fit the scenario as it is now (it changed since)."""


def recall(scenario: Scenario, directory: Path) -> Edits | None:
    """The weights and what-if values last kept for this scenario; None when none are kept.

    Raises NotRestored, saying why, when the file is unreadable or no longer fits.
    """
    path = last_session_file(directory, scenario.id)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as err:
        raise NotRestored(f"cannot read {path}: {err}") from None
    # only now: the app asks on every start, and most starts have nothing kept
    import yaml

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        raise NotRestored(f"{path} is not readable YAML") from None
    if not isinstance(data, dict) or not isinstance(data.get("weights"), dict):
        raise NotRestored(f"{path} holds no weights")
    return _edits(scenario, data, path)


def _edits(scenario: Scenario, data: dict[str, Any], path: Path) -> Edits:
    weights = data["weights"]
    known = scenario.criterion_ids
    if set(weights) != set(known):
        raise NotRestored(f"the scenario's criteria changed since {path} was written")
    if not all(_number(v) and v >= 0 for v in weights.values()) or sum(weights.values()) <= 0:
        raise NotRestored(f"{path} holds weights that are not non-negative numbers")
    overrides: dict[tuple[str, str], float] = {}
    for item in data.get("what_if") or []:
        oid, cid, v = (
            item.get(k) if isinstance(item, dict) else None
            for k in ("option", "criterion", "value")
        )
        if oid not in scenario.option_ids or cid not in known or not isinstance(v, int | float):
            raise NotRestored(f"a what-if value in {path} no longer fits the scenario")
        scale = scenario.criterion(str(cid)).scale
        if not (_number(v) and scale.min <= v <= scale.max):
            raise NotRestored(f"a what-if value in {path} is off the criterion's scale")
        overrides[(str(oid), str(cid))] = float(v)
    profile = data.get("profile")
    label = data.get("weights_label")
    from optionscope.tui._session import Edits

    return Edits(
        {cid: float(weights[cid]) for cid in known},
        str(label) if label else "last session's weights",
        str(profile) if profile in {p.id for p in scenario.profiles} else None,
        overrides,
    )


def _number(v: object) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)
