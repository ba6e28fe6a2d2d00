"""The hostile shapes of issue 17, each ingested by a fresh ``newsgraph`` process: wall time,
peak memory (the process and its workers) and the outcome line, against the goal — no article
costs more than 2× its words at normal speed (start-up aside) or more than 1.5 GB; beyond
what can be analysed well, one line naming the file and the limit.

    python bench/hostile_shapes.py [--only NAME ...]      # or: python bench/fuzz_ingest.py --shapes

Normal speed is measured in the same run (varied wire articles, one worker). Prints a table
and writes ``bench/results/hostile_shapes.json``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.support.varied import iter_varied

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
GOAL_BYTES = 1.5e9
SENTENCE = "Russian forces shelled the outskirts of Kharkiv on Monday, regional officials said."

# Runs a command as a child and reports its wall time and peak RSS (the largest of its
# process tree's members that have ended, which is all of them once it returns).
_MEASURE = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True, errors="replace")
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
lines = (done.stderr.strip() or done.stdout.strip()).splitlines()
print(json.dumps({"seconds": time.perf_counter() - started, "peak": peak, "code": done.returncode, "lines": lines[-3:]}))
"""


def measure(command: list[str]) -> dict[str, object]:
    """Wall seconds, peak bytes, exit code and last lines of one command."""
    out = subprocess.run([sys.executable, "-c", _MEASURE, *command], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def ingest(paths: list[Path], db: Path) -> list[str]:
    """The ingest command line, one worker."""
    return [sys.executable, "-m", "newsgraph", "ingest", *map(str, paths), "--db", str(db), "--workers", "1", "--published", "2024-05-06"]


def _html(body: str) -> str:
    return f"<html><head><title>Report</title></head><body><article>{body}</article></body></html>"


def _jsonl(records: list[dict[str, str]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def _good_lines(n: int) -> list[dict[str, str]]:
    return [{"id": f"good-{i}", "text": f"{SENTENCE} Report {i} of the day.", "published": "2024-05-06"} for i in range(n)]


# name → (file name, its content as text or bytes)
FILES: dict[str, Callable[[], tuple[str, str | bytes]]] = {
    "html of a million <p>a.</p> (9 MB)": lambda: ("million.html", _html("<p>a.</p>" * 1_000_000)),
    "html of 50,000 paragraphs": lambda: ("paragraphs.html", _html("".join(f"<p>{SENTENCE} ({i})</p>" for i in range(50_000)))),
    "one sentence of 50,000 words": lambda: ("sentence.txt", "word " * 50_000),
    '980 KB of "x" "x" …': lambda: ("quotes980.txt", '"x" ' * 245_000),
    '200 KB of "x" "x" …': lambda: ("quotes200.txt", '"x" ' * 50_000),
    '"x" "x" … just under the limit (13,000)': lambda: ("quotes13k.txt", '"x" ' * 13_000),
    "one sentence just under the limit (39,000 words)": lambda: ("words39k.txt", "word " * 39_000),
    "a lone surrogate among 100 good lines": lambda: (
        "surrogate.jsonl",
        _jsonl(_good_lines(50)) + '{"text": "Talks \\ud800 resumed in Vienna on Monday."}\n' + _jsonl(_good_lines(100)[50:]),
    ),
    "a NUL byte in the first 8 KB of JSON Lines": lambda: (
        "nul.jsonl",
        _jsonl(_good_lines(1)).encode() + b'{"text": "Talks\x00 resumed."}\n' + _jsonl(_good_lines(3)[1:]).encode(),
    ),
    "UTF-16 without BOM": lambda: ("utf16.txt", (SENTENCE + " " + SENTENCE).encode("utf-16-le")),
}


def _prose(tokens: int) -> str:
    """Varied wire prose of about ``tokens`` words and punctuation marks."""
    paragraphs: list[str] = []
    count = 0
    for record in iter_varied(3):
        for paragraph in record["text"].split("\n\n"):
            paragraphs.append(paragraph)
            count += len(paragraph.split()) * 6 // 5
            if count >= tokens:
                return "\n\n".join(paragraphs)
    raise AssertionError("unreachable")


def normal_speed(folder: Path) -> tuple[float, float]:
    """Seconds of start-up (one short article) and words per second after it (one worker)."""
    (folder / "short.txt").write_text(SENTENCE)
    startup = float(measure(ingest([folder / "short.txt"], folder / "startup.duckdb"))["seconds"])  # type: ignore[arg-type]
    records = list(itertools.islice(iter_varied(5), 120))
    (folder / "normal.jsonl").write_text(_jsonl(records))
    words = sum(len(r["text"].split()) for r in records)
    seconds = float(measure(ingest([folder / "normal.jsonl"], folder / "normal.duckdb"))["seconds"])  # type: ignore[arg-type]
    return startup, words / max(seconds - startup, 0.1)


def _row(name: str, result: dict[str, object], words: int, startup: float, speed: float) -> dict[str, object]:
    allowed = startup + 2 * words / speed
    seconds, peak = float(result["seconds"]), float(result["peak"])  # type: ignore[arg-type]
    lines = [str(line) for line in result["lines"]]  # type: ignore[attr-defined]
    return {
        "shape": name,
        "words": words,
        "seconds": round(seconds, 1),
        "allowed_seconds": round(allowed, 1),
        "peak_mb": round(peak / 1e6),
        "met": seconds <= allowed and peak <= GOAL_BYTES,
        "outcome": next((line for line in lines if "[E" in line), lines[-1] if lines else ""),
    }


def run_shapes(folder: Path, only: Sequence[str] = ()) -> list[dict[str, object]]:
    """Every shape, measured; ``only`` restricts them to names containing one of its words."""
    startup, speed = normal_speed(folder)
    print(f"normal speed: {speed:,.0f} words/s after {startup:.1f} s of start-up", flush=True)
    rows: list[dict[str, object]] = []

    def wanted(name: str) -> bool:
        return not only or any(word in name for word in only)

    def record(name: str, result: dict[str, object], words: int) -> None:
        rows.append(_row(name, result, words, startup, speed))
        print(json.dumps(rows[-1], ensure_ascii=False), flush=True)

    files = {**FILES, "prose just under the limit": lambda: ("prose.txt", _prose(38_000))}
    for n, (name, build) in enumerate(files.items()):
        if not wanted(name):
            continue
        file_name, content = build()
        path = folder / file_name
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass"))
        words = len(re.sub(rb"<[^>]*>", b" ", path.read_bytes()).split())
        record(name, measure(ingest([path], folder / f"shape{n}.duckdb")), words)
    if wanted("named pipe"):
        fifo = folder / "pipe.txt"
        os.mkfifo(fifo)
        threading.Thread(target=lambda: fifo.write_text(SENTENCE + " " + SENTENCE), daemon=True).start()
        record("a named pipe named .txt", measure(ingest([fifo], folder / "fifo.duckdb")), 26)
    if wanted("/dev/zero"):
        (folder / "zero.txt").symlink_to("/dev/zero")
        record("/dev/zero named .txt", measure(ingest([folder / "zero.txt"], folder / "zero.duckdb")), 0)
    if wanted("analyze"):
        code = "import newsgraph\ntry:\n    newsgraph.analyze('word ' * 199_999)\nexcept Exception as exc:\n    print(exc)"
        record('analyze("word " * 199_999)', measure([sys.executable, "-c", code]), 199_999)
    if wanted("same event"):
        rows.extend(_same_event(folder, startup, speed))
    return rows


def _same_event(folder: Path, startup: float, speed: float) -> list[dict[str, object]]:
    """6,000 reports of one event, then two more, then the same command again."""
    db = folder / "same.duckdb"
    reports = [{"id": f"r{i}", "text": f"{SENTENCE} It was report {i} of the attack.", "published": "2024-05-06"} for i in range(6_000)]
    (folder / "same.jsonl").write_text(_jsonl(reports))
    (folder / "two.jsonl").write_text(_jsonl([{**r, "id": f"t{r['id']}", "text": r["text"] + " More followed."} for r in reports[:2]]))
    rows = []
    for name, path in (("6,000 reports of one event", "same.jsonl"), ("then 2 more", "two.jsonl"), ("then the same again", "two.jsonl")):
        started = time.perf_counter()
        result = measure(ingest([folder / path], db))
        words = len((folder / path).read_text().split())
        rows.append(_row(name, result, words, startup, speed))
        print(json.dumps(rows[-1]), f"({time.perf_counter() - started:.0f} s)", flush=True)
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", nargs="*", default=[], help="Only the shapes whose name contains one of these words.")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="newsgraph-shapes-") as tmp:
        rows = run_shapes(Path(tmp), args.only)
    print("\n| shape | words | seconds | allowed | peak MB | met | outcome |\n|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['shape']} | {r['words']:,} | {r['seconds']} | {r['allowed_seconds']} | {r['peak_mb']} | {r['met']} | {r['outcome']} |")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "hostile_shapes.json").write_text(json.dumps(rows, indent=2, ensure_ascii=False))
    return 0 if all(r["met"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
