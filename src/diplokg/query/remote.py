"""HTTP for SPARQL endpoints and Graph Stores: the standard library, credentials from
the environment, and errors that say what the server answered.

Credentials never go on the command line (where other users can read them in the
process list): DIPLOKG_ENDPOINT_TOKEN gives a bearer token, or DIPLOKG_ENDPOINT_USER
and DIPLOKG_ENDPOINT_PASSWORD give HTTP basic authentication.  A URL with a user name
or password in it is refused, and every URL in a message goes through ``shown``.

The server's answers are not trusted: a redirect of a PUT or POST is an error (the
graph was not stored where it was sent), a redirect of a GET is followed only to the
same origin (scheme, host and port), so credentials never go anywhere else; only the
statuses the caller lists count as success; bodies are read up to a limit and within
the timeout; and what is shown of them is escaped.
"""

from __future__ import annotations

import base64
import http.client
import io
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from diplokg.errors import StoreError, UsageError
from diplokg.safetext import printable

TOKEN_VARIABLE = "DIPLOKG_ENDPOINT_TOKEN"
USER_VARIABLE = "DIPLOKG_ENDPOINT_USER"
PASSWORD_VARIABLE = "DIPLOKG_ENDPOINT_PASSWORD"
EXCERPT = 300  # characters of a server's error answer shown in a message
REPLY_LIMIT = 1 << 16  # bytes read of an answer that is not a query's results
ANSWER_LIMIT = 1 << 30  # bytes read of a query's results (1 GiB), streamed as they come
QUERY_TIMEOUT, LOAD_TIMEOUT = 120, 600  # seconds, unless --timeout says otherwise
STORED = (200, 201, 204)  # the statuses that confirm a Graph Store request


@dataclass(frozen=True)
class Response:
    status: int
    content_type: str  # media type only, lower case, without parameters
    body: bytes


# -- URLs ---------------------------------------------------------------------------------

def redact(url: str) -> str:
    """``url`` with everything between its scheme and its last ``@`` (a user name and
    password) replaced by ``***``: a password with a ``/`` or ``@`` in it is hidden
    too, at the cost of hiding more of a URL that has an ``@`` in its path."""
    return re.sub(r"^([A-Za-z][A-Za-z0-9+.-]*://)?.*@", r"\1***@", url, flags=re.S)


def shown(url: str) -> str:
    """A URL as it may be printed: without credentials or control characters."""
    return printable(redact(url))


def _url_problem(url: str) -> str | None:
    if re.search(r"[\x00-\x20\x7f]", url):
        return "it has a space, line break or control character in it (percent-encode it)"
    if not url.isascii():
        return ("it has non-ASCII characters in it (percent-encode them, and write the host "
                "in its xn-- form)")
    try:
        parts = urllib.parse.urlsplit(url)
        if "@" in parts.netloc:
            return (f"credentials do not go in the URL, where other users can read them; set "
                    f"{USER_VARIABLE} and {PASSWORD_VARIABLE}, or {TOKEN_VARIABLE}")
        parts.port  # noqa: B018 -- raises ValueError for a port that is not a number
    except ValueError as error:
        return str(error)
    if parts.scheme not in ("http", "https"):
        return "not an http:// or https:// URL"
    if not parts.hostname:
        return "it has no host"
    if "#" in url:  # never sent, and a graph's ?graph= after it would not be either
        return "it has a #fragment, which is not sent to the server"
    return None


def check_url(url: str) -> str:
    """``url`` if it is an http(s) URL that can be sent as it is; else a usage error."""
    problem = _url_problem(url)
    if problem:
        raise UsageError(f"endpoint {shown(url)}: {problem}")
    return url


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urllib.parse.urlsplit(url)
    default = {"http": 80, "https": 443}.get(parts.scheme.lower())
    return parts.scheme.lower(), (parts.hostname or "").lower(), parts.port or default


# -- credentials --------------------------------------------------------------------------

def credentials() -> dict[str, str]:
    """The Authorization header the environment asks for, if any."""
    for name in (TOKEN_VARIABLE, USER_VARIABLE, PASSWORD_VARIABLE):
        if re.search(r"[\x00-\x1f\x7f]", os.environ.get(name, "")):
            raise UsageError(f"{name} has a line break or control character in it")
    token = os.environ.get(TOKEN_VARIABLE)
    if token:
        return {"Authorization": f"Bearer {token}"}
    user = os.environ.get(USER_VARIABLE)
    if user:
        pair = f"{user}:{os.environ.get(PASSWORD_VARIABLE, '')}".encode()
        return {"Authorization": "Basic " + base64.b64encode(pair).decode("ascii")}
    return {}


# -- requests -----------------------------------------------------------------------------

class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only for GET and HEAD, and only to the same origin."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        method, where = req.get_method(), f"{req.get_method()} {shown(req.full_url)}"
        fp.close()
        if method not in ("GET", "HEAD"):
            raise StoreError(f"{where}: the server redirects (HTTP {code}) to "
                             f"{shown(newurl)}; a {method} is not sent on, so nothing was "
                             "stored: give that address instead", status=code)
        if _origin(newurl) != _origin(req.full_url):
            raise StoreError(f"{where}: the server redirects (HTTP {code}) to another "
                             f"origin, {shown(newurl)}; not followed, so credentials go "
                             "nowhere else", status=code)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_Redirects)


