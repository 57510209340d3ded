"""Opening a map in headless Chromium with the network cut, for the browser tests and bench/view.py.

Needs Playwright (the dev dependency group) and Debian's ``chromium`` at /usr/bin/chromium; Playwright's
own browser downloads are never used.
"""
from __future__ import annotations

import contextlib
import shutil
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_missing() -> str | None:
    """Why a browser cannot be driven here, or None when it can."""
    if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
        return f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (the dev dependency group)"
    return None


@dataclass
class PageLog:
    """What the page did besides drawing: console errors, dialogs it opened, requests that were blocked."""

    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)


@contextlib.contextmanager
def offline_page(width: int = 1300, height: int = 850):
    """Yield ``(page, log)``: a fresh Chromium page that may fetch ``file://`` URLs and nothing else."""
    from playwright.sync_api import sync_playwright

    log = PageLog()
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.on("console", lambda msg: log.errors.append(msg.text) if msg.type == "error" else None)
            page.on("pageerror", lambda exc: log.errors.append(str(exc)))
            page.on("dialog", lambda dialog: (log.dialogs.append(dialog.message), dialog.dismiss()))
            page.route("**/*", lambda route: _only_files(route, log))
            yield page, log
        finally:
            browser.close()


def _only_files(route, log: PageLog) -> None:
    url = route.request.url
    if url.startswith("file://"):
        route.continue_()
        return
    log.blocked.append(url)
    route.abort()


def open_map(page, path: Path | str, timeout_ms: int = 60_000) -> float:
    """Load the map at ``path`` and wait until vis-network has drawn it; the ms from navigation to drawn."""
    page.goto(Path(path).resolve().as_uri())
    # Selectors, not wait_for_function: the page's Content-Security-Policy forbids the eval it uses.
    page.wait_for_selector("body[data-drawn='1']", state="attached", timeout=timeout_ms)
    return page.evaluate("window.kgView.drawnAt")


def hover_link(page, link: int | None = None, timeout_ms: int = 30_000) -> int | None:
    """Point the mouse at the middle of line ``link`` and wait until the side panel lists a line.

    With ``link`` None, the first line (of the first 300) whose middle is on screen and clear of
    nodes. Waits for the physics to settle first, so the line is still where it was measured.
    Returns the line the panel then lists (where lines cross, vis-network may pick another one), or
    None, the mouse not moved, when no line is clear.
    """
    page.wait_for_selector("body[data-settled='1']", state="attached", timeout=timeout_ms)
    found = page.evaluate(_CLEAR_LINK, [] if link is None else [int(link)])
    if found is None:
        return None
    link, x, y = found
    page.mouse.move(x - 6, y - 6)
    page.mouse.move(x, y)
    shown = page.wait_for_selector("#kg-details[data-link]", state="attached", timeout=timeout_ms)
    return int(shown.get_attribute("data-link"))


_CLEAR_LINK = """(wanted) => {
    const view = window.kgView, network = view.network;
    const box = document.getElementById('kg-network').getBoundingClientRect();
    const ids = wanted.length ? wanted : view.edges.getIds().slice(0, 300);
    for (const id of ids) {
        if (view.edges.get(id).hidden) continue;
        const at = network.canvasToDOM(network.body.edges[id].edgeType.getPoint(0.5));
        const inside = at.x > 8 && at.y > 8 && at.x < box.width - 8 && at.y < box.height - 8;
        if (inside && network.getNodeAt(at) === undefined && network.getEdgeAt(at) === id) {
            return [id, box.left + at.x, box.top + at.y];
        }
    }
    return null;
}"""
