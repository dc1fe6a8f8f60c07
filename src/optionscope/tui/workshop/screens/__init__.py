"""The workshop screens: join, participant, facilitator's dashboard."""

from optionscope.tui.workshop.screens._dashboard import DashboardScreen
from optionscope.tui.workshop.screens._join import JoinScreen
from optionscope.tui.workshop.screens._participant import ParticipantScreen

__all__ = ["DashboardScreen", "JoinScreen", "ParticipantScreen"]
