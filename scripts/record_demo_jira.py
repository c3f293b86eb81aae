"""Turn the demo's guest-experience items into recorded Jira Cloud responses.

    .venv/bin/python scripts/record_demo_jira.py [--check]

Reads ``config/demo/data/guest-experience.items.jsonl`` (design.md §3 items
format; assignees are Jira Cloud accountIds) and writes, in Jira Cloud's own
shapes, what the Jira connector asks for in a full sync of ``project = GX``:

* ``GET /rest/api/2/serverInfo`` (deployment detection; ``deploymentType: Cloud``),
* ``GET /rest/api/3/field`` (sprint and story-point fields found by schema),
* ``GET /rest/api/3/myself`` (the user's timezone; used by incremental syncs),
* ``GET /rest/api/3/search/jql`` pages of 100 issues chained by ``nextPageToken``,

into ``config/demo/recordings/jira/`` (``index.json`` + one body file per
response, the format of :mod:`wigboard.connectors.replay`). It then runs the
real connector against the recording and checks that every item comes back as
it was written (``--check`` does only that). A source with
``replay: recordings/jira`` then syncs offline.
"""

from __future__ import annotations

import argparse
import base64
import json
import shutil
import sys
import tempfile
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from wigboard.config import Config, JiraSource, Scoreboard
from wigboard.connectors.base import SyncContext
from wigboard.connectors.jira import JiraConnector, JiraTuning
from wigboard.connectors.jira_fields import SPRINT_SCHEMA, FieldMap, discover_fields
from wigboard.connectors.jira_jql import ORDER, bounded

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "config" / "demo"
ITEMS = DEMO / "data" / "guest-experience.items.jsonl"
OUT = DEMO / "recordings" / "jira"
SITE = "https://acme-air.atlassian.net"
JQL = "project = GX"
PAGE = 100
ZONE = ZoneInfo("Europe/Oslo")
FIELDS = FieldMap(sprint="customfield_10020", points="customfield_10016")
"""What the connector finds in :func:`field_list` (checked in :func:`record`)."""
NAMES = {
    "5b10ac8d82e05b22cc7d4ef5": "Dana Berg",
    "5c2f9a1e77b3c14de0a8b912": "Emil Haug",
    "60a7d3c2e4b1f90071c5e338": "Farah Nasser",
}
TYPES = {"task": 10003, "story": 10002, "bug": 10004, "epic": 10000, "sub-task": 10005}
EXPAND = "renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations"
STATUS = {
    "done": ("10002", "Done", 3, "green", "Done"),
    "indeterminate": ("3", "In Progress", 4, "yellow", "In Progress"),
    "new": ("10000", "To Do", 2, "blue-gray", "To Do"),
}


