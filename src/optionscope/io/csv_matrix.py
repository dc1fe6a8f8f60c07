"""CSV decision matrices: `option,<criterion>[ (min)| (max)]...`, an optional `weight` row.

A matrix becomes a scenario like any other: each column a criterion with a
linear value function over the column's observed range, each row an option.
"""

from __future__ import annotations

import array
import csv
import datetime as dt
import io
import math
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import numpy as np

from optionscope.io.bulk import collector_paused
from optionscope.io.errors import InputError, Located
from optionscope.io.yaml_loader import read_text
from optionscope.model.matrix_cells import MatrixCells, keep_cells
from optionscope.model.scenario import (
    Criterion,
    Option,
    Profile,
    Scale,
    Scenario,
    Source,
    Tradeoffs,
)

if TYPE_CHECKING:
    from _csv import Reader

MAX_MAGNITUDE = 1e300
"""Largest number accepted in a cell: a column's range must stay finite."""

MAX_CRITERIA = 1_000
"""Most criteria (columns after `option`) a matrix may have. A 2.3 MB header of 200,000
criteria took 750 MB to validate; the header is refused, at the first column past the
limit, before any criterion or row is read."""

MAX_CELLS = 2_000_000
"""Most cells (options x criteria) a matrix may hold. 100,000 options x 12 criteria (1.2
million) rank in about 500 MB; 150,000 x 20 took close to 1 GB. Rows are counted as they
are read: the first row past the limit is refused before more are read."""

TOO_MANY_CRITERIA = (
    "the header names more than {limit:,} criteria; keep the criteria that matter, or split "
    "the matrix into smaller ones"
)
TOO_MANY_CELLS = (
    "the matrix holds more than {limit:,} cells (options x criteria) from this row on; split "
    "the matrix into smaller ones (fewer options each), or keep the criteria that matter"
)

_HEADER = re.compile(r"^\s*(?P<name>.*?)\s*(?:\(\s*(?P<dir>min|max)\s*\))?\s*$", re.IGNORECASE)
_NEAR_DIRECTION = re.compile(r"\((?P<mark>\s*(?:min|max)[a-z]*\.?\s*)\)\s*$", re.IGNORECASE)
"""A mark at a header's end that reads like a direction but is not one: `(mini)`, `(maximum)`,
`(min.)`. Read as part of the name, it would leave the criterion higher-is-better."""
NOT_A_DIRECTION = (
    "'({mark})' is not a direction: write '(min)' if lower is better, '(max)' or nothing if "
    "higher is better"
)


_NOT_IN_SLUG = re.compile(r"[^a-z0-9_.-]+")


def _slug(text: str) -> str:
    """An id for a name: an accented letter keeps its base letter (`Café` is `cafe`, in
    either Unicode form), anything else outside `a-z 0-9 _ . -` becomes `-`."""
    text = text.lower()
    if not text.isascii():  # NFKD parts a letter from its accents, which are dropped
        decomposed = unicodedata.normalize("NFKD", text.casefold())
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    slug = _NOT_IN_SLUG.sub("-", text).strip("-")
    if not slug or not slug[0].isalnum():
        slug = f"c{slug}"
    return slug[:64]


def _name_key(label: str) -> str:
    """A name as names are compared: after Unicode NFKC normalisation and case folding, so
    `Safety` and `safety`, or `Café` typed with one accented letter and with a combining
    accent (they look the same), are one name."""
    if label.isascii():  # NFKC leaves ASCII as it is, and casefold() is lower() there
        return label.lower()
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", label).casefold())


def _same_name(kind: str, label: str, other: str, here: str, there: str, also: str) -> str:
    """Why a name (at `here`) is refused that is `other`'s (at `there`) after `_name_key`."""
    if label == other:
        return f"{kind} '{label}' appears twice (also {also})"
    return (
        f"{kind} '{label}' ({here}) and {kind} '{other}' ({there}) differ only in case or "
        f"Unicode form; give each {kind} a name of its own"
    )


