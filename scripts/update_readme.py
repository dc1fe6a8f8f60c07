"""Regenerate the README's scenario-format reference from the model.

    .venv/bin/python scripts/update_readme.py

tests/test_readme.py fails when the README is out of date.
"""

from __future__ import annotations

import re
from pathlib import Path

from optionscope.report.format_reference import format_reference

README = Path(__file__).resolve().parents[1] / "README.md"
START = "<!-- format-reference:start -->"
END = "<!-- format-reference:end -->"


def updated(text: str) -> str:
    block = f"{START}\n{format_reference()}{END}"
    return re.sub(re.escape(START) + r".*?" + re.escape(END), lambda _: block, text, flags=re.S)


if __name__ == "__main__":
    README.write_text(updated(README.read_text(encoding="utf-8")), encoding="utf-8")
