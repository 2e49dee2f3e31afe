"""Fetch a web page for the desk, safely: the guarded HTTP client.

`fetch_url` refuses what FactDesk must not or cannot fetch, with a message for the user:
addresses inside our own network (server-side request forgery), slow or broken servers,
files that are not web pages, pages larger than the upload limit. Every message is a
predicate ("did not answer within 10 seconds"); callers show it after the URL.

How the private-address check is made to stick: the host is resolved once, every address
it resolves to is checked, and the connection is then made to the checked IP address
itself (with the original name in the Host header, and for HTTPS as the TLS server name
that the certificate is verified against). A second DNS answer therefore never matters,
which closes the DNS-rebinding gap that checking the name and then letting the HTTP
library resolve it again would leave. Each redirect hop goes through the same check.
Reading the article in a fetched page is `articles.web_pages`.

Kept free of the ORM; settings are read when a fetch starts (defaults in factdesk/limits.py):
FETCH_TIMEOUT (seconds), MAX_UPLOAD_BYTES, FETCH_ALLOW_PRIVATE and FETCH_ALLOWED_HOSTS
("host:port" entries exempt from the private-address check).
"""

import ipaddress
import re
import socket
import time
from dataclasses import dataclass
from http import HTTPStatus
from urllib.parse import urljoin, urlsplit, urlunsplit

import urllib3
from urllib3.exceptions import (
    ConnectTimeoutError,
    HTTPError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
    SSLError,
)

from factdesk import limits

MAX_REDIRECTS = 5
USER_AGENT = "FactDesk/1.0 (newsroom fact-checking; +https://github.com/factdesk)"
ACCEPT = (
    "text/html,application/xhtml+xml,application/xml;q=0.9,"
    "application/rss+xml,application/atom+xml,text/plain;q=0.8"
)
# What a web page (or a feed, which is fetched the same way) may be.
PAGE_TYPES = {
    "text/html",
    "application/xhtml+xml",
    "text/xml",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "text/plain",
}
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
PRIVATE_MESSAGE = "points at a private or local address, which FactDesk does not fetch"
_CHUNK = 64 * 1024
# NAT64's well-known prefix carries an IPv4 address in its last 32 bits.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class FetchRefused(ValueError):
    """The URL cannot be fetched or is not an article; the message is shown to the user as is."""


@dataclass(frozen=True)
class FetchedPage:
    url: str  # the final URL, after redirects
    content: bytes
    content_type: str  # the media type alone, lower case: "text/html"
    charset: str | None  # from the Content-Type header, if it named one


# Fetching ---------------------------------------------------------------------------------


def fetch_url(
    url: str,
    *,
    timeout: float | None = None,
    max_bytes: int | None = None,
    allow_private: bool | None = None,
) -> FetchedPage:
    """Fetch an http(s) URL, following at most MAX_REDIRECTS redirects, or raise FetchRefused.

    `timeout` bounds the whole fetch, redirects included, not each socket operation, so a
    server that trickles bytes cannot hold a worker for longer.
    """
    if timeout is None:
        timeout = float(limits.current("FETCH_TIMEOUT"))
    if max_bytes is None:
        max_bytes = int(limits.current("MAX_UPLOAD_BYTES"))
    if allow_private is None:
        allow_private = bool(limits.current("FETCH_ALLOW_PRIVATE"))
    allowed_hosts = {h.lower() for h in limits.current("FETCH_ALLOWED_HOSTS")}

    deadline = time.monotonic() + timeout
    current = _normalise(url.strip() if isinstance(url, str) else "")
    seen = {_without_fragment(current)}
    redirects = 0
    while True:
        hop = _Hop(current, redirected=redirects > 0)
        try:
            response = _request(hop, deadline, allow_private, allowed_hosts, timeout)
        except _HopRefused as exc:
            raise FetchRefused(hop.say(str(exc))) from exc
        try:
            if response.status in REDIRECT_STATUSES:
                location = response.headers.get("Location", "").strip()
                if not location:
                    raise FetchRefused(hop.say("redirects without saying where to"))
                target = _normalise(urljoin(current, location), redirect=True)
                if _without_fragment(target) in seen:
                    raise FetchRefused("redirects in a loop")
                redirects += 1
                if redirects > MAX_REDIRECTS:
                    raise FetchRefused(f"redirects more than {MAX_REDIRECTS} times")
                seen.add(_without_fragment(target))
                current = target
                continue
            if response.status >= 400:
                raise FetchRefused(hop.say(f"returned {_status_text(response)}"))
            if response.status != 200:
                raise FetchRefused(hop.say(f"returned {_status_text(response)}, not a page"))
            content_type, charset = _content_type(response.headers.get("Content-Type", ""))
            if content_type not in PAGE_TYPES:
                raise FetchRefused(hop.say(_not_a_page(content_type)))
            content = _read_body(response, hop, deadline, max_bytes, timeout)
            return FetchedPage(
                url=current, content=content, content_type=content_type, charset=charset
            )
        finally:
            response.release_conn()
            response.close()


