"""Text-fragment links (``URL#:~:text=...``) into the essay."""

from __future__ import annotations

from urllib.parse import quote, unquote

# Per the text-fragment spec, '-', ',' and '&' delimit fragment parts and must be escaped.
_FRAGMENT_SAFE = "".join(c for c in "!$'()*+;=:@/?~._" if c not in "-,&")


def text_fragment_url(url: str, passage: str) -> str:
    encoded = quote(passage, safe=_FRAGMENT_SAFE).replace("-", "%2D").replace(",", "%2C")
    return f"{url}#:~:text={encoded}"


def fragment_text(link: str) -> str:
    """The passage a text-fragment link targets (the inverse of :func:`text_fragment_url`)."""
    _, _, fragment = link.partition("#:~:text=")
    return unquote(fragment)