def jira_time(text: str) -> str:
    """``2026-02-02T09:30:00Z`` -> Jira's ``2026-02-02T10:30:00.000+0100`` (Oslo)."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(ZONE)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000%z")


def utc_z(day: date, at: time) -> str:
    moment = datetime.combine(day, at, tzinfo=ZONE).astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def status(category: str) -> dict[str, Any]:
    sid, name, cid, colour, cname = STATUS[category]
    return {
        "self": f"{SITE}/rest/api/3/status/{sid}",
        "description": "",
        "iconUrl": f"{SITE}/",
        "name": name,
        "id": sid,
        "statusCategory": {
            "self": f"{SITE}/rest/api/3/statuscategory/{cid}",
            "id": cid,
            "key": category,
            "colorName": colour,
            "name": cname,
        },
    }


def issuetype(kind: str) -> dict[str, Any]:
    tid = TYPES.get(kind, 10003)
    return {
        "self": f"{SITE}/rest/api/3/issuetype/{tid}",
        "id": str(tid),
        "description": "",
        "iconUrl": f"{SITE}/rest/api/2/universal_avatar/view/type/issuetype/avatar/10318"
        "?size=medium",
        "name": kind.capitalize() if kind != "sub-task" else "Sub-task",
        "subtask": kind == "sub-task",
        "avatarId": 10318,
        "entityId": "8f1b2c3d-4e5f-4a6b-9c7d-0e1f2a3b4c5d",
        "hierarchyLevel": 1 if kind == "epic" else (-1 if kind == "sub-task" else 0),
    }


def user(account: str) -> dict[str, Any]:
    return {
        "self": f"{SITE}/rest/api/3/user?accountId={account}",
        "accountId": account,
        "avatarUrls": {
            size: f"https://secure.gravatar.com/avatar/{account}?d=identicon&s={size[:2]}"
            for size in ("48x48", "24x24", "16x16", "32x32")
        },
        "displayName": NAMES.get(account, account),
        "active": True,
        "timeZone": "Europe/Oslo",
        "accountType": "atlassian",
    }


class Sprints:
    """Numbers the sprints by start date and sets their state as of the demo's today."""

    def __init__(self, rows: list[dict[str, Any]], today: date) -> None:
        found = {r["iteration"]["name"]: r["iteration"] for r in rows if r.get("iteration")}
        ordered = sorted(found.values(), key=lambda it: (it.get("start") or "", it["name"]))
        self.ids = {it["name"]: 30 + n for n, it in enumerate(ordered)}
        self.today = today

    def sprint(self, it: dict[str, Any]) -> dict[str, Any]:
        start = date.fromisoformat(it["start"]) if it.get("start") else None
        end = date.fromisoformat(it["end"]) if it.get("end") else None
        state = "future"
        if start and start <= self.today:
            state = "closed" if end and end < self.today else "active"
        out: dict[str, Any] = {"id": self.ids[it["name"]], "name": it["name"], "state": state}
        out.update({"boardId": 3, "goal": ""})
        if start:
            out["startDate"] = utc_z(start, time(9, 0))
        if end:
            out["endDate"] = utc_z(end, time(17, 0))
        if state == "closed" and end:
            out["completeDate"] = utc_z(end, time(17, 30))
        return out


def issue(row: dict[str, Any], sprints: Sprints) -> dict[str, Any]:
    key = row["key"]
    number = int(key.rsplit("-", 1)[1])
    done = row.get("done")
    it = row.get("iteration")
    category = "done" if done else ("indeterminate" if it else "new")
    updated = max(filter(None, [row["created"], done]))
    milestone = row.get("milestone")
    is_epic_key = bool(milestone) and milestone.rsplit("-", 1)[-1].isdigit()
    fields: dict[str, Any] = {
        "summary": row["title"],
        "issuetype": issuetype(row["type"]),
        "status": status(category),
        "resolution": {
            "self": f"{SITE}/rest/api/3/resolution/10000",
            "id": "10000",
            "description": "Work has been completed on this issue.",
            "name": "Done",
        }
        if done
        else None,
        "created": jira_time(row["created"]),
        "updated": jira_time(updated),
        "resolutiondate": jira_time(done) if done else None,
        "statuscategorychangedate": jira_time(done or row["created"]),
        "labels": sorted(row.get("labels", [])),
        "components": [],
        "fixVersions": [fix_version(milestone)] if milestone and not is_epic_key else [],
        "assignee": user(row["assignees"][0]) if row.get("assignees") else None,
        "parent": epic_parent(milestone) if is_epic_key else None,
        "duedate": None,
        FIELDS.sprint: [sprints.sprint(it)] if it else None,
        FIELDS.points: row.get("fields", {}).get("points"),
    }
    return {
        "expand": EXPAND,
        "id": str(10000 + number),
        "self": f"{SITE}/rest/api/3/issue/{10000 + number}",
        "key": key,
        "fields": fields,
    }


def epic_parent(key: str) -> dict[str, Any]:
    number = 10000 + int(key.rsplit("-", 1)[1])
    return {
        "id": str(number),
        "key": key,
        "self": f"{SITE}/rest/api/3/issue/{number}",
        "fields": {
            "summary": key,
            "status": status("indeterminate"),
            "issuetype": issuetype("epic"),
        },
    }


