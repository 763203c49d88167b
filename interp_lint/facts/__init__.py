"""Typed facts: what a source unit says, independent of any rule.

Sources turn bytes into units; extractors turn units into the facts below; rules are
small functions over facts. Parsing happens once, here, and nowhere else.
"""

from interp_lint.facts.model import (
    Comment,
    ModelRef,
    Resolution,
    Step,
    TrainingUse,
    UnitFacts,
)

__all__ = ["Comment", "ModelRef", "Resolution", "Step", "TrainingUse", "UnitFacts"]
