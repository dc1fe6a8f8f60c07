"""Browser access to a workshop: textual-serve runs `workshop join` for every browser tab.

textual-serve's own page loads its font from fonts.googleapis.com. Everything
else it needs ships in the package (`static/`: textual.js with xterm.js bundled,
xterm.css, the Roboto Mono font files), so the page here is textual-serve's
template with the font declared from those files: a workshop room without
internet access works, and no participant's browser contacts a third party.

The page's URLs follow the address the browser used (the `Host` header), so
a server listening on 0.0.0.0 hands out addresses that reach it.

Every browser session starts two processes, so the server refuses what it
should (`SessionLimits`), each refusal logged on stderr:
- a websocket whose `Origin` is not this server's page (another web site
  driving a participant's browser), or whose `Host` is a name this server was
  not started under (DNS rebinding);
- more than `per_client` sessions from one address, or `total` in all;
- a session idle (no key, click or resize) for `idle_seconds`: it is closed
  and its processes stopped.
"""

from __future__ import annotations

import asyncio
import ipaddress
import shlex
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aiohttp_jinja2
from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from optionscope.io.writers import plain

TEMPLATES = Path(__file__).resolve().parent / "templates"
TITLE = "optionscope workshop"


def is_loopback(host: str) -> bool:
    """Is this address reachable from this computer only?"""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to any interface


def join_command(db: str | Path) -> str:
    """The shell command textual-serve runs per browser tab (the store by absolute path)."""
    return shlex.join(
        [sys.executable, "-m", "optionscope", "workshop", "join", "--db", str(Path(db).resolve())]
    )


@dataclass(frozen=True)
class SessionLimits:
    """What the server accepts; `workshop serve` sets these from its options."""

    per_client: int = 3
    """Sessions open at once from one client address (a laptop with a spare tab)."""
    total: int = 40
    """Sessions open at once in all (each runs two processes)."""
    idle_seconds: float = 30 * 60
    """A session with no key, click or resize for this long is closed."""


LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")


def log_refusal(text: str) -> None:
    """One line on stderr (what the client sent is shown, never obeyed)."""
    print(f"optionscope workshop serve: {plain(text)}", file=sys.stderr, flush=True)


