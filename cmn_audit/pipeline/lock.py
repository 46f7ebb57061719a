"""What guards a run's lifetime: the workspace lock, and the journal a failing run leaves.

A failed run is recorded in the store's run_failures (never in runs), so the next run can
say so and `cmn-audit history` can list it; earlier runs are not touched.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import duckdb

from cmn_audit import messages
from cmn_audit.messages import UserError
from cmn_audit.store import connect

LOCK_NAME = ".lock"
ORPHAN_GRACE_SECONDS = 30.0  # how long a killed run's crawler may take to stop
JOURNAL_NAME = "run.log"


@contextmanager
def workspace_lock(root: Path, command: str) -> Iterator[IO]:
    """Hold `<root>/.lock` exclusively while a command writes to the workspace.

    flock belongs to the open file: the kernel drops it when every process holding the file
    ends, however it ends (SIGKILL included), so a dead run never leaves the workspace
    locked. The crawler child is handed the same open file, so the lock covers it too. A
    second command refuses at once, naming the one that holds the lock. Yields the file.
    """
    path = root / LOCK_NAME
    handle = path.open("a+", encoding="utf-8")
    try:
        if not _acquired(handle) and not _acquired_once_orphans_stop(handle, path):
            raise UserError(_busy_message(path))
        holder = {"pid": os.getpid(), "command": command, "started_at": _now().isoformat()}
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps(holder, ensure_ascii=False))
        handle.flush()
        yield handle
    finally:
        handle.close()  # closing releases the lock (once the crawler, too, has ended)


def _acquired(handle: IO) -> bool:
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _acquired_once_orphans_stop(handle: IO, path: Path) -> bool:
    """A run killed a moment ago leaves its crawler stopping (its parent-death signal): the
    lock is the dead run's, so wait for the crawler to end rather than refuse."""
    try:
        holder = json.loads(path.read_text(encoding="utf-8"))
        run_pid = int(holder["pid"])
    except (OSError, ValueError, KeyError, TypeError):
        return False
    if _alive(run_pid) or "crawler_pid" not in holder:
        return False
    deadline = time.monotonic() + ORPHAN_GRACE_SECONDS
    while time.monotonic() < deadline:
        if _acquired(handle):
            return True
        time.sleep(0.2)
    return False


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def note_crawler(handle: IO, pid: int) -> None:
    """Add the crawler's pid to what the lock file says about its holder."""
    handle.seek(0)
    holder = json.loads(handle.read() or "{}")
    holder["crawler_pid"] = pid
    handle.seek(0)
    handle.truncate()
    handle.write(json.dumps(holder, ensure_ascii=False))
    handle.flush()


def _busy_message(path: Path) -> str:
    """«Рабочая папка занята: идёт запуск …» with what the lock file says about its holder."""
    try:
        holder = json.loads(path.read_text(encoding="utf-8"))
        started = dt.datetime.fromisoformat(holder["started_at"])
        return messages.WORKSPACE_BUSY.format(
            command=holder["command"], pid=holder["pid"], started=f"{started:%d.%m.%Y %H:%M:%S}"
        )
    except (OSError, ValueError, KeyError, TypeError):
        return messages.WORKSPACE_BUSY_UNKNOWN


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


@dataclass
class RunJournal:
    """`runs/<id>/run.log`: what the run told the user, and the traceback if it failed."""

    path: Path
    stage: str = "crawl"  # crawl | audit | reports: where a failure happened
    forward: Callable[[str], None] = print

    def write(self, text: str) -> None:
        """Append a timestamped entry; the journal must never be what breaks a run."""
        try:
            with self.path.open("a", encoding="utf-8") as handle:
                handle.write(f"[{_now():%Y-%m-%d %H:%M:%S}] {text}\n")
        except OSError:
            pass

    def echo(self, text: str) -> None:
        """Show a line to the user and keep it in the journal."""
        self.forward(text)
        self.write(text)


@contextmanager
def failure_journal(
    db_path: Path,
    run_dir: Path,
    run_id: str,
    started: dt.datetime,
    echo: Callable[[str], None] = print,
) -> Iterator[RunJournal]:
    """Journal a run; when it fails, log the traceback and record the failure in the store.

    Only Exception is recorded: Ctrl-C, SIGTERM and kills leave an interrupted run, which
    the next run resumes (pipeline/audit.unfinished_run); a failed run is final and the
    next run starts afresh, saying that this one failed. The error is re-raised unchanged.
    """
    run_dir.mkdir(parents=True, exist_ok=True)
    journal = RunJournal(run_dir / JOURNAL_NAME, forward=echo)
    journal.write(messages.JOURNAL_STARTED.format(run_id=run_id, pid=os.getpid()))
    try:
        yield journal
    except Exception as error:
        journal.write(messages.JOURNAL_FAILED.format(error=_error_text(error)))
        journal.write("".join(traceback.format_exception(error)).rstrip())
        record_failure(
            db_path,
            run_id=run_id,
            started_at=started,
            stage=journal.stage,
            error=_error_text(error),
            log_path=journal.path,
        )
        echo(messages.JOURNAL_WHERE.format(log=journal.path))
        raise
    except BaseException:
        journal.write(messages.JOURNAL_INTERRUPTED.format(run_id=run_id))
        raise
    journal.write(messages.JOURNAL_DONE.format(run_id=run_id))


def record_failure(
    db_path: Path,
    *,
    run_id: str,
    started_at: dt.datetime,
    stage: str,
    error: str,
    log_path: Path,
) -> None:
    """Keep a failed run's error in the store; earlier runs are not touched.

    A failure after the run was saved happened while writing its reports. Recording must
    never hide the original error, so a store that cannot be opened is left alone.
    """
    try:
        con = connect(db_path)
    except (duckdb.Error, OSError, UserError):
        return
    try:
        saved = con.execute(
            "SELECT 1 FROM runs WHERE run_id = ? AND status = 'complete'", [run_id]
        ).fetchone()
        con.execute(
            "INSERT OR REPLACE INTO run_failures VALUES (?, ?, ?, ?, ?, ?)",
            [
                run_id,
                started_at,
                dt.datetime.now(),
                "reports" if saved else stage,
                error,
                str(log_path),
            ],
        )
    except duckdb.Error:
        pass
    finally:
        con.close()


def _error_text(error: BaseException) -> str:
    """One line saying what went wrong: the Russian message of a UserError, else type: text."""
    text = " ".join(str(error).split())
    if isinstance(error, UserError):
        return text
    return f"{type(error).__name__}: {text}" if text else type(error).__name__
