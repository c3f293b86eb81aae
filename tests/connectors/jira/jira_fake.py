"""A fake Jira (Cloud or Data Center) on top of `responses`, built from the fixtures in data/.

It answers serverInfo, field, myself and both search endpoints the way Jira does:
Cloud pages with nextPageToken/isLast on /rest/api/3/search/jql and answers 410 on the
removed /rest/api/{2,3}/search; Data Center pages with startAt/maxResults/total on
/rest/api/2/search. It reads `updated >= "yyyy-MM-dd HH:mm"` in the timezone of the
/myself profile, exactly as Jira does, and honours `fields=id`.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import responses

from wigboard.config import Config, JiraSource, Lag, LeadMeasure, Scoreboard, Selector, Wig
from wigboard.connectors.base import SyncContext
from wigboard.connectors.jira import JiraConnector, JiraTuning
from wigboard.model import SourceSnapshot, parse_timestamp

DATA = Path(__file__).parent / "data"
CLOUD = "https://acme-air.atlassian.net"
DC = "https://jira.acme-air.example"

Issue = dict[str, Any]


def load(name: str) -> Any:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def cloud_issue(n: int, updated: str = "2026-06-25T17:00:12.345+0200", **fields: Any) -> Issue:
    """Issue n (key GX-n) in Cloud's shape, from the first issue of the fixture page."""
    raw = copy.deepcopy(load("cloud_search_jql.json")["issues"][0])
    raw["id"], raw["key"] = str(10000 + n), f"GX-{n}"
    raw["self"] = f"{CLOUD}/rest/api/3/issue/{10000 + n}"
    raw["fields"]["updated"] = updated
    raw["fields"].update(fields)
    return raw


def dc_issue(n: int, **fields: Any) -> Issue:
    raw = copy.deepcopy(load("dc_search.json")["issues"][0])
    raw["id"], raw["key"] = str(20000 + n), f"OPS-{n}"
    raw["self"] = f"{DC}/rest/api/2/issue/{20000 + n}"
    raw["fields"].update(fields)
    return raw


_SINCE = re.compile(r'updated >= "(\d{4}-\d\d-\d\d \d\d:\d\d)"')


@dataclass
class FakeJira:
    rsps: responses.RequestsMock
    deployment: str = "cloud"
    issues: list[Issue] = field(default_factory=list)
    timezone: str = "Europe/Moscow"
    selectors: dict[str, Callable[[Issue], bool]] = field(default_factory=dict)
    """JQL fragment -> which issues it matches (when the fragment is in the query)."""
    searches: list[dict[str, list[str]]] = field(default_factory=list)
    search_status: list[tuple[int, dict[str, str], str]] = field(default_factory=list)
    """Answers to give to the next searches before the real ones (status, headers, body)."""

    @property
    def base(self) -> str:
        return CLOUD if self.deployment == "cloud" else DC

    def install(self) -> FakeJira:
        cloud = self.deployment == "cloud"
        prefix = "cloud" if cloud else "dc"
        for version in ("2", "3") if cloud else ("2",):
            api = f"{self.base}/rest/api/{version}"
            self.rsps.add(
                responses.GET, f"{api}/serverInfo", json=load(f"{prefix}_serverInfo.json")
            )
            self.rsps.add(responses.GET, f"{api}/field", json=load(f"{prefix}_field.json"))
            self.rsps.add_callback(responses.GET, f"{api}/myself", callback=self._myself)
        if cloud:
            gone = load("cloud_search_410.json")
            for version in ("2", "3"):
                self.rsps.add(
                    responses.GET, f"{self.base}/rest/api/{version}/search", json=gone, status=410
                )
            self.rsps.add_callback(
                responses.GET, f"{self.base}/rest/api/3/search/jql", callback=self._search_jql
            )
        else:
            self.rsps.add_callback(
                responses.GET, f"{self.base}/rest/api/2/search", callback=self._search_dc
            )
            missing = {"message": "null for uri: /rest/api/3/...", "status-code": 404}
            self.rsps.add(
                responses.GET,
                re.compile(rf"{re.escape(DC)}/rest/api/3/.*"),
                json=missing,
                status=404,
            )
        return self

    def _myself(self, request: Any) -> tuple[int, dict[str, str], str]:
        user = load("cloud_myself.json" if self.deployment == "cloud" else "dc_myself.json")
        user["timeZone"] = self.timezone
        return 200, {"Content-Type": "application/json"}, json.dumps(user)

    def _matching(self, query: dict[str, list[str]]) -> list[Issue]:
        jql = query["jql"][0]
        found = list(self.issues)
        since = _SINCE.search(jql)
        if since:
            moment = datetime.strptime(since.group(1), "%Y-%m-%d %H:%M").replace(
                tzinfo=ZoneInfo(self.timezone)
            )
            found = [i for i in found if parse_timestamp(i["fields"]["updated"]) >= moment]
        for fragment, predicate in self.selectors.items():
            if f"({fragment})" in jql:
                found = [i for i in found if predicate(i)]
        return found

    def _shaped(self, issue: Issue, fields: list[str]) -> Issue:
        if fields == ["id"]:
            return {"id": issue["id"]}
        kept = {k: v for k, v in issue["fields"].items() if k in fields}
        return {**issue, "fields": kept}

    def _canned(self) -> tuple[int, dict[str, str], str] | None:
        return self.search_status.pop(0) if self.search_status else None

    def _search_jql(self, request: Any) -> tuple[int, dict[str, str], str]:
        query = parse_qs(urlsplit(request.url).query)
        self.searches.append(query)
        canned = self._canned()
        if canned:
            return canned
        found = self._matching(query)
        start = int(query.get("nextPageToken", ["tok-0"])[0].removeprefix("tok-"))
        size = int(query["maxResults"][0])
        page = found[start : start + size]
        fields = query.get("fields", ["id"])
        body: dict[str, Any] = {"issues": [self._shaped(i, fields) for i in page]}
        if start + size < len(found):
            body["nextPageToken"] = f"tok-{start + size}"
            body["isLast"] = False
        else:
            body["isLast"] = True
        return 200, {"Content-Type": "application/json"}, json.dumps(body)

    def _search_dc(self, request: Any) -> tuple[int, dict[str, str], str]:
        query = parse_qs(urlsplit(request.url).query)
        self.searches.append(query)
        canned = self._canned()
        if canned:
            return canned
        found = self._matching(query)
        start = int(query.get("startAt", ["0"])[0])
        size = int(query["maxResults"][0])
        page = found[start : start + size]
        body = {
            "expand": "schema,names",
            "startAt": start,
            "maxResults": size,
            "total": len(found),
            "issues": [self._shaped(i, query.get("fields", [])) for i in page],
        }
        return 200, {"Content-Type": "application/json"}, json.dumps(body)


