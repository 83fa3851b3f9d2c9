"""A hostile SPARQL endpoint and Graph Store for the tests, on 127.0.0.1 only.

    python tests/hostile_server.py LOG_FILE

listens on two free ports (two origins), prints "PORT_A PORT_B" on one line, and
answers until it is stopped.  Every request is appended to LOG_FILE as a JSON line
(port, method, path, headers), so a test can see what reached which origin.  What
each path does:

    /ok                     200 with one row of SPARQL JSON results
    /stored/CODE            CODE and no body (for PUT and POST: 200, 201, 202 ...)
    /fail-on/TEXT           500 if the query string has TEXT in it, else 204
    /redirect/same/CODE     CODE to /ok on the same origin
    /redirect/other/CODE    CODE to /ok on the other port (another origin)
    /redirect/userinfo/CODE CODE to /ok on the other port, with a password in the URL
    /redirect/broken/CODE   CODE to a URL that does not parse
    /redirect/file/CODE     CODE to file:///etc/passwd, with a password in the URL
    /escapes                500 whose reason and body carry terminal escapes and a
                            line that starts a GitHub workflow command
    /huge-error             500 with a 5 MB body
    /hangup                 200, Content-Length 1000, 20 bytes, then hangs up
    /rows-then-hangup       200, three rows of SPARQL JSON results, then hangs up
    /garbage                not HTTP at all
    /silent                 closes the connection without a word
    /slow                   waits 5 s, then 200 /ok
    /drip                   200, then a byte every 0.1 s for 10 s
    /huge                   200, SPARQL JSON results with rows until 20 MB
    /json/NAME              200 with malformed SPARQL JSON results (see MALFORMED)
    /context                a JSON-LD context (no test should ever fetch it)
"""

from __future__ import annotations

import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

RESULTS = "application/sparql-results+json"
HEAD = b'{"head": {"vars": ["x"]}, "results": {"bindings": ['
ROW = b'{"x": {"type": "literal", "value": "row %d"}}'
OK = HEAD + ROW % 1 + b"]}}"
ESCAPES = "\x1b]0;pwned\x07\x1b[2J\n::error file=README.md,line=1::owned\n"
MALFORMED = {
    "truncated": b'{"head": {"vars": ["x"]}, "results": {"bindings": [{"x": ',
    "not-json": b"<html>\x1b[2J not results</html>",
    "bad-iri": b'{"head": {"vars": ["x"]}, "results": {"bindings": '
               b'[{"x": {"type": "uri", "value": "not an iri\x1b[2J"}}]}}',
    "undeclared": b'{"head": {"vars": ["x"]}, "results": {"bindings": '
                  b'[{"y": {"type": "literal", "value": "1"}}]}}',
    "wrong-types": b'{"head": {"vars": "x"}, "results": {"bindings": 7}}',
    "boolean": b'{"head": {}, "boolean": "yes"}',
}

log_lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    ports: tuple[int, int]
    log_path: str

    def log_message(self, format, *args):  # quiet
        pass

    def record(self) -> None:
        entry = {"port": self.server.server_address[1], "method": self.command,
                 "path": self.path, "headers": dict(self.headers)}
        with log_lock, open(self.log_path, "a", encoding="utf-8") as log:
            log.write(json.dumps(entry) + "\n")

    def answer(self, code: int, body: bytes = b"", content_type: str = RESULTS,
               reason: str | None = None, length: int | None = None) -> None:
        self.send_response(code, reason)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        self.wfile.write(body)

    def other_origin(self) -> str:
        here = self.server.server_address[1]
        return f"127.0.0.1:{self.ports[1] if here == self.ports[0] else self.ports[0]}"

    def handle_any(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        self.record()
        path, _, query = self.path.partition("?")
        parts = path.strip("/").split("/")
        route = parts[0]
        if route == "ok":
            self.answer(200, OK)
        elif route == "stored":
            self.answer(int(parts[1]))
        elif route == "fail-on":
            if parts[1] in query:
                self.answer(500, b"cannot store that graph", "text/plain")
            else:
                self.answer(204)
        elif route == "redirect":
            where, code = parts[1], int(parts[2])
            host = f"127.0.0.1:{self.server.server_address[1]}"
            location = {"same": f"http://{host}/ok", "other": f"http://{self.other_origin()}/ok",
                        "userinfo": f"http://evil:hunter2@{self.other_origin()}/ok",
                        "broken": "http://[::1/ok",
                        "file": "file://evil:hunter2@localhost/etc/passwd"}[where]
            self.send_response(code)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif route == "escapes":
            self.answer(500, ESCAPES.encode(), "text/plain", reason="\x1b[31mBad\x1b[0m")
        elif route == "huge-error":
            self.answer(500, b"x" * 5_000_000, "text/plain")
        elif route == "hangup":
            self.answer(200, OK[:20], length=1000)
        elif route == "rows-then-hangup":
            self.send_response(200)
            self.send_header("Content-Type", RESULTS)
            self.end_headers()  # no length: the end of the connection ends the body
            self.wfile.write(HEAD + b", ".join(ROW % i for i in range(1, 4)) + b", ")
        elif route == "garbage":
            self.wfile.write(b"\x1b[2JNOT HTTP AT ALL\r\n\r\n")
        elif route == "silent":
            pass
        elif route == "slow":
            time.sleep(5)
            self.answer(200, OK)
        elif route == "drip":
            self.send_response(200)
            self.send_header("Content-Type", RESULTS)
            self.end_headers()
            for byte in (HEAD * 10)[:100]:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.1)
        elif route == "huge":
            self.send_response(200)
            self.send_header("Content-Type", RESULTS)
            self.end_headers()
            self.wfile.write(HEAD + ROW % 0)
            written = 0
            while written < 20_000_000:
                chunk = b"".join(b", " + ROW % i for i in range(1000))
                self.wfile.write(chunk)
                written += len(chunk)
        elif route == "json":
            self.answer(200, MALFORMED[parts[1]])
        elif route == "context":
            self.answer(200, b'{"@context": {"name": "http://schema.org/name"}}',
                        "application/ld+json")
        else:
            self.answer(404, b"no such path", "text/plain")

    do_GET = do_HEAD = do_PUT = do_POST = do_DELETE = handle_any


def main() -> None:
    Handler.log_path = sys.argv[1]
    servers = [ThreadingHTTPServer(("127.0.0.1", 0), Handler) for _ in range(2)]
    for server in servers:
        server.daemon_threads = True
    Handler.ports = tuple(server.server_address[1] for server in servers)
    print(*Handler.ports, flush=True)
    for server in servers[1:]:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    servers[0].serve_forever()


if __name__ == "__main__":
    main()
