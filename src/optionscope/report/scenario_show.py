"""The whole scenario a reviewer must check (`optionscope show`), wrapped to a width.

Text mode wraps every paragraph and lays out each figure, assessment, event and
profile as an indented block, so no line is wider than the terminal; Markdown
mode (`--format md`) gives headings, paragraphs and tables for review in a pull
request. Scenario text always goes through the text-safety layer (`plain()` for a
terminal, `markdown_text()`/`markdown_paragraph()` for Markdown).
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from optionscope.analysis.positions import position_check
from optionscope.io.safe_text import cell_width, markdown_paragraph, markdown_text
from optionscope.io.writers import markdown_table, plain
from optionscope.model.matrix_cells import matrix_assessment
from optionscope.model.scenario import Assessment, Criterion, Effect, Scenario
from optionscope.present.numbers import amount, percent, weight_labels
from optionscope.present.ranking import reference_tag
from optionscope.report.positions_text import position_sentence
from optionscope.report.scenario_text import citation, cost_text

MIN_WIDTH = 40


class _Page:
    """Lines of output, wrapped to `width` in text mode, left to flow in Markdown."""

    def __init__(self, width: int, markdown: bool) -> None:
        self.width = max(width, MIN_WIDTH)
        self.md = markdown
        self.lines: list[str] = []

    def blank(self) -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def heading(self, level: int, text: str) -> None:
        self.blank()
        if self.md:
            self.lines.append(f"{'#' * level} {markdown_text(text)}")
        else:
            shown = plain(text)
            if (
                shown
                and len(shown) <= self.width
                and shown.isprintable()
                and shown == shown.strip()
            ):
                wrapped = [shown]  # what `textwrap` makes of a line that fits
            else:
                wrapped = textwrap.wrap(shown, self.width, break_long_words=False) or [""]
            self.lines.extend(wrapped)
            if level <= 2:
                rule = max(cell_width(w) for w in wrapped)
                self.lines.append(("=" if level == 1 else "-") * min(rule, self.width))
        self.lines.append("")

    def para(self, text: str, indent: int = 0, first: str = "") -> None:
        """A paragraph; `first` starts its first line (a bullet or a label)."""
        if self.md:  # its start cannot open a heading, a quote or a list
            pad = "  " * (indent // 2)
            self.lines.append(f"{pad}{first}{markdown_paragraph(' '.join(text.split()))}")
            return
        body = plain(" ".join(text.split()))
        lead = " " * indent + first
        if body and len(lead) + len(body) <= self.width and body.isprintable():
            self.lines.append(lead + body)  # what `textwrap` makes of a line that fits
            return
        self.lines.extend(
            textwrap.wrap(
                body,
                self.width,
                initial_indent=lead,
                subsequent_indent=" " * (indent + (2 if first else 0)),
                break_long_words=False,
                break_on_hyphens=False,
            )
            or [lead.rstrip()]
        )

    def table(self, header: Sequence[str], rows: Sequence[Sequence[object]], align: str) -> None:
        self.lines.append(markdown_table(header, rows, align).rstrip("\n"))

    def text(self) -> str:
        while self.lines and self.lines[-1] == "":
            self.lines.pop()
        return "\n".join(self.lines) + "\n"


def _cites(ids: Sequence[str]) -> str:
    return f" [{', '.join(ids)}]" if ids else ""


def _range(a: Assessment) -> str:
    if a.low is None and a.high is None:
        return amount(a.value)
    return f"{amount(a.value)} ({amount(a.lower)} to {amount(a.upper)})"


def _scale(c: Criterion) -> str:
    way = "more is better" if c.direction == "max" else "less is better"
    return f"{c.unit}, {amount(c.scale.min)} to {amount(c.scale.max)}, {way}"


def _value_points(c: Criterion, glue: str = " ") -> str:
    """`0 → 0, 50 → 80, 100 → 100 (piecewise linear)`, numbered as `_scale` numbers the
    scale; each point's words joined by `glue`. Empty for the default, value linear over
    the scale, which the scale says."""
    if c.value_function is None:
        return ""
    arrow = f"{glue}→{glue}"
    points = ", ".join(f"{amount(x)}{arrow}{amount(v)}" for x, v in c.value_function.points)
    return f"{points} (piecewise linear)"


def _value_line(p: _Page, c: Criterion) -> None:
    """A criterion's value function under it, a line broken between points only (its words
    are all made here from numbers, so none needs `plain`)."""
    points = _value_points(c, glue="\xa0")  # textwrap breaks at ASCII whitespace only
    lines = textwrap.wrap(
        points, p.width, initial_indent="  value: ", subsequent_indent="    ",
        break_long_words=False, break_on_hyphens=False,
    )  # fmt: skip
    p.lines.extend(line.replace("\xa0", " ") for line in lines)


def _effect(s: Scenario, e: Effect) -> str:
    who = "every option" if e.option == "*" else s.option(e.option).label
    crit = s.criterion(e.criterion)
    change = f"set to {amount(e.value)}" if e.value is not None else f"{e.delta or 0.0:+g}"
    return f"{who}, {crit.name}: {change}"


def _matrix_column(
    p: _Page, s: Scenario, values: list[float], labels: list[tuple[str, bool]]
) -> bool:
    """A matrix criterion's assessments, written from its column as `show_text` writes
    the objects (False, writing nothing, if a cell has a range): every cell is the same
    assessment but for its value, so none of the 10,000 x 12 objects of a large matrix is
    made (they took most of the time `show` took). `labels`: each option's label, and
    whether `_plain_words` holds for it."""
    a = matrix_assessment(0.0)
    if a.low is not None or a.high is not None:
        return False
    if p.md:
        rest = [a.basis, a.confidence, a.rationale, ", ".join(a.sources)]
        rows = [[o.label, amount(v), *rest] for o, v in zip(s.options, values, strict=True)]
        p.table(
            ["option", "value (range)", "basis", "confidence", "why", "sources"], rows, "lrllll"
        )
        if a.proxies:
            p.blank()
            for o in s.options:
                for proxy in a.proxies:
                    p.para(f"{o.label}, proxy {proxy.source}: {proxy.reason}", first="- ")
        return True
    tail = f"; {a.basis}, {a.confidence} confidence{_cites(a.sources)}"
    # A line whose text needs no change (words single-spaced, every character printable)
    # and fits is the line `para` makes; the label and the tail are checked once.
    fits = tail == " ".join(tail.split()) and tail.isprintable()
    lines = p.lines
    for (label, plain_label), v in zip(labels, values, strict=True):
        number = amount(v)
        line = f"- {label}: {number}{tail}"
        if fits and plain_label and len(line) <= p.width:
            lines.append(line)
        else:
            p.para(f"{label}: {number}{tail}", first="- ")
        if a.rationale:
            p.para(a.rationale, indent=2, first="why: ")
        for proxy in a.proxies:
            p.para(proxy.reason, indent=2, first=f"proxy {proxy.source}: ")
    return True


def _plain_words(text: str) -> bool:
    """Text that `para` leaves as it is: words single-spaced, every character printable."""
    return bool(text) and text.isprintable() and text == " ".join(text.split())


def show_text(scenario: Scenario, *, markdown: bool = False, width: int = 100) -> str:
    s = scenario
    p = _Page(width, markdown)
    bullet = "- "

    p.heading(1, s.title)
    p.para(s.question, first="Question: ")
    p.para(
        f"As of {s.as_of.isoformat()}; scenario id {s.id}"
        + (f"; by {s.author}" if s.author else "")
    )
    if s.summary:
        p.blank()
        p.para(s.summary)
    if s.framing:
        p.blank()
        p.para(s.framing, first="Framing: ")

    if s.figures:
        p.heading(2, "Key figures")
        for f in s.figures:
            value = amount(f.value) if isinstance(f.value, float) else str(f.value)
            when = f"as of {f.as_of}, " if f.as_of else ""
            p.para(
                f"{f.label}: {value} {f.unit} ({when}{f.basis}){_cites(f.sources)}", first=bullet
            )
            if f.derivation:
                p.para(f.derivation, indent=2, first="how: ")
            if f.note:
                p.para(f.note, indent=2, first="note: ")

    p.heading(2, "Criteria")
    for c in s.criteria:
        value = _value_points(c)
        if markdown and value:  # a line under the item would run on into its paragraph
            p.para(f"{c.name} ({c.id}; {c.group}): {_scale(c)}; value: {value}", first=bullet)
        else:
            p.para(f"{c.name} ({c.id}; {c.group}): {_scale(c)}", first=bullet)
            if value:
                _value_line(p, c)
        if c.description:
            p.para(c.description, indent=2)

    for o in s.options:
        kind = reference_tag(o)
        parent = f" (variant of {s.option(o.parent).name})" if o.parent else ""
        p.heading(2, f"{o.name}{kind}{parent}")
        p.para(f"id: {o.id}{_cites(o.sources)}")
        p.blank()
        p.para(o.summary)
        if o.preconditions:
            p.heading(3, "Preconditions")
            for pre in o.preconditions:
                prob = (
                    f" (probability {percent(pre.probability)}, judged)"
                    if pre.probability is not None
                    else ""
                )
                p.para(f"[{pre.gate}] {pre.text}{prob}{_cites(pre.sources)}", first=bullet)
                if pre.rationale:
                    p.para(pre.rationale, indent=2, first="why: ")
        if o.costs:
            p.heading(3, "Costs")
            for cost in o.costs:
                p.para(f"{cost_text(cost)}{_cites(cost.sources)}", first=bullet)
                if cost.derivation:
                    p.para(cost.derivation, indent=2, first="how: ")
        if o.risks:
            p.heading(3, "Risks")
            for r in o.risks:
                level = f"likelihood {r.likelihood}, impact {r.impact}"
                p.para(f"{r.description} ({level}){_cites(r.sources)}", first=bullet)
                if r.mitigation:
                    p.para(r.mitigation, indent=2, first="mitigation: ")
                if r.rationale:
                    p.para(r.rationale, indent=2, first="why: ")
        if o.tradeoffs.gains or o.tradeoffs.gives_up:
            p.heading(3, "Trade-offs")
            for g in o.tradeoffs.gains:
                p.para(g, first="+ gains: ")
            for g in o.tradeoffs.gives_up:
                p.para(g, first="- gives up: ")

    p.heading(2, "Assessments")
    p.para(
        "Each option on each criterion: the value with its plausible range, where it comes "
        "from (basis), the author's confidence, why, and the sources; later sources used as "
        "proxies say why they may stand for the decision date."
    )
    cells = s.matrix_cells()
    labels = [(o.label, _plain_words(o.label)) for o in s.options] if cells is not None else []
    for j, c in enumerate(s.criteria):
        p.heading(3, f"{c.name} ({_scale(c)})")
        if cells is not None and _matrix_column(p, s, cells.values[:, j].tolist(), labels):
            continue
        rows = []
        for o in s.options:
            a = s.assessments[o.id][c.id]
            if markdown:
                rows.append(
                    [o.label, _range(a), a.basis, a.confidence, a.rationale, ", ".join(a.sources)]
                )
                continue
            p.para(
                f"{o.label}: {_range(a)}; {a.basis}, {a.confidence} confidence{_cites(a.sources)}",
                first=bullet,
            )
            if a.rationale:
                p.para(a.rationale, indent=2, first="why: ")
            for proxy in a.proxies:
                p.para(proxy.reason, indent=2, first=f"proxy {proxy.source}: ")
        if markdown:
            p.table(
                ["option", "value (range)", "basis", "confidence", "why", "sources"],
                rows,
                "lrllll",
            )
            proxies = [
                (o.label, proxy) for o in s.options for proxy in s.assessments[o.id][c.id].proxies
            ]
            if proxies:
                p.blank()
                for label, proxy in proxies:
                    p.para(f"{label}, proxy {proxy.source}: {proxy.reason}", first=bullet)

    if s.profiles:
        p.heading(2, "Stakeholder profiles")
        for prof in s.profiles:
            p.heading(3, f"{prof.name} ({prof.id})")
            if prof.stance:
                p.para(prof.stance, first="stance: ")
            names = {c.id: c.name for c in s.criteria}
            weights = sorted(prof.weights.items(), key=lambda kv: -kv[1])
            weight_text = weight_labels(dict(weights))
            p.para(
                "; ".join(f"{names.get(k, k)} {weight_text[k]}" for k, _ in weights),
                first="weights: ",
            )
            if prof.rationale:
                p.para(prof.rationale, first="why (a caveat: the author's reading): ")
            if prof.sources:
                p.para(", ".join(prof.sources), first="sources: ")
            check = position_check(s, prof.id)
            if check is not None:
                p.para(position_sentence(check, s), first="position: ")

    if s.events:
        p.heading(2, "Events after the decision date")
        for e in s.events:
            p.para(f"{e.date}: {e.title} ({e.id}){_cites(e.sources)}", first=bullet)
            p.para(e.text, indent=2)
            for eff in e.effects:
                p.para(_effect(s, eff), indent=2, first="effect: ")
                if eff.note:
                    p.para(eff.note, indent=4, first="why: ")

    if s.outcome is not None:
        out = s.outcome
        p.heading(2, "Outcome")
        closest = s.option(out.closest_option).name if out.closest_option else "none"
        p.para(f"{out.date}; closest option: {closest}{_cites(out.sources)}")
        p.blank()
        p.para(out.text)

    if s.sources:
        p.heading(2, "Sources")
        for src in s.sources:
            p.para(f"[{src.id}] {citation(src)}", first=bullet)
            if src.note:
                p.para(src.note, indent=2, first="note: ")
    return p.text()
