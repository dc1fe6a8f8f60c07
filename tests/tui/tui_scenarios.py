"""Scenarios for the terminal UI tests: the tiny file, generated ones, hostile text."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from optionscope.io.scenario_files import load_scenario
from optionscope.model.scenario import Scenario

TINY = Path(__file__).resolve().parents[1] / "data" / "tiny.yaml"


def generated_scenario(options: int, criteria: int, seed: int = 7) -> Scenario:
    """A seeded scenario of the given size, in groups of five criteria, with two profiles."""
    rng = random.Random(seed)
    crit = [
        {
            "id": f"c{j:02d}",
            "name": f"Criterion {j}",
            "group": f"Group {j // 5}",
            "direction": "min" if j % 4 == 3 else "max",
            "scale": {"min": 0, "max": 10},
        }
        for j in range(criteria)
    ]
    opts = [
        {"id": f"o{i:03d}", "name": f"Option {i}", "summary": "Generated."} for i in range(options)
    ]
    assessments = {
        o["id"]: {c["id"]: {"value": round(rng.uniform(0, 10), 2)} for c in crit} for o in opts
    }
    profiles = [
        {
            "id": f"p{k}",
            "name": f"Profile {k}",
            "weights": {c["id"]: rng.randint(0, 10) + 1 for c in crit},
        }
        for k in range(2)
    ]
    return Scenario.model_validate(
        {
            "id": "generated",
            "title": f"Generated {options} x {criteria}",
            "question": "Which one?",
            "as_of": dt.date(2024, 1, 1),
            "criteria": crit,
            "options": opts,
            "assessments": assessments,
            "profiles": profiles,
        }
    )


def hostile_scenario() -> Scenario:
    """Scenario text that would break a markup parser or a terminal if interpreted."""
    base = load_scenario(TINY)
    data = base.model_dump(mode="json")
    data["title"] = "Title [bold]not bold[/bold] and [/ and [unclosed"
    data["options"][0]["name"] = "[bold]x[/"
    data["options"][0]["summary"] = "Summary with \x1b[31mred\x1b[0m escape and [link=x]y"
    data["criteria"][0]["name"] = "[red]Cost[/red]"
    data["assessments"]["north"]["safety"]["rationale"] = "Steep \x1b[31m grades [/ ["
    data["profiles"][0]["name"] = "[b]Treasurer"
    data["profiles"][0]["stance"] = "Stance [/ with [b]markup and \x1b[2J"
    return Scenario.model_validate(data)


def detailed_scenario() -> Scenario:
    """The tiny scenario with preconditions, costs, risks and trade-offs on North road."""
    data = load_scenario(TINY).model_dump(mode="json")
    data["options"][0].update(
        {
            "preconditions": [
                {
                    "id": "consent",
                    "text": "The host agrees.",
                    "gate": "host-consent",
                    "probability": 0.4,
                    "rationale": "Talks stalled.",
                    "sources": ["survey"],
                }
            ],
            "costs": [
                {
                    "label": "Build cost",
                    "amount": 60,
                    "low": 50,
                    "high": 80,
                    "unit": "million",
                    "basis": "derived",
                    "derivation": "12 km x 5 million",
                    "sources": ["survey"],
                }
            ],
            "risks": [
                {
                    "id": "slide",
                    "description": "Landslides",
                    "likelihood": "likely",
                    "impact": "severe",
                    "affects": ["safety"],
                    "mitigation": "Nets.",
                },
                {
                    "id": "delay",
                    "description": "Delays",
                    "likelihood": "possible",
                    "impact": "minor",
                },
            ],
            "tradeoffs": {"gains": ["Time"], "gives_up": ["Money"]},
        }
    )
    return Scenario.model_validate(data)
