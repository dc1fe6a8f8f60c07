"""Finding and loading scenarios: bundled ids, YAML files and CSV decision matrices."""

from __future__ import annotations

import re
import types
import typing
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from optionscope.io import scenario_ahead, scenario_cache
from optionscope.io.bulk import built_to_last, collector_paused
from optionscope.io.errors import InputError, Located
from optionscope.io.text_files import read_text, remember_input
from optionscope.model.checks import (
    consistency_problems,
    dotted,
    strict_problems,
    suggest,
)
from optionscope.model.fields import (
    IDENT,
    IDENT_MAX,
    PARTIAL_FORMS,
    calendar_problem,
    id_problem,
)
from optionscope.model.scenario import Scenario

if TYPE_CHECKING:
    from optionscope.io.yaml_loader import DocPath, LocatedDocument


def bundled_dir() -> Path:
    """Where the bundled scenario packs are: inside the wheel, or the repository's scenarios/."""
    # the package's own folder (as importlib.resources would give for an installed
    # package, without importing it: about 8 ms of every command)
    packaged = Path(__file__).resolve().parents[1] / "scenarios"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "scenarios"


def bundled_ids() -> list[str]:
    folder = bundled_dir()
    if not folder.is_dir():
        return []
    return sorted(p.stem for p in folder.glob("*.yaml"))


def resolve_path(ref: str | Path) -> Path:
    """A bundled id or a path -> the file to read."""
    text = str(ref)
    if not text.strip():  # Path('') is the current folder
        raise InputError.at(
            "SCENARIO",
            f"an empty scenario name; give a bundled scenario's id ({', '.join(bundled_ids())}) "
            "or a scenario file's path",
        )
    path = Path(text)
    if path.suffix.lower() in (".yaml", ".yml", ".csv") or _exists(path) or "/" in text:
        remember_input(path)  # read here or by another process: never an output
        return path
    candidate = bundled_dir() / f"{text}.yaml"
    if _exists(candidate):
        return candidate
    known = bundled_ids()
    raise InputError.at(
        text,
        f"no bundled scenario or file of that name{suggest(text, known)}; "
        f"bundled: {', '.join(known) or 'none'}",
    )


def _exists(path: Path) -> bool:
    """Whether the path exists; a name the system refuses (e.g. too long) does not."""
    try:
        return path.exists()
    except OSError:
        return False


def load_scenario(ref: str | Path, *, strict: bool = False) -> Scenario:
    """Load a scenario from a bundled id, a YAML file or a CSV decision matrix.

    Raises `InputError` listing every problem, each located as file:line:col.
    """
    ahead = scenario_ahead.taken(str(ref), strict=strict)  # read by another process
    if ahead is not None:
        return ahead
    path = resolve_path(ref)
    with collector_paused():  # until the scenario is stored, and frozen if it lasts
        if path.suffix.lower() == ".csv":
            from optionscope.io.csv_matrix import load_csv_matrix

            scenario = load_csv_matrix(path)
        else:
            name = str(ref) if not Path(str(ref)).suffix else str(path)
            if path.parent == bundled_dir():
                name = f"{path.stem} ({path})"
            scenario = scenario_from_text(read_text(path, name), name, strict=strict)
        built_to_last()
    return scenario


def kept_in_cache(ref: str | Path) -> bool:
    """Whether `load_scenario(ref)` keeps what it reads in the scenario cache: a YAML
    scenario, with the cache on (a CSV matrix is read again each time)."""
    return scenario_cache.cache_dir() is not None and resolve_path(ref).suffix.lower() != ".csv"


def scenario_from_text(text: str, name: str, *, strict: bool = False) -> Scenario:
    stored_as = scenario_cache.key(text, strict=strict)
    stored = scenario_cache.load(stored_as)
    if stored is not None:
        return stored
    # the YAML reader only now: a scenario from the cache never needs it
    from optionscope.io.plain_yaml import TooManyValues
    from optionscope.io.yaml_loader import load_yaml, too_many_values

    with collector_paused():  # a large file is millions of new objects, no cycles
        try:
            scenario, counted = _plain_scenario(text, strict=strict)
        except TooManyValues as too_many:
            raise too_many_values(name, too_many.line, too_many.column) from None
        if scenario is None:  # read again, keeping where every value stands
            doc = load_yaml(text, name, counted=counted)
            scenario = scenario_from_document(doc, strict=strict)
    scenario_cache.store(stored_as, scenario)
    return scenario


