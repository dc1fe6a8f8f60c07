"""The group's numbers read the same in the results (CLI, Markdown) and the dashboard, and as
the rest of optionscope prints them: scores with as many decimals as it takes to tell
two that are not tied apart, weights as percentages."""

from __future__ import annotations

import dataclasses
import re

from workshop_pilot import COMMUTERS, TREASURER

from optionscope.present.numbers import percent, percent_range, score_labels
from optionscope.tui.workshop.screens._projector import group_lines
from optionscope.tui.workshop.widgets._group_ranking import GroupRanking
from optionscope.workshop.results import render_results
from optionscope.workshop.session import Created


def test_two_group_scores_that_differ_never_read_the_same(made: Created) -> None:
    """54.12 and 54.08 read `54.1` twice in the results, on the dashboard and on the
    projector, ranked 1 and 2; the group's mean weights read 0.083 in the results and 8.3%
    on the dashboard."""
    ws = made.workshop
    ws.submit("Ann", TREASURER)
    ws.submit("Ben", COMMUTERS)
    res = ws.results()
    assert res.group is not None
    ranking = res.group.group_ranking
    close = [54.12, 54.08, *(10.0 - i for i in range(len(ranking.ranking) - 2))]
    ranking = ranking.model_copy(
        update={
            "ranking": [
                r.model_copy(update={"score": score, "rank": i + 1})
                for i, (r, score) in enumerate(zip(ranking.ranking, close, strict=True))
            ]
        }
    )
    group = dataclasses.replace(res.group, group_ranking=ranking)
    res = dataclasses.replace(res, group=group)
    shown = score_labels(close, ranking.scale)
    assert shown[0] != shown[1]
    label = {o.id: o.label for o in res.scenario.options}
    for fmt in ("table", "md"):
        text = render_results(res, fmt)
        for r, score in zip(ranking.ranking, shown, strict=True):
            row = next(line for line in text.splitlines() if label[r.option] in line)
            assert re.search(rf"(^|[\s|]){re.escape(score)}([\s|]|$)", row), (fmt, row)
        for j, c in enumerate(res.scenario.criteria):
            row = next(line for line in text.splitlines() if line.strip("| ").startswith(c.name))
            w = group.weights
            assert percent(w.mean[j]) in row and percent(w.median[j]) in row, (fmt, row)
            assert percent_range(w.q1[j], w.q3[j]) in row, (fmt, row)
    widget = GroupRanking(res.scenario)
    widget.group = group
    lines = [line.plain for line in widget.lines(80)]
    for r, score in zip(ranking.ranking, shown, strict=True):
        row = next(line for line in lines if label[r.option] in line)
        assert row.split()[-1] == score
    projected = [line.plain for line in group_lines(group, res.scenario)]
    for r, score, row in zip(ranking.ranking, shown, projected, strict=False):
        assert label[r.option] in row and row.split()[-1] == score, row
