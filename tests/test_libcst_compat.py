"""The linter's libcst parse: the same trees as libcst's, without validating each node."""

from __future__ import annotations

import libcst as cst
import pytest
from conftest import parsable_sources
from libcst._nodes.base import CSTNode

from interp_lint.facts import libcst_compat

FIXTURES = [(name, text) for name, text in parsable_sources([]) if name.startswith("fixtures/")]


@pytest.mark.parametrize(("name", "text"), FIXTURES, ids=[name for name, _ in FIXTURES])
def test_same_tree_as_libcsts_parse(name: str, text: str) -> None:
    tree = libcst_compat.parse_module(text)
    assert tree.deep_equals(cst.parse_module(text))
    assert tree.code == text


def test_nodes_are_not_validated_while_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def reject(self: cst.Name) -> None:
        raise cst.CSTValidationError("checked")

    monkeypatch.setattr(cst.Name, "_validate", reject)
    with pytest.raises(cst.CSTValidationError):
        cst.parse_module("x = y\n")
    assert libcst_compat.parse_module("x = y\n").code == "x = y\n"
    with pytest.raises(cst.CSTValidationError):  # validation is back for everything else
        cst.Name("z")
    assert "__post_init__" in CSTNode.__dict__


def test_keyword_touching_a_parenthesised_expression_parses() -> None:
    libcst_compat.apply()
    text = "def f(a, b, c):\n    assert(a if b else c)\n    return(a if b else c)\n"
    assert libcst_compat.parse_module(text).code == text
    assert cst.parse_module(text).code == text  # libcst's own parse, with the workaround
