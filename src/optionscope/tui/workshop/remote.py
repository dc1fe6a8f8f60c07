"""Take part from a terminal through `workshop serve`, without access to the store's file.

The server runs the workshop app for each session and streams what it draws
(terminal output, as to a browser's xterm.js); this client shows that output
in the local terminal and sends the keys typed, as the page's script does:
`["stdin", text]` and `["resize", {"width", "height"}]`. It opens the
websocket as the server's own page would (same `Origin`), so the server's
checks and limits apply to it as to a browser.
"""

from __future__ import annotations

import asyncio
import codecs
import os
import shutil
import signal
import sys
import termios
import tty
from collections.abc import Callable
from typing import BinaryIO
from urllib.parse import urlsplit

import aiohttp

from optionscope.io.errors import InputError


def endpoints(url: str, width: int, height: int) -> tuple[str, str]:
    """(websocket URL, Origin) for a server address such as `http://127.0.0.1:8000`."""
    parts = urlsplit(url if "://" in url else f"http://{url}")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError.at(url, "give the server's address, e.g. http://127.0.0.1:8000")
    ws_scheme = "wss" if parts.scheme == "https" else "ws"
    socket = f"{ws_scheme}://{parts.netloc}/ws?width={width}&height={height}"
    return socket, f"{parts.scheme}://{parts.netloc}"


async def relay(
    url: str,
    input_fd: int,
    output: BinaryIO,
    size: Callable[[], tuple[int, int]],
) -> None:
    """Show the session's output, send the input's bytes; return when either side ends."""
    width, height = size()
    socket_url, origin = endpoints(url, width, height)
    loop = asyncio.get_running_loop()
    decoder = codecs.getincrementaldecoder("utf-8")("replace")
    outbox: asyncio.Queue[list[object] | None] = asyncio.Queue()
    """What goes to the server, in order: keys typed, new sizes; None when the input ends."""

    def readable() -> None:
        data = os.read(input_fd, 4096)
        outbox.put_nowait(["stdin", decoder.decode(data)] if data else None)

    def resized() -> None:
        w, h = size()
        outbox.put_nowait(["resize", {"width": w, "height": h}])

    try:
        async with (
            aiohttp.ClientSession() as session,
            session.ws_connect(socket_url, headers={"Origin": origin}) as ws,
        ):

            async def send_input() -> None:
                while (message := await outbox.get()) is not None:
                    await ws.send_json(message)

            async def show_output() -> None:
                async for message in ws:
                    if message.type == aiohttp.WSMsgType.BINARY:
                        output.write(message.data)
                        output.flush()

            loop.add_reader(input_fd, readable)
            if hasattr(signal, "SIGWINCH"):
                loop.add_signal_handler(signal.SIGWINCH, resized)
            tasks = [asyncio.create_task(send_input()), asyncio.create_task(show_output())]
            try:
                await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
            finally:
                for task in tasks:
                    task.cancel()
                loop.remove_reader(input_fd)
                if hasattr(signal, "SIGWINCH"):
                    loop.remove_signal_handler(signal.SIGWINCH)
    except aiohttp.WSServerHandshakeError as err:
        raise InputError.at(url, f"the server refused the session ({err.status})") from None
    except aiohttp.ClientError as err:
        raise InputError.at(url, f"cannot reach the workshop server: {err}") from None


def connect(url: str) -> None:
    """Run a session of the server in this terminal (raw mode, restored on exit)."""
    fd = sys.stdin.fileno()

    def size() -> tuple[int, int]:
        columns, lines = shutil.get_terminal_size()
        return columns, lines

    saved = termios.tcgetattr(fd) if os.isatty(fd) else None
    try:
        if saved is not None:
            tty.setraw(fd)
        asyncio.run(relay(url, fd, sys.stdout.buffer, size))
    finally:
        if saved is not None:
            termios.tcsetattr(fd, termios.TCSADRAIN, saved)
        # what the app leaves on: mouse reporting, the alternate screen, a hidden cursor
        sys.stdout.write("\x1b[?1000l\x1b[?1003l\x1b[?1006l\x1b[?1049l\x1b[?25h")
        sys.stdout.flush()
