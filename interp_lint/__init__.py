"""interp-lint: finds where interpretability research code feeds AI capabilities."""

__version__ = "0.1.0"
