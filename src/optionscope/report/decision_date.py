"""The scenario as participants may see it before the reveal: nothing dated after its decision date.

A scenario is written with hindsight: its summary may say how the story ended,
a seat's stance may quote what an actor said months later, a cost may be the
real bill of what was decided, and some sources post-date the decision. A
handout or a participant's screen shows `as_known_on_decision_date(scenario)`
instead, which is built by dates alone, for any scenario:

- a **source** is left out when it is certainly dated after the decision date
  (its earliest possible day, for a partial date such as `2023-06`, is later),
  or when only the events and the outcome cite it;
- a **sentence** of free text (summary, framing, option summaries, seats'
  stances and rationales, criteria descriptions) is left out when it mentions a
  date later than the decision date: `30 June 2023`, `June 2023`, `2023-06`
  (a day or month counts from its first day), or a bare year such as `2023`
  when the decision date is within that year (a year counts to its last day);
- an **item** (a precondition, cost, risk or trade-off) is left out when it
  mentions such a date, or when every source it cites is left out (it rests
  on nothing a participant could have read); a seat's rationale likewise. An
  item that also cites an earlier source stays, and the later source is not
  listed.

The events and the outcome are kept in the model (a screen shows those that
have been released) but no handout shows them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from typing import Any

from optionscope.model.scenario import Option, Profile, Scenario, Source

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTH = "(" + "|".join(name for name in calendar.month_name if name) + ")"
_ISO = re.compile(r"(?<![\w/.])(\d{4})-(\d{2})(?:-(\d{2}))?(?![\w/])")
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})\s+{_MONTH}\s+(\d{{4}})\b", re.IGNORECASE)
_MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}}),\s+(\d{{4}})\b", re.IGNORECASE)
_MONTH_YEAR = re.compile(rf"\b{_MONTH}\s+(\d{{4}})\b", re.IGNORECASE)
_YEAR = re.compile(r"(?<![\w/.,-])(1[89]\d\d|20\d\d)(?![\w/]|-\d|,\d)")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'“(\[A-Z0-9])")

DateSpan = tuple[dt.date, dt.date]
"""The earliest and the latest day a (possibly partial) date may stand for."""


def _span(year: int, month: int | None = None, day: int | None = None) -> DateSpan | None:
    try:
        if month is None:
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        if day is None:
            last = calendar.monthrange(year, month)[1]
            return dt.date(year, month, 1), dt.date(year, month, last)
        exact = dt.date(year, month, day)
    except ValueError:
        return None
    return exact, exact


def date_span(value: str) -> DateSpan | None:
    """`YYYY`, `YYYY-MM` or `YYYY-MM-DD` -> the days it may stand for; None if not a date."""
    parts = value.strip().split("-")
    try:
        numbers = [int(p) for p in parts]
    except ValueError:
        return None
    if not 1 <= len(numbers) <= 3:
        return None
    return _span(*numbers)


def dates_mentioned(text: str) -> list[DateSpan]:
    """Every date written in a text: ISO, `30 June 2023`, `June 30, 2023`, `June 2023`, `2023`."""
    found: list[DateSpan] = []
    rest = text

    def take(pattern: re.Pattern[str], to_span: Any) -> None:
        nonlocal rest

        def keep(m: re.Match[str]) -> str:
            span = to_span(m)
            if span is not None:
                found.append(span)
            return " " * len(m.group(0))

        rest = pattern.sub(keep, rest)

    take(
        _ISO,
        lambda m: (
            _span(int(m[1]), int(m[2]), int(m[3]) if m[3] else None) or _span(int(m[1]))
        ),  # 2023-24: a span of years, the first one at least
    )
    take(_DAY_MONTH_YEAR, lambda m: _span(int(m[3]), _MONTHS[m[2].lower()], int(m[1])))
    take(_MONTH_DAY_YEAR, lambda m: _span(int(m[3]), _MONTHS[m[1].lower()], int(m[2])))
    take(_MONTH_YEAR, lambda m: _span(int(m[2]), _MONTHS[m[1].lower()]))
    take(_YEAR, lambda m: _span(int(m[1])))
    return found


def later_than(span: DateSpan, decision: dt.date) -> bool:
    """Is a date mentioned in text later than the decision date?

    A day or a month counts from its first day (`January 2023` is not later
    than 16 January 2023; `February 2023` is). A bare year is too coarse to
    place within the year of the decision, so it counts to its last day
    (`2023` is later than 16 January 2023; `2022` is not).
    """
    earliest, latest = span
    whole_year = (earliest.month, earliest.day, latest.month, latest.day) == (1, 1, 12, 31)
    return (latest if whole_year else earliest) > decision


def may_be_after(text: str, decision: dt.date) -> bool:
    """Does the text mention a date later than the decision date (see `later_than`)?"""
    return any(later_than(span, decision) for span in dates_mentioned(text))


def known_text(text: str, decision: dt.date) -> str:
    """The text without the sentences that mention a date that may lie after the decision."""
    if not may_be_after(text, decision):
        return text
    paragraphs = []
    for paragraph in text.split("\n"):
        sentences = _SENTENCE_END.split(paragraph)
        paragraphs.append(" ".join(s for s in sentences if not may_be_after(s, decision)))
    return "\n".join(paragraphs).strip()


def source_after(source: Source, decision: dt.date) -> bool:
    """Is the source certainly dated after the decision date?"""
    span = date_span(source.date)
    return span is not None and span[0] > decision


def _cited(data: object) -> set[str]:
    """Every source id cited anywhere in a dumped part of a scenario."""
    found: set[str] = set()
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "sources" and isinstance(value, list):
                found.update(v for v in value if isinstance(v, str))
            else:
                found |= _cited(value)
    elif isinstance(data, list):
        for item in data:
            found |= _cited(item)
    return found


def hidden_sources(scenario: Scenario) -> set[str]:
    """Ids of the sources a participant may not see before the reveal."""
    cited = _cited(scenario.model_dump(exclude={"events", "outcome", "sources"}))
    spoilers = _cited(scenario.model_dump(include={"events", "outcome"})) - cited
    late = {s.id for s in scenario.sources if source_after(s, scenario.as_of)}
    return spoilers | late


def rests_on_hidden(sources: Sequence[str], hidden: set[str]) -> bool:
    """Does every source cited (at least one) lie among the hidden ones?"""
    return bool(sources) and all(s in hidden for s in sources)


def _fine(texts: Iterable[str], sources: Sequence[str], hidden: set[str], day: dt.date) -> bool:
    return not rests_on_hidden(sources, hidden) and not any(may_be_after(t, day) for t in texts)


def _option(option: Option, hidden: set[str], day: dt.date) -> Option:
    return option.model_copy(
        update={
            "summary": known_text(option.summary, day),
            "preconditions": [
                p
                for p in option.preconditions
                if _fine([p.text, p.rationale], p.sources, hidden, day)
            ],
            "costs": [
                c for c in option.costs if _fine([c.label, c.derivation], c.sources, hidden, day)
            ],
            "risks": [
                r
                for r in option.risks
                if _fine([r.description, r.mitigation, r.rationale], r.sources, hidden, day)
            ],
            "tradeoffs": option.tradeoffs.model_copy(
                update={
                    "gains": [g for g in option.tradeoffs.gains if not may_be_after(g, day)],
                    "gives_up": [g for g in option.tradeoffs.gives_up if not may_be_after(g, day)],
                }
            ),
        }
    )


def _profile(profile: Profile, hidden: set[str], day: dt.date) -> Profile:
    rationale = (
        "" if rests_on_hidden(profile.sources, hidden) else known_text(profile.rationale, day)
    )
    return profile.model_copy(
        update={
            "stance": known_text(profile.stance, day),
            "rationale": rationale,
            "sources": [s for s in profile.sources if s not in hidden],
        }
    )


def as_known_on_decision_date(scenario: Scenario) -> Scenario:
    """The scenario as a participant may read it before the reveal (see the module's rules)."""
    day = scenario.as_of
    hidden = hidden_sources(scenario)
    return scenario.model_copy(
        update={
            "summary": known_text(scenario.summary, day),
            "framing": known_text(scenario.framing, day),
            "sources": [s for s in scenario.sources if s.id not in hidden],
            "options": [_option(o, hidden, day) for o in scenario.options],
            "profiles": [_profile(p, hidden, day) for p in scenario.profiles],
            "criteria": [
                c.model_copy(update={"description": known_text(c.description, day)})
                for c in scenario.criteria
            ],
        }
    )
