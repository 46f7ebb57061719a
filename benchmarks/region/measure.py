"""Peak memory of a process tree and CPU of a call, read from /proc and getrusage."""

from __future__ import annotations

import os
import resource
import threading
import time
from pathlib import Path


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def _memory_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process; PSS shares a page among the processes that map it."""
    rss = pss = 0
    try:
        for line in (Path("/proc") / str(pid) / "smaps_rollup").read_text().splitlines():
            if line.startswith("Rss:"):
                rss = int(line.split()[1])
            elif line.startswith("Pss:"):
                pss = int(line.split()[1])
    except (OSError, IndexError, ValueError):
        pass
    return rss, pss


def tree_memory_kb(root: int, exclude: frozenset[int] = frozenset()) -> tuple[int, int]:
    """Summed (RSS, PSS) of `root` and every descendant, less the `exclude`d subtrees.

    Forked workers share their parent's pages, so the RSS sum counts those pages once per
    worker; the PSS sum is what the tree really holds.
    """
    tree = _children()
    rss = pss = 0
    stack = [root]
    while stack:
        pid = stack.pop()
        if pid in exclude:
            continue
        one_rss, one_pss = _memory_kb(pid)
        rss, pss = rss + one_rss, pss + one_pss
        stack += tree.get(pid, [])
    return rss, pss


class TreeMemorySampler:
    """Samples the tree's summed RSS every `interval` seconds in a thread; keeps the peak.

    getrusage's ru_maxrss is the largest single process; a pool of OCR workers beside the
    crawl needs the sum at one moment, which only sampling gives.
    """

    def __init__(self, exclude: frozenset[int] = frozenset(), interval: float = 0.5) -> None:
        self.exclude = exclude
        self.interval = interval
        self.peak_rss_kb = 0
        self.peak_pss_kb = 0
        self.peak_at_s = 0.0
        self.samples: list[tuple[float, int]] = []  # (seconds, PSS kB)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._started = time.perf_counter()

    def _run(self) -> None:
        while not self._stop.is_set():
            rss, pss = tree_memory_kb(os.getpid(), self.exclude)
            self.peak_rss_kb = max(self.peak_rss_kb, rss)
            now = time.perf_counter() - self._started
            if pss > self.peak_pss_kb:
                self.peak_pss_kb, self.peak_at_s = pss, now
            self.samples.append((now, pss))
            self._stop.wait(self.interval)

    def __enter__(self) -> TreeMemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def cpu_seconds() -> float:
    """User + system CPU of this process and every child it has reaped."""
    return sum(
        usage.ru_utime + usage.ru_stime
        for usage in (
            resource.getrusage(resource.RUSAGE_SELF),
            resource.getrusage(resource.RUSAGE_CHILDREN),
        )
    )


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
