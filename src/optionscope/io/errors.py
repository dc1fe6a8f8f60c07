"""Located problems with an input file, reported as `file:line:col: field.path: message`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Located:
    """One problem, at a place in a file (line and column are 1-based; 0 when unknown)."""

    file: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"


class InputError(Exception):
    """Bad input: the user can fix it. The CLI prints each problem and exits with code 2."""

    def __init__(self, problems: list[Located]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    @classmethod
    def at(
        cls, file: str, message: str, line: int = 0, column: int = 0, field: str = ""
    ) -> InputError:
        return cls([Located(file, line, column, field, message)])
