"""`workshop serve` refuses what it should: other sites' pages, too many sessions, idle ones.

The server runs in this process on 127.0.0.1 with a stand-in app (`fake_app.py`);
every wait is bounded.
"""

from __future__ import annotations

import asyncio
import shlex
import socket
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from unittest.mock import patch

import aiohttp
import pytest
from aiohttp import web
from click.testing import CliRunner
from textual_serve.app_service import AppService

from optionscope.cli import cli
from optionscope.tui.workshop.serve import SessionLimits, WorkshopServer
from optionscope.workshop.session import Created

FAKE_APP = shlex.join([sys.executable, str(Path(__file__).resolve().parent / "fake_app.py")])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def stop_and_wait(self: AppService) -> None:
    """textual-serve's `stop`, then wait for the app's process to end (the test's loop
    closes right after: a process still running then is reported as a leak)."""
    process = self._process
    await STOP(self)
    if process is not None:
        await asyncio.wait_for(process.wait(), timeout=30)


STOP = AppService.stop


@asynccontextmanager
async def running(limits: SessionLimits) -> AsyncIterator[WorkshopServer]:
    port = free_port()
    server = WorkshopServer(FAKE_APP, host="127.0.0.1", port=port, limits=limits)
    runner = web.AppRunner(await server._make_app())
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        with patch.object(AppService, "stop", stop_and_wait):
            yield server
            await settle(server, 0)
    finally:
        await runner.cleanup()


Opener = Callable[..., Awaitable[aiohttp.ClientWebSocketResponse]]


@asynccontextmanager
async def client(server: WorkshopServer) -> AsyncIterator[Opener]:
    """`open(origin=..., host=...)`: a websocket as the page's script opens it."""
    own = f"127.0.0.1:{server.port}"
    sockets: list[aiohttp.ClientWebSocketResponse] = []
    async with aiohttp.ClientSession() as session:

        async def open_socket(
            origin: str | None = f"http://{own}", host: str = own
        ) -> aiohttp.ClientWebSocketResponse:
            headers = {"Host": host}
            if origin is not None:
                headers["Origin"] = origin
            ws = await session.ws_connect(f"http://127.0.0.1:{server.port}/ws", headers=headers)
            sockets.append(ws)
            return ws

        try:
            yield open_socket
        finally:
            for ws in sockets:
                await ws.close()


async def refused_status(open_socket: Opener, **kwargs: Any) -> int:
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await open_socket(**kwargs)
    return refused.value.status


async def settle(server: WorkshopServer, open_sessions: int) -> None:
    """Wait (bounded) until the server counts this many open sessions."""
    for _ in range(300):
        if sum(server.open_by_client.values()) == open_sessions:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"the server still counts {dict(server.open_by_client)}")


@pytest.mark.parametrize(
    ("origin", "host"),
    [
        ("http://evil.example", None),
        (None, None),
        ("null", None),
        ("http://127.0.0.1:1", None),
        ("http://evil.example:{port}", "evil.example:{port}"),  # DNS rebinding
    ],
    ids=["another site", "no origin", "null origin", "another port", "rebound name"],
)
def test_a_websocket_from_another_page_is_refused_and_logged(
    origin: str | None, host: str | None, capsys: pytest.CaptureFixture[str]
) -> None:
    async def scenario() -> int:
        async with running(SessionLimits()) as server, client(server) as open_socket:
            port = str(server.port)
            kwargs: dict[str, Any] = {
                "origin": None if origin is None else origin.replace("{port}", port)
            }
            if host is not None:
                kwargs["host"] = host.replace("{port}", port)
            status = await refused_status(open_socket, **kwargs)
            assert server.open_by_client == {}
            return status

    assert asyncio.run(scenario()) == 403
    assert "refused a session from 127.0.0.1" in capsys.readouterr().err


def test_sessions_beyond_the_limit_per_client_are_refused_until_one_closes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    async def scenario() -> None:
        async with running(SessionLimits(per_client=2, total=10)) as server:
            async with client(server) as open_socket:
                first = await open_socket()
                await open_socket()
                await settle(server, 2)
                assert await refused_status(open_socket) == 429
                await first.close()
                await settle(server, 1)
                await open_socket()
                await settle(server, 2)
            await settle(server, 0)

    asyncio.run(scenario())
    err = capsys.readouterr().err
    assert "it has 2 open already (--max-per-client)" in err


def test_sessions_beyond_the_total_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    async def scenario() -> None:
        async with (
            running(SessionLimits(per_client=5, total=2)) as server,
            client(server) as open_socket,
        ):
            await open_socket()
            await open_socket()
            await settle(server, 2)
            assert await refused_status(open_socket) == 503

    asyncio.run(scenario())
    assert "2 sessions are open (--max-sessions)" in capsys.readouterr().err


def test_an_idle_session_is_closed_and_pings_do_not_keep_it_open(
    capsys: pytest.CaptureFixture[str],
) -> None:
    async def scenario() -> None:
        async with (
            running(SessionLimits(idle_seconds=1.0)) as server,
            client(server) as open_socket,
        ):
            ws = await open_socket()
            await settle(server, 1)
            closed = False
            for i in range(200):  # up to ~20 s, pinging as the page does
                if not ws.closed:
                    await ws.send_json(["ping", str(i)])
                try:
                    msg = await ws.receive(timeout=0.1)
                except TimeoutError:
                    continue
                if msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                    closed = True
                    break
                await asyncio.sleep(0.1)
            assert closed, "the idle session was not closed"
            await settle(server, 0)

    asyncio.run(scenario())
    assert "closed an idle session" in capsys.readouterr().err


def test_the_limits_are_options_of_workshop_serve(
    made: Created, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[WorkshopServer] = []
    monkeypatch.setattr(WorkshopServer, "serve", lambda self, debug=False: built.append(self))
    db = str(made.workshop.path)
    args = ["--max-sessions", "9", "--max-per-client", "1", "--idle-minutes", "2"]
    done = CliRunner().invoke(cli, ["workshop", "serve", "--db", db, *args])
    assert done.exit_code == 0, done.output
    assert built[0].limits == SessionLimits(per_client=1, total=9, idle_seconds=120)
    defaults = CliRunner().invoke(cli, ["workshop", "serve", "--db", db])
    assert defaults.exit_code == 0
    assert built[1].limits == SessionLimits()
