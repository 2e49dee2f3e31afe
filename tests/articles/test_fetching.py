"""Fetching web pages against a real local HTTP server, and extracting their articles.

The server listens on 127.0.0.1, an address FactDesk refuses. Rather than switching the
private-address check off (`allow_private=True`), most tests exempt exactly the server's
host:port through FETCH_ALLOWED_HOSTS, so every other hop, including a redirect to
another private address, is still checked as in production.
"""

import shutil
import socket
import ssl
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from articles.web_client import FetchedPage, FetchRefused, fetch_url, is_public_address
from articles.web_pages import extract_article
from tests.http_site import (
    FURNITURE_MARKERS,
    LATIN1_HEADLINE,
    LATIN1_PARAGRAPHS,
    SAMPLES,
    latin1_page,
    local_site,  # noqa: F401 - the fixture
    render_article_page,
)

PRIVATE = "points at a private or local address, which FactDesk does not fetch"

# Sentences each sample must keep: figures, quotes and the distinctive drifts.
KEY_SENTENCES = {
    "000_bdfcd558ef581e6b": [
        "$11.5 billion",
        "“It takes a great artist to create something exceptional,” Sarandos stated.",
    ],
    "001_e8b33e790c11a1f6": ["Netflix has declared itself “all in” on integrating generative"],
    "002_5668979f5289a637": ["$11.5 billion", '"creating great works requires great artists."'],
    "003_0aafe6c8639f14c4": ["$11.5 billion", "Netflix just drew a line in the sand on AI."],
    "004_2991eee196f9ecf3": [
        "Netflix’s quarterly revenue rose 17% year over year to $11.5 billion",  # noqa: RUF001
        "“It takes a great artist to make something great,” Netflix CEO Ted Sarandos said",
        "it seems that studios are more likely to use genetic AI",
    ],
}


@pytest.fixture
def site(local_site, settings):  # noqa: F811 - the imported fixture
    """The local server, exempted from the private-address check by its exact host:port."""
    settings.FETCH_ALLOW_PRIVATE = False
    settings.FETCH_ALLOWED_HOSTS = [local_site.host_port]
    return local_site


@pytest.fixture
def nothing_exempt(settings):
    settings.FETCH_ALLOW_PRIVATE = False
    settings.FETCH_ALLOWED_HOSTS = []


def refusal(url: str, **kwargs) -> str:
    with pytest.raises(FetchRefused) as caught:
        fetch_url(url, **kwargs)
    return str(caught.value)


def sample_ids():
    return [sample.name for sample in SAMPLES]


# The five sample pages ----------------------------------------------------------------


@pytest.mark.parametrize("sample", SAMPLES, ids=sample_ids())
def test_each_sample_page_gives_its_headline_outlet_byline_and_date(site, sample):
    page = fetch_url(site.url(sample.path))
    article = extract_article(page)

    assert page.content_type == "text/html"
    assert page.charset == "utf-8"
    assert article.url == site.url(sample.path)
    assert article.headline == sample.headline
    assert article.outlet == sample.outlet
    assert article.byline == sample.byline
    assert article.published_on.isoformat() == sample.published


@pytest.mark.parametrize("sample", SAMPLES, ids=sample_ids())
def test_each_sample_body_keeps_every_paragraph_as_its_own_line(site, sample):
    article = extract_article(fetch_url(site.url(sample.path)))
    lines = article.body.split("\n")

    assert [line for line in lines if line in sample.paragraphs] == sample.paragraphs
    for sentence in KEY_SENTENCES[sample.name]:
        assert sentence in article.body
    # The headline is kept apart, not repeated as the body's first line.
    assert lines[0] != sample.headline


@pytest.mark.parametrize("sample", SAMPLES, ids=sample_ids())
def test_no_page_furniture_and_no_script_text_reaches_the_body(site, sample):
    body = extract_article(fetch_url(site.url(sample.path))).body.lower()

    for marker in FURNITURE_MARKERS:
        assert marker.lower() not in body
    assert "<script" not in body


def test_a_script_tag_written_as_text_in_the_article_stays_plain_text():
    paragraphs = [*LATIN1_PARAGRAPHS, "The attack used <script>alert('x')</script> in a form."]
    html = render_article_page(
        headline="How the attack worked",
        paragraphs=paragraphs,
        outlet="Security Weekly",
        byline="A. Writer",
        published="2025-01-02",
    )
    page = FetchedPage("https://news.example/a", html.encode(), "text/html", "utf-8")

    article = extract_article(page)

    # Escaped in the page, so it is the article's text: kept, as text, never markup.
    assert "The attack used <script>alert('x')</script> in a form." in article.body
    assert "trackPageView" not in article.body


