"""The JSON Schema kept in the repository is the model's, and every pack points editors at it."""

from __future__ import annotations

from pathlib import Path

import pytest

from optionscope.cli.commands import schema_text

ROOT = Path(__file__).resolve().parents[1]
PACKS = sorted((ROOT / "scenarios").glob("*.yaml"))


def test_the_schema_file_in_the_repository_is_generated_from_the_model() -> None:
    committed = (ROOT / "schema" / "scenario.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "run: optionscope schema > schema/scenario.schema.json"


@pytest.mark.parametrize("pack", PACKS, ids=[p.stem for p in PACKS])
def test_every_bundled_pack_names_the_schema_for_the_yaml_language_server(pack: Path) -> None:
    first = pack.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/scenario.schema.json"


@pytest.mark.parametrize("pack", PACKS, ids=[p.stem for p in PACKS])
def test_every_bundled_pack_validates_strictly(pack: Path) -> None:
    from optionscope.io.scenario_files import load_scenario

    scenario = load_scenario(pack, strict=True)
    assert scenario.id == pack.stem