class _Ids:
    """Distinct ids for names: each name's slug, or the slug with a numbered suffix (`-2`,
    `-3`, ...) when an earlier name took it (`North road` and `north-road`, `A+B` and `A-B`)."""

    def __init__(self) -> None:
        # A set, and each slug's last suffix: searching a list from -2 up made rows that
        # share a name cubic (2,000 of them took minutes).
        self._taken: set[str] = set()
        self._last_suffix: dict[str, int] = {}

    def new(self, name: str) -> str:
        ident = base = _slug(name)
        n = self._last_suffix.get(base, 1)
        while ident in self._taken:  # a numbered suffix: slugs are cut at 64 characters
            n += 1
            ident = f"{base[: 64 - len(str(n)) - 1]}-{n}"
        self._last_suffix[base] = n
        self._taken.add(ident)
        return ident


def csv_problem(err: csv.Error, name: str, row_start: int, line: int) -> InputError:
    """A CSV reading error in words: an unterminated quote names the line it opens on."""
    if "unexpected end of data" in str(err):
        return InputError.at(
            name,
            f'a quoted cell opened on line {row_start} is never closed; add the closing "',
            row_start,
        )
    return InputError.at(name, f"not a readable CSV file: {err}", line or 1)


_SPACES_IN_NUMBER = re.compile(r"(?<=\d)[ \u00a0\u202f](?=\d{3}\b)")


_LINE = re.compile(r"[^\r\n]+")


def csv_delimiter(text: str) -> str:
    """`,` unless the header line has none outside quotes and has `;` (spreadsheets in
    locales whose decimal mark is a comma) or a tab."""
    # The first line with text: lines end at LF, CR or CR LF (as io.StringIO reads them,
    # without first copying the whole file to translate its line ends).
    lines = (m.group() for m in _LINE.finditer(text))
    first = next((line for line in lines if line.strip()), "")
    unquoted = re.sub(r'"[^"]*"', "", first)
    for d in (",", ";", "\t"):
        if d in unquoted:
            return d
    return ","


def number_text(cell: str, decimal_comma: bool) -> str:
    """A cell as Python reads a number: with `;` between cells, `1 234,5` is 1234.5."""
    if not decimal_comma:
        return cell
    digits = _SPACES_IN_NUMBER.sub("", cell)
    return digits.replace(",", ".") if digits.count(",") == 1 else digits


def _row_numbers(row: list[str], decimal_comma: bool) -> list[float] | None:
    """The numbers of a row's cells after its first, or None if any is not a number,
    not finite or too large (`_cell_problem` then says which and why)."""
    try:
        if decimal_comma:
            numbers = [float(number_text(cell.strip(), True)) for cell in row[1:]]
        else:
            numbers = list(map(float, row[1:]))  # float() strips as str.strip() does
    except ValueError:
        return None
    # A NaN or an infinity makes the sum one; the bounds catch the rest (numbers within
    # 1e300 of zero add up to a finite sum).
    if numbers and not (
        math.isfinite(sum(numbers))
        and min(numbers) >= -MAX_MAGNITUDE
        and max(numbers) <= MAX_MAGNITUDE
    ):
        return None
    return numbers


def _cell_problem(cell: str, decimal_comma: bool) -> str:
    """Why a cell is not a number the matrix can hold ("" when it is one)."""
    text_value = cell.strip()
    try:
        number = float(number_text(text_value, decimal_comma))
    except ValueError:
        return f"'{text_value}' is not a number"
    if not math.isfinite(number):
        return f"'{text_value}' is not a finite number"
    if abs(number) > MAX_MAGNITUDE:
        return f"'{text_value}' is too large; rescale the column"
    return ""


def load_csv_matrix(path: Path) -> Scenario:
    name = str(path)
    text = read_text(path, name)
    with collector_paused():  # a large matrix is millions of new objects, no cycles
        return csv_matrix_from_text(text, name, scenario_id=_slug(path.stem))


def _content_rows(reader: Reader, name: str) -> Iterator[tuple[int, list[str]]]:
    """Each row with text, with the file line it starts on (a blank row has none)."""
    start = 1
    try:
        for row in reader:
            if "".join(row).strip():  # not a blank row (any cell with text)
                yield start, row
            start = reader.line_num + 1
    except csv.Error as err:
        raise csv_problem(err, name, start, reader.line_num) from None


