"""What a school page rendered in chromium may do: reach its own site only, nothing else.

The page is untrusted and its scripts run. Routing (PLAYWRIGHT_ABORT_REQUEST) only sees the
requests a page makes through the network stack it routes, so the fence is laid lower:
- every connection chromium opens (pages, workers, popups, WebSockets) goes to a proxy that
  is a closed port, except those to the registry's own sites (the proxy's bypass list);
- WebRTC may not send UDP outside a proxy (so no STUN/TURN to anything), and the page's
  scripts find no RTCPeerConnection and no window.open;
- service workers are blocked, and every page has a hard time budget: a script that loops
  forever costs that budget, then the page is closed and the render is a recorded timeout.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import Iterable

from scrapy.exceptions import DownloadTimeoutError
from scrapy_playwright.handler import ScrapyPlaywrightDownloadHandler

HANDLER = "crawler.browser_fence.FencedPlaywrightHandler"
BUDGET_SETTING = "CRAWL_RENDER_BUDGET_SECONDS"
PAGE_META = "fenced_page"  # request meta: the page being rendered, to close on a timeout
CLOSE_SECONDS = 5.0
WEBRTC_ARGS = (
    "--force-webrtc-ip-handling-policy=disable_non_proxied_udp",
    "--webrtc-ip-handling-policy=disable_non_proxied_udp",
)
# Runs in every frame before the page's own scripts.
FENCE_SCRIPT = """
(() => {
  for (const name of ["RTCPeerConnection", "webkitRTCPeerConnection", "RTCDataChannel",
                      "RTCIceTransport", "RTCRtpSender", "RTCRtpReceiver"]) {
    try { Object.defineProperty(window, name, {value: undefined, configurable: false}); }
    catch (e) {}
  }
  try {
    Object.defineProperty(window, "open", {value: () => null, configurable: false});
  } catch (e) {}
})();
"""
_black_hole: socket.socket | None = None


def black_hole_port() -> int:
    """A local port bound for the life of the process but never listening: connections to it
    are refused at once. Chromium's proxy points here, so whatever is not bypassed fails."""
    global _black_hole
    if _black_hole is None:
        _black_hole = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        _black_hole.bind(("127.0.0.1", 0))
    return _black_hole.getsockname()[1]


def proxy_args(own_netlocs: Iterable[str]) -> list[str]:
    """Chromium switches: every connection to the black hole, except to the registry's sites.

    Each site is written with its port (default ports spelt out), so another service on the
    same host stays behind the proxy. `<-loopback>` comes first (its place matters): without
    it chromium never proxies 127.0.0.1, and after the rules it would override them.
    """
    rules = ["<-loopback>"]
    for netloc in sorted(own_netlocs):
        rules += [netloc] if _has_port(netloc) else [f"{netloc}:80", f"{netloc}:443"]
    return [
        f"--proxy-server=http://127.0.0.1:{black_hole_port()}",
        f"--proxy-bypass-list={';'.join(rules)}",
    ]


def _has_port(netloc: str) -> bool:
    tail = netloc.rsplit("]", 1)[-1]  # an IPv6 literal has colons of its own
    return ":" in tail


async def fence_page(page, request) -> None:
    """scrapy-playwright's page init callback: the fence script, popups closed at once."""
    request.meta[PAGE_META] = page
    await page.add_init_script(FENCE_SCRIPT)
    page.on("popup", _close_popup)


def _close_popup(popup) -> None:
    asyncio.ensure_future(popup.close())


class FencedPlaywrightHandler(ScrapyPlaywrightDownloadHandler):
    """scrapy-playwright's handler with a hard time budget per rendered page.

    Navigation has its own timeout, but page methods and reading the DOM do not: a busy
    script would hold them forever. Past the budget the page is closed and the request fails
    with DownloadTimeoutError, which the spider records as a timeout of the render.
    """

    def __init__(self, crawler) -> None:
        super().__init__(crawler)
        self.budget = crawler.settings.getfloat(BUDGET_SETTING, 60.0)

    async def _download_request(self, request, spider=None):
        try:
            return await asyncio.wait_for(super()._download_request(request, spider), self.budget)
        except TimeoutError as error:
            page = request.meta.pop(PAGE_META, None)
            if page is not None:
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(page.close(run_before_unload=False), CLOSE_SECONDS)
            raise DownloadTimeoutError(
                f"rendering {request.url} took longer than {self.budget:.0f} s"
            ) from error
        finally:
            request.meta.pop(PAGE_META, None)
