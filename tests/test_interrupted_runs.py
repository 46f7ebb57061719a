"""A run stopped by a signal is recorded as interrupted, writes no letter and resumes; its
crawler never outlives `cmn-audit`, and the workspace lock covers both (docs/security.md)."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner
from support import ORDER, PDF, cli_command, home, links, one_school_workspace, page

from cmn_audit.cli import cli as app
from cmn_audit.demo.documents import pdf_bytes
from cmn_audit.pipeline.audit import unfinished_run

pytestmark = pytest.mark.slow  # starts and signals `cmn-audit run` three times

PAUSE = 0.5  # seconds each answer of the slow site takes
FILES = 200  # a minute of crawling: whatever ends sooner was stopped


class SlowSchool(BaseHTTPRequestHandler):
    """A school site answering slowly: a section of many orders."""

    protocol_version = "HTTP/1.1"
    pages = {
        "/": home([("/nastavnichestvo/", "Наставничество")]).encode(),
        "/nastavnichestvo/": page(
            "Наставничество", links([(f"/files/{n}.pdf", f"Приказ № {n}") for n in range(FILES)])
        ).encode(),
    }
    order = pdf_bytes(ORDER)

    def do_GET(self):  # noqa: N802 - the stdlib's name
        time.sleep(PAUSE)
        if self.path.startswith("/files/"):
            body, kind = self.order, PDF
        else:
            body, kind = self.pages.get(self.path, b""), "text/html; charset=utf-8"
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(OSError):  # the crawler stopped while the answer was sent
            self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def slow_school(tmp_path) -> Iterator[tuple]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), SlowSchool)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    workspace, registry = one_school_workspace(
        tmp_path, f"http://127.0.0.1:{server.server_address[1]}/", timeout_seconds=5
    )
    yield workspace, registry
    server.shutdown()
    server.server_close()


def start_run(workspace, registry, *, ignore_sigint: bool = False) -> subprocess.Popen:
    """`cmn-audit run` in its own process group, as a shell starts a job (a background job
    ignores SIGINT, which its children inherit)."""

    def as_a_job() -> None:
        if ignore_sigint:
            signal.signal(signal.SIGINT, signal.SIG_IGN)

    command = cli_command("run", "-w", str(workspace.root), "--registry", str(registry))
    return subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=as_a_job,  # noqa: PLW1509 - only sets a signal disposition
    )


def crawler_pid(workspace, timeout: float = 60.0) -> int:
    """The crawler's pid once it has fetched something (the lock file names it)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        staged = list(workspace.runs_dir.glob("*/crawl.jsonl"))
        if staged and staged[0].stat().st_size > 0:
            holder = json.loads((workspace.root / ".lock").read_text(encoding="utf-8"))
            return holder["crawler_pid"]
        time.sleep(0.1)
    raise AssertionError("the crawl did not start")


def alive(pid: int) -> bool:
    """Whether any thread of `pid` still runs (a zombie nobody reaps has ended; a process
    whose main thread has ended but whose other threads run shows as a zombie too)."""
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return False
    for task in tasks:
        try:
            if (task / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z":
                return True
        except (OSError, IndexError):
            continue
    return False


def eventually(condition, timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.1)
    return condition()


def locked(root: Path) -> bool:
    with (root / ".lock").open("a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
        return False


def assert_interrupted_and_resumable(workspace, registry, completed: subprocess.Popen) -> None:
    """Stopped runs: exit 130 with the Russian explanation, nothing saved, no letter;
    history lists the run as interrupted, and the next run resumes it."""
    stdout, stderr = completed.communicate(timeout=60)
    assert completed.returncode == 130, stderr
    assert "обход сайтов остановлен до завершения" in stderr and "Traceback" not in stderr
    assert not workspace.db_path.exists()  # nothing of the run was saved
    assert not list(workspace.reports_dir.glob("*/letters"))
    assert not list(workspace.reports_dir.glob("*/mail"))
    history = CliRunner().invoke(app, ["history", "-w", str(workspace.root)])
    assert "прерван" in history.output, history.output  # before any run was saved
    [stopped] = [path.name for path in workspace.runs_dir.iterdir()]
    assert unfinished_run(workspace, registry) is not None  # the next run resumes it
    assert unfinished_run(workspace, registry)[0] == stopped


def test_sigint_to_a_background_job_leaves_an_interrupted_run(slow_school):
    workspace, registry = slow_school
    run = start_run(workspace, registry, ignore_sigint=True)
    crawler = crawler_pid(workspace)
    os.killpg(run.pid, signal.SIGINT)  # `cmn-audit` ignores it; the crawler stops gracefully
    assert_interrupted_and_resumable(workspace, registry, run)
    assert not alive(crawler)


def test_sigterm_to_the_crawler_alone_leaves_an_interrupted_run(slow_school):
    workspace, registry = slow_school
    run = start_run(workspace, registry)
    os.kill(crawler_pid(workspace), signal.SIGTERM)
    assert_interrupted_and_resumable(workspace, registry, run)


def test_a_killed_run_takes_its_crawler_with_it_and_the_lock_covers_both(slow_school):
    workspace, registry = slow_school
    run = start_run(workspace, registry)
    crawler = crawler_pid(workspace)
    lock = str(workspace.root / ".lock")
    held = {os.readlink(fd) for fd in Path(f"/proc/{crawler}/fd").iterdir()}
    assert lock in held  # the crawler holds the workspace lock too
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    assert eventually(lambda: not alive(crawler), 15)  # its parent-death signal stopped it
    assert eventually(lambda: not locked(workspace.root), 5)
