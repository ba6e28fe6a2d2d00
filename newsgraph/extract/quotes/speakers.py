"""Speakers: the words that name who speaks, resolved to an actor only through the actors
component's MentionIndex (``doc._.ng_mentions``) — never by coreference of our own."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsgraph.extract.mentions import MentionIndex
from newsgraph.model import Mention, Speaker


def resolve_speaker(doc: Doc, source: tuple[int, int] | None, heads: tuple[int, ...], index: MentionIndex | None) -> Speaker | None:
    """The speaker for the token range ``source``: its mention with offsets, and the actor the
    index gives for the first of ``heads`` it knows ("Lavrov", "he", "the minister"); the
    name is the actor's, else the mention's own words."""
    if source is None:
        return None
    span = doc[source[0] : source[1]]
    mention = Mention(start=span.start_char, end=span.end_char, text=span.text)
    if index is not None:
        for i in heads:
            found = index.at_token(i)
            if found is not None:
                actor = index.actor(found.actor_id)
                return Speaker(actor=found.actor_id, name=actor.name if actor else span.text, mention=mention)
        # A name closing a long phrase ("… expert at the Center Denis Moskalik").
        for found in reversed(index.within(source[0], source[1])):
            actor = index.actor(found.actor_id)
            if actor is not None and actor.type == "person" and found.token_end == source[1]:
                return Speaker(actor=found.actor_id, name=actor.name, mention=mention)
    return Speaker(actor=None, name=span.text, mention=mention)


def names_someone(token: Token) -> bool:
    """A subject that can be a speaker: a name or a personal pronoun, not "it" or "this"."""
    if token.pos_ == "PROPN":
        return True
    return token.pos_ == "PRON" and token.lower_ in ("he", "she", "they")


def same_speaker(doc: Doc, source: tuple[int, int] | None, speaker: Speaker | None) -> bool:
    """Whether a cue's source is the very mention an attribution's speaker has."""
    if speaker is None or speaker.mention is None or source is None:
        return False
    span = doc[source[0] : source[1]]
    return (span.start_char, span.end_char) == (speaker.mention.start, speaker.mention.end)
