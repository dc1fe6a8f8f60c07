"""The screens of the optionscope app.

Only the main screen and its dialogs are imported with the app: every other screen
(option detail, head to head, help, and the robustness screens: sensitivity,
uncertainty, value for money, eliciting weights) is loaded on first use. The robustness
screens alone cost about 45 ms of start-up (the SMAA, sensitivity and elicitation
modules), which the first screen does not need.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from optionscope.tui.screens._main import MainScreen
from optionscope.tui.screens._modals import ConfirmModal, PickModal, PromptModal, WeightPrompt

if TYPE_CHECKING:
    from optionscope.tui.screens._detail import DetailScreen
    from optionscope.tui.screens._elicit import ElicitScreen
    from optionscope.tui.screens._head_to_head import HeadToHeadScreen
    from optionscope.tui.screens._help import HelpScreen
    from optionscope.tui.screens._sensitivity import SensitivityScreen
    from optionscope.tui.screens._uncertainty import UncertaintyScreen
    from optionscope.tui.screens._value_cost import ValueCostScreen

_LAZY = {
    "DetailScreen": "_detail",
    "HeadToHeadScreen": "_head_to_head",
    "HelpScreen": "_help",
    "ElicitScreen": "_elicit",
    "SensitivityScreen": "_sensitivity",
    "UncertaintyScreen": "_uncertainty",
    "ValueCostScreen": "_value_cost",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "ConfirmModal",
    "DetailScreen",
    "ElicitScreen",
    "HeadToHeadScreen",
    "HelpScreen",
    "MainScreen",
    "PickModal",
    "PromptModal",
    "SensitivityScreen",
    "UncertaintyScreen",
    "ValueCostScreen",
    "WeightPrompt",
]
