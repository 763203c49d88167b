"""Score interp-lint against labelled cases: precision and recall per rule.

Each case marks its expected findings inline (``# expect: IL102``; for JSON files a sibling
``NAME.json.expect`` with ``LINE: IL102`` lines). Findings are compared as exact
(file, line, rule) triples. Repository-level IL401 is not scored (cases are single files).

    python eval/score.py eval/heldout/il1 eval/heldout/il234 [--rules IL1,IL9] [--show]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from interp_lint.config import Settings
from interp_lint.context import Context
from interp_lint.discover import discover
from interp_lint.engine import analyse_file

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from expectations import expected  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--rules", default="IL", help="comma-separated prefixes to score")
    parser.add_argument("--show", action="store_true", help="list every mismatch")
    args = parser.parse_args()
    prefixes = tuple(p.strip() for p in args.rules.split(","))
    context = Context(Settings())
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    files = 0
    for folder in args.folders:
        tasks = discover([folder], folder, ())
        read = {t.path.resolve() for t in tasks}
        # A case the linter does not even read (an extension it does not know) still counts:
        # its marks are misses.
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.resolve() not in read):
            if path.name == "README.md" or path.suffix == ".expect" or "__pycache__" in path.parts:
                continue
            for cell, line, rule in sorted(e for e in expected(path) if e[2].startswith(prefixes)):
                fn[rule] += 1
                if args.show:
                    print(f"FN {path}:{'' if cell is None else f'cell {cell}:'}{line} {rule} (file not read)")
        for task in tasks:
            files += 1
            want = {e for e in expected(task.path) if e[2].startswith(prefixes)}
            got = {
                (f.cell, f.line, f.rule)
                for f in analyse_file(task, context).findings
                if f.suppressed is None and f.rule.startswith(prefixes) and f.rule != "IL401"
            }
            for _, _, rule in got & want:
                tp[rule] += 1
            for cell, line, rule in got - want:
                fp[rule] += 1
                if args.show:
                    print(f"FP {folder / task.rel}:{'' if cell is None else f'cell {cell}:'}{line} {rule}")
            for cell, line, rule in want - got:
                fn[rule] += 1
                if args.show:
                    print(f"FN {folder / task.rel}:{'' if cell is None else f'cell {cell}:'}{line} {rule}")
    print(f"{'rule':<7}{'tp':>5}{'fp':>5}{'fn':>5}{'precision':>11}{'recall':>8}")
    for rule in sorted(set(tp) | set(fp) | set(fn)):
        p = tp[rule] / (tp[rule] + fp[rule]) if tp[rule] + fp[rule] else 1.0
        r = tp[rule] / (tp[rule] + fn[rule]) if tp[rule] + fn[rule] else 1.0
        print(f"{rule:<7}{tp[rule]:>5}{fp[rule]:>5}{fn[rule]:>5}{p:>11.2f}{r:>8.2f}")
    T, F, N = sum(tp.values()), sum(fp.values()), sum(fn.values())
    precision = T / (T + F) if T + F else 1.0
    recall = T / (T + N) if T + N else 1.0
    print(f"{'all':<7}{T:>5}{F:>5}{N:>5}{precision:>11.2f}{recall:>8.2f}   ({files} files)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
