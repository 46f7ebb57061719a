"""Pages rendered in chromium are fenced: a hostile page's scripts reach its own site only,
and a script that never yields costs a bounded time (docs/security.md)."""

from __future__ import annotations

import functools
import json
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import duckdb
import pytest
from support import LOCAL_CRAWL, ORDER, write_registry

from cmn_audit.config import init_workspace, load_workspace
from cmn_audit.demo.documents import pdf_bytes
from cmn_audit.messages import PARTIAL_CHECK_REASONS
from cmn_audit.pipeline import outputs
from cmn_audit.pipeline.audit import run_audit
from crawler.chromium import chromium_path

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SECTION = (
    '<html><head><meta charset="utf-8"><title>Наставничество</title></head><body><main>'
    '<h1>Наставничество</h1><a href="/files/prikaz.pdf">Приказ о внедрении ЦМН</a>'
    "</main></body></html>"
)
MENU = [{"title": "Наставничество", "url": "/nastavnichestvo/"}]


def shell(script: str) -> str:
    """A home page whose menu a script writes from /menu.json, after `script` has run."""
    return f"""<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>Школа</title>
</head><body><nav id="menu"></nav><main><h1>Школа</h1></main>
<noscript>Включите JavaScript.</noscript>
<script>{script}
fetch("/menu.json").then(r => r.json()).then(items => {{
  const nav = document.getElementById("menu");
  for (const item of items) {{
    const a = document.createElement("a"); a.href = item.url; a.textContent = item.title;
    nav.appendChild(a);
  }}
}});
</script></body></html>"""


def escapes(internal: int, udp: int, turn: int) -> str:
    """Every way out the issue found: fetch, WebSocket from the page and from a worker,
    a popup, WebRTC STUN over UDP and TURN over TCP (also from a fresh iframe's window)."""
    return f"""
const target = "127.0.0.1:{internal}";
fetch("http://" + target + "/fetch").catch(() => {{}});
try {{ new WebSocket("ws://" + target + "/socket"); }} catch (e) {{}}
const code = "fetch('http://" + target + "/worker').catch(() => {{}});"
  + "try {{ new WebSocket('ws://" + target + "/worker-socket'); }} catch (e) {{}}";
new Worker(URL.createObjectURL(new Blob([code])));
try {{ window.open("http://" + target + "/popup"); }} catch (e) {{}}
const frame = document.createElement("iframe"); document.body.appendChild(frame);
for (const scope of [window, frame.contentWindow]) {{
  try {{
    const peer = new scope.RTCPeerConnection({{iceServers: [
      {{urls: "stun:127.0.0.1:{udp}"}},
      {{urls: "turn:127.0.0.1:{turn}?transport=tcp", username: "u", credential: "p"}}]}});
    peer.createDataChannel("x");
    peer.createOffer().then(offer => peer.setLocalDescription(offer));
  }} catch (e) {{}}
}}
"""


CDN_SHELL = """<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>Школа</title>
<script src="{script}"></script></head><body><nav id="menu"></nav><main><h1>Школа</h1></main>
</body></html>"""
BUSY = 'addEventListener("load", () => setTimeout(() => { for (;;) {} }, 0));'


class Internal:
    """A service of the centre's network on 127.0.0.1: HTTP, a UDP and a TCP port, all counted."""

    def __init__(self) -> None:
        self.hits: list[str] = []
        hits = self.hits

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - the stdlib's name
                hits.append(f"http {self.path}")
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.udp.bind(("127.0.0.1", 0))
        self.tcp = socket.socket()
        self.tcp.bind(("127.0.0.1", 0))
        self.tcp.listen()
        for target in (self.http.serve_forever, self._udp, self._tcp):
            threading.Thread(target=target, daemon=True).start()

    def _udp(self) -> None:
        while True:
            self.udp.recvfrom(4096)
            self.hits.append("udp")

    def _tcp(self) -> None:
        while True:
            connection, _ = self.tcp.accept()
            self.hits.append("tcp")
            connection.close()

    def ports(self) -> tuple[int, int, int]:
        return (
            self.http.server_address[1],
            self.udp.getsockname()[1],
            self.tcp.getsockname()[1],
        )


def school(static_site, script: str) -> str:
    return static_site(
        {
            "index.html": shell(script),
            "menu.json": json.dumps(MENU, ensure_ascii=False),
            "nastavnichestvo/index.html": SECTION,
            "files/prikaz.pdf": pdf_bytes(ORDER),
        }
    )


@pytest.fixture
def fenced_crawl(tmp_path, static_site, monkeypatch) -> Iterator[dict]:
    assert chromium_path() is not None, "Chromium is needed: scripts/install-system-packages.sh"
    internal = Internal()
    hostile = school(static_site, escapes(*internal.ports()))
    busy = school(static_site, BUSY)
    # A menu written by a script from another host (a CDN): the fenced browser cannot load it.
    elsewhere = static_site(
        {"index.html": CDN_SHELL.format(script=f"http://127.0.0.1:{internal.ports()[0]}/menu.js")}
    )
    init_workspace(tmp_path / "ws", overrides={"crawl": {**LOCAL_CRAWL, "timeout_seconds": 2}})
    workspace = load_workspace(tmp_path / "ws")
    registry = write_registry(tmp_path / "registry.csv", hostile, "hostile")
    with registry.open("a", encoding="utf-8") as handle:
        for org_id, site in (("busy", busy), ("cdn", elsewhere)):
            handle.write(f"{org_id},Школа,Школа,школа,{site},s@example.ru,Иванов И. И.,Район\n")
    quick = functools.partial(outputs.write_run_reports, formats=("json",))
    monkeypatch.setattr(outputs, "write_run_reports", quick)
    started = time.monotonic()
    outcome = run_audit(workspace, registry, echo=lambda _: None)
    seconds = time.monotonic() - started
    time.sleep(0.5)  # anything still on its way to the internal service
    con = duckdb.connect(str(workspace.db_path), read_only=True)
    yield {"con": con, "run": outcome.run_id, "hits": internal.hits, "seconds": seconds}
    con.close()


def test_rendered_pages_reach_their_own_site_only_within_a_time_budget(fenced_crawl):
    """One crawl of three sites: the hostile page's scripts reach nothing but their own site
    (whose menu still renders); the page whose script never yields costs its budget only; a
    menu whose script lives on another host stays unbuilt, and the site is not judged."""
    assert fenced_crawl["hits"] == []
    sites = {
        org_id: rest
        for org_id, *rest in fenced_crawl["con"]
        .execute(
            "SELECT org_id, section_url, site_status, site_error FROM sites WHERE run_id = ?",
            [fenced_crawl["run"]],
        )
        .fetchall()
    }
    assert sites["hostile"][0].endswith("/nastavnichestvo/")  # /menu.json still came
    render_failed = PARTIAL_CHECK_REASONS["js_menu_render_failed"]
    assert sites["busy"][1:] == ["incomplete", render_failed]
    assert sites["cdn"][1:] == ["incomplete", render_failed]
    assert fenced_crawl["seconds"] < 60