def first_read(path: Path, *, strict: bool = False) -> Scenario | None:
    """The scenario of a plain file without a problem, kept in the cache (if it is on);
    None for any other file.

    For a process reading a file ahead of the one that needs it: a file with a problem
    is left to that one, which reads it again and says where each problem stands.
    """
    text = read_text(path)
    stored_as = scenario_cache.key(text, strict=strict)
    stored = scenario_cache.load(stored_as)
    if stored is not None:
        return stored
    from optionscope.io.plain_yaml import TooManyValues

    with collector_paused():
        try:
            scenario = _plain_scenario(text, strict=strict)[0]
        except TooManyValues:
            return None
        if scenario is not None:
            scenario_cache.store(stored_as, scenario)
    return scenario


def _plain_scenario(text: str, *, strict: bool) -> tuple[Scenario | None, bool]:
    """The scenario of a plain file without a problem, read without its node tree; None
    for any other file, which is then read with it so that every problem is located.
    With it, whether the file's values were counted (read whole as plain data: they are
    within `MAX_VALUES`); `TooManyValues` where they are not."""
    from optionscope.io.plain_yaml import plain_data

    data = plain_data(text)
    if not isinstance(data, dict):
        return None, data is not None
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError:
        return None, True
    if consistency_problems(scenario) or (strict and strict_problems(scenario)):
        return None, True
    return scenario, True


def scenario_from_document(doc: LocatedDocument, *, strict: bool = False) -> Scenario:
    if not isinstance(doc.data, dict):
        raise InputError([doc.problem((), "", "a scenario file is a mapping of keys to values")])
    try:
        scenario = Scenario.model_validate(doc.data)
    except ValidationError as err:
        raise InputError(validation_problems(err, doc, Scenario)) from None
    problems = consistency_problems(scenario)
    if strict:
        problems += strict_problems(scenario)
    if problems:
        raise InputError([doc.problem(p.path, p.dotted, p.message) for p in problems])
    return scenario


def validation_problems(
    err: ValidationError, doc: LocatedDocument, model: type[BaseModel]
) -> list[Located]:
    """Pydantic's errors as located problems, in plain words: suggestions for misspelt
    keys, what an id or a date is, and what to write where YAML read a word as another
    kind of value."""
    out: list[Located] = []
    for e in err.errors(include_url=False):
        path = _document_path(doc.data, e["loc"])
        message = e["msg"]
        kind = e["type"]
        if kind == "extra_forbidden" and path:
            key = str(path[-1])
            fields = _fields_at(model, path[:-1])
            message = f"unknown key '{key}'{suggest(key, fields)}"
            if fields:
                message += f"; allowed: {', '.join(sorted(fields))}"
        elif kind == "missing":
            message = f"'{path[-1] if path else ''}' is required here"
            path_for_line: DocPath = path[:-1]
            out.append(doc.problem(path_for_line, dotted(path), message))
            continue
        elif kind == "invalid_key":
            message = doc.yaml_surprise(path, key=True) or "a key must be text; quote it"
            out.append(doc.problem(path, dotted(path[:-1]) if path[:-1] else "", message))
            continue
        elif e["loc"] and e["loc"][-1] == "[key]" and path:  # a mapping's key, not its value
            out.append(doc.problem(path, dotted(path[:-1]), _key_message(e, path, doc)))
            continue
        elif kind == "literal_error":
            message = message.replace("Input should be", "should be")
        elif kind == "value_error":
            message = message.removeprefix("Value error, ")
        elif kind in ("string_pattern_mismatch", "string_too_long") and _is_id_error(e):
            message = id_problem(str(e["input"]))
        elif kind == "string_too_long":
            limit = e.get("ctx", {}).get("max_length")
            message = (
                f"the text is {len(str(e['input'])):,} characters long; at most {limit:,} "
                "are allowed here: shorten it"
            )
        elif kind.startswith("date_"):
            out.append(doc.problem(path, dotted(path), _date_message(e["input"], path, doc)))
            continue
        elif kind == "dict_type":
            message = _mapping_message(path)
        expects = _number_expected(e)
        if expects and e["input"] is None:
            message = f"expected {expects}: {doc.yaml_surprise(path, expects=expects)}"
            if _optional(model, path):
                message += f", or remove `{path[-1]}` to leave it out"
        elif kind.endswith("_type") or kind == "literal_error":
            hint = doc.yaml_surprise(path)
            if hint and (kind == "string_type" or "number" not in hint):
                message = f"{message}: {hint}"
        out.append(doc.problem(path, dotted(path), message))
    return out


_NUMBER_KINDS = frozenset({"float_type", "int_type", "float_parsing", "int_parsing"})


def _number_expected(e: Any) -> str:
    """What a field that takes no text expects ("a number", or a literal number such as
    "1"), for the advice on a null read there; "" for a field that takes text."""
    if e["type"] in _NUMBER_KINDS:
        return "a number"
    expected = str(e.get("ctx", {}).get("expected", ""))
    if e["type"] == "literal_error" and expected and "'" not in expected:
        return expected  # e.g. `1` for schema_version
    return ""


