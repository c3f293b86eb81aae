r"""Replay recorded HTTP responses instead of calling a tracker (demo and offline use).

A recording is a folder with an ``index.json``::

    [{"method": "GET", "url": "/repos/acme/ops/issues?page=1&per_page=100&state=all",
      "status": 200, "headers": {"ETag": "\"abc\"", "Link": "<...>; rel=\"next\""},
      "body": "issues-1.json"}, ...]

``url`` is the request path plus its query (parameters sorted), without the
host, so one recording serves any ``api_url``. ``body`` names a file beside
the index. A request that is not in the recording fails loudly (it is a bug in
the recording or the connector, never an empty result).

Mount it on the ``requests.Session`` a vendor library uses with
:func:`mount_replay`; the connector code above it runs unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import requests
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict

__all__ = ["RecordedResponse", "ReplayAdapter", "mount_replay", "normalize_url"]


@dataclass(frozen=True)
class RecordedResponse:
    """One recorded answer."""

    status: int
    headers: Mapping[str, str]
    body: bytes


def normalize_url(url: str) -> str:
    """Return ``path?sorted-query`` of a URL, the key recordings are looked up by.

    Args:
        url: An absolute or host-relative URL.

    Returns:
        The path and its query with parameters sorted.
    """
    parts = urlsplit(url)
    query = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return parts.path + (f"?{query}" if query else "")


class ReplayAdapter(BaseAdapter):
    """A ``requests`` transport that answers from a recording folder."""

    def __init__(self, directory: Path) -> None:
        super().__init__()
        self.directory = directory
        index_path = directory / "index.json"
        entries: list[dict[str, Any]] = json.loads(index_path.read_text(encoding="utf-8"))
        self._responses: dict[tuple[str, str], RecordedResponse] = {}
        for entry in entries:
            body_name = entry.get("body")
            body = (directory / body_name).read_bytes() if body_name else b""
            key = (entry["method"].upper(), normalize_url(entry["url"]))
            self._responses[key] = RecordedResponse(
                int(entry["status"]), dict(entry.get("headers", {})), body
            )
        self.requests_seen: list[tuple[str, str]] = []

    def send(  # type: ignore[override]
        self, request: requests.PreparedRequest, **kwargs: Any
    ) -> requests.Response:
        """Answer a prepared request from the recording.

        Raises:
            requests.ConnectionError: The request is not in the recording.
        """
        method = (request.method or "GET").upper()
        key = (method, normalize_url(request.url or ""))
        self.requests_seen.append(key)
        recorded = self._responses.get(key)
        if recorded is None:
            raise requests.ConnectionError(
                f"replay: no recorded response for {method} {key[1]} in {self.directory}",
                request=request,
            )
        response = requests.Response()
        response.status_code = recorded.status
        response.headers = CaseInsensitiveDict(recorded.headers)
        response._content = recorded.body
        response.url = request.url or ""
        response.request = request
        response.encoding = "utf-8"
        response.reason = "OK" if recorded.status < 400 else "Recorded error"
        return response

    def close(self) -> None:
        """Nothing to release."""


def mount_replay(session: requests.Session, directory: Path) -> ReplayAdapter:
    """Make a session answer every http(s) request from a recording folder.

    Args:
        session: The session the vendor library sends through.
        directory: Folder holding ``index.json`` and the bodies.

    Returns:
        The mounted adapter (its ``requests_seen`` lists what was asked).
    """
    adapter = ReplayAdapter(directory)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    return adapter
