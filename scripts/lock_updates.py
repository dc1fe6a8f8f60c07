"""Report what a refresh of uv.lock would change against the newest releases.

    .venv/bin/python scripts/lock_updates.py

Resolves the project again with `uv lock --upgrade` in a temporary copy of
pyproject.toml and uv.lock, then lists every package whose locked version would
change, appear or go. The repository's lock is never touched and the exit code
is 0 whatever would change (2 only when uv itself cannot run), so this never
blocks CI. Run it before `uv lock --upgrade`, to see the size of the step.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def locked_versions(lock: Path) -> dict[str, str]:
    """Each package of a uv.lock and its version (the project itself left out)."""
    data = tomllib.loads(lock.read_text(encoding="utf-8"))
    return {
        p["name"]: str(p.get("version", ""))
        for p in data.get("package", [])
        if "editable" not in p.get("source", {}) and "virtual" not in p.get("source", {})
    }


def changes(old: dict[str, str], new: dict[str, str]) -> list[tuple[str, str, str]]:
    """(package, locked now, newest) for every package that differs."""
    rows = []
    for name in sorted(old.keys() | new.keys()):
        before, after = old.get(name, "-"), new.get(name, "-")
        if before != after:
            rows.append((name, before, after))
    return rows


def main() -> int:
    uv = shutil.which("uv") or str(Path(sys.executable).with_name("uv"))
    if not Path(uv).exists():
        print("error: uv is not installed; run the README's install command first", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for name in ("pyproject.toml", "uv.lock", "README.md"):
            shutil.copy2(ROOT / name, work / name)
        done = subprocess.run(
            [uv, "lock", "--upgrade", "--quiet", "--directory", str(work)],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            print(f"error: uv lock --upgrade failed:\n{done.stderr}", file=sys.stderr)
            return 2
        rows = changes(locked_versions(ROOT / "uv.lock"), locked_versions(work / "uv.lock"))
    if not rows:
        print("uv.lock is up to date with the newest releases the ranges in pyproject.toml allow.")
        return 0
    width = max(len(r[0]) for r in rows)
    print(f"{'package':<{width}}  locked      newest")
    for name, before, after in rows:
        print(f"{name:<{width}}  {before:<10}  {after}")
    print(f"\n{len(rows)} package(s) would change; nothing was written.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