def _optional(model: type[BaseModel], path: DocPath) -> bool:
    """Whether the value at `path` is a model field with a default (its key may go)."""
    if not path or not isinstance(path[-1], str):
        return False
    current: Any = model
    for part in path[:-1]:
        current = _step(current, part)
        if current is None:
            return False
    current = _unwrap_model(current)
    if not (isinstance(current, type) and issubclass(current, BaseModel)):
        return False
    field = current.model_fields.get(path[-1])
    return field is not None and not field.is_required()


def _is_id_error(e: Any) -> bool:
    ctx = e.get("ctx", {})
    return bool(ctx.get("pattern") == IDENT or ctx.get("max_length") == IDENT_MAX)


def _id_noun(mapping: DocPath) -> str:
    """Whose ids key the mapping at this path: "criterion", "option" or "" (unknown)."""
    if mapping and mapping[-1] == "weights":
        return "criterion"
    if mapping == ("assessments",):
        return "option"
    if len(mapping) == 2 and mapping[0] == "assessments":
        return "criterion"
    return ""


def _key_message(e: Any, path: DocPath, doc: LocatedDocument) -> str:
    """What is wrong with a mapping's key (each is an id), said of the key."""
    noun = _id_noun(path[:-1])
    if e["type"] in ("string_pattern_mismatch", "string_too_long"):
        message = f"the key {id_problem(str(e['input']))}"
        return message + (f" (keys here are {noun} ids)" if noun else "")
    instead = f"write the {noun}'s id" if noun else ""
    return doc.yaml_surprise(path, key=True, instead=instead) or (
        f"the key `{e['input']}` is not text; a key here is an id: quote it"
    )


def _date_message(value: Any, path: DocPath, doc: LocatedDocument) -> str:
    """A date field (a full date: YYYY-MM-DD) refused, said in plain words."""
    field = f"`{path[-1]}`" if path else "it"
    form = (
        f"{field} is a full date, YYYY-MM-DD (e.g. 2023-01-16); a scenario's other dates "
        f"may be {PARTIAL_FORMS}"
    )
    if value is None:
        return f"expected a date: {doc.yaml_surprise(path, expects='a date as YYYY-MM-DD')}"
    if not isinstance(value, str):
        return f"expected a date; {form}"
    problem = calendar_problem(value.strip())
    if problem:
        return f"{problem}; {form}"
    if re.fullmatch(r"\d{4}(-\d{2})?", value.strip()):
        return f"{value.strip()} gives no day; {form}"
    return f"'{value}' is not a date; {form}"


def _mapping_message(path: DocPath) -> str:
    if path and path[-1] == "weights":
        return (
            "weights is a mapping of criterion ids to points, e.g. "
            "`weights: {cost: 50, safety: 30}`"
        )
    return "expected a mapping of keys to values (`key: value` lines, or `{key: value}`)"


def _document_path(data: Any, loc: tuple[int | str, ...]) -> DocPath:
    """Pydantic's loc with its union and validator tags dropped, keeping only real keys."""
    path: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and part in node:  # noqa: SIM114 (dict and list indexing)
            path.append(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            path.append(part)
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str) and not _is_tag(part):
            # a missing or extra key: keep it, nothing below it to follow
            path.append(part)
            node = None
    return tuple(path)


def _is_tag(part: str) -> bool:
    return any(ch in part for ch in "[](),") or part.startswith("function-")


def _fields_at(model: type[BaseModel], path: DocPath) -> set[str]:
    """Field names of the model found by following `path` from `model`."""
    current: Any = model
    for part in path:
        current = _step(current, part)
        if current is None:
            return set()
    current = _unwrap_model(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return set(current.model_fields)
    return set()


def _step(annotation: Any, part: str | int) -> Any:
    annotation = _unwrap_model(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        field = annotation.model_fields.get(str(part))
        return field.annotation if field else None
    args = typing.get_args(annotation)
    origin = typing.get_origin(annotation)
    if origin is list and args:
        return args[0]
    if origin is dict and len(args) == 2:
        return args[1]
    return None


@cache
def _unwrap_model_cached(annotation: Any) -> Any:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            if arg is not type(None):
                return _unwrap_model_cached(arg)
    if origin is typing.Annotated:
        return _unwrap_model_cached(typing.get_args(annotation)[0])
    return annotation


def _unwrap_model(annotation: Any) -> Any:
    try:
        return _unwrap_model_cached(annotation)
    except TypeError:  # unhashable annotation
        return annotation
