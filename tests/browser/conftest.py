"""Browser tests: headless Debian Chromium driven by Playwright, the site served on loopback.

Without ``/usr/bin/chromium`` these tests are skipped with a visible reason,
except under ``WIGBOARD_REQUIRE_BROWSER=1`` (set by ``.ci/run``), where a
missing browser fails the run: CI must really exercise the site in a browser.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path(os.environ.get("WIGBOARD_CHROMIUM", "/usr/bin/chromium"))
"""The browser; ``WIGBOARD_CHROMIUM`` overrides the path (used to test the skip/fail logic)."""
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def _browser_missing_reason() -> str | None:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} not found (Debian package chromium; `make browser-deps` installs it)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[test]')"
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip (or, when required, fail) the browser tests when no browser is available."""
    reason = _browser_missing_reason()
    if reason is None:
        return
    if os.environ.get("WIGBOARD_REQUIRE_BROWSER") == "1":
        return  # the ``browser`` fixture fails each test instead
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(pytest.mark.skip(reason=f"browser tests skipped: {reason}"))


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """A headless Chromium for the whole session (one process: the machine is small)."""
    reason = _browser_missing_reason()
    if reason is not None:
        if os.environ.get("WIGBOARD_REQUIRE_BROWSER") == "1":
            pytest.fail(f"WIGBOARD_REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(f"browser tests skipped: {reason}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def serve() -> Iterator[Any]:
    """Return ``serve(folder) -> base URL``; servers stop at the end of the session."""
    servers: list[http.server.ThreadingHTTPServer] = []

    def _serve(folder: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield _serve
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Folder for screenshots (gitignored)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
