"""A briefing's linear programme (what would put the runner-up first) is solved beside its
other analyses, in a forked copy where one may be made: scipy's import, about 0.3 s, is
not on the briefing's way. The briefing reads the same either way."""

from __future__ import annotations

import os
import textwrap

import pytest

from optionscope.analysis.sensitivity import what_would_have_to_be_true
from optionscope.io import forked
from optionscope.io.scenario_files import load_scenario
from optionscope.io.weights import resolve_weights
from optionscope.report.briefing import briefing_json, build_briefing
from optionscope.report.briefing_html import briefing_html
from python_run import run_python

BUILD = textwrap.dedent(
    """
    import json, sys
    from optionscope.io import forked
    from optionscope.io.scenario_files import load_scenario
    from optionscope.io.weights import resolve_weights
    from optionscope.report.briefing import build_briefing

    s = load_scenario(sys.argv[1])
    weights, label = resolve_weights(s, None)
    b = build_briefing(s, weights, label, samples=1_000)
    print(json.dumps({"may fork": forked.may_fork(), "overturn": repr(b.overturn),
                      "scipy here": "scipy.optimize" in sys.modules}))
    """
)


@pytest.mark.parametrize("reference", ["minusma-2023", "monusco-2024"])
def test_the_programme_is_solved_elsewhere_where_a_copy_may_be_made(reference: str) -> None:
    # numpy's BLAS starts no threads of its own, as in the `optionscope` process
    result = run_python(BUILD, reference, env={**os.environ, "OPENBLAS_NUM_THREADS": "1"})
    s = load_scenario(reference)
    weights, _ = resolve_weights(s, None)
    from optionscope.analysis.ranking import rank

    runner_up = rank(s, weights).ranking[1].option
    assert result["overturn"] == repr(what_would_have_to_be_true(s, weights, runner_up))
    # where this process may fork, scipy is imported only by the copy
    assert result["scipy here"] is not result["may fork"]


def test_the_briefing_reads_the_same_made_in_one_process_or_two(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    s = load_scenario("minusma-2023")
    weights, label = resolve_weights(s, "un-secretariat")
    monkeypatch.setattr(forked, "may_fork", lambda: True)
    two = build_briefing(s, weights, label, samples=1_000)
    monkeypatch.setattr(forked, "may_fork", lambda: False)
    one = build_briefing(s, weights, label, samples=1_000)
    assert one.overturn is not None and one.overturn == two.overturn
    assert briefing_html(one) == briefing_html(two)
    assert briefing_json(one) == briefing_json(two)
