# ruff: noqa: E501
"""Turn the demo's ground-ops items into recorded GitHub API responses.

Reads ``config/demo/data/ground-ops.items.jsonl`` (the ``items`` format of
design.md §3) and writes ``config/demo/recordings/github/``: ``index.json``
plus bodies, in the format of :mod:`wigboard.connectors.replay`:

* ``GET /repos/acme-air/ground-ops/issues`` pages (state=all, sort=updated,
  direction=desc, per_page=100) with GitHub's ``Link``, ``ETag`` and
  rate-limit headers; page 2+ under ``/repositories/{id}/issues`` as GitHub
  links them;
* ``GET .../milestones`` (one listing) and ``GET .../labels``;
* one Projects v2 GraphQL page (``POST /graphql``): the board holds the 100
  most recently created issues with Status, points and Week (iteration)
  values. The replay transport keys answers by method and URL only, so a
  recording can hold one GraphQL page (all GraphQL requests share a URL).

Payloads follow GitHub's shapes (the OpenAPI examples' objects with the
demo's values); ``tests/connectors/github/data/PROVENANCE.md`` says how the
output was checked. Deterministic: the same items give byte-identical files.

Usage: ``.venv/bin/python scripts/record_demo_github.py [ITEMS.jsonl] [OUT_DIR]``
"""

from __future__ import annotations

import hashlib
import json
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from wigboard.connectors.github_labels import desired_labels
from wigboard.model import parse_timestamp

ROOT = Path(__file__).resolve().parent.parent
REPO = "acme-air/ground-ops"
OWNER, PROJECT_NUMBER = "acme-air", 7
API = "https://api.github.com"
WEB = "https://github.com"
ISSUE_QUERY = {"direction": "desc", "per_page": "100", "sort": "updated", "state": "all"}
BOARD_SIZE = 100


def num(text: str, digits: int = 8) -> int:
    return int(hashlib.sha1(text.encode()).hexdigest()[:digits], 16)


def user(login: str) -> dict[str, Any]:
    u = f"{API}/users/{login}"
    return {
        "login": login, "id": num(login), "node_id": f"U_kgDO{num(login, 10)}",
        "avatar_url": f"https://avatars.githubusercontent.com/u/{num(login)}?v=4", "gravatar_id": "",
        "url": u, "html_url": f"{WEB}/{login}", "followers_url": f"{u}/followers",
        "following_url": f"{u}/following{{/other_user}}", "gists_url": f"{u}/gists{{/gist_id}}",
        "starred_url": f"{u}/starred{{/owner}}{{/repo}}", "subscriptions_url": f"{u}/subscriptions",
        "organizations_url": f"{u}/orgs", "repos_url": f"{u}/repos", "events_url": f"{u}/events{{/privacy}}",
        "received_events_url": f"{u}/received_events", "type": "User", "site_admin": False,
    }  # fmt: skip


def label(name: str, colors: dict[str, tuple[str, str]]) -> dict[str, Any]:
    color, description = colors.get(name, ("ededed", None))
    return {
        "id": num(name), "node_id": f"LA_kwDO{num(name, 10)}",
        "url": f"{API}/repos/{REPO}/labels/{name.replace(':', '%3A')}", "name": name,
        "description": description, "color": color, "default": False,
    }  # fmt: skip


