"""Field types shared by the scenario's models: identifiers, partial dates, weights,
one-line names, long texts, the kinds of basis, cost, timing, likelihood and impact, and
`Model`, the base of every scenario model (frozen, unknown keys refused)."""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
)

IDENT = r"^[a-z0-9][a-z0-9_.-]*$"
"""Identifiers: lower-case letters, digits, `-`, `_` and `.`; they start with a letter or digit."""
IDENT_MAX = 64
"""The most characters an identifier has."""
IDENT_RULE = "lower-case letters, digits, '-', '_' or '.', starting with a letter or digit"
"""What an identifier is, in the words of every message that refuses one."""

Ident = Annotated[str, Field(pattern=IDENT, min_length=1, max_length=IDENT_MAX)]


def id_problem(value: str) -> str:
    """Why `value` is not an identifier, in plain words with what to write instead; ""
    when it is one."""
    if re.fullmatch(IDENT, value) and len(value) <= IDENT_MAX:
        return ""
    if not value:
        return f"an empty id; an id is {IDENT_RULE} (e.g. water-2025)"
    if re.fullmatch(IDENT, value):
        return (
            f"'{value[:20]}...' is {len(value)} characters long; an id has at most "
            f"{IDENT_MAX}: shorten it"
        )
    message = f"'{value}' is not an id: an id is {IDENT_RULE}"
    wrong = next((c for c in value if not re.fullmatch(r"[a-z0-9_.-]", c.lower())), "")
    if wrong.isspace():
        message += "; spaces are not allowed"
    elif wrong:
        named = unicodedata.name(wrong, "")
        message += f"; '{wrong}' (U+{ord(wrong):04X}{' ' + named if named else ''}) is not allowed"
    elif value[0] in "-_.":
        message += f"; '{value[0]}' may not come first"
    fixed = re.sub(r"\s+", "-", value.strip()).lower()
    if fixed != value and re.fullmatch(IDENT, fixed) and len(fixed) <= IDENT_MAX:
        message += f"; write '{fixed}'"
    return message


def name_key(name: str) -> str:
    """What two names must share to be one name: NFKC (full-width and other compatibility
    forms as their plain letters), runs of spaces as one, case-folded."""
    return " ".join(unicodedata.normalize("NFKC", name).split()).casefold()


PARTIAL_FORMS = "YYYY, YYYY-MM or YYYY-MM-DD"
"""The forms of a `PartialDate`, as messages give them."""


def calendar_problem(value: str) -> str:
    """Why a date written YYYY-MM or YYYY-MM-DD (digits in the right places) is not in the
    calendar, e.g. "2023-13 is not a date in the calendar: month 13"; "" when it is, or
    when it is not written that way."""
    found = re.fullmatch(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?", value)
    if found is None:
        return ""
    year, month = int(found[1]), int(found[2])
    if year == 0:
        return f"{value} is not a date in the calendar: there is no year 0000"
    if not 1 <= month <= 12:
        return f"{value} is not a date in the calendar: month {month}"
    if found[3] is None:
        return ""
    day = int(found[3])
    try:
        dt.date(year, month, day)
    except ValueError:
        last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
        name = dt.date(year, month, 1).strftime("%B")
        return f"{value} is not a date in the calendar: {name} {year} has {last} days"
    return ""


def _partial_date(value: str) -> str:
    if not re.fullmatch(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?", value):
        problem = calendar_problem(value)
        raise ValueError(f"{problem or f'{value} is not a date'}; use {PARTIAL_FORMS}")
    if value.startswith("0000"):
        raise ValueError(f"there is no year 0000; use {PARTIAL_FORMS}")
    if len(value) == 10:
        problem = calendar_problem(value)
        if problem:
            raise ValueError(problem)
    return value


def _weight(value: float) -> float:
    if not 0 <= value < math.inf:
        raise ValueError("weights must be finite and non-negative")
    return value


def not_true_or_false(value: object) -> object:
    if value is True or value is False:
        raise ValueError(
            "expected a number; YAML reads yes, no, on, off, true and false as true or false"
        )
    return value


def true_or_false_only(value: object) -> object:
    if value is True or value is False:
        return value
    raise ValueError("expected true or false, without quotes")


Flag = Annotated[bool, BeforeValidator(true_or_false_only)]
"""true or false (or yes, no, on, off, which YAML reads as them). Not 1, 0 or a quoted
word, which pydantic would have read as true or false."""

SchemaVersion = Annotated[Literal[1], BeforeValidator(not_true_or_false)]
"""A file's `schema_version`: 1, not `true` (which Python counts equal to 1)."""

Number = Annotated[float, BeforeValidator(not_true_or_false)]
"""A number. Not `true`, `yes` or `on` (nor `false`, `no`, `off`), which YAML reads as
true or false, and a number field would have taken as 1 or 0."""

Probability = Annotated[float, Field(ge=0, le=1), BeforeValidator(not_true_or_false)]
"""A judged probability, 0 to 1: a `Number` (the bounds first, for the JSON schema)."""

Weight = Annotated[
    float, Field(allow_inf_nan=True), BeforeValidator(not_true_or_false), AfterValidator(_weight)
]
"""Raw points for one criterion: a finite, non-negative number (refused at its entry)."""


PartialDate = Annotated[str, AfterValidator(_partial_date)]
"""A date as precise as the source allows: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`."""
Text = Annotated[str, Field(max_length=20_000)]


def _one_line(value: str) -> str:
    if re.search(r"[\r\n\u2028\u2029]", value):
        raise ValueError("a name is one line; remove the line break (put more in a summary)")
    return value


Line = Annotated[str, AfterValidator(_one_line)]
"""A name or title: shown on one line in tables, charts and headings."""

Confidence = Literal["low", "medium", "high"]
"""How sure the author is of an assessed value; widens or narrows the sampled range."""

Basis = Literal["figure", "derived", "judgement", "unverified"]
"""Where a number comes from.

- `figure`: stated in a cited document;
- `derived`: arithmetic on cited figures (the `derivation` says how);
- `judgement`: the author's judgement (the `rationale` says why);
- `unverified`: reported but not confirmed in a retrieved document.
"""

CostKind = Literal["total", "addition", "saving", "part"]
"""What a cost amount is: the option's whole cost, an addition to or a saving on another
option's total, or a part of another cost (or a figure given for comparison)."""

Timing = Literal["one-off", "recurring"]
"""Whether a cost is paid once or again every period."""

Likelihood = Literal["rare", "unlikely", "possible", "likely", "almost-certain"]
Impact = Literal["minor", "moderate", "major", "severe", "critical"]

LIKELIHOOD_LEVELS: tuple[Likelihood, ...] = (
    "rare",
    "unlikely",
    "possible",
    "likely",
    "almost-certain",
)
IMPACT_LEVELS: tuple[Impact, ...] = ("minor", "moderate", "major", "severe", "critical")


class Model(BaseModel):
    """Base of every scenario model: frozen, unknown keys refused."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        str_strip_whitespace=True,
        allow_inf_nan=False,  # .inf and .nan are refused wherever a number is read
        # validators built when first used, not at import: a scenario read from the
        # cache (io/scenario_cache.py) needs none
        defer_build=True,
    )
