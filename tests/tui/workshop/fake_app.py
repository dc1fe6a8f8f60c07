"""A stand-in for `workshop join` under textual-serve: says it is ready, waits to be told to quit.

The server tests count and refuse sessions; starting the real app twice per
session would only make them slow.
"""

import sys

sys.stdout.write("__GANGLION__\n")
sys.stdout.flush()
while True:
    chunk = sys.stdin.buffer.read1(4096)
    if not chunk or b"quit" in chunk:
        break