def csv_matrix_from_text(text: str, name: str, scenario_id: str = "matrix") -> Scenario:
    # newline="": the csv module sees the line ends itself (a bare CR is a line end, not an
    # error), and each row keeps the file line it starts on, also after a multi-line cell.
    delimiter = csv_delimiter(text)
    decimal_comma = delimiter == ";"
    reader = csv.reader(io.StringIO(text, newline=""), strict=True, delimiter=delimiter)
    # The rows are read as they are checked: only each option's numbers are kept (a
    # 100,000-row file read whole was 1.3 million cells held at once, twice the time).
    numbered = _content_rows(reader, name)
    problems: list[Located] = []

    def bad(line: int, col: int, message: str, field: str = "") -> None:
        problems.append(Located(name, line, col, field, message))

    first = next(numbered, None)
    if first is None:
        raise InputError.at(
            name, "the matrix is empty; expected a header 'option,<criterion>...'", 1, 1
        )
    header_line, header = first
    if len(header) < 2 or header[0].strip().lower() != "option":
        for _ in numbered:  # a file the csv module cannot read says so first
            pass
        raise InputError.at(
            name,
            "the header must start with 'option' and name at least one criterion, "
            "separated by commas (or semicolons, or tabs)",
            header_line,
            1,
        )
    if len(header) - 1 > MAX_CRITERIA:  # before any criterion is made, or any row read
        raise InputError.at(
            name, TOO_MANY_CRITERIA.format(limit=MAX_CRITERIA), header_line, MAX_CRITERIA + 2
        )
    criteria: list[Criterion] = []
    seen: dict[str, tuple[str, int]] = {}  # by `_name_key`: each name, the column it is in
    criterion_ids = _Ids()
    for col, cell in enumerate(header[1:], start=2):
        m = _HEADER.match(cell)
        near = None if m and m.group("dir") else _NEAR_DIRECTION.search(cell)
        if near:
            bad(header_line, col, NOT_A_DIRECTION.format(mark=near.group("mark")))
            continue
        label = " ".join((m.group("name") if m else cell).split())  # a name is one line
        if not label:
            bad(header_line, col, "empty criterion name")
            continue
        key = _name_key(label)
        if key in seen:
            other, other_col = seen[key]
            here, there = (f"line {header_line}, column {c}" for c in (col, other_col))
            also = f"column {other_col}"
            bad(header_line, col, _same_name("criterion", label, other, here, there, also))
            continue
        seen[key] = (label, col)
        cid = criterion_ids.new(label)  # `A+B` and `A-B`: two names, ids a-b and a-b-2
        direction: Literal["max", "min"] = (
            "min" if m and (m.group("dir") or "").lower() == "min" else "max"
        )
        criteria.append(
            Criterion(
                id=cid,
                name=label,
                direction=direction,
                unit="as given",
                scale=Scale(min=0, max=1),
            )
        )
    width = len(header)
    weights: dict[str, float] | None = None
    option_rows: list[tuple[int, str]] = []
    performances = array.array("d")  # the option rows' numbers, row after row
    option_seen: dict[str, tuple[str, int]] = {}  # by `_name_key`: each name, its line
    most_rows = MAX_CELLS // (width - 1)  # the option rows within the cell limit
    rows, weight_row = 0, False
    for line, row in numbered:
        if not weight_row and row[0].strip().lower() == "weight":
            weight_row = True  # the weight row holds no options' cells
        else:
            rows += 1  # counted before it is checked: no row past the limit is kept
            if rows > most_rows:
                bad(line, 1, TOO_MANY_CELLS.format(limit=MAX_CELLS))
                raise InputError(problems)
        if len(row) != width:
            bad(
                line,
                len(row) + 1 if len(row) < width else width + 1,
                f"row has {len(row)} cells; the header has {width}",
            )
            continue
        label = " ".join(row[0].split())  # a cell spanning lines names one option
        numbers = _row_numbers(row, decimal_comma)
        if numbers is None:  # some cell is not a number in range: say which, and why
            for col, cell in enumerate(row[1:], start=2):
                problem = _cell_problem(cell, decimal_comma)
                if problem:
                    bad(line, col, problem, header[col - 1].strip())
            continue
        if label.lower() == "weight":
            if weights is not None:
                bad(line, 1, "a second weight row")
                continue
            negative = [i for i, w in enumerate(numbers) if w < 0]
            for i in negative:
                bad(line, i + 2, "a weight must not be negative")
            if not negative and sum(numbers) <= 0:
                bad(line, 2, "the weights are all zero; give at least one a positive weight")
            weights = {c.id: w for c, w in zip(criteria, numbers, strict=False)}
            continue
        if not label:
            bad(line, 1, "an option needs a name in the first cell")
            continue
        key = _name_key(label)
        if key in option_seen:
            other, other_line = option_seen[key]
            here, there = f"line {line}", f"line {other_line}"
            bad(line, 1, _same_name("option", label, other, here, there, there))
            continue
        option_seen[key] = (label, line)
        option_rows.append((line, label))
        performances.extend(numbers)
    if not option_rows and not problems:
        bad(header_line + 1, 1, "no option rows under the header")
    if problems:
        raise InputError(problems)
    values = np.frombuffer(performances, dtype=np.float64).reshape(len(option_rows), width - 1)

    # Each criterion's scale is the column's observed range.
    fitted: list[Criterion] = []
    lows, highs = values.min(axis=0).tolist(), values.max(axis=0).tolist()
    for crit, lo, hi in zip(criteria, lows, highs, strict=True):
        if lo == hi:
            pad = max(1.0, abs(lo) * 1e-6)  # 1 would vanish next to a very large number
            lo, hi = lo - pad, hi + pad
        fitted.append(crit.model_copy(update={"scale": Scale(min=lo, max=hi)}))
    row_ids = _Ids()
    option_ids = [row_ids.new(label) for _, label in option_rows]
    source = Source(id="matrix", title=f"Decision matrix {name}", publisher="user", date="2000")
    scenario = Scenario(
        id=scenario_id,
        title=f"Decision matrix {Path(name).name}",
        question="Which option performs best on the matrix's criteria?",
        as_of=dt.date(2000, 1, 1),
        sources=[source],
        criteria=fitted,
        options=_matrix_options(
            [
                (oid, label, f"Row {line} of {name}")
                for oid, (line, label) in zip(option_ids, option_rows, strict=True)
            ]
        ),
        assessments={},  # kept as columns below: made into objects only where read
        profiles=[Profile(id="matrix", name="Weights in the matrix", weights=weights)]
        if weights
        else [],
        default_profile="matrix" if weights else None,
    )
    cells = MatrixCells(tuple(option_ids), tuple(c.id for c in fitted), values)
    return keep_cells(scenario, cells)


