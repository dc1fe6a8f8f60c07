"""Source text that libraries compile at every start-up, compiled once and kept beside
Python's own compiled modules.

Two parts of the standard library compile source text while modules are imported, in
every process. Before Python 3.13, `dataclasses` writes each method of a dataclass
(`__init__`, `__repr__`, `__eq__`, `__hash__`, `__setattr__`...) as text and compiles it
whenever the class is made; `typing` compiles each annotation written as a string (a
forward reference: every field of pydantic's schema types, every annotation of a module
that imports `annotations` from `__future__`). pydantic, annotated_types and optionscope
make about sixty dataclasses and a thousand forward references before a command can run:
compiling them was a sixth of the instructions of `rank` (about 150 million of 850
million), the largest part of its start-up beyond the bare imports of its floor.

`reuse_compiled_text`, called first in the `optionscope` process, has those two modules
take the code of a text compiled before (in this process or an earlier one) instead of
compiling it again. The code is what they would have compiled (the same text, file
name, mode and flags), so every class and reference is the same; only the compiling is
skipped. The texts and their code are kept in one file in optionscope's `__pycache__`
(or under `sys.pycache_prefix`), where Python keeps the compiled modules, written when
the process ends if it compiled a text the file lacked. As for those modules, nothing is
written when Python writes no byte code (`-B`, `PYTHONDONTWRITEBYTECODE`), and whoever may
write there may change the program anyway. The text is the key: a file written under
other versions of the libraries holds texts no one asks for, and is started afresh past
`MOST_BYTES`; one that cannot be read is ignored and replaced. The `optionscope` API
leaves both modules as they are: only the command's own process changes them.
"""

from __future__ import annotations

import builtins
import marshal
import os
import sys
from contextlib import suppress
from types import CodeType, ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from importlib.machinery import ModuleSpec

FILE_NAME = "compiled-text.{tag}.marshal"
MOST_BYTES = 4 * 1024 * 1024
"""A file this large (the texts of many versions of the libraries) is started afresh."""

Key = tuple[str, str]
"""A text's mode of compiling (`exec` or `eval`) and the text."""

_CODES: dict[Key, CodeType] = {}
_NEW: set[Key] = set()
_ASKED: set[Key] = set()
_STATE: dict[str, Any] = {"loaded": False, "pid": None}
READ_AFTER = 40
"""Forward references compiled before the kept texts are read, if no dataclass method is
asked for first. Reading them all costs about what compiling a hundred references does
(or a dozen methods): a process that compiles a few references and no method
(`--help` and `--version`: click's two dozen) reads and writes none."""


def kept_file() -> str | None:
    """Where the compiled texts are kept: beside optionscope's compiled modules; None
    where Python keeps none (no cache tag)."""
    tag = sys.implementation.cache_tag
    if tag is None:
        return None
    from importlib.util import cache_from_source

    package = os.path.dirname(os.path.abspath(__file__))  # this module is at its top
    folder = os.path.dirname(cache_from_source(os.path.join(package, "__init__.py")))
    return os.path.join(folder, FILE_NAME.format(tag=tag))


def _magic() -> bytes:
    from importlib.util import MAGIC_NUMBER

    return MAGIC_NUMBER


def read_kept(path: str) -> dict[Key, CodeType]:
    """The texts kept in `path` and their code; none if the file is missing, damaged, or
    written by another version of Python."""
    try:
        with open(path, "rb") as file:
            kept = marshal.loads(file.read())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if not (isinstance(kept, tuple) and len(kept) == 2 and kept[0] == _magic()):
        return {}
    codes = kept[1]
    if not isinstance(codes, dict):
        return {}
    return {
        key: code
        for key, code in codes.items()
        if isinstance(key, tuple)
        and len(key) == 2
        and key[0] in ("exec", "eval")
        and isinstance(key[1], str)
        and isinstance(code, CodeType)
    }


def compiled(text: str, mode: str) -> CodeType:
    """The code of `text`, compiled as `exec` or `eval` would in a module that imports
    nothing from `__future__` (as `dataclasses` and `typing`); compiled once."""
    key = (mode, text)
    code = _CODES.get(key)
    if code is None and not _STATE["loaded"] and (mode == "exec" or len(_CODES) >= READ_AFTER):
        _read_kept_texts()
        code = _CODES.get(key)
    if code is None:
        code = _CODES[key] = compile(text, "<string>", mode, dont_inherit=True)
        _NEW.add(key)
    _ASKED.add(key)
    return code


