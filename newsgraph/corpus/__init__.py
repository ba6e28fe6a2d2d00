"""Cross-article work on the store: where each article was seen (exact copies), republished
copies and near-duplicates, merged events, and the read-side analyses built on them
(outlet comparison, timelines, tone toward actors).

:func:`update` brings the derived tables up to date after an ingest, incrementally: only
new articles are shingled (their LSH bands compared with the stored signatures as arrays),
and only the groups of events holding a new event are merged again, from that event's date on.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsgraph.corpus.sources import Sighting, SourceLog, backfill_sources, record_sources
from newsgraph.store.db import Store

if TYPE_CHECKING:
    from newsgraph.corpus.copies import CopyConfig, CopyReport
    from newsgraph.corpus.event_clusters import ClusterConfig

__all__ = ["CorpusReport", "Sighting", "SourceLog", "update"]


@dataclass
class CorpusReport:
    """What :func:`update` found."""

    copies: CopyReport
    event_clusters: int


def update(
    store: Store,
    sightings: Iterable[Sighting] = (),
    copy_config: CopyConfig | None = None,
    cluster_config: ClusterConfig | None = None,
) -> CorpusReport:
    """Record where articles were seen, then find copies and merge events across articles."""
    # Imported here so that starting an ingest does not wait for datasketch to load.
    from newsgraph.corpus.copies import update_copies
    from newsgraph.corpus.event_clusters import update_event_clusters

    record_sources(store, sightings)
    backfill_sources(store)
    copies = update_copies(store, copy_config)
    clusters = update_event_clusters(store, cluster_config)
    return CorpusReport(copies, clusters)
