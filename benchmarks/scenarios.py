"""Generated scenarios of any size, for the scale benchmarks and the scale tests.

    .venv/bin/python benchmarks/scenarios.py yaml 10000 12 big.yaml
    .venv/bin/python benchmarks/scenarios.py csv 100000 12 big.csv

A YAML scenario passes `validate --strict` (every figure sourced, every judgement
reasoned), has two stakeholder profiles and an uncertain range on every assessment.
A CSV matrix has a weight row and one row per option. Both are seeded: the same
arguments give the same bytes.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np


def scenario_data(options: int, criteria: int, seed: int = 7) -> dict[str, object]:
    """A strict-valid scenario of the given size, as plain data."""
    rng = np.random.default_rng(seed)
    values = np.round(rng.uniform(0, 10, size=(options, criteria)), 3)
    low = np.round(np.maximum(values - rng.uniform(0, 1.5, values.shape), 0), 3)
    high = np.round(np.minimum(values + rng.uniform(0, 1.5, values.shape), 10), 3)
    confidence = ("low", "medium", "high")

    def assessment(i: int, j: int) -> dict[str, object]:
        cell: dict[str, object] = {
            "value": float(values[i, j]),
            "low": float(low[i, j]),
            "high": float(high[i, j]),
            "confidence": confidence[(i + j) % 3],
        }
        if j % 2:
            cell.update(basis="figure", sources=["survey"])
        else:
            cell["rationale"] = "generated judgement"
        return cell

    return {
        "schema_version": 1,
        "id": f"generated-{options}x{criteria}",
        "title": f"Generated {options} x {criteria}",
        "question": "Which option?",
        "as_of": "2024-01-01",
        "sources": [
            {"id": "survey", "title": "Generated survey", "publisher": "bench", "date": "2023"}
        ],
        "criteria": [
            {
                "id": f"c{j}",
                "name": f"Criterion {j}",
                "scale": {"min": 0, "max": 10},
                "direction": "max" if j % 3 else "min",
                "group": f"Group {j % 6}",
            }
            for j in range(criteria)
        ],
        "options": [
            {"id": f"o{i}", "name": f"Option {i}", "summary": "s", "sources": ["survey"]}
            for i in range(options)
        ],
        "assessments": {
            f"o{i}": {f"c{j}": assessment(i, j) for j in range(criteria)} for i in range(options)
        },
        "profiles": [
            {
                "id": "even",
                "name": "Even",
                "weights": {f"c{j}": 1.0 for j in range(criteria)},
                "rationale": "generated",
            },
            {
                "id": "tilted",
                "name": "Tilted",
                "weights": {f"c{j}": float(j % 5 + 1) for j in range(criteria)},
                "rationale": "generated",
            },
        ],
    }


def scenario_yaml(options: int, criteria: int, seed: int = 7) -> str:
    """YAML text of `scenario_data`."""
    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text: str = yaml.dump(
        scenario_data(options, criteria, seed), Dumper=dumper, sort_keys=False, width=200
    )
    return text


def matrix_csv(options: int, criteria: int, seed: int = 7) -> str:
    """CSV decision-matrix text: a header, a weight row, one row per option."""
    rng = np.random.default_rng(seed)
    values = np.round(rng.uniform(0, 100, size=(options, criteria)), 3)
    header = ["option"] + [f"C{j}" + (" (min)" if j % 3 == 0 else "") for j in range(criteria)]
    lines = [",".join(header), ",".join(["weight"] + [str(j % 5 + 1) for j in range(criteria)])]
    lines.extend(
        f"Option {i}," + ",".join(repr(float(v)) for v in row) for i, row in enumerate(values)
    )
    return "\n".join(lines) + "\n"


def write(kind: str, options: int, criteria: int, path: Path) -> Path:
    text = scenario_yaml(options, criteria) if kind == "yaml" else matrix_csv(options, criteria)
    path.write_text(text, encoding="utf-8")
    return path


if __name__ == "__main__":
    kind, options, criteria, out = sys.argv[1:5]
    write(kind, int(options), int(criteria), Path(out))
