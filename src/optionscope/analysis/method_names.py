"""The ranking methods by name, without their code: the command line and the terminal UI
name and check a method before (or without) importing the analysis."""

from __future__ import annotations

METHOD_NAMES: dict[str, str] = {
    "wsm": "additive value model (weighted sum of 0-100 values)",
    "topsis": (
        "TOPSIS (closeness to the ideal option, 0-1, on the raw measures, vector normalisation)"
    ),
    "promethee": (
        "PROMETHEE II (net outranking flow, -1 to 1, on the raw measures, "
        "usual preference functions)"
    ),
}
"""Method key -> the method as readers know it; the keys are those of `ranking.METHODS`."""

DEFAULT_METHOD = "wsm"
"""The method used when none is given, on the command line or in the settings file."""

__all__ = ["DEFAULT_METHOD", "METHOD_NAMES"]
