"""Calling Jira: bounded rate-limit retries, error translation, and the two paging schemes.

* :class:`JiraCalls` wraps every call into the ``jira`` client. The client is
  built with ``max_retries=0`` (its own retry sleeps up to 60 s with jitter);
  here 429/503 are retried after ``Retry-After`` with an injected ``sleep``
  while the total wait stays within ``max_wait``, beyond which
  :class:`~wigboard.errors.RateLimitError` is raised. Every other failure
  becomes a :class:`~wigboard.errors.SourceError` that says what to do.
* :class:`TokenPaging` (Jira Cloud ``/rest/api/3/search/jql``: ``nextPageToken``
  and ``isLast``, no total) and :class:`OffsetPaging` (Data Center
  ``/rest/api/2/search``: ``startAt``/``maxResults``/``total``) yield pages of
  raw issue dicts; the connector never sees which scheme ran.
"""

from __future__ import annotations

import email.utils
import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Protocol, TypeVar
from urllib.parse import urlsplit

import requests
from jira.exceptions import JIRAError

from wigboard.errors import AuthError, RateLimitError, SourceError

__all__ = ["JiraCalls", "OffsetPaging", "Paging", "SearchRequest", "TokenPaging"]

logger = logging.getLogger("mkdocs.plugins.wigboard.connectors.jira")

T = TypeVar("T")
Sleep = Callable[[float], None]

_RETRYABLE = {429, 503}
_MAX_ATTEMPTS = 20


@dataclass
class JiraCalls:
    """Runs calls into the ``jira`` client with bounded retries and clear errors."""

    source_id: str
    """The source's id, for error messages."""
    credentials: str
    """Where the credentials came from, e.g. ``JIRA_EMAIL and JIRA_API_TOKEN``."""
    max_wait: float
    """Longest total wait for rate limits, in seconds."""
    sleep: Sleep
    """How to wait (``time.sleep``; tests and the bench inject their own)."""
    waited: float = 0.0
    """Seconds waited for rate limits so far."""
    calls: dict[str, int] = field(default_factory=dict)
    """Calls made, by what was asked (``search``, ``field``...)."""

    def __call__(self, what: str, call: Callable[[], T]) -> T:
        """Run one call, retrying 429/503 within the wait cap.

        Args:
            what: Short name of the call for logs and errors (``search``, ``myself``).
            call: The call into the client.

        Returns:
            What the call returned.

        Raises:
            RateLimitError: Waiting as Jira asks would exceed ``max_wait``.
            AuthError: Jira answered 401 or 403.
            SourceError: Any other failure, including a non-JSON 200 answer.
        """
        for attempt in range(_MAX_ATTEMPTS):
            self.calls[what] = self.calls.get(what, 0) + 1
            try:
                return call()
            except JIRAError as exc:
                if exc.status_code not in _RETRYABLE:
                    raise self._translate(what, exc) from None
                self._wait(what, exc, attempt)
            except ValueError as exc:  # requests' JSONDecodeError: a 200 that is not JSON
                raise SourceError(self.source_id, _not_json(what, exc)) from None
            except requests.RequestException as exc:
                raise SourceError(
                    self.source_id, f"cannot reach Jira for {what}: {_short(str(exc))}"
                ) from None
        raise RateLimitError(
            self.source_id, f"{what}: still rate limited after {_MAX_ATTEMPTS} tries"
        )

    def _wait(self, what: str, exc: JIRAError, attempt: int) -> None:
        headers = exc.response.headers if exc.response is not None else {}
        delay = _retry_after(headers, attempt)
        if self.waited + delay > self.max_wait:
            raise RateLimitError(
                self.source_id,
                f"{what}: Jira answered {exc.status_code} and asks to wait {delay:.0f} s more "
                f"after {self.waited:.0f} s; that exceeds max_wait = {self.max_wait:.0f} s "
                f"(raise sources.{self.source_id}.max_wait or sync later)",
            )
        logger.warning(
            "Jira %s answered %s; waiting %.0f s as asked (Retry-After)",
            what,
            exc.status_code,
            delay,
        )
        self.sleep(delay)
        self.waited += delay

    def _translate(self, what: str, exc: JIRAError) -> SourceError:
        status = exc.status_code
        path = urlsplit(exc.url or "").path or what
        detail = _short(exc.text or "")
        if status == 401:
            return AuthError(
                self.source_id,
                f"Jira rejected the credentials from {self.credentials} (HTTP 401 on {path}); "
                "check the variables hold a valid account and token",
            )
        if status == 403:
            return AuthError(
                self.source_id,
                f"Jira refused {path} (HTTP 403) for the account in {self.credentials}: it "
                "may lack permission to browse the projects, or need a browser login "
                f"(CAPTCHA). {detail}",
            )
        if status == 410:
            return SourceError(
                self.source_id,
                f"{path} answered 410 Gone: Jira Cloud removed the old /rest/api/2|3/search "
                "endpoints in 2025 (Atlassian changelog CHANGE-2046) in favour of "
                "/rest/api/3/search/jql, which wigboard uses on Cloud. This site was treated as "
                f"Data Center: set `deployment: cloud` (or remove `deployment`) in "
                f"sources.{self.source_id}.",
            )
        if status == 404 and "/rest/api/3/" in path:
            return SourceError(
                self.source_id,
                f"{path} answered 404: this looks like Jira Data Center, which has no "
                f"/rest/api/3 (nor /search/jql); set `deployment: datacenter` in "
                f"sources.{self.source_id}.",
            )
        if status == 400:
            return SourceError(
                self.source_id, f"Jira rejected the query ({path}, HTTP 400): {detail}"
            )
        return SourceError(self.source_id, f"{path} failed with HTTP {status}: {detail}")