def test_extracting_an_article_opens_no_network_connection(site, monkeypatch):
    page = fetch_url(site.url(SAMPLES[0].path))

    def no_network(*args, **kwargs):
        raise AssertionError("extract_article tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    assert extract_article(page).headline == SAMPLES[0].headline


# Redirects -----------------------------------------------------------------------------


def test_a_redirect_is_followed_and_the_final_address_reported(site):
    page = fetch_url(site.url("/redirect-to-article"))

    assert page.url == site.url(SAMPLES[0].path)
    assert extract_article(page).headline == SAMPLES[0].headline


def test_redirects_in_a_loop_are_refused(site):
    assert refusal(site.url("/redirect-loop")) == "redirects in a loop"


def test_more_than_five_redirects_are_refused_after_the_fifth(site):
    site.host_headers.clear()

    assert refusal(site.url("/redirect-chain")) == "redirects more than 5 times"
    assert len(site.host_headers) == 6  # the first request and five redirects, no more


def test_a_redirect_to_another_scheme_is_refused(site):
    assert refusal(site.url("/redirect-to-ftp")) == (
        "redirects to ftp://example.com/file.txt, which is not an http:// or https:// address"
    )


# Private addresses ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://localhost:8000/admin/",
        "http://10.0.0.1/",
        "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://0.0.0.0/",
        "http://0x7f.1/",  # 127.0.0.1 spelled in hex
        "http://2130706433/",  # 127.0.0.1 as one number
        "https://[fd00::1]/",
    ],
)
def test_private_and_local_addresses_are_refused(nothing_exempt, url):
    assert refusal(url) == PRIVATE


def test_the_test_server_itself_is_refused_without_an_exemption(local_site, nothing_exempt):  # noqa: F811
    local_site.host_headers.clear()

    assert refusal(local_site.url(SAMPLES[0].path)) == PRIVATE
    assert local_site.host_headers == []  # refused before any request was sent


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ("/redirect-to-private", "http://10.0.0.1/"),
        ("/redirect-to-metadata", "http://169.254.169.254/latest/meta-data/"),
    ],
)
def test_a_redirect_to_a_private_address_is_refused_even_after_an_allowed_first_hop(
    site, path, target
):
    assert refusal(site.url(path)) == (
        f"redirects to {target}, a private or local address, which FactDesk does not fetch"
    )


def test_the_exemption_covers_only_the_exact_host_and_port(site):
    other_port = f"http://127.0.0.1:{site.port + 1}/"

    assert refusal(site.url("/redirect-to-other-port")) == (
        f"redirects to {other_port}, a private or local address, which FactDesk does not fetch"
    )
    assert refusal(f"http://localhost:{site.port}/") == PRIVATE


def test_allow_private_lets_a_local_server_be_fetched(local_site, nothing_exempt):  # noqa: F811
    page = fetch_url(local_site.url(SAMPLES[1].path), allow_private=True)

    assert extract_article(page).outlet == SAMPLES[1].outlet


def test_fetch_allow_private_setting_is_the_default_for_the_flag(local_site, settings):  # noqa: F811
    settings.FETCH_ALLOWED_HOSTS = []
    settings.FETCH_ALLOW_PRIVATE = True

    assert fetch_url(local_site.url(SAMPLES[1].path)).url == local_site.url(SAMPLES[1].path)


def fake_dns(monkeypatch, answers: dict[str, list[str]]) -> list[str]:
    """Resolve the given names to the given addresses; returns the names looked up."""
    looked_up: list[str] = []
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host not in answers:
            return real(host, port, *args, **kwargs)
        looked_up.append(host)
        return [
            (
                socket.AF_INET6 if ":" in ip else socket.AF_INET,
                socket.SOCK_STREAM,
                6,
                "",
                (ip, port),
            )
            for ip in answers[host]
        ]

    monkeypatch.setattr("articles.web_client.socket.getaddrinfo", getaddrinfo)
    return looked_up


def test_a_name_with_any_private_address_among_its_answers_is_refused(monkeypatch, nothing_exempt):
    fake_dns(monkeypatch, {"mixed.example": ["93.184.216.34", "10.0.0.7"]})

    assert refusal("http://mixed.example/story") == PRIVATE


