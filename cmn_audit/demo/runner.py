"""Build and serve the whole demo municipality on 127.0.0.1, with its registry and ground truth."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import socket
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from cmn_audit.demo.builder import build_site
from cmn_audit.demo.file_hosts import build_file_hosts, hosted_file_path, stand_ins
from cmn_audit.demo.server import HOST, DemoSiteServer, reserve_dead_port, stop_all
from cmn_audit.demo.spec import (
    FORM_CARD,
    FileHostSpec,
    MunicipalitySpec,
    SiteSpec,
    load_municipality,
)
from cmn_audit.demo.truth import profile_rule_ids, write_truth
from crawler.file_hosts import STAND_INS_ENV

REGISTRY_HEADER = (
    "id",
    "name",
    "short_name",
    "kind",
    "site_url",
    "email",
    "head_name",
    "municipality",
)
TEXT_SOURCES = {"pdf": "text", "docx": "text", "rtf": "text", "xlsx": "text", "scan": "ocr"}
TEXT_SOURCES |= {"jpg": "ocr", "zip": "text", "html": "text"}
FETCH_OUTCOMES = {"ok": "ok", "missing": "http_error", "soft_error": "soft_error"}


@dataclass(frozen=True)
class ExpectedDocument:
    """Ground truth for one document the school's section links to."""

    url: str  # absolute URL the section links to (a /file/card page for constructor cards)
    file_url: str  # absolute URL of the file itself
    title: str  # the link text
    kind: str
    audience: str
    doc_date: dt.date | None
    number: str | None
    file_ext: str  # pdf | docx
    text_source: str  # text | ocr | none
    fetch: str  # ok | http_error (404) | soft_error (HTML error page under the file's name)
    # Where the bytes are served: file_url, except on a file host, whose public link (file_url,
    # the document's identity) opens a page and only the host's API or form leads to the file.
    download_url: str = ""
    parts: tuple[tuple[str, str, str], ...] = ()  # a bundle's (kind, audience, title), in order


@dataclass(frozen=True)
class ExpectedNews:
    """Ground truth for one mentorship news item linked from the section."""

    url: str
    date: dt.date
    title: str
    audience: str


@dataclass(frozen=True)
class DemoSite:
    """One school of the demo municipality as served, with what an audit should find."""

    org_id: str
    name: str
    short_name: str
    kind: str
    email: str
    head_name: str
    url: str
    expected_section: str | None
    scenario: str
    expected_documents: tuple[ExpectedDocument, ...] = ()
    expected_news: tuple[ExpectedNews, ...] = ()
    expected_rules: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class DemoMunicipality:
    """The running demo: where it was built, its registry and its sites."""

    root: Path
    registry_path: Path
    sites: tuple[DemoSite, ...]
    municipal_resource_url: str
    name: str = ""
    truth_path: Path | None = None  # root/truth.json, written by running_demo
    origins: Mapping[str, str] = field(default_factory=dict)  # org id (and file host) → origin

    def site(self, org_id: str) -> DemoSite:
        """The site with `org_id`."""
        return next(site for site in self.sites if site.org_id == org_id)


def _link_items(blocks) -> Iterator[Mapping[str, str]]:
    """Links of the blocks: lists, and the section's own menu in the sidebar."""
    for block in blocks:
        yield from block.fields.get("items", ()) if block.type in ("links", "submenu") else ()


def _doc_refs(blocks) -> Iterator[str]:
    """Documents the blocks show: linked, in a frame, as a picture, inside an anchored block."""
    for block in blocks:
        if block.type == "links":
            yield from (item["doc"] for item in block.fields["items"] if "doc" in item)
        elif block.type in ("frame", "image", "printed"):
            yield block.fields["doc"]
        elif block.type == "anchor":
            yield from _doc_refs(block.fields.get("blocks", ()))


