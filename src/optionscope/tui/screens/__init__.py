"""The screens of the optionscope app."""

from optionscope.tui.screens._detail import DetailScreen
from optionscope.tui.screens._head_to_head import HeadToHeadScreen
from optionscope.tui.screens._help import HelpScreen
from optionscope.tui.screens._main import MainScreen
from optionscope.tui.screens._modals import ConfirmModal, PickModal, PromptModal

__all__ = [
    "ConfirmModal",
    "DetailScreen",
    "HeadToHeadScreen",
    "HelpScreen",
    "MainScreen",
    "PickModal",
    "PromptModal",
]
