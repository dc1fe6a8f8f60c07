"""The scenario cache: the same text under the same code loads what was checked before;
anything else is read and checked again, and a bad cache never changes a result."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from optionscope.io import scenario_cache
from optionscope.io.errors import InputError
from optionscope.io.scenario_files import load_scenario, scenario_from_text
from optionscope.model.scenario import Scenario


@pytest.fixture
def validations(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the scenario validations (a cache hit makes none)."""
    calls: list[int] = []
    real = Scenario.model_validate.__func__  # type: ignore[attr-defined]

    def counted(cls: type[Scenario], *args: object, **kwargs: object) -> Scenario:
        calls.append(1)
        return real(cls, *args, **kwargs)  # type: ignore[no-any-return]

    monkeypatch.setattr(Scenario, "model_validate", classmethod(counted))
    return calls


def stored(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.pickle")) if folder.is_dir() else []


@pytest.mark.parametrize("ref", ["minusma-2023", "monusco-2024", "tests/data/tiny.yaml"])
def test_a_second_load_is_the_same_scenario_without_checking_it_again(
    ref: str, validations: list[int], own_scenario_cache: Path
) -> None:
    first = load_scenario(ref)
    assert len(validations) == 1
    assert len(stored(own_scenario_cache)) == 1
    again = load_scenario(ref)
    assert len(validations) == 1  # loaded, not validated
    assert again == first
    assert again.model_dump() == first.model_dump()


def test_a_changed_text_is_read_and_checked_again(
    tiny_text: str, validations: list[int], own_scenario_cache: Path
) -> None:
    first = scenario_from_text(tiny_text, "tiny.yaml")
    changed = scenario_from_text(
        tiny_text.replace("Tiny scenario for tests", "Tiny scenario, changed"), "t.yaml"
    )
    assert len(validations) == 2
    assert first.title != changed.title
    assert changed.title == "Tiny scenario, changed"
    assert len(stored(own_scenario_cache)) == 2


def test_strict_and_plain_are_stored_apart(
    tmp_path: Path, validations: list[int], own_scenario_cache: Path
) -> None:
    text = Path("tests/data/tiny.yaml").read_text(encoding="utf-8")
    # a judgement without a rationale passes the plain check, not --strict
    lacking = text.replace(", rationale: Steep grades.", "")
    assert lacking != text
    scenario_from_text(lacking, "tiny.yaml")
    scenario_from_text(lacking, "tiny.yaml")
    assert len(validations) == 1
    with pytest.raises(InputError, match="rationale"):
        scenario_from_text(lacking, "tiny.yaml", strict=True)
    with pytest.raises(InputError, match="rationale"):
        scenario_from_text(lacking, "tiny.yaml", strict=True)
    assert len(stored(own_scenario_cache)) == 1  # a failure is never stored


def test_a_new_version_of_the_code_is_a_new_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tiny_text: str
) -> None:
    package = tmp_path / "optionscope"
    shutil.copytree(scenario_cache._PACKAGE / "model", package / "model")
    shutil.copytree(scenario_cache._PACKAGE / "io", package / "io")
    monkeypatch.setattr(scenario_cache, "_PACKAGE", package)
    before = scenario_cache.key(tiny_text, strict=False)
    assert scenario_cache.key(tiny_text, strict=False) == before
    module = package / "model" / "checks.py"
    stat = module.stat()
    os.utime(module, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert scenario_cache.key(tiny_text, strict=False) != before
    assert scenario_cache.key(tiny_text, strict=True) != scenario_cache.key(tiny_text, strict=False)


@pytest.mark.parametrize(
    "content",
    [b"", b"not a pickle", pickle.dumps({"id": "tiny"}), pickle.dumps(["a", 1])],
    ids=["empty", "garbage", "a-dict", "a-list"],
)
def test_a_damaged_or_foreign_cache_file_is_ignored_and_replaced(
    content: bytes, tiny_text: str, validations: list[int], own_scenario_cache: Path
) -> None:
    name = scenario_cache.key(tiny_text, strict=False)
    own_scenario_cache.mkdir(mode=0o700, parents=True)
    (own_scenario_cache / f"{name}.pickle").write_bytes(content)
    scenario = scenario_from_text(tiny_text, "tiny.yaml")
    assert scenario.id == "tiny"
    assert len(validations) == 1
    assert scenario_cache.load(name) == scenario  # stored anew


def test_a_cache_folder_owned_by_someone_else_is_not_read(
    monkeypatch: pytest.MonkeyPatch, tiny_text: str, validations: list[int]
) -> None:
    scenario_from_text(tiny_text, "tiny.yaml")
    monkeypatch.setattr(os, "getuid", lambda: 4242)
    scenario_from_text(tiny_text, "tiny.yaml")
    assert len(validations) == 2


def test_the_cache_can_be_turned_off(
    monkeypatch: pytest.MonkeyPatch, tiny_text: str, validations: list[int], tmp_path: Path
) -> None:
    monkeypatch.setenv("OPTIONSCOPE_CACHE", "off")
    scenario_from_text(tiny_text, "tiny.yaml")
    scenario_from_text(tiny_text, "tiny.yaml")
    assert len(validations) == 2


def test_a_cache_that_cannot_be_written_never_stops_a_command(
    monkeypatch: pytest.MonkeyPatch, tiny_text: str, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way", encoding="utf-8")
    monkeypatch.setenv("OPTIONSCOPE_CACHE", str(blocker / "scenarios"))
    assert scenario_from_text(tiny_text, "tiny.yaml").id == "tiny"
    assert scenario_from_text(tiny_text, "tiny.yaml").id == "tiny"
    assert blocker.read_text(encoding="utf-8") == "in the way"


def test_only_the_most_recently_used_scenarios_are_kept(
    monkeypatch: pytest.MonkeyPatch, tiny_text: str, own_scenario_cache: Path
) -> None:
    monkeypatch.setattr(scenario_cache, "KEEP", 3)
    for n in range(5):
        scenario_from_text(tiny_text.replace("Tiny scenario for tests", f"Road set {n}"), "t.yaml")
    kept = stored(own_scenario_cache)
    assert len(kept) == 3
    titles = {pickle.loads(p.read_bytes()).title for p in kept}
    assert all("Road set" in t for t in titles)
    assert not any(t.startswith("Road set 0") or t.startswith("Road set 1") for t in titles)


def test_the_stored_scenarios_stay_within_their_size_bound(
    monkeypatch: pytest.MonkeyPatch, tiny_text: str, own_scenario_cache: Path
) -> None:
    scenario_from_text(tiny_text, "tiny.yaml")
    one = stored(own_scenario_cache)[0].stat().st_size
    monkeypatch.setattr(scenario_cache, "KEEP_BYTES", int(one * 2.5))
    for n in range(5):
        scenario_from_text(tiny_text.replace("Tiny scenario for tests", f"Road set {n}"), "t.yaml")
    kept = stored(own_scenario_cache)
    assert len(kept) == 2
    assert {pickle.loads(p.read_bytes()).title for p in kept} == {"Road set 3", "Road set 4"}


def test_the_default_folder_follows_the_platform_cache_directory(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from platformdirs import user_cache_path

    monkeypatch.delenv("OPTIONSCOPE_CACHE")
    monkeypatch.setenv("HOME", str(tmp_path))
    for xdg in (None, "", "relative/cache", str(tmp_path / "xdg")):
        if xdg is None:
            monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
        else:
            monkeypatch.setenv("XDG_CACHE_HOME", xdg)
        expected = user_cache_path("optionscope", appauthor=False) / "scenarios"
        assert scenario_cache.cache_dir() == expected


def test_a_stored_scenario_is_rebuilt_without_collecting_garbage(
    own_scenario_cache: Path, tmp_path: Path
) -> None:
    """Its objects make no cycles: a collection while they are made only rescans them
    (two thirds of loading a stored scenario of 10,000 options)."""
    import gc
    import runpy

    generator = runpy.run_path(str(Path(__file__).parents[2] / "benchmarks" / "scenarios.py"))
    text = generator["scenario_yaml"](100, 6)
    first = scenario_from_text(text, "generated.yaml")
    assert len(stored(own_scenario_cache)) == 1
    collections: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collections.append(info["generation"])

    gc.collect()
    gc.callbacks.append(count)
    try:
        again = scenario_from_text(text, "generated.yaml")
    finally:
        gc.callbacks.remove(count)
    assert again == first
    assert len(collections) <= 1  # once, when the collector resumes; not while they are made
    assert gc.isenabled()


LOAD_THEN_MODULES = """
import json, sys
from optionscope.io.scenario_files import load_scenario
load_scenario(sys.argv[1])
print(json.dumps(sorted(sys.modules)))
"""


def test_a_stored_scenario_is_loaded_without_the_yaml_reader(own_scenario_cache: Path) -> None:
    """The text is hashed and the stored model unpickled: PyYAML (about a twentieth of the
    terminal UI's first frame) is imported only for a text that is not stored."""

    def modules_loaded() -> set[str]:
        done = subprocess.run(
            [sys.executable, "-c", LOAD_THEN_MODULES, "minusma-2023"],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return set(json.loads(done.stdout.splitlines()[-1]))

    assert "yaml" in modules_loaded()  # read and stored
    assert stored(own_scenario_cache)
    assert "yaml" not in modules_loaded()  # loaded from the cache
