"""SSRF-safe outbound HTTP: the only way server-side code fetches a URL (webhook deliveries, media by URL).

`safe_request(method, url, ...)` refuses anything but http(s), resolves the host and refuses private, loopback,
link-local, multicast, reserved, unspecified and shared (100.64/10) addresses, IPv4-mapped / NAT64 / 6to4 IPv6
forms of those, and cloud metadata (169.254.169.254 is link-local) — unless settings.SHOP_ALLOW_PRIVATE_URLS.

The check runs inside the connection (`_VettedConnectionMixin._new_conn`): the socket is opened to the very address
that was vetted, so a DNS answer that changes between a validation and the fetch (rebinding) cannot slip a private
address in; TLS still verifies the certificate against the hostname. Every redirect hop goes through the same
connection class, so each hop is re-checked. Time is capped by an overall deadline (connect and read timeouts are
the time left) and size while streaming (ResponseTooLarge), counted after content decoding so a gzip bomb stops too.
Proxies from the environment are ignored: a proxy would connect on our behalf without the check.

`OutboundClient` is the same client keeping one connection per origin open (keep-alive) for callers that send
many requests, such as the webhook worker. The check still runs before every request: a kept-alive socket is
reused only while the host passes it and still resolves to the address the socket is connected to, else it is
closed and a new one opened to a vetted address. DNS answers may be remembered for a few seconds
(`HostResolver`); the check on them never is.
"""

import ipaddress
import socket
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from certifi import where
from django.conf import settings
from urllib3 import BaseHTTPResponse, PoolManager, Timeout
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import (
    ConnectTimeoutError,
    HTTPError,
    NameResolutionError,
    NewConnectionError,
    ReadTimeoutError,
)
from urllib3.util.connection import create_connection

from shopplatform.errors import InvalidInput, ShopError

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
CHUNK_BYTES = 64 * 1024
NAT64_PREFIX = ipaddress.IPv6Network("64:ff9b::/96")
# Sent unless the caller sets them (what `requests` sent before this module spoke urllib3 directly).
DEFAULT_HEADERS = {"Accept": "*/*", "Accept-Encoding": "gzip, deflate"}


class UnsafeUrl(InvalidInput):
    """The URL is not an http(s) URL to a public address, or it needs https and is not."""

    status, code, title = 400, "unsafe_url", "Unsafe URL"


class FetchFailed(ShopError):
    """The remote server could not be reached or did not answer properly."""

    status, code, title = 502, "fetch_failed", "Fetch failed"


class FetchTimeout(FetchFailed):
    """The remote server did not answer within the time limit."""

    status, code, title = 504, "fetch_timeout", "Fetch timed out"


class ResponseTooLarge(FetchFailed):
    """The remote response is larger than the limit."""

    status, code, title = 413, "response_too_large", "Response too large"


class TooManyRedirects(FetchFailed):
    """The remote server redirected more times than allowed."""

    status, code, title = 502, "too_many_redirects", "Too many redirects"


@dataclass(frozen=True)
class FetchedResponse:
    status_code: int
    url: str
    headers: dict[str, str] = field(repr=False)
    content: bytes = field(repr=False)
    duration_ms: int = 0

    @property
    def ok(self) -> bool:
        return 200 <= self.status_code < 300


def private_urls_allowed() -> bool:
    return bool(getattr(settings, "SHOP_ALLOW_PRIVATE_URLS", False))


