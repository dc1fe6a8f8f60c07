"""The widgets of the optionscope app, one per private module."""

from optionscope.tui.widgets._contribution_table import ContributionTable
from optionscope.tui.widgets._ranking_chart import RankingChart
from optionscope.tui.widgets._weight_list import WeightList

__all__ = ["ContributionTable", "RankingChart", "WeightList"]
