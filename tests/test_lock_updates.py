"""The lock and the script that reports what a refresh of it would change."""

from __future__ import annotations

import runpy
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = runpy.run_path(str(ROOT / "scripts" / "lock_updates.py"))


def test_the_lock_pins_the_textual_version_the_snapshots_were_taken_with() -> None:
    versions = SCRIPT["locked_versions"](ROOT / "uv.lock")
    assert versions["textual"] == "8.2.8"
    assert "optionscope" not in versions
    assert {"numpy", "pydantic", "pyyaml", "pytest"} <= versions.keys()


def test_the_report_lists_changed_new_and_removed_packages_only() -> None:
    old = {"numpy": "2.3.0", "click": "8.2.0", "gone": "1.0"}
    new = {"numpy": "2.4.1", "click": "8.2.0", "fresh": "0.1"}
    assert SCRIPT["changes"](old, new) == [
        ("fresh", "-", "0.1"),
        ("gone", "1.0", "-"),
        ("numpy", "2.3.0", "2.4.1"),
    ]
