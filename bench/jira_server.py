"""A loopback fake Jira for the bench: N issues, both paging schemes, injected 429s.

Cloud (``deployment="cloud"``): ``/rest/api/2/serverInfo`` says ``Cloud``;
``/rest/api/3/search/jql`` pages with ``nextPageToken``/``isLast``.
Data Center: ``serverInfo`` says ``Server``; ``/rest/api/2/search`` pages with
``startAt``/``maxResults``/``total``. Every ``rate_limit_every``-th search is
answered ``429`` with ``Retry-After`` first. ``updated >= "..."`` clauses are
read in the user's timezone (``/myself``), like Jira does.

Run alone to poke at it: ``.venv/bin/python bench/jira_server.py 1000 cloud``.
"""

from __future__ import annotations

import json
import re
import sys
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

TZ = "America/Los_Angeles"
START = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
_SINCE = re.compile(r'updated >= "(\d{4}-\d\d-\d\d \d\d:\d\d)"')


def _status(done: bool) -> dict[str, Any]:
    key, name = ("done", "Done") if done else ("indeterminate", "In Progress")
    return {"id": "3" if done else "4", "name": name, "statusCategory": {"id": 3, "key": key}}


def make_issue(n: int, cloud: bool, updated: datetime | None = None) -> dict[str, Any]:
    created = START + timedelta(hours=3 * n)
    done = n % 3 != 0
    stamp = "%Y-%m-%dT%H:%M:%S.000+0000"
    user = (
        {"accountId": f"5b10ac8d82e05b22cc7d{n % 8:04d}", "displayName": f"P{n % 8}"}
        if cloud
        else {"name": f"person{n % 8}", "key": f"JIRAUSER{n % 8}", "displayName": f"P{n % 8}"}
    )
    sprint: Any = (
        {"id": n // 50, "name": f"S{n // 50}", "state": "closed",
         "startDate": created.strftime(stamp), "endDate": (created + timedelta(14)).strftime(stamp)}
        if cloud
        else f"com.atlassian.greenhopper.service.sprint.Sprint@1f[id={n // 50},rapidViewId=1,"
        f"state=CLOSED,name=S{n // 50},startDate={created.isoformat()},endDate=<null>,sequence=1]"
    )  # fmt: skip
    return {
        "id": str(10000 + n),
        "key": f"GX-{n}",
        "self": f"https://jira.invalid/rest/api/2/issue/{10000 + n}",
        "fields": {
            "summary": f"Issue {n}",
            "issuetype": {"id": "10003", "name": "Task", "subtask": False},
            "status": _status(done),
            "resolution": {"id": "10000", "name": "Done"} if done else None,
            "created": created.strftime(stamp),
            "updated": (updated or created + timedelta(hours=30)).strftime(stamp),
            "resolutiondate": (created + timedelta(hours=30)).strftime(stamp) if done else None,
            "labels": ["wig:five-star", "lead:guest-callbacks" if n % 2 else "lead:cabin-audits"],
            "components": [],
            "fixVersions": [{"id": "10010", "name": "Summer", "released": False}] if n % 5 else [],
            "assignee": user,
            "customfield_10020": [sprint],
            "customfield_10016": float(n % 5),
        },
    }


FIELDS = [
    {"id": "summary", "name": "Summary", "custom": False, "schema": {"type": "string"}},
    {"id": "customfield_10020", "name": "Sprint", "custom": True,
     "schema": {"type": "array", "items": "json", "custom": "com.pyxis.greenhopper.jira:gh-sprint",
                "customId": 10020}},
    {"id": "customfield_10016", "name": "Story Points", "custom": True,
     "schema": {"type": "number", "custom": "x:float", "customId": 10016}},
]  # fmt: skip


@dataclass
class FakeJiraState:
    """The issues served and what was asked."""

    n: int
    cloud: bool
    rate_limit_every: int = 0
    retry_after: int = 1
    issues: list[dict[str, Any]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    searches: int = 0

    def __post_init__(self) -> None:
        self.issues = [make_issue(i, self.cloud) for i in range(1, self.n + 1)]

    def count(self, path: str) -> None:
        self.counts[path] = self.counts.get(path, 0) + 1

    def matching(self, jql: str) -> list[dict[str, Any]]:
        since = _SINCE.search(jql)
        if not since:
            return self.issues
        local = datetime.strptime(since.group(1), "%Y-%m-%d %H:%M").replace(tzinfo=ZoneInfo(TZ))
        text = local.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000+0000")
        return [i for i in self.issues if i["fields"]["updated"] >= text]


def _handler(state: FakeJiraState) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            """Quiet."""

        def _send(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json;charset=UTF-8")
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            query = parse_qs(parts.query)
            state.count(parts.path)
            if parts.path.endswith("/serverInfo"):
                kind = "Cloud" if state.cloud else "Server"
                self._send(200, {"versionNumbers": [9, 12, 2], "deploymentType": kind})
            elif parts.path.endswith("/field"):
                self._send(200, FIELDS)
            elif parts.path.endswith("/myself"):
                self._send(200, {"accountId": "bench", "timeZone": TZ})
            elif parts.path.endswith(("/search/jql", "/rest/api/2/search")):
                self._search(parts.path, query)
            else:
                self._send(404, {"errorMessages": [f"no {parts.path}"]})

        def _search(self, path: str, query: dict[str, list[str]]) -> None:
            state.searches += 1
            every = state.rate_limit_every
            if every and state.searches % every == 0:
                headers = {"Retry-After": str(state.retry_after)}
                self._send(429, {"errorMessages": ["Rate limit exceeded."]}, headers)
                return
            found = state.matching(query["jql"][0])
            size = int(query["maxResults"][0])
            ids_only = query.get("fields") == ["id"]
            if path.endswith("/search/jql"):
                start = int(query.get("nextPageToken", ["0"])[0])
            else:
                start = int(query.get("startAt", ["0"])[0])
            page = found[start : start + size]
            issues = [{"id": i["id"]} for i in page] if ids_only else page
            if path.endswith("/search/jql"):
                body: dict[str, Any] = {"issues": issues, "isLast": start + size >= len(found)}
                if not body["isLast"]:
                    body["nextPageToken"] = str(start + size)
            else:
                body = {"startAt": start, "maxResults": size, "total": len(found), "issues": issues}
            self._send(200, body)

    return Handler


class FakeJiraServer:
    """Serve a :class:`FakeJiraState` on 127.0.0.1 in a thread (a context manager)."""

    def __init__(self, state: FakeJiraState) -> None:
        self.state = state
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __enter__(self) -> FakeJiraServer:
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


if __name__ == "__main__":
    count, kind = int(sys.argv[1]), sys.argv[2]
    with FakeJiraServer(FakeJiraState(count, kind == "cloud")) as server:
        print(f"fake Jira ({kind}, {count} issues) at {server.url}; Ctrl-C to stop")
        threading.Event().wait()
