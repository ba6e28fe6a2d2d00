"""Build the language pipeline from its config file, once per process and configuration.

The pipeline is described by ``newsgraph/pipeline/config.cfg`` (spaCy's config format): the
components in the order they run, each taken from the spaCy model (``source``) or built by
a registered factory with its options (``factory``). A user's config file is laid over it, and
``PipelineConfig``'s direct options (actor files, verb dictionaries, model) are applied last.
The model is loaded whole with ``spacy.load`` (its vocabulary and tokenizer included), without
the components the config does not list; newsgraph's components are added around its own.
The result is checked with spaCy's ``analyze_pipes``: a component that requires what no
earlier component assigns stops the build with a coded error.
"""

from __future__ import annotations

import copy
import re
from importlib import resources
from pathlib import Path
from typing import Any

import spacy
import spacy.util
from spacy.language import Language
from thinc.api import Config

from newsgraph.config import PipelineConfig
from newsgraph.errors import Errors, PipelineError

# Importing the extract modules registers their component factories with spaCy.
from newsgraph.extract import dates as _dates  # noqa: F401
from newsgraph.extract import places as _places  # noqa: F401
from newsgraph.extract import tone as _tone  # noqa: F401
from newsgraph.extract.actors import component as _actors  # noqa: F401
from newsgraph.extract.events import component as _events  # noqa: F401
from newsgraph.extract.quotes import component as _quotes  # noqa: F401
from newsgraph.pipeline import attributes as _attributes  # noqa: F401
from newsgraph.pipeline import paragraphs as _paragraphs  # noqa: F401
from newsgraph.pipeline.extensions import register_extensions

PACKAGE_CONFIG = "newsgraph/pipeline/config.cfg"
_NLP_KEYS = {"pipeline", "disabled"}
_SECTION = re.compile(r"^\[([^\]\n]+)\]", re.MULTILINE)
_SOURCE_KEYS = {"source", "component"}
# The longest article the pipeline takes (ReadOptions.max_article_chars is 1,000,000 by default).
_MAX_LENGTH = 2_000_000


def package_config() -> Config:
    """The package's pipeline config (``newsgraph/pipeline/config.cfg``)."""
    text = resources.files("newsgraph.pipeline").joinpath("config.cfg").read_text(encoding="utf-8")
    return parse_config(text, PACKAGE_CONFIG)


def model_name(config: PipelineConfig | None = None) -> str:
    """The spaCy model the pipeline takes its model components from."""
    settings = pipeline_settings(config or PipelineConfig())
    return next(str(section["source"]) for section in settings["components"].values() if "source" in section)


def pipeline_settings(config: PipelineConfig) -> Config:
    """The config the pipeline is built from: the package's, the user's file over it, and
    the direct options of ``config`` last."""
    settings = package_config()
    if config.config_file is not None:
        settings = overlay(settings, read_config(Path(config.config_file)))
    where = _where(config)
    components = settings["components"]
    for key, name, values in (
        ("actor_files", "newsgraph_actors", config.actor_files),
        ("verb_dictionaries", "newsgraph_events", config.verb_dictionaries),
    ):
        if values:
            if name not in components or key not in components[name]:
                raise PipelineError(Errors.E403, path=where, detail=f"{key} need the '{name}' component with its '{key}' option")
            components[name][key] = [*components[name][key], *(str(p) for p in values)]
    if config.model:
        for section in components.values():
            if "source" in section:
                section["source"] = config.model
    return settings


def read_config(path: Path) -> Config:
    """A user's pipeline config file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PipelineError(Errors.E402, path=path, reason=getattr(exc, "strerror", None) or exc) from exc
    return parse_config(text, str(path))


def overlay(base: Config, user: Config) -> Config:
    """``user`` laid over ``base``: its values replace base's one by one, except that a
    component section setting ``factory`` or ``source`` replaces the base's section whole."""
    merged = copy.deepcopy(dict(base))
    for section, values in user.items():
        if section == "components":
            for name, options in values.items():
                if "factory" in options or "source" in options:
                    merged["components"][name] = copy.deepcopy(options)
                else:
                    merged["components"].setdefault(name, {}).update(copy.deepcopy(options))
        else:
            merged.setdefault(section, {}).update(copy.deepcopy(values))
    return Config(merged)


def build_pipeline(config: PipelineConfig | None = None) -> Language:
    """The spaCy pipeline described by the config, checked."""
    config = config or PipelineConfig()
    register_extensions()
    settings = pipeline_settings(config)
    where = _where(config)
    names, sections = _components(settings, where)
    nlp = _load_model(names, sections, where)
    for position, name in enumerate(names):
        if "factory" in sections[name]:
            _add_factory(nlp, name, sections[name], names[position + 1 :], where)
    for name in settings["nlp"].get("disabled", []):
        if name not in nlp.component_names:
            raise PipelineError(Errors.E403, path=where, detail=f"[nlp] disabled names '{name}', which is not in the pipeline")
        nlp.disable_pipe(name)
    check_pipeline(nlp, where)
    nlp.max_length = max(nlp.max_length, _MAX_LENGTH)
    return nlp


