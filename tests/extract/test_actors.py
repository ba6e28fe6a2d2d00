"""The baseline actor component: well-formed actors with offsets, and the MentionIndex seam."""

from __future__ import annotations

from newsgraph.config import ReadOptions
from newsgraph.extract.actors import actor_id, slugify
from newsgraph.ingest.prepare import prepare_article
from newsgraph.model import Article, InputRef, RawArticle

TEXT = (
    "Estonian Prime Minister Kaja Kallas met Finnish President Alexander Stubb in Helsinki on Tuesday. "
    "Kallas said Estonia and Finland would coordinate their response to Russia's jamming of GPS signals."
)


def _analyse(analyzer, text: str):
    article = prepare_article(RawArticle(text=text, input=InputRef(path="a.txt"), format="txt"), ReadOptions(published="2024-05-07"))
    assert isinstance(article, Article)
    return article, analyzer.analyze(article)


def test_ids_are_stable_slugs() -> None:
    assert slugify("Radosław Sikorski") == "radoslaw-sikorski"
    assert actor_id("person", "Sergey Lavrov") == "person:sergey-lavrov"
    assert actor_id("country", "RUS") == "country:RUS"


def test_surname_joins_the_full_name_and_countries_are_coded(analyzer) -> None:
    article, analysed = _analyse(analyzer, TEXT)
    by_id = {a.id: a for a in analysed.actors}
    kallas = by_id["person:kaja-kallas"]
    assert [m.text for m in kallas.mentions] == ["Estonian Prime Minister", "Kaja Kallas", "Kallas"]
    assert kallas.code == "ESTGOV"
    assert by_id["country:EST"].code == "EST"
    assert by_id["country:RUS"].country == "RUS"
    for actor in analysed.actors:
        for m in actor.mentions:
            assert article.text[m.start : m.end] == m.text


def test_mention_index_finds_actor_by_token(analyzer) -> None:
    doc = analyzer.nlp(analyzer.nlp.make_doc(TEXT))
    index = doc._.ng_mentions
    kallas_token = [t for t in doc if t.text == "Kallas"][-1]
    mention = index.at_token(kallas_token.i)
    assert mention is not None and mention.actor_id == "person:kaja-kallas"
    assert index.actor("person:kaja-kallas").name == "Kaja Kallas"
    sentence = list(doc.sents)[1]
    assert {m.actor_id for m in index.within(sentence.start, sentence.end)} >= {"person:kaja-kallas", "country:EST"}
