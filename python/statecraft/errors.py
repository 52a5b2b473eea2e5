"""The exceptions of statecraft: one per error type of the C++ library (statecraft/error.hpp).

Every exception carries ``code`` (the exit code the command-line tool would use) and
``diagnostics``: for bad input, one :class:`Diagnostic` per problem found, each with the file,
line and column. ``file``, ``line`` and ``column`` are those of the first problem (None when
the error has no location, e.g. a missing file).
"""

from typing import NamedTuple, Optional


class Diagnostic(NamedTuple):
    """One problem in an input: where (1-based line and column; 0 when unknown), which field,
    what was found and what was expected."""

    file: str
    line: int
    column: int
    path: str
    found: str
    expected: str


class Error(Exception):
    """Base of every statecraft error."""

    def __init__(self, message: str, code: Optional[int] = None, diagnostics=()):
        super().__init__(message)
        self.message = message
        self.code = code
        self.diagnostics = [d if isinstance(d, Diagnostic) else Diagnostic(**d) for d in diagnostics]

    def _first(self, field):
        return getattr(self.diagnostics[0], field) if self.diagnostics else None

    @property
    def file(self) -> Optional[str]:
        return self._first("file")

    @property
    def line(self) -> Optional[int]:
        return self._first("line")

    @property
    def column(self) -> Optional[int]:
        return self._first("column")


class UsageError(Error, ValueError):
    """An argument was wrong (the CLI's exit 64)."""


class IoError(Error, OSError):
    """A file could not be opened, read or written (exit 66 for a missing input, else 74)."""

    def __init__(self, message: str, code: Optional[int] = None, diagnostics=()):
        Error.__init__(self, message, code, diagnostics)

    def __str__(self):
        return self.message


class FormatError(Error):
    """A malformed file in a foreign format (.nfg, .efg, KTAB CSV ...), at one location (exit 65)."""


class ScenarioError(Error):
    """A scenario with one or more problems, every one in ``diagnostics`` (exit 65)."""


class InternalError(Error):
    """An invariant of statecraft itself was broken: a bug (exit 70)."""
