"""HTTP plumbing of the GitHub connector: auth, conditional GETs, rate limits, retries.

Everything goes through PyGithub's :class:`github.Requester.Requester`, with
PyGithub's own pacing (``seconds_between_requests``/``_writes``) and its
urllib3 retry turned off, so that this module alone decides when to wait
and when to give up:

* primary rate limit (``x-ratelimit-remaining: 0``, or a GraphQL
  ``RATE_LIMITED`` error): wait until ``x-ratelimit-reset``;
* secondary rate limit (403/429 with ``retry-after``, or GitHub's secondary
  limit message without it): wait ``retry-after`` (else 60 s, doubling);
* both only while the total wait stays within ``max_wait``, else
  :class:`~wigboard.errors.RateLimitError`;
* 5xx and dropped connections: a few retries with back-off, then
  :class:`~wigboard.errors.SourceError`.

The sleep function and the clock are injected, so tests never sleep.
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import requests
from github import Auth, Github, GithubException
from github.Requester import Requester

from wigboard.config import GitHubSource
from wigboard.connectors.replay import ReplayAdapter, mount_replay
from wigboard.errors import AuthError, RateLimitError, SourceError

__all__ = ["GitHubClient", "Page", "RequestStats", "RetryPolicy", "connect"]

logger = logging.getLogger("mkdocs.plugins.wigboard.connectors.github")

T = TypeVar("T")

_LINK_NEXT = re.compile(r'<([^>]+)>\s*;\s*rel="next"')
_SECONDARY_HINTS = ("secondary rate limit", "please retry your request again later")
_MAX_LIMIT_WAITS = 20
"""Rate-limit waits per request, whatever their length (guards against ``retry-after: 0`` loops)."""


@dataclass(frozen=True)
class RetryPolicy:
    """How long to wait for rate limits and how often to retry server errors."""

    max_wait: float = 300
    """Total seconds of rate-limit waiting allowed in one sync (``max_wait`` of the source)."""
    max_retries: int = 3
    """Retries of a request that got a 5xx or lost its connection."""
    backoff: float = 1.0
    """Seconds before the first retry of a 5xx; doubled on each further retry."""
    sleep: Callable[[float], None] = time.sleep
    """How to wait (tests inject a recorder)."""
    clock: Callable[[], float] = time.time
    """Current time as epoch seconds (compared with ``x-ratelimit-reset``)."""


@dataclass
class RequestStats:
    """What one client sent, for logs, tests and the bench."""

    sent: int = 0
    """HTTP requests sent (REST and GraphQL, retries included)."""
    not_modified: int = 0
    """REST requests answered 304 (free of rate limit)."""
    graphql: int = 0
    """GraphQL queries sent (retries included)."""
    retries: int = 0
    """Requests repeated after a 5xx, a dropped connection or a rate limit."""
    waited: float = 0.0
    """Seconds spent waiting for rate limits and back-off."""
    graphql_cost: int = 0
    """Sum of the ``rateLimit.cost`` GraphQL reported."""


@dataclass(frozen=True)
class Page:
    """One answer to a conditional GET."""

    status: int
    """200, or 304 when the ``etag`` sent still matches."""
    data: Any
    """The JSON body (``None`` on 304)."""
    etag: str | None
    """The page's ETag (the one sent, on 304)."""
    next_url: str | None
    """The ``rel="next"`` link, if any (``None`` on 304)."""

    @property
    def not_modified(self) -> bool:
        """Whether the page is unchanged since ``etag`` was stored."""
        return self.status == 304


def next_link(link_header: str | None) -> str | None:
    """Return the ``rel="next"`` URL of a ``Link`` header, if any."""
    match = _LINK_NEXT.search(link_header or "")
    return match.group(1) if match else None


