"""Inline SVG charts for briefings: no scripts, no network assets, text escaped.

Each chart is a function of plain data, returns an `<svg>` string with a
`<title>` and `<desc>`, and never carries meaning by colour alone: segments
are numbered to match the legend, points are labelled, cells hold text.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape as _html_escape

from optionscope.io.writers import plain
from optionscope.present.numbers import amount, percent, percent_cell

PALETTE = (
    "#4e79a7",
    "#f28e2b",
    "#59a14f",
    "#e15759",
    "#76b7b2",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#bab0ac",
    "#2f4b7c",
    "#a05195",
)
FONT = "font-family='system-ui, -apple-system, Segoe UI, sans-serif'"


def escape(text: object) -> str:
    """Scenario text for SVG: control characters made visible, then XML-escaped."""
    return _html_escape(plain(text))


def colour(i: int) -> str:
    return PALETTE[i % len(PALETTE)]


def _text_colour(fill: str) -> str:
    r, g, b = (int(fill[i : i + 2], 16) for i in (1, 3, 5))
    return "#000" if (0.299 * r + 0.587 * g + 0.114 * b) > 150 else "#fff"


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _svg(width: int, height: int, title: str, desc: str, body: list[str]) -> str:
    return (
        f"<svg xmlns='http://www.w3.org/2000/svg' role='img' viewBox='0 0 {width} {height}' "
        f"width='100%' style='max-width:{width}px' {FONT} font-size='12'>"
        f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>" + "".join(body) + "</svg>"
    )


def contribution_bars(
    options: Sequence[str],
    criteria: Sequence[str],
    contributions: Sequence[Sequence[float]],
    scores: Sequence[float],
    score_texts: Sequence[str],
    part_texts: Sequence[Sequence[str]],
    title: str = "Ranking with each criterion's contribution",
) -> str:
    """Horizontal bars (one per option, best first) split into criterion segments (numbered),
    each followed by its score as `score_texts` prints it; a segment's tooltip gives its
    contribution as `part_texts` prints it."""
    label_w, bar_w, row_h = 190, 480, 26
    legend_rows = (len(criteria) + 1) // 2
    height = 30 + row_h * len(options) + 20 + 18 * legend_rows
    width = label_w + bar_w + 70
    top = max(max(scores, default=1.0), 1e-9)
    scale = bar_w / max(100.0, top)
    body: list[str] = []
    if len(scores) != len(options):
        raise ValueError("one score per option")
    rows = zip(options, contributions, score_texts, part_texts, strict=True)
    for i, (name, parts, score_text, texts) in enumerate(rows):
        y = 20 + i * row_h
        body.append(f"<text x='{label_w - 8}' y='{y + 16}' text-anchor='end'>{escape(name)}</text>")
        x = float(label_w)
        for j, part in enumerate(parts):
            w = max(part, 0.0) * scale
            if w <= 0:
                continue
            fill = colour(j)
            body.append(
                f"<rect x='{x:.1f}' y='{y + 2}' width='{w:.1f}' height='{row_h - 6}' "
                f"fill='{fill}' stroke='#fff' stroke-width='0.5'>"
                f"<title>{escape(criteria[j])}: {escape(texts[j])}</title></rect>"
            )
            if w >= 16:
                body.append(
                    f"<text x='{x + w / 2:.1f}' y='{y + 16}' text-anchor='middle' "
                    f"fill='{_text_colour(fill)}' font-size='10'>{j + 1}</text>"
                )
            x += w
        body.append(
            f"<text x='{x + 6:.1f}' y='{y + 16}' font-weight='bold'>{escape(score_text)}</text>"
        )
    ly = 30 + row_h * len(options) + 6
    for j, name in enumerate(criteria):
        col, row = j % 2, j // 2
        lx = 10 + col * ((width - 20) // 2)
        yy = ly + row * 18
        body.append(
            f"<rect x='{lx}' y='{yy - 10}' width='12' height='12' fill='{colour(j)}'/>"
            f"<text x='{lx + 16}' y='{yy}'>{j + 1}. {escape(_short(name, 44))}"
            f"<title>{escape(name)}</title></text>"
        )
    desc = "; ".join(f"{o}: {t}" for o, t in zip(options, score_texts, strict=True))
    return _svg(width, height, title, desc, body)


def acceptability_bars(
    options: Sequence[str],
    acceptability: Sequence[Sequence[float]],
    title: str = "Rank acceptability (share of simulations)",
) -> str:
    """Stacked bars: for each option, the share of samples at rank 1, 2, ... (ranks numbered)."""
    label_w, bar_w, row_h = 190, 480, 26
    m = len(acceptability[0]) if acceptability else 0
    height = 30 + row_h * len(options) + 30
    width = label_w + bar_w + 20
    body: list[str] = []
    for i, (name, row) in enumerate(zip(options, acceptability, strict=True)):
        y = 20 + i * row_h
        body.append(f"<text x='{label_w - 8}' y='{y + 16}' text-anchor='end'>{escape(name)}</text>")
        x = float(label_w)
        for r, p in enumerate(row):
            w = p * bar_w
            if w <= 0:
                continue
            fill = colour(r)
            body.append(
                f"<rect x='{x:.1f}' y='{y + 2}' width='{w:.1f}' height='{row_h - 6}' fill='{fill}'>"
                f"<title>rank {r + 1}: {escape(percent(p))}</title></rect>"
            )
            if w >= 34:
                body.append(
                    f"<text x='{x + w / 2:.1f}' y='{y + 16}' text-anchor='middle' "
                    f"fill='{_text_colour(fill)}' font-size='10'>"
                    f"#{r + 1} {escape(percent_cell(p))}%</text>"
                )
            x += w
    ly = 30 + row_h * len(options) + 8
    for r in range(m):
        lx = label_w + r * 60
        body.append(
            f"<rect x='{lx}' y='{ly - 10}' width='12' height='12' fill='{colour(r)}'/>"
            f"<text x='{lx + 16}' y='{ly}'>rank {r + 1}</text>"
        )
    desc = "; ".join(
        f"{o}: first in {percent(row[0])}"
        for o, row in zip(options, acceptability, strict=True)
        if row
    )
    return _svg(max(width, label_w + 60 * m + 20), height, title, desc, body)


def stability_intervals(
    criteria: Sequence[str],
    intervals: Sequence[tuple[float, float]],
    current: Sequence[float],
    labels: Sequence[str],
    title: str = "Weight range over which the leader stays first",
) -> str:
    """For each criterion, the band of its weight (0-1) within which the leader stays first,
    told beside the bar by `labels` (as the table under the chart tells it)."""
    label_w, bar_w, row_h = 250, 380, 22
    height = 40 + row_h * len(criteria)
    width = label_w + bar_w + 150
    body: list[str] = []
    for t in (0.0, 0.25, 0.5, 0.75, 1.0):
        x = label_w + t * bar_w
        body.append(
            f"<line x1='{x:.1f}' y1='14' x2='{x:.1f}' y2='{height - 8}' stroke='#ddd'/>"
            f"<text x='{x:.1f}' y='11' text-anchor='middle' font-size='10'>"
            f"{escape(percent(t))}</text>"
        )
    rows = zip(criteria, intervals, current, labels, strict=True)
    for i, (name, (lo, hi), w, label) in enumerate(rows):
        y = 22 + i * row_h
        body.append(
            f"<text x='{label_w - 8}' y='{y + 13}' text-anchor='end'>"
            f"{escape(_short(name, 36))}<title>{escape(name)}</title></text>"
        )
        body.append(
            f"<rect x='{label_w + lo * bar_w:.1f}' y='{y + 3}' width='{(hi - lo) * bar_w:.1f}' "
            f"height='{row_h - 8}' fill='#cfe3f6' stroke='#4e79a7'/>"
        )
        cx = label_w + w * bar_w
        body.append(
            f"<line x1='{cx:.1f}' y1='{y}' x2='{cx:.1f}' y2='{y + row_h - 2}' stroke='#000' "
            "stroke-width='2'/>"
        )
        body.append(
            f"<text x='{label_w + bar_w + 8}' y='{y + 13}' font-size='11'>{escape(label)}</text>"
        )
    desc = "; ".join(f"{c}: {label}" for c, label in zip(criteria, labels, strict=True))
    return _svg(width, height, title, desc, body)


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values (1, 2 or 5 times a power of ten) covering [low, high]."""
    span = max(high - low, 1e-9)
    raw = span / max(count - 1, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.floor(low / step) * step
    ticks = []
    t = first
    while t <= high + step * 1e-9:
        ticks.append(round(t, 10))
        t += step
    if ticks[-1] < high:
        ticks.append(round(t, 10))
    return ticks


def value_cost_map(
    labels: Sequence[str],
    values: Sequence[float],
    costs: Sequence[float],
    frontier: Sequence[bool],
    cost_unit: str,
    value_texts: Sequence[str],
    title: str = "Value versus cost",
) -> str:
    """Scatter of value (up) against cost (right); frontier points joined and marked; the
    description tells each value as `value_texts` prints it.

    The value axis is zoomed to the data (its range is printed on the axis), so
    small differences stay visible.
    """
    width, height, left, right, top, bottom = 720, 380, 60, 170, 20, 60
    xt = nice_ticks(0.0, max(max(costs, default=1.0), 1e-9))
    vmin, vmax = min(values, default=0.0), max(values, default=100.0)
    pad = max((vmax - vmin) * 0.25, 2.0)
    yt = nice_ticks(max(0.0, vmin - pad), min(100.0, vmax + pad))

    def px(c: float) -> float:
        return left + (c - xt[0]) / (xt[-1] - xt[0]) * (width - left - right)

    def py(v: float) -> float:
        return height - bottom - (v - yt[0]) / (yt[-1] - yt[0]) * (height - top - bottom)

    x0, x1, y0, y1 = px(xt[0]), px(xt[-1]), py(yt[0]), py(yt[-1])
    body = [
        f"<line x1='{x0:.1f}' y1='{y0:.1f}' x2='{x1:.1f}' y2='{y0:.1f}' stroke='#000'/>",
        f"<line x1='{x0:.1f}' y1='{y1:.1f}' x2='{x0:.1f}' y2='{y0:.1f}' stroke='#000'/>",
        f"<text x='{(x0 + x1) / 2:.1f}' y='{height - 16}' text-anchor='middle'>"
        f"{escape(cost_unit)}</text>",
        f"<text x='16' y='{(y0 + y1) / 2:.1f}' transform='rotate(-90 16 {(y0 + y1) / 2:.1f})' "
        "text-anchor='middle'>value (0-100 scale), without cost</text>",
    ]
    for c in xt:
        body.append(
            f"<line x1='{px(c):.1f}' y1='{y0:.1f}' x2='{px(c):.1f}' y2='{y0 + 4:.1f}' "
            "stroke='#000'/>"
            f"<text x='{px(c):.1f}' y='{y0 + 16:.1f}' text-anchor='middle' font-size='10'>"
            f"{escape(amount(c))}</text>"
        )
    for v in yt:
        body.append(
            f"<line x1='{x0:.1f}' y1='{py(v):.1f}' x2='{x1:.1f}' y2='{py(v):.1f}' stroke='#eee'/>"
            f"<text x='{x0 - 6:.1f}' y='{py(v) + 4:.1f}' text-anchor='end' font-size='10'>"
            f"{v:g}</text>"
        )
    front = sorted((c, v) for c, v, f in zip(costs, values, frontier, strict=True) if f)
    if len(front) > 1:
        pts = " ".join(f"{px(c):.1f},{py(v):.1f}" for c, v in front)
        body.append(
            f"<polyline points='{pts}' fill='none' stroke='#59a14f' stroke-dasharray='5 3'/>"
        )
    placed: list[tuple[float, float]] = []
    for label, v, c, f in sorted(
        zip(labels, values, costs, frontier, strict=True), key=lambda t: (-t[1], t[2])
    ):
        lx, ly = px(c) + 8, py(v) - 6
        while any(abs(ly - yy) < 13 and abs(lx - xx) < 150 for xx, yy in placed):
            ly += 13
        placed.append((lx, ly))
        if abs(ly - (py(v) - 6)) > 1:
            body.append(
                f"<line x1='{px(c):.1f}' y1='{py(v):.1f}' x2='{lx - 2:.1f}' y2='{ly - 4:.1f}' "
                "stroke='#bbb'/>"
            )
        shape = (
            f"<rect x='{px(c) - 5:.1f}' y='{py(v) - 5:.1f}' width='10' height='10' fill='#59a14f'/>"
            if f
            else f"<circle cx='{px(c):.1f}' cy='{py(v):.1f}' r='5' fill='#999'/>"
        )
        body.append(shape)
        body.append(
            f"<text x='{lx:.1f}' y='{ly:.1f}' font-size='11'>"
            f"{escape(label)}{' (efficient)' if f else ''}</text>"
        )
    desc = "; ".join(
        f"{lab}: value {v}, cost {amount(c)}{', efficient' if f else ''}"
        for lab, v, c, f in zip(labels, value_texts, costs, frontier, strict=True)
    )
    return _svg(width, height, title, desc, body)


def risk_matrix(
    risks: Sequence[tuple[str, int, int]],
    likelihoods: Sequence[str],
    impacts: Sequence[str],
    title: str = "Risk matrix",
) -> str:
    """A likelihood (up) x impact (right) grid with risk labels in their cells.

    `risks` are (label, likelihood index, impact index), indices from 0.
    """
    cell_w, cell_h, left, top = 120, 46, 110, 20
    n_l, n_i = len(likelihoods), len(impacts)
    width, height = left + cell_w * n_i + 10, top + cell_h * n_l + 40
    body: list[str] = []
    cells: dict[tuple[int, int], list[str]] = {}
    for label, li, ii in risks:
        cells.setdefault((li, ii), []).append(label)
    for li in range(n_l):
        y = top + (n_l - 1 - li) * cell_h
        body.append(
            f"<text x='{left - 6}' y='{y + cell_h / 2 + 4}' text-anchor='end'>"
            f"{escape(likelihoods[li])}</text>"
        )
        for ii in range(n_i):
            x = left + ii * cell_w
            severity = (li + 1) * (ii + 1)
            fill = "#f4cccc" if severity >= 15 else "#fce5cd" if severity >= 8 else "#e8f0e0"
            body.append(
                f"<rect x='{x}' y='{y}' width='{cell_w}' height='{cell_h}' fill='{fill}' "
                "stroke='#999'/>"
            )
            for k, label in enumerate(cells.get((li, ii), [])[:3]):
                body.append(
                    f"<text x='{x + 4}' y='{y + 14 + k * 13}' font-size='10'>{escape(label)}</text>"
                )
            extra = len(cells.get((li, ii), [])) - 3
            if extra > 0:
                body.append(
                    f"<text x='{x + cell_w - 4}' y='{y + cell_h - 4}' text-anchor='end' "
                    f"font-size='10'>+{extra}</text>"
                )
    for ii in range(n_i):
        body.append(
            f"<text x='{left + ii * cell_w + cell_w / 2}' y='{top + n_l * cell_h + 16}' "
            f"text-anchor='middle'>{escape(impacts[ii])}</text>"
        )
    body.append(
        f"<text x='{left + n_i * cell_w / 2}' y='{height - 4}' text-anchor='middle' "
        "font-weight='bold'>impact</text>"
    )
    desc = "; ".join(f"{lab}: {likelihoods[li]}, {impacts[ii]}" for lab, li, ii in risks)
    return _svg(width, height, title, desc, body)