def _read_kept_texts() -> None:
    _STATE["loaded"] = True
    path = kept_file()
    if path is None:
        return
    kept = read_kept(path)
    _NEW.difference_update(kept)  # compiled before the file was read, and kept already
    _CODES.update((key, code) for key, code in kept.items() if key not in _CODES)


def _exec(source: Any, globals: Any = None, locals: Any = None, /, **kwargs: Any) -> None:
    """`exec` as `dataclasses` finds it."""
    if isinstance(source, str):
        source = compiled(source, "exec")
    builtins.exec(source, globals, locals, **kwargs)


def _compile(source: Any, filename: Any, mode: Any, *args: Any, **kwargs: Any) -> Any:
    """`compile` as `typing` finds it: a forward reference's text, compiled once (any
    other call, or a text that does not compile, is the builtin's)."""
    plain = not args and not kwargs and filename == "<string>" and mode in ("exec", "eval")
    if plain and isinstance(source, str):
        try:
            return compiled(source, mode)
        except SyntaxError:
            pass  # said by the builtin, as before
    return builtins.compile(source, filename, mode, *args, **kwargs)


STAND_INS: dict[str, tuple[str, Any]] = {
    "dataclasses": ("exec", _exec),
    "typing": ("compile", _compile),
}
"""The modules that compile text, and the name each finds its builtin by (a module's own
name is found before the builtin of that name)."""


def _stand_in(module: ModuleType) -> None:
    name, stand_in = STAND_INS[module.__name__]
    if name not in vars(module):  # or something else put its own there
        setattr(module, name, stand_in)


class _WhenImported:
    """Gives a module its stand-in as it is imported, before its code runs: `--help` and
    `--version` import no `dataclasses` (with `inspect`, about 10 ms)."""

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> ModuleSpec | None:
        if name not in STAND_INS or name in sys.modules:
            return None
        from importlib.machinery import PathFinder

        spec = PathFinder.find_spec(name, path)
        loader = None if spec is None else spec.loader
        if loader is None or not hasattr(loader, "exec_module"):
            return None  # found otherwise, and left as it is
        run = loader.exec_module

        def exec_module(module: ModuleType) -> None:
            _stand_in(module)
            run(module)

        loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


def reuse_compiled_text() -> None:
    """Have `dataclasses` and `typing` reuse the code of texts compiled before, in this
    process and in earlier ones (see the module's notes); once per process."""
    if _STATE["pid"] is not None:
        return
    _STATE["pid"] = os.getpid()
    for name in STAND_INS:
        if name in sys.modules:
            _stand_in(sys.modules[name])
    if not STAND_INS.keys() <= sys.modules.keys():
        sys.meta_path.insert(0, _WhenImported())
    import atexit

    atexit.register(_at_exit)


def _at_exit() -> None:
    if os.getpid() == _STATE["pid"]:  # a copy made by `fork` keeps its own (`keep_new`)
        keep_new()


def keep_new() -> None:
    """Add the texts this process compiled to the kept file, unless Python writes no byte
    code. Called when the process ends, and by a copy made by `io.forked` when its work is
    handed over (a copy's exit handlers do not run): the terminal UI's reads its scenario,
    and compiles pydantic's texts, which the UI's own process never imports."""
    if not (_NEW and _STATE["loaded"]) or sys.dont_write_bytecode:
        return
    path = kept_file()
    if path is None:
        return
    new, asked = list(_NEW), list(_ASKED)  # copied at once: a daemon thread may add
    codes = read_kept(path)  # another process may have added to it meanwhile
    codes.update((key, _CODES[key]) for key in new)
    data = marshal.dumps((_magic(), codes))
    if len(data) > MOST_BYTES:  # afresh: what this process asked for
        data = marshal.dumps((_magic(), {key: _CODES[key] for key in asked}))
    partial = f"{path}.{os.getpid()}.partial"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(partial, "wb") as file:
            file.write(data)
        os.replace(partial, path)
    except OSError:  # a folder the user may not write to: compiled again next time
        with suppress(OSError):
            os.unlink(partial)
        return
    _NEW.difference_update(new)
