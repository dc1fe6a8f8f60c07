"""The one default seed of the uncertainty simulation (SMAA), for every surface.

A module of its own, without numpy, so the CLI can show it in `--help` without
loading the analysis.
"""

from __future__ import annotations

DEFAULT_SEED = 20230116
"""The fixed default seed (the date of the MINUSMA review): same inputs, same numbers,
whether the simulation runs from the CLI, the TUI or the briefing."""