def _anchored(blocks, anchor: str) -> tuple:
    """The blocks inside the anchored block `anchor` of a one-page site."""
    for block in blocks:
        if block.type == "anchor":
            if block.fields["id"] == anchor:
                return tuple(block.fields.get("blocks", ()))
            if found := _anchored(block.fields.get("blocks", ()), anchor):
                return found
    return ()


def _section_doc_ids(spec: SiteSpec) -> list[str]:
    """Documents the section shows: on its root (or inside its block of a one-page site),
    pages under its path, the pages its root links to and the entries of the blog categories
    it lists (their attached files); a polite crawler skips what robots.txt disallows."""
    if spec.section is None:
        return []
    pages = {path: blocks for path, _, blocks in spec.pages}
    page, _, anchor = spec.section.partition("#")
    if anchor:  # one block of a page: nothing lies under its path
        root = _anchored(pages.get(page, ()), anchor)
        linked = {item["href"] for item in _link_items(root) if "href" in item}
        scope = [root, *(blocks for path, blocks in pages.items() if path in linked)]
    else:
        root = pages.get(spec.section, ())
        linked = {item["href"] for item in _link_items(root) if "href" in item}
        scope = [
            blocks
            for path, blocks in pages.items()
            if path.startswith(spec.section) or path in linked
        ]
    categories = {
        block.fields["category"]
        for blocks in scope
        for block in blocks
        if block.type == "news" and block.fields.get("category")
    }
    refs = [doc_id for blocks in scope for doc_id in _doc_refs(blocks)]
    refs += [doc_id for n in spec.news if n.category in categories for doc_id in n.files]
    # A file's hyperlinks lead to documents of the section too, one level deep.
    refs += [ref for doc_id in list(refs) for ref, _ in spec.document(doc_id).links]
    ids: list[str] = []
    for doc_id in refs:
        if doc_id not in ids:
            entry = spec.document(doc_id)
            if entry.host or not str(entry.path).startswith(spec.disallow):
                ids.append(doc_id)
    return ids


def describe_site(
    spec: SiteSpec,
    origin: str,
    origins: Mapping[str, str],
    rule_ids: tuple[str, ...] = (),
    hosts: Mapping[str, FileHostSpec] | None = None,
) -> DemoSite:
    """A school's public facts and ground truth, with URLs on `origin`."""
    documents = []
    for doc_id in _section_doc_ids(spec):
        entry = spec.document(doc_id)
        base = origins[entry.host] if entry.host else origin
        served = hosted_file_path((hosts or {})[entry.host], entry) if entry.host else None
        documents.append(
            ExpectedDocument(
                url=base + entry.link_path,
                # A file a form posts has no address of its own: its card's is the document's.
                file_url=base
                + (entry.link_path if entry.card_template == FORM_CARD else entry.file_path),
                title=entry.title,
                kind=entry.kind,
                audience=entry.audience,
                doc_date=entry.date,
                number=entry.number,
                file_ext=entry.file_ext,
                text_source=TEXT_SOURCES[entry.format] if entry.status == "ok" else "none",
                fetch=FETCH_OUTCOMES[entry.status],
                download_url=base + (served or entry.file_path),
                parts=entry.parts,
            )
        )
    news = tuple(
        ExpectedNews(origin + n.path, n.date, n.title, n.audience)
        for n in sorted(spec.news, key=lambda n: n.date)
        if n.mentorship and spec.section is not None
    )
    return DemoSite(
        org_id=spec.org_id,
        name=spec.name,
        short_name=spec.short_name,
        kind=spec.kind,
        email=spec.email,
        head_name=spec.head_name,
        url=origin + "/",
        expected_section=origin + spec.section if spec.section else None,
        scenario=spec.scenario,
        expected_documents=tuple(documents),
        expected_news=news,
        expected_rules=expected_rules(spec, rule_ids),
    )


