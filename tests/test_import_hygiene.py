"""The core never loads the UI: model, io, analysis, report and workshop import without
textual or rich, and so does a whole `optionscope rank` run.

Each check runs in a fresh interpreter, where sys.modules shows everything that was loaded.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

UI_MODULES = ("textual", "rich")
TINY = Path(__file__).parent / "data" / "tiny.yaml"
CORE = [
    "optionscope.model",
    "optionscope.io",
    "optionscope.analysis",
    "optionscope.present",
    "optionscope.report",
]
if importlib.util.find_spec("optionscope.workshop") is not None:
    CORE.append("optionscope.workshop")

IMPORT_EVERY_MODULE = textwrap.dedent(
    """
    import importlib, json, pkgutil, sys

    package = importlib.import_module(sys.argv[1])
    names = [package.__name__]
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        importlib.import_module(info.name)
        names.append(info.name)
    loaded = sorted({m.split(".")[0] for m in sys.modules} & {"textual", "rich"})
    print(json.dumps({"imported": names, "ui": loaded}))
    """
)

RANK_IN_PROCESS = textwrap.dedent(
    """
    import io, json, sys
    from contextlib import redirect_stdout
    from optionscope.cli import main

    out = io.StringIO()
    with redirect_stdout(out):
        try:
            main(["rank", sys.argv[1], "--format", "json"])
        except SystemExit as exit:
            code = exit.code
        else:
            code = 0
    loaded = sorted({m.split(".")[0] for m in sys.modules} & {"textual", "rich"})
    print(json.dumps({"code": code, "output": out.getvalue(), "ui": loaded}))
    """
)


def run_python(code: str, *args: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return result


@pytest.mark.parametrize("package", CORE)
def test_every_module_of_the_core_imports_without_the_ui(package: str) -> None:
    result = run_python(IMPORT_EVERY_MODULE, package)
    assert package in result["imported"]  # type: ignore[operator]
    assert result["ui"] == [], f"{package} loads {result['ui']}"


def test_a_whole_rank_run_does_not_load_the_ui() -> None:
    result = run_python(RANK_IN_PROCESS, str(TINY))
    assert result["code"] == 0
    assert json.loads(str(result["output"]))["scenario"] == "tiny"
    assert result["ui"] == []


def test_the_check_would_see_the_ui_if_it_were_loaded() -> None:
    # the same probe, after importing textual on purpose, must report it
    code = "import textual\n" + IMPORT_EVERY_MODULE
    result = run_python(code, "optionscope.model")
    assert "textual" in result["ui"]  # type: ignore[operator]
