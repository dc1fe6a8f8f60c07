"""The settings file: where it is, what it changes, and a bad one refused at its line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from optionscope.cli import cli

TINY = str(Path(__file__).parents[1] / "data" / "tiny.yaml")


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "config.toml"
    monkeypatch.setenv("OPTIONSCOPE_CONFIG", str(path))
    return path


def test_config_path_is_in_the_platform_config_directory(monkeypatch: pytest.MonkeyPatch) -> None:
    from platformdirs import user_config_path

    monkeypatch.delenv("OPTIONSCOPE_CONFIG")
    result = CliRunner().invoke(cli, ["config", "path"])
    assert result.exit_code == 0
    expected = user_config_path("optionscope", appauthor=False) / "config.toml"
    assert result.output == f"{expected}\n"


@pytest.mark.parametrize("xdg", [None, "", "   ", "/srv/conf", "relative/conf", " /padded "])
def test_config_path_follows_platformdirs_for_any_xdg_config_home(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, xdg: str | None
) -> None:
    """The path is found without importing platformdirs, by the same rule."""
    from platformdirs import user_config_path

    from optionscope.io.settings import config_path

    monkeypatch.delenv("OPTIONSCOPE_CONFIG", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    if xdg is None:
        monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CONFIG_HOME", xdg)
    assert config_path() == user_config_path("optionscope", appauthor=False) / "config.toml"


def test_config_path_names_the_file_given_in_the_environment(config: Path) -> None:
    result = CliRunner().invoke(cli, ["config", "path"])
    assert result.output == f"{config}\n"


def test_an_absent_settings_file_leaves_the_defaults(config: Path) -> None:
    result = CliRunner().invoke(cli, ["rank", TINY])
    assert result.exit_code == 0, result.output
    assert "TOPSIS" not in result.output


def test_the_settings_file_changes_the_default_method(config: Path) -> None:
    config.write_text('method = "topsis"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["rank", TINY])
    assert result.exit_code == 0, result.output
    assert "TOPSIS" in result.output
    # the command line still wins
    result = CliRunner().invoke(cli, ["rank", TINY, "--method", "wsm"])
    assert "TOPSIS" not in result.output


def test_the_settings_file_changes_the_scenario_and_method_the_session_opens_with(
    config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import optionscope.tui as tui

    opened: dict[str, Any] = {}

    def run_app(scenario: Any, **kwargs: Any) -> None:
        opened.update(kwargs, scenario=scenario.id)

    monkeypatch.setattr(tui, "run_app", run_app)
    config.write_text(
        f'scenario = "{TINY}"\nmethod = "promethee"\ntheme = "high-contrast"\n', encoding="utf-8"
    )
    result = CliRunner().invoke(cli, [])
    assert result.exit_code == 0, result.output
    assert opened["scenario"] == "tiny"
    assert opened["method"] == "promethee"
    assert opened["settings"].theme == "high-contrast"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('method = "topsis"\n\ncolour = "red"\n', ":3: colour: unknown setting"),
        ('# mine\nmethod = "ahp"\n', ":2: method: unknown method 'ahp'"),
        ('theme = "nord"\nmethod = \n', ":2:10: not valid TOML"),
        ('keyboard = "dvorak"\n', ":1: keyboard: unknown keyboard"),
        ('[keys]\n\n"weight.up" = 4\n', ":3: keys.weight.up: expected keys in quotes"),
    ],
)
def test_a_bad_settings_file_is_refused_at_its_line_with_exit_2(
    config: Path, text: str, expected: str
) -> None:
    config.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["rank", TINY])
    assert result.exit_code == 2
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert f"error: {config}{expected}" in result.output
    assert "Traceback" not in result.output


def test_a_theme_the_ui_does_not_know_is_refused_at_its_line(config: Path) -> None:
    config.write_text('method = "wsm"\ntheme = "no-such-theme"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["tui", TINY])
    assert result.exit_code == 2
    assert f"error: {config}:2: theme: unknown theme 'no-such-theme'" in result.output
    assert "high-contrast" in result.output


def test_config_path_works_even_when_the_file_is_bad(config: Path) -> None:
    config.write_text("not toml at all", encoding="utf-8")
    result = CliRunner().invoke(cli, ["config", "path"])
    assert result.exit_code == 0
    assert result.output == f"{config}\n"


def test_the_shell_completion_the_readme_documents_completes_commands() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    assert '"$(_OPTIONSCOPE_COMPLETE=bash_source optionscope)"' in readme
    env = {
        "_OPTIONSCOPE_COMPLETE": "bash_complete",
        "COMP_WORDS": "optionscope con",
        "COMP_CWORD": "1",
    }
    result = CliRunner().invoke(cli, [], env=env, prog_name="optionscope")
    assert result.exit_code == 0
    assert "plain,config" in result.output.splitlines()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '[keys]\n"weight.up" = "right"\n"weight.upp" = "k"\n',
            ":3: keys.weight.upp: no key binding has the id 'weight.upp'; "
            "did you mean 'weight.up'?",
        ),
        (
            'theme = "nord"\n\n[keys]\n"main.undo" = "ctrl+z,ctrl+zed"\n',
            ":4: keys.main.undo: 'ctrl+zed' is not a key name Textual can bind",
        ),
        ('[keys]\n"weight.down" = "left,,minus"\n', ":2: keys.weight.down: '' is not a key name"),
        ('[keys]\n"weight.up" = "hyperr+k"\n', ":2: keys.weight.up: 'hyperr+k' is not a key"),
    ],
)
def test_a_key_binding_the_session_cannot_use_is_refused_at_its_line_with_exit_2(
    config: Path, text: str, expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import optionscope.tui.app as tui_app

    started: list[object] = []
    monkeypatch.setattr(tui_app.OptionscopeApp, "run", lambda self: started.append(self))
    config.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["tui", TINY])
    assert result.exit_code == 2, result.output
    assert f"error: {config}{expected}" in result.output
    assert "Traceback" not in result.output
    assert not started


def test_remapped_keys_and_the_azerty_preset_pass_the_check(
    config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import optionscope.tui.app as tui_app

    started: list[object] = []
    monkeypatch.setattr(tui_app.OptionscopeApp, "run", lambda self: started.append(self))
    config.write_text(
        'keyboard = "azerty"\n[keys]\n"weight.up" = "right,plus,k"\n"main.undo" = "ctrl+u"\n'
        '"app.help" = "question_mark,f1"\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["tui", TINY])
    assert result.exit_code == 0, result.output
    assert len(started) == 1


def test_a_settings_file_that_is_no_regular_file_is_refused_not_read(
    config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """/dev/zero as the settings file grew one run to 24 GB; a named pipe hung every
    command."""
    import os

    pipe = config.with_name("pipe.toml")
    os.mkfifo(pipe)
    for named in ("/dev/zero", str(pipe), str(config.parent)):
        monkeypatch.setenv("OPTIONSCOPE_CONFIG", named)
        result = CliRunner().invoke(cli, ["rank", TINY])
        assert result.exit_code == 2, (named, result.output)
        assert "not a regular file" in result.stderr, result.stderr


def test_a_settings_file_is_bounded_in_size_and_may_start_with_a_byte_order_mark(
    config: Path,
) -> None:
    with config.open("wb") as f:  # sparse: 33 MiB that take no room
        f.truncate(33 * 2**20)
    result = CliRunner().invoke(cli, ["rank", TINY])
    assert result.exit_code == 2 and "the limit is 32 MiB" in result.stderr, result.stderr
    config.write_text('\ufeffmethod = "topsis"\n', encoding="utf-8")  # as Notepad saves it
    result = CliRunner().invoke(cli, ["rank", TINY])
    assert result.exit_code == 0, result.stderr
    assert "TOPSIS" in result.stdout


def test_no_output_replaces_the_settings_file(
    config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`report -o settings.md --force` wrote a report over a settings file of that name."""
    config = config.with_name("settings.md")
    monkeypatch.setenv("OPTIONSCOPE_CONFIG", str(config))
    config.write_text('method = "wsm"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["report", TINY, "-o", str(config), "--force"])
    assert result.exit_code == 2, result.output
    assert "reads" in result.stderr, result.stderr
    assert config.read_text(encoding="utf-8") == 'method = "wsm"\n'
