"""A real HTTP server on 127.0.0.1 serving news pages, feeds and misbehaving URLs.

Tests use the `local_site` fixture; import it into the test module:

    from tests.http_site import local_site  # noqa: F401

The five sample articles are rendered as realistic news pages: metadata in <head>, a nav
bar, a cookie banner, a newsletter box inside the article, related links, a comment form,
a footer and scripts, so the tests can prove that only the article text survives.
"""

import gzip
import html
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from articles.reading import split_headline

SAMPLE_CORPUS = Path(__file__).resolve().parent.parent / "articles" / "sample_corpus"

# Invented bylines and dates: the sample files carry none.
BYLINES = ["Dana Whitfield", "Marco Ruiz", "Li Wen", "Priya Natarajan", "Sam Okafor"]
DATES = ["2025-10-21", "2025-10-22", "2025-10-22", "2025-10-23", "2025-10-21"]

# Words that appear only in page furniture; none of them may reach an article body.
FURNITURE_MARKERS = [
    "cookie",
    "newsletter",
    "morning briefing",
    "Sign up for our",
    "Post comment",
    "Leave a comment",
    "Email (never published)",
    "Related stories",
    "Streaming wars heat up",
    "All rights reserved",
    "Privacy policy",
    "Terms of use",
    "Contact us",
    "Opinion & Analysis",  # the nav bar
    "trackPageView",
    "dataLayer",
    "document.write",
    "fd-secret-tracker",
]

LATIN1_HEADLINE = "Café owners in Señora Müller's town face déjà vu over rents"
LATIN1_PARAGRAPHS = [
    "The café on the corner of the Plaza Mayor has raised its prices for the third "
    "time this year, and regulars say the señora who runs it is as unhappy as they are.",
    "Müller, who has owned the building since 1998, said the rent increase was forced on "
    "her by a 12% rise in the property tax and that she expects the garçons to keep their jobs.",
    "Economists in the región describe the situation as déjà vu: the same thing happened "
    "in 2012, when a similar tax rise closed a dozen cafés within six months.",
]


@dataclass(frozen=True)
class SampleArticle:
    name: str  # the file's stem, also the page's name: /articles/<name>.html
    outlet: str
    headline: str
    paragraphs: list[str]
    byline: str
    published: str  # ISO date

    @property
    def path(self) -> str:
        return f"/articles/{self.name}.html"


def load_samples() -> list[SampleArticle]:
    manifest = json.loads((SAMPLE_CORPUS / "manifest.json").read_text(encoding="utf-8"))
    samples = []
    for index, (filename, outlet) in enumerate(sorted(manifest["articles"].items())):
        # The same headline rule as file ingestion, so both routes see the same body:
        # a first line that is really a lede stays a paragraph of the page.
        text = split_headline(
            (SAMPLE_CORPUS / filename).read_text(encoding="utf-8"), origin=filename
        )
        paragraphs = [line.strip() for line in text.body.splitlines() if line.strip()]
        samples.append(
            SampleArticle(
                name=Path(filename).stem,
                outlet=outlet,
                headline=text.headline,
                paragraphs=paragraphs,
                byline=BYLINES[index],
                published=DATES[index],
            )
        )
    return samples


SAMPLES = load_samples()


def latin1_page(charset: str = "utf-8") -> str:
    """The accented test article, declaring `charset` (encode it yourself)."""
    return render_article_page(
        headline=LATIN1_HEADLINE,
        paragraphs=LATIN1_PARAGRAPHS,
        outlet="El Diario Local",
        byline="Inés Peña",
        published="2025-09-30",
        charset=charset,
    )


def render_article_page(
    *,
    headline: str,
    paragraphs: list[str],
    outlet: str,
    byline: str,
    published: str,
    charset: str = "utf-8",
) -> str:
    e = html.escape
    middle = len(paragraphs) // 2
    body = "\n".join(f"      <p>{e(p)}</p>" for p in paragraphs[:middle])
    body += """
      <aside class="newsletter-signup">
        <h3>Get the morning briefing</h3>
        <p>Sign up for our newsletter and get the day's top stories in your inbox.</p>
        <form action="/newsletter" method="post">
          <input type="email" name="email" placeholder="Your email">
          <button>Subscribe to the newsletter</button>
        </form>
      </aside>
"""
    body += "\n".join(f"      <p>{e(p)}</p>" for p in paragraphs[middle:])
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="{charset}">
  <title>{e(headline)} | {e(outlet)}</title>
  <meta property="og:site_name" content="{e(outlet)}">
  <meta property="og:title" content="{e(headline)}">
  <meta property="og:type" content="article">
  <meta name="author" content="{e(byline)}">
  <meta property="article:published_time" content="{published}T14:30:00Z">
  <link rel="stylesheet" href="/static/site.css">
  <script>
    window.dataLayer = window.dataLayer || [];
    function trackPageView(id) {{ window.dataLayer.push({{event: "view", id: id}}); }}
    trackPageView("fd-secret-tracker-head");
  </script>
