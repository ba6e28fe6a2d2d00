"""``newsgraph check`` for the cross-article tables: every analysed article has a copy
signature, the copy links are what the confirmed pairs imply, every event is in exactly one
event cluster and every cluster's counts are those of its members. ``repair`` finishes the
cross-article stage and rebuilds what disagrees, saying what it did.

A run killed in the middle of the cross-article stage leaves work that the next ingest (or
``--repair``) finishes; what these checks find beyond that is damage.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from newsgraph.corpus.copies import CopyConfig, link_copies, wanted_links
from newsgraph.corpus.event_clusters import ClusterConfig
from newsgraph.store.db import Store

# The rows each kind of problem concerns (FROM … WHERE …).
_UNSIGNED = "FROM articles a WHERE a.status = 'analysed' AND NOT EXISTS (SELECT 1 FROM minhashes m WHERE m.article_id = a.id)"
_UNCLUSTERED = "FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_cluster_members m WHERE m.event_id = e.id)"
_EMPTY_CLUSTERS = "FROM event_clusters c WHERE NOT EXISTS (SELECT 1 FROM event_cluster_members m WHERE m.cluster_id = c.id)"
# Clusters whose stored counts or copy marks disagree with their members and the copy links.
_STALE_CLUSTERS = """
    FROM event_clusters c WHERE c.id IN (
        SELECT m.cluster_id FROM event_cluster_members m LEFT JOIN copies cp ON cp.copy_id = m.article_id
        WHERE m.copy_of IS DISTINCT FROM cp.original_id)
    OR c.mentions IS DISTINCT FROM (SELECT count(*) FROM event_cluster_members m WHERE m.cluster_id = c.id AND m.counted)"""


@dataclass
class CorpusProblems:
    """What ``check_corpus`` found: counts by kind, and one line per kind."""

    unsigned: int = 0
    unclustered: int = 0
    empty_clusters: int = 0
    stale_clusters: int = 0
    missing_links: int = 0
    wrong_links: int = 0

    def lines(self) -> Iterator[str]:
        """One line per kind of problem, saying what to do."""
        fix = "run 'newsgraph check --repair' (or the same ingest again)"
        if self.unsigned:
            yield f"{self.unsigned} analysed article(s) have no copy signature (the copy stage did not finish); {fix}"
        if self.missing_links or self.wrong_links:
            yield f"copy links disagree with the confirmed pairs: {self.missing_links} missing, {self.wrong_links} wrong or extra; {fix}"
        if self.unclustered:
            yield f"{self.unclustered} event(s) are in no event cluster (the cluster stage did not finish); {fix}"
        if self.empty_clusters:
            yield f"{self.empty_clusters} event cluster(s) have no member; {fix}"
        if self.stale_clusters:
            yield f"{self.stale_clusters} event cluster(s) disagree with their members or the copy links; {fix}"


def _count(store: Store, where: str) -> int:
    return int(store.query(f"SELECT count(*) AS n {where}").column("n")[0].as_py())


def check_corpus(store: Store) -> CorpusProblems:
    """Check the cross-article tables against the articles and events."""
    wanted = wanted_links(store)
    stored = {r["copy_id"]: r["original_id"] for r in store.query("SELECT copy_id, original_id FROM copies").to_pylist()}
    return CorpusProblems(
        unsigned=_count(store, _UNSIGNED),
        unclustered=_count(store, _UNCLUSTERED),
        empty_clusters=_count(store, _EMPTY_CLUSTERS),
        stale_clusters=_count(store, _STALE_CLUSTERS),
        missing_links=sum(1 for c in wanted if c not in stored),
        wrong_links=sum(1 for c, o in stored.items() if wanted.get(c) != o),
    )


@dataclass
class Repair:
    """What ``repair`` did."""

    signed: int
    relinked: int
    clusters_dropped: int
    events_clustered: int

    def summary(self) -> str:
        """One line."""
        return (
            f"repaired: {self.signed} article(s) signed, {self.relinked} copy link(s) changed, "
            f"{self.clusters_dropped} event cluster(s) dropped, {self.events_clustered} event(s) clustered again"
        )


def repair_corpus(store: Store, copy_config: CopyConfig | None = None, cluster_config: ClusterConfig | None = None) -> Repair:
    """Finish the cross-article stage and rebuild what disagrees with the articles."""
    from newsgraph.corpus import update

    config = copy_config or CopyConfig()
    _, relinked = link_copies(store, config)
    bad = store.query(f"SELECT c.id {_EMPTY_CLUSTERS} UNION SELECT c.id {_STALE_CLUSTERS}").column("id").to_pylist()
    if bad:
        store.update_tables(delete={"event_cluster_members": ("cluster_id", bad), "event_clusters": ("id", bad)})
    events = _count(store, _UNCLUSTERED)
    report = update(store, copy_config=config, cluster_config=cluster_config)
    return Repair(report.copies.signed, relinked + report.copies.relinked, len(bad), events)
