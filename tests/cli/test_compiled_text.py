"""The source text `dataclasses` and `typing` compile at start-up, compiled once and kept
(`optionscope._compiled_text`): the classes and references are what Python makes,
a second process compiles none of it, and the kept file is handled as Python handles
its own compiled modules. Each run is a fresh interpreter, its kept file a test's own."""

from __future__ import annotations

import json
import marshal
import os
import subprocess
import sys
import textwrap
from importlib.util import MAGIC_NUMBER
from pathlib import Path

import pytest

from optionscope._compiled_text import READ_AFTER
from python_run import run_python

TINY = Path(__file__).resolve().parents[1] / "data" / "tiny.yaml"

PRELUDE = textwrap.dedent(
    """
    import json, os, sys
    from optionscope import _compiled_text

    compiled = []  # the texts Python compiled: dataclasses' methods, forward references
    sys.addaudithook(
        lambda event, args: compiled.append(bytes(args[0]).decode())
        if event == "compile" and args[1] == "<string>" and isinstance(args[0], bytes)
        else None
    )
    _compiled_text.kept_file = lambda: sys.argv[1]
    if sys.argv[2] == "reuse":
        _compiled_text.reuse_compiled_text()
    else:  # as if something else had put its own there: left as it is
        import builtins, dataclasses, typing
        dataclasses.exec, typing.compile = builtins.exec, builtins.compile
    """
)

CLASSES = PRELUDE + textwrap.dedent(
    """
    _compiled_text.READ_AFTER = 0  # these few texts are read and kept too
    import dataclasses, inspect, typing
    from dataclasses import InitVar, dataclass, field

    @dataclass(frozen=True, order=True)
    class Point:
        x: float
        y: float = 0.0
        tags: tuple[str, ...] = ()

    @dataclass(slots=True, kw_only=True)
    class Box:
        name: str
        items: list[int] = field(default_factory=list)
        scale: InitVar[float] = 1.0

        def __post_init__(self, scale: float) -> None:
            self.items = [round(i * scale) for i in self.items]

    @dataclass(eq=False, repr=False)
    class Plain:
        a: "int"

    class Later:
        ref: "Point"
        many: "list[Box]"

    def attempt(thunk):
        try:
            return repr(thunk())
        except Exception as err:
            return f"{type(err).__name__}: {err}"

    p, q = Point(1.0, 2.0, ("a",)), Point(1.0)
    seen = {
        "repr": [repr(p), repr(Box(name="b", items=[1, 2], scale=2.0))],
        "order": [p < q, p == Point(1.0, 2.0, ("a",)), hash(p) == hash(Point(1.0, 2.0, ("a",)))],
        "frozen": attempt(lambda: setattr(p, "x", 3.0)),
        "slots": attempt(lambda: setattr(Box(name="c"), "other", 1)),
        "signatures": [str(inspect.signature(c)) for c in (Point, Box, Plain)],
        "plain": [Plain(1) == Plain(1), "object at" in repr(Plain(1))],
        "fields": [f.name for f in dataclasses.fields(Box)],
        "match": Point.__match_args__,
        "hints": {k: repr(v) for k, v in typing.get_type_hints(Later).items()},
        "forward": repr(typing.ForwardRef("dict[str, Point]")),
        "bad reference": attempt(lambda: typing.ForwardRef("1 +")),
    }
    print(json.dumps({"seen": seen, "compiled": compiled}))
    """
)

RANK = PRELUDE + textwrap.dedent(
    """
    import io
    from contextlib import redirect_stdout
    from optionscope.cli import main

    out = io.StringIO()
    with redirect_stdout(out):
        try:
            main(["rank", sys.argv[3], "--format", "csv"])
        except SystemExit as exit:
            assert not exit.code, exit.code
    methods = sorted({t for t in compiled if t.startswith("def __create_fn__")})
    # not kept: named tuples' constructors (`collections`), typing_inspection's functions
    others = ("def __create_fn__", "lambda _cls", "\\n")
    references = sorted({t for t in compiled if not t.startswith(others)})
    print(json.dumps({"output": out.getvalue(), "methods": methods, "references": references}))
    """
)


