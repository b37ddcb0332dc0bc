"""Errors of the web sources, in the :class:`~marsad.errors.MarsadError` tree.

::

    MarsadError
     └── SourceError            E400  a page, feed or archive could not be read
          ├── FetchRefused      E401  robots.txt disallows the URL for Marsad
          ├── PrivateAddress    E402  the host resolves to a private/loopback/link-local address
          ├── ResponseTooLarge  E403  the body is over the size limit
          ├── BadContentType    E404  not an HTML/XML/text response
          ├── TooManyRedirects  E405  over the redirect limit, or a redirect loop
          ├── HTTPStatusError   E406  a 4xx/5xx answer (after retries for 429/5xx)
          ├── NetworkError      E407  connect/read failure or timeout (after retries)
          └── BadArchive        E408  a WARC file or feed that cannot be parsed
"""

from __future__ import annotations

from marsad.errors import MarsadError

__all__ = [
    "BadArchive",
    "BadContentType",
    "FetchRefused",
    "HTTPStatusError",
    "NetworkError",
    "PrivateAddress",
    "ResponseTooLarge",
    "SourceError",
    "TooManyRedirects",
]


class SourceError(MarsadError):
    code = "E400"


class FetchRefused(SourceError):
    code = "E401"


class PrivateAddress(SourceError):
    code = "E402"


class ResponseTooLarge(SourceError):
    code = "E403"


class BadContentType(SourceError):
    code = "E404"


class TooManyRedirects(SourceError):
    code = "E405"


class HTTPStatusError(SourceError):
    code = "E406"


class NetworkError(SourceError):
    code = "E407"


class BadArchive(SourceError):
    code = "E408"
