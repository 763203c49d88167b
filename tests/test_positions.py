"""Positions from the offset-counting code generation equal libcst's PositionProvider."""

from __future__ import annotations

import libcst as cst
import pytest
from conftest import parsable_sources
from libcst.metadata import MetadataWrapper, PositionProvider

from interp_lint.facts.python_positions import Positions, node_positions

CRAFTED = [
    "x = 1\r\ny = (\r\n    2)\r\n",
    "x = 1\ry = 2\r",
    "@deco(\n    a='é',\n)\nasync def f(a, /, b=1, *, c: int = 2) -> None:\n"
    "    '''doc'''\n    return (yield)\n",
    "s = f'{a!r:>{w}}' 'x' \\\n    'y'\nif a:\n\tpass\nelif b: pass\nelse:\n  # c\n  pass\n",
    "class A(B, metaclass=M):\n    x: int = 1\n    def g(self): return [i for i in range(3) if i]\n",
    "with a as (b, c), d:\n    del b\nmatch x:\n    case [1, *r] if r: pass\n    case _: pass\n",
    "",
    "\n\n# only a comment",
]


@pytest.mark.parametrize(("name", "text"), parsable_sources(CRAFTED), ids=lambda v: v if len(v) < 60 else "")
def test_positions_equal_position_provider(name: str, text: str) -> None:
    module = cst.parse_module(text)
    expected = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    found = node_positions(module, text)
    assert isinstance(found, Positions)  # the fast path, not the fallback
    nodes = [n for n in expected if not isinstance(n, cst.Module)]  # the module's end differs
    assert len(found) == len(expected)
    assert {n: found[n] for n in nodes} == {n: expected[n] for n in nodes}
