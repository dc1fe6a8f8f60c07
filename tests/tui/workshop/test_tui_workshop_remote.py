"""`workshop connect`: a participant at a terminal takes part through the server.

The client process never opens the store: the server (the file's owner) runs
the app and writes the submission. Everything runs on 127.0.0.1; every wait
is bounded.
"""

from __future__ import annotations

import asyncio
import io
import os
import re
from pathlib import Path

import pytest
from served import serving

from optionscope.io.errors import InputError
from optionscope.tui.workshop.remote import endpoints, relay
from optionscope.workshop.session import Created, Workshop

ANSI = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")


HANG_GUARD = 300.0
"""Seconds before a screen that never appears fails the test instead of hanging it."""


def shown(out: io.BytesIO) -> str:
    """The output without escape sequences and spaces (words may be drawn in pieces)."""
    return re.sub(r"\s+", "", ANSI.sub(b"", out.getvalue()).decode("utf-8", "replace"))


def test_a_participant_submits_from_a_terminal_through_the_server(made: Created) -> None:
    db = made.workshop.path
    made.workshop.close()

    async def session(url: str) -> str:
        read_end, write_end = os.pipe()
        out = io.BytesIO()
        running = asyncio.create_task(relay(url, read_end, out, lambda: (100, 30)))

        async def when_shown(text: str) -> None:
            async def poll() -> None:
                while text.replace(" ", "") not in shown(out):
                    assert not running.done(), shown(out)[-400:]
                    await asyncio.sleep(0.1)

            # A guard against hanging forever, not a measure of speed: generous on purpose.
            try:
                await asyncio.wait_for(poll(), timeout=HANG_GUARD)
            except TimeoutError:
                pytest.fail(f"never showed {text!r}: {shown(out)[-400:]}")

        def keys(text: str) -> None:
            os.write(write_end, text.encode())

        try:
            await when_shown("Join the workshop")
            for typed in (made.join_code, "\t", "Ann", "\r"):  # as typed, one after another
                keys(typed)
                await asyncio.sleep(0.3)
            await when_shown("Treasurer")  # the seats to choose from
            keys("\r")
            await when_shown("Not submitted")
            keys("s")
            await when_shown("Submit your weights")
            keys("\r")
            await when_shown("Your personal code")
            keys("q")
            await asyncio.wait_for(running, timeout=60)
        finally:
            os.close(write_end)
            running.cancel()
            os.close(read_end)
        return shown(out)

    with serving(db) as url:
        screen = asyncio.run(session(url))
    with Workshop.open(db) as ws:
        (row,) = ws.store.all_submissions()
    assert row.participant == "Ann"
    code = re.search(r"Yourpersonalcode:([A-Z2-9]{4}(?:-[A-Z2-9]{4}){3})", screen)
    assert code is not None
    with Workshop.open(db) as ws:
        assert ws.member(code.group(1)) == "Ann"


def test_the_address_is_the_one_serve_prints(tmp_path: Path) -> None:
    assert endpoints("http://127.0.0.1:8000/", 80, 24) == (
        "ws://127.0.0.1:8000/ws?width=80&height=24",
        "http://127.0.0.1:8000",
    )
    assert endpoints("127.0.0.1:9000", 100, 30)[1] == "http://127.0.0.1:9000"
    with pytest.raises(InputError, match="give the server's address"):
        endpoints("ftp://x", 80, 24)
