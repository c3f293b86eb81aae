"""build_site end to end: a real ``mkdocs build`` with the wigboard theme into tmp_path."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from site_builder.conftest import Builder, html_files
from site_builder.factory import PEOPLE, TITLES, make_config, make_result
from wigboard.errors import BuildError
from wigboard.site_builder import build_site

EXPECTED_PAGES = [
    "index.html",
    "wigs/on-time/index.html",
    "wigs/waste/index.html",
    "wigs/five-star/index.html",
    "teams/ground-ops/index.html",
    "teams/guest/index.html",
    "session/index.html",
    "okrs/index.html",
    "kpis/index.html",
    "selection/index.html",
    "freshness/index.html",
    "tv/index.html",
    "tv/on-time/index.html",
    "tv/waste/index.html",
    "tv/five-star/index.html",
    "api/scoreboard.json",
    "badges/on-time.svg",
    "badges/waste.svg",
    "badges/five-star.svg",
    "feed.xml",
]


def test_every_page_and_machine_output_is_built(build: Builder) -> None:
    site = build()
    missing = [p for p in EXPECTED_PAGES if not (site / p).is_file()]
    assert missing == []
    assert not (site / "sitemap.xml").exists()  # dated by MkDocs: removed for determinism


def test_overview_tiles_show_status_as_word_and_icon_not_only_colour(build: Builder) -> None:
    html = (build() / "index.html").read_text()
    tiles = re.findall(r'<article class="wb-tile wb-s-(\w+)">(.*?)</article>', html, re.S)
    assert [status for status, _ in tiles] == ["green", "red", "unclear"]
    on_time, waste, unclear = (body for _, body in tiles)
    assert "✔</span> On pace" in on_time
    assert "✖</span> Off pace" in waste
    assert "?</span> Unclear goal" in unclear
    assert "79.3%" in on_time and "Expected on pace: <strong>76.5%</strong>" in on_time
    assert "▲ +0.4%" in on_time  # trend arrow and change since last week
    assert "was At risk" in on_time
    # a decreasing goal: going down is good
    assert '<span class="wb-trend wb-good">▼ −0.2 $M</span>' in waste


def test_wig_page_has_chart_with_text_alternative_table_and_breakdown(build: Builder) -> None:
    html = (build() / "wigs" / "waste" / "index.html").read_text()
    assert 'role="img"' in html and '<desc id="lag-waste-d">' in html
    assert "<caption>Waste measured values</caption>" in html
    assert "Left out for lack of data: lead, commitments" in html
    assert "Not enough data (n = 3" in html
    on_time = (build("b") / "wigs" / "on-time" / "index.html").read_text()
    assert "r = 0.62</strong> over n = 20" in on_time
    assert "Turnaround drills per person" in on_time and "Ana Lima" in on_time


def test_stale_source_puts_a_banner_on_every_page(build: Builder) -> None:
    site = build(stale=True)
    pages = html_files(site)
    assert len(pages) >= 15
    for page in pages:
        if page.name == "404.html":
            continue
        assert "Stale data" in page.read_text(), page
    fresh = build("fresh")
    assert "Stale data" not in (fresh / "index.html").read_text()


def test_a_stale_source_still_builds_in_strict_mode(tmp_path: Path) -> None:
    # Failing on a broken source under --strict is the pipeline's decision, made before
    # rendering; once it hands over stale data, the site shows it with the banner.
    build_site(make_config(), make_result(stale=True), tmp_path / "s", strict=True)
    assert (tmp_path / "s" / "index.html").is_file()


def test_two_builds_are_byte_identical(build: Builder) -> None:
    first, second = build("one"), build("two")
    files_one = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    files_two = sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert files_one == files_two
    for rel in files_one:
        assert (first / rel).read_bytes() == (second / rel).read_bytes(), rel


def test_public_mode_leaves_no_names_or_titles_anywhere(build: Builder) -> None:
    site = build(public=True)
    secrets = [*PEOPLE["ground-ops"], *PEOPLE["guest"], *TITLES, "OPS-10", "HTTP 503"]
    for path in site.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            leaked = [s for s in secrets if s in text]
            assert leaked == [], f"{path.relative_to(site)} leaks {leaked}"
    session = (site / "session" / "index.html").read_text()
    assert "31 of 40 commitments kept" in session  # counts stay


def test_private_mode_does_show_names_and_titles(build: Builder) -> None:
    session = (build(stale=True) / "session" / "index.html").read_text()
    assert "Ana Lima" in session and TITLES[0] in session
    assert 'href="https://github.com/acme-air/ground-ops/issues/10"' in session


def test_pages_carry_a_restrictive_csp_and_load_nothing_from_elsewhere(build: Builder) -> None:
    for page in html_files(build()):
        html = page.read_text()
        assert "Content-Security-Policy" in html and "default-src 'none'" in html
        assert "<script" not in html
        assert ' style="' not in html  # CSP: no inline styles
        loaded = re.findall(r'<(?:link|img|script)[^>]*(?:src|href)="([^"]+)"', html)
        assert all(not u.startswith(("http:", "https:", "//")) for u in loaded), loaded


def test_tv_slides_refresh_in_a_cycle(build: Builder) -> None:
    site = build()
    chain = []
    page = "tv/index.html"
    for _ in range(5):
        html = (site / page).read_text()
        match = re.search(r'<meta http-equiv="refresh" content="20;url=([^"]+)">', html)
        assert match, page
        chain.append(page)
        target = (site / page).parent / match.group(1) / "index.html"
        page = target.resolve().relative_to(site.resolve()).as_posix()
    assert chain == [
        "tv/index.html",
        "tv/on-time/index.html",
        "tv/waste/index.html",
        "tv/five-star/index.html",
        "tv/index.html",
    ]
    assert 'class="wb-layout-tv"' in (site / "tv" / "index.html").read_text()


def test_unwritable_output_is_a_build_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(BuildError):
        build_site(make_config(), make_result(), blocker / "site")


def test_scoreboard_json_is_written_sorted(build: Builder) -> None:
    text = (build() / "api" / "scoreboard.json").read_text()
    data = json.loads(text)
    assert text == json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    assert [w["id"] for w in data["wigs"]] == ["on-time", "waste", "five-star"]


def test_live_reload_relaxes_the_csp_only_when_asked(tmp_path: Path) -> None:
    build_site(make_config(), make_result(), tmp_path / "serve", live_reload=True)
    relaxed = (tmp_path / "serve" / "index.html").read_text()
    assert "script-src 'self' 'unsafe-inline'" in relaxed
    build_site(make_config(), make_result(), tmp_path / "publish")
    assert "script-src" not in (tmp_path / "publish" / "index.html").read_text()
