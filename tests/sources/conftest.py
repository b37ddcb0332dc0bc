"""A loopback HTTP server for the fetcher tests (127.0.0.1 only, never the internet)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

# a route answers (status, headers, body); body may be an iterator of chunks (streamed)
Answer = tuple[int, dict[str, str], bytes | Iterator[bytes]]


@dataclass
class Loopback:
    base: str
    routes: dict[str, Answer | Callable[[], Answer]] = field(default_factory=dict)
    hits: list[str] = field(default_factory=list)
    agents: list[str] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path

    def count(self, path: str) -> int:
        return sum(1 for h in self.hits if h == path)


@pytest.fixture
def server() -> Iterator[Loopback]:
    state = Loopback("")

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            state.hits.append(self.path)
            state.agents.append(self.headers.get("User-Agent", ""))
            route = state.routes.get(self.path)
            if route is None:
                answer: Answer = (404, {"Content-Type": "text/plain"}, b"not found")
            else:
                answer = route() if callable(route) else route
            status, headers, body = answer
            try:
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                if isinstance(body, bytes):
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                else:
                    self.send_header("Connection", "close")
                    self.end_headers()
                    for chunk in body:
                        self.wfile.write(chunk)
                    self.close_connection = True
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True

        def log_message(self, format: str, *args: object) -> None:  # quiet
            return

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    state.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
