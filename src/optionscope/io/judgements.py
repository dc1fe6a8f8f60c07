"""Pairwise judgements for AHP, read from a YAML or CSV file with located errors."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path
from typing import TYPE_CHECKING

from optionscope.io.errors import InputError
from optionscope.io.yaml_loader import load_yaml, read_text

if TYPE_CHECKING:
    from optionscope.model.scenario import Scenario

MADE_FOR_ANOTHER = (
    "these judgements were made for scenario '{made_for}', not '{scenario}'; use them with "
    "that scenario, or change or remove this line"
)


def judgement_value(text: str) -> float:
    """`3`, `0.5`, `1/5` (or `3x`) as a number; ValueError when it is none."""
    top, sep, bottom = text.strip().removesuffix("x").partition("/")
    if not sep:
        return float(top)
    denominator = float(bottom)
    if denominator == 0:
        raise ValueError("division by zero")
    return float(top) / denominator


SAATY_SCALE = (0.11, 9.0)
"""Judgements AHP takes: Saaty's 1 (equal) to 9 (extremely more important), and their
reciprocals down to 1/9 (0.11 read as 1/9); the consistency ratio's random indices are
for this scale."""


def _judgement(raw: object, where: str, line: int, column: int = 0) -> float:
    """A judgement: a positive number, or a fraction written `1/3`, on Saaty's scale."""
    try:
        if isinstance(raw, bool):
            raise ValueError
        if isinstance(raw, int | float):
            value = float(raw)
        elif isinstance(raw, str):
            value = judgement_value(raw)
        else:
            raise ValueError
    except (ValueError, ZeroDivisionError):
        raise InputError.at(
            where, f"'{raw}' is not a judgement: a positive number such as 3 or 1/3", line, column
        ) from None
    if not (math.isfinite(value) and value > 0):
        raise InputError.at(where, f"'{raw}': a judgement is a positive number", line, column)
    if not SAATY_SCALE[0] <= value <= SAATY_SCALE[1]:
        raise InputError.at(
            where,
            f"'{raw}' is off Saaty's scale: a judgement is from 1/9 to 9 (9: the first is "
            "extremely more important; 1/9: the second is)",
            line,
            column,
        )
    return value


def read_judgements(
    path: Path, scenario: Scenario | None = None, given_as: str = ""
) -> tuple[list[tuple[str, str, float]], str | None]:
    """Pairwise judgements from a YAML or CSV file, and the file's `scenario` if it names one.

    Given the scenario they are for (named `given_as` on the command line), a file that
    names another is refused at that line."""
    name = str(path)
    text = read_text(path, name)
    out: list[tuple[str, str, float]] = []
    places: list[tuple[int, int]] = []  # each judgement's line and column
    if path.suffix.lower() == ".csv":
        from optionscope.io.csv_matrix import csv_delimiter, csv_problem, number_text

        delimiter = csv_delimiter(text)
        reader = csv.reader(io.StringIO(text, newline=""), strict=True, delimiter=delimiter)
        rows: list[tuple[int, list[str]]] = []
        start = 1
        try:
            for row in reader:
                rows.append((start, row))
                start = reader.line_num + 1
        except csv.Error as err:
            raise csv_problem(err, name, start, reader.line_num) from None
        for number, row in rows:
            cells = [c.strip() for c in row]
            if not any(cells) or cells[0].startswith("#"):
                continue
            if len(cells) != 3:
                raise InputError.at(name, "a row is: first,second,judgement", number)
            if number == 1 and cells[2].lower() in ("judgement", "judgment", "value"):
                continue
            value = number_text(cells[2], decimal_comma=delimiter == ";")
            out.append((cells[0], cells[1], _judgement(value, name, number, 3)))
            places.append((number, 1))
        _check_pairs(out, places, name)
        return out, None
    doc = load_yaml(text, name)
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("judgements"), list):
        raise InputError([doc.problem((), "", "expected a mapping with a 'judgements' list")])
    ref = data.get("scenario")
    if scenario is not None and ref is not None and str(ref) not in (scenario.id, given_as):
        raise InputError.at(
            name,
            MADE_FOR_ANOTHER.format(made_for=ref, scenario=scenario.id),
            *doc.locate(("scenario",)),
            "scenario",
        )
    for k, item in enumerate(data["judgements"]):
        line = doc.locate(("judgements", k))[0]
        if not (isinstance(item, list) and len(item) == 3):
            raise InputError.at(name, "a judgement is [first, second, how much more]", line)
        a, b, raw = item
        out.append((str(a), str(b), _judgement(raw, name, *doc.locate(("judgements", k, 2)))))
        places.append(doc.locate(("judgements", k, 0)))
    _check_pairs(out, places, name)
    return out, str(ref) if ref is not None else None


SELF_COMPARED = "'{label}' is compared with itself; compare it with another criterion"
JUDGED_TWICE = (
    "'{first}' vs '{second}' is judged twice, {value} here and {before} on line {line}; keep one"
)


def _check_pairs(
    judged: list[tuple[str, str, float]], places: list[tuple[int, int]], name: str
) -> None:
    """Refuse a criterion compared with itself, and a pair judged twice unless the two
    judgements say the same (3, and 1/3 the other way round), each at its line: a pair
    judged twice alike in the same order was read as the last one."""
    from optionscope.analysis.elicitation import RECIPROCAL_TOLERANCE

    seen: dict[tuple[str, str], tuple[float, int]] = {}
    for (a, b, value), (line, column) in zip(judged, places, strict=True):
        if a == b:
            raise InputError.at(name, SELF_COMPARED.format(label=a), line, column)
        key, as_key = ((a, b), value) if a < b else ((b, a), 1.0 / value)
        if key in seen:
            before, before_line = seen[key]
            if abs(before / as_key - 1.0) > RECIPROCAL_TOLERANCE:
                shown = before if a < b else 1.0 / before
                raise InputError.at(
                    name,
                    JUDGED_TWICE.format(
                        first=a, second=b, value=f"{value:g}", before=f"{shown:.3g}",
                        line=before_line,
                    ),
                    line,
                    column,
                )  # fmt: skip
        else:
            seen[key] = (as_key, line)
