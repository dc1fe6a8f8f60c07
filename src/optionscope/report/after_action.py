"""The after-action report of a workshop: the exercise as it ran, for the debrief.

`after_action(workshop)` (in `after_action_data`) gathers, from the store only:

- the plan as run: when the workshop was made, each round opened and closed,
  each event released (and from which round it was in force), the reveal;
- each round's results exactly as they were shown: the stored record of a
  closed round (see `workshop.records`), never a recomputation;
- each event and the moves it caused: the group's first choice and ranking
  before and after, who changed their first choice, how the weights moved;
- agreement (Kendall's W) and the contested criteria, round by round;
- the minority views with their notes;
- the forecasts and their Brier scores, when the exercise asked for any;
- the group's choice against what really happened;
- a lessons section for the facilitator to fill in.

`after_action_markdown` and `after_action_html` render it. All scenario and
participant text is escaped: HTML-escaped in HTML; in Markdown, every
character that could start markup or raw HTML is backslash-escaped.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from optionscope.io.errors import InputError
from optionscope.io.writers import plain
from optionscope.model.results import VALUE_SCALE
from optionscope.present.numbers import (
    format_difference,
    percent,
    score_labels,
    weight_change,
)
from optionscope.report.after_action_data import after_action
from optionscope.report.inert_markdown import md
from optionscope.workshop.session import AFTER_REVEAL, Workshop

SUFFIXES = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}

# Rendering ---------------------------------------------------------------------------


def _e(text: object) -> str:
    return html.escape(plain(text), quote=True)


def _option_names(data: dict[str, Any], workshop: Workshop) -> dict[str, str]:
    return {o.id: o.label for o in workshop.scenario.options}


class _Doc:
    """A tiny document builder that writes the same structure as Markdown or HTML."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.parts: list[str] = []

    def text(self, value: object) -> str:
        return _e(value) if self.kind == "html" else md(value)

    def heading(self, level: int, value: str) -> None:
        if self.kind == "html":
            self.parts.append(f"<h{level}>{_e(value)}</h{level}>")
        else:
            self.parts.append(f"{'#' * level} {md(value)}\n")

    def para(self, *pieces: str) -> None:
        """Pieces already escaped with `text()`."""
        body = "".join(pieces)
        self.parts.append(f"<p>{body}</p>" if self.kind == "html" else f"{body}\n")

    def items(self, lines: list[str]) -> None:
        if not lines:
            return
        if self.kind == "html":
            self.parts.append("<ul>" + "".join(f"<li>{li}</li>" for li in lines) + "</ul>")
        else:
            self.parts.append("\n".join(f"- {li}" for li in lines) + "\n")

    def table(self, header: list[str], rows: list[list[str]]) -> None:
        """Cells already escaped with `text()`."""
        if self.kind == "html":
            head = "".join(f"<th>{_e(h)}</th>" for h in header)
            body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
            self.parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
        else:
            lines = ["| " + " | ".join(md(h) for h in header) + " |"]
            lines.append("| " + " | ".join("---" for _ in header) + " |")
            lines += ["| " + " | ".join(rows_cell for rows_cell in r) + " |" for r in rows]
            self.parts.append("\n".join(lines) + "\n")


