"""Browser access to a workshop: textual-serve runs `workshop join` for every browser tab.

textual-serve's own page loads its font from fonts.googleapis.com. Everything
else it needs ships in the package (`static/`: textual.js with xterm.js bundled,
xterm.css, the Roboto Mono font files), so the page here is textual-serve's
template with the font declared from those files: a workshop room without
internet access works, and no participant's browser contacts a third party.

The page's URLs follow the address the browser used (the `Host` header), so
a server listening on 0.0.0.0 hands out addresses that reach it.
"""

from __future__ import annotations

import ipaddress
import shlex
import sys
from pathlib import Path
from typing import Any

import aiohttp_jinja2
from aiohttp import web
from textual_serve.server import Server

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


class WorkshopServer(Server):
    """textual-serve's server with optionscope's page: no file from the internet."""

    def __init__(self, command: str, host: str, port: int) -> None:
        super().__init__(command, host=host, port=port, title=TITLE, templates_path=TEMPLATES)

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


def workshop_server(db: str | Path, *, host: str = "127.0.0.1", port: int = 8000) -> Server:
    """The server for a workshop store; `serve()` runs it until Ctrl+C."""
    return WorkshopServer(join_command(db), host=host, port=port)
