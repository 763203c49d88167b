"""Python source files: decode like the interpreter does, then extract facts."""

from __future__ import annotations

import io
import tokenize

from interp_lint.facts.model import UnitFacts
from interp_lint.facts.python import extract_python


class DecodeError(Exception):
    pass


def decode(data: bytes) -> str:
    """Decode per PEP 263 (BOM or coding cookie, else UTF-8); NUL bytes are an error."""
    if b"\x00" in data:
        raise DecodeError("file contains NUL bytes")
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        return data.decode(encoding).replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    except (SyntaxError, LookupError, UnicodeDecodeError) as exc:
        raise DecodeError(f"cannot decode: {exc}") from None


def python_source_facts(data: bytes, context: object) -> UnitFacts:
    try:
        text = decode(data)
    except DecodeError as exc:
        return UnitFacts(error=str(exc))
    return extract_python(text, context)  # type: ignore[arg-type]