def _render(data: dict[str, Any], workshop: Workshop, kind: str) -> str:
    d = _Doc(kind)
    t = d.text
    names = _option_names(data, workshop)
    criteria = {c.id: c.name for c in workshop.scenario.criteria}

    def options(ids: list[str]) -> str:
        return " = ".join(t(names.get(o, o)) for o in ids) or "none"

    s = data["scenario"]
    d.heading(1, f"After-action report: {data['workshop']}")
    d.para(t(f"{s['title']} ({s['id']}), as of {s['as_of']}."))
    d.para(t(f"The question: {s['question']}"))
    d.para(t("Names shown." if data["names_shown"] else "Names hidden: participants by number."))

    d.heading(2, "The exercise as run")
    pl = data["plan"]
    if pl is not None:
        d.para(t(f"Plan: {pl['title']}; clock started at {pl['clock_started_at'] or 'never'}."))
        d.table(
            ["phase", "planned start (min)", "minutes"],
            [[t(p["title"]), t(p["start"]), t(p["minutes"])] for p in pl["phases"]],
        )
        d.table(
            ["inject", "for", "planned (min)", "released (min)"],
            [
                [
                    t(i["title"]),
                    t(", ".join(i["seats"]) or "every seat"),
                    t("reserve" if i["planned"] is None else i["planned"]),
                    t(
                        "not used"
                        if i["released_at"] is None
                        else ("-" if i["minute"] is None else f"{i['minute']:.1f}")
                    ),
                ]
                for i in pl["injects"]
            ],
        )
    d.table(["time (UTC)", "what"], [[t(x["at"]), t(x["what"])] for x in data["timeline"]])

    d.heading(2, "Each round as it was shown")
    for r in data["rounds"]:
        d.heading(3, f"Round {r['round']}")
        status = (
            f"Recorded when the round closed, at {r['recorded_at']}."
            if r.get("recorded_at")
            else "Still open: the results so far."
        )
        d.para(t(status))
        d.para(
            t("Events in force: "),
            t("; ".join(f"{e['title']} ({e['date']})" for e in r["events"]) or "none"),
        )
        if not r.get("group_ranking"):
            d.para(t("Nobody submitted weights in this round."))
            continue
        d.para(t(f"{len(r['participants'])} participants."))
        scores = score_labels([x["score"] for x in r["group_ranking"]], VALUE_SCALE)
        d.table(
            ["rank", "option", "score"],
            [
                [t(x["rank"]), t(names.get(x["option"], x["option"])), t(score)]
                for x, score in zip(r["group_ranking"], scores, strict=True)
            ],
        )
        w = r.get("concordance")
        d.para(t("Agreement (Kendall's W): " + ("n/a" if w is None else f"{w:.2f}")))
        if r.get("contested"):
            d.para(
                t("Most contested: "),
                t("; ".join(f"{c['name']} (IQR {percent(c['iqr'])})" for c in r["contested"])),
            )
        d.table(
            ["participant", "seat", "first choice", "note"],
            [
                [t(p["participant"]), t(p["seat"] or ""), options(p["first_choice"]), t(p["note"])]
                for p in r["participants"]
            ],
        )
        if r.get("minority"):
            d.para(
                t("Minority views (a first choice the group did not share, by more than 1 point):")
            )
            d.items(
                [
                    t(f"{m['participant']}: ")
                    + options(m["first_choice"])
                    + t(f" by {format_difference(m.get('margin', 0.0), VALUE_SCALE)} points")
                    + (t(f': "{m["note"]}"') if m["note"] else "")
                    for m in r["minority"]
                ]
            )

    d.heading(2, "Events and the moves they caused")
    if not data["events"]:
        d.para(t("No event was released."))
    for e in data["events"]:
        d.heading(3, f"{e['title']} ({e['date']})")
        d.para(t(e["text"]))
        if e["after_reveal"]:
            d.para(t(f"Released at {e['released_at']}. {AFTER_REVEAL}"))
            continue
        d.para(t(f"Released at {e['released_at']}; in force from round {e['in_force_from']}."))
        mv = e["moves"]
        if mv is None:
            d.para(t("No round with submissions on both sides of this event to compare."))
            continue
        lines = [
            t(f"Group's first choice, round {mv['from_round']} → round {mv['to_round']}: ")
            + options(mv["first_choice_before"])
            + t(" → ")
            + options(mv["first_choice_after"])
        ]
        lines += [
            t(f"{names.get(x['option'], x['option'])}: rank {x['before']} → {x['after']}")
            for x in mv["rank_changes"]
        ]
        lines += [
            t(f"{p['participant']} changed first choice: ")
            + options(p["first_choice_before"])
            + t(" → ")
            + options(p["first_choice_after"])
            for p in mv["changed_minds"]
        ]
        lines += [
            t(criteria.get(c["criterion"], c["criterion"]))
            + t(f": mean weight {weight_change(c['mean_change'])}")
            for c in mv["criteria"]
            if c["mean_change"]
        ]
        d.items(lines)

    fc = data["forecasts"]
    if fc is not None and fc["questions"]:
        d.heading(2, "Forecasts and their scores")
        d.para(
            t(
                "Brier score: the mean of (probability - what happened)^2 over the questions "
                "answered; 0 is perfect, 0.25 is always saying 50%, lower is better."
            )
        )
        d.table(
            ["question", "resolved", "group mean", "forecasts"],
            [
                [
                    t(q["question"]),
                    t(
                        "unresolved"
                        if q["resolved"] is None
                        else ("yes" if q["resolved"] else "no")
                    ),
                    t("-" if q["group_mean"] is None else percent(q["group_mean"])),
                    t(q["count"]),
                ]
                for q in fc["questions"]
            ],
        )
        if fc["participants"]:
            d.table(
                ["participant", "seat", "questions", "Brier score"],
                [
                    [
                        t(p["participant"]),
                        t(p["seat"] or ""),
                        t(p["answered"]),
                        t(f"{p['brier']:.3f}"),
                    ]
                    for p in fc["participants"]
                ],
            )
        if fc["seats"]:
            d.table(
                ["seat", "forecasts", "Brier score"],
                [[t(x["seat"]), t(x["answered"]), t(f"{x['brier']:.3f}")] for x in fc["seats"]],
            )
        if fc["calibration"]:
            d.para(t("Calibration: how often what was forecast at each level happened."))
            d.table(
                ["forecast", "forecasts", "mean forecast", "happened"],
                [
                    [t(b["bin"]), t(b["count"]), t(percent(b["mean"])), t(percent(b["observed"]))]
                    for b in fc["calibration"]
                ],
            )

    d.heading(2, "The group's choice and what really happened")
    out = data["outcome"]
    if out is None:
        d.para(t("The outcome has not been revealed."))
    else:
        d.para(t(f"{out['date']}: {out['text']}"))
        if out["closest_option"]:
            verdict = (
                "the group's first choice too"
                if out["group_chose_it"]
                else "not the group's first choice"
            )
            d.para(
                t("Closest option: "),
                options([out["closest_option"]]),
                t(f", {verdict} (round {out['final_round']}: "),
                options(out["group_first_choice"]),
                t(")."),
            )

    d.heading(2, "Lessons (for the facilitator to fill in)")
    for lesson in data["lessons"]:
        d.heading(3, lesson["heading"])
        d.para(t(lesson["prompt"]))
        d.para(t("..."))

    if kind == "md":
        return "\n".join(d.parts)
    title = _e(f"After-action report: {data['workshop']}")
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n<style>\n{_CSS}\n</style>\n</head>\n<body>\n"
        + "\n".join(d.parts)
        + "\n</body>\n</html>\n"
    )


