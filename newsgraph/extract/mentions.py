"""Which tokens refer to which actor: the index that quotes and events use to resolve
speakers, sources and targets without knowing how actors were resolved."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from newsgraph.model import Actor


@dataclass(frozen=True)
class ActorMention:
    """One reference to an actor: character and token offsets, and how it refers.

    ``kind`` is "name" (a proper name or part of it), "title" (a definite description such as
    "the minister"), "pronoun", "demonym" ("Russian") or "metonym" ("the Kremlin").
    """

    actor_id: str
    start: int
    end: int
    token_start: int
    token_end: int
    kind: str = "name"


class MentionIndex:
    """Look up actor mentions by token position or character range."""

    def __init__(self, actors: list[Actor], mentions: list[ActorMention]) -> None:
        self.actors = {actor.id: actor for actor in actors}
        self.mentions = sorted(mentions, key=lambda m: (m.token_start, m.token_end))
        self._starts = [m.token_start for m in self.mentions]
        self._by_token: dict[int, ActorMention] = {}
        for mention in self.mentions:
            for i in range(mention.token_start, mention.token_end):
                self._by_token.setdefault(i, mention)

    def actor(self, actor_id: str) -> Actor | None:
        """The actor with this id, if it is in the article."""
        return self.actors.get(actor_id)

    def at_token(self, i: int) -> ActorMention | None:
        """The mention covering token ``i``."""
        return self._by_token.get(i)

    def within(self, token_start: int, token_end: int) -> list[ActorMention]:
        """Mentions lying entirely inside tokens ``[token_start, token_end)``, in order."""
        first = bisect_right(self._starts, token_start - 1)
        found = []
        for mention in self.mentions[first:]:
            if mention.token_start >= token_end:
                break
            if mention.token_end <= token_end:
                found.append(mention)
        return found
