"""Field docstrings as descriptions, for the JSON Schema and the format reference.

pydantic's `use_attribute_docstrings` reads the source of every class at import (about
80 ms of every command's start-up); these read it only when asked.
"""

from __future__ import annotations

import ast
import functools
import inspect
import itertools
import sys

from optionscope.model.scenario import Model


def _attribute_docstrings(module_name: str) -> dict[str, dict[str, str]]:
    """Class name -> field name -> the docstring written under the field, from the source."""
    tree = ast.parse(inspect.getsource(sys.modules[module_name]))
    out: dict[str, dict[str, str]] = {}
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        docs: dict[str, str] = {}
        for field, after in itertools.pairwise(node.body):
            if (
                isinstance(field, ast.AnnAssign)
                and isinstance(field.target, ast.Name)
                and isinstance(after, ast.Expr)
                and isinstance(after.value, ast.Constant)
                and isinstance(after.value.value, str)
            ):
                docs[field.target.id] = inspect.cleandoc(after.value.value)
        out[node.name] = docs
    return out


@functools.cache
def document_fields() -> None:
    """Give every scenario model's fields their docstrings as descriptions, once.

    For the JSON Schema and the format reference; validation never needs them.
    """
    models = [m for m in _all_models(Model) if m.__module__.startswith("optionscope.model")]
    docs: dict[str, dict[str, str]] = {}
    for module in {m.__module__ for m in models}:
        docs.update(_attribute_docstrings(module))
    for model in models:
        for name, field in model.model_fields.items():
            doc = docs.get(model.__name__, {}).get(name)
            if doc and field.description is None:
                field.description = doc
    for model in models:  # subclasses after the models they nest: definition order
        model.model_rebuild(force=True)


def _all_models(base: type[Model]) -> list[type[Model]]:
    found: list[type[Model]] = []
    for sub in base.__subclasses__():
        found.append(sub)
        found.extend(_all_models(sub))
    return found