_CSS = """
body { font: 11pt/1.45 Georgia, "Times New Roman", serif; max-width: 52rem; margin: 2rem auto;
       padding: 0 1.25rem; color: #1a1a1a; }
h2 { border-bottom: 1px solid #c8c8c8; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; margin: .5rem 0; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid #c8c8c8;
         padding: .3rem .4rem; }
th { border-bottom: 2px solid #1a1a1a; }
@media print { body { margin: 0; max-width: none; font-size: 10pt; } }
""".strip()


def after_action_markdown(workshop: Workshop, *, show_names: bool | None = None) -> str:
    return _render(after_action(workshop, show_names=show_names), workshop, "md")


def after_action_html(workshop: Workshop, *, show_names: bool | None = None) -> str:
    return _render(after_action(workshop, show_names=show_names), workshop, "html")


def after_action_for_path(
    workshop: Workshop, path: str | Path, *, show_names: bool | None = None
) -> str:
    """The report in the format the file's suffix names (.md, .markdown, .html, .htm)."""
    kind = SUFFIXES.get(Path(path).suffix.lower())
    if kind is None:
        raise InputError.at(
            str(path), "name the report FILE.md (Markdown) or FILE.html (standalone HTML)"
        )
    return _render(after_action(workshop, show_names=show_names), workshop, kind)