def writing() -> dict[str, str]:
    """The environment of a process that may write byte code (a test's shell may not)."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def test_classes_and_references_are_those_python_makes_and_a_second_process_compiles_none(
    tmp_path: Path,
) -> None:
    kept = tmp_path / "kept.marshal"
    plain = run_python(CLASSES, str(kept), "plain", env=writing())
    first = run_python(CLASSES, str(kept), "reuse", env=writing())
    assert kept.is_file()
    second = run_python(CLASSES, str(kept), "reuse", env=writing())
    assert first["seen"] == plain["seen"] == second["seen"]
    assert plain["seen"]["bad reference"].startswith("SyntaxError: Forward reference")
    assert len(plain["compiled"]) > 20  # what there is to save
    # only the reference that does not compile is compiled again (to say why), and
    # named tuples' constructors (`collections`, not kept)
    assert {t for t in second["compiled"] if not t.startswith("lambda _cls")} == {"1 +"}


def test_a_command_run_again_compiles_no_method_and_no_reference(tmp_path: Path) -> None:
    kept = tmp_path / "kept.marshal"
    first = run_python(RANK, str(kept), "reuse", str(TINY), env=writing())
    plain = run_python(RANK, str(kept), "plain", str(TINY), env=writing())
    second = run_python(RANK, str(kept), "reuse", str(TINY), env=writing())
    assert len(first["methods"]) > 50 and plain["methods"] == first["methods"]
    assert len(first["references"]) > 100 and plain["references"] == first["references"]
    # only the texts compiled before the file is read
    again = second["methods"] + second["references"]
    assert len(again) <= READ_AFTER < len(first["methods"] + first["references"]) / 5
    assert first["output"] == plain["output"] == second["output"]
    assert "tiny" in second["output"] or second["output"].count("\n") > 1


def test_nothing_is_written_when_python_writes_no_byte_code(tmp_path: Path) -> None:
    kept = tmp_path / "kept.marshal"
    env = writing() | {"PYTHONDONTWRITEBYTECODE": "1"}
    run_python(CLASSES, str(kept), "reuse", env=env)
    assert not kept.exists()


def test_a_damaged_or_foreign_file_is_ignored_and_written_anew(tmp_path: Path) -> None:
    kept = tmp_path / "kept.marshal"
    for damaged in (
        b"not marshal data",
        marshal.dumps([1, 2]),
        marshal.dumps((b"\x00\x00\r\n", {("exec", "x = 1"): compile("x = 1", "<s>", "exec")})),
        marshal.dumps((MAGIC_NUMBER, {("exec", 1): 2, "text": None})),
    ):
        kept.write_bytes(damaged)
        run = run_python(CLASSES, str(kept), "reuse", env=writing())
        codes = marshal.loads(kept.read_bytes())
        assert codes[0] == MAGIC_NUMBER
        kept_texts = {text for _, text in codes[1]}
        compiled = set(run["compiled"])
        assert "1 +" not in kept_texts and kept_texts <= compiled
        assert {t for t in compiled if t.startswith("def __create_fn__")} <= kept_texts


def test_texts_of_other_versions_are_kept_until_the_file_is_too_large(tmp_path: Path) -> None:
    kept = tmp_path / "kept.marshal"
    foreign = ("exec", "def __create_fn__():\n def f(self):\n  return 0\n return f")
    kept.write_bytes(marshal.dumps((MAGIC_NUMBER, {foreign: compile(foreign[1], "<s>", "exec")})))
    run_python(CLASSES, str(kept), "reuse", env=writing())
    assert foreign in marshal.loads(kept.read_bytes())[1]
    too_large = CLASSES.replace(
        "_compiled_text.reuse_compiled_text()",
        "_compiled_text.MOST_BYTES = 1; _compiled_text.reuse_compiled_text()",
    )
    kept.write_bytes(marshal.dumps((MAGIC_NUMBER, {foreign: compile(foreign[1], "<s>", "exec")})))
    run_python(too_large, str(kept), "reuse", env=writing())
    codes = marshal.loads(kept.read_bytes())[1]
    assert foreign not in codes and len(codes) > 10


def test_a_copy_keeps_its_texts_when_its_work_is_handed_over_and_not_at_its_exit(
    tmp_path: Path,
) -> None:
    kept = tmp_path / "kept.marshal"
    forked = PRELUDE + textwrap.dedent(
        """
        _compiled_text.READ_AFTER = 0
        from optionscope.io.forked import fork

        def make(name):
            from dataclasses import make_dataclass
            make_dataclass(name, [(name.lower(), int)])
            return b"made"

        pid = os.fork()  # a copy that ends as a process does: its exit handlers run
        if pid == 0:
            make("AtExit")
            sys.exit(0)
        os.waitpid(pid, 0)
        at_exit = os.path.exists(sys.argv[1])
        handed = fork(lambda: make("HandedOver")).result()  # a copy doing a command's work
        texts = [t for _, t in _compiled_text.read_kept(sys.argv[1])]
        print(json.dumps({"at exit": at_exit, "handed": handed.decode(),
                          "kept": [n for n in ("atexit", "handedover")
                                   if any(f"self.{n}" in t for t in texts)]}))
        """
    )
    run = run_python(forked, str(kept), "reuse", env=writing())
    assert run == {"at exit": False, "handed": "made", "kept": ["handedover"]}


def test_a_process_that_compiles_few_texts_neither_reads_nor_writes_the_file(
    tmp_path: Path,
) -> None:
    kept = tmp_path / "kept.marshal"
    run_python(RANK, str(kept), "reuse", str(TINY), env=writing())
    assert kept.is_file()
    before = kept.read_bytes()
    version = PRELUDE + textwrap.dedent(
        """
        opened = []
        sys.addaudithook(
            lambda event, args: opened.append(args[0]) if event == "open" else None
        )
        from optionscope.cli import main
        try:
            main(["--version"])
        except SystemExit:
            pass
        print(json.dumps({"read": sys.argv[1] in opened, "compiled": len(compiled)}))
        """
    )
    run = run_python(version, str(kept), "reuse", env=writing())
    assert run == {"read": False, "compiled": run["compiled"]}
    assert 0 < run["compiled"] < READ_AFTER
    assert kept.read_bytes() == before


def test_a_folder_that_cannot_be_written_to_costs_nothing_but_the_compiling(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "read-only"
    folder.mkdir()
    kept = folder / "kept.marshal"
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):  # a user the permission does not stop (root)
            folder.chmod(0o700)
            kept.mkdir()  # a folder where the file should be: os.replace fails too
        done = subprocess.run(
            [sys.executable, "-c", CLASSES, str(kept), "reuse"],
            capture_output=True, text=True, env=writing(), check=False,
        )  # fmt: skip
    finally:
        folder.chmod(0o700)
    assert done.returncode == 0 and done.stderr == ""  # nothing said, nothing raised
    assert len(json.loads(done.stdout)["compiled"]) > 20
    assert [p.name for p in folder.iterdir()] in ([], ["kept.marshal"])
    assert not kept.is_file()


def test_a_text_compiled_while_the_file_is_written_is_kept_the_next_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from optionscope import _compiled_text as kept_text

    kept = tmp_path / "kept.marshal"
    monkeypatch.setattr(kept_text, "kept_file", lambda: str(kept))
    monkeypatch.setattr(kept_text, "_CODES", {})
    monkeypatch.setattr(kept_text, "_NEW", set())
    monkeypatch.setattr(kept_text, "_ASKED", set())
    monkeypatch.setattr(kept_text, "_STATE", {"loaded": True, "pid": os.getpid()})
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    kept_text.compiled("x + 1", "eval")
    late = ("eval", "y + 2")
    replace = os.replace

    def replacing(partial: str, path: str) -> None:
        kept_text.compiled("y + 2", "eval")  # another thread, as the file is written
        replace(partial, path)

    monkeypatch.setattr(os, "replace", replacing)
    kept_text.keep_new()
    read = kept_text.read_kept
    assert set(read(str(kept))) == {("eval", "x + 1")} and late in kept_text._NEW
    monkeypatch.setattr(os, "replace", replace)
    kept_text.keep_new()
    assert set(read(str(kept))) == {("eval", "x + 1"), late} and not kept_text._NEW


def test_the_file_is_kept_beside_the_packages_own_compiled_modules() -> None:
    from importlib.util import cache_from_source

    import optionscope
    from optionscope import _compiled_text as kept_text

    kept = kept_text.kept_file()
    assert kept is not None
    own = Path(cache_from_source(optionscope.__file__)).parent  # optionscope/__pycache__
    assert Path(kept).parent == own and Path(kept).name.startswith("compiled-text.")
