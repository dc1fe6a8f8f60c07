"""The participants' brief: a printable handout in Markdown or standalone HTML.

It states the question, the options as cards (summary, preconditions, costs,
risks, trade-offs), the criteria and the seats (the stakeholder profiles with
their stance). It leaves out the events and the real outcome, and everything
dated after the scenario's decision date (see `report.decision_date`): those
are released during the workshop or at the reveal. The HTML is one
file with inline CSS and no network assets, laid out for A4/Letter printing;
all scenario text is escaped.
"""

from __future__ import annotations

import html
from pathlib import Path

from optionscope.io.errors import InputError
from optionscope.io.safe_text import markdown_document, markdown_line
from optionscope.io.writers import markdown_table, plain
from optionscope.model.scenario import Option, Profile, Scenario, Source
from optionscope.present.numbers import amount, weight_labels
from optionscope.report.decision_date import as_known_on_decision_date, hidden_sources
from optionscope.report.inert_markdown import md
from optionscope.report.scenario_text import citation, cost_text, option_markdown

SUFFIXES = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}


def _seat_weights(scenario: Scenario, profile: Profile) -> list[tuple[str, str]]:
    """The profile's weights as the weights panel shows them once the seat is applied
    (percentages rounded together), largest first; criteria it weighs 0 left out."""
    shown = weight_labels(profile.weights)
    weighed = sorted((kv for kv in profile.weights.items() if kv[1] > 0), key=lambda kv: -kv[1])
    return [(scenario.criterion(cid).name, shown[cid]) for cid, _ in weighed]


def brief_sources(scenario: Scenario) -> list[Source]:
    """The sources the brief may list: none dated after the decision date or cited only by
    events or the outcome."""
    hidden = hidden_sources(scenario)
    return [src for src in scenario.sources if src.id not in hidden]


def _option_kind(scenario: Scenario, option: Option) -> str:
    kinds = []
    if option.reference:
        kinds.append("reference point")
    if option.parent:
        kinds.append(f"variant of {scenario.option(option.parent).name}")
    return ", ".join(kinds)


# Markdown -----------------------------------------------------------------------


def brief_markdown(scenario: Scenario) -> str:
    """The brief in Markdown: the scenario's own words escaped with `md`, as the
    after-action report and the workshop's results escape them."""
    s = as_known_on_decision_date(scenario)
    out: list[str] = []

    def line(text: str = "") -> None:
        """A line of the brief's own Markdown, its scenario text escaped with `md` already."""
        out.append(text)

    def scenario_line(text: str) -> None:
        """A line of scenario text with generated words (a citation), escaped whole."""
        out.append(markdown_line(text))

    line(f"# {md(s.title)}")
    line()
    line("Participants' brief")
    line()
    line(f"**The question:** {md(s.question)}")
    line()
    line(f"As of {s.as_of.isoformat()}. Scenario `{s.id}`.")
    if s.summary:
        line()
        line(md(s.summary))
    if s.framing:
        line()
        line(f"*Framing:* {md(s.framing)}")
    line()
    line("## How the exercise runs")
    line()
    line("1. Your team takes a seat: one of the stakeholders below.")
    line("2. From that seat, give each criterion points for how much it matters.")
    line("3. See where the group agrees and disagrees, and why.")
    line("4. React to events as the facilitator releases them; weigh again.")
    line("5. At the end, compare the group's choice with what really happened.")

    line()
    line("## The options")
    for o in s.options:
        line()
        kind = _option_kind(s, o)
        line(f"### {md(o.name)}" + (f" ({md(kind)})" if kind else ""))
        out.extend(option_markdown(o, "", judged=False)[1:])

    line()
    line("## The criteria")
    line()
    rows = [
        [
            c.group,
            c.name,
            "more is better" if c.direction == "max" else "less is better",
            f"{c.unit}, {amount(c.scale.min)} to {amount(c.scale.max)}",
            c.description,
        ]
        for c in s.criteria
    ]
    header = ["group", "criterion", "direction", "measured in", "what it means"]
    line(markdown_table(header, rows, cell=md).rstrip("\n"))

    if s.profiles:
        line()
        line("## The seats")
        for prof in s.profiles:
            line()
            line(f"### {md(prof.name)}")
            line()
            if prof.stance:
                line(md(prof.stance))
                line()
            weights = ", ".join(f"{md(name)} {pct}" for name, pct in _seat_weights(s, prof))
            line(f"Starting weights: {weights}.")
            if prof.rationale:
                line()
                line(f"*Why:* {md(prof.rationale)}")

    sources = brief_sources(s)
    if sources:
        line()
        line("## Sources")
        line()
        for src in sources:
            scenario_line(f"- [{src.id}] {citation(src)}")
    return markdown_document("\n".join(out).rstrip("\n") + "\n")


# HTML -------------------------------------------------------------------------------

_CSS = """
:root { --ink: #1a1a1a; --muted: #555; --rule: #c8c8c8; --card: #f6f6f3; }
* { box-sizing: border-box; }
body { font: 11pt/1.45 Georgia, "Times New Roman", serif; color: var(--ink);
       max-width: 52rem; margin: 2rem auto; padding: 0 1.25rem; }
h1 { font-size: 1.7rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; border-bottom: 1px solid var(--rule); padding-bottom: .2rem;
     margin-top: 2rem; }
h3 { font-size: 1.05rem; margin: 0 0 .4rem; }
.subtitle, .meta { color: var(--muted); margin: 0 0 1rem; }
.question { font-size: 1.15rem; border-left: 4px solid var(--ink); padding: .4rem .8rem; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(22rem, 1fr));
         gap: 1rem; }
.card { background: var(--card); border: 1px solid var(--rule); border-radius: 6px;
        padding: .8rem 1rem; break-inside: avoid; page-break-inside: avoid; }
.card h4 { font-size: .9rem; text-transform: uppercase; letter-spacing: .04em;
           margin: .8rem 0 .2rem; color: var(--muted); }
.card ul { margin: 0; padding-left: 1.1rem; }
.kind { font-weight: normal; color: var(--muted); font-size: .9rem; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid var(--rule);
         padding: .3rem .4rem; }
th { border-bottom: 2px solid var(--ink); }
.sources li { font-size: .9rem; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
  .card { background: none; }
  a { color: inherit; text-decoration: none; }
}
""".strip()