def milestone(number: int, title: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    closed = sum(1 for r in rows if r["done"] or r.get("state") == "closed")
    return {
        "url": f"{API}/repos/{REPO}/milestones/{number}", "html_url": f"{WEB}/{REPO}/milestone/{number}",
        "labels_url": f"{API}/repos/{REPO}/milestones/{number}/labels", "id": num(title),
        "node_id": f"MI_kwDO{num(title, 10)}", "number": number, "state": "open", "title": title,
        "description": f"{title} (demo)", "creator": user("ana-l"), "open_issues": len(rows) - closed,
        "closed_issues": closed, "created_at": "2026-05-25T08:00:00Z", "updated_at": "2026-10-01T08:00:00Z",
        "closed_at": None, "due_on": "2026-09-30T07:00:00Z" if title == "Ramp training" else None,
    }  # fmt: skip


def closing(row: dict[str, Any]) -> tuple[str, str | None, str | None]:
    """state, state_reason, closed_at of an items row."""
    if row["done"]:
        return "closed", "completed", stamp(row["done"])
    if row.get("state") == "closed":
        return "closed", "not_planned", stamp(parse_timestamp(row["created"]) + timedelta(days=1))
    return "open", None, None


def stamp(value: str | datetime) -> str:
    when = parse_timestamp(value) if isinstance(value, str) else value
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def issue(
    row: dict[str, Any], milestones: dict[str, dict[str, Any]], colors: dict[str, tuple[str, str]]
) -> dict[str, Any]:
    number = int(row["key"].rsplit("#", 1)[1])
    api = f"{API}/repos/{REPO}/issues/{number}"
    state, reason, closed_at = closing(row)
    assignees = [user(a) for a in row["assignees"]]
    out: dict[str, Any] = {
        "id": num(row["key"], 9), "node_id": f"I_kwDO{num(row['key'], 12)}", "url": api,
        "repository_url": f"{API}/repos/{REPO}", "labels_url": api + "/labels{/name}",
        "comments_url": api + "/comments", "events_url": api + "/events", "html_url": f"{WEB}/{REPO}/issues/{number}",
        "number": number, "state": state, "title": row["title"], "body": None, "user": user(assignees[0]["login"] if assignees else "ana-l"),
        "labels": [label(n, colors) for n in row["labels"]], "assignee": assignees[0] if assignees else None,
        "assignees": assignees, "milestone": milestones.get(row["milestone"]) if row["milestone"] else None,
        "locked": False, "active_lock_reason": None, "comments": 0, "closed_at": closed_at,
        "created_at": stamp(row["created"]), "updated_at": closed_at or stamp(row["created"]),
        "closed_by": user(assignees[0]["login"]) if closed_at and assignees else None,
        "author_association": "MEMBER",
    }  # fmt: skip
    if (
        reason is not None
    ):  # GitHub sends null when open; the OpenAPI enum has no null, so it is left out
        out["state_reason"] = reason
    return out


def headers(body: bytes, link: str | None = None) -> dict[str, str]:
    out = {
        "Content-Type": "application/json; charset=utf-8",
        "ETag": 'W/"' + hashlib.sha256(body).hexdigest() + '"',
        "X-RateLimit-Limit": "5000", "X-RateLimit-Remaining": "4990",
        "X-RateLimit-Reset": "1900000000", "X-RateLimit-Resource": "core",
        "X-GitHub-Api-Version-Selected": "2022-11-28",
    }  # fmt: skip
    if link:
        out["Link"] = link
    return out


def page_link(page: int, last: int) -> str | None:
    base = f"{API}/repositories/{num(REPO)}/issues"

    def url(p: int) -> str:
        return f"{base}?{urlencode({**ISSUE_QUERY, 'page': str(p)})}"

    rels = []
    if page > 1:
        rels += [f'<{url(page - 1)}>; rel="prev"', f'<{url(1)}>; rel="first"']
    if page < last:
        rels += [f'<{url(page + 1)}>; rel="next"', f'<{url(last)}>; rel="last"']
    return ", ".join(rels) or None


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def project_page(rows: list[dict[str, Any]], issues: dict[str, dict[str, Any]]) -> dict[str, Any]:
    board = sorted(rows, key=lambda r: (r["created"], r["key"]))[-BOARD_SIZE:]
    weeks = sorted({monday(parse_timestamp(r["created"]).date()) for r in board})
    ref = {
        "Status": {
            "__typename": "ProjectV2SingleSelectField",
            "id": "PVTSSF_status",
            "name": "Status",
            "dataType": "SINGLE_SELECT",
        },
        "points": {
            "__typename": "ProjectV2Field",
            "id": "PVTF_points",
            "name": "points",
            "dataType": "NUMBER",
        },
        "Week": {
            "__typename": "ProjectV2IterationField",
            "id": "PVTIF_week",
            "name": "Week",
            "dataType": "ITERATION",
        },
    }
    options = [{"id": f"opt{i}", "name": n} for i, n in enumerate(("Todo", "In progress", "Done"))]
    iterations = [
        {"id": f"wk{w:%G%V}", "title": f"Week {w:%V}", "startDate": w.isoformat(), "duration": 7}
        for w in weeks
    ]
    nodes = [board_node(r, issues[r["key"]], ref) for r in board]
    project = {
        "id": "PVT_kwDOdemo7", "number": PROJECT_NUMBER, "title": "Ground ops board",
        "url": f"{WEB}/orgs/{OWNER}/projects/{PROJECT_NUMBER}", "closed": False, "updatedAt": "2026-12-04T16:15:00Z",
        "fields": {"nodes": [
            {**ref["Status"], "options": options}, ref["points"],
            {**ref["Week"], "configuration": {"duration": 7, "startDay": 1, "iterations": iterations[-1:], "completedIterations": iterations[:-1]}},
        ]},
        "items": {"totalCount": len(nodes), "pageInfo": {"hasNextPage": False, "endCursor": "Y3Vyc29yOjEwMA=="}, "nodes": nodes},
    }  # fmt: skip
    rate = {
        "cost": 1,
        "limit": 5000,
        "remaining": 4999,
        "used": 1,
        "resetAt": "2030-03-17T17:46:40Z",
        "nodeCount": 6350,
    }
    return {
        "data": {
            "rateLimit": rate,
            "repositoryOwner": {"__typename": "Organization", "projectV2": project},
        }
    }


def board_node(
    row: dict[str, Any], rest: dict[str, Any], ref: dict[str, dict[str, Any]]
) -> dict[str, Any]:
    created = parse_timestamp(row["created"])
    week = monday(created.date())
    status = "Done" if row["done"] else "In progress" if row["assignees"] else "Todo"
    values: list[dict[str, Any]] = [
        {
            "__typename": "ProjectV2ItemFieldSingleSelectValue",
            "name": status,
            "optionId": "opt2" if status == "Done" else "opt1",
            "updatedAt": rest["updated_at"],
            "field": ref["Status"],
        },
        {
            "__typename": "ProjectV2ItemFieldIterationValue",
            "iterationId": f"wk{week:%G%V}",
            "title": f"Week {week:%V}",
            "startDate": week.isoformat(),
            "duration": 7,
            "field": ref["Week"],
        },
    ]
    if "points" in row["fields"]:
        values.append(
            {
                "__typename": "ProjectV2ItemFieldNumberValue",
                "number": float(row["fields"]["points"]),
                "field": ref["points"],
            }
        )
    ms = rest["milestone"]
    content = {
        "__typename": "Issue", "id": rest["node_id"], "number": rest["number"], "title": rest["title"],
        "url": rest["html_url"], "issueState": rest["state"].upper(),
        "stateReason": (rest.get("state_reason") or "").upper() or None, "closed": rest["state"] == "closed",
        "closedAt": rest["closed_at"], "createdAt": rest["created_at"], "updatedAt": rest["updated_at"],
        "repository": {"nameWithOwner": REPO},
        "milestone": {"number": ms["number"], "title": ms["title"], "dueOn": ms["due_on"], "state": "OPEN"} if ms else None,
        "labels": {"nodes": [{"name": lb["name"]} for lb in rest["labels"]]},
        "assignees": {"nodes": [{"login": a["login"]} for a in rest["assignees"]]},
    }  # fmt: skip
    return {
        "id": f"PVTI_lADOdemo{rest['number']:05d}", "type": "ISSUE", "isArchived": False,
        "createdAt": rest["created_at"], "updatedAt": rest["updated_at"],
        "fieldValues": {"pageInfo": {"hasNextPage": False, "endCursor": "Mw"}, "nodes": values},
        "content": content,
    }  # fmt: skip


def label_colors() -> dict[str, tuple[str, str]]:
    from wigboard.config_loader import load_config

    config = load_config(ROOT / "config" / "demo" / "wigboard.yml")
    return {s.name: (s.color, s.description) for s in desired_labels(config)}


def record(items_path: Path, out: Path) -> list[dict[str, Any]]:
    """Write the recording; returns the index entries."""
    rows = [
        json.loads(line)
        for line in items_path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    rows = [r for r in rows if r.get("container", REPO) == REPO]
    colors = label_colors()
    titles = sorted({r["milestone"] for r in rows if r["milestone"]})
    milestones = {
        t: milestone(i + 1, t, [r for r in rows if r["milestone"] == t])
        for i, t in enumerate(titles)
    }
    issues = {r["key"]: issue(r, milestones, colors) for r in rows}
    ordered = sorted(issues.values(), key=lambda i: (i["updated_at"], i["number"]), reverse=True)
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob("*.json"):
        stale.unlink()
    index: list[dict[str, Any]] = []

    def add(method: str, url: str, name: str, payload: Any, link: str | None = None) -> None:
        body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
        (out / name).write_bytes(body)
        index.append(
            {
                "method": method,
                "url": url,
                "status": 200,
                "headers": headers(body, link),
                "body": name,
            }
        )

    pages = [ordered[i : i + 100] for i in range(0, len(ordered), 100)] or [[]]
    for n, chunk in enumerate(pages, start=1):
        first = f"/repos/{REPO}/issues?{urlencode(ISSUE_QUERY)}"
        later = f"/repositories/{num(REPO)}/issues?{urlencode({**ISSUE_QUERY, 'page': str(n)})}"
        add("GET", first if n == 1 else later, f"issues-{n}.json", chunk, page_link(n, len(pages)))
    add(
        "GET",
        f"/repos/{REPO}/milestones?per_page=100&state=all",
        "milestones.json",
        list(milestones.values()),
    )
    used = sorted({name for r in rows for name in r["labels"]})
    add(
        "GET", f"/repos/{REPO}/labels?per_page=100", "labels.json", [label(n, colors) for n in used]
    )
    add("POST", "/graphql", "project-7.json", project_page(rows, issues))
    (out / "index.json").write_text(json.dumps(index, indent=1) + "\n", encoding="utf-8")
    return index


def main(argv: list[str]) -> int:
    items = (
        Path(argv[1])
        if len(argv) > 1
        else ROOT / "config" / "demo" / "data" / "ground-ops.items.jsonl"
    )
    out = Path(argv[2]) if len(argv) > 2 else ROOT / "config" / "demo" / "recordings" / "github"
    index = record(items, out)
    print(f"wrote {len(index)} recorded responses to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
