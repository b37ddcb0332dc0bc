"""The fetcher against a loopback server: robots.txt, rate limit, redirects, size, addresses."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import httpx
import pytest

from marsad.sources.errors import (
    BadContentType,
    FetchRefused,
    HTTPStatusError,
    PrivateAddress,
    ResponseTooLarge,
    TooManyRedirects,
)
from marsad.sources.fetch import Fetcher, FetchPolicy, check_public
from tests.sources.conftest import Loopback

HTML = {"Content-Type": "text/html; charset=utf-8"}
PAGE = "<html><body><h1>عنوان الخبر</h1><p>قال المتحدث إن الاجتماع كان إيجابياً.</p></body></html>".encode()


class FakeClock:
    """Time that only moves when the fetcher sleeps: rate limits are checked without waiting."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def fetcher(clock: FakeClock | None = None, **policy: object) -> Fetcher:
    clock = clock or FakeClock()
    options: dict[str, object] = {"allow_private": True, "min_interval": 0.0, "backoff": 0.0, "timeout": 5.0}
    options.update(policy)
    return Fetcher(FetchPolicy(**options), clock=clock, sleep=clock.sleep)  # type: ignore[arg-type]


def test_fetches_a_page_with_a_marsad_user_agent(server: Loopback) -> None:
    server.routes["/a"] = (200, HTML, PAGE)
    with fetcher() as f:
        page = f.fetch(server.url("/a"))
    assert page.status == 200 and page.text == PAGE.decode()
    assert server.hits == ["/robots.txt", "/a"]
    assert all(agent.startswith("Marsad/") for agent in server.agents)


ROBOTS = b"User-agent: *\nDisallow: /private/\n\nUser-agent: Marsad\nDisallow: /no-marsad/\n"
ROBOTS_STAR = b"User-agent: *\nAllow: /private/open\nDisallow: /private/\n"


@pytest.mark.parametrize(("robots", "path", "allowed"), [
    (ROBOTS, "/no-marsad/y", False),
    (ROBOTS, "/ok", True),
    (ROBOTS, "/private/x", True),  # Marsad has its own group, so the "*" group does not apply to it
    (ROBOTS_STAR, "/private/x", False),
    (ROBOTS_STAR, "/private/open", True),
    (ROBOTS_STAR, "/ok", True),
])
def test_robots_txt_is_obeyed(server: Loopback, robots: bytes, path: str, allowed: bool) -> None:
    server.routes["/robots.txt"] = (200, {"Content-Type": "text/plain"}, robots)
    server.routes[path] = (200, HTML, PAGE)
    with fetcher() as f:
        if allowed:
            assert f.fetch(server.url(path)).status == 200
        else:
            with pytest.raises(FetchRefused):
                f.fetch(server.url(path))
    assert server.count(path) == (1 if allowed else 0)


def test_robots_txt_is_fetched_once_per_host(server: Loopback) -> None:
    server.routes["/a"] = (200, HTML, PAGE)
    server.routes["/b"] = (200, HTML, PAGE)
    with fetcher() as f:
        f.fetch(server.url("/a"))
        f.fetch(server.url("/b"))
    assert server.hits == ["/robots.txt", "/a", "/b"]


@pytest.mark.parametrize(("robots_status", "allowed"), [(404, True), (403, True), (500, False)])
def test_robots_txt_status(server: Loopback, robots_status: int, allowed: bool) -> None:
    server.routes["/robots.txt"] = (robots_status, {"Content-Type": "text/plain"}, b"")
    server.routes["/a"] = (200, HTML, PAGE)
    with fetcher(retries=0) as f:
        if allowed:
            assert f.fetch(server.url("/a")).status == 200
        else:
            with pytest.raises(FetchRefused):
                f.fetch(server.url("/a"))


def test_rate_limit_per_host_is_held(server: Loopback) -> None:
    for i in range(4):
        server.routes[f"/p{i}"] = (200, HTML, PAGE)
    clock = FakeClock()
    with fetcher(clock, min_interval=2.0) as f:
        for i in range(4):
            f.fetch(server.url(f"/p{i}"))
    assert len(f.sent_at) == 5  # robots.txt + 4 pages
    gaps = [b - a for a, b in itertools.pairwise(f.sent_at)]
    assert all(gap >= 2.0 for gap in gaps)