def _short(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _not_json(what: str, exc: ValueError) -> str:
    body = str(getattr(exc, "doc", "") or "").lstrip()
    kind = "an HTML page" if body.startswith("<") else "a body that is not JSON"
    return (
        f"Jira answered {what} with {kind} instead of JSON ({_short(body, 80)!r}): a proxy or "
        "single-sign-on login page is in the way; check the url and the network path to Jira"
    )


def _retry_after(headers: Mapping[str, str], attempt: int) -> float:
    """Seconds to wait from ``Retry-After`` (seconds or HTTP date), else back off."""
    value = (headers.get("Retry-After") or "").strip()
    if value.isdigit():
        return max(float(value), 1.0)
    if value:
        try:
            when = email.utils.parsedate_to_datetime(value)
            sent = email.utils.parsedate_to_datetime(headers.get("Date", ""))
            return max((when - sent).total_seconds(), 1.0)
        except (TypeError, ValueError):
            pass
    return float(min(5 * 2**attempt, 60))


@dataclass(frozen=True)
class SearchRequest:
    """One JQL search, paged until the end."""

    jql: str
    """The full JQL, including ORDER BY."""
    fields: Sequence[str]
    """Field ids to return for each issue (``["id"]`` for ids only)."""
    page_size: int
    """``maxResults`` asked per page."""


class Paging(Protocol):
    """A paging scheme: yields pages of raw issue dicts for a search."""

    def pages(self, request: SearchRequest) -> Iterator[list[dict[str, Any]]]:
        """Yield each page's issues, in order, until the last page."""
        ...


def _issues(page: object, what: str, source_id: str) -> list[dict[str, Any]]:
    if not isinstance(page, dict) or not isinstance(page.get("issues"), list):
        shape = type(page).__name__ if not isinstance(page, dict) else f"keys {sorted(page)[:6]}"
        raise SourceError(source_id, f"{what} answered JSON without an 'issues' list ({shape})")
    issues: list[dict[str, Any]] = page["issues"]
    return issues


@dataclass
class TokenPaging:
    """Jira Cloud ``/rest/api/3/search/jql``: follow ``nextPageToken`` until ``isLast``."""

    client: Any
    """A ``jira.JIRA`` talking to Cloud."""
    calls: JiraCalls
    """Retry and error policy."""

    def pages(self, request: SearchRequest) -> Iterator[list[dict[str, Any]]]:
        """Yield each page's issues until ``isLast`` (or no token)."""
        token: str | None = None
        while True:
            page = self.calls(
                "search",
                partial(
                    self.client.enhanced_search_issues,
                    request.jql,
                    nextPageToken=token,
                    maxResults=request.page_size,
                    fields=list(request.fields),
                    json_result=True,
                ),
            )
            yield _issues(page, "search/jql", self.calls.source_id)
            previous, token = token, page.get("nextPageToken")
            if page.get("isLast", token is None) or not token:
                return
            if token == previous:
                raise SourceError(
                    self.calls.source_id, "search/jql returned the same nextPageToken twice"
                )


@dataclass
class OffsetPaging:
    """Data Center ``/rest/api/2/search``: advance ``startAt`` until ``total``."""

    client: Any
    """A ``jira.JIRA`` talking to Data Center."""
    calls: JiraCalls
    """Retry and error policy."""

    def pages(self, request: SearchRequest) -> Iterator[list[dict[str, Any]]]:
        """Yield each page's issues until ``startAt`` reaches ``total`` (or a page is empty)."""
        start = 0
        while True:
            page = self.calls(
                "search",
                partial(
                    self.client.search_issues,
                    request.jql,
                    startAt=start,
                    maxResults=request.page_size,
                    fields=list(request.fields),
                    json_result=True,
                ),
            )
            issues = _issues(page, "search", self.calls.source_id)
            yield issues
            start += len(issues)
            total = page.get("total")
            if not issues or not isinstance(total, int) or start >= total:
                return
