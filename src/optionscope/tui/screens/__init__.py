"""The screens of the optionscope app.

The robustness screens (sensitivity, uncertainty, value for money, eliciting weights)
are loaded on first use: together they cost about 45 ms of start-up (the SMAA,
sensitivity and elicitation modules), which the first screen does not need.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from optionscope.tui.screens._detail import DetailScreen
from optionscope.tui.screens._head_to_head import HeadToHeadScreen
from optionscope.tui.screens._help import HelpScreen
from optionscope.tui.screens._main import MainScreen
from optionscope.tui.screens._modals import ConfirmModal, PickModal, PromptModal, WeightPrompt

if TYPE_CHECKING:
    from optionscope.tui.screens._elicit import ElicitScreen
    from optionscope.tui.screens._sensitivity import SensitivityScreen
    from optionscope.tui.screens._uncertainty import UncertaintyScreen
    from optionscope.tui.screens._value_cost import ValueCostScreen

_LAZY = {
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
