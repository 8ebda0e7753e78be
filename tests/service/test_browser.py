"""The feed index and the status page in a real browser: headless Chromium (Debian's
``chromium``), driven over the Chrome DevTools protocol, against ``newsdesk run`` with the
demo. Screenshots are left in the test's temporary directory (and copied to
``$NEWSDESK_SCREENSHOTS`` if set)."""

from __future__ import annotations

import base64
import itertools
import json
import os
import shutil
import sys
from pathlib import Path

import pytest
from servicekit import finished_runs, http_get, service_argv
from testkit import Process, free_port, wait_for

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync",
    "--window-size=1280,1800", "--remote-debugging-port=0",
)  # fmt: skip


class Browser:
    """Just enough of the DevTools protocol: navigate, evaluate, screenshot."""

    def __init__(self, ws) -> None:
        self.ws = ws
        self._ids = itertools.count(1)
        self.call("Page.enable")

    def call(self, method: str, **params):
        msg_id = next(self._ids)
        self.ws.send(json.dumps({"id": msg_id, "method": method, "params": params}))
        while True:
            reply = json.loads(self.ws.recv(timeout=60))
            if reply.get("id") == msg_id:
                assert "error" not in reply, reply
                return reply["result"]

    def open(self, url: str) -> None:
        self.call("Page.navigate", url=url)
        wait_for(url, lambda: self.evaluate("document.readyState") == "complete", 30)

    def evaluate(self, expression: str):
        return self.call("Runtime.evaluate", expression=expression, returnByValue=True)[
            "result"
        ].get("value")

    def screenshot(self, path: Path) -> None:
        data = self.call("Page.captureScreenshot", format="png", captureBeyondViewport=True)
        path.write_bytes(base64.b64decode(data["data"]))
        if os.environ.get("NEWSDESK_SCREENSHOTS"):
            shutil.copy(path, os.environ["NEWSDESK_SCREENSHOTS"])


@pytest.fixture
def browser(tmp_path, processes):
    if CHROMIUM is None:
        pytest.skip("needs Chromium (apt-get install chromium chromium-driver)")
    profile = tmp_path / "chromium-profile"
    proc: Process = processes([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
                              tmp_path, "chromium")  # fmt: skip
    port_file = profile / "DevToolsActivePort"
    port = wait_for("Chromium", lambda: port_file.exists() and port_file.read_text().split()[0], 60)
    targets = json.loads(http_get(f"http://127.0.0.1:{port}/json/list")[1])
    page = next(t for t in targets if t["type"] == "page")
    from websockets.sync.client import connect

    with connect(page["webSocketDebuggerUrl"], max_size=None, open_timeout=30) as ws:
        yield Browser(ws)
    proc.kill_group()


@pytest.fixture
def demo_service(tmp_path, processes):
    port = free_port()
    archive = tmp_path / "archive.db"
    argv = service_argv(archive, port, "--demo", "--demo-publish-every", "2s")
    processes(argv, tmp_path, "service")
    wait_for("the first crawl", lambda: finished_runs(archive), 120)
    yield f"http://127.0.0.1:{port}/"


def test_index_and_status_in_chromium(browser, demo_service, tmp_path):
    browser.open(demo_service)
    feeds = browser.evaluate("[...document.querySelectorAll('a.f')].map(a => a.href)")
    headings = browser.evaluate("[...document.querySelectorAll('h2')].map(h => h.textContent)")
    browser.screenshot(tmp_path / "index.png")
    assert f"{demo_service}feeds/all.atom" in feeds
    assert f"{demo_service}feeds/source/levantpost.rss" in feeds
    assert headings[:1] == ["Everything"] and "Sources" in headings

    browser.open(demo_service + "status")
    rows = browser.evaluate("[...document.querySelectorAll('#sources tr[id]')].map(r => r.id)")
    bars = browser.evaluate("document.querySelectorAll('#chart-topic svg rect.bar').length")
    region_bars = browser.evaluate("document.querySelectorAll('#chart-region rect.bar').length")
    chart_width = browser.evaluate(
        "document.querySelector('#chart-topic svg').getBoundingClientRect().width"
    )
    browser.screenshot(tmp_path / "status.png")
    assert rows == [f"source-{s}" for s in ("courrier", "gulfcourier", "levantpost", "rundschau",
                                            "sada")]  # fmt: skip
    assert bars >= 5 and region_bars >= 5  # the backlog spans six days
    assert chart_width == 800
    assert (tmp_path / "status.png").stat().st_size > 10_000
    print(f"screenshots: {tmp_path}/index.png {tmp_path}/status.png", file=sys.stderr)