@dataclass
class GitHubClient:
    """PyGithub with wigboard's own bounded, cap-aware retry around every call."""

    source_id: str
    """The configured source id (named in errors)."""
    github: Github
    """The PyGithub entry point (lazy, no pacing, no urllib3 retry)."""
    credentials: str
    """Where the credentials came from, for error messages (e.g. ``$GITHUB_TOKEN``)."""
    policy: RetryPolicy = field(default_factory=RetryPolicy)
    """Waiting and retry rules."""
    replay: ReplayAdapter | None = None
    """The replay transport when the source replays a recording."""
    stats: RequestStats = field(default_factory=RequestStats)
    """Counters of what was sent."""

    @property
    def requester(self) -> Requester:
        """PyGithub's requester (the one HTTP path of this client)."""
        requester: Requester = self.github.requester
        return requester

    def get(
        self, url: str, params: Mapping[str, Any] | None = None, etag: str | None = None
    ) -> Page:
        """Send a (conditional) GET and return the page.

        Args:
            url: Path under the API root (``/repos/o/r/issues``) or a full ``Link`` URL.
            params: Query parameters (``None`` when ``url`` already carries them).
            etag: A stored ETag: sent as ``If-None-Match`` so an unchanged page is a free 304.

        Returns:
            The page (status 200 or 304).

        Raises:
            SourceError: Any failure that retries and waits did not cure.
        """

        def once() -> Page:
            headers = {"If-None-Match": etag} if etag else {}
            self.stats.sent += 1
            status, response_headers, body = self.requester.requestJson(
                "GET", url, dict(params) if params else None, headers
            )
            if status == 304:
                self.stats.not_modified += 1
                return Page(304, None, etag, None)
            data = json.loads(body) if body else None
            if status >= 400:
                raise Requester.createException(status, response_headers, data or {})
            following = self._relative(next_link(response_headers.get("link")))
            return Page(status, data, response_headers.get("etag"), following)

        return self.call(once, f"GET {url}")

    def _relative(self, url: str | None) -> str | None:
        """A ``Link`` URL under the API root, as the path PyGithub expects.

        PyGithub accepts absolute URLs only on the API host (it asserts); a
        link elsewhere is GitHub (or a recording) misbehaving, not a page.
        """
        if url is None:
            return None
        base = self.requester.base_url.rstrip("/")
        if url.startswith(base + "/"):
            return url[len(base) :]
        raise SourceError(self.source_id, f"GitHub linked the next page outside {base}: {url}")

    def graphql(self, query: str, variables: Mapping[str, Any]) -> dict[str, Any]:
        """Send a GraphQL query; a 200 that carries ``errors`` is an error.

        Args:
            query: The GraphQL document.
            variables: Its variables.

        Returns:
            The ``data`` member of the response.

        Raises:
            SourceError: Errors in the response, or failures retries did not cure.
        """

        def once() -> dict[str, Any]:
            self.stats.sent += 1
            self.stats.graphql += 1
            _, response = self.requester.graphql_query(query, dict(variables))
            if response.get("errors"):  # graphql_query raises on these; belt and braces
                raise Requester.createException(400, {}, response)
            data: dict[str, Any] = response.get("data") or {}
            cost = (data.get("rateLimit") or {}).get("cost")
            if isinstance(cost, int):
                self.stats.graphql_cost += cost
            return data

        return self.call(once, "POST graphql")

    def call(self, action: Callable[[], T], what: str) -> T:
        """Run one PyGithub call with wigboard's retry and rate-limit rules.

        Args:
            action: The call; it is repeated as a whole on retry.
            what: Words for logs and errors, e.g. ``GET /repos/o/r/issues``.

        Returns:
            What ``action`` returned.

        Raises:
            AuthError: Credentials missing, rejected or lacking access.
            RateLimitError: Waiting for a rate limit would exceed ``max_wait``.
            SourceError: Server errors or lost connections past the retries, other errors.
        """
        failures = 0
        limit_waits = 0
        while True:
            try:
                return action()
            except GithubException as exc:
                wait = self._limit_wait(exc)
                if wait is not None:
                    limit_waits += 1
                    self._wait_for_limit(wait, limit_waits, what)
                    continue
                if exc.status < 500:
                    raise self._translate(exc, what) from exc
                failures += 1
                self._backoff(failures, f"{what}: GitHub answered {exc.status}", exc)
            except requests.RequestException as exc:
                if self.replay is not None:  # a recording is missing: a bug, not a glitch
                    raise SourceError(self.source_id, str(exc)) from exc
                failures += 1
                self._backoff(failures, f"{what}: {type(exc).__name__}: {exc}", exc)

    def _backoff(self, failures: int, problem: str, exc: Exception) -> None:
        if failures > self.policy.max_retries:
            raise SourceError(
                self.source_id, f"{problem} (gave up after {self.policy.max_retries} retries)"
            ) from exc
        delay = self.policy.backoff * 2 ** (failures - 1)
        logger.warning(
            "%s; retry %d/%d in %.0fs", problem, failures, self.policy.max_retries, delay
        )
        self.stats.retries += 1
        self.stats.waited += delay
        self.policy.sleep(delay)

    def _limit_wait(self, exc: GithubException) -> float | None:
        """Seconds to wait when ``exc`` is a rate limit, else ``None``."""
        headers = {str(k).lower(): str(v) for k, v in (exc.headers or {}).items()}
        message = _message(exc).lower()
        graphql_limited = any(e.get("type") == "RATE_LIMITED" for e in _graphql_errors(exc))
        if exc.status not in (403, 429) and not graphql_limited:
            return None
        if "retry-after" in headers:
            return max(float(headers["retry-after"]), 0.0)
        if headers.get("x-ratelimit-remaining") == "0" or graphql_limited:
            reset = float(headers.get("x-ratelimit-reset", self.policy.clock() + 60))
            return max(reset - self.policy.clock(), 0.0) + 1.0
        if any(hint in message for hint in _SECONDARY_HINTS) or exc.status == 429:
            return 60.0
        return None

    def _wait_for_limit(self, wait: float, count: int, what: str) -> None:
        total = self.stats.waited + wait
        if total > self.policy.max_wait or count > _MAX_LIMIT_WAITS:
            raise RateLimitError(
                self.source_id,
                f"{what}: GitHub rate limit asks to wait {wait:.0f}s; with "
                f"{self.stats.waited:.0f}s already waited that exceeds max_wait "
                f"({self.policy.max_wait:.0f}s)",
            )
        logger.warning("%s: GitHub rate limit, waiting %.0fs", what, wait)
        self.stats.retries += 1
        self.stats.waited = total
        self.policy.sleep(wait)

    def _translate(self, exc: GithubException, what: str) -> SourceError:
        message = _message(exc)
        if exc.status == 401:
            return AuthError(
                self.source_id,
                f"GitHub rejected the credentials from {self.credentials} (401: {message})",
            )
        if exc.status == 403:
            return AuthError(
                self.source_id,
                f"{what}: forbidden (403: {message}); check that the credentials from "
                f"{self.credentials} can read this (scopes: repo, read:project)",
            )
        if exc.status == 404:
            return SourceError(
                self.source_id,
                f"{what}: not found (404: {message}); check the name and that the credentials "
                f"from {self.credentials} can see it",
            )
        errors = _graphql_errors(exc)
        if errors:
            text = "; ".join(f"{e.get('type', 'ERROR')}: {e.get('message', '')}" for e in errors)
            return SourceError(self.source_id, f"{what}: GraphQL errors: {text}")
        return SourceError(self.source_id, f"{what}: GitHub answered {exc.status}: {message}")