</head>
<body>
  <div class="cookie-banner" id="cookie-consent">
    <p>We use cookies to improve your experience and to show you personalised ads.
       By continuing to browse you accept our cookie policy.</p>
    <button>Accept all cookies</button> <button>Manage cookie settings</button>
  </div>
  <header class="site-header">
    <a class="logo" href="/">{e(outlet)}</a>
    <nav class="main-nav">
      <ul>
        <li><a href="/news">News</a></li>
        <li><a href="/business">Business</a></li>
        <li><a href="/technology">Technology</a></li>
        <li><a href="/entertainment">Entertainment</a></li>
        <li><a href="/opinion">Opinion &amp; Analysis</a></li>
        <li><a href="/subscribe">Subscribe</a></li>
      </ul>
    </nav>
  </header>
  <main>
    <article class="story">
      <h1>{e(headline)}</h1>
      <p class="byline">By <a rel="author" href="/authors/x">{e(byline)}</a>,
        <time datetime="{published}">{published}</time></p>
{body}
      <script>trackPageView("fd-secret-tracker-article"); document.write("<b>x</b>");</script>
    </article>
    <section class="related">
      <h2>Related stories</h2>
      <ul>
        <li><a href="/technology/streaming-wars">Streaming wars heat up as prices rise</a></li>
        <li><a href="/business/box-office">Box office slumps for a third weekend</a></li>
        <li><a href="/technology/ai-actors">Union sets rules for digital doubles</a></li>
      </ul>
    </section>
    <section class="comments" id="comments">
      <h2>Leave a comment</h2>
      <form action="/comments" method="post" class="comment-form">
        <label>Name <input name="name"></label>
        <label>Email (never published) <input name="email"></label>
        <label>Comment <textarea name="comment"></textarea></label>
        <button type="submit">Post comment</button>
      </form>
    </section>
  </main>
  <footer class="site-footer">
    <p>&copy; 2025 {e(outlet)}. All rights reserved.</p>
    <p><a href="/privacy">Privacy policy</a> · <a href="/terms">Terms of use</a> ·
       <a href="/cookies">Cookie policy</a> · <a href="/contact">Contact us</a></p>
  </footer>
  <script src="/static/analytics.js"></script>
  <script>trackPageView("fd-secret-tracker-footer");</script>
</body>
</html>
"""


LOGIN_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Sign in</title></head>
<body>
  <h1>Sign in</h1>
  <form method="post" action="/login">
    <label>Email <input name="email"></label>
    <label>Password <input type="password" name="password"></label>
    <button>Sign in</button>
  </form>
  <p><a href="/forgot">Forgot your password?</a></p>
</body></html>
"""