def fix_version(name: str) -> dict[str, Any]:
    vid = 10100 + sum(map(ord, name)) % 900
    return {
        "self": f"{SITE}/rest/api/3/version/{vid}",
        "id": str(vid),
        "description": "",
        "name": name,
        "archived": False,
        "released": False,
    }


def field_list() -> list[dict[str, Any]]:
    def system(fid: str, name: str, schema: dict[str, Any], clauses: list[str]) -> dict[str, Any]:
        return {
            "id": fid,
            "key": fid,
            "name": name,
            "custom": False,
            "orderable": True,
            "navigable": True,
            "searchable": True,
            "clauseNames": clauses,
            "schema": schema,
        }

    def custom(fid: str, name: str, schema: dict[str, Any]) -> dict[str, Any]:
        number = int(fid.rsplit("_", 1)[1])
        return {
            **system(fid, name, {**schema, "customId": number}, [f"cf[{number}]", name]),
            "custom": True,
        }

    return [
        system("summary", "Summary", {"type": "string", "system": "summary"}, ["summary"]),
        system(
            "issuekey",
            "Key",
            {"type": "string", "system": "issuekey"},
            ["id", "issue", "issuekey", "key"],
        ),
        system(
            "labels", "Labels", {"type": "array", "items": "string", "system": "labels"}, ["labels"]
        ),
        system(
            "fixVersions",
            "Fix versions",
            {"type": "array", "items": "version", "system": "fixVersions"},
            ["fixVersion"],
        ),
        custom(
            "customfield_10016",
            "Story point estimate",
            {"type": "number", "custom": "com.pyxis.greenhopper.jira:jsw-story-points"},
        ),
        custom(
            "customfield_10020",
            "Sprint",
            {"type": "array", "items": "json", "custom": SPRINT_SCHEMA},
        ),
    ]


def server_info(today: date) -> dict[str, Any]:
    return {
        "baseUrl": SITE,
        "version": "1001.0.0-SNAPSHOT",
        "versionNumbers": [1001, 0, 0],
        "deploymentType": "Cloud",
        "buildNumber": 100281,
        "buildDate": "2026-11-27T02:19:58.000+0100",
        "serverTime": f"{today.isoformat()}T17:00:00.000+0100",
        "scmInfo": "5b2d8ba4e9bd7a0dbeaa0d5ac4d4b6c2b1e6a7f1",
        "serverTitle": "Jira",
        "serverTimeZone": "Etc/UTC",
    }


def myself() -> dict[str, Any]:
    account = "712020:0c4f3b2a-9e1d-4c5b-8a7f-2d3e4f5a6b7c"
    return {
        "self": f"{SITE}/rest/api/3/user?accountId={account}",
        "accountId": account,
        "accountType": "atlassian",
        "emailAddress": "wigboard-bot@acme-air.example",
        "avatarUrls": {
            s: f"https://secure.gravatar.com/avatar/bot?s={s[:2]}"
            for s in ("48x48", "24x24", "16x16", "32x32")
        },
        "displayName": "wigboard bot",
        "active": True,
        "timeZone": "Europe/Oslo",
        "locale": "en_US",
        "groups": {"size": 2, "items": []},
        "applicationRoles": {"size": 1, "items": []},
        "expand": "groups,applicationRoles",
    }


def search_url(token: str | None) -> str:
    """The exact request the connector sends for one page (see jira_search.TokenPaging)."""
    params: list[tuple[str, str]] = [("jql", f"{bounded(JQL)} {ORDER}")]
    params += [("fields", f) for f in FIELDS.requested()]
    params.append(("maxResults", str(PAGE)))
    if token:
        params.append(("nextPageToken", token))
    return "/rest/api/3/search/jql?" + urlencode(params)


