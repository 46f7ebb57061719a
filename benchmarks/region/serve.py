"""Serve a built region from one process: every host on its own loopback address.

One selector thread accepts on all listening sockets (a thread polling per site would wake
2,000 times a second at 1,000 sites); each connection is answered in a thread of its own by
the demo's handler, which waits the simulated latency first. Run apart from the audit, so its
CPU and memory are not counted as the audit's:

    python -m benchmarks.region.serve ROOT_JSON
"""

from __future__ import annotations

import json
import selectors
import sys
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from cmn_audit.demo.server import DemoSiteHandler, DemoSiteServer

READY = "region-ready"


class RegionSiteServer(DemoSiteServer):
    """The demo's site server, bound to a given address instead of an ephemeral port."""

    def __init__(self, address: tuple[str, int]) -> None:
        ThreadingHTTPServer.__init__(self, address, DemoSiteHandler)
        self.site_dir = None
        self.routes = {}
        self.not_found = ""
        self.delay = 0.0
        self._thread = None


def serve(sites: dict[str, tuple[str, str]], latency: float) -> None:
    """Bind every site (name → (origin, folder)), say READY, answer until stdin closes."""
    selector = selectors.DefaultSelector()
    for origin, folder in sites.values():
        parts = urlsplit(origin)
        server = RegionSiteServer((parts.hostname, parts.port))
        server.load(Path(folder))
        server.delay = max(server.delay, latency)
        selector.register(server.socket, selectors.EVENT_READ, server)
    threading.Thread(target=_accept, args=(selector,), daemon=True).start()
    print(READY, flush=True)
    sys.stdin.read()  # the parent closes our stdin to stop us


def _accept(selector: selectors.BaseSelector) -> None:
    while True:
        for key, _ in selector.select():
            key.data._handle_request_noblock()  # what serve_forever does for one server


if __name__ == "__main__":
    plan = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    serve(plan["sites"], plan["latency"])
