"""Sample the resident memory of a process and all its descendants while it runs."""

from __future__ import annotations

import threading
import time

import psutil


class RssSampler:
    """Records each process's peak RSS (and a time series of totals) every ``interval`` s."""

    def __init__(self, pid: int, interval: float = 0.25) -> None:
        self.root = psutil.Process(pid)
        self.interval = interval
        self.peak: dict[int, int] = {}
        self.series: list[tuple[float, dict[int, int]]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._started = time.monotonic()

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            snapshot: dict[int, int] = {}
            try:
                processes = [self.root, *self.root.children(recursive=True)]
            except psutil.Error:
                return
            for process in processes:
                try:
                    snapshot[process.pid] = process.memory_info().rss
                except psutil.Error:
                    continue
            for pid, rss in snapshot.items():
                self.peak[pid] = max(self.peak.get(pid, 0), rss)
            self.series.append((time.monotonic() - self._started, snapshot))
            self._stop.wait(self.interval)


def mb(value: float) -> float:
    """Bytes → MB, rounded."""
    return round(value / 1e6, 1)
