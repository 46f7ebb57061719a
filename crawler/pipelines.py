"""Item pipelines: bodies into the evidence store, then every item into the run's staging file."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from crawler.evidence import ContentStore


class EvidencePipeline:
    """Stores each body carried by an item under its SHA-256 and drops it from the item."""

    def __init__(self, store: ContentStore) -> None:
        self.store = store

    @classmethod
    def from_crawler(cls, crawler):
        return cls(ContentStore(Path(crawler.settings["CRAWL_EVIDENCE_DIR"])))

    def process_item(self, item):
        body = getattr(item, "body", None)
        if body is not None:
            item.sha256 = self.store.put(body)
            item.body = None
        return item


def staging_line(item) -> str:
    """An item as one JSON line of the staging file: its type, then its fields, never a body."""
    record = {"type": type(item).__name__, **dataclasses.asdict(item)}
    record.pop("body", None)
    return json.dumps(record, ensure_ascii=False)


class StagingPipeline:
    """Appends items as JSON lines; the run is only committed to DuckDB after the crawl ends."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.handle = None

    @classmethod
    def from_crawler(cls, crawler):
        return cls(Path(crawler.settings["CRAWL_STAGING_PATH"]))

    def open_spider(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.handle = self.path.open("a", encoding="utf-8")

    def process_item(self, item):
        self.handle.write(staging_line(item) + "\n")
        self.handle.flush()
        return item

    def close_spider(self):
        if self.handle:
            self.handle.close()
