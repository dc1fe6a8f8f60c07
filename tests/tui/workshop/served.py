"""A real `optionscope workshop serve` in a child process on 127.0.0.1, for the server tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return int(response.status), bytes(response.read())


@contextmanager
def serving(db: Path, *options: str) -> Iterator[str]:
    """The server's address while it runs (with `workshop serve` options); stopped afterwards."""
    port = free_port()
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    child = subprocess.Popen(
        [
            *(sys.executable, "-m", "optionscope", "workshop", "serve"),
            *("--db", str(db), "--port", str(port)),
            *options,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        end = time.monotonic() + 30
        while True:
            try:
                fetch(url + "/")
                break
            except OSError:
                if time.monotonic() > end or child.poll() is not None:
                    raise
                time.sleep(0.1)
        yield url
    finally:
        child.terminate()
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait(timeout=10)
