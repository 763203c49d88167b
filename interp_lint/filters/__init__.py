"""Filters between rules and reports: suppressions, selection, per-file ignores."""
