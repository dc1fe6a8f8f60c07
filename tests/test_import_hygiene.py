"""The core never loads the UI: model, io, analysis, report and workshop import without
textual or rich, and so does a whole `optionscope rank` run.

Each check runs in a fresh interpreter, where sys.modules shows everything that was loaded.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from python_run import run_python

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


SCANS = textwrap.dedent(
    """
    import importlib.metadata as metadata, json, sys

    scans = []
    real = metadata.distributions
    metadata.distributions = lambda *a, **k: scans.append(1) or real(*a, **k)
    """
)


def test_a_rank_run_does_not_scan_the_installed_packages_for_plugins() -> None:
    # pydantic's plugin search reads every distribution's entry points: ~40 ms of `rank`
    code = SCANS + RANK_IN_PROCESS.replace('"ui": loaded', '"ui": loaded, "scans": len(scans)')
    result = run_python(code, str(TINY))
    assert result["code"] == 0
    assert result["scans"] == 0


NOT_FOR_RANK = ("platformdirs", "difflib", "calendar", "tempfile")
"""Modules a clean `rank` has no use for (each cost a few ms of every command)."""


def test_a_rank_run_loads_only_what_it_uses(tmp_path: Path) -> None:
    code = RANK_IN_PROCESS.replace(
        '"ui": loaded',
        '"ui": loaded, "modules": sorted(sys.modules), '
        '"tokenize": sys.modules["tokenize"]._compile.cache_info().currsize '
        'if "tokenize" in sys.modules else 0',
    )
    # the settings file looked for where a user's is, in the platform's directory
    env = {k: v for k, v in os.environ.items() if k != "OPTIONSCOPE_CONFIG"}
    env["XDG_CONFIG_HOME"] = str(tmp_path)
    result = run_python(code, str(TINY), env=env)
    assert result["code"] == 0
    loaded = set(result["modules"])  # type: ignore[arg-type]
    assert [name for name in NOT_FOR_RANK if name in loaded] == []
    # a built-in's signature is parsed by tokenize, whose pattern takes ~8 ms to compile
    assert result["tokenize"] == 0


def test_a_rank_run_on_a_scenario_read_before_loads_no_yaml_reader() -> None:
    """A scenario from the cache and weights from a profile need no YAML reader: importing
    it cost about 10 ms of every such `rank`."""
    code = RANK_IN_PROCESS.replace('"ui": loaded', '"ui": loaded, "modules": sorted(sys.modules)')
    first = run_python(code, str(TINY))  # stores the scenario in the test's cache
    again = run_python(code, str(TINY))
    assert first["output"] == again["output"]
    assert [m for m in again["modules"] if m.split(".")[0] == "yaml"] == []


def test_importing_the_model_builds_no_validator() -> None:
    """Validators are built when a file is first validated: a scenario read from the
    cache needs none (building them all cost about 20 ms of every command)."""
    code = (
        "import json, pydantic, optionscope.model as m, optionscope.model.scenario as s\n"
        "built = sorted(n for n, c in vars(s).items() if isinstance(c, type)\n"
        "    and issubclass(c, pydantic.BaseModel) and c.__pydantic_complete__)\n"
        "print(json.dumps({'built': built}))"
    )
    assert run_python(code)["built"] == []


def test_the_check_would_see_the_ui_if_it_were_loaded() -> None:
    # the same probe, after importing textual on purpose, must report it
    code = "import textual\n" + IMPORT_EVERY_MODULE
    result = run_python(code, "optionscope.model")
    assert "textual" in result["ui"]  # type: ignore[operator]


READ_NO_SOURCE = textwrap.dedent(
    """
    import inspect, sys

    def refuse(*args, **kwargs):
        raise RuntimeError("read the source of " + repr(args[0]))

    inspect.getsource = inspect.getsourcelines = inspect.findsource = refuse
    from optionscope.io.scenario_files import load_scenario
    from optionscope.model.weights import WeightsFile

    s = load_scenario(sys.argv[1])
    WeightsFile.model_validate({"weights": {"cost": 1}})
    print(len(s.options))
    """
)


def test_loading_a_scenario_reads_no_source_code_for_field_docstrings() -> None:
    """Field docstrings are read for the schema and the format reference only: reading
    every class's source at import cost about 80 ms of each command's start-up."""
    done = subprocess.run(
        [sys.executable, "-c", READ_NO_SOURCE, str(TINY)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "3"


def test_the_schema_still_describes_every_field_after_a_scenario_was_loaded() -> None:
    code = (
        "from optionscope.io.scenario_files import load_scenario; import sys, json\n"
        "load_scenario(sys.argv[1])\n"
        "from optionscope.cli.commands import schema_text\n"
        "data = json.loads(schema_text())\n"
        "print(data['$defs']['Assessment']['properties']['value']['description'])"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(TINY)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "Central performance on the criterion's unit."


def test_the_listed_summaries_of_lazy_commands_are_their_docstrings() -> None:
    import click

    from optionscope.cli import LAZY_COMMANDS, LAZY_SUMMARIES, cli

    assert set(LAZY_SUMMARIES) == set(LAZY_COMMANDS)
    ctx = click.Context(cli)
    for name in LAZY_COMMANDS:
        command = cli.get_command(ctx, name)
        assert command is not None
        first_paragraph = (command.help or "").split("\n\n")[0].split()
        assert first_paragraph == LAZY_SUMMARIES[name].split(), name
        assert command.short_help is None, name


HELP_IN_PROCESS = textwrap.dedent(
    """
    import io, json, sys
    from contextlib import redirect_stdout
    from optionscope.cli import LAZY_COMMANDS, main

    out = io.StringIO()
    with redirect_stdout(out):
        try:
            main(["--help"])
        except SystemExit:
            pass
    lazy = sorted(t.split(":")[0] for t in LAZY_COMMANDS.values() if t.split(":")[0] in sys.modules)
    print(json.dumps({"output": out.getvalue(), "lazy": lazy}))
    """
)


def test_help_lists_every_command_without_importing_the_lazy_ones() -> None:
    from optionscope.cli import LAZY_COMMANDS

    result = run_python(HELP_IN_PROCESS)
    assert result["lazy"] == []
    listed = str(result["output"])
    for name in LAZY_COMMANDS:
        assert f"\n  {name} " in listed, name


LOADED_BY = textwrap.dedent(
    """
    import io, sys
    from contextlib import redirect_stdout
    from optionscope.cli import main

    out = io.StringIO()
    with redirect_stdout(out):
        try:
            main(sys.argv[1:])
        except SystemExit as exit:
            code = exit.code
        else:
            code = 0
    loaded = sorted(sys.modules)  # taken before this probe imports json to answer
    import json
    print(json.dumps({"code": code, "loaded": loaded}))
    """
)


def test_a_rank_run_imports_only_what_ranking_needs() -> None:
    # each of these cost `rank` start-up time without being used by it
    result = run_python(LOADED_BY, "rank", str(TINY))
    assert result["code"] == 0
    unneeded = {
        "importlib.metadata",  # pydantic's plugin search, with plugins disabled
        "importlib.resources",  # where the bundled scenarios are
        "optionscope.analysis.compare",
        "optionscope.analysis.positions",
        "optionscope.analysis.promethee",
        "optionscope.analysis.topsis",
        "optionscope.report.positions_text",
        "numpy.typing",  # its docstrings are built at import: about 5 ms
        "csv",
        "html",
        "json",
    }
    assert sorted(unneeded & set(result["loaded"])) == []  # type: ignore[arg-type]


def test_the_float_array_type_is_numpys_own() -> None:
    import numpy as np
    from numpy.typing import NDArray

    from optionscope.analysis.value import FloatArray

    assert FloatArray == NDArray[np.float64]


def test_help_imports_no_output_writer() -> None:
    result = run_python(LOADED_BY, "--help")
    assert result["code"] == 0
    unneeded = {
        "optionscope.io.writers",
        "optionscope.io.safe_text",
        "json",
        "csv",
        "traceback",
        "shutil",  # click's formatter imports it for the terminal's width
        "optionscope.io.errors",  # needed once a command runs, not to list them
        "dataclasses",
    }
    assert sorted(unneeded & set(result["loaded"])) == []  # type: ignore[arg-type]


def test_pydantic_still_finds_its_plugin_loader_when_asked_for_more_than_the_plugins() -> None:
    # the stand-in for pydantic's plugin loader hands any other name to the real module
    code = (
        "import io, sys\nfrom contextlib import redirect_stdout\n"
        "from optionscope.cli import main\n"
        "with redirect_stdout(io.StringIO()):\n"
        "    try: main(['--version'])\n    except SystemExit: pass\n"
        "from pydantic.plugin._loader import PYDANTIC_ENTRY_POINT_GROUP\n"
        "import json; print(json.dumps({'group': PYDANTIC_ENTRY_POINT_GROUP}))"
    )
    assert run_python(code)["group"] == "pydantic"


def test_the_app_imports_only_the_first_screen_before_it_is_drawn() -> None:
    # the other screens, and what only they compute, are imported when first opened
    code = (
        "import sys, json\nfrom optionscope.tui import create_app\n"
        "from optionscope.io.scenario_files import load_scenario\n"
        "create_app(load_scenario(sys.argv[1]))\n"
        "print(json.dumps({'loaded': sorted(sys.modules)}))"
    )
    loaded = set(run_python(code, str(TINY))["loaded"])  # type: ignore[arg-type]
    assert "optionscope.tui.screens._main" in loaded
    later = {
        "optionscope.tui.screens._detail",
        "optionscope.tui.screens._head_to_head",
        "optionscope.tui.screens._help",
        "optionscope.tui.screens._sensitivity",
        "optionscope.tui.screens._uncertainty",
        "optionscope.analysis.head_to_head",
        "optionscope.analysis.smaa",
        "optionscope.analysis.sensitivity",
    }
    assert sorted(later & loaded) == []


@pytest.mark.parametrize("columns", ["", "0", "abc", "30", "72", "100", "200"])
def test_help_is_as_wide_as_click_would_make_it(
    monkeypatch: pytest.MonkeyPatch, columns: str
) -> None:
    import click

    from optionscope.cli import cli

    if columns:
        monkeypatch.setenv("COLUMNS", columns)
    else:
        monkeypatch.delenv("COLUMNS", raising=False)
    ours = cli.make_context("optionscope", ["--version"], resilient_parsing=True)
    theirs = click.Context(cli, max_content_width=100)
    assert ours.make_formatter().width == theirs.make_formatter().width


def test_the_objects_left_at_exit_are_not_collected_one_by_one() -> None:
    # the interpreter's shutdown collected every object still tracked: ~30 ms of `rank`
    code = LOADED_BY.replace(
        "loaded = sorted(sys.modules)",
        "import atexit, gc\n"
        "before = gc.get_freeze_count()\n"
        "atexit._run_exitfuncs()  # as the interpreter does when it exits\n"
        "loaded = {'before': before, 'after': gc.get_freeze_count()}",
    )
    result = run_python(code, "rank", str(TINY))
    assert result["code"] == 0
    frozen = result["loaded"]
    # what the command made after start-up (the scenario, its ranking) frozen at exit too
    assert frozen["after"] > frozen["before"]  # type: ignore[index]


RANK_THEN = """
    import gc, io, json, sys
    from contextlib import redirect_stdout

    from optionscope.cli import cli, main

    with redirect_stdout(io.StringIO()):
        if sys.argv[1] == "main":
            try:
                main(["rank", sys.argv[2]])
            except SystemExit:
                pass
        else:  # the command line run from another program, as the tests do
            from click.testing import CliRunner

            CliRunner().invoke(cli, ["rank", sys.argv[2]])