def record(rows: list[dict[str, Any]], today: date) -> int:
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    index: list[dict[str, Any]] = []

    def add(url: str, name: str, body: Any) -> None:
        (OUT / name).write_text(json.dumps(body, ensure_ascii=False, separators=(",", ":")) + "\n")
        headers = {"Content-Type": "application/json;charset=UTF-8"}
        index.append({"method": "GET", "url": url, "status": 200, "headers": headers, "body": name})

    add("/rest/api/2/serverInfo", "serverInfo.json", server_info(today))
    if discover_fields(field_list(), "Story Points") != FIELDS:
        raise SystemExit("field_list() and FIELDS disagree")
    add("/rest/api/3/field", "field.json", field_list())
    add("/rest/api/3/myself", "myself.json", myself())
    sprints = Sprints(rows, today)
    ordered = sorted(rows, key=lambda r: (r["created"], int(r["key"].rsplit("-", 1)[1])))
    issues = [issue(r, sprints) for r in ordered]
    token: str | None = None
    pages = [issues[i : i + PAGE] for i in range(0, len(issues), PAGE)] or [[]]
    for number, page in enumerate(pages, start=1):
        body: dict[str, Any] = {"issues": page}
        url = search_url(token)
        if number < len(pages):
            token = base64.b64encode(f"GX|created|{number * PAGE}".encode()).decode()
            body["nextPageToken"] = token
        body["isLast"] = number == len(pages)
        add(url, f"search-jql-{number:02d}.json", body)
    (OUT / "index.json").write_text(json.dumps(index, indent=1) + "\n")
    return len(pages)


def check(rows: list[dict[str, Any]], today: date) -> list[str]:
    """Sync through the recording with the real connector; list every difference."""
    source = JiraSource(kind="jira", url=SITE, jql=JQL, replay=str(OUT.relative_to(DEMO)))
    config = Config(scoreboard=Scoreboard(timezone="Europe/Oslo"), sources={"jira": source})
    with tempfile.TemporaryDirectory() as cache:
        now = datetime.combine(today, time(17, 0), tzinfo=UTC)
        context = SyncContext("jira", Path(cache), DEMO, now)
        items = {
            i.key: i
            for i in JiraConnector("jira", source, config, tuning=JiraTuning()).sync(context).items
        }
    problems = [f"{r['key']}: missing" for r in rows if r["key"] not in items]
    for row in rows:
        item = items.get(row["key"])
        if item is None:
            continue
        got = {
            "title": item.title,
            "type": item.type,
            "url": item.url,
            "container": item.container,
            "created": item.created.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "done": item.done.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if item.done else None,
            "labels": sorted(item.labels),
            "assignees": list(item.assignees),
            "milestone": item.milestone,
            "iteration": None
            if item.iteration is None
            else {
                "name": item.iteration.name,
                "start": item.iteration.start.isoformat() if item.iteration.start else None,
                "end": item.iteration.end.isoformat() if item.iteration.end else None,
            },
            "points": item.fields.get("points"),
        }
        want = {k: row.get(k) for k in got if k != "points"}
        want.update(
            labels=sorted(row.get("labels", [])), points=row.get("fields", {}).get("points")
        )
        problems += [
            f"{row['key']}.{k}: {got[k]!r} != {want[k]!r}" for k in got if got[k] != want[k]
        ]
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only verify the recording")
    args = parser.parse_args()
    rows = [json.loads(line) for line in ITEMS.read_text(encoding="utf-8").splitlines() if line]
    today = date.fromisoformat((DEMO / "AS_OF").read_text().strip())
    if not args.check:
        pages = record(rows, today)
        print(f"wrote {len(rows)} issues in {pages} search pages to {OUT.relative_to(ROOT)}")
    problems = check(rows, today)
    for problem in problems[:20]:
        print("MISMATCH", problem, file=sys.stderr)
    print(
        f"replay check: {len(rows) - len({p.split(':')[0].split('.')[0] for p in problems})}"
        f"/{len(rows)} items identical"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
