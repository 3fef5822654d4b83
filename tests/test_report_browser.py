"""The report page in a real browser: hostile corpus text shows literally and never runs.

Drives Debian's headless ``chromium`` over the Chrome DevTools Protocol
(``websockets``' sync client): every console message, exception, log entry
and network request of the page is recorded while it loads from disk, then
the DOM is inspected and a screenshot saved under the test's tmp folder.

Locally the test is skipped when chromium is missing; under ``CI=true`` it
fails instead (``.ci/run`` installs chromium), so CI can never pass by skipping it.
"""

from __future__ import annotations

import base64
import itertools
import json
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from dq.report.nightly import ReportOptions, ReportRun, run_report

if TYPE_CHECKING:
    from websockets.sync.client import ClientConnection

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--mute-audio",
    "--remote-debugging-port=0",
    # keep cross-site frames in the page's process: their requests reach the page's Network events
    "--disable-site-isolation-trials",
    "--disable-features=IsolateOrigins,site-per-process",
)
#: What a successful attack would do; the test looks for each trace after load.
PAYLOADS = (
    "<script>document.title='pwned';window.__pwned=1</script>",
    "<img src=x onerror=\"document.body.setAttribute('data-pwned','img')\">",
    "<a href=\"javascript:document.title='pwned'\">click me</a>",
    "</textarea><script>window.__pwned=2</script><textarea>",
    '"><svg onload="window.__pwned=3"><p id="pwned">',
    '</pre></div><iframe src="https://evil.example/x"></iframe>',
    "<style>@import url(https://evil.example/x.css);</style>"
    "<link rel=stylesheet href=//evil.example/y.css>",
)


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail("chromium is not installed; .ci/run installs it (apt-get install chromium)")
    pytest.skip("chromium is not installed (apt-get install chromium)")


