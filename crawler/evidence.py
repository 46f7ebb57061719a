"""Content-addressed evidence store: every body kept once, under its SHA-256."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path


class ContentStore:
    """Files at <root>/<sha[:2]>/<sha>; writing the same bytes twice is a no-op."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def put(self, data: bytes) -> str:
        """Store `data` atomically and return its SHA-256."""
        digest = hashlib.sha256(data).hexdigest()
        target = self.path(digest)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_name(f"{digest}.{os.getpid()}.part")
            partial.write_bytes(data)
            partial.replace(target)
        return digest

    def read(self, sha256: str) -> bytes:
        return self.path(sha256).read_bytes()
