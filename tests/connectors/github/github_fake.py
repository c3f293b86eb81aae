# ruff: noqa: E501
"""An in-process fake of the GitHub API for the connector tests (through `responses`).

Payloads are built from GitHub's own OpenAPI examples (see data/PROVENANCE.md)
with the fields a test cares about replaced, so they keep GitHub's shape;
`test_github_fixtures.py` checks them against the OpenAPI description and
the GraphQL schema when /work/shared is present.

The fake pages like GitHub: `Link` headers with absolute
`/repositories/{id}/...` URLs, weak ETags over the body, 304 on a matching
`If-None-Match`, rate-limit headers, and injected faults.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import responses

DATA = Path(__file__).parent / "data"
HOST = "https://api.github.com:443"
_TEMPLATES: dict[str, Any] = {}


def num(text: str, digits: int = 8) -> int:
    """A stable number for a name (ids must not change between processes)."""
    return int(hashlib.sha1(text.encode()).hexdigest()[:digits], 16)


def template(name: str) -> dict[str, Any]:
    if name not in _TEMPLATES:
        _TEMPLATES[name] = json.loads((DATA / f"{name}.example.json").read_text(encoding="utf-8"))
    return copy.deepcopy(_TEMPLATES[name])


def user(login: str) -> dict[str, Any]:
    out = template("issue")["user"]
    out.update(login=login, id=num(login), html_url=f"https://github.com/{login}")
    out["url"] = f"https://api.github.com/users/{login}"
    return out


def label(name: str, color: str = "ededed", description: str | None = None) -> dict[str, Any]:
    out = template("label")
    out.update(name=name, color=color, description=description, default=False)
    out["id"] = num(name)
    out["url"] = f"https://api.github.com/repos/acme/ops/labels/{name}"
    return out


def milestone(
    repo: str, number: int, title: str, due_on: str | None = None, state: str = "open"
) -> dict[str, Any]:
    out = template("milestone")
    out.update(number=number, title=title, due_on=due_on, state=state, id=number + 1000)
    out["url"] = f"https://api.github.com/repos/{repo}/milestones/{number}"
    out["html_url"] = f"https://github.com/{repo}/milestone/{number}"
    out["closed_at"] = None if state == "open" else "2026-03-01T00:00:00Z"
    return out


def issue(repo: str, number: int, **kw: Any) -> dict[str, Any]:
    """A REST issue of the list endpoint. Keywords: title, state, state_reason, labels,
    assignees, milestone (dict), created, updated, closed, pr (bool), node_id."""
    out = template("issue")
    pr = kw.get("pr", False)
    api = f"https://api.github.com/repos/{repo}/issues/{number}"
    assignees = [user(a) for a in kw.get("assignees", [])]
    closed = kw.get("closed")
    out.update(
        id=num(f"{repo}#{number}"),
        node_id=kw.get("node_id", f"I_kwDO{num(f'{repo}#{number}', 12)}"),
        url=api,
        repository_url=f"https://api.github.com/repos/{repo}",
        labels_url=api + "/labels{/name}",
        comments_url=api + "/comments",
        events_url=api + "/events",
        html_url=f"https://github.com/{repo}/{'pull' if pr else 'issues'}/{number}",
        number=number,
        title=kw.get("title", f"Issue {number}"),
        state="closed" if closed else "open",
        state_reason=kw.get("state_reason", "completed" if closed else None),
        labels=[label(n) for n in kw.get("labels", [])],
        assignee=assignees[0] if assignees else None,
        assignees=assignees,
        milestone=kw.get("milestone"),
        locked=False,
        active_lock_reason=None,
        created_at=kw.get("created", "2026-03-02T09:00:00Z"),
        updated_at=kw.get("updated", closed or kw.get("created", "2026-03-02T09:00:00Z")),
        closed_at=closed,
        closed_by=user("octocat") if closed else None,
    )
    if out["state_reason"] is None:
        # GitHub sends "state_reason": null on open issues, but the OpenAPI enum has no null
        # (see data/PROVENANCE.md); the key is optional, so the fixtures leave it out.
        del out["state_reason"]
    if pr:
        out["pull_request"] = {
            "url": f"https://api.github.com/repos/{repo}/pulls/{number}",
            "html_url": f"https://github.com/{repo}/pull/{number}",
            "diff_url": f"https://github.com/{repo}/pull/{number}.diff",
            "patch_url": f"https://github.com/{repo}/pull/{number}.patch",
            "merged_at": closed,
        }
    else:
        out.pop("pull_request", None)
    return out


@dataclass
class Call:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    status: int
    body: Any = None


@dataclass
class Fault:
    method: str
    pattern: str
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: Any = None


@dataclass
class FakeGitHub:
    """State of the fake and the `responses` callback that serves it."""

    issues: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    milestones: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    labels: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    projects: dict[tuple[str, int], tuple[dict[str, Any], list[dict[str, Any]]]] = field(
        default_factory=dict
    )
    faults: list[Fault] = field(default_factory=list)
    calls: list[Call] = field(default_factory=list)
    token: str = "t0ken"
    app_jwts: list[str] = field(default_factory=list)
    remaining: int = 4999

    def repo_id(self, repo: str) -> int:
        return int(hashlib.sha1(repo.encode()).hexdigest()[:7], 16)

    def fail(
        self,
        method: str,
        pattern: str,
        status: int,
        headers: dict[str, str] | None = None,
        body: Any = None,
        times: int = 1,
    ) -> None:
        for _ in range(times):
            self.faults.append(
                Fault(method, pattern, status, headers or {}, body or {"message": "fault"})
            )

    # -- transport ------------------------------------------------------------------------
    def install(self, mock: responses.RequestsMock) -> None:
        for method in ("GET", "POST", "PATCH", "DELETE"):
            mock.add_callback(method, re.compile(re.escape(HOST) + r"/.*"), callback=self.handle)

    def handle(self, request: Any) -> tuple[int, dict[str, str], str]:
        parts = urlsplit(request.url)
        query = dict(parse_qsl(parts.query))
        headers = {k.lower(): v for k, v in request.headers.items()}
        body = json.loads(request.body) if request.body else None
        method = request.method
        status, out_headers, payload = self._route(method, parts.path, query, headers, body)
        self.calls.append(Call(method, parts.path, query, headers, status, body))
        text = "" if payload is None else json.dumps(payload)
        base = {
            "content-type": "application/json; charset=utf-8",
            "x-ratelimit-limit": "5000",
            "x-ratelimit-remaining": str(self.remaining),
            "x-ratelimit-reset": "1900000000",
        }
        return status, {**base, **out_headers}, text

    def _route(
        self, method: str, path: str, query: dict[str, str], headers: dict[str, str], body: Any
    ) -> tuple[int, dict[str, str], Any]:
        for fault in list(self.faults):
            if fault.method == method and re.search(fault.pattern, path):
                self.faults.remove(fault)
                return fault.status, fault.headers, fault.body
        m = re.match(r"^/app/installations/(\d+)/access_tokens$", path)
        if method == "POST" and m and headers.get("authorization", "").startswith("Bearer "):
            self.app_jwts.append(headers["authorization"][7:])
            return (
                201,
                {},
                {
                    "token": self.token,
                    "expires_at": "2099-01-01T00:00:00Z",
                    "permissions": {"issues": "read"},
                    "repository_selection": "all",
                },
            )
        if (
            headers.get("authorization") != f"token {self.token}"
            and headers.get("authorization") != f"Bearer {self.token}"
        ):
            return (
                401,
                {},
                {"message": "Bad credentials", "documentation_url": "https://docs.github.com/rest"},
            )
        if method == "POST" and path == "/graphql":
            return self._graphql(body)
        repo, kind, rest = self._split(path)
        if repo not in {*self.issues, *self.milestones, *self.labels}:
            return (
                404,
                {},
                {"message": "Not Found", "documentation_url": "https://docs.github.com/rest"},
            )
        if kind == "issues" and method == "GET":
            return self._listing(path, query, headers, self._issue_view(repo, query))
        if kind == "milestones" and method == "GET":
            return self._listing(path, query, headers, self.milestones.get(repo, []))
        if kind == "labels":
            return self._labels(method, repo, rest, query, headers, body)
        return (
            404,
            {},
            {"message": "Not Found", "documentation_url": "https://docs.github.com/rest"},
        )

    def _split(self, path: str) -> tuple[str, str, str]:
        m = re.match(r"^/repos/([^/]+/[^/]+)/(\w+)/?(.*)$", path)
        if m:
            return m.group(1), m.group(2), m.group(3)
        m = re.match(r"^/repositories/(\d+)/(\w+)/?(.*)$", path)
        if m:
            repo = next(
                (
                    r
                    for r in {*self.issues, *self.milestones, *self.labels}
                    if self.repo_id(r) == int(m.group(1))
                ),
                "",
            )
            return repo, m.group(2), m.group(3)
        return "", "", ""

    def _issue_view(self, repo: str, query: dict[str, str]) -> list[dict[str, Any]]:
        rows = list(self.issues.get(repo, []))
        if "since" in query:
            rows = [i for i in rows if i["updated_at"] >= query["since"]]
        if query.get("sort") == "updated":
            rows.sort(
                key=lambda i: (i["updated_at"], i["number"]),
                reverse=query.get("direction", "desc") == "desc",
            )
        else:
            rows.sort(key=lambda i: i["number"], reverse=True)
        return rows

    def _listing(
        self, path: str, query: dict[str, str], headers: dict[str, str], rows: list[dict[str, Any]]
    ) -> tuple[int, dict[str, str], Any]:
        per_page = min(int(query.get("per_page", 30)), 100)
        page = int(query.get("page", 1))
        chunk = rows[(page - 1) * per_page : page * per_page]
        etag = 'W/"' + hashlib.sha1(json.dumps(chunk, sort_keys=True).encode()).hexdigest() + '"'
        out = {"etag": etag}
        last = max(1, -(-len(rows) // per_page))
        if page < last:
            repo, kind, _ = self._split(path)
            nxt = {**query, "page": str(page + 1)}
            base = f"https://api.github.com/repositories/{self.repo_id(repo)}/{kind}"
            out["link"] = (
                f'<{base}?{urlencode(nxt)}>; rel="next", <{base}?{urlencode({**query, "page": str(last)})}>; rel="last"'
            )
        if headers.get("if-none-match") == etag:
            return 304, out, None
        return 200, out, chunk

    def _labels(
        self,
        method: str,
        repo: str,
        rest: str,
        query: dict[str, str],
        headers: dict[str, str],
        body: Any,
    ) -> tuple[int, dict[str, str], Any]:
        rows = self.labels.setdefault(repo, [])
        if method == "GET":
            return self._listing(f"/repos/{repo}/labels", query, headers, rows)
        if method == "POST":
            new = label(body["name"], body.get("color", "ededed"), body.get("description"))
            rows.append(new)
            return 201, {}, new
        from urllib.parse import unquote

        name = unquote(rest)
        found = next((r for r in rows if r["name"].lower() == name.lower()), None)
        if found is None:
            return 404, {}, {"message": "Not Found"}
        if method == "DELETE":
            rows.remove(found)
            return 204, {}, None
        found.update({k: v for k, v in body.items() if k in ("color", "description")})
        if "new_name" in body:
            found["name"] = body["new_name"]
        return 200, {}, found

    def _graphql(self, body: dict[str, Any]) -> tuple[int, dict[str, str], Any]:
        variables = body["variables"]
        key = (variables["owner"], int(variables["number"]))
        if key not in self.projects:
            return (
                200,
                {},
                {
                    "data": {"rateLimit": None, "repositoryOwner": None},
                    "errors": [
                        {
                            "type": "NOT_FOUND",
                            "path": ["repositoryOwner"],
                            "message": f"Could not resolve to a ProjectV2 with the number {key[1]}.",
                        }
                    ],
                },
            )
        board, nodes = self.projects[key]
        first = int(variables.get("first", 50))
        start = (
            int(base64.b64decode(variables["after"]).decode().split(":")[1])
            if variables.get("after")
            else 0
        )
        chunk = nodes[start : start + first]
        end = start + len(chunk)
        items = {
            "totalCount": len(nodes),
            "pageInfo": {
                "hasNextPage": end < len(nodes),
                "endCursor": base64.b64encode(f"cursor:{end}".encode()).decode(),
            },
            "nodes": chunk,
        }
        data = {
            "rateLimit": {
                "cost": 1,
                "limit": 5000,
                "remaining": 4990,
                "used": 10,
                "resetAt": "2030-01-01T00:00:00Z",
                "nodeCount": 100,
            },
            "repositoryOwner": {
                "__typename": "Organization",
                "projectV2": {**board, "items": items},
            },
        }
        return 200, {}, {"data": data}

    # -- views for assertions ---------------------------------------------------------------
    def rest_calls(self) -> Iterator[Call]:
        return (c for c in self.calls if c.path != "/graphql")

    def reset_calls(self) -> None:
        self.calls.clear()


# -- Projects v2 (GraphQL) -------------------------------------------------------------------
def _shared_page() -> dict[str, Any]:
    return json.loads((DATA / "project_items.shared-page1.json").read_text(encoding="utf-8"))


def board(title: str = "Ground ops board", owner: str = "acme", number: int = 7) -> dict[str, Any]:
    """`projectV2` without `items`: fields Estimate (number), Status (single select), Sprint (iteration)."""
    project = _shared_page()["data"]["repositoryOwner"]["projectV2"]
    project = {k: v for k, v in project.items() if k != "items"}
    project.update(
        title=title, number=number, url=f"https://github.com/orgs/{owner}/projects/{number}"
    )
    return project


def _ref(kind: str, fid: str, name: str, data_type: str) -> dict[str, Any]:
    return {"__typename": kind, "id": fid, "name": name, "dataType": data_type}


def values(
    status: str | None = None,
    estimate: float | None = None,
    sprint: tuple[str, str] | None = None,
    target: str | None = None,
    status_at: str = "2026-03-05T10:00:00Z",
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    if status is not None:
        out.append(
            {
                "__typename": "ProjectV2ItemFieldSingleSelectValue",
                "name": status,
                "optionId": "f75ad846",
                "updatedAt": status_at,
                "field": _ref("ProjectV2SingleSelectField", "PVTSSF_1", "Status", "SINGLE_SELECT"),
            }
        )
    if estimate is not None:
        out.append(
            {
                "__typename": "ProjectV2ItemFieldNumberValue",
                "number": estimate,
                "field": _ref("ProjectV2Field", "PVTF_1", "Estimate", "NUMBER"),
            }
        )
    if sprint is not None:
        out.append(
            {
                "__typename": "ProjectV2ItemFieldIterationValue",
                "iterationId": "it1",
                "title": sprint[0],
                "startDate": sprint[1],
                "duration": 7,
                "field": _ref("ProjectV2IterationField", "PVTIF_1", "Sprint", "ITERATION"),
            }
        )
    if target is not None:
        out.append(
            {
                "__typename": "ProjectV2ItemFieldDateValue",
                "date": target,
                "field": _ref("ProjectV2Field", "PVTF_2", "Target", "DATE"),
            }
        )
    return out


def _node(
    item_id: str, kind: str, content: dict[str, Any] | None, field_values: list[dict[str, Any]]
) -> dict[str, Any]:
    return {
        "id": item_id, "type": kind, "isArchived": False,
        "createdAt": "2026-03-01T00:00:00Z", "updatedAt": "2026-03-06T00:00:00Z",
        "fieldValues": {"pageInfo": {"hasNextPage": False, "endCursor": "x"}, "nodes": field_values},
        "content": content,
    }  # fmt: skip


def issue_node(
    repo: str,
    number: int,
    field_values: list[dict[str, Any]],
    *,
    state: str = "OPEN",
    reason: str | None = None,
    closed_at: str | None = None,
    labels: tuple[str, ...] = (),
    assignees: tuple[str, ...] = (),
) -> dict[str, Any]:
    content = {
        "__typename": "Issue", "id": f"I_{num(repo + str(number))}", "number": number, "title": f"Issue {number}",
        "url": f"https://github.com/{repo}/issues/{number}", "issueState": state, "stateReason": reason,
        "closed": state == "CLOSED", "closedAt": closed_at, "createdAt": "2026-03-02T09:00:00Z",
        "updatedAt": closed_at or "2026-03-02T09:00:00Z", "repository": {"nameWithOwner": repo},
        "milestone": None, "labels": {"nodes": [{"name": n} for n in labels]},
        "assignees": {"nodes": [{"login": a} for a in assignees]},
    }  # fmt: skip
    return _node(f"PVTI_{num(repo + str(number))}", "ISSUE", content, field_values)


def pr_node(
    repo: str, number: int, field_values: list[dict[str, Any]], merged_at: str | None = None
) -> dict[str, Any]:
    content = {
        "__typename": "PullRequest", "id": f"PR_{number}", "number": number, "title": f"PR {number}",
        "url": f"https://github.com/{repo}/pull/{number}", "prState": "MERGED" if merged_at else "OPEN",
        "closed": bool(merged_at), "closedAt": merged_at, "mergedAt": merged_at,
        "createdAt": "2026-03-02T09:00:00Z", "updatedAt": merged_at or "2026-03-02T09:00:00Z",
        "repository": {"nameWithOwner": repo}, "milestone": None, "labels": {"nodes": []},
        "assignees": {"nodes": []},
    }  # fmt: skip
    return _node(f"PVTI_pr{number}", "PULL_REQUEST", content, field_values)


def draft_node(
    item_id: str, title: str, field_values: list[dict[str, Any]], assignees: tuple[str, ...] = ()
) -> dict[str, Any]:
    content = {
        "__typename": "DraftIssue", "id": f"DI_{item_id}", "title": title,
        "createdAt": "2026-03-01T00:00:00Z", "updatedAt": "2026-03-06T00:00:00Z",
        "assignees": {"nodes": [{"login": a} for a in assignees]},
    }  # fmt: skip
    return _node(item_id, "DRAFT_ISSUE", content, field_values)


# -- the checked fixtures (data/issues.mapping.json, data/milestones.json) -------------------
def mapping_rows() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The edge-case issue page and milestone listing; equal to the checked files in data/."""
    R = "acme/ops"
    ms = milestone(R, 3, "Ramp training", "2026-09-30T07:00:00Z")
    rows = [
        issue(
            R,
            1,
            title="Turnaround drill, gate 12",
            labels=["wig:on-time", "lead:drills"],
            assignees=["ana-l"],
            closed="2026-03-04T15:00:00Z",
            created="2026-03-02T08:00:00Z",
            milestone=ms,
        ),
        issue(
            R,
            2,
            title="Cancelled drill",
            labels=["lead:drills"],
            assignees=["bo-k"],
            closed="2026-03-05T09:00:00Z",
            state_reason="not_planned",
        ),
        issue(
            R,
            3,
            title="Reopened gate check",
            labels=["lead:gate-checks"],
            assignees=["chidi-o"],
            state_reason="reopened",
            updated="2026-03-06T10:00:00Z",
        ),
        issue(R, 4, title="Bump deps", pr=True, closed="2026-03-03T12:00:00Z"),
        issue(R, 5, title="Nobody's yet", labels=["commitment"]),
        issue(
            R,
            6,
            title="Shared drill",
            labels=["lead:drills", "commitment"],
            assignees=["ana-l", "bo-k", "chidi-o"],
            closed="2026-03-06T16:30:00+00:00",
        ),
        issue("acme/ramp", 41, title="Moved here from acme/ops", labels=["wig:on-time"]),
        issue(R, 8, title="Ramp 🛫 Ålesund – “Gate” <b>bold</b> 東京", labels=["wig:on-time"]),
        issue(R, 9, title="x" * 10000, labels=["wig-session"], closed="2026-03-02T11:00:00Z"),
        issue(
            R,
            10,
            title="Closed long ago (no state_reason)",
            closed="2026-03-01T11:00:00Z",
            state_reason=None,
        ),
    ]
    return rows, [ms, milestone(R, 4, "Winter ops", None, state="closed")]