class _HopRefused(Exception):
    pass


@dataclass(frozen=True)
class _Hop:
    url: str
    redirected: bool

    def say(self, predicate: str) -> str:
        """The message for this hop: about the URL itself, or about where it redirected."""
        if not self.redirected:
            return predicate
        if predicate == PRIVATE_MESSAGE:
            return (
                f"redirects to {self.url}, a private or local address, "
                "which FactDesk does not fetch"
            )
        return f"redirects to {self.url}, which {predicate}"


def _normalise(url: str, *, redirect: bool = False) -> str:
    where = f"redirects to {url}, which " if redirect else ""
    try:
        parts = urlsplit(url)
        port = parts.port  # raises ValueError when it is not a number or out of range
    except ValueError as exc:
        raise FetchRefused(f"{where}is not a valid web address") from exc
    if parts.scheme.lower() not in {"http", "https"}:
        if redirect:
            raise FetchRefused(f"redirects to {url}, which is not an http:// or https:// address")
        raise FetchRefused("is not a web address: it must start with http:// or https://")
    if not parts.hostname:
        raise FetchRefused(f"{where}has no host name")
    if parts.username is not None or parts.password is not None:
        raise FetchRefused(f"{where}contains a user name or password, which FactDesk does not use")
    host = parts.hostname
    netloc = f"[{host}]" if ":" in host else host
    if port is not None:
        netloc += f":{port}"
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", parts.query, ""))


def _without_fragment(url: str) -> str:
    return url.split("#", 1)[0]


def _request(hop: _Hop, deadline: float, allow_private: bool, allowed_hosts: set, timeout: float):
    parts = urlsplit(hop.url)
    host = parts.hostname or ""
    scheme = parts.scheme
    port = parts.port or (443 if scheme == "https" else 80)
    # Entries are written as in a URL: "127.0.0.1:8000", "intranet.example:443", "[::1]:80".
    exempt = allow_private or f"{_bracketed(host)}:{port}" in allowed_hosts
    addresses = _resolve(host, port, exempt)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    default_port = 443 if scheme == "https" else 80
    host_header = _bracketed(host) + ("" if port == default_port else f":{port}")
    headers = {
        "Host": host_header,
        "User-Agent": USER_AGENT,
        "Accept": ACCEPT,
        "Accept-Encoding": "gzip, deflate",
    }
    last_error: Exception | None = None
    for address in addresses:
        remaining = _remaining(deadline, timeout)
        pool = _pool(scheme, address, port, host, remaining)
        try:
            return pool.urlopen(
                "GET",
                path,
                headers=headers,
                redirect=False,
                retries=False,
                preload_content=False,
                timeout=urllib3.Timeout(connect=remaining, read=remaining),
                assert_same_host=False,
            )
        except NewConnectionError as exc:  # before ConnectTimeoutError: it subclasses it
            last_error = exc  # try the host's next address
        except (ConnectTimeoutError, ReadTimeoutError, TimeoutError) as exc:
            raise _HopRefused(_timed_out(timeout)) from exc
        except SSLError as exc:
            raise _HopRefused(f"has no valid security certificate ({_reason(exc)})") from exc
        except (ProtocolError, HTTPError, OSError) as exc:
            if _is_timeout(exc):
                raise _HopRefused(_timed_out(timeout)) from exc
            raise _HopRefused(f"broke off the connection ({_reason(exc)})") from exc
        finally:
            pool.close()
    if _is_timeout(last_error):
        raise _HopRefused(_timed_out(timeout))
    if isinstance(getattr(last_error, "__cause__", None), ConnectionRefusedError) or (
        "refused" in str(last_error).lower()
    ):
        raise _HopRefused("refused the connection")
    raise _HopRefused(f"could not be reached ({_reason(last_error)})")


