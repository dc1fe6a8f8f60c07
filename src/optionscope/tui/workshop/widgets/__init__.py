"""Widgets of the workshop screens, one per private module."""

from optionscope.tui.workshop.widgets._group_ranking import GroupRanking
from optionscope.tui.workshop.widgets._heatmap import DisagreementHeatmap

__all__ = ["DisagreementHeatmap", "GroupRanking"]