@dataclass
class LocalSite:
    """The running server: its base URL, and the Host headers it received."""

    host: str
    port: int
    samples: list[SampleArticle]
    host_headers: list[str] = field(default_factory=list)

    @property
    def base(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def host_port(self) -> str:
        return f"{self.host}:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path


def _make_handler(site: LocalSite):
    samples = {sample.path: sample for sample in site.samples}

    class Handler(BaseHTTPRequestHandler):
        # HTTP/1.0: each response closes its connection, so a body needs no length.
        protocol_version = "HTTP/1.0"

        def log_message(self, format, *args):  # noqa: A002 - the base class's name
            pass

        def do_GET(self):
            site.host_headers.append(self.headers.get("Host", ""))
            path = urlsplit(self.path).path
            if path in samples:
                sample = samples[path]
                page = render_article_page(
                    headline=sample.headline,
                    paragraphs=sample.paragraphs,
                    outlet=sample.outlet,
                    byline=sample.byline,
                    published=sample.published,
                )
                return self.send("text/html; charset=utf-8", page.encode("utf-8"))
            if path.startswith("/hop/"):  # /redirect-chain: /hop/1 -> /hop/2 -> ... forever
                return self.redirect(f"/hop/{int(path.rsplit('/', 1)[1]) + 1}")
            name = "route_" + path.strip("/").replace("-", "_").replace(".", "_")
            route = getattr(self, name, None)
            if route is None:
                return self.send_error(404)
            return route()

        def send(self, content_type: str | None, body: bytes, *, length: bool = True):
            self.send_response(200)
            if content_type:
                self.send_header("Content-Type", content_type)
            if length:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def redirect(self, location: str, status: int = 302):
            self.send_response(status)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()

        # Feeds ------------------------------------------------------------------------
        def route_feed_rss(self):
            items = []
            for index, sample in enumerate(site.samples):
                # The last item has no guid: its link becomes its key.
                guid = (
                    f'<guid isPermaLink="false">factdesk-sample-{sample.name}</guid>'
                    if index < len(site.samples) - 1
                    else ""
                )
                items.append(
                    f"<item><title>{html.escape(sample.headline)}</title>"
                    f"<link>{site.url(sample.path)}</link>{guid}"
                    f"<pubDate>Tue, 21 Oct 2025 14:30:00 GMT</pubDate></item>"
                )
            rss = (
                '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
                f"<title>Netflix and AI</title><link>{site.base}/</link>"
                "<description>Five outlets</description>" + "".join(items) + "</channel></rss>"
            )
            self.send("application/rss+xml; charset=utf-8", rss.encode("utf-8"))

        def route_feed_atom(self):
            entries = "".join(
                f"<entry><title>{html.escape(sample.headline)}</title>"
                f'<link rel="alternate" href="{site.url(sample.path)}"/>'
                f"<id>urn:factdesk:sample:{sample.name}</id>"
                "<updated>2025-10-21T14:30:00Z</updated></entry>"
                for sample in site.samples
            )
            atom = (
                '<?xml version="1.0" encoding="utf-8"?>\n'
                '<feed xmlns="http://www.w3.org/2005/Atom"><title>Netflix and AI</title>'
                f"<id>urn:factdesk:feed</id><updated>2025-10-21T14:30:00Z</updated>"
                f"{entries}</feed>"
            )
            self.send("application/atom+xml; charset=utf-8", atom.encode("utf-8"))

        # Redirects --------------------------------------------------------------------
        def route_redirect_loop(self):
            self.redirect("/redirect-loop-b")

        def route_redirect_loop_b(self):
            self.redirect(site.url("/redirect-loop"), status=301)

        def route_redirect_chain(self):
            self.redirect("/hop/1")

        def route_redirect_to_article(self):
            self.redirect(site.samples[0].path, status=301)

        def route_redirect_to_private(self):
            self.redirect("http://10.0.0.1/")

        def route_redirect_to_metadata(self):
            self.redirect("http://169.254.169.254/latest/meta-data/", status=307)

        def route_redirect_to_other_port(self):
            # Same host, another port: not the host:port the tests allow.
            self.redirect(f"http://{site.host}:{site.port + 1 if site.port < 65535 else 1}/")

        def route_redirect_to_ftp(self):
            self.redirect("ftp://example.com/file.txt")

        # Misbehaving pages ------------------------------------------------------------
        def route_slow(self):
            time.sleep(3)
            self.send("text/html; charset=utf-8", b"<html><body>finally</body></html>")

        def route_drip(self):
            # Answers at once, then sends a byte every 0.1 s for 3 s: each read is quick,
            # only a deadline for the whole fetch stops it.
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(30):
                try:
                    self.wfile.write(b" ")
                    self.wfile.flush()
                except OSError:
                    return
                time.sleep(0.1)

        def route_missing(self):
            self.send_error(404)

        def route_error(self):
            self.send_error(500)

        def route_file_zip(self):
            self.send("application/zip", b"PK\x03\x04" + b"\x00" * 200)

        def route_no_content_type(self):
            self.send(None, b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)

        def route_not_article(self):
            self.send("text/html; charset=utf-8", LOGIN_PAGE.encode("utf-8"))

        def route_huge(self):
            # No Content-Length: the body ends when the connection closes.
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            chunk = b"<p>" + b"filler text " * 80 + b"</p>\n"
            try:
                for _ in range(200):  # about 200 KB
                    self.wfile.write(chunk)
            except OSError:
                return  # the client stopped reading, as it should

        def route_gzip_bomb(self):
            # 20 MB of spaces, about 20 KB once gzipped: the limit counts unpacked bytes.
            body = gzip.compress(b" " * (20 * 1024 * 1024))
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except OSError:
                return

        def route_gzipped_article(self):
            sample = site.samples[3]
            page = render_article_page(
                headline=sample.headline,
                paragraphs=sample.paragraphs,
                outlet=sample.outlet,
                byline=sample.byline,
                published=sample.published,
            )
            body = gzip.compress(page.encode("utf-8"))
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def route_huge_declared(self):
            # Declares 50 MB and sends nothing: refused on the header alone.
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(50 * 1024 * 1024))
            self.end_headers()

        def route_latin1(self):
            page = latin1_page(charset="iso-8859-1")
            # The HTTP header names no charset: only the page's <meta> does.
            self.send("text/html", page.encode("iso-8859-1"))

        def route_latin1_undeclared(self):
            # No charset anywhere: detection has to find it.
            page = latin1_page().replace('<meta charset="utf-8">', "")
            self.send("text/html", page.encode("cp1252"))

        def route_plain_text(self):
            sample = site.samples[4]
            # Sample 004 opens with a lede, which stays the first paragraph.
            text = "\n\n".join(sample.paragraphs)
            self.send("text/plain; charset=utf-8", text.encode("utf-8"))

        def route_untitled(self):
            paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in site.samples[3].paragraphs)
            page = f"<!DOCTYPE html><html><body><div>{paragraphs}</div></body></html>"
            self.send("text/html; charset=utf-8", page.encode("utf-8"))

        def route_feed_json(self):
            self.send("application/json", b'{"items": []}')

    return Handler


@pytest.fixture(scope="session")
def local_site():
    """A real HTTP server on 127.0.0.1 and a free port, running in a thread."""
    site = LocalSite(host="127.0.0.1", port=0, samples=SAMPLES)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _make_handler(site))
    server.daemon_threads = True
    site.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, name="local-site", daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
