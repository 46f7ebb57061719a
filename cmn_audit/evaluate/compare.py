"""Measure a stored run against a ground-truth file: sections, documents, facts and rules."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from cmn_audit import messages

SITE = "{site}"  # stands for the organisation's own origin, whatever port it was served on
DEFAULT_PORTS = {"http": 80, "https": 443}
FACTS = ("kind", "audience", "date", "number")


@dataclass(frozen=True)
class Ratio:
    """Hits over a total; `value` is None when there was nothing to measure."""

    hits: int
    total: int

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None


@dataclass(frozen=True)
class Disagreement:
    """One place where the run and the truth differ, for a developer to look at."""

    org_id: str
    text: str

    @property
    def line(self) -> str:
        return f"{self.org_id}: {self.text}"


@dataclass(frozen=True)
class RunDocument:
    org_id: str
    url: str
    extract_status: str
    kind: str
    audience: str
    date: str | None
    number: str | None
    card: str | None = None  # the page that handed the file over, when not a section page


@dataclass(frozen=True)
class RunSnapshot:
    """What one stored run concluded, in the shape the comparison needs."""

    run_id: str
    site_urls: Mapping[str, str]
    sections: Mapping[str, str | None]  # org_id -> section URL when one was found
    documents: tuple[RunDocument, ...]
    news: Mapping[str, Mapping[str, bool]]  # org_id -> {url: is_mentorship}
    outcomes: Mapping[tuple[str, str], str]


@dataclass(frozen=True)
class Evaluation:
    """The figures of one run against the truth, and every disagreement behind them."""

    run_id: str
    municipality: str
    organisations: int
    section_precision: Ratio
    section_recall: Ratio
    document_recall: Ratio
    kind_accuracy: Ratio
    kind_macro_f1: float | None
    kind_labels: int
    audience_accuracy: Ratio
    date_accuracy: Ratio
    number_accuracy: Ratio
    news_recall: Ratio
    rule_agreement: Ratio
    unreadable_documents: int
    extra_documents: int
    disagreements: tuple[Disagreement, ...]


def origin(url: str) -> str:
    """scheme://host[:port] in lower case, without the scheme's default port."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    port = parts.port
    return f"{scheme}://{host}" + (f":{port}" if port and port != DEFAULT_PORTS.get(scheme) else "")


def url_key(url: str, site_origin: str | None) -> str:
    """A comparable URL: normalised origin (the site's own replaced by a placeholder),
    decoded path without a trailing slash, and the query; the fragment is dropped."""
    parts = urlsplit(url.strip())
    head = origin(url)
    if site_origin is not None and head == site_origin:
        head = SITE
    query = f"?{unquote(parts.query)}" if parts.query else ""
    return head + unquote(parts.path).rstrip("/") + query


def path_of(key: str) -> str:
    """The path and query of a URL key, for matching across serving sessions."""
    if key.startswith(SITE):
        return key[len(SITE) :]
    parts = urlsplit(key)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def shown(key: str) -> str:
    """How a URL key appears in a disagreement line: a path on the school's own site."""
    return (key[len(SITE) :] or "/") if key.startswith(SITE) else key


def compare(truth: Mapping, run: RunSnapshot) -> Evaluation:
    """Every metric of `run` against `truth` (a dict in the truth-file format)."""
    tally = _Tally()
    truth_ids = [org["org_id"] for org in truth["organisations"]]
    for org in truth["organisations"]:
        _compare_organisation(org, run, tally)
    for org_id in sorted(set(run.site_urls) - set(truth_ids)):
        tally.note(org_id, "org_extra")
    return Evaluation(
        run_id=run.run_id,
        municipality=str(truth.get("municipality", "")),
        organisations=len(truth_ids),
        kind_macro_f1=macro_f1(tally.kind_pairs),
        kind_labels=len({label for pair in tally.kind_pairs for label in pair}),
        unreadable_documents=tally.unreadable,
        extra_documents=tally.extra,
        disagreements=tuple(tally.disagreements),
        **{name: Ratio(*counts) for name, counts in tally.ratios.items()},
    )


class _Tally:
    """Running counts while organisations are compared one by one."""

    def __init__(self) -> None:
        names = ("section_precision", "section_recall", "document_recall", "news_recall")
        names += tuple(f"{fact}_accuracy" for fact in FACTS) + ("rule_agreement",)
        self.ratios: dict[str, list[int]] = {name: [0, 0] for name in names}
        self.kind_pairs: list[tuple[str, str]] = []
        self.unreadable = 0
        self.extra = 0
        self.disagreements: list[Disagreement] = []

    def count(self, name: str, hit: bool) -> None:
        self.ratios[name][0] += int(hit)
        self.ratios[name][1] += 1

    def note(self, org_id: str, issue: str, **details: object) -> None:
        text = messages.EVAL_ISSUES[issue].format(**details)
        self.disagreements.append(Disagreement(org_id, text))


