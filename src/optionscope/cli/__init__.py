"""The `optionscope` command.

Without a subcommand it opens the terminal UI on the bundled MINUSMA scenario.
Results go to stdout, diagnostics to stderr. Exit codes: 0 ok, 1 internal
error, 2 bad usage or bad input (never with a traceback), 130 interrupted
(Ctrl-C), 143 terminated (SIGTERM; 129 for SIGHUP). The UI is imported
only to open the session: textual costs ~150 ms of start-up that `rank` does
not pay. The command group is in `cli.group`; `optionscope` alone and
`optionscope tui [S]` open the session without click (`cli.session_start`).
"""

from __future__ import annotations

import atexit
import errno
import gc
import importlib
import io
import os
import signal
import sys
import types
from collections.abc import Sequence
from typing import Any

GROUP_NAMES = frozenset(
    {"cli", "LAZY_COMMANDS", "LAZY_SUMMARIES", "METHOD_COMMANDS", "settings_defaults"}
)
"""Names of `optionscope.cli.group` read from here too: imported with click when asked."""


def __getattr__(name: str) -> Any:
    if name in GROUP_NAMES:
        from optionscope.cli import group

        return getattr(group, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _terminated(signum: int, frame: object) -> None:
    """SIGTERM (or a closed terminal's SIGHUP) unwinds like Ctrl-C does: a file being
    written removes its hidden temporary."""
    raise SystemExit(128 + signum)


PLUGIN_LOADER = "pydantic.plugin._loader"
"""The pydantic module that finds plugins; importing it imports `importlib.metadata`."""


def _without_plugin_discovery() -> None:
    """When pydantic plugins are disabled, skip importing the module that would find them.

    pydantic imports `importlib.metadata` (and through it `email`, `zipfile`, `csv`...)
    when it builds its first validator, even with every plugin disabled: about 40 ms, a
    tenth of `rank`. A stand-in module answers "no plugins" as pydantic itself would; any
    other name asked of it loads the real module, so a newer pydantic still works.
    """
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") not in ("__all__", "1", "true"):
        return
    if PLUGIN_LOADER in sys.modules:
        return
    stand_in = types.ModuleType(PLUGIN_LOADER)

    def get_plugins() -> tuple[()]:
        return ()

    def real(name: str) -> Any:
        if name.startswith("__"):  # what the import system asks of any module
            raise AttributeError(name)
        del sys.modules[PLUGIN_LOADER]
        return getattr(importlib.import_module(PLUGIN_LOADER), name)

    stand_in.get_plugins = get_plugins  # type: ignore[attr-defined]
    stand_in.__getattr__ = real  # type: ignore[method-assign]
    sys.modules[PLUGIN_LOADER] = stand_in


def _no_collection_at_exit() -> None:
    """Let the interpreter's shutdown skip the cyclic collection of what is left.

    At exit Python collects every object still tracked (numpy's, pydantic's, the model's
    classes and the scenario): about 30 ms of a 0.2 s `rank`, to free memory the system
    takes back anyway. Freezing them when the interpreter exits (an exit handler) keeps
    them out of that collection; every other exit handler still runs, files are still
    flushed and closed, and a process that goes on after `main` is not affected.
    """
    atexit.unregister(gc.freeze)  # once, however many times `main` is called
    atexit.register(gc.freeze)


class _ClosedOutput(io.TextIOBase):
    """Standard output when the process was started without one: writing to it is an
    error said on standard error (exit 2), not an internal error."""

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed; send it to a file or a pipe")


def main(argv: Sequence[str] | None = None) -> None:
    """Console-script entry point."""
    from optionscope._compiled_text import reuse_compiled_text

    reuse_compiled_text()  # before pydantic or any dataclass is imported: see the module
    from optionscope.cli._start_up import freeze_what_start_up_makes

    freeze_what_start_up_makes()
    _no_collection_at_exit()
    # pydantic looks for plugins in every installed distribution's entry points when it
    # builds its first validator (importlib.metadata). The command line has no use for
    # them; a user who wants one sets the variable.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    _without_plugin_discovery()
    # numpy's OpenBLAS starts a thread per CPU when imported, which spins while waiting
    # for work: on two CPUs about 90 ms of CPU time, and 50 ms of wall time on a busy
    # machine, before the TUI's first screen. The matrices here are options x criteria
    # and gain nothing from them (the simulation has its own threads or processes).
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    for name in ("SIGTERM", "SIGHUP"):
        signum = getattr(signal, name, None)
        # a signal the caller chose to ignore (`nohup`) stays ignored
        if signum is not None and signal.getsignal(signum) is signal.SIG_DFL:
            signal.signal(signum, _terminated)
    args = list(sys.argv[1:] if argv is None else argv)
    if sys.stdout is None:  # started with standard output closed (`>&-`)
        sys.stdout = _ClosedOutput()
    try:
        from optionscope.cli.session_start import open_plain_session, plain_session

        given = plain_session(args)
        if given is not None:  # without click: see `cli.session_start`
            sys.exit(open_plain_session(*given))
        from optionscope.cli._start_up import scenario_read_ahead

        with scenario_read_ahead(args):
            from optionscope.cli.group import cli

            # click reads sys.argv itself when given none (expanding wildcards on Windows)
            cli.main(args=args if argv is not None else None, prog_name="optionscope")
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        # stdout closed early (e.g. `| head`): not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)
    except OSError as err:  # raised where no command says it: `--version`, `--help`
        if not isinstance(sys.stdout, _ClosedOutput):
            raise
        if sys.stderr is not None:
            sys.stderr.write(f"error: {err.strerror}\n")
        sys.exit(2)
