# ruff: noqa: E501
"""A loopback fake of the GitHub API for the connector benchmark.

Serves one repo of N issues in real pages (``Link`` headers to
``/repositories/{id}/issues?...&page=K``, 100 a page, newest-updated first,
``since=`` honoured), a milestone listing, and a Projects v2 board of M items
over ``POST /graphql`` by cursor. Every REST page carries a weak ETag over
its body and answers 304 to a matching ``If-None-Match``; every answer has
GitHub's rate-limit headers. Faults can be injected: every k-th request a
502, every m-th a 403 secondary rate limit with ``retry-after``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import threading
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

REPO = "bench/ops"
REPO_ID = 4242
START = datetime(2026, 1, 5, 8, tzinfo=UTC)


def stamp(minutes: int) -> str:
    return (START + timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M:%SZ")


def user(login: str) -> dict[str, Any]:
    u = f"https://api.github.com/users/{login}"
    return {
        "login": login, "id": len(login), "node_id": f"U_{login}", "avatar_url": "", "gravatar_id": "",
        "url": u, "html_url": f"https://github.com/{login}", "followers_url": u + "/followers",
        "following_url": u + "/following{/other_user}", "gists_url": u + "/gists{/gist_id}",
        "starred_url": u + "/starred{/owner}{/repo}", "subscriptions_url": u + "/subscriptions",
        "organizations_url": u + "/orgs", "repos_url": u + "/repos", "events_url": u + "/events{/privacy}",
        "received_events_url": u + "/received_events", "type": "User", "site_admin": False,
    }  # fmt: skip


def issue(number: int, updated: int) -> dict[str, Any]:
    api = f"https://api.github.com/repos/{REPO}/issues/{number}"
    closed = stamp(updated) if number % 4 else None
    people = [user(("ana-l", "bo-k", "chidi-o")[number % 3])]
    labels = ["wig:on-time", "lead:drills"] if number % 2 else ["lead:gate-checks"]
    return {
        "id": number, "node_id": f"I_{number}", "url": api, "repository_url": f"https://api.github.com/repos/{REPO}",
        "labels_url": api + "/labels{/name}", "comments_url": api + "/comments", "events_url": api + "/events",
        "html_url": f"https://github.com/{REPO}/issues/{number}", "number": number,
        "state": "closed" if closed else "open", "state_reason": "completed" if closed else None,
        "title": f"Turnaround drill {number}", "body": None, "user": people[0],
        "labels": [{"id": hash(n) % 10**6, "node_id": "LA", "url": "", "name": n, "description": None, "color": "ededed", "default": False} for n in labels],
        "assignee": people[0], "assignees": people, "milestone": None, "locked": False, "active_lock_reason": None,
        "comments": 0, "closed_at": closed, "created_at": stamp(number), "updated_at": stamp(updated),
        "closed_by": None, "author_association": "MEMBER",
    }  # fmt: skip


def project_node(k: int) -> dict[str, Any]:
    ref = {
        "__typename": "ProjectV2SingleSelectField",
        "id": "F1",
        "name": "Status",
        "dataType": "SINGLE_SELECT",
    }
    status = {
        "__typename": "ProjectV2ItemFieldSingleSelectValue",
        "name": "Done",
        "optionId": "o",
        "updatedAt": stamp(k),
        "field": ref,
    }
    content = {
        "__typename": "DraftIssue",
        "id": f"DI_{k}",
        "title": f"Draft {k}",
        "createdAt": stamp(k),
        "updatedAt": stamp(k),
        "assignees": {"nodes": []},
    }
    return {
        "id": f"PVTI_{k}", "type": "DRAFT_ISSUE", "isArchived": False, "createdAt": stamp(k), "updatedAt": stamp(k),
        "fieldValues": {"pageInfo": {"hasNextPage": False, "endCursor": "x"}, "nodes": [status]}, "content": content,
    }  # fmt: skip


@dataclass
class FakeGitHub:
    """State shared by the handler threads."""

    n_issues: int
    n_items: int = 0
    fail_every: int = 0
    """Every k-th request answers 502 (0: never)."""
    secondary_every: int = 0
    """Every m-th request answers 403 with ``retry-after: 1`` (0: never)."""
    base: str = ""
    issues: list[dict[str, Any]] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    requests: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    _pages: dict[str, bytes] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.issues = [issue(k, k) for k in range(1, self.n_issues + 1)]

    def touch(self, numbers: range, minutes: int) -> None:
        """Update some issues (they move to the front of the listing)."""
        with self.lock:
            for k in numbers:
                self.issues[k - 1] = issue(k, minutes + k)
            self._pages.clear()

    def fault(self) -> tuple[int, dict[str, str], Any] | None:
        self.requests += 1
        if self.fail_every and self.requests % self.fail_every == 0:
            return 502, {}, {"message": "Server Error"}
        if self.secondary_every and self.requests % self.secondary_every == 0:
            return (
                403,
                {"retry-after": "1"},
                {"message": "You have exceeded a secondary rate limit."},
            )
        return None

    def listing(self, kind: str, query: dict[str, str]) -> tuple[bytes, str | None]:
        key = kind + urlencode(sorted(query.items()))
        page = int(query.get("page", 1))
        rows: list[dict[str, Any]] = []
        if kind == "issues":
            rows = sorted(self.issues, key=lambda i: (i["updated_at"], i["number"]), reverse=True)
            if "since" in query:
                rows = [i for i in rows if i["updated_at"] >= query["since"]]
        last = max(1, -(-len(rows) // 100))
        if key not in self._pages:
            self._pages[key] = json.dumps(rows[(page - 1) * 100 : page * 100]).encode()
        link = None
        if page < last:
            nxt = urlencode({**query, "page": str(page + 1)})
            link = f'<{self.base}/repositories/{REPO_ID}/{kind}?{nxt}>; rel="next"'
        return self._pages[key], link

    def graphql(self, variables: dict[str, Any]) -> dict[str, Any]:
        start = int(base64.b64decode(variables["after"]).decode()) if variables.get("after") else 0
        end = min(start + int(variables["first"]), self.n_items)
        board = {
            "id": "PVT_1", "number": 1, "title": "Bench board", "url": "https://github.com/orgs/bench/projects/1",
            "closed": False, "updatedAt": stamp(0), "fields": {"nodes": []},
            "items": {"totalCount": self.n_items, "pageInfo": {"hasNextPage": end < self.n_items, "endCursor": base64.b64encode(str(end).encode()).decode()},
                      "nodes": [project_node(k) for k in range(start, end)]},
        }  # fmt: skip
        rate = {
            "cost": 1,
            "limit": 5000,
            "remaining": 4000,
            "used": 1000,
            "resetAt": stamp(0),
            "nodeCount": 200,
        }
        return {
            "data": {
                "rateLimit": rate,
                "repositoryOwner": {"__typename": "Organization", "projectV2": board},
            }
        }


class Handler(BaseHTTPRequestHandler):
    """Routes one request to the shared :class:`FakeGitHub`."""

    server: Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""

    def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.server.state.statuses[status] += 1
        self.send_response(status)
        base = {"content-type": "application/json; charset=utf-8", "x-ratelimit-limit": "5000",
                "x-ratelimit-remaining": "4000", "x-ratelimit-reset": "1900000000"}  # fmt: skip
        for k, v in {**base, **headers}.items():
            self.send_header(k, v)
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        """Issue and milestone listings."""
        state = self.server.state
        parts = urlsplit(self.path)
        with state.lock:
            fault = state.fault()
            if fault:
                return self._send(fault[0], fault[1], json.dumps(fault[2]).encode())
            kind = parts.path.rsplit("/", 1)[1]
            body, link = state.listing(kind, dict(parse_qsl(parts.query)))
        etag = 'W/"' + hashlib.sha1(body).hexdigest() + '"'
        headers = {"etag": etag, **({"link": link} if link else {})}
        if self.headers.get("if-none-match") == etag:
            return self._send(304, headers, b"")
        return self._send(200, headers, body)

    def do_POST(self) -> None:
        """GraphQL."""
        state = self.server.state
        body = json.loads(self.rfile.read(int(self.headers["content-length"])))
        with state.lock:
            fault = state.fault()
            if fault:
                return self._send(fault[0], fault[1], json.dumps(fault[2]).encode())
        return self._send(200, {}, json.dumps(state.graphql(body["variables"])).encode())


class Server(ThreadingHTTPServer):
    """The loopback server; ``state`` is the fake's data."""

    daemon_threads = True

    def __init__(self, state: FakeGitHub) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.state = state
        state.base = f"http://127.0.0.1:{self.server_address[1]}"

    def __enter__(self) -> Server:
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
        self.server_close()