def is_public_address(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """True when the address is globally routable (embedded IPv4 of IPv6 forms checked as IPv4)."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or (address.sixtofour if address.sixtofour else None)
        if embedded is None and address in NAT64_PREFIX:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None:
            return is_public_address(embedded)
        if address.teredo:
            return False
    return address.is_global and not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )


def check_url(url: str, *, require_https: bool = False) -> str:
    """Check the URL's shape (scheme, host, port; IP literals too). Raise UnsafeUrl; return the URL."""
    if not isinstance(url, str) or len(url) > 2048:
        raise UnsafeUrl("The URL must be a string of at most 2048 characters.", param="url")
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        raise UnsafeUrl("The URL is malformed.", param="url") from None
    if parts.scheme not in ("http", "https"):
        raise UnsafeUrl("Only http and https URLs are allowed.", param="url")
    if require_https and parts.scheme != "https":
        raise UnsafeUrl("The URL must use https.", param="url")
    if not parts.hostname:
        raise UnsafeUrl("The URL has no host.", param="url")
    if port == 0:
        raise UnsafeUrl("The URL's port is invalid.", param="url")
    if not private_urls_allowed():
        try:
            literal = ipaddress.ip_address(parts.hostname)
        except ValueError:
            literal = None
        if literal is not None and not is_public_address(literal):
            raise UnsafeUrl(f"The address {literal} is not public.", param="url")
    return url.strip()


class HostResolver:
    """DNS answers for (host, port), remembered for `ttl_seconds` (0: asked again every time; failures never kept).

    Only the answers are remembered: the public-address check runs on every use, and a connection opened from
    remembered answers is pinned to the address it was opened to (`_VettedConnectionMixin`).
    """

    def __init__(self, ttl_seconds: float = 0) -> None:
        self.ttl_seconds = ttl_seconds
        self._answers: dict[tuple[str, int], tuple[float, list[tuple[int, str]]]] = {}

    def addresses(self, host: str, port: int) -> list[tuple[int, str]]:
        """(family, ip) pairs for host, without duplicates, in the resolver's order. Raises socket.gaierror."""
        now = time.monotonic()
        remembered = self._answers.get((host, port))
        if remembered is not None and remembered[0] > now:
            return remembered[1]
        addresses = []
        for family, _, _, _, sockaddr in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM):
            ip = sockaddr[0].split("%", 1)[0]
            if (family, ip) not in addresses:
                addresses.append((family, ip))
        if self.ttl_seconds > 0:
            self._answers[(host, port)] = (now + self.ttl_seconds, addresses)
        return addresses


def vetted_addresses(host: str, port: int, *, resolver: HostResolver | None = None) -> list[tuple[int, str]]:
    """Resolve host; return (family, ip) pairs to connect to, or raise UnsafeUrl if any is not public.

    Refusing the whole name when one answer is private stops round-robin tricks that mix public and private.
    Raises socket.gaierror when the name does not resolve.
    """
    host = host.strip("[]")
    addresses = (resolver or HostResolver()).addresses(host, port)
    if not private_urls_allowed():
        for _, ip in addresses:
            if not is_public_address(ipaddress.ip_address(ip)):
                raise UnsafeUrl(f"{host} resolves to {ip}, which is not a public address.", param="url")
    return addresses


