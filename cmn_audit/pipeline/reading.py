"""A local run reads its documents while its crawl still runs.

The crawl child stages each document as soon as its bytes are stored (crawler.pipelines); the
run polls the staging file while it waits for the child (StagingFollower, from the run's own
thread, which the reading workers die with) and sends each new file to the isolated pool,
so the cores parse scans while the crawl waits on the network and on its politeness. At the
end, FactsCache.read_all asks this reader for every file not read before and waits only for
what is still being read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import duckdb

from crawler.evidence import ContentStore
from crawler.extract import (
    Extraction,
    ExtractionJob,
    IsolatedPool,
    WorkerLimits,
    downloaded_files,
)


class EarlyReader:
    """The local isolated pool, fed while the crawl runs; a `Reader` for FactsCache.read_all.

    `already_read(keys)` names the files an earlier run read (the store's extraction cache):
    they are never sent. Use it as a context manager: leaving on an error (the run stopped)
    stops the reading at once.
    """

    def __init__(
        self,
        store: ContentStore,
        already_read: Callable[[list[str]], set[str]],
        limits: WorkerLimits | None = None,
    ) -> None:
        self.store = store
        self.already_read = already_read
        self.pool = IsolatedPool(limits)
        self.sent: set[str] = set()

    def read_early(self, records: list[dict]) -> None:
        """Send the files of newly staged records that no earlier run read."""
        files = {
            sha: job
            for sha, job in downloaded_files(records, self.store).items()
            if sha not in self.sent
        }
        if not files:
            return
        self.sent.update(files)
        try:
            known = self.already_read(sorted(files))
        except duckdb.Error:  # the store busy or unreadable now: read them; the commit decides
            known = set()
        self.pool.submit(job for sha, job in files.items() if sha not in known)

    def __call__(
        self, jobs: Iterable[ExtractionJob], limits: WorkerLimits | None = None
    ) -> dict[str, Extraction]:
        return self.pool.results(jobs)

    def __enter__(self) -> EarlyReader:
        return self

    def __exit__(self, kind, error, trace) -> None:
        self.pool.__exit__(kind, error, trace)
