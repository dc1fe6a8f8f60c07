"""Scenarios read before, kept ready: a file's checked model, stored under its text's hash.

Reading and checking a scenario file is most of what a short command does after
start-up (about 20 ms for a bundled pack, seconds for 10,000 options). A text that
passed is stored, pickled, in the user's cache directory under a key made of:

- the text itself and whether it passed `--strict`;
- the code that reads it: optionscope's and pydantic's versions, Python's, and the
  size and modification time of every module that builds or checks the model.

The next command given the same text under the same code loads that instead; any
change to either is a new key, so a stored model is never older than what it stands
for. Only what this program stored is read: the directory must belong to the user
(created private), and a file that does not hold a scenario is ignored and replaced.
A problem with the cache (no space, no permission) never stops a command: the file is
then read as if there were no cache.

`OPTIONSCOPE_CACHE=off` turns it off; `OPTIONSCOPE_CACHE=DIR` puts it in DIR.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import time
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

from optionscope.io.bulk import collector_paused
from optionscope.io.settings import user_dir

if TYPE_CHECKING:
    from optionscope.model.scenario import Scenario

CACHE_ENV = "OPTIONSCOPE_CACHE"
KEEP = 64
"""Stored scenarios kept; the least recently used go first."""
KEEP_BYTES = 512 * 1024 * 1024
"""Their size together, at most; the least recently used go first."""
LARGEST = 256 * 1024 * 1024
"""A pickled scenario larger than this is not stored."""
_PACKAGE = Path(__file__).resolve().parents[1]
_READERS = ("io/scenario_files.py", "io/plain_yaml.py", "io/yaml_loader.py", "io/bulk.py")


def cache_dir() -> Path | None:
    """Where scenarios are stored, or None when the cache is off."""
    named = os.environ.get(CACHE_ENV, "")
    if named.lower() in ("off", "0", "no", "false"):
        return None
    if named:
        return Path(named)
    return user_dir("cache") / "scenarios"


def _code_stamp() -> bytes:
    """Versions, and size and time of every module that builds or checks the model."""
    import pydantic

    from optionscope import __version__

    parts = [__version__, pydantic.VERSION, sys.version]
    names = sorted(p for p in os.listdir(_PACKAGE / "model") if p.endswith(".py"))
    for name in [f"model/{n}" for n in names] + list(_READERS):
        try:
            stat = os.stat(_PACKAGE / name)
        except OSError:
            continue
        parts.append(f"{name}:{stat.st_size}:{stat.st_mtime_ns}")
    return "\n".join(parts).encode()


def key(text: str, *, strict: bool) -> str:
    """The name a text's scenario is stored under."""
    digest = hashlib.sha256(_code_stamp())
    digest.update(b"strict\n" if strict else b"plain\n")
    digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _usable(folder: Path) -> bool:
    """The folder exists and is the user's own (not another's, where anyone could write)."""
    try:
        stat = folder.stat()
    except OSError:
        return False
    getuid = getattr(os, "getuid", None)
    return getuid is None or stat.st_uid == getuid()


def has(name: str) -> bool:
    """Whether a scenario is stored under `name` (which `load` may yet find damaged)."""
    folder = cache_dir()
    return folder is not None and _usable(folder) and (folder / f"{name}.pickle").is_file()


def load(name: str) -> Scenario | None:
    """The scenario stored under `name`, or None."""
    folder = cache_dir()
    if folder is None or not _usable(folder):
        return None
    path = folder / f"{name}.pickle"
    try:
        with open(path, "rb") as file:
            data = file.read()
    except OSError:
        return None
    from optionscope.model.scenario import Scenario

    try:
        # a stored scenario makes no reference cycles either: collecting while it is
        # rebuilt only rescans it (two thirds of loading 10,000 options, 0.7 s of 1 s)
        with collector_paused():
            scenario = pickle.loads(data)
    except Exception:  # a damaged or foreign file: read the text instead, store it anew
        return None
    if not isinstance(scenario, Scenario):
        return None
    with suppress(OSError):
        os.utime(path)  # recently used: kept longest
    return scenario


def store(name: str, scenario: Scenario) -> None:
    """Keep `scenario` under `name`; any failure leaves the cache as it was."""
    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _usable(folder):
            return
        data = pickle.dumps(scenario, protocol=pickle.HIGHEST_PROTOCOL)
        if len(data) > LARGEST:
            return
        partial = folder / f"{name}.{os.getpid()}.partial"
        with open(partial, "wb") as file:
            file.write(data)
        os.replace(partial, folder / f"{name}.pickle")
        _prune(folder)
    except OSError:
        return


def _prune(folder: Path) -> None:
    """Only the `KEEP` most recently used scenarios stay, within `KEEP_BYTES`."""
    stored = []
    for entry in os.scandir(folder):
        if entry.name.endswith(".partial"):  # a write that never finished
            with suppress(OSError):
                if entry.stat().st_mtime < time.time() - 3600:
                    os.unlink(entry.path)
        elif entry.name.endswith(".pickle"):
            try:
                stat = entry.stat()
            except OSError:
                continue
            stored.append((stat.st_mtime_ns, stat.st_size, entry.path))
    total = 0
    for kept, (_, size, path) in enumerate(sorted(stored, reverse=True)):
        total += size
        if kept >= KEEP or (kept > 0 and total > KEEP_BYTES):
            with suppress(OSError):
                os.unlink(path)
