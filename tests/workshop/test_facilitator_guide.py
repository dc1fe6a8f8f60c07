"""Every command the facilitator's guide gives works, in the guide's order.

The guide's commands (in its `sh` blocks and in backticks) are run on a
fresh workshop with the placeholders filled in; the ones that open a screen
or a server (`join`, `facilitate`, `project`, `serve`, `connect`) are
checked by their own tests and only looked up here. A bare `workshop NAME`
names a command and is not run. The reveal and the report run last, as in
the exercise.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from optionscope.cli import cli
from optionscope.workshop.session import Workshop

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "facilitator-guide.md"
SCREENS = {"join", "facilitate", "project", "serve", "connect"}
LAST = ("reveal", "aar")


def guide_commands() -> list[list[str]]:
    text = GUIDE.read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", text, re.DOTALL)
    spans = [line for b in blocks for line in b.splitlines() if line.strip()]
    spans += re.findall(r"`((?:optionscope )?workshop [^`]+)`", re.sub(r"\s*\n\s*", " ", text))
    commands = []
    for span in spans:
        words = shlex.split(span)
        if words[0] == "optionscope":
            words = words[1:]
        if words[0] == "workshop" and len(words) > 2:
            commands.append(words)
    return commands


def test_every_command_of_the_facilitators_guide_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # as on the laptop: no repository at hand
    commands = guide_commands()
    names = [c[1] for c in commands]
    assert names[0] == "new" and {"plan", "start", "inject", "forecast", "aar"} <= set(names)
    runner = CliRunner()
    filled: dict[str, str] = {
        "NAME": "Ama",
        "SEAT": "russia",
        "QUESTION": "consent-withdrawn",
        "ID": "capital-instructions",
    }

    def run(words: list[str]) -> None:
        args = [filled.get(w, w) for w in words]
        if words[1] in SCREENS:
            args = [*args[:2], "--help"]
        elif words[1] == "new":
            args = [*args, "--format", "json"]  # the same, with the codes easy to read
        done = runner.invoke(cli, args, catch_exceptions=False)
        assert done.exit_code == 0, (args, done.output)
        if words[1] == "new":
            filled["CODE"] = yaml.safe_load(done.stdout)["facilitator_code"]
        if words[1] == "plan":  # a participant weighs, for their personal code
            with Workshop.open("drill.db") as ws:
                row = ws.submit("Ama", dict(ws.scenario.profile("russia").weights))
                assert row.personal_code is not None
                filled["PERSONAL-CODE"] = row.personal_code

    later = [c for c in commands if c[1] in LAST]
    for words in [c for c in commands if c[1] not in LAST] + later:
        run(words)
    assert Path("drill-aar.html").is_file() and Path("brief.html").is_file()
    with Workshop.open("drill.db") as ws:
        assert ws.revealed() and ws.store.forecasts()
