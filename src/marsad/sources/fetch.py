"""A polite, defensive HTTP fetcher for pages and feeds (httpx, injectable transport).

Polite: obeys robots.txt (RFC 9309: a 4xx robots.txt allows everything, a 5xx or an
unreachable one disallows everything), waits between requests to one host (the larger of
:attr:`FetchPolicy.min_interval` and the site's ``Crawl-delay``), names itself in the
User-Agent, and backs off exponentially on 429/5xx and network errors (honouring a numeric
``Retry-After``).

Defensive: refuses hosts that resolve to private, loopback, link-local, multicast or reserved
addresses unless ``allow_private`` (so a feed cannot make Marsad fetch internal services),
checks every redirect hop the same way and stops at :attr:`FetchPolicy.max_redirects` or on
a loop, refuses bodies over :attr:`FetchPolicy.max_bytes` (by ``Content-Length`` first, then
while streaming), and refuses content types that are not HTML, XML, feeds or plain text.

Tests inject an ``httpx`` transport, a clock and a sleep function; nothing here sleeps in a
test unless the test asks it to.

>>> policy = FetchPolicy(min_interval=0)
>>> policy.user_agent.startswith("Marsad/")
True
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

import httpx

from marsad import __version__
from marsad.sources.errors import (
    BadContentType,
    FetchRefused,
    HTTPStatusError,
    NetworkError,
    PrivateAddress,
    ResponseTooLarge,
    SourceError,
    TooManyRedirects,
)
from marsad.sources.html import decode_html

__all__ = ["FetchPolicy", "Fetched", "Fetcher", "check_public"]

USER_AGENT = f"Marsad/{__version__} (+https://github.com/marsad-news/marsad; Arabic news research; polite crawler)"
ROBOTS_TOKEN = "Marsad"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
_TEXT_TYPES = (
    "text/html", "application/xhtml+xml", "application/xml", "text/xml", "application/rss+xml",
    "application/atom+xml", "application/rdf+xml", "application/feed+json", "application/json",
    "text/plain",
)
_MAX_RETRY_AFTER = 60.0

Resolver = Callable[[str], Iterable[str]]


def _system_resolver(host: str) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise NetworkError(f"{host}: cannot resolve ({exc})") from None
    return sorted({str(info[4][0]) for info in infos})


def _is_public(ip: str) -> bool:
    try:
        addr = ipaddress.ip_address(ip.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        addr = addr.ipv4_mapped
    return not (
        addr.is_private or addr.is_loopback or addr.is_link_local or addr.is_multicast
        or addr.is_reserved or addr.is_unspecified or not addr.is_global
    )


def check_public(url: str, resolver: Resolver = _system_resolver) -> None:
    """Raise :class:`PrivateAddress` unless every address of the URL's host is public.

    >>> try:
    ...     check_public("http://127.0.0.1:8080/admin")
    ... except PrivateAddress as exc:
    ...     print(exc.code)
    E402
    >>> check_public("http://example.com/", resolver=lambda host: ["93.184.216.34"])
    """
    host = urlsplit(url).hostname or ""
    if not host:
        raise SourceError(f"{url}: no host in URL")
    try:
        ipaddress.ip_address(host)
        addresses: Iterable[str] = [host]
    except ValueError:
        addresses = resolver(host)
    addresses = list(addresses)
    if not addresses:
        raise NetworkError(f"{host}: resolves to no address")
    for ip in addresses:
        if not _is_public(ip):
            raise PrivateAddress(
                f"{url}: {ip} is a private, loopback or link-local address (use --allow-private to fetch it)"
            )


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """How the fetcher behaves; every limit has a default fit for news pages."""

    user_agent: str = USER_AGENT
    timeout: float = 20.0  # seconds, per connect / read
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5
    retries: int = 2  # extra attempts after the first, for 429/5xx and network errors
    backoff: float = 1.0  # first retry wait in seconds, doubled each time
    min_interval: float = 1.0  # seconds between two requests to one host
    allow_private: bool = False
    obey_robots: bool = True
    content_types: tuple[str, ...] = _TEXT_TYPES


@dataclass(frozen=True, slots=True)
class Fetched:
    """One fetched resource."""

    url: str  # the final URL, after redirects
    requested: str
    status: int
    content_type: str
    content: bytes
    fetched_at: str  # ISO 8601, UTC
    redirects: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """The body decoded (HTTP charset, ``<meta charset>``, else detection incl. Windows-1256)."""
        return decode_html(self.content, self.content_type)


@dataclass(slots=True)
class _Host:
    last: float | None = None
    robots: RobotFileParser | None = None
    crawl_delay: float = 0.0


@dataclass
class Fetcher:
    """Fetch URLs politely. Use as a context manager, or call :meth:`close`.

    ``transport`` replaces httpx's network transport (tests pass a mock or a loopback one);
    ``clock``/``sleep`` replace :func:`time.monotonic`/:func:`time.sleep`; ``resolver`` maps a
    host name to its IP addresses for the private-address check.
    """

    policy: FetchPolicy = field(default_factory=FetchPolicy)
    transport: httpx.BaseTransport | None = None
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    resolver: Resolver = _system_resolver
    requests: list[str] = field(default_factory=list)  # every URL requested, in order (with robots.txt)
    sent_at: list[float] = field(default_factory=list)  # clock() when each request went out

    def __post_init__(self) -> None:
        self._hosts: dict[str, _Host] = {}
        self._client = httpx.Client(
            transport=self.transport,
            timeout=httpx.Timeout(self.policy.timeout),
            follow_redirects=False,
            headers={"User-Agent": self.policy.user_agent, "Accept": "text/html,application/xhtml+xml,"
                     "application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5",
                     "Accept-Language": "ar,en;q=0.5"},
            trust_env=False,
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    # -- the public call ---------------------------------------------------------------------

    def fetch(self, url: str) -> Fetched:
        """GET ``url`` following redirects within the policy; raise a :class:`SourceError`."""
        current = _clean_url(url)
        seen = {current}
        hops: list[str] = []
        while True:
            self._admit(current)
            response, content = self._get(current, read_body=True)
            if response.status_code in _REDIRECTS and "location" in response.headers:
                target = _clean_url(urljoin(current, response.headers["location"]))
                if target in seen:
                    raise TooManyRedirects(f"{url}: redirect loop at {target}")
                if len(hops) >= self.policy.max_redirects:
                    raise TooManyRedirects(f"{url}: more than {self.policy.max_redirects} redirects")
                seen.add(target)
                hops.append(target)
                current = target
                continue
            if response.status_code >= 400:
                raise HTTPStatusError(f"{current}: HTTP {response.status_code}")
            return Fetched(
                url=current, requested=url, status=response.status_code,
                content_type=response.headers.get("content-type", ""), content=content,
                fetched_at=datetime.now(UTC).replace(microsecond=0).isoformat(), redirects=tuple(hops),
            )

    # -- policy --------------------------------------------------------------------------------

    def _admit(self, url: str) -> None:
        """Address and robots.txt checks for one URL about to be requested."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise SourceError(f"{url}: only http and https URLs are fetched")
        if not self.policy.allow_private:
            check_public(url, self.resolver)
        if self.policy.obey_robots:
            robots = self._robots(parts.scheme, parts.netloc)
            if not robots.can_fetch(ROBOTS_TOKEN, url):
                raise FetchRefused(f"{url}: disallowed by robots.txt")

    def _robots(self, scheme: str, netloc: str) -> RobotFileParser:
        host = self._host(netloc)
        if host.robots is not None:
            return host.robots
        parser = RobotFileParser()
        robots_url = urlunsplit((scheme, netloc, "/robots.txt", "", ""))
        parser.set_url(robots_url)
        try:
            response, content = self._get(robots_url, read_body=True, robots=True)
            status = response.status_code
        except (NetworkError, HTTPStatusError):
            status = 503
            content = b""
        except (ResponseTooLarge, BadContentType):
            status, content = 404, b""
        if status in _REDIRECTS:
            status = 404  # a redirected robots.txt: treated as absent (no crawl of its target)
        if 400 <= status < 500:
            parser.parse([])  # no robots.txt: everything allowed
        elif status >= 500:
            parser.parse(["User-agent: *", "Disallow: /"])  # unreachable: nothing allowed
        else:
            parser.parse(content.decode("utf-8", "replace").splitlines())
            delay = parser.crawl_delay(ROBOTS_TOKEN)
            if delay is not None:
                host.crawl_delay = min(float(delay), 60.0)
        host.robots = parser
        return parser

    def _host(self, netloc: str) -> _Host:
        return self._hosts.setdefault(netloc.lower(), _Host())

    def _wait_turn(self, url: str) -> None:
        host = self._host(urlsplit(url).netloc)
        interval = max(self.policy.min_interval, host.crawl_delay)
        if host.last is not None:
            wait = host.last + interval - self.clock()
            if wait > 0:
                self.sleep(wait)
        host.last = self.clock()

    # -- one request, with retries ---------------------------------------------------------------

    def _get(self, url: str, *, read_body: bool, robots: bool = False) -> tuple[httpx.Response, bytes]:
        attempt = 0
        while True:
            self._wait_turn(url)
            self.requests.append(url)
            self.sent_at.append(self.clock())
            try:
                with self._client.stream("GET", url) as response:
                    if response.status_code in _RETRY_STATUS and attempt < self.policy.retries:
                        delay = _retry_after(response.headers.get("retry-after"))
                        self._backoff(attempt, delay)
                        attempt += 1
                        continue
                    if response.status_code in _REDIRECTS or response.status_code >= 400:
                        return response, b""
                    if not robots:
                        self._check_type(url, response.headers.get("content-type", ""))
                    content = self._read(url, response) if read_body else b""
                    return response, content
            except httpx.TransportError as exc:
                if attempt < self.policy.retries:
                    self._backoff(attempt, None)
                    attempt += 1
                    continue
                raise NetworkError(f"{url}: {type(exc).__name__}: {exc}") from None

    def _backoff(self, attempt: int, retry_after: float | None) -> None:
        wait = self.policy.backoff * (2**attempt)
        if retry_after is not None:
            wait = max(wait, min(retry_after, _MAX_RETRY_AFTER))
        if wait > 0:
            self.sleep(wait)

    def _check_type(self, url: str, content_type: str) -> None:
        kind = content_type.split(";", 1)[0].strip().lower()
        if kind and not kind.startswith(self.policy.content_types):
            raise BadContentType(f"{url}: content type {kind!r} is not a page or a feed")

    def _read(self, url: str, response: httpx.Response) -> bytes:
        limit = self.policy.max_bytes
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise ResponseTooLarge(f"{url}: {int(declared):,} bytes is over the {limit:,}-byte limit")
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limit:
                    raise ResponseTooLarge(f"{url}: body over the {limit:,}-byte limit")
                chunks.append(chunk)
        except httpx.TransportError as exc:
            raise NetworkError(f"{url}: {type(exc).__name__}: {exc}") from None
        return b"".join(chunks)


def _clean_url(url: str) -> str:
    """The URL without its fragment (never sent to servers)."""
    parts = urlsplit(url.strip())
    return urlunsplit((parts.scheme.lower(), parts.netloc, parts.path or "/", parts.query, ""))


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())
