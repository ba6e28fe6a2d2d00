"""Counting helpers shared by the evaluations: precision/recall/F1 and span matching."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

Span = tuple[int, int]


@dataclass
class PRF:
    """True positives, false positives and false negatives, with the derived scores."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: PRF) -> PRF:
        return PRF(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def as_dict(self) -> dict[str, float | int]:
        """Counts and scores rounded for reports."""
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class Accuracy:
    """Correct out of total."""

    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def add(self, ok: bool) -> None:
        self.correct += int(ok)
        self.total += 1


def exact_match(predicted: Span, gold: Span) -> bool:
    """Same start and end."""
    return predicted == gold


def overlap_match(predicted: Span, gold: Span, threshold: float = 0.5) -> bool:
    """At least ``threshold`` of the gold span's characters are covered by the prediction
    (and the prediction is not more than twice the gold span's length beyond it)."""
    overlap = min(predicted[1], gold[1]) - max(predicted[0], gold[0])
    gold_len = gold[1] - gold[0]
    if overlap <= 0 or gold_len <= 0:
        return False
    pred_len = predicted[1] - predicted[0]
    return overlap / gold_len >= threshold and overlap / pred_len >= threshold / 2


def match_spans(predicted: Sequence[Span], gold: Sequence[Span], same: Callable[[Span, Span], bool]) -> PRF:
    """Greedy one-to-one matching of predicted to gold spans (each used once)."""
    used: set[int] = set()
    tp = 0
    for p in predicted:
        for i, g in enumerate(gold):
            if i not in used and same(p, g):
                used.add(i)
                tp += 1
                break
    return PRF(tp=tp, fp=len(predicted) - tp, fn=len(gold) - tp)
