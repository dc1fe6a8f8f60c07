"""`optionscope` and `optionscope tui [S]` open the session without click: the same session,
the same errors and exit codes as through click's `tui` command."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from optionscope.cli import main
from optionscope.cli.session_start import plain_session
from python_run import run_python

TINY = str(Path(__file__).parents[1] / "data" / "tiny.yaml")


@pytest.mark.parametrize(
    ("args", "given"),
    [
        ([], []),
        (["tui"], []),
        (["tui", "minusma-2023"], ["minusma-2023"]),
        (["tui", "a file.yaml"], ["a file.yaml"]),
        (["tui", "--resume"], None),
        (["tui", "-m", "topsis"], None),
        (["tui", "--", "-odd.yaml"], None),
        (["tui", "-"], None),
        (["tui", "--help"], None),
        (["tui", "a.yaml", "b.yaml"], None),
        (["--help"], None),
        (["-V"], None),
        (["rank", "minusma-2023"], None),
        (["tuiX"], None),
    ],
)
def test_only_a_command_line_without_options_opens_the_session_without_click(
    args: list[str], given: list[str] | None
) -> None:
    assert plain_session(args) == given


def _through(path: str, args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """Exit code and stderr of `args`, without click (`main`) or through click's group."""
    if path == "main":
        with pytest.raises(SystemExit) as ended:
            main(args)
    else:
        from optionscope.cli import cli

        with pytest.raises(SystemExit) as ended:
            cli.main(args=args, prog_name="optionscope")
    code = ended.value.code
    return (code if isinstance(code, int) else 0 if code is None else 1), capsys.readouterr().err


def _opening(monkeypatch: pytest.MonkeyPatch, run: Callable[..., None]) -> None:
    import optionscope.tui as tui

    monkeypatch.setattr(tui, "run_app", run)
    monkeypatch.setattr("optionscope.tui._read_ahead.can_read_ahead", lambda: False)


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "config.toml"
    monkeypatch.setenv("OPTIONSCOPE_CONFIG", str(path))
    return path


def test_the_session_opened_is_the_same_with_or_without_click(
    config: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    opened: list[tuple[Any, ...]] = []

    def run(scenario: Any, **kwargs: Any) -> None:
        opened.append((scenario.id, kwargs["method"], kwargs["resume"], kwargs["settings"]))

    _opening(monkeypatch, run)
    for settings in ("", f'scenario = "{TINY}"\nmethod = "promethee"\ntheme = "high-contrast"\n'):
        config.write_text(settings, encoding="utf-8")
        for args in ([], ["tui"], ["tui", "minusma-2023"], ["tui", TINY]):
            results = [_through(path, args, capsys) for path in ("main", "click")]
            assert results[0] == results[1] == (0, "")
            assert opened[-2] == opened[-1], (settings, args)
    assert {o[:3] for o in opened} == {
        ("minusma-2023", "wsm", False),
        ("tiny", "wsm", False),
        ("tiny", "promethee", False),
        ("minusma-2023", "promethee", False),
    }


def _raises(err: BaseException) -> Callable[..., None]:
    def run(scenario: Any, **kwargs: Any) -> None:
        raise err

    return run


@pytest.mark.parametrize(
    ("settings", "args", "run", "code", "said"),
    [
        ("", ["tui", "missing.yaml"], None, 2, "error: missing.yaml: no such file"),
        ("", ["tui", "{bad}"], None, 2, "bad.yaml:2:1: YAML syntax"),
        ('method = "ahp"\n', [], None, 2, "method: unknown method 'ahp'"),
        # a setting that leads nowhere is refused at its line in the settings file
        ('scenario = "gone.yaml"\n', ["tui"], None, 2, "config.toml:1: scenario: 'gone.yaml'"),
        ('scenario = "no-such"\n', [], None, 2, "config.toml:1: scenario: 'no-such': no bundled"),
        ('scenario = "gone.yaml"\n', ["tui", "missing.yaml"], None, 2, "error: missing.yaml: no"),
        ("", [], _raises(ImportError("no textual")), 1, "the terminal UI is not available"),
        ("", [], _raises(KeyboardInterrupt()), 130, "interrupted"),
        ("", ["tui"], _raises(RuntimeError("boom")), 1, "internal error: RuntimeError: boom"),
        ("", [], _raises(PermissionError(13, "Permission denied", "/x")), 2, "error: /x: Perm"),
    ],
)
def test_what_goes_wrong_is_said_alike_with_or_without_click(
    config: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    settings: str,
    args: list[str],
    run: Callable[..., None] | None,
    code: int,
    said: str,
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: [unclosed\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    config.write_text(settings, encoding="utf-8")
    args = [a.format(bad=bad) for a in args]
    _opening(monkeypatch, run or _raises(AssertionError("the session must not open")))
    without, through = (_through(path, args, capsys) for path in ("main", "click"))
    assert without == through
    assert without[0] == code
    assert said in without[1]


def test_opening_the_session_imports_no_click() -> None:
    """click's import and the command group's making were about a tenth of the time to the
    first frame, and they came before the scenario was read ahead."""
    code = textwrap.dedent(
        """
        import json, sys
        import optionscope.tui as tui

        def run_app(scenario, **kwargs):
            print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] == "click")))

        tui.run_app = run_app
        from optionscope.cli import main

        try:
            main(["tui", "minusma-2023"])
        except SystemExit:
            pass
        """
    )
    assert run_python(code) == []