def _hostile_corpus(path: Path) -> Path:
    clean = [
        json.loads(line)
        for line in (ROOT / "corpus" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    rows = [r for r in clean if "_clean_" in r["id"]][:6]
    for i, payload in enumerate(PAYLOADS):
        rows.append(
            {
                "id": f"hostile-{i}-{payload}",
                "title": f"Headline {payload}",
                "source": f"Evil Site {i} {payload}",
                "url": "javascript:document.title='pwned'",
                "author": payload,
                "text": (
                    "Council approves the new budget for the coming year after a long debate.\n"
                    f"{payload}\n"
                    "The vote passed by a wide margin and spending rises by four percent."
                ),
            }
        )
    lines = [json.dumps(r, ensure_ascii=False) for r in rows]
    lines.append('{"id": "broken <script>window.__pwned=4</script>", "text": ')  # quarantined
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _devtools_endpoint(proc: subprocess.Popen[bytes], profile: Path) -> str:
    """``ws://…`` of the browser, from the ``DevToolsActivePort`` file chromium writes."""
    port_file = profile / "DevToolsActivePort"
    deadline = time.monotonic() + 30
    while not (port_file.is_file() and len(port_file.read_text().splitlines()) >= 2):
        if time.monotonic() > deadline or proc.poll() is not None:
            raise RuntimeError("chromium did not start its DevTools endpoint")
        time.sleep(0.05)
    port, ws_path = port_file.read_text().splitlines()[:2]
    return f"ws://127.0.0.1:{port}{ws_path}"


class Browser:
    """One page of a headless chromium, spoken to over CDP; every event is kept."""

    def __init__(self, ws: ClientConnection) -> None:
        self.ws = ws
        self.ids = itertools.count(1)
        self.events: list[dict[str, Any]] = []
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)[
            "sessionId"
        ]

    def _next(self, timeout: float) -> dict[str, Any]:
        reply: dict[str, Any] = json.loads(self.ws.recv(timeout=max(0.05, timeout)))
        if "method" in reply:
            self.events.append(reply)
        return reply

    def call(
        self, method: str, *, session: bool = False, timeout: float = 30, **params: Any
    ) -> Any:
        msg_id = next(self.ids)
        msg: dict[str, Any] = {"id": msg_id, "method": method, "params": params}
        if session:
            msg["sessionId"] = self.session
        self.ws.send(json.dumps(msg))
        deadline = time.monotonic() + timeout
        while True:
            reply = self._next(deadline - time.monotonic())
            if reply.get("id") == msg_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})

    def page(self, method: str, **params: Any) -> Any:
        return self.call(method, session=True, **params)

    def wait_for(self, event: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while not any(e["method"] == event for e in self.events):
            self._next(deadline - time.monotonic())

    def settle(self, quiet: float = 0.5) -> None:
        """Collect events until none arrives for ``quiet`` seconds (late errors, late requests)."""
        while True:
            try:
                self._next(quiet)
            except TimeoutError:
                return


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Browser]:
    from websockets.sync.client import connect

    binary = _chromium()
    profile = tmp_path / "profile"
    proc = subprocess.Popen(
        [binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "about:blank"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        with connect(_devtools_endpoint(proc, profile), max_size=None, open_timeout=30) as ws:
            yield Browser(ws)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture
def hostile_report(tmp_path: Path) -> ReportRun:
    corpus = _hostile_corpus(tmp_path / "hostile.jsonl")
    options = ReportOptions(
        suite=ROOT / "tests" / "golden" / "report" / "suite.json",
        gx_docs=False,
        run_id="hostile",
        examples=len(PAYLOADS),
    )
    return run_report(
        [corpus],
        tmp_path / "reports",
        options=options,
        now=lambda: datetime(2024, 5, 1, 2, 0, tzinfo=UTC),
    )


DOM_PROBE = """
(() => {
  // examples fold per code (<details>); open them all so innerText holds every payload
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  const all = [...document.querySelectorAll('*')];
  return JSON.stringify({
    title: document.title,
    pwned: typeof window.__pwned === 'undefined' ? null : window.__pwned,
    dataPwned: document.querySelectorAll('[data-pwned]').length,
    pwnedId: document.getElementById('pwned') !== null,
    scripts: document.scripts.length,
    active: document.querySelectorAll(
      'img, iframe, object, embed, textarea, form, input, link, audio, video, base, ' +
      'meta[http-equiv=refresh]'
    ).length,
    handlers: all.filter(el => [...el.attributes].some(a => a.name.startsWith('on'))).length,
    hrefs: [...document.querySelectorAll('[href]')].map(el => el.getAttribute('href')),
    text: document.body.innerText,
    sections: [...document.querySelectorAll('section')].map(s => s.id),
    svgs: document.querySelectorAll('figure.chart svg').length,
    marks: document.querySelectorAll('mark').length,
    height: document.documentElement.scrollHeight,
  });
})()
"""


def test_report_opens_offline_and_hostile_text_stays_text(
    browser: Browser, hostile_report: ReportRun, tmp_path: Path
) -> None:
    page = hostile_report.folder / "index.html"
    url = page.resolve().as_uri()
    for domain in ("Page", "Runtime", "Log", "Network"):
        browser.page(f"{domain}.enable")
    browser.page(
        "Emulation.setDeviceMetricsOverride",
        width=1280,
        height=900,
        deviceScaleFactor=1,
        mobile=False,
    )
    browser.page("Page.navigate", url=url)
    browser.wait_for("Page.loadEventFired")
    browser.settle()
    probe = json.loads(
        browser.page("Runtime.evaluate", expression=DOM_PROBE, returnByValue=True)["result"][
            "value"
        ]
    )

    def events(name: str) -> list[dict[str, Any]]:
        return [e["params"] for e in browser.events if e["method"] == name]

    requests = [e["request"]["url"] for e in events("Network.requestWillBeSent")]
    assert requests and requests[0] == url
    assert all(u.startswith(("file://", "data:")) for u in requests), requests
    assert [u for u in requests if u.startswith("file://")] == [url]  # not even a local fetch
    console = [
        (e["type"], e.get("args"))
        for e in events("Runtime.consoleAPICalled")
        if e["type"] in {"error", "assert", "warning"}
    ]
    assert console == []
    assert events("Runtime.exceptionThrown") == []
    log = [
        (e["entry"]["level"], e["entry"]["text"])
        for e in events("Log.entryAdded")
        if e["entry"]["level"] in {"error", "warning"}
    ]
    assert log == []  # a CSP violation would show here: nothing even tried to run or fetch

    assert probe["title"] == "dq report hostile"
    assert probe["pwned"] is None and probe["dataPwned"] == 0 and not probe["pwnedId"]
    assert probe["scripts"] == 0 and probe["active"] == 0 and probe["handlers"] == 0
    assert set(probe["hrefs"]) <= {"summary.json"} | {
        h for h in probe["hrefs"] if h.startswith("#")
    }
    for payload in PAYLOADS:  # shown literally: in the example lines, titles, sources
        assert payload in probe["text"], payload
    assert "javascript:document.title='pwned'" not in probe["hrefs"]
    assert "broken <script>window.__pwned=4</script>" in probe["text"]  # quarantine excerpt
    assert probe["sections"] == [
        "regressions",
        "expectations",
        "rates",
        "sources",
        "trends",
        "examples",
        "quarantine",
    ]
    assert probe["svgs"] == 2 and probe["marks"] >= len(PAYLOADS)

    shot = browser.page(
        "Page.captureScreenshot",
        format="png",
        captureBeyondViewport=True,
        clip={"x": 0, "y": 0, "width": 1280, "height": min(probe["height"], 6000), "scale": 1},
    )
    png = tmp_path / "report.png"
    png.write_bytes(base64.b64decode(shot["data"]))
    assert png.stat().st_size > 20_000
