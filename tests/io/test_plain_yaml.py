"""Plain scenario files are read from the parser's events; anything else by the full loader."""

from __future__ import annotations

import runpy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from optionscope.io import yaml_loader
from optionscope.io.errors import InputError
from optionscope.io.plain_yaml import plain_data
from optionscope.io.scenario_files import bundled_dir, load_scenario
from optionscope.io.yaml_loader import load_yaml

ROOT = Path(__file__).resolve().parents[2]
GENERATOR: dict[str, Any] = runpy.run_path(str(ROOT / "benchmarks" / "scenarios.py"))
FILES = sorted(bundled_dir().glob("*.yaml")) + sorted((ROOT / "tests").rglob("*.yaml"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_plain_data_is_the_data_the_full_loader_builds(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    fast = plain_data(text)
    try:
        full = load_yaml(text, str(path)).data
    except InputError:
        assert fast is None
        return
    if fast is not None:
        assert repr(fast) == repr(full)  # the same values of the same types, in order


def test_a_generated_scenario_is_plain_and_read_the_same() -> None:
    text = GENERATOR["scenario_yaml"](40, 5)
    assert repr(plain_data(text)) == repr(load_yaml(text, "x").data)


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",  # anchors and aliases
        "a: !!str 1\n",  # a tag
        "a: !custom 1\n",
        "a: 1\na: 2\n",  # a duplicate key
        "1: a\n1.0: b\n",  # keys equal once read
        "base: &b {x: 1}\nc:\n  <<: *b\n",  # a merge key
        "? [a, b]\n: c\n",  # a list as a key
        "a: 1\n---\nb: 2\n",  # two documents
        "just text\n",  # not a collection
        "",
        "a: [1, 2\n",  # not valid YAML
        "a: =\n",  # YAML's value key
        "a: " + "[" * 70 + "]" * 70 + "\n",  # deeper than the limit
    ],
)
def test_anything_but_a_plain_document_goes_to_the_full_loader(text: str) -> None:
    assert plain_data(text) is None


def test_a_plain_valid_file_builds_no_node_tree_and_a_bad_one_is_located(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(GENERATOR["scenario_yaml"](30, 4), encoding="utf-8")
    full_reads: list[str] = []
    original = yaml_loader.load_yaml

    def counted(text: str, name: str, **options: Any) -> Any:
        full_reads.append(name)
        return original(text, name, **options)

    monkeypatch.setattr(yaml_loader, "load_yaml", counted)
    assert len(load_scenario(good, strict=True).options) == 30
    assert full_reads == []
    bad = tmp_path / "bad.yaml"
    text = good.read_text(encoding="utf-8")
    bad.write_text(text.replace("confidence: high", "confidence: hihg", 1), encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_scenario(bad)
    line = text[: text.index("confidence: high")].count("\n") + 1
    assert f"bad.yaml:{line}:" in str(err.value) and "confidence" in str(err.value)
    assert full_reads == [str(bad)]
    unsourced = tmp_path / "unsourced.yaml"  # valid, but refused by --strict
    unsourced.write_text(text.replace("rationale: generated judgement", "rationale: ''", 1))
    assert load_scenario(unsourced).id
    with pytest.raises(InputError) as err:
        load_scenario(unsourced, strict=True)
    assert "unsourced.yaml:" in str(err.value)


# Plain YAML's pieces in random order and nesting: words YAML reads as true, null or
# numbers, quoted and unquoted, repeated keys and values.
PIECES = st.sampled_from(
    [
        "a", "b", "id", "value", ": ", "- ", "\n", "  ", "    ", "[", "]", "{", "}", ", ",
        "1", "1.0", "-2", "0x1F", "012", "1_000", "1e3", ".5", ".nan", ".inf", "-.inf",
        "yes", "No", "on", "~", "null", "", "'1'", '"yes"', "'a: b'", "x y", "#", "!",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=40).map("".join))
def test_plain_data_of_any_yaml_like_text_is_the_full_loaders_or_none(text: str) -> None:
    fast = plain_data(text)
    try:
        full = load_yaml(text, "x").data
    except InputError:
        assert fast is None
        return
    if fast is not None:
        assert repr(fast) == repr(full)


def test_each_plain_text_is_resolved_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A scenario repeats its keys, words and figures: each text is read as YAML once."""
    text = GENERATOR["scenario_yaml"](40, 5)
    full = load_yaml(text, "x").data
    resolved: list[str] = []
    original = yaml_loader._Loader.resolve

    def counted(self: Any, kind: Any, value: str, implicit: tuple[bool, bool]) -> Any:
        resolved.append(value)
        return original(self, kind, value, implicit)

    monkeypatch.setattr(yaml_loader._Loader, "resolve", counted)
    assert repr(plain_data(text)) == repr(full)
    assert "value" in resolved
    assert len(resolved) == len(set(resolved))
