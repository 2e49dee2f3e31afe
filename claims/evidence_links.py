"""Evidence links as a reader should see them: where each one really goes, and a warning
when its address is built to look like somewhere else.

A checker may cite any page, a scam included, so no link is refused here; but
`https://reuters.com@evil.example/` goes to evil.example, and "paypal.com" spelt with a
Cyrillic "a" is not paypal.com. The desk and the report show the real host beside every
link, and say why when the address misleads. No Django here: the panel's template tag and
the report both call `describe_evidence`.
"""

import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit

import idna
from confusable_homoglyphs import categories

# Scripts that one DNS label may mix legitimately (as browsers allow): Japanese, Chinese
# with Bopomofo, Korean with Han. Characters common to all scripts (digits, "-") count for none.
ALLOWED_MIXES = (
    {"HAN", "HIRAGANA", "KATAKANA"},
    {"HAN", "BOPOMOFO"},
    {"HAN", "HANGUL"},
)
NEUTRAL = {"COMMON", "INHERITED"}


@dataclass(frozen=True)
class EvidenceLink:
    text: str  # as the checker entered it, with invisible direction marks made visible
    href: str  # "" when it is not a web link: shown as text, never as a link
    host: str  # where the link goes, in the form DNS uses (punycode for non-ASCII names)
    warnings: tuple[str, ...] = ()


def describe_evidence(value: str) -> EvidenceLink:
    text = visible(value.strip())
    try:
        parts = urlsplit(value.strip())
        hostname = parts.hostname or ""
    except ValueError:  # e.g. a malformed IPv6 host
        return EvidenceLink(text=text, href="", host="")
    if parts.scheme.lower() not in {"http", "https"} or not hostname:
        return EvidenceLink(text=text, href="", host="")
    host, unicode_host = dns_forms(hostname)
    warnings = []
    if "@" in parts.netloc:
        named = visible(parts.netloc.rsplit("@", 1)[0])
        warnings.append(f"The address puts “{named}” before an @: it really goes to {host}.")
    mixed = mixed_script_labels(unicode_host)
    if mixed:
        scripts = " and ".join(sorted(s.title() for s in mixed))
        warnings.append(
            f"The site's name mixes {scripts} letters, so it may imitate another site; "
            f"its real address is {host}."
        )
    return EvidenceLink(text=text, href=value.strip(), host=host, warnings=tuple(warnings))


def dns_forms(hostname: str) -> tuple[str, str]:
    """(ASCII form, Unicode form) of a host name; both are `hostname` when it is no IDN."""
    try:
        ascii_host = idna.encode(hostname, uts46=True).decode("ascii")
        return ascii_host, idna.decode(ascii_host)
    except (idna.IDNAError, UnicodeError, ValueError):
        # Not a valid international name (browsers refuse it too): show it escaped.
        escaped = hostname.encode("ascii", "backslashreplace").decode("ascii")
        return escaped, hostname


def mixed_script_labels(unicode_host: str) -> set[str]:
    """The scripts mixed within one label of the host name, or an empty set."""
    mixed: set[str] = set()
    for label in unicode_host.split("."):
        scripts = categories.unique_aliases(label) - NEUTRAL
        if len(scripts) > 1 and not any(scripts <= allowed for allowed in ALLOWED_MIXES):
            mixed |= scripts
    return mixed


def visible(text: str) -> str:
    """`text` with format characters (bidi overrides, zero-width joiners) written as
    escapes: they can reorder or hide what a reader sees of an address."""
    return "".join(f"\\u{ord(ch):04x}" if unicodedata.category(ch) == "Cf" else ch for ch in text)
