"""The user's key bindings checked against the app: a binding id the app does not have, or
a key name Textual cannot bind, is an error at its line of the settings file."""

from __future__ import annotations

import difflib
import unicodedata
from importlib import import_module

from textual.binding import Binding
from textual.dom import DOMNode
from textual.keys import REPLACED_KEYS, Keys, key_to_character

from optionscope.io.settings import Settings

MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})

SCREEN_MODULES = ("_detail", "_elicit", "_head_to_head", "_help", "_main", "_modals",
                  "_sensitivity", "_uncertainty", "_value_cost")  # fmt: skip
"""Every screen module of the session (some are loaded only on first use)."""


def binding_ids() -> set[str]:
    """The id of every binding of the session's app, screens and widgets."""
    import optionscope.tui.app  # noqa: F401  (the app and the widgets it uses)

    for name in SCREEN_MODULES:
        import_module(f"optionscope.tui.screens.{name}")
    ids: set[str] = set()
    stack: list[type[DOMNode]] = [DOMNode]
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        module = cls.__module__
        if not module.startswith("optionscope.tui.") or module.startswith(
            "optionscope.tui.workshop"
        ):
            continue
        for binding in cls.__dict__.get("BINDINGS", []):
            if isinstance(binding, Binding) and binding.id:
                ids.add(binding.id)
    return ids


NAMED_KEYS = frozenset(k.value for k in Keys if "+" not in k.value and not k.value.startswith("<"))


def bindable(key: str) -> bool:
    """Whether Textual can bind `key`: modifiers joined by `+` to one key, which is a
    printable character, a named key (`left`, `f5`, `enter`) or a character's name
    (`plus`, `question_mark`, `ampersand`)."""
    *modifiers, base = key.split("+")
    if not base or any(m not in MODIFIERS for m in modifiers):
        return False
    if len(base) == 1:
        return base.isprintable() and not base.isspace() and base != ","
    if base in NAMED_KEYS or base in REPLACED_KEYS:  # `left`, `plus`, `slash`
        return True
    char = key_to_character(base)
    return char is not None and unicodedata.category(char)[0] != "C"


def check_keymap(settings: Settings) -> None:
    """Refuse, at its line, a `[keys]` entry the session cannot use."""
    known: set[str] | None = None
    for binding_id, keys in settings.keymap.items():
        where = f"keys.{binding_id}"
        if where not in settings.lines:
            continue  # from a keyboard preset, not from the file
        if known is None:
            known = binding_ids()
        if binding_id not in known:
            close = difflib.get_close_matches(binding_id, sorted(known), n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            raise settings.error(
                where,
                f"no key binding has the id {binding_id!r}; {hint}"
                "the ids are listed with ? in the session",
            )
        for key in (k.strip() for k in keys.split(",")):
            if not bindable(key):
                raise settings.error(
                    where,
                    f"{key!r} is not a key name Textual can bind; use names such as "
                    "'k', 'ctrl+k', 'left', 'f5', 'plus' or 'question_mark', comma-separated",
                )