def test_crawl_delay_raises_the_interval(server: Loopback) -> None:
    server.routes["/robots.txt"] = (200, {"Content-Type": "text/plain"}, b"User-agent: *\nCrawl-delay: 5\n")
    server.routes["/a"] = (200, HTML, PAGE)
    server.routes["/b"] = (200, HTML, PAGE)
    clock = FakeClock()
    with fetcher(clock, min_interval=1.0) as f:
        f.fetch(server.url("/a"))
        f.fetch(server.url("/b"))
    assert clock.sleeps and max(clock.sleeps) >= 5.0


def test_redirects_are_followed_within_the_limit(server: Loopback) -> None:
    server.routes["/old"] = (301, {"Location": "/mid"}, b"")
    server.routes["/mid"] = (302, {"Location": server.url("/new")}, b"")
    server.routes["/new"] = (200, HTML, PAGE)
    with fetcher() as f:
        page = f.fetch(server.url("/old"))
    assert page.url == server.url("/new") and page.redirects == (server.url("/mid"), server.url("/new"))


def test_redirect_loop_is_refused(server: Loopback) -> None:
    server.routes["/a"] = (302, {"Location": "/b"}, b"")
    server.routes["/b"] = (302, {"Location": "/a"}, b"")
    with fetcher() as f, pytest.raises(TooManyRedirects, match="loop"):
        f.fetch(server.url("/a"))
    assert server.count("/a") == 1 and server.count("/b") == 1


def test_redirect_chain_over_the_limit_is_refused(server: Loopback) -> None:
    for i in range(10):
        server.routes[f"/r{i}"] = (302, {"Location": f"/r{i + 1}"}, b"")
    with fetcher(max_redirects=3) as f, pytest.raises(TooManyRedirects):
        f.fetch(server.url("/r0"))
    assert server.count("/r4") == 0


def test_20_mb_response_is_refused_by_length(server: Loopback) -> None:
    big = b"a" * (20 * 1024 * 1024)
    server.routes["/big"] = (200, HTML, big)
    with fetcher() as f, pytest.raises(ResponseTooLarge):
        f.fetch(server.url("/big"))


def test_20_mb_streamed_response_is_cut_off(server: Loopback) -> None:
    chunk = b"<p>" + b"x" * (1024 * 1024 - 3)
    served: list[int] = []

    def endless() -> Iterator[bytes]:
        for i in range(20):
            served.append(i)
            yield chunk

    server.routes["/stream"] = lambda: (200, HTML, endless())
    with fetcher() as f, pytest.raises(ResponseTooLarge):
        f.fetch(server.url("/stream"))


def test_content_type_is_checked(server: Loopback) -> None:
    server.routes["/img"] = (200, {"Content-Type": "image/jpeg"}, b"\xff\xd8\xff")
    with fetcher() as f, pytest.raises(BadContentType):
        f.fetch(server.url("/img"))


def test_loopback_is_refused_without_allow_private(server: Loopback) -> None:
    server.routes["/a"] = (200, HTML, PAGE)
    with fetcher(allow_private=False) as f, pytest.raises(PrivateAddress):
        f.fetch(server.url("/a"))
    assert server.hits == []


def test_redirect_to_a_private_address_is_refused() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        return httpx.Response(302, headers={"Location": "http://169.254.169.254/latest/meta-data/"})

    clock = FakeClock()
    f = Fetcher(FetchPolicy(min_interval=0), transport=httpx.MockTransport(handler), clock=clock,
                sleep=clock.sleep, resolver=lambda host: ["93.184.216.34"])
    with f, pytest.raises(PrivateAddress):
        f.fetch("http://news.example/a")
    assert "http://169.254.169.254/latest/meta-data/" not in f.requests