def check_pipeline(nlp: Language, where: str) -> None:
    """Raise when a component requires an attribute that no component before it assigns."""
    problems: dict[str, list[str]] = nlp.analyze_pipes()["problems"]  # type: ignore[index]
    for name in nlp.pipe_names:
        if problems.get(name):
            raise PipelineError(Errors.E409, path=where, name=name, attributes=", ".join(problems[name]))


def parse_config(text: str, where: str) -> Config:
    """A pipeline config from its text; a coded PipelineError naming ``where`` when it is malformed."""
    try:
        return Config().from_str(_with_parent_sections(text))
    except Exception as exc:  # configparser's and thinc's errors have no common base
        raise PipelineError(Errors.E403, path=where, detail=" ".join(str(exc).split())) from exc


def _with_parent_sections(text: str) -> str:
    """The text with the parent sections it leaves out declared first (a user may write
    ``[components.newsgraph_events]`` alone; spaCy's parser wants ``[components]`` too)."""
    sections = set(_SECTION.findall(text))
    parents = sorted({name.rsplit(".", i)[0] for name in sections for i in range(1, name.count(".") + 1)} - sections, key=len)
    return "".join(f"[{name}]\n" for name in parents) + "\n" + text


def _where(config: PipelineConfig) -> str:
    return str(config.config_file) if config.config_file is not None else PACKAGE_CONFIG


def _components(settings: Config, where: str) -> tuple[list[str], dict[str, dict[str, Any]]]:
    """The component names in order and their sections, checked for shape."""
    nlp_section = settings.get("nlp", {})
    unknown = set(nlp_section) - _NLP_KEYS
    if unknown:
        raise PipelineError(Errors.E403, path=where, detail=f"[nlp] takes only 'pipeline' and 'disabled', not {sorted(unknown)}")
    names = nlp_section.get("pipeline")
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise PipelineError(Errors.E403, path=where, detail="[nlp] pipeline must be a list of component names")
    sections: dict[str, dict[str, Any]] = {}
    for name in names:
        section = settings.get("components", {}).get(name)
        if not isinstance(section, dict) or not ({"factory", "source"} & set(section)):
            raise PipelineError(Errors.E404, path=where, name=name)
        if "source" in section and set(section) - _SOURCE_KEYS:
            detail = f"the model component '{name}' takes only 'source' and 'component', not {sorted(set(section) - _SOURCE_KEYS)}"
            raise PipelineError(Errors.E403, path=where, detail=detail)
        sections[name] = dict(section)
    return names, sections


def _load_model(names: list[str], sections: dict[str, dict[str, Any]], where: str) -> Language:
    """The model with the components the config takes from it, in its order, renamed as listed."""
    sourced = [(name, sections[name].get("component", name)) for name in names if "source" in sections[name]]
    models = sorted({str(sections[name]["source"]) for name, _ in sourced})
    if len(models) != 1:
        raise PipelineError(Errors.E405, path=where, models=", ".join(models) or "none")
    model = models[0]
    try:
        available = _model_components(model)
        wanted = [component for _, component in sourced]
        missing = [c for c in wanted if c not in available]
        if missing:
            raise PipelineError(Errors.E406, model=model, name=missing[0], available=", ".join(available))
        nlp = spacy.load(model, exclude=[c for c in available if c not in wanted])
    except OSError as exc:
        raise PipelineError(Errors.E401, model=model) from exc
    for component in wanted:
        if component in nlp.disabled:  # listed in the config: it runs (the model may ship it disabled)
            nlp.enable_pipe(component)
    if nlp.pipe_names != wanted:
        raise PipelineError(Errors.E407, path=where, names=", ".join(wanted))
    for name, component in sourced:
        if name != component:
            nlp.rename_pipe(component, name)
    return nlp


def _model_components(model: str) -> list[str]:
    """Every component a model has (enabled or not), read from its meta without loading it."""
    path = spacy.util.get_package_path(model) if spacy.util.is_package(model) else Path(model)
    meta = spacy.util.get_model_meta(path)
    return list(meta.get("components") or meta.get("pipeline") or [])


def _add_factory(nlp: Language, name: str, section: dict[str, Any], following: list[str], where: str) -> None:
    """Add a factory component before the first component listed after it that is there."""
    options = {key: value for key, value in section.items() if key != "factory"}
    before = next((n for n in following if n in nlp.component_names), None)
    try:
        nlp.add_pipe(str(section["factory"]), name=name, config=options, before=before)
    except (ValueError, TypeError) as exc:  # spaCy's unknown factory, thinc's config validation
        raise PipelineError(Errors.E408, name=name, path=where, detail=" ".join(str(exc).split())[:500]) from exc
