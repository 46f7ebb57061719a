"""Shared fixtures: small static sites served on 127.0.0.1 by the test itself."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import duckdb
import pytest

from cmn_audit.cli.demo import demo_announcement
from cmn_audit.demo import running_demo
from cmn_audit.demo.audit import DEMO_CRAWL, audit_demo, init_demo_workspace, load_demo_workspace
from cmn_audit.pipeline import outputs
from cmn_audit.pipeline.audit import run_audit
from reports.writer import FORMATS as REPORT_FORMATS

DEMO_FIXTURES = frozenset({"demo_web", "demo_audit"})
BROWSER_FIXTURES = frozenset({"browser"})


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
        pass


@pytest.fixture
def static_site(tmp_path: Path) -> Iterator[Callable[[dict[str, bytes | str]], str]]:
    """Serve {path: content} from a folder on an ephemeral port; returns the base URL."""
    servers: list[ThreadingHTTPServer] = []

    def serve(files: dict[str, bytes | str]) -> str:
        root = tmp_path / f"site{len(servers)}"
        for relative, content in files.items():
            target = root / relative.lstrip("/")
            target.parent.mkdir(parents=True, exist_ok=True)
            data = content.encode("utf-8") if isinstance(content, str) else content
            target.write_bytes(data)
        server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(root)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(autouse=True)
def reports_a_test_reads(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A run in a test writes results.json alone, unless the test is marked `reports` (every
    format but the PDFs, which Chromium prints from the same HTML, about 3 s a run) or `pdf`
    (every format): writing the справка, letters and dashboard is half of a small run's time.
    A run asked for chosen formats writes them. The shared demo audit's first run and
    `cmn-audit` run in a child process write theirs."""
    if request.node.get_closest_marker("pdf"):
        return
    if request.node.get_closest_marker("reports"):
        without_pdf(monkeypatch)
    else:
        _runs_write_only(monkeypatch, ("json",))


def without_pdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """Runs write every report format but PDF (Chromium's printing of the same HTML)."""
    _runs_write_only(monkeypatch, tuple(name for name in REPORT_FORMATS if name != "pdf"))


def _runs_write_only(monkeypatch: pytest.MonkeyPatch, formats: tuple[str, ...]) -> None:
    """Writing every format (a run, `report` without --format) writes `formats` instead."""
    original = outputs.write_run_reports

    def chosen(*args, **kwargs):
        asked = kwargs.pop("formats", tuple(REPORT_FORMATS))
        every = set(asked) >= set(REPORT_FORMATS)
        return original(*args, formats=formats if every else asked, **kwargs)

    monkeypatch.setattr(outputs, "write_run_reports", chosen)


@pytest.fixture(scope="session")
def demo_web(tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    """The demo municipality built and served once for the whole test run."""
    with running_demo(tmp_path_factory.mktemp("demo-web")) as municipality:
        yield municipality


@pytest.fixture(scope="session")
def demo_audit(demo_web, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """The demo audited twice in one workspace, the second run from the HTTP cache; `lines`
    holds what both said, the first as `cmn-audit demo` says it.

    Built once per test run because a demo audit is the slowest thing the suite does; tests
    only read it (a test that changes a workspace copies it first)."""
    root = tmp_path_factory.mktemp("demo-audit")
    init_demo_workspace(root / "ws", crawl={**DEMO_CRAWL, "download_delay": 0.0})
    lines: list[str] = []
    # The first run is `cmn-audit demo`'s own, its closing lines included (demo_announcement).
    first = audit_demo(
        root / "ws",
        demo_web,
        echo=lines.append,
        announce=lambda outcome: lines.extend(demo_announcement(outcome)),
    )
    workspace = load_demo_workspace(root / "ws", demo_web)
    with pytest.MonkeyPatch.context() as patch:
        # The second run's reports are read as files; only the first run's PDFs are opened.
        without_pdf(patch)
        second = run_audit(workspace, demo_web.registry_path, echo=lines.append)
    con = duckdb.connect(str(workspace.db_path), read_only=True)
    yield {
        "municipality": demo_web,
        "truth_path": demo_web.truth_path,
        "workspace": workspace,
        "sites": {site.org_id: site for site in demo_web.sites},
        "first": first,
        "second": second,
        "lines": lines,
        "con": con,
    }
    con.close()


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark tests by what they need, so `make check` can leave the slow tiers out and
    pytest-xdist keeps every user of the shared demo audit on one worker (the users of the
    served demo sites alone on another), and every user of
    a module's own crawl (a module-scoped fixture) on one worker, which builds it once."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & DEMO_FIXTURES:
            item.add_marker(pytest.mark.demo)
            # The served sites alone are cheap to build twice: their tests run beside the
            # demo audit's rather than after them.
            group = "demo" if "demo_audit" in fixtures else "demo-web"
            item.add_marker(pytest.mark.xdist_group(group))
        elif _uses_module_fixture(item):
            item.add_marker(pytest.mark.xdist_group(item.module.__name__))
        if fixtures & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)


def _uses_module_fixture(item: pytest.Item) -> bool:
    info = getattr(item, "_fixtureinfo", None)
    definitions = info.name2fixturedefs.values() if info else ()
    return any(chain and chain[-1].scope == "module" for chain in definitions)