"""
"""Runs `rank` on argv[2] through `main` (argv[1] == "main") or a CliRunner; what
follows it reports on the process."""

START_UP_COLLECTIONS = textwrap.dedent(
    RANK_THEN
    + """
    import optionscope.model.scenario as model

    print(json.dumps({
        "frozen": gc.get_freeze_count(),
        "model_frozen": not any(o is model.Scenario for o in gc.get_objects()),
        "enabled": gc.isenabled(),
    }))
    """
)


def test_what_the_analysis_core_makes_at_start_up_is_frozen_out_of_the_collector() -> None:
    # importing numpy, pydantic's machinery and the model's classes makes no garbage:
    # scanning it again and again during start-up cost about 10 ms of `rank`
    result = run_python(START_UP_COLLECTIONS, "main", str(TINY))
    assert result["frozen"] > 0  # before the exit handlers, which freeze what is left
    assert result["model_frozen"] is True
    assert result["enabled"] is True


def test_a_program_that_runs_the_command_line_keeps_its_own_collector() -> None:
    # only the `optionscope` process freezes what it has made; the tests' does not
    result = run_python(START_UP_COLLECTIONS, "runner", str(TINY))
    assert result["frozen"] == 0
    assert result["model_frozen"] is False
    assert result["enabled"] is True


SCENARIO_COLLECTIONS = textwrap.dedent(
    RANK_THEN
    + """
    from optionscope.io.scenario_files import load_scenario

    scenario = load_scenario(sys.argv[2])  # as a command loads it
    tracked = gc.get_objects()
    print(json.dumps({
        "scenario_scanned": any(o is scenario for o in tracked),
        "options_scanned": any(o is scenario.options[0] for o in tracked),
        "enabled": gc.isenabled(),
    }))
    """
)


def test_a_scenario_the_command_line_loads_is_frozen_out_of_later_collections() -> None:
    # every full collection after a 10,000 x 12 scenario's load scanned its 150,000
    # objects again: about 0.8 s of `simulate`, 0.6 s of `sensitivity`
    result = run_python(SCENARIO_COLLECTIONS, "main", str(TINY))
    assert result == {"scenario_scanned": False, "options_scanned": False, "enabled": True}


def test_a_program_that_loads_a_scenario_through_the_command_line_keeps_it_collectable() -> None:
    result = run_python(SCENARIO_COLLECTIONS, "runner", str(TINY))
    assert result == {"scenario_scanned": True, "options_scanned": True, "enabled": True}


# BLAS threads ----------------------------------------------------------------------
# The command line starts no BLAS threads: numpy's OpenBLAS would start one per CPU on
# import, spinning while it waits for work (about 90 ms of CPU time on two CPUs before the
# TUI's first screen), for matrices of options x criteria that gain nothing from them.

RANK_AND_COUNT_THREADS = textwrap.dedent(
    """
    import contextlib, io, json, os, sys
    from optionscope.cli import main

    with contextlib.redirect_stdout(io.StringIO()):
        try:
            main(["rank", sys.argv[1]])
        except SystemExit:
            pass
    import numpy

    threads = len(os.listdir("/proc/self/task"))
    print(json.dumps({"numpy": "numpy" in sys.modules, "threads": threads}))
    """
)


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="counts threads in /proc")
def test_a_command_runs_numpy_without_blas_threads() -> None:
    env = {k: v for k, v in os.environ.items() if not k.endswith("_NUM_THREADS")}
    result = run_python(RANK_AND_COUNT_THREADS, str(TINY), env=env)
    assert result == {"numpy": True, "threads": 1}


def test_a_thread_count_the_user_chose_is_kept() -> None:
    code = textwrap.dedent(
        """
        import json, os
        from optionscope.cli import main

        try:
            main(["--version"])
        except SystemExit:
            pass
        print(json.dumps({"threads": os.environ["OPENBLAS_NUM_THREADS"]}))
        """
    )
    result = run_python(code, env={**os.environ, "OPENBLAS_NUM_THREADS": "3"})
    assert result["threads"] == "3"


def test_reading_a_small_yaml_file_loads_neither_the_halves_reader_nor_forking() -> None:
    """Only a document of `HALVES_FROM` characters or more is read in halves: a small
    one is read without importing what that takes (a few ms of a first `rank`)."""
    code = textwrap.dedent(
        """
        import json, sys
        from optionscope.io.plain_yaml import plain_data

        data = plain_data(open(sys.argv[1], encoding="utf-8").read())
        names = ("optionscope.io.plain_halves", "optionscope.io.forked", "pickle")
        print(json.dumps({"read": isinstance(data, dict),
                          "loaded": [n for n in names if n in sys.modules]}))
        """
    )
    assert run_python(code, str(TINY)) == {"read": True, "loaded": []}
