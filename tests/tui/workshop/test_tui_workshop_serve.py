"""`optionscope workshop serve`: textual-serve on 127.0.0.1 by default, and a page that loads
nothing from the internet."""

from __future__ import annotations

import asyncio
import re
import shlex
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner
from served import fetch, serving

from optionscope.cli import cli
from optionscope.tui.workshop import serve as serve_module
from optionscope.tui.workshop.serve import WorkshopServer, is_loopback, join_command
from optionscope.workshop.session import Created


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[WorkshopServer]:
    """The servers `workshop serve` built, instead of serving them forever."""
    built: list[WorkshopServer] = []

    def record(self: WorkshopServer, debug: bool = False) -> None:
        built.append(self)

    monkeypatch.setattr(WorkshopServer, "serve", record)
    return built


def test_serve_listens_on_the_loopback_address_by_default(
    made: Created, served: list[WorkshopServer]
) -> None:
    db = str(made.workshop.path)
    done = CliRunner().invoke(cli, ["workshop", "serve", "--db", db])
    assert done.exit_code == 0, done.output
    (server,) = served
    assert (server.host, server.port) == ("127.0.0.1", 8000)
    assert "warning" not in done.stderr
    assert server.templates_path == serve_module.TEMPLATES


def test_each_browser_session_runs_workshop_join_on_the_store(
    made: Created, served: list[WorkshopServer], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(made.workshop.path.parent)
    done = CliRunner().invoke(cli, ["workshop", "serve", "--db", "ws.db", "--port", "8123"])
    assert done.exit_code == 0, done.output
    (server,) = served
    assert server.port == 8123
    assert server.command == join_command(made.workshop.path)
    db = str(made.workshop.path.resolve())
    assert shlex.split(server.command) == [
        *(sys.executable, "-m", "optionscope", "workshop", "join", "--db", db)
    ]


def test_a_store_path_with_spaces_is_quoted_for_the_shell(tmp_path: Path) -> None:
    command = join_command(tmp_path / "my drill; rm -rf x.db")
    assert command.endswith("'" + str((tmp_path / "my drill; rm -rf x.db").resolve()) + "'")


def test_binding_to_another_address_is_warned_about_on_stderr(
    made: Created, served: list[WorkshopServer]
) -> None:
    db = str(made.workshop.path)
    done = CliRunner().invoke(cli, ["workshop", "serve", "--db", db, "--host", "0.0.0.0"])
    assert done.exit_code == 0, done.output
    assert served[0].host == "0.0.0.0"
    assert "warning: serving on 0.0.0.0" in done.stderr
    assert done.stdout == ""


def test_a_missing_store_is_refused_before_serving(
    tmp_path: Path, served: list[WorkshopServer]
) -> None:
    done = CliRunner().invoke(cli, ["workshop", "serve", "--db", str(tmp_path / "none.db")])
    assert done.exit_code == 2
    assert "no such workshop store" in done.stderr
    assert served == []


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        *[("127.0.0.1", True), ("localhost", True), ("::1", True), ("127.0.0.2", True)],
        *[("0.0.0.0", False), ("192.168.1.20", False), ("::", False), ("example.org", False)],
    ],
)
def test_loopback_addresses_are_recognised(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


# A real server ---------------------------------------------------------------------


@pytest.fixture
def server_url(made: Created) -> Iterator[str]:
    """`optionscope workshop serve` running in a child process on a free port."""
    with serving(made.workshop.path) as url:
        yield url


def test_the_page_references_no_host_but_the_server_itself(server_url: str) -> None:
    status, body = fetch(server_url + "/")
    assert status == 200
    page = body.decode("utf-8")
    urls = re.findall(r"""(?:https?|wss?)://[^\s"'<>)]+""", page)
    assert urls, "the page names the server's own files"
    own = urlsplit(server_url).netloc
    assert {urlsplit(u).netloc for u in urls} == {own}
    assert "googleapis" not in page and "@import" not in page
    # every file the page loads is there, and the font comes from the package
    files = re.findall(r"""(?:href|src)="([^"]+)"|url\("([^"]+)"\)""", page)
    loaded = [a or b for a, b in files]
    assert any(u.endswith("textual.js") for u in loaded)
    assert any(u.endswith(".ttf") for u in loaded)
    for u in loaded:
        assert fetch(u)[0] == 200, u


def test_the_scripts_and_styles_name_no_other_host(server_url: str) -> None:
    _, body = fetch(server_url + "/")
    page = body.decode("utf-8")
    for path in re.findall(r"""/static/[^"']+\.(?:js|css)""", page):
        _, asset = fetch(server_url + path)
        text = asset.decode("utf-8", "replace")
        # licence comments name web pages; code that loads from another host would not be
        # in a comment: look for fetches, imports and CSS urls pointing outside
        assert not re.search(r"""(?:import|fetch|url)\s*\(\s*["']?https?://""", text), path
        assert not re.search(r"""@import\s+["']?https?://""", text), path


def test_a_browser_session_opens_the_join_screen(server_url: str) -> None:
    """Through the websocket, as the page's script does: the app asks for the join code."""
    import aiohttp

    async def session_output() -> str:
        seen = b""
        ws_url = server_url.replace("http", "ws", 1) + "/ws?width=100&height=30"
        origin = {"Origin": server_url}  # as the page's script sends it
        async with (
            aiohttp.ClientSession() as client,
            client.ws_connect(ws_url, headers=origin) as ws,
        ):
            end = time.monotonic() + 30
            while time.monotonic() < end and b"Join the workshop" not in seen:
                try:
                    msg = await ws.receive(timeout=1)
                except TimeoutError:
                    continue
                if msg.type == aiohttp.WSMsgType.BINARY:
                    seen += msg.data
                elif msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                    break
        return seen.decode("utf-8", "replace")

    out = asyncio.run(session_output())
    assert "Join the workshop" in out