def _failure(error: BaseException, timeout: float) -> str:
    """What went wrong before an answer came, in words."""
    reason = error.reason if isinstance(error, urllib.error.URLError) else error
    if isinstance(reason, TimeoutError):
        return f"no answer within {timeout:g} s"
    if isinstance(reason, http.client.RemoteDisconnected):
        return "the server closed the connection without answering"
    if isinstance(reason, http.client.HTTPException):
        return f"the answer is not valid HTTP: {printable(reason)[:100]}"
    if isinstance(error, ValueError):  # urllib cannot follow what the server sent
        return f"cannot follow the answer: {printable(error)}"
    return f"cannot reach the server: {printable(getattr(reason, 'strerror', None) or reason)}"


def excerpt(body: bytes) -> str:
    text = re.sub(r"\s+", " ", body.decode("utf-8", errors="replace")).strip()
    text = text if len(text) <= EXCERPT else text[:EXCERPT] + "..."
    return printable(text)


class Answer(io.RawIOBase):
    """A server's answer being read: at most ``limit`` bytes, and no read starts after
    the deadline.  Anything that goes wrong raises StoreError, also when a parser reads
    from it (pyoxigraph passes the exception through)."""

    def __init__(self, response, where: str, limit: int, timeout: float):
        super().__init__()
        self.response, self.where, self.limit, self.timeout = response, where, limit, timeout
        self.status = response.status
        self.content_type = response.headers.get_content_type()
        self.deadline = time.monotonic() + timeout
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if time.monotonic() > self.deadline:
            raise StoreError(f"{self.where}: the answer did not end within {self.timeout:g} s")
        try:  # read1: what has come so far, rather than wait for a full buffer
            data = self.response.read1(len(buffer))
        except (OSError, http.client.HTTPException) as error:
            detail = (f"nothing came for {self.timeout:g} s" if isinstance(error, TimeoutError)
                      else getattr(error, "strerror", None) or error)
            raise StoreError(f"{self.where}: the answer broke off: {printable(detail)}"
                             ) from None
        size = len(data)
        buffer[:size] = data
        missing = self.response.length  # what Content-Length still promises, if given
        if size == 0 and len(buffer) and missing:
            raise StoreError(f"{self.where}: the answer broke off: the connection closed "
                             f"{missing:,} bytes before the end the server announced")
        self.count += size
        if self.count > self.limit:
            raise StoreError(f"{self.where}: the answer is larger than {self.limit:,} bytes, "
                             "the most diplokg reads")
        return size

    def close(self) -> None:
        self.response.close()
        super().close()


def open_answer(method: str, url: str, body: bytes | None = None,
                headers: dict[str, str] | None = None, timeout: float = QUERY_TIMEOUT,
                ok: tuple[int, ...] = STORED, limit: int = REPLY_LIMIT) -> Answer:
    """Send one request and return the answer to read; raise StoreError (with
    ``status``) unless its status is one of ``ok``."""
    check_url(url)
    where = f"{method} {shown(url)}"
    all_headers = {"User-Agent": "diplokg", **(headers or {}), **credentials()}
    req = urllib.request.Request(url, data=body, headers=all_headers, method=method)
    try:
        answer = Answer(_OPENER.open(req, timeout=timeout), where, limit, timeout)
    except urllib.error.HTTPError as error:
        try:
            detail = excerpt(error.read(REPLY_LIMIT) or b"")
        except (OSError, http.client.HTTPException):
            detail = ""
        hint = (f" (check {USER_VARIABLE}/{PASSWORD_VARIABLE} or {TOKEN_VARIABLE})"
                if error.code in (401, 403) else "")
        # urllib's reason for a refused redirect quotes its URL: redact it too.
        raise StoreError(f"{where}: HTTP {error.code} {shown(str(error.reason))}{hint}"
                         + (f": {detail}" if detail else ""), status=error.code) from None
    except (OSError, http.client.HTTPException, ValueError) as error:
        raise StoreError(f"{where}: {_failure(error, timeout)}") from None
    if answer.status not in ok:
        try:
            detail = excerpt(answer.read(EXCERPT * 4))
        except StoreError:
            detail = ""
        answer.close()
        wanted = ", ".join(map(str, ok))
        raise StoreError(f"{where}: HTTP {answer.status} "
                         f"{printable(answer.response.reason)}, which does not confirm the "
                         f"request (expected {wanted})" + (f": {detail}" if detail else ""),
                         status=answer.status)
    return answer


def request(method: str, url: str, body: bytes | None = None,
            headers: dict[str, str] | None = None, timeout: float = QUERY_TIMEOUT,
            ok: tuple[int, ...] = STORED) -> Response:
    """Send one request and read the start of its answer (up to REPLY_LIMIT bytes);
    see ``open_answer``."""
    with open_answer(method, url, body, headers, timeout, ok) as answer:
        return Response(answer.status, answer.content_type, answer.read(REPLY_LIMIT))