def test_the_connection_goes_to_the_address_that_was_checked(local_site, settings, monkeypatch):  # noqa: F811
    # A name resolved once; the request then reaches that very address with the name in
    # the Host header. A second, different DNS answer (DNS rebinding) is never asked for.
    settings.FETCH_ALLOW_PRIVATE = False
    settings.FETCH_ALLOWED_HOSTS = [f"news.example:{local_site.port}"]
    looked_up = fake_dns(monkeypatch, {"news.example": ["127.0.0.1"]})
    local_site.host_headers.clear()

    page = fetch_url(f"http://news.example:{local_site.port}{SAMPLES[2].path}")

    assert looked_up == ["news.example"]
    assert local_site.host_headers == [f"news.example:{local_site.port}"]
    assert extract_article(page).headline == SAMPLES[2].headline


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.0.1",
        "169.254.169.254",
        "100.64.0.1",  # carrier-grade NAT
        "0.0.0.0",
        "224.0.0.1",
        "240.0.0.1",
        "255.255.255.255",
        "192.0.2.1",  # documentation
        "::1",
        "::",
        "fe80::1",
        "fd12:3456::1",
        "ff02::1",
        "fec0::1",  # site-local (deprecated, still routed inside some networks)
        "feff:ffff::1",  # the top of fec0::/10
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "2002:7f00:1::",  # 6to4 around 127.0.0.1
        "64:ff9b::a00:1",  # NAT64 around 10.0.0.1
        "not an address",
    ],
)
def test_non_public_addresses_are_recognised(address):
    assert not is_public_address(address)


@pytest.mark.parametrize(
    "address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"]
)
def test_public_addresses_are_recognised(address):
    assert is_public_address(address)


# Servers that misbehave -----------------------------------------------------------------


def test_a_server_that_does_not_answer_in_time_is_refused(site):
    started = time.monotonic()

    assert refusal(site.url("/slow"), timeout=0.5) == "did not answer within 0.5 seconds"
    assert time.monotonic() - started < 2


def test_the_timeout_bounds_the_whole_fetch_not_each_read(site):
    # /drip answers at once and then sends a byte every 0.1 s for 3 s.
    started = time.monotonic()

    assert refusal(site.url("/drip"), timeout=1) == "did not answer within 1 second"
    assert time.monotonic() - started < 2


def test_the_timeout_defaults_to_the_fetch_timeout_setting(site, settings):
    settings.FETCH_TIMEOUT = 0.3

    assert refusal(site.url("/slow")) == "did not answer within 0.3 seconds"


def test_a_closed_port_is_refused_as_a_refused_connection(nothing_exempt):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    assert refusal(f"http://127.0.0.1:{port}/", allow_private=True) == "refused the connection"


def test_a_missing_page_is_refused_with_its_status(site):
    assert refusal(site.url("/missing")) == "returned 404 Not Found"


def test_a_server_error_is_refused_with_its_status(site):
    assert refusal(site.url("/error")) == "returned 500 Internal Server Error"


def test_a_file_that_is_not_a_web_page_is_refused_with_its_type(site):
    assert refusal(site.url("/file.zip")) == "is an application/zip file, not a web page"


def test_a_response_without_a_content_type_is_refused(site):
    assert "did not say what kind of file it is" in refusal(site.url("/no-content-type"))


def test_a_page_larger_than_the_limit_is_refused_while_reading(site):
    # /huge sends about 200 KB with no Content-Length: only counting the bytes catches it.
    assert refusal(site.url("/huge"), max_bytes=50_000) == ("is larger than the 50,000-byte limit")


def test_the_limit_counts_bytes_after_decompression(site):
    assert refusal(site.url("/gzip-bomb"), max_bytes=1_000_000) == (
        "is larger than the 1,000,000-byte limit"
    )


def test_a_gzipped_page_is_unpacked(site):
    article = extract_article(fetch_url(site.url("/gzipped-article")))

    assert article.headline == SAMPLES[3].headline


def test_a_declared_length_over_the_limit_is_refused_before_reading(site, settings):
    settings.MAX_UPLOAD_BYTES = 5 * 1024 * 1024

    assert refusal(site.url("/huge-declared")) == "is larger than the 5 MB limit"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://example.com/a", "is not a web address: it must start with http:// or https://"),
        ("example.com/story", "is not a web address: it must start with http:// or https://"),
        ("http://user:secret@example.com/", "contains a user name or password"),
        ("http://example.com:99999/", "is not a valid web address"),
        ("http:///path-only", "has no host name"),
    ],
)
def test_addresses_that_are_not_web_addresses_are_refused(url, message):
    assert message in refusal(url)


def test_a_host_that_does_not_exist_is_refused(nothing_exempt):
    assert refusal("http://no-such-host.invalid/") == (
        "names a host that does not exist (no-such-host.invalid)"
    )


# Pages that are not articles, and encodings ---------------------------------------------


