"""Fact types shared by every source kind and every rule."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from interp_lint.facts.suppressions import Suppression


@dataclass(frozen=True)
class Step:
    """One link of an evidence chain: where, and what happens there."""

    line: int
    column: int
    note: str


@dataclass(frozen=True)
class Resolution:
    """How a model id (or other value) was worked out from the source.

    ``exact`` is False when part of the value is unknown (an f-string with an unresolved
    part); ``steps`` say where each hop came from ("argparse default at line 12").
    """

    value: str
    exact: bool = True
    steps: tuple[Step, ...] = ()


@dataclass
class ModelRef:
    """A place where code loads, hooks, queries or builds a model."""

    line: int
    column: int
    api: str
    # "checkpoint", "hosted", "built" (from a config), or "wrapper": a loader given a model
    # loaded elsewhere in the unit (``pipeline(model=model)``), not a load of its own
    kind: str
    expr: str  # source text of the model argument
    resolution: Resolution | None
    tier: str = "unknown"
    params: int | None = None
    tier_source: str = ""
    confidence: str = "high"
    end_line: int = 0
    cell: int | None = None

    @property
    def model(self) -> str:
        return self.resolution.value if self.resolution else self.expr


@dataclass
class TrainingUse:
    """Gradient updates reach the weights of ``ref`` (an index into ``UnitFacts.models``)."""

    ref: int
    how: str
    line: int
    column: int
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class BenchmarkUse:
    """Code runs or loads a benchmark (``tag`` is "capability" or "safety")."""

    line: int
    column: int
    name: str
    tag: str
    via: str
    end_line: int = 0
    cell: int | None = None
    scored_with: str | None = None  # an intervention the same command applies (lm_eval --model steered)
    # A command that loads a model it names (a hub or API id the registry knows) in a process
    # of its own: interventions of the code around it (a notebook's cells) do not reach it.
    named_model: str | None = None


@dataclass(frozen=True)
class Signal:
    """A located, named fact: an intervention, a compression step, an importance score,
    a loss term from internals, or an experiment tracker that ships results out."""

    line: int
    column: int
    what: str
    end_line: int = 0
    cell: int | None = None
    driven_by: Signal | None = None  # a compression step: the importance it derives from


@dataclass(frozen=True)
class Publication:
    """Something leaves for a public destination; ``frontier`` names the frontier model
    it derives from, when it does."""

    line: int
    column: int
    target: str
    frontier: str | None = None
    end_line: int = 0
    cell: int | None = None


@dataclass(frozen=True)
class Comment:
    """A real comment token (never text inside a string)."""

    line: int
    column: int
    text: str


@dataclass
class UnitFacts:
    """Every fact extracted from one analysable unit (a file, or a notebook)."""

    models: list[ModelRef] = field(default_factory=list)
    training: list[TrainingUse] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    # Line spans of statements: a suppression anywhere on a statement covers all of it.
    # Read them with statement_spans(): only a unit with findings needs them.
    statements: list[tuple[int, int]] = field(default_factory=list)
    statements_later: Callable[[], list[tuple[int, int]]] | None = field(
        default=None, repr=False, compare=False
    )
    suppressions: list[Suppression] = field(default_factory=list)
    benchmarks: list[BenchmarkUse] = field(default_factory=list)
    interventions: list[Signal] = field(default_factory=list)
    compressions: list[Signal] = field(default_factory=list)
    importance: list[Signal] = field(default_factory=list)
    internals_losses: list[Signal] = field(default_factory=list)
    publications: list[Publication] = field(default_factory=list)
    trackers: list[Signal] = field(default_factory=list)
    error: str | None = None
    error_line: int = 1
    error_cell: int | None = None
    error_part: str = "file"  # "cell": one notebook cell was skipped, the others checked
    # The analysed text, by cell (None for plain files): findings quote their statement.
    source_lines: dict[int | None, list[str]] = field(default_factory=dict)
    # Notebooks: unit line -> (cell, line in cell), and (cell, line) -> line of the .ipynb.
    line_map: list[tuple[int, int]] = field(default_factory=list)
    cell_lines: dict[int | None, list[str]] = field(default_factory=dict)
    file_lines: dict[tuple[int, int], int] = field(default_factory=dict)
    comment_syntax: str = "python"  # python, shell, yaml, toml or json

    def statement_spans(self) -> list[tuple[int, int]]:
        if self.statements_later is not None:
            later, self.statements_later = self.statements_later, None
            self.statements.extend(later())
        return self.statements

    def merge(self, other: UnitFacts) -> None:
        """Add another unit's facts (a notebook's shell cells, a workflow's run steps)."""
        offset = len(self.models)
        self.models.extend(other.models)
        for use in other.training:
            self.training.append(TrainingUse(use.ref + offset, use.how, use.line, use.column, use.steps))
        for name in (
            "comments",
            "suppressions",
            "benchmarks",
            "interventions",
            "compressions",
            "importance",
            "internals_losses",
            "publications",
            "trackers",
        ):
            getattr(self, name).extend(getattr(other, name))
        own_later = self.statements_later
        if own_later is None and other.statements_later is None:
            self.statements.extend(other.statements)
        else:  # still unknown: ask both when a finding needs them
            self.statements_later = lambda: (own_later() if own_later else []) + other.statement_spans()
        for key, values in other.extra.items():
            self.extra.setdefault(key, []).extend(values)
        if self.error is None and other.error is not None:
            self.error, self.error_line, self.error_cell = other.error, other.error_line, other.error_cell
            self.error_part = other.error_part

    def snippet(self, line: int, end_line: int = 0, cell: int | None = None) -> str:
        """The finding's statement without comments, whitespace-normalised: what a
        fingerprint hashes, so editing a comment or moving the code keeps it stable."""
        from interp_lint.facts.comments import strip_comment

        lines = self.source_lines.get(cell, [])
        if not lines or line < 1:
            return ""
        end = max(end_line, line)
        for start, stop in self.statement_spans():
            if cell is None and start <= line <= stop:
                end = max(end, stop)
                break
        code = [strip_comment(text, self.comment_syntax) for text in lines[line - 1 : min(end, line + 20)]]
        return " ".join(" ".join(code).split())

    extra: dict[str, list[Any]] = field(default_factory=dict)
