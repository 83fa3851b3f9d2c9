"""HTTP for SPARQL endpoints and Graph Stores: the standard library, credentials from
the environment, and errors that say what the server answered.

Credentials never go on the command line (where other users can read them in the
process list): DIPLOKG_ENDPOINT_TOKEN gives a bearer token, or DIPLOKG_ENDPOINT_USER
and DIPLOKG_ENDPOINT_PASSWORD give HTTP basic authentication.
"""

from __future__ import annotations

import base64
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from .errors import DiplokgError
from .query_errors import StoreError

TOKEN_VARIABLE = "DIPLOKG_ENDPOINT_TOKEN"
USER_VARIABLE = "DIPLOKG_ENDPOINT_USER"
PASSWORD_VARIABLE = "DIPLOKG_ENDPOINT_PASSWORD"
EXCERPT = 300


@dataclass(frozen=True)
class Response:
    status: int
    content_type: str  # media type only, lower case, without parameters
    body: bytes


def check_url(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise DiplokgError(f"endpoint {url!r} is not an http:// or https:// URL")
    return url


def credentials() -> dict[str, str]:
    """The Authorization header the environment asks for, if any."""
    token = os.environ.get(TOKEN_VARIABLE)
    if token:
        return {"Authorization": f"Bearer {token}"}
    user = os.environ.get(USER_VARIABLE)
    if user:
        pair = f"{user}:{os.environ.get(PASSWORD_VARIABLE, '')}".encode()
        return {"Authorization": "Basic " + base64.b64encode(pair).decode("ascii")}
    return {}


def excerpt(body: bytes) -> str:
    text = re.sub(r"\s+", " ", body.decode("utf-8", errors="replace")).strip()
    return text if len(text) <= EXCERPT else text[:EXCERPT] + "..."


def request(method: str, url: str, body: bytes | None = None,
            headers: dict[str, str] | None = None, timeout: float = 120) -> Response:
    """Send one request; raise StoreError (with ``status``) unless the answer is 2xx."""
    check_url(url)
    all_headers = {"User-Agent": "diplokg", **(headers or {}), **credentials()}
    req = urllib.request.Request(url, data=body, headers=all_headers, method=method)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as answer:
            content_type = answer.headers.get_content_type()
            return Response(answer.status, content_type, answer.read())
    except urllib.error.HTTPError as error:
        detail = excerpt(error.read() or b"")
        hint = (" (check DIPLOKG_ENDPOINT_USER/DIPLOKG_ENDPOINT_PASSWORD or "
                "DIPLOKG_ENDPOINT_TOKEN)" if error.code in (401, 403) else "")
        raise StoreError(f"{method} {url}: HTTP {error.code} {error.reason}{hint}"
                         + (f": {detail}" if detail else ""), status=error.code) from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise StoreError(f"{method} {url}: cannot reach the server: {reason}") from None
