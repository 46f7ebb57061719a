"""Scores of the classifier on a labelled corpus of real documents (docs/labelling.md)."""

from __future__ import annotations

import tomllib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .classify import DocumentFacts, classify_document

MENTORSHIP_EXCLUDED = frozenset({"not_mentorship"})


@dataclass(frozen=True)
class Outcome:
    """One document's labels beside what the classifier read."""

    name: str
    label: dict
    facts: DocumentFacts


@dataclass(frozen=True)
class Scores:
    """The figures of one split; `confusions` lists (label, predicted, count), worst first."""

    documents: int
    kind_macro_f1: float
    kind_accuracy: float
    audience_accuracy: float
    date_accuracy: float
    number_accuracy: float
    issuer_accuracy: float
    lookalike_fp_rate: float
    per_kind_f1: dict[str, float] = field(default_factory=dict)
    confusions: tuple[tuple[str, str, int], ...] = ()

    def figures(self) -> dict[str, float | int]:
        """The headline figures, rounded, without per-document detail."""
        return {
            "documents": self.documents,
            "kind_macro_f1": round(self.kind_macro_f1, 3),
            "kind_accuracy": round(self.kind_accuracy, 3),
            "audience_accuracy": round(self.audience_accuracy, 3),
            "date_accuracy": round(self.date_accuracy, 3),
            "number_accuracy": round(self.number_accuracy, 3),
            "issuer_accuracy": round(self.issuer_accuracy, 3),
            "lookalike_fp_rate": round(self.lookalike_fp_rate, 3),
        }


def load_split(directory: Path) -> dict[str, dict]:
    """Labels of a split by document name (the `.txt` stem)."""
    with (directory / "labels.toml").open("rb") as handle:
        return tomllib.load(handle)


def classify_split(
    directory: Path, classify: Callable[[str], DocumentFacts] | None = None
) -> list[Outcome]:
    """Every text of a split read as a bare `.txt`: no link title, no address."""
    read = classify or (lambda text: classify_document(text))
    outcomes = []
    for name, label in sorted(load_split(directory).items()):
        text = (directory / f"{name}.txt").read_text(encoding="utf-8")
        outcomes.append(Outcome(name, label, read(text)))
    return outcomes


def score(outcomes: list[Outcome]) -> Scores:
    """Kind macro-F1 over every kind labelled or predicted, and the field accuracies."""
    pairs = [(o.label["kind"], o.facts.kind) for o in outcomes]
    kinds = sorted({kind for pair in pairs for kind in pair})
    per_kind = {kind: _f1(pairs, kind) for kind in kinds}
    mentorship = [o for o in outcomes if o.label["kind"] not in MENTORSHIP_EXCLUDED]
    lookalikes = [o for o in outcomes if o.label.get("lookalike")]
    confusions = Counter((truth, guess) for truth, guess in pairs if truth != guess)
    return Scores(
        documents=len(outcomes),
        kind_macro_f1=sum(per_kind.values()) / max(len(per_kind), 1),
        kind_accuracy=_share(truth == guess for truth, guess in pairs),
        audience_accuracy=_share(
            o.facts.audience == o.label.get("audience", "unknown") for o in mentorship
        ),
        date_accuracy=_field_accuracy(outcomes, "date", _date_text),
        number_accuracy=_field_accuracy(outcomes, "number", _number_text),
        issuer_accuracy=_share(
            getattr(o.facts, "issuer", "unknown") == o.label.get("issuer", "unknown")
            for o in outcomes
        ),
        lookalike_fp_rate=_share(o.facts.kind not in MENTORSHIP_EXCLUDED for o in lookalikes),
        per_kind_f1=per_kind,
        confusions=tuple((t, g, n) for (t, g), n in confusions.most_common()),
    )


def normalised_number(value: str | None) -> str | None:
    """A number compared without case, spaces or the dash variants OCR and typists mix."""
    if not value:
        return None
    text = "".join(str(value).lower().split())
    return text.replace("–", "-").replace("—", "-").lstrip("№").rstrip(".")


def _date_text(facts: DocumentFacts) -> str | None:
    return facts.date.isoformat() if facts.date else None


def _number_text(facts: DocumentFacts) -> str | None:
    return normalised_number(facts.number)


def _field_accuracy(outcomes: list[Outcome], name: str, read: Callable) -> float:
    """Right over documents labelled with the field, plus those where one was invented."""
    counted = right = 0
    for outcome in outcomes:
        truth = outcome.label.get(name)
        guess = read(outcome.facts)
        if name == "number":
            truth = normalised_number(truth)
        if truth is None and guess is None:
            continue
        counted += 1
        right += truth == guess
    return right / counted if counted else 1.0


def _f1(pairs: list[tuple[str, str]], kind: str) -> float:
    true_positive = sum(truth == guess == kind for truth, guess in pairs)
    predicted = sum(guess == kind for _, guess in pairs)
    actual = sum(truth == kind for truth, _ in pairs)
    if not predicted or not actual:
        return 0.0
    precision, recall = true_positive / predicted, true_positive / actual
    return 2 * precision * recall / (precision + recall) if true_positive else 0.0


def _share(values) -> float:
    items = list(values)
    return sum(items) / len(items) if items else 1.0