def test_a_login_page_does_not_look_like_an_article(site):
    with pytest.raises(FetchRefused) as caught:
        extract_article(fetch_url(site.url("/not-article")))

    assert str(caught.value).startswith("does not look like an article (only ")


def test_a_page_without_a_headline_does_not_look_like_an_article(site):
    with pytest.raises(FetchRefused) as caught:
        extract_article(fetch_url(site.url("/untitled")))

    assert str(caught.value) == "does not look like an article (it has no headline)"


def test_a_page_declared_as_latin1_keeps_its_accents(site):
    page = fetch_url(site.url("/latin1"))
    article = extract_article(page)

    assert page.charset is None  # only the page's <meta> names the charset
    assert article.headline == LATIN1_HEADLINE
    assert article.body.split("\n") == LATIN1_PARAGRAPHS
    assert article.outlet == "El Diario Local"
    assert article.byline == "Inés Peña"


def test_a_page_with_no_declared_charset_is_detected(site):
    article = extract_article(fetch_url(site.url("/latin1-undeclared")))

    assert article.headline == LATIN1_HEADLINE
    assert "déjà vu" in article.body


def test_the_http_charset_wins_and_a_wrong_one_falls_back_to_the_page(site):
    html = latin1_page(charset="iso-8859-1").encode("iso-8859-1")

    # The server claims UTF-8, which these bytes are not: the <meta> charset decides.
    article = extract_article(FetchedPage("https://diario.example/a", html, "text/html", "utf-8"))

    assert article.headline == LATIN1_HEADLINE


def test_a_page_that_is_not_text_in_any_encoding_is_refused():
    page = FetchedPage("https://x.example/a", b"\x00\x01\x02\xff" * 500, "text/html", None)

    with pytest.raises(FetchRefused) as caught:
        extract_article(page)

    assert str(caught.value) == "is not text in any encoding FactDesk recognises"


def test_a_plain_text_page_is_read_like_a_text_file(site):
    article = extract_article(fetch_url(site.url("/plain-text")))

    # As for .txt files: this first line is a lede paragraph, so it stays in the body
    # and its first sentence becomes the headline.
    assert article.headline == SAMPLES[4].headline
    assert article.body.split("\n") == SAMPLES[4].paragraphs
    assert article.outlet == "127.0.0.1"  # no site name: the host stands in


# HTTPS -----------------------------------------------------------------------------------


@pytest.fixture
def https_site(tmp_path, monkeypatch, settings):
    """An HTTPS server on 127.0.0.1 with a certificate for news.example from a test CA."""
    if not shutil.which("openssl"):
        # Debian ships openssl in its base system; a machine without it is misconfigured.
        pytest.fail("needs the openssl command to make a test certificate")

    def openssl(*args):
        subprocess.run(["openssl", *args], check=True, capture_output=True, cwd=tmp_path)

    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
            "/CN=FactDesk test CA", "-keyout", "ca.key", "-out", "ca.pem",
            "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign")  # fmt: skip
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=news.example",
            "-keyout", "site.key", "-out", "site.csr")  # fmt: skip
    (tmp_path / "ext.cnf").write_text("subjectAltName=DNS:news.example\n")
    openssl("x509", "-req", "-in", "site.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
            "-CAcreateserial", "-days", "2", "-extfile", "ext.cnf", "-out", "site.pem")  # fmt: skip

    html = render_article_page(
        headline=LATIN1_HEADLINE,
        paragraphs=LATIN1_PARAGRAPHS,
        outlet="Secure News",
        byline="T. L. S.",
        published="2025-05-05",
    ).encode()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(html)))
            self.end_headers()
            self.wfile.write(html)

    server = HTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(tmp_path / "site.pem", tmp_path / "site.key")
    server.socket = context.wrap_socket(server.socket, server_side=True)
    port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "ca.pem"))  # trust the test CA
    fake_dns(monkeypatch, {"news.example": ["127.0.0.1"], "wrong.example": ["127.0.0.1"]})
    settings.FETCH_ALLOW_PRIVATE = False
    settings.FETCH_ALLOWED_HOSTS = [f"news.example:{port}", f"wrong.example:{port}"]
    yield port
    server.shutdown()
    server.server_close()


def test_https_is_verified_against_the_host_name_while_connecting_to_the_checked_ip(
    https_site,
):
    page = fetch_url(f"https://news.example:{https_site}/story")

    assert extract_article(page).outlet == "Secure News"


def test_https_with_a_certificate_for_another_name_is_refused(https_site):
    assert refusal(f"https://wrong.example:{https_site}/story").startswith(
        "has no valid security certificate"
    )
