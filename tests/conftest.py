"""Shared fixtures: small static sites served on 127.0.0.1 by the test itself."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest


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