def expected_rules(spec: SiteSpec, rule_ids: tuple[str, ...]) -> dict[str, str]:
    """The methodologist's verdict per rule: declared passes, doubts and requirements not for
    the organisation's type, the rest fail; nothing can be judged on a site that is down."""
    if spec.scenario == "down":
        return dict.fromkeys(rule_ids, "not_checked")
    declared = {
        **dict.fromkeys(spec.expect_pass, "pass"),
        **dict.fromkeys(spec.expect_not_checked, "not_checked"),
        **dict.fromkeys(spec.expect_not_applicable, "not_applicable"),
    }
    unknown = set(declared) - set(rule_ids)
    if rule_ids and unknown:
        raise ValueError(f"{spec.org_id}: unknown rule ids {sorted(unknown)}")
    return {rule: declared.get(rule, "fail") for rule in rule_ids}


def write_registry(path: Path, sites: tuple[DemoSite, ...], municipality: str) -> Path:
    """The organisation registry the pipeline starts from, as UTF-8 CSV."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(REGISTRY_HEADER)
        for s in sites:
            writer.writerow(
                (s.org_id, s.name, s.short_name, s.kind, s.url, s.email, s.head_name, municipality)
            )
    return path


def build_municipality(root: Path, origins: Mapping[str, str], muni: MunicipalitySpec) -> None:
    """Build the ИМЦ site, the file hosts and every school that is not down into `root/<id>/`."""
    for site in (muni.resource, *muni.schools):
        if site.scenario != "down":
            build_site(site, muni, root / site.org_id, origins)
    build_file_hosts(muni, root, origins)


def describe_municipality(
    root: Path, origins: Mapping[str, str], muni: MunicipalitySpec
) -> DemoMunicipality:
    """The public picture of a built demo whose sites answer on `origins`."""
    rules = profile_rule_ids()
    sites = tuple(
        describe_site(spec, origins[spec.org_id], origins, rules, muni.file_hosts)
        for spec in muni.schools
    )
    return DemoMunicipality(
        root=root,
        registry_path=root / "registry.csv",
        sites=sites,
        municipal_resource_url=origins[muni.resource_site] + muni.resource_path,
        name=muni.name,
        truth_path=root / "truth.json",
        origins=dict(origins),
    )


@contextmanager
def _crawler_stand_ins(overrides: Mapping[str, str]) -> Iterator[None]:
    """Point crawls started meanwhile (child processes) at the file-host stand-ins."""
    previous = os.environ.get(STAND_INS_ENV)
    os.environ[STAND_INS_ENV] = json.dumps(dict(overrides))
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(STAND_INS_ENV, None)
        else:
            os.environ[STAND_INS_ENV] = previous


@contextmanager
def running_demo(root: Path, *, latency: float = 0.0) -> Iterator[DemoMunicipality]:
    """Build every site into `root/<org_id>/` and serve each on its own 127.0.0.1 port.

    The "down" school gets a port that is bound but never listens, so connections are
    refused; every server is stopped and every port released on exit. `latency` makes every
    server wait that long before answering (benchmarks simulate a real network with it).
    """
    muni = load_municipality()
    root.mkdir(parents=True, exist_ok=True)
    with ExitStack() as stack:
        servers: dict[str, DemoSiteServer] = {}
        stack.callback(lambda: stop_all(list(servers.values())))
        origins: dict[str, str] = {}
        names = [site.org_id for site in (muni.resource, *muni.schools)] + list(muni.file_hosts)
        down = {site.org_id for site in muni.schools if site.scenario == "down"}
        for org_id in names:
            if org_id in down:
                dead: socket.socket = stack.enter_context(reserve_dead_port())
                port = dead.getsockname()[1]
            else:
                server = DemoSiteServer()
                servers[org_id] = server
                port = server.port
            origins[org_id] = f"http://{HOST}:{port}"
        build_municipality(root, origins, muni)
        stack.enter_context(_crawler_stand_ins(stand_ins(muni, origins)))
        for org_id, server in servers.items():
            server.load(root / org_id)
            server.delay = max(server.delay, latency)  # simulated network round trip
            server.start()
        demo = describe_municipality(root, origins, muni)
        write_registry(demo.registry_path, demo.sites, muni.name)
        write_truth(demo)
        yield demo
