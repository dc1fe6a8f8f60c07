"""The scenario-format reference, generated from the model's field docstrings.

The README's format section is this function's output; a test keeps them equal,
so the reference cannot drift from the code.
"""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from optionscope.model import scenario as sm
from optionscope.model.weights import WeightsFile

SECTIONS: list[type[BaseModel]] = [
    sm.Scenario,
    sm.Source,
    sm.Anchor,
    sm.Figure,
    sm.Criterion,
    sm.Scale,
    sm.ValueFunction,
    sm.Option,
    sm.Precondition,
    sm.Cost,
    sm.Risk,
    sm.Tradeoffs,
    sm.Assessment,
    sm.Proxy,
    sm.Profile,
    sm.Position,
    sm.Event,
    sm.Effect,
    sm.Outcome,
    WeightsFile,
]


def type_name(annotation: Any) -> str:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return type_name(args[0])
    if origin in (typing.Union, types.UnionType):
        return " or ".join(type_name(a) for a in args if a is not type(None)) + (
            " (optional)" if type(None) in args else ""
        )
    if origin is typing.Literal:
        return " \\| ".join(f"`{a}`" for a in args)
    if origin is list:
        return f"list of {type_name(args[0])}"
    if origin is tuple:
        return "[" + ", ".join(type_name(a) for a in args) + "]"
    if origin is dict:
        return f"map {type_name(args[0])} -> {type_name(args[1])}"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"[{annotation.__name__}](#{annotation.__name__.lower()})"
    names = {str: "text", float: "number", int: "integer", bool: "true/false"}
    if annotation in names:
        return names[annotation]
    return getattr(annotation, "__name__", str(annotation))


def _default(field: Any) -> str:
    if field.is_required():
        return "**required**"
    default = field.default
    if default is PydanticUndefined and field.default_factory is not None:
        try:
            default = field.default_factory()  # what a field left out gets
        except TypeError:  # a factory of the other fields' values
            return ""
    if default is PydanticUndefined or default is None:
        return ""
    if isinstance(default, BaseModel) or default in ([], {}, ""):
        return "empty"
    return f"`{default}`"


def format_reference() -> str:
    """Markdown: one table per model, its fields with type, default and meaning."""
    sm.document_fields()
    out: list[str] = []
    for model in SECTIONS:
        doc = (model.__doc__ or "").strip().splitlines()[0]
        out.append(f"#### {model.__name__}\n\n{doc}\n")
        out.append("| field | type | default | meaning |\n| --- | --- | --- | --- |")
        for name, field in model.model_fields.items():
            meaning = " ".join((field.description or "").split()).replace("|", "\\|")
            out.append(
                f"| `{name}` | {type_name(field.annotation)} | {_default(field)} | {meaning} |"
            )
        out.append("")
    return "\n".join(out)
