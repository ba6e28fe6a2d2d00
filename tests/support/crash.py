"""Kill an ingest and run it again: start ``newsgraph ingest`` in a session of its own, kill
its whole process group with SIGKILL (as a power cut would), run it to its end, and compare
what the store (or the Dask engine's Parquet dataset) holds with an uninterrupted run's.
Used by the crash tests (``tests/run/test_resume.py``), the concurrency tests and
``bench/crash_resume.py``.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.corpus.integrity import check_corpus
from newsgraph.store import Store
from newsgraph.store.attach import attach
from newsgraph.store.check import check_store
from newsgraph.store.schema import TABLES
from tests.support.digest import table_digests
from tests.support.varied import iter_varied


def write_corpus(path: Path, articles: int, seed: int = 11) -> int:
    """A JSON Lines corpus of distinct, realistic articles (recombined example paragraphs,
    places, numbers and weekdays varied: ``tests/support/varied.py``)."""
    with path.open("w", encoding="utf-8") as out:
        for record in itertools.islice(iter_varied(seed), articles):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return articles


def write_edited_copies(source: Path, path: Path, copies: int, seed: int = 5) -> int:
    """Republished versions of the first ``copies`` articles of ``source``, as other outlets
    print them a day later: a paragraph cut, a sentence or an author's bio added, retitled
    (so the cross-article stage has copies to link and events to merge)."""
    rng = random.Random(seed)
    records = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines()[:copies]]
    with path.open("w", encoding="utf-8") as out:
        for n, record in enumerate(records):
            paragraphs = record["text"].split("\n\n")
            if len(paragraphs) > 3 and rng.random() < 0.5:
                del paragraphs[rng.randrange(1, len(paragraphs))]
            paragraphs.append(rng.choice(EDITS))
            day = int(record["published"][-2:]) + 1
            edited = {
                "id": f"{record['id']}-copy{n}",
                "text": "\n\n".join(paragraphs),
                "outlet": rng.choice(("Danube Digest", "Regional Feed", "Harbour Times")),
                "published": f"{record['published'][:-2]}{day:02d}",
                "title": f"Update {n}",
            }
            out.write(json.dumps(edited, ensure_ascii=False) + "\n")
    return len(records)


EDITS = (
    "This report was updated with reaction from the region.",
    "Our correspondent contributed reporting from the capital.",
    "The author covers diplomacy and security for the paper.",
)


def ingest_command(engine: str, corpus: Path, target: Path, workers: int) -> list[str]:
    """The ``newsgraph ingest`` command line for one engine."""
    base = [sys.executable, "-m", "newsgraph", "ingest", str(corpus), "--workers", str(workers), "--batch-size", "8"]
    if engine == "dask":
        return [*base, "--engine", "dask", "--scheduler", "local", "--out", str(target), "--partition-mb", "0.05"]
    return [*base, "--db", str(target)]


def start_ingest(command: list[str]) -> subprocess.Popen[bytes]:
    # A session of its own, so that the ingest and everything it started die together.
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)


def kill_group(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:  # the group's other processes take a moment to go
        try:
            os.killpg(process.pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)


def run_to_end(command: list[str], timeout: float = 1800) -> float:
    """Run an ingest to its end; its wall time. Raise if it fails."""
    started = time.perf_counter()
    process = start_ingest(command)
    try:
        _, err = process.communicate(timeout=timeout)
    finally:
        kill_group(process)
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {process.returncode}: {err.decode(errors='replace')[-2000:]}")
    return time.perf_counter() - started


def run_and_kill(command: list[str], after: float) -> bool:
    """Start an ingest and SIGKILL its process group after ``after`` seconds; whether it was
    still running when killed."""
    process = start_ingest(command)
    try:
        process.wait(timeout=after)
        return False
    except subprocess.TimeoutExpired:
        return True
    finally:
        kill_group(process)


@dataclass
class Snapshot:
    """What a finished store holds: article ids, rows and a digest per table, check problems."""

    ids: list[str]
    counts: dict[str, int]
    problems: list[str]
    digests: dict[str, str] = field(default_factory=dict)


def snapshot(engine: str, target: Path) -> Snapshot:
    """Read a store (or attach a dataset) and check it, cross-article tables included."""
    db = target
    if engine == "dask":
        db = target.with_suffix(".attached.duckdb")
        db.unlink(missing_ok=True)
        attach(target, db)
    with Store.open(db, read_only=True) as store:
        report = check_store(store)
        if engine == "local" and report.ok:
            report.problems.extend(check_corpus(store).lines())
        ids = sorted(row[0] for row in store.con.execute("SELECT id FROM articles").fetchall())
        counts = {t: int(store.con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]) for t in TABLES}
    return Snapshot(ids, counts, report.problems, table_digests(db))


def differences(expected: Snapshot, got: Snapshot) -> list[str]:
    """Every way ``got`` differs from ``expected``."""
    found = [f"check: {p}" for p in got.problems]
    if got.ids != expected.ids:
        found.append(f"article ids differ: {len(set(expected.ids) - set(got.ids))} missing, {len(set(got.ids) - set(expected.ids))} extra")
    if len(set(got.ids)) != len(got.ids):
        found.append(f"{len(got.ids) - len(set(got.ids))} duplicate article ids")
    found.extend(
        f"{t}: {expected.counts[t]} rows expected, {got.counts.get(t)} found"
        for t in expected.counts
        if got.counts.get(t) != expected.counts[t]
    )
    found.extend(
        f"{t}: {expected.counts[t]} rows as expected, but other contents"
        for t in expected.digests
        if got.counts.get(t) == expected.counts[t] and got.digests.get(t) != expected.digests[t]
    )
    return found


def kill_in_stage(command: list[str], stage: str, timeout: float = 900) -> int:
    """Run a ``newsgraph`` command line in a child that SIGKILLs its whole process group when
    ``stage`` of the cross-article stage begins: ``copies`` (its signatures and pairs stored,
    before the copy links) or ``clusters`` (the copy links stored, before the event
    clusters). Returns the exit code (-9 when it died there)."""
    module, function = CROSS_ARTICLE_STAGES[stage]
    hook = (
        "import importlib, os, runpy, signal, sys\n"
        f"module = importlib.import_module({module!r})\n"
        f"setattr(module, {function!r}, lambda *a, **k: os.killpg(os.getpgrp(), signal.SIGKILL))\n"
        "sys.argv = ['newsgraph', *sys.argv[1:]]\n"
        "runpy.run_module('newsgraph', run_name='__main__')\n"
    )
    args = command[command.index("-m") + 2 :] if "-m" in command else command
    done = subprocess.run([sys.executable, "-c", hook, *args], capture_output=True, timeout=timeout, start_new_session=True)
    return done.returncode


CROSS_ARTICLE_STAGES = {
    "copies": ("newsgraph.corpus.copies", "link_copies"),
    "clusters": ("newsgraph.corpus.event_clusters", "update_event_clusters"),
}