_OPTION_FIELDS_SET = frozenset({"id", "name", "summary", "sources"})


def _matrix_option(oid: str, label: str, summary: str) -> Option:
    """A row's option, validated as `Option(id=, name=, summary=, sources=)` would be.

    The empty lists and trade-offs are given rather than left to their defaults, which
    pydantic deep-copies for every option (half the time of 100,000 rows); the fields
    the option says were set stay the four above.
    """
    option = Option(
        id=oid,
        name=label,
        summary=summary,
        sources=["matrix"],
        preconditions=[],
        costs=[],
        risks=[],
        tradeoffs=_NO_TRADEOFFS,
    )
    object.__setattr__(option, "__pydantic_fields_set__", set(_OPTION_FIELDS_SET))
    return option


_NO_TRADEOFFS = Tradeoffs()
"""Shared by every row's option: frozen and empty."""


def _matrix_options(rows: list[tuple[str, str, str]]) -> list[Option]:
    """Each row's option from its (id, name, summary), as `_matrix_option` makes it.

    Every field but the summary is made by the reader to meet the model's rules (an id
    from `_slug`, a name of words joined by single spaces), and the summaries differ only
    in their row number. So the first and the last options are validated (the last has
    the longest number), and if validation changes neither, the others are made as they
    are, without validating 100,000 options one by one (a fifth of reading the file).
    """
    ends = {0: _matrix_option(*rows[0]), len(rows) - 1: _matrix_option(*rows[-1])}
    if any((o.id, o.name, o.summary) != rows[k] for k, o in ends.items()):
        return [_matrix_option(*row) for row in rows]  # validation changes some: validate all
    template = ends[0].__dict__
    return [ends.get(k) or _made_option(template, *row) for k, row in enumerate(rows)]


def _made_option(template: dict[str, object], oid: str, label: str, summary: str) -> Option:
    """The option `_matrix_option(oid, label, summary)` validates to, made directly."""
    option = Option.__new__(Option)
    state = {**template, "id": oid, "name": label, "summary": summary}
    state.update(sources=["matrix"], preconditions=[], costs=[], risks=[])  # each its own
    object.__setattr__(option, "__dict__", state)
    object.__setattr__(option, "__pydantic_fields_set__", set(_OPTION_FIELDS_SET))
    object.__setattr__(option, "__pydantic_extra__", None)
    object.__setattr__(option, "__pydantic_private__", None)
    return option