def _e(text: object) -> str:
    """Scenario text as HTML text: control characters shown, markup escaped."""
    return html.escape(plain(text), quote=True)


def _items(title: str, items: list[str]) -> str:
    if not items:
        return ""
    lis = "".join(f"<li>{i}</li>" for i in items)
    return f"<h4>{_e(title)}</h4><ul>{lis}</ul>"


def brief_html(scenario: Scenario) -> str:
    s = as_known_on_decision_date(scenario)
    parts: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(s.title)}: participants' brief</title>",
        f"<style>\n{_CSS}\n</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{_e(s.title)}</h1>",
        '<p class="subtitle">Participants\' brief</p>',
        f'<p class="question"><strong>The question:</strong> {_e(s.question)}</p>',
        f'<p class="meta">As of {_e(s.as_of.isoformat())}. Scenario <code>{_e(s.id)}</code>.</p>',
    ]
    if s.summary:
        parts.append(f"<p>{_e(s.summary)}</p>")
    if s.framing:
        parts.append(f"<p><em>Framing:</em> {_e(s.framing)}</p>")
    parts.append("</header>")
    parts.append(
        "<section><h2>How the exercise runs</h2><ol>"
        "<li>Your team takes a seat: one of the stakeholders below.</li>"
        "<li>From that seat, give each criterion points for how much it matters.</li>"
        "<li>See where the group agrees and disagrees, and why.</li>"
        "<li>React to events as the facilitator releases them; weigh again.</li>"
        "<li>At the end, compare the group's choice with what really happened.</li>"
        "</ol></section>"
    )

    parts.append('<section><h2>The options</h2><div class="cards">')
    for o in s.options:
        kind = _option_kind(s, o)
        card = [f'<article class="card" id="option-{_e(o.id)}">']
        card.append(
            f"<h3>{_e(o.name)}"
            + (f' <span class="kind">({_e(kind)})</span>' if kind else "")
            + "</h3>"
        )
        card.append(f"<p>{_e(o.summary)}</p>")
        card.append(
            _items("Preconditions", [f"{_e(p.text)} ({_e(p.gate)})" for p in o.preconditions])
        )
        card.append(_items("Costs", [_e(cost_text(c)) for c in o.costs]))
        card.append(
            _items(
                "Risks",
                [
                    f"{_e(r.description)} <em>(likelihood {_e(r.likelihood)}, "
                    f"impact {_e(r.impact)})</em>"
                    for r in o.risks
                ],
            )
        )
        card.append(
            _items(
                "Trade-offs",
                [f"<strong>Gains:</strong> {_e(g)}" for g in o.tradeoffs.gains]
                + [f"<strong>Gives up:</strong> {_e(g)}" for g in o.tradeoffs.gives_up],
            )
        )
        card.append("</article>")
        parts.append("".join(card))
    parts.append("</div></section>")

    parts.append(
        "<section><h2>The criteria</h2><table><thead><tr><th>Group</th><th>Criterion</th>"
        "<th>Direction</th><th>Measured in</th><th>What it means</th></tr></thead><tbody>"
    )
    for c in s.criteria:
        direction = "more is better" if c.direction == "max" else "less is better"
        parts.append(
            f"<tr><td>{_e(c.group)}</td><td>{_e(c.name)}</td><td>{direction}</td>"
            f"<td>{_e(c.unit)}, {amount(c.scale.min)} to {amount(c.scale.max)}</td>"
            f"<td>{_e(c.description)}</td></tr>"
        )
    parts.append("</tbody></table></section>")

    if s.profiles:
        parts.append('<section><h2>The seats</h2><div class="cards">')
        for prof in s.profiles:
            weights = ", ".join(f"{_e(n)} {pct}" for n, pct in _seat_weights(s, prof))
            seat = [f'<article class="card" id="seat-{_e(prof.id)}"><h3>{_e(prof.name)}</h3>']
            if prof.stance:
                seat.append(f"<p>{_e(prof.stance)}</p>")
            seat.append(f"<p><strong>Starting weights:</strong> {weights}.</p>")
            if prof.rationale:
                seat.append(f"<p><em>Why:</em> {_e(prof.rationale)}</p>")
            seat.append("</article>")
            parts.append("".join(seat))
        parts.append("</div></section>")

    sources = brief_sources(s)
    if sources:
        parts.append('<section class="sources"><h2>Sources</h2><ul>')
        for src in sources:
            parts.append(f"<li>[{_e(src.id)}] {_e(citation(src))}</li>")
        parts.append("</ul></section>")
    parts.append("</body>")
    parts.append("</html>")
    return "\n".join(p for p in parts if p) + "\n"


def brief_for_path(scenario: Scenario, path: str | Path) -> str:
    """The brief in the format the file's suffix names (.md, .markdown, .html, .htm)."""
    kind = SUFFIXES.get(Path(path).suffix.lower())
    if kind is None:
        raise InputError.at(
            str(path), "name the brief FILE.md (Markdown) or FILE.html (standalone HTML)"
        )
    return brief_html(scenario) if kind == "html" else brief_markdown(scenario)
