"""newsgraph's errors. Each has a code and says what went wrong and what to do next.

The CLI prints ``str(error)`` as one line and exits 1 (2 for usage errors); the library
raises these so that callers can catch one base class.
"""

from __future__ import annotations


class NewsgraphError(Exception):
    """Base class: ``code`` identifies the error, the message says what to do."""

    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class InputError(NewsgraphError):
    """An input file or record cannot be read (E001)."""

    code = "E001"


class UsageError(NewsgraphError):
    """The command's options do not fit together (E002); the CLI exits 2."""

    code = "E002"


class StoreError(NewsgraphError):
    """The store cannot be opened or written (E003)."""

    code = "E003"


class StoreBusyError(StoreError):
    """Another process holds the store for writing (E004)."""

    code = "E004"


class NotFoundError(NewsgraphError):
    """A requested article, actor or event does not exist (E005)."""

    code = "E005"


class PipelineError(NewsgraphError):
    """The language pipeline cannot be built (E006), e.g. the English model is missing."""

    code = "E006"


class DataFileError(NewsgraphError):
    """A dictionary or ontology data file is malformed (E007)."""

    code = "E007"