def validate_public_url(url: str, *, require_https: bool) -> str:
    """Check a URL to be stored for later fetches (e.g. a webhook endpoint). Raise UnsafeUrl; return the URL."""
    url = check_url(url, require_https=require_https)
    if private_urls_allowed():
        return url
    parts = urlsplit(url)
    try:
        vetted_addresses(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
    except (socket.gaierror, UnicodeError):
        raise UnsafeUrl(f"The host {parts.hostname} does not resolve.", param="url") from None
    return url


def redirect_target(current_url: str, location: str, *, require_https: bool = False) -> str:
    """The URL a redirect points to, checked like the first one. Raise UnsafeUrl."""
    return check_url(urljoin(current_url, location), require_https=require_https)


class _VettedConnectionMixin:
    """Opens the socket to an address that passed the check, whatever DNS answers a moment later; a kept-alive
    socket is used again only while the host still passes the check and still resolves to that address."""

    def __init__(self, *args, resolver: HostResolver | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.resolver = resolver
        self.connected_ip: str | None = None

    def _new_conn(self) -> socket.socket:
        try:
            addresses = vetted_addresses(self._dns_host, self.port, resolver=self.resolver)
        except socket.gaierror as error:
            raise NameResolutionError(self.host, self, error) from error
        last_error: OSError | None = None
        # The connect timeout covers every address together: a name with three silent addresses must not take
        # three timeouts.
        limited = isinstance(self.timeout, int | float)
        deadline = time.monotonic() + self.timeout if limited else None
        for _, ip in addresses:
            remaining = max(deadline - time.monotonic(), 0.001) if limited else self.timeout
            try:
                sock = create_connection(
                    (ip, self.port),
                    remaining,
                    source_address=self.source_address,
                    socket_options=self.socket_options,
                )
            except TimeoutError as error:
                last_error = ConnectTimeoutError(self, f"Connection to {self.host} timed out.")
                last_error.__cause__ = error
            except OSError as error:
                last_error = NewConnectionError(self, f"Failed to establish a new connection: {error}")
            else:
                self.connected_ip = ip
                return sock
            if limited and time.monotonic() >= deadline:
                break
        raise last_error or NewConnectionError(self, f"{self.host} has no address.")

    def check_again(self) -> None:
        """Before a kept-alive socket is reused: close it unless the host still resolves to its address; raise
        UnsafeUrl (closing it) when the host is no longer public."""
        try:
            addresses = vetted_addresses(self._dns_host, self.port, resolver=self.resolver)
        except socket.gaierror:
            addresses = []  # reconnecting reports the failure
        except UnsafeUrl:
            self.close()
            raise
        if self.connected_ip not in {ip for _, ip in addresses}:
            self.close()


class _VettedHTTPConnection(_VettedConnectionMixin, HTTPConnection):
    pass


class _VettedHTTPSConnection(_VettedConnectionMixin, HTTPSConnection):
    pass


class _VettedPoolMixin:
    def _get_conn(self, timeout: float | None = None):
        connection = super()._get_conn(timeout=timeout)
        if not connection.is_closed:
            connection.check_again()
        return connection


class _VettedHTTPPool(_VettedPoolMixin, HTTPConnectionPool):
    ConnectionCls = _VettedHTTPConnection


class _VettedHTTPSPool(_VettedPoolMixin, HTTPSConnectionPool):
    ConnectionCls = _VettedHTTPSConnection


class _VettedPoolManager(PoolManager):
    """A pool per origin, each opening vetted connections that share one resolver."""

    def __init__(self, *, resolver: HostResolver, num_pools: int) -> None:
        # Certificates are checked against the same CA bundle as `requests` uses; environment proxies are never read.
        super().__init__(num_pools=num_pools, maxsize=1, block=False, cert_reqs="CERT_REQUIRED", ca_certs=where())
        self.pool_classes_by_scheme = {"http": _VettedHTTPPool, "https": _VettedHTTPSPool}
        self.resolver = resolver

    def _new_pool(self, scheme, host, port, request_context=None):
        pool = super()._new_pool(scheme, host, port, request_context)
        pool.conn_kw["resolver"] = self.resolver
        return pool


class OutboundClient:
    """SSRF-safe HTTP that keeps one connection per origin open between requests (keep-alive).

    For callers that send many requests to the same hosts (a webhook worker). Every request runs the address
    check; DNS answers are remembered for `dns_ttl_seconds` and a reused connection stays pinned to the address it
    was opened to (it is closed and reopened when the host no longer resolves there). Not shared between threads.
    """

    def __init__(self, *, dns_ttl_seconds: float = 0, max_origins: int = 16) -> None:
        self.pools = _VettedPoolManager(resolver=HostResolver(dns_ttl_seconds), num_pools=max_origins)

    def __enter__(self) -> "OutboundClient":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.pools.clear()

    def request(
        self,
        method: str,
        url: str,
        *,
        headers: dict[str, str] | None = None,
        data: bytes | None = None,
        timeout: float = 10,
        max_bytes: int = DEFAULT_MAX_BYTES,
        allow_redirects: bool = False,
        max_redirects: int = 3,
        require_https: bool = False,
        truncate: bool = False,
    ) -> FetchedResponse:
        """Send one request to a public address and read at most max_bytes of the answer within timeout seconds.

        Raises UnsafeUrl, FetchTimeout, ResponseTooLarge (unless truncate: then the body is cut at max_bytes),
        TooManyRedirects or FetchFailed. Without allow_redirects a 3xx answer is returned as it is.
        """
        started = time.monotonic()
        deadline = started + timeout
        url = check_url(url, require_https=require_https)
        method = method.upper()
        headers = {**DEFAULT_HEADERS, **(headers or {})}
        for hop in range(max_redirects + 1):
            response = self._send(method, url, headers=headers, data=data, deadline=deadline)
            if not (allow_redirects and response.status in REDIRECT_STATUSES):
                content = _read_capped(response, max_bytes=max_bytes, deadline=deadline, truncate=truncate)
                return FetchedResponse(
                    status_code=response.status,
                    url=url,
                    headers=dict(response.headers),
                    content=content,
                    duration_ms=int((time.monotonic() - started) * 1000),
                )
            location = response.headers.get("Location")
            _discard(response)
            if not location:
                raise FetchFailed(f"Redirect from {url} has no Location header.")
            if hop == max_redirects:
                raise TooManyRedirects(f"More than {max_redirects} redirects from {url}.")
            next_url = redirect_target(url, location, require_https=require_https)
            if urlsplit(next_url).hostname != urlsplit(url).hostname:
                headers = {name: value for name, value in headers.items() if name.lower() != "authorization"}
            if response.status == 303 or (response.status in (301, 302) and method == "POST"):
                method, data = "GET", None
            url = next_url
        raise AssertionError("unreachable")  # the loop returns or raises on its last hop

    def _send(self, method, url, *, headers, data, deadline) -> BaseHTTPResponse:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise FetchTimeout(f"No answer from {url} in time.")
        try:
            return self.pools.urlopen(
                method,
                url,
                body=data,
                headers=headers,
                retries=False,
                redirect=False,
                timeout=Timeout(connect=remaining, read=remaining),
                preload_content=False,
            )
        except (ConnectTimeoutError, ReadTimeoutError) as error:
            if not isinstance(error, NewConnectionError):  # urllib3 files a refused connection under timeouts
                raise FetchTimeout(f"No answer from {url} in time.") from None
            raise FetchFailed(f"Could not fetch {url}: {error.__class__.__name__}.") from None
        except (HTTPError, ValueError) as error:  # ValueError: a URL urllib3 cannot parse
            raise FetchFailed(f"Could not fetch {url}: {error.__class__.__name__}.") from None


def safe_request(method: str, url: str, **options) -> FetchedResponse:
    """One request through a client of its own (no connection or DNS answer outlives the call); the options and
    the errors raised are those of `OutboundClient.request`."""
    with OutboundClient() as client:
        return client.request(method, url, **options)


def _discard(response: BaseHTTPResponse) -> None:
    """Close a response whose body is not read, with its connection (what is left unread would corrupt the next)."""
    response.close()
    response.release_conn()


def _read_capped(response: BaseHTTPResponse, *, max_bytes: int, deadline: float, truncate: bool) -> bytes:
    """The body: read to its end, the connection goes back to its pool; cut short, the connection is closed."""
    read_to_end = False
    try:
        declared = response.headers.get("Content-Length", "")
        if not truncate and declared.isdigit() and int(declared) > max_bytes:
            raise ResponseTooLarge(f"The response declares {declared} bytes; the limit is {max_bytes}.")
        body = bytearray()
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise FetchTimeout("The response took too long to read.")
            # read1 returns after one receive, and the socket wait is the time left: a server dripping one
            # byte at a time cannot stretch the read past the deadline.
            sock = getattr(response.connection, "sock", None)
            if sock is not None:
                sock.settimeout(remaining)
            chunk = response.read1(CHUNK_BYTES, decode_content=True)
            if not chunk:
                read_to_end = True
                return bytes(body)
            body += chunk
            if len(body) > max_bytes:
                if truncate:
                    return bytes(body[:max_bytes])
                raise ResponseTooLarge(f"The response is larger than {max_bytes} bytes.")
    except (ReadTimeoutError, TimeoutError):
        raise FetchTimeout("The response took too long to read.") from None
    except (HTTPError, OSError):
        raise FetchFailed("The connection broke while reading the response.") from None
    finally:
        if read_to_end:
            response.release_conn()
        else:
            _discard(response)