class WorkshopServer(Server):
    """textual-serve's server with optionscope's page (no file from the internet) and limits."""

    def __init__(
        self, command: str, host: str, port: int, limits: SessionLimits | None = None
    ) -> None:
        super().__init__(command, host=host, port=port, title=TITLE, templates_path=TEMPLATES)
        self.limits = limits or SessionLimits()
        self.open_by_client: Counter[str] = Counter()
        """Open sessions by client address."""

    # Who may open a session ---------------------------------------------------------

    def host_allowed(self, host_header: str) -> bool:
        """Is this `Host` one the server answers to: its address, or loopback when bound there?

        A server on every interface (0.0.0.0, ::) answers to any IP address, never to a
        host name: a name could be an attacker's, pointed at this computer (DNS rebinding).
        """
        host, _, port = host_header.rpartition(":")
        if not host or port != str(self.port):
            return False
        bound = self.host.strip("[]")
        if host.lower() == self.host.lower() or host.strip("[]") == bound:
            return True
        if is_loopback(self.host):
            return host.lower() in LOOPBACK_NAMES
        if bound in ("0.0.0.0", "::"):
            try:
                ipaddress.ip_address(host.strip("[]"))
            except ValueError:
                return host.lower() == "localhost"
            return True
        return False

    def refusal(self, request: web.Request) -> web.HTTPException | None:
        """Why a websocket must not open (an HTTP error to send), or None."""
        client = request.remote or "unknown"
        host = request.headers.get("Host", "")
        origin = request.headers.get("Origin", "")
        if not self.host_allowed(host):
            log_refusal(f"refused a session from {client}: unknown Host {host!r}")
            return web.HTTPForbidden(text="unknown host")
        parts = urlsplit(origin)
        if parts.scheme not in ("http", "https") or parts.netloc != host:
            log_refusal(
                f"refused a session from {client}: Origin {origin!r} is not this server's page"
            )
            return web.HTTPForbidden(text="foreign origin")
        if self.open_by_client[client] >= self.limits.per_client:
            log_refusal(
                f"refused a session from {client}: it has {self.limits.per_client} open "
                "already (--max-per-client)"
            )
            return web.HTTPTooManyRequests(text="too many sessions from this address")
        if sum(self.open_by_client.values()) >= self.limits.total:
            log_refusal(
                f"refused a session from {client}: {self.limits.total} sessions are open "
                "(--max-sessions)"
            )
            return web.HTTPServiceUnavailable(text="too many sessions")
        return None

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """textual-serve's session, once the request has passed `refusal`; counted while open."""
        refused = self.refusal(request)
        if refused is not None:
            raise refused
        client = request.remote or "unknown"
        self.open_by_client[client] += 1  # checked and counted with no await between
        try:
            return await super().handle_websocket(request)
        finally:
            self.open_by_client[client] -= 1
            if self.open_by_client[client] <= 0:
                del self.open_by_client[client]

    async def _process_messages(
        self, websocket: web.WebSocketResponse, app_service: AppService
    ) -> None:
        """textual-serve's message loop, closing the session after `idle_seconds` idle.

        Pings (the page sends them on its own) do not count as activity; a message
        that is not the page's `[type, data]` is ignored.
        """
        loop = asyncio.get_running_loop()
        last = loop.time()
        while True:
            remaining = self.limits.idle_seconds - (loop.time() - last)
            if remaining <= 0:
                log_refusal(
                    f"closed an idle session of {websocket_client(websocket)} after "
                    f"{self.limits.idle_seconds:g} s (--idle-minutes)"
                )
                await websocket.close(message=b"idle")
                return
            try:
                message = await websocket.receive(timeout=remaining)
            except TimeoutError:
                continue
            if message.type in (WSMsgType.CLOSE, WSMsgType.CLOSING, WSMsgType.CLOSED):
                return
            if message.type == WSMsgType.ERROR:
                return
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = message.json()
            except ValueError:
                continue
            if not isinstance(envelope, list) or len(envelope) != 2:
                continue
            kind, data = envelope
            if kind != "ping":
                last = loop.time()
            if kind == "stdin" and isinstance(data, str):
                await app_service.send_bytes(data.encode("utf-8"))
            elif kind == "resize" and isinstance(data, dict):
                width, height = data.get("width"), data.get("height")
                if isinstance(width, int) and isinstance(height, int):
                    await app_service.set_terminal_size(width, height)
            elif kind == "ping":
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await app_service.blur()
            elif kind == "focus":
                await app_service.focus()

    # The page -------------------------------------------------------------------------

    @aiohttp_jinja2.template("app_index.html")
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        """The page, with URLs on the host and port the browser asked for."""
        font_size = request.query.get("fontsize", "16")
        origin = f"{request.scheme}://{request.host}"
        router = request.app.router
        static = str(router["static"].url_for(filename="/")).rstrip("/") + "/"
        socket = str(router["websocket"].url_for())
        ws_scheme = "wss" if request.scheme == "https" else "ws"
        return {
            "font_size": int(font_size) if font_size.isdigit() else 16,
            "app_websocket_url": f"{ws_scheme}://{request.host}{socket}",
            "config": {"static": {"url": f"{origin}{static}"}},
            "application": {"name": self.title},
        }


def websocket_client(websocket: web.WebSocketResponse) -> str:
    transport = websocket.get_extra_info("peername")
    return str(transport[0]) if isinstance(transport, tuple) and transport else "a client"


def workshop_server(
    db: str | Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    limits: SessionLimits | None = None,
) -> WorkshopServer:
    """The server for a workshop store; `serve()` runs it until Ctrl+C."""
    return WorkshopServer(join_command(db), host=host, port=port, limits=limits)