# -- test helpers: sources, config, a runner over one cache folder ----------------------------

NOW = datetime(2026, 12, 4, 16, 0, tzinfo=UTC)


def cloud_source(**changes: Any) -> JiraSource:
    return JiraSource(**{"kind": "jira", "url": CLOUD, "jql": "project = GX", **changes})


def dc_source(**changes: Any) -> JiraSource:
    base = {"kind": "jira", "url": DC, "jql": "project = OPS", "pat_env": "JIRA_PAT"}
    return JiraSource(**{**base, **changes})


def make_config(source: JiraSource, selectors: list[Selector] | None = None) -> Config:
    leads = [
        LeadMeasure(id=f"m{i}", name=f"Measure {i}", target=1, selector=s)
        for i, s in enumerate(selectors or [])
    ]
    wig = Wig(
        id="five-star",
        title="Raise 5-star ratings",
        team="org",
        lag=Lag(name="5-star", from_=42, to=55),
        lead_measures=leads,
    )
    return Config(
        scoreboard=Scoreboard(timezone="Europe/Oslo"), sources={"jira": source}, wigs=[wig]
    )


@dataclass
class Runner:
    """Runs syncs of one connector setup against one cache folder."""

    tmp_path: Path
    sleeps: list[float] = field(default_factory=list)

    def connector(
        self, source: JiraSource, config: Config | None = None, page_size: int = 100
    ) -> JiraConnector:
        tuning = JiraTuning(page_size=page_size, sleep=self.sleeps.append)
        return JiraConnector("jira", source, config or make_config(source), tuning=tuning)

    def context(self, full: bool = False, now: datetime = NOW) -> SyncContext:
        return SyncContext("jira", self.tmp_path / "cache", self.tmp_path, now, full)

    def sync(
        self, source: JiraSource, config: Config | None = None, *, full: bool = False, **kw: Any
    ) -> SourceSnapshot:
        return self.connector(source, config, **kw).sync(self.context(full=full))

    @property
    def cache_file(self) -> Path:
        return self.tmp_path / "cache" / "jira.json"


def calls_to(rsps: responses.RequestsMock, suffix: str) -> int:
    return sum(1 for c in rsps.calls if (c.request.url or "").split("?")[0].endswith(suffix))
