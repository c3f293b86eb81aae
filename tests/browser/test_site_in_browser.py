"""The built scoreboard in a real browser: clean console, no foreign requests, inert XSS."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from site_builder.factory import XSS, make_config, make_result
from wigboard.site_builder import build_site

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "site"
    build_site(make_config(hostile=True), make_result(hostile=True, stale=True), out, strict=True)
    return out


@pytest.fixture(scope="module")
def clean_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "clean"
    build_site(make_config(), make_result(), out, strict=True)
    return out


def _pages(site: Path) -> list[str]:
    return sorted(
        p.relative_to(site).as_posix().removesuffix("index.html") for p in site.rglob("index.html")
    )


def test_every_page_loads_cleanly_and_the_xss_corpus_stays_text(
    browser: Any, serve: Any, hostile_site: Path
) -> None:
    base = serve(hostile_site)
    host = urlsplit(base).netloc
    problems: list[str] = []
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.on(
        "console",
        lambda m: (
            problems.append(f"console {m.type}: {m.text}")
            if m.type in {"error", "warning"}
            else None
        ),
    )
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    page.on(
        "request",
        lambda r: (
            problems.append(f"foreign request: {r.url}")
            if urlsplit(r.url).scheme in {"http", "https"} and urlsplit(r.url).netloc != host
            else None
        ),
    )
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
    pages = _pages(hostile_site)
    assert len(pages) >= 15
    for path in pages:
        response = page.goto(base + path, wait_until="load")
        assert response is not None and response.ok, path
        page.wait_for_timeout(50)  # let any injected handler run (none must)
        assert page.locator(".wb-banner").count() >= 1, f"{path}: no stale banner"
    page.goto(base + "session/")
    text = " ".join(page.inner_text("main").split())
    for attack in XSS:
        assert " ".join(attack.split()) in text, attack
    assert (
        page.evaluate("document.querySelectorAll('main script, main img, main iframe').length") == 0
    )
    context.close()
    assert problems == []


@pytest.mark.parametrize("width,height", [(1920, 1080), (375, 812)])
def test_overview_and_tv_screenshots_are_readable(
    browser: Any, serve: Any, clean_site: Path, artifacts: Path, width: int, height: int
) -> None:
    base = serve(clean_site)
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    for name, path in [("overview", ""), ("tv", "tv/"), ("tv-wig", "tv/on-time/")]:
        page.goto(base + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} scrolls sideways at {width}px"
        page.screenshot(path=str(artifacts / f"{name}-{width}x{height}.png"))
        if name.startswith("tv") and width == 1920:
            tall = page.evaluate("document.documentElement.scrollHeight")
            assert tall <= height, f"{name} does not fit one 1080p screen ({tall}px)"
            big = page.evaluate(
                "parseFloat(getComputedStyle(document.querySelector('.wb-tv-num')).fontSize)"
            )
            assert big >= 90  # readable from across the room
    smallest = page.evaluate(
        "Math.min(...[...document.querySelectorAll('main p, main li, main td')]"
        ".filter(e => e.offsetParent).map(e => parseFloat(getComputedStyle(e).fontSize)))"
    )
    assert smallest >= 12
    context.close()