def _bracketed(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def _pool(scheme: str, address: str, port: int, host: str, timeout: float):
    """A connection pool for the checked IP address; the name is only for Host and TLS."""
    if scheme == "https":
        return urllib3.HTTPSConnectionPool(
            address,
            port,
            timeout=timeout,
            maxsize=1,
            retries=False,
            cert_reqs="CERT_REQUIRED",
            assert_hostname=host,
            server_hostname=host,
        )
    return urllib3.HTTPConnectionPool(address, port, timeout=timeout, maxsize=1, retries=False)


def _resolve(host: str, port: int, exempt: bool) -> list[str]:
    """The host's addresses, all of them checked; refused if any is not public."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise _HopRefused(f"names a host that does not exist ({host})") from exc
    addresses = []
    for _family, _type, _proto, _canonname, sockaddr in infos:
        address = str(sockaddr[0]).split("%", 1)[0]  # drop an IPv6 scope ("fe80::1%eth0")
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise _HopRefused(f"names a host that does not exist ({host})")
    # Any private answer refuses the host: a name that mixes public and private
    # addresses is either misconfigured or an attack.
    if not exempt and not all(is_public_address(a) for a in addresses):
        raise _HopRefused(PRIVATE_MESSAGE)
    return addresses


def is_public_address(address: str) -> bool:
    """True for an address on the public internet; False for loopback, private (RFC 1918,
    ULA), link-local (cloud metadata), site-local, multicast, reserved, unspecified, shared (CGNAT),
    documentation ranges, and IPv6 forms that embed such an IPv4 address."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:  # ::ffff:a.b.c.d is that IPv4 address
            return is_public_address(str(ip.ipv4_mapped))
        embedded = ip.sixtofour
        if embedded is None and ip in _NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is None and ip.teredo:
            embedded = ip.teredo[1]  # the client's address
        if embedded is not None and not is_public_address(str(embedded)):
            return False
    return not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        # fec0::/10, site-local: deprecated, but still a network's own (Python calls it global)
        or (isinstance(ip, ipaddress.IPv6Address) and ip.is_site_local)
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


def _read_body(response, hop: _Hop, deadline: float, max_bytes: int, timeout: float) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchRefused(hop.say(_too_large(max_bytes)))
    chunks: list[bytes] = []
    size = 0
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise FetchRefused(hop.say(_timed_out(timeout)))
            _set_read_timeout(response, remaining)
            # read1 returns what one receive brought, so the deadline is checked between
            # receives: a server dripping a byte at a time is cut off when time is up.
            # Counted after decompression: a small gzip body cannot smuggle in a huge page.
            chunk = response.read1(_CHUNK, decode_content=True)
            if not chunk:
                break
            size += len(chunk)
            if size > max_bytes:
                raise FetchRefused(hop.say(_too_large(max_bytes)))
            chunks.append(chunk)
    except (ReadTimeoutError, TimeoutError) as exc:
        raise FetchRefused(hop.say(_timed_out(timeout))) from exc
    except (ProtocolError, HTTPError, OSError) as exc:
        if _is_timeout(exc):
            raise FetchRefused(hop.say(_timed_out(timeout))) from exc
        raise FetchRefused(hop.say(f"broke off the connection ({_reason(exc)})")) from exc
    return b"".join(chunks)


def _set_read_timeout(response, seconds: float) -> None:
    """Shorten the socket's timeout to what is left of the deadline."""
    sock = getattr(response.connection, "sock", None)
    if sock is not None:
        sock.settimeout(max(seconds, 0.001))


def _remaining(deadline: float, timeout: float) -> float:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise _HopRefused(_timed_out(timeout))
    return remaining


def _is_timeout(exc: BaseException | None) -> bool:
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, (TimeoutError, ReadTimeoutError, ConnectTimeoutError)) and not (
            isinstance(exc, NewConnectionError)
        ):
            return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False


def _reason(exc: BaseException | None) -> str:
    text = str(exc) if exc else "unknown error"
    # urllib3 prefixes its own object reprs: keep the part a person can read.
    text = re.sub(r"<[^>]*>:?\s*", "", text).strip(" :")
    return text[:200] or type(exc).__name__


def _timed_out(timeout: float) -> str:
    unit = "second" if timeout == 1 else "seconds"
    return f"did not answer within {timeout:g} {unit}"


def _too_large(max_bytes: int) -> str:
    return f"is larger than the {_size(max_bytes)} limit"


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / 1_048_576:.3g} MB"
    return f"{n:,}-byte"


def _status_text(response) -> str:
    try:
        phrase = HTTPStatus(response.status).phrase
    except ValueError:
        phrase = (response.reason or "").strip()
    return f"{response.status} {phrase}".strip()


def _content_type(header: str) -> tuple[str, str | None]:
    media_type, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip(" \"'"):
            charset = value.strip(" \"'")
    return media_type.strip().lower(), charset


def _not_a_page(content_type: str) -> str:
    if not content_type:
        return "did not say what kind of file it is, so it is not treated as a web page"
    article = "an" if content_type[0] in "aeiou" else "a"
    return f"is {article} {content_type} file, not a web page"