@pytest.mark.parametrize(("url", "addresses", "public"), [
    ("http://10.0.0.5/", None, False),
    ("http://[::1]/", None, False),
    ("http://169.254.169.254/", None, False),
    ("http://192.168.1.1:8080/", None, False),
    ("http://[::ffff:127.0.0.1]/", None, False),
    ("http://intranet.example/", ["10.1.2.3"], False),
    ("http://mixed.example/", ["93.184.216.34", "127.0.0.1"], False),
    ("http://news.example/", ["93.184.216.34"], True),
    ("http://8.8.8.8/", None, True),
])
def test_check_public(url: str, addresses: list[str] | None, public: bool) -> None:
    def resolver(host: str) -> list[str]:
        return addresses or []

    if public:
        check_public(url, resolver)
    else:
        with pytest.raises(PrivateAddress):
            check_public(url, resolver)


def test_retries_with_backoff_then_succeeds(server: Loopback) -> None:
    answers = iter([(503, {"Retry-After": "3"}, b""), (500, {}, b""), (200, HTML, PAGE)])
    server.routes["/flaky"] = lambda: next(answers)
    clock = FakeClock()
    with fetcher(clock, backoff=1.0, retries=2) as f:
        assert f.fetch(server.url("/flaky")).status == 200
    assert clock.sleeps == [3.0, 2.0]  # Retry-After honoured, then 1 s doubled


def test_gives_up_after_retries(server: Loopback) -> None:
    server.routes["/down"] = (503, {}, b"")
    with fetcher(retries=1) as f, pytest.raises(HTTPStatusError):
        f.fetch(server.url("/down"))
    assert server.count("/down") == 2


def test_not_found_is_an_error(server: Loopback) -> None:
    with fetcher() as f, pytest.raises(HTTPStatusError, match="404"):
        f.fetch(server.url("/nothing"))


def test_windows_1256_page_is_decoded(server: Loopback) -> None:
    server.routes["/cp"] = (200, {"Content-Type": "text/html; charset=windows-1256"},
                            "<p>مرحبا بكم في الموقع</p>".encode("cp1256"))
    with fetcher() as f:
        assert f.fetch(server.url("/cp")).text == "<p>مرحبا بكم في الموقع</p>"


def test_connection_refused_is_a_network_error() -> None:
    from marsad.sources.errors import NetworkError

    with fetcher(retries=1, obey_robots=False) as f, pytest.raises(NetworkError):
        f.fetch("http://127.0.0.1:9/")  # the discard port: nothing listens


def test_only_http_urls() -> None:
    from marsad.sources.errors import SourceError

    with fetcher() as f, pytest.raises(SourceError):
        f.fetch("file:///etc/passwd")


def mock_fetcher(handler: object, clock: FakeClock, **policy: object) -> Fetcher:
    options: dict[str, object] = {"min_interval": 0.0, "obey_robots": False, "backoff": 0.5}
    options.update(policy)
    return Fetcher(FetchPolicy(**options), transport=httpx.MockTransport(handler),  # type: ignore[arg-type]
                   clock=clock, sleep=clock.sleep, resolver=lambda host: ["93.184.216.34"])


def test_timeouts_are_retried_then_reported() -> None:
    from marsad.sources.errors import NetworkError

    calls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(str(request.url))
        raise httpx.ReadTimeout("timed out", request=request)

    clock = FakeClock()
    with mock_fetcher(handler, clock, retries=2) as f, pytest.raises(NetworkError, match="ReadTimeout"):
        f.fetch("https://news.example/slow")
    assert len(calls) == 3 and clock.sleeps == [0.5, 1.0]


def test_a_connect_error_then_success() -> None:
    attempts = iter([httpx.ConnectError("refused"), None])

    def handler(request: httpx.Request) -> httpx.Response:
        exc = next(attempts)
        if exc is not None:
            raise exc
        return httpx.Response(200, headers={"Content-Type": "text/html"}, content=PAGE)

    clock = FakeClock()
    with mock_fetcher(handler, clock) as f:
        assert f.fetch("https://news.example/a").content == PAGE
    assert clock.sleeps == [0.5]


def test_timeout_policy_reaches_httpx() -> None:
    seen: list[object] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.extensions.get("timeout"))
        return httpx.Response(200, headers={"Content-Type": "text/html"}, content=PAGE)

    with mock_fetcher(handler, FakeClock(), timeout=7.5) as f:
        f.fetch("https://news.example/a")
    assert seen == [{"connect": 7.5, "read": 7.5, "write": 7.5, "pool": 7.5}]