def _message(exc: GithubException) -> str:
    data = exc.data
    if isinstance(data, dict):
        return str(data.get("message") or exc.message or "")
    return str(exc.message or data or "")


def _graphql_errors(exc: GithubException) -> list[dict[str, Any]]:
    data = exc.data
    if isinstance(data, dict) and isinstance(data.get("errors"), list):
        return [e for e in data["errors"] if isinstance(e, dict)]
    return []


@dataclass(frozen=True)
class _Credentials:
    auth: Auth.Auth
    description: str


def _credentials(
    source_id: str, source: GitHubSource, environ: Mapping[str, str], replay: bool
) -> _Credentials:
    if source.app is not None and not replay:
        app = source.app
        names = (app.app_id_env, app.private_key_env, app.installation_id_env)
        missing = [name for name in names if not environ.get(name)]
        if missing:
            raise AuthError(
                source_id,
                "GitHub App credentials missing: set the environment variable(s) "
                + ", ".join(missing)
                + f" (sources.{source_id}.app)",
            )
        key = environ[app.private_key_env].replace("\\n", "\n")
        try:
            installation = int(environ[app.installation_id_env])
        except ValueError as exc:
            raise AuthError(
                source_id, f"${app.installation_id_env} must be a number (the installation id)"
            ) from exc
        auth = Auth.AppAuth(environ[app.app_id_env], key).get_installation_auth(installation)
        return _Credentials(auth, f"the GitHub App (${app.app_id_env}, ${app.private_key_env})")
    token = environ.get(source.token_env, "").strip()
    if not token:
        if replay:
            token = "replay"
        else:
            raise AuthError(
                source_id,
                f"no GitHub token: the environment variable {source.token_env} is not set "
                f"(named by sources.{source_id}.token_env)",
            )
    return _Credentials(Auth.Token(token), f"${source.token_env}")


def connect(
    source_id: str,
    source: GitHubSource,
    *,
    config_dir: Path,
    policy: RetryPolicy | None = None,
    environ: Mapping[str, str] | None = None,
) -> GitHubClient:
    """Build the PyGithub client of a source, with auth, GHES root and replay.

    No request is sent here; credentials are checked by the first request.

    Args:
        source_id: The configured source id.
        source: The source's config.
        config_dir: Folder of ``wigboard.yml`` (``replay`` is relative to it).
        policy: Waiting and retry rules (default: the source's ``max_wait``).
        environ: Environment to read secrets from (default: ``os.environ``).

    Returns:
        The client.

    Raises:
        AuthError: A token or App variable the config names is not set.
    """
    env = os.environ if environ is None else environ
    replay_dir = config_dir / source.replay if source.replay else None
    creds = _credentials(source_id, source, env, replay_dir is not None)
    github = Github(
        auth=creds.auth,
        base_url=source.api_url.rstrip("/"),
        per_page=100,
        retry=None,
        seconds_between_requests=None,
        seconds_between_writes=None,
        lazy=True,
        user_agent="wigboard",
    )
    adapter = None
    if replay_dir is not None:
        if not (replay_dir / "index.json").is_file():
            raise SourceError(source_id, f"replay folder {replay_dir} has no index.json")
        adapter = mount_replay(_session_of(github.requester), replay_dir)
    return GitHubClient(
        source_id=source_id,
        github=github,
        credentials=creds.description,
        policy=policy or RetryPolicy(max_wait=source.max_wait),
        replay=adapter,
    )


def _session_of(requester: Requester) -> requests.Session:
    """The ``requests.Session`` under PyGithub's persistent connection.

    PyGithub keeps one ``HTTPSRequestsConnectionClass`` (or the HTTP one) per
    requester and sends every request through its ``session``; creating it now
    lets the replay transport be mounted on it.
    """
    connection = getattr(requester, "_Requester__createConnection")()  # noqa: B009
    session: requests.Session = connection.session
    return session
