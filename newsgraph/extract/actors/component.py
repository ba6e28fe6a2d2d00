"""Actors: every mention resolved to a canonical, coded actor.

The ``newsgraph_actors`` component reads the Doc (entities, parse) and the article's
publication date, and writes two attributes — THE CONTRACT that quotes and events rely on:

``doc._.ng_actors: list[Actor]``
    One Actor per person, country, IGO, organisation or coded group in the article, in order
    of first mention: ``id`` (stable across the store, see ``ids.py``), ``name``, ``type``,
    CAMEO ``code`` on the article's date (``RUSGOV``, ``IGOEUREEC``, ``DEUELI``), ``country``
    (ISO3), ``sector``, ``roles`` (titles from the dictionary and the article) and every
    mention with character offsets — names, titles/descriptions, pronouns, demonyms, metonyms.

``doc._.ng_mentions: MentionIndex``
    Every resolved reference as an ``ActorMention`` with token offsets and a ``kind``:

    - ``"name"``: "Sergei Lavrov", "Lavrov", a misspelling "Borrel", "Russia", "NATO";
    - ``"title"``: "Russian Foreign Minister" (before a name), an apposition ("High
      Representative of the European Union"), a definite description standing alone ("the
      top Russian diplomat", "the minister", "Russian Foreign Minister noted"), or a coded
      group description ("the Russian authorities" → ``group:RUSGOV``);
    - ``"pronoun"``: he/him/his/himself, she/her/hers/herself → the most recent compatible person;
    - ``"demonym"``: a plural people name used as an actor ("the Americans" → ``country:USA``);
    - ``"metonym"``: a capital or seat used for a government ("Moscow said", "the Kremlin" →
      ``group:RUSGOV``; "Brussels" → ``igo:IGOEUREEC``), not when it is a place ("in Moscow").

    No two mentions share a token. Consumers call ``index.at_token(i)`` and
    ``index.within(start, end)``; ``index.actor(id)`` gives the Actor.

Resolution (``linker.py``) uses the shipped dictionary (``newsgraph/data/actors/``, loaded by
``dictionary.py``) plus user files (``PipelineConfig.actor_files``, CLI ``--actors``: YAML,
CSV or PETRARCH format). Within an article ``coreference`` groups names, descriptions and
pronouns; ``coding.py`` codes people by the office they held on the publication date.
When the article has no date, the latest year it mentions stands in for it (dictionary
office-holders are then not guessed from descriptions alone).
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.data.compiled import content_stamp
from newsgraph.extract.actors.dictionary import ActorDictionary
from newsgraph.extract.actors.files import build_dictionary
from newsgraph.extract.actors.ids import actor_id, slugify
from newsgraph.extract.actors.linker import ActorLinker
from newsgraph.extract.mentions import MentionIndex

__all__ = ["ActorFinder", "actor_id", "make_actors", "slugify"]


@Language.factory(
    "newsgraph_actors",
    assigns=["doc._.ng_actors", "doc._.ng_mentions"],
    requires=[
        "doc.ents",
        "doc.sents",
        "token.ent_iob",
        "token.ent_type",
        "token.tag",
        "token.pos",
        "token.dep",
        "token.head",
        "token.is_sent_start",
        "doc._.ng_places",
    ],
    default_config={"actor_files": []},
)
def make_actors(nlp: Language, name: str, actor_files: list[str]) -> ActorFinder:
    """spaCy factory for the actor finder; ``actor_files`` adds user dictionaries."""
    files = tuple(Path(p) for p in actor_files)
    return ActorFinder(nlp, build_dictionary(files), tuple(content_stamp(p) for p in files))


class ActorFinder:
    """Component: sets ``doc._.ng_actors`` and ``doc._.ng_mentions``."""

    def __init__(self, nlp: Language, dictionary: ActorDictionary, cache_inputs: tuple[str, ...] | None = None) -> None:
        self.linker = ActorLinker(nlp, dictionary, cache_inputs)

    def __call__(self, doc: Doc) -> Doc:
        actors, mentions = self.linker(doc)
        doc._.ng_actors = actors
        doc._.ng_mentions = MentionIndex(actors, mentions)
        return doc