def _compare_organisation(org: Mapping, run: RunSnapshot, tally: _Tally) -> None:
    org_id = org["org_id"]
    if org_id not in run.site_urls:
        tally.note(org_id, "org_missing")
    truth_origin = origin(org["site_url"])
    run_origin = origin(run.site_urls[org_id]) if org_id in run.site_urls else None
    _compare_section(org, run, tally, truth_origin, run_origin)
    _compare_documents(org, run, tally, truth_origin, run_origin)
    run_news = {url_key(url, run_origin): flag for url, flag in run.news.get(org_id, {}).items()}
    for item in org.get("news", []):
        if item.get("is_mentorship", True):
            key = url_key(item["url"], truth_origin)
            flag = run_news.get(key)
            tally.count("news_recall", bool(flag))
            if not flag:
                issue = "news_missed" if flag is None else "news_unflagged"
                tally.note(org_id, issue, url=shown(key))
    for rule_id, expected in org.get("rules", {}).items():
        found = run.outcomes.get((org_id, rule_id))
        tally.count("rule_agreement", found == expected)
        if found != expected:
            found = found or messages.EVAL_NONE
            tally.note(org_id, "rule", rule_id=rule_id, found=found, expected=expected)


def _compare_section(
    org: Mapping, run: RunSnapshot, tally: _Tally, truth_origin: str, run_origin: str | None
) -> None:
    org_id = org["org_id"]
    expected = url_key(org["section_url"], truth_origin) if org.get("section_url") else None
    found_url = run.sections.get(org_id)
    found = url_key(found_url, run_origin) if found_url is not None else None
    if found is not None:
        tally.count("section_precision", found == expected)
    if expected is not None:
        tally.count("section_recall", found == expected)
    if found == expected:
        return
    if found is None:
        tally.note(org_id, "section_missed", expected=shown(expected))
    elif expected is None:
        tally.note(org_id, "section_spurious", found=shown(found))
    else:
        tally.note(org_id, "section_wrong", found=shown(found), expected=shown(expected))


def _compare_documents(
    org: Mapping, run: RunSnapshot, tally: _Tally, truth_origin: str, run_origin: str | None
) -> None:
    org_id = org["org_id"]
    expected = {url_key(doc["url"], truth_origin): doc for doc in org.get("documents", [])}
    found = {url_key(doc.url, run_origin): doc for doc in run.documents if doc.org_id == org_id}
    pairs = match_keys(expected, found)
    # A truth that names the card a file was handed over by (a cloud disk's file page, a
    # registry's document page) names the document the run reached through that card.
    cards: dict[str, list[str]] = {}
    for key, doc in found.items():
        if doc.card and key not in pairs.values():
            cards.setdefault(url_key(doc.card, run_origin), []).append(key)
    for key in expected:
        if key not in pairs and len(cards.get(key, [])) == 1:
            pairs[key] = cards[key][0]
    for key, doc in expected.items():
        if doc.get("fetch", "ok") != "ok":
            continue
        match = found.get(pairs[key]) if key in pairs else None
        tally.count("document_recall", match is not None)
        if match is None:
            tally.note(org_id, "document_missed", url=shown(key))
        elif match.extract_status != "ok":
            tally.unreadable += 1
            tally.note(org_id, "document_unreadable", url=shown(key), status=match.extract_status)
        else:
            _compare_facts(org_id, shown(key), doc, match, tally)
    for key in sorted(set(found) - set(pairs.values())):
        tally.extra += 1
        tally.note(org_id, "document_extra", url=shown(key))


def _compare_facts(
    org_id: str, url: str, truth: Mapping, found: RunDocument, tally: _Tally
) -> None:
    tally.kind_pairs.append((truth.get("kind"), found.kind))
    for fact in FACTS:
        want, got = truth.get(fact), getattr(found, fact)
        tally.count(f"{fact}_accuracy", want == got)
        if want != got:
            field = messages.EVAL_FIELDS[fact]
            none = messages.EVAL_NONE
            tally.note(
                org_id,
                "document_field",
                url=url,
                field=field,
                found=got or none,
                expected=want or none,
            )


def match_keys(expected: Iterable[str], found: Iterable[str]) -> dict[str, str]:
    """Truth key → run key: equal keys first; then, off the school's own site, an
    unambiguous equal path and query (another host served on a different port)."""
    expected, found = list(expected), list(found)
    pairs = {key: key for key in expected if key in set(found)}
    by_path: dict[str, list[str]] = {}
    for key in found:
        if key not in pairs and not key.startswith(SITE):
            by_path.setdefault(path_of(key), []).append(key)
    left = [key for key in expected if key not in pairs and not key.startswith(SITE)]
    wanted = [path_of(key) for key in left]
    for key, path in zip(left, wanted, strict=True):
        if wanted.count(path) == 1 and len(by_path.get(path, [])) == 1:
            pairs[key] = by_path[path][0]
    return pairs


def macro_f1(pairs: Iterable[tuple[str, str]]) -> float | None:
    """Mean F1 over every label seen in the truth or the predictions; None without pairs."""
    pairs = list(pairs)
    labels = {label for pair in pairs for label in pair}
    if not labels:
        return None
    scores = []
    for label in sorted(labels):
        tp = sum(1 for want, got in pairs if want == label and got == label)
        fp = sum(1 for want, got in pairs if want != label and got == label)
        fn = sum(1 for want, got in pairs if want == label and got != label)
        scores.append(2 * tp / (2 * tp + fp + fn))
    return sum(scores) / len(scores)
