"""Serve one built demo site over HTTP on 127.0.0.1 from its route table."""

from __future__ import annotations

import hashlib
import json
import socket
import threading
import time
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from cmn_audit.demo.builder import ROUTES_FILE

HOST = "127.0.0.1"
# Uploaded files are served like nginx's `expires 30d` on a typical school hosting; pages carry
# validators only, so a client must ask whether they changed.
STATIC_FILE_MAX_AGE = 30 * 24 * 3600


class DemoSiteServer(ThreadingHTTPServer):
    """A threading HTTP server bound to an ephemeral port; routes are loaded after the build."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__((HOST, 0), DemoSiteHandler)
        self.site_dir: Path | None = None
        self.routes: dict[str, dict[str, Any]] = {}
        self.not_found = ""
        self.delay = 0.0
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return self.server_address[1]

    def load(self, site_dir: Path) -> None:
        """Read the route table the builder wrote into `site_dir`."""
        table = json.loads((site_dir / ROUTES_FILE).read_text(encoding="utf-8"))
        self.site_dir = site_dir
        self.routes = table["routes"]
        self.not_found = table["not_found"]
        self.delay = table.get("delay", 0.0)

    def start(self) -> None:
        """Serve in a daemon thread until `stop`."""
        self._thread = threading.Thread(
            target=self.serve_forever, name=f"demo-site-{self.port}", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        """Stop serving and release the port."""
        if self._thread is not None:
            self.shutdown()
            self._thread.join()
        self.server_close()


MAX_FORM_BYTES = 4096  # a download form posts a few hidden fields


class DemoSiteHandler(BaseHTTPRequestHandler):
    """Answers GET, HEAD and a form's POST from the route table: files, redirects, error
    pages, 404."""

    server: DemoSiteServer
    protocol_version = "HTTP/1.1"

    def version_string(self) -> str:
        return "nginx"

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the demo runs inside tests and `make demo`."""

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def do_POST(self) -> None:
        """A form's «Скачать» posted: answered as the route of the path with its fields as
        the query (`/documents/download?id=148`)."""
        length = int(self.headers.get("Content-Length") or 0)
        fields = self.rfile.read(min(length, MAX_FORM_BYTES)).decode("latin-1")
        self.path = f"{urlsplit(self.path).path}?{fields}" if fields else self.path
        self._answer(send_body=True)

    def _lookup(self) -> tuple[dict[str, Any] | None, str | None]:
        parts = urlsplit(self.path)
        path = unquote(parts.path) or "/"
        routes = self.server.routes
        if parts.path != path and parts.path in routes:
            path = parts.path  # a percent-encoded Cyrillic slug stored as the site links it
        if parts.query and f"{path}?{parts.query}" in routes:
            return routes[f"{path}?{parts.query}"], None
        if path in routes:
            return routes[path], None
        if not path.endswith("/") and f"{path}/" in routes:
            return None, f"{path}/"
        return None, None

    def _answer(self, send_body: bool) -> None:
        if self.server.delay:
            time.sleep(self.server.delay)  # the slow site: a loaded shared hosting
        route, slash_redirect = self._lookup()
        if slash_redirect is not None:
            route = {"status": 301, "location": slash_redirect}
        if route is None:
            route = self.server.routes[self.server.not_found]
        if "location" in route:
            self.send_response(route["status"])
            self.send_header("Location", route["location"])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        assert self.server.site_dir is not None
        path = self.server.site_dir / route["file"]
        body = path.read_bytes()
        validators = _validators(path, body) if route["status"] == 200 else {}
        if validators and self._not_modified(validators):
            self.send_response(304)
            for name, value in validators.items():
                self.send_header(name, value)
            self.end_headers()
            return
        self.send_response(route["status"])
        self.send_header("Content-Type", route["type"])
        self.send_header("Content-Length", str(len(body)))
        for name, value in validators.items():
            self.send_header(name, value)
        if validators and "html" not in route["type"]:
            self.send_header("Cache-Control", f"max-age={STATIC_FILE_MAX_AGE}")
        for name, value in route.get("headers", {}).items():
            self.send_header(name, value)
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _not_modified(self, validators: dict[str, str]) -> bool:
        """A conditional GET whose copy is current: If-None-Match wins over If-Modified-Since."""
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match is not None:
            return validators["ETag"] in {tag.strip() for tag in if_none_match.split(",")}
        since = self.headers.get("If-Modified-Since")
        if since is None:
            return False
        try:
            return parsedate_to_datetime(since) >= parsedate_to_datetime(
                validators["Last-Modified"]
            )
        except (TypeError, ValueError):
            return False


def _validators(path: Path, body: bytes) -> dict[str, str]:
    """ETag and Last-Modified as a static web server derives them: content and file time."""
    return {
        "ETag": '"' + hashlib.sha1(body).hexdigest()[:16] + '"',
        "Last-Modified": formatdate(path.stat().st_mtime, usegmt=True),
    }


def reserve_dead_port() -> socket.socket:
    """A socket bound to a free port but never listening: connections to it are refused."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind((HOST, 0))
    return sock


def stop_all(servers: list[DemoSiteServer]) -> None:
    """Stop many servers at once: each `shutdown` waits up to one poll interval (0.5 s)."""
    threads = [threading.Thread(target=server.stop) for server in servers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
