"""The Jira connector: Jira Cloud and Data Center issues into wigboard's model.

One sync is, in requests:

* ``GET serverInfo`` (skipped when ``deployment:`` is set) to tell Cloud from
  Data Center by ``deploymentType``;
* ``GET field`` to find the sprint, story-points and epic-link fields;
* ``GET myself`` (incremental syncs only) for the user's timezone, in which
  Jira reads the dates in JQL;
* the issue search, ``ceil(N / page size)`` pages: Cloud
  ``/rest/api/3/search/jql`` (``nextPageToken``), Data Center
  ``/rest/api/2/search`` (``startAt``/``total``), with only the fields used;
* one ids-only search per selector ``jql:`` in the config, whose matches get
  ``fields["jql:" + jql] = 1.0``.

Incremental syncs ask for ``updated >= <last update seen − overlap>`` in the
user's timezone and merge by Jira's issue *id*, so an issue moved to another
project replaces its old key. A full pull runs on ``--full``, in replay mode,
when the source's JQL or fields changed, and weekly (to drop deleted issues).
The cache is written once, atomically, after everything succeeded.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo

from jira import JIRA

from wigboard.config import Config, JiraSource
from wigboard.connectors.base import SyncContext, write_json_atomic
from wigboard.connectors.jira_fields import FieldMap, discover_fields
from wigboard.connectors.jira_filters import jira_selectors
from wigboard.connectors.jira_jql import ORDER, bounded, check_fragment, updated_since
from wigboard.connectors.jira_map import IssueRecord, MapContext, Version, milestones_of, to_record
from wigboard.connectors.jira_search import (
    JiraCalls,
    OffsetPaging,
    Paging,
    SearchRequest,
    TokenPaging,
)
from wigboard.connectors.replay import mount_replay
from wigboard.errors import AuthError, ConfigError, SourceError
from wigboard.model import SourceSnapshot, WorkItem, snapshot_from_json, snapshot_to_json

__all__ = ["CACHE_FILE", "JiraConnector", "JiraTuning"]

logger = logging.getLogger("mkdocs.plugins.wigboard.connectors.jira")

CACHE_FILE = "jira.json"
"""Name of the connector's cache file inside the source's cache folder."""
_CACHE_VERSION = 1
Deployment = Literal["cloud", "datacenter"]


@dataclass(frozen=True)
class JiraTuning:
    """Knobs with sensible defaults; tests and the bench change them."""

    page_size: int = 100
    """``maxResults`` of issue searches (Cloud returns at most 100 with fields)."""
    id_page_size: int = 1000
    """``maxResults`` of ids-only selector searches."""
    overlap: timedelta = timedelta(minutes=15)
    """How far before the last update seen an incremental sync starts."""
    full_every: timedelta = timedelta(days=7)
    """A full pull at least this often, to drop deleted or moved-out issues."""
    timeout: float = 60
    """HTTP timeout in seconds."""
    sleep: Callable[[float], None] = field(default=time.sleep)
    """How to wait for rate limits (tests inject a recorder)."""


@dataclass
class _Cache:
    records: dict[str, IssueRecord]
    cursor: datetime | None
    last_full: datetime


class JiraConnector:
    """Sync one ``kind: jira`` source."""

    def __init__(
        self,
        source_id: str,
        source: JiraSource,
        config: Config,
        *,
        tuning: JiraTuning | None = None,
    ) -> None:
        """Prepare a connector; nothing is fetched until :meth:`sync`.

        Args:
            source_id: The source's id (key under ``sources:``).
            source: Its configuration.
            config: The whole config (selectors with ``jql:``, scoreboard timezone).
            tuning: Page sizes, overlap and the sleep function; defaults if omitted.
        """
        self.source_id = source_id
        self.source = source
        self.config = config
        self.tuning = tuning or JiraTuning()
        self.site_url = source.url.rstrip("/")
        self.calls = JiraCalls(
            source_id, self._credential_names(), source.max_wait, self.tuning.sleep
        )

    # -- public -----------------------------------------------------------------

    def sync(self, context: SyncContext) -> SourceSnapshot:
        """Pull the source's issues (incrementally when a good cache exists).

        Args:
            context: Cache folder, config folder, clock and the ``full`` flag.

        Returns:
            Every issue of the source, with fixVersions and epics as milestones.

        Raises:
            ConfigError: The source's or a selector's JQL could escape its parentheses.
            SourceError: Jira could not be read (AuthError, RateLimitError included).
        """
        selectors = self._checked_jql()
        client, deployment = self._connect(context.config_dir)
        raw_fields = self.calls("field", client.fields)
        if not isinstance(raw_fields, list):
            raise SourceError(self.source_id, "GET field answered something other than a list")
        # Our field ids are already ids: an identity map stops the library re-fetching /field.
        client._fields_cache_value = {str(f["id"]): str(f["id"]) for f in raw_fields} or {
            "id": "id"
        }
        ids = discover_fields(raw_fields, self.source.points_field)
        paging: Paging = (TokenPaging if deployment == "cloud" else OffsetPaging)(
            client, self.calls
        )

        cache = None if context.full or self.source.replay else self._load(context, deployment, ids)
        records, jql, last_full = self._plan(client, cache, context.now)
        self._fetch(paging, f"{jql} {ORDER}", ids, records)
        marks = {sel: self._matching_ids(paging, sel) for sel in selectors}
        self._save(context, deployment, ids, records, last_full)
        items = [self._marked(r, marks) for r in records.values()]
        return SourceSnapshot(
            source=self.source_id,
            fetched_at=context.now,
            items=sorted(items, key=lambda i: i.key),
            milestones=milestones_of(records.values(), self.source_id, self.site_url),
        )

    def _plan(
        self, client: Any, cache: _Cache | None, now: datetime
    ) -> tuple[dict[str, IssueRecord], str, datetime]:
        """Full pull, or records to update and the ``updated >=`` JQL of an incremental one."""
        if cache is None or cache.cursor is None:
            logger.info("jira %s: full sync of %s", self.source_id, self.source.jql)
            return {}, bounded(self.source.jql), now
        user = self.calls("myself", client.myself)
        zone = user.get("timeZone") if isinstance(user, Mapping) else None
        since = updated_since(cache.cursor - self.tuning.overlap, zone)
        logger.info("jira %s: incremental sync, %s (user zone %s)", self.source_id, since, zone)
        return cache.records, bounded(self.source.jql, since), cache.last_full

    # -- connecting ---------------------------------------------------------------

    def _credential_names(self) -> str:
        if self.source.pat_env:
            return f"the personal access token in {self.source.pat_env}"
        return f"{self.source.email_env} and {self.source.token_env}"

    def _auth(self) -> dict[str, Any]:
        if self.source.replay:
            return {}
        where = f"sources.{self.source_id}"
        if self.source.pat_env:
            token = os.environ.get(self.source.pat_env, "").strip()
            if not token:
                raise AuthError(
                    self.source_id,
                    f"environment variable {self.source.pat_env} is not set or empty "
                    f"({where}.pat_env: a Data Center personal access token, sent as Bearer)",
                )
            return {"token_auth": token}
        names = (self.source.email_env, self.source.token_env)
        values = [os.environ.get(n, "").strip() for n in names]
        missing = [n for n, v in zip(names, values, strict=True) if not v]
        if missing:
            raise AuthError(
                self.source_id,
                f"environment variable(s) {', '.join(missing)} not set or empty (looked for "
                f"{where}.email_env = {names[0]} and {where}.token_env = {names[1]}: Jira Cloud "
                f"email and API token; for Data Center set {where}.pat_env)",
            )
        return {"basic_auth": (values[0], values[1])}

    def _client(self, api_version: str, config_dir: Path) -> Any:
        client = JIRA(
            options={
                "server": self.site_url,
                "rest_api_version": api_version,
                "check_update": False,
            },
            get_server_info=False,
            max_retries=0,
            timeout=self.tuning.timeout,
            logging=False,
            **self._auth(),
        )
        if self.source.replay:
            mount_replay(client._session, config_dir / self.source.replay)
        return client

    def _connect(self, config_dir: Path) -> tuple[Any, Deployment]:
        deployment: Deployment | None = self.source.deployment
        probe = None
        if deployment is None:
            probe = self._client("2", config_dir)
            info = self.calls("serverInfo", probe.server_info)
            if not isinstance(info, Mapping) or "versionNumbers" not in info:
                raise SourceError(self.source_id, "GET serverInfo answered without versionNumbers")
            deployment = "cloud" if info.get("deploymentType") == "Cloud" else "datacenter"
            logger.info(
                "jira %s: %s detected (%s)", self.source_id, deployment, info.get("version")
            )
        if deployment == "cloud":
            client = self._client("3", config_dir)
        else:
            client = probe or self._client("2", config_dir)
        client.deploymentType = "Cloud" if deployment == "cloud" else "Server"
        return client, deployment

    def _checked_jql(self) -> list[str]:
        checks = [(f"sources.{self.source_id}.jql", self.source.jql)]
        refs = jira_selectors(self.config, self.source_id)
        checks += [(f"{r.path}.jql", r.selector.jql or "") for r in refs]
        for path, jql in checks:
            problem = check_fragment(jql)
            if problem:
                raise ConfigError(
                    self.config.where(path),
                    f"{path}: JQL {jql!r} cannot be safely combined with other JQL: {problem}",
                    "balance parentheses and quotes; write values as quoted strings",
                )
        return [r.selector.jql or "" for r in refs]

    # -- fetching -------------------------------------------------------------------

    def _map_context(self, ids: FieldMap) -> MapContext:
        return MapContext(
            self.source_id, self.site_url, ids, ZoneInfo(self.config.scoreboard.timezone)
        )

    def _fetch(
        self, paging: Paging, jql: str, ids: FieldMap, records: dict[str, IssueRecord]
    ) -> None:
        ctx = self._map_context(ids)
        key_of = {r.id: key for key, r in records.items()}
        request = SearchRequest(jql, ids.requested(), self.tuning.page_size)
        seen = 0
        for number, page in enumerate(paging.pages(request), start=1):
            for raw in page:
                try:
                    record = to_record(raw, ctx)
                except (KeyError, TypeError, ValueError) as exc:
                    raise SourceError(
                        self.source_id,
                        f"issue {raw.get('key', '?')} has an unexpected shape: {exc!r}",
                    ) from None
                old_key = key_of.get(record.id)
                if old_key and old_key != record.item.key:
                    logger.info("jira %s: %s moved to %s", self.source_id, old_key, record.item.key)
                    records.pop(old_key, None)
                records[record.item.key] = record
                key_of[record.id] = record.item.key
            seen += len(page)
            logger.info("jira %s: page %d, %d issues so far", self.source_id, number, seen)

    def _matching_ids(self, paging: Paging, selector_jql: str) -> set[str]:
        jql = f"{bounded(self.source.jql, selector_jql)} {ORDER}"
        request = SearchRequest(jql, ["id"], self.tuning.id_page_size)
        return {str(raw["id"]) for page in paging.pages(request) for raw in page}

    @staticmethod
    def _marked(record: IssueRecord, marks: Mapping[str, set[str]]) -> WorkItem:
        hits = {f"jql:{jql}": 1.0 for jql, matched in marks.items() if record.id in matched}
        return replace(record.item, fields={**record.item.fields, **hits}) if hits else record.item

    # -- cache ------------------------------------------------------------------------

    def _cache_header(self, deployment: str, ids: FieldMap) -> dict[str, Any]:
        return {
            "version": _CACHE_VERSION,
            "site": self.site_url,
            "jql": self.source.jql,
            "deployment": deployment,
            "fields": ids.to_json(),
            "timezone": self.config.scoreboard.timezone,
        }

    def _load(self, context: SyncContext, deployment: str, ids: FieldMap) -> _Cache | None:
        path = context.cache_dir / CACHE_FILE
        try:
            data = _read_json(path)
            if any(data.get(k) != v for k, v in self._cache_header(deployment, ids).items()):
                logger.info("jira %s: site, JQL or fields changed; full sync", self.source_id)
                return None
            last_full = datetime.fromisoformat(data["last_full"])
            if context.now - last_full > self.tuning.full_every:
                return None
            snapshot = snapshot_from_json(data["snapshot"])
            extras = data["extras"]
            records = {i.key: _record(i, extras[i.key]) for i in snapshot.items}
        except FileNotFoundError:
            return None
        except (ValueError, KeyError, TypeError) as exc:
            logger.warning(
                "jira %s: cache %s unreadable (%r); full sync", self.source_id, path, exc
            )
            return None
        cursor = max((r.item.updated for r in records.values() if r.item.updated), default=None)
        return _Cache(records, cursor, last_full)

    def _save(
        self,
        context: SyncContext,
        deployment: str,
        ids: FieldMap,
        records: Mapping[str, IssueRecord],
        last_full: datetime,
    ) -> None:
        snapshot = SourceSnapshot(self.source_id, context.now, [r.item for r in records.values()])
        data = {
            **self._cache_header(deployment, ids),
            "last_full": last_full.isoformat(),
            "snapshot": snapshot_to_json(snapshot),
            "extras": {key: r.extras_json() for key, r in records.items()},
        }
        write_json_atomic(context.cache_dir / CACHE_FILE, data)


def _read_json(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError("not an object")
    return data


def _record(item: WorkItem, extras: Mapping[str, Any]) -> IssueRecord:
    due = extras.get("due")
    return IssueRecord(
        id=str(extras["id"]),
        item=item,
        versions=tuple(Version.from_json(v) for v in extras.get("versions", [])),
        epic=extras.get("epic"),
        due=datetime.fromisoformat(due).date() if due else None,
    )
