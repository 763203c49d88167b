"""Benchmark interp-lint against the linters it is compared with, on a real corpus.

    python bench/run.py [--rounds 3] [--work bench/.work] [--no-peers] [--history-commits 1000]

Builds the corpus of the performance issue from the package registry (the wheels of
transformers, transformer-lens, sae-lens, nnsight and lm-eval, unpacked into a git
repository), installs the peers (bandit, ruff, semgrep, fixit) in a virtual environment of
their own, then times every command in the same run, alternating, ``--rounds`` times, and
prints wall and CPU medians, peak memory and the ratio of interp-lint to each peer.
Also times the history audit on generated repositories of growing commit counts.
Nothing here is a test: machines are noisy, so figures are printed, not asserted.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = {
    "transformers": "5.24.0",
    "transformer-lens": "4.3.0",
    "sae-lens": "6.54.12",
    "nnsight": "0.8.1",
    "lm-eval": "0.4.13",
}
PEERS = ["bandit==1.9.4", "ruff==0.17.6", "semgrep==1.185.0", "fixit==2.2.1"]
TOUCHED = "sae_lens/sae_lens/training/sae_trainer.py"  # a file that needs full analysis
PLAIN = "transformers/transformers/utils/versions.py"  # one the pre-filter skips


@dataclass
class Sample:
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    rss: list[float] = field(default_factory=list)
    status: int = 0


TIMEOUT = 1200.0  # seconds; a command past it is stopped and reported as such
SLOW = 30.0  # commands slower than this in the first round are not repeated


def run_measured(cmd: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, float, int]:
    """Wall seconds, CPU seconds (with children), peak RSS in MB, exit status."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() - start > TIMEOUT:
            proc.kill()
        time.sleep(0.005)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode


def sh(cmd: list[str], cwd: Path | None = None) -> None:
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL)


def build_corpus(work: Path) -> Path:
    src = work / "corpus"
    if (src / ".git").exists():
        return src
    wheels = work / "wheels"
    wheels.mkdir(parents=True, exist_ok=True)
    sh(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "-q",
            "-d",
            str(wheels),
            *(f"{name}=={version}" for name, version in CORPUS.items()),
        ]
    )
    src.mkdir(parents=True, exist_ok=True)
    for wheel in sorted(wheels.glob("*.whl")):
        name = wheel.name.split("-")[0]
        with zipfile.ZipFile(wheel) as archive:
            archive.extractall(src / name)
    sh(["git", "init", "-q"], src)
    sh(["git", "add", "-A"], src)
    sh(["git", "-c", "user.name=bench", "-c", "user.email=bench@localhost", "commit", "-qm", "corpus"], src)
    return src


def install_peers(work: Path) -> dict[str, Path]:
    """Each peer in a virtual environment of its own (semgrep and fixit pin conflicting
    dependencies); a peer that cannot be installed is left out of the table."""
    found: dict[str, Path] = {}
    for spec in PEERS:
        name = spec.split("==")[0]
        venv = work / f"peer-{name}"
        exe = venv / "bin" / name
        if not exe.exists():
            try:
                sh([sys.executable, "-m", "venv", str(venv)])
                sh([str(venv / "bin" / "pip"), "install", "-q", spec])
            except subprocess.CalledProcessError:
                print(f"{spec} could not be installed; left out", file=sys.stderr)
                continue
        found[name] = exe
    return found


def history_repo(work: Path, commits: int) -> Path:
    """A repository of ``commits`` commits, each editing one of 50 files (some with findings)."""
    repo = work / f"history-{commits}"
    if (repo / ".git").exists():
        return repo
    repo.mkdir(parents=True)
    sh(["git", "init", "-q"], repo)
    template = (
        "import torch\nfrom transformers import AutoModelForCausalLM\n\n"
        "model = AutoModelForCausalLM.from_pretrained({model!r})\n"
        "torch.optim.AdamW(model.parameters(), lr={lr})\n"
    )
    models = ["gpt2", "meta-llama/Llama-3.1-405B", "EleutherAI/pythia-70m", "meta-llama/Llama-3.1-8B"]
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "b",
        "GIT_AUTHOR_EMAIL": "b@localhost",
        "GIT_COMMITTER_NAME": "b",
        "GIT_COMMITTER_EMAIL": "b@localhost",
    }
    for i in range(commits):
        name = repo / f"exp_{i % 50:02d}.py"
        name.write_text(template.format(model=models[i % len(models)], lr=1e-5 * (i + 1)))
        subprocess.run(["git", "add", name.name], cwd=repo, check=True, env=env)
        subprocess.run(["git", "commit", "-qm", f"run {i}"], cwd=repo, check=True, env=env)
    return repo


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--work", type=Path, default=HERE / ".work")
    parser.add_argument("--no-peers", action="store_true")
    parser.add_argument(
        "--peers",
        default="ruff,bandit,semgrep,fixit",
        help="comma-separated peers to time (fixit takes minutes)",
    )
    parser.add_argument("--history-commits", type=int, nargs="*", default=[100, 1000])
    args = parser.parse_args()
    work = args.work.resolve()
    corpus = build_corpus(work)
    wanted = set(args.peers.split(","))
    peers = {} if args.no_peers else {k: v for k, v in install_peers(work).items() if k in wanted}
    lint = shutil.which("interp-lint") or str(Path(sys.executable).parent / "interp-lint")
    env = {**os.environ, "NO_COLOR": "1", "SEMGREP_ENABLE_VERSION_CHECK": "0", "SEMGREP_SEND_METRICS": "off"}
    py_files = sum(1 for _ in corpus.rglob("*.py"))
    all_files = int(
        subprocess.run(["git", "ls-files"], cwd=corpus, capture_output=True, text=True).stdout.count("\n")
    )
    print(f"corpus: {py_files} Python files, {all_files} files in all ({', '.join(CORPUS)})")

    touched = corpus / TOUCHED
    original = touched.read_bytes()

    def touch(path: Path, round_no: int) -> None:
        path.write_bytes(path.read_bytes() + f"\n# touched {round_no} {time.time()}\n".encode())

    commands: list[tuple[str, list[str], object]] = [
        ("interp-lint cold", [lint, "check", ".", "--exit-zero"], lambda r: sh([lint, "clean", "."], corpus)),
        ("interp-lint warm", [lint, "check", ".", "--exit-zero"], None),
        ("interp-lint, one file touched", [lint, "check", ".", "--exit-zero"], lambda r: touch(touched, r)),
        (
            "interp-lint, plain file touched",
            [lint, "check", ".", "--exit-zero"],
            lambda r: touch(corpus / PLAIN, r),
        ),
        (
            "interp-lint single file (pre-commit)",
            [lint, "check", "--force-exclude", TOUCHED, "--exit-zero"],
            None,
        ),
        (
            "grep -r",
            ["grep", "-r", "-l", "-e", "from_pretrained", "-e", "load_dataset", "-e", "push_to_hub", "."],
            None,
        ),
    ]
    if "ruff" in peers:
        ruff = str(peers["ruff"])
        commands.append(
            (
                "ruff check (default rules)",
                [ruff, "check", "--no-cache", "--exit-zero", "--isolated", "."],
                None,
            )
        )
        commands.append(
            (
                "ruff check --select ALL",
                [ruff, "check", "--no-cache", "--exit-zero", "--isolated", "--select", "ALL", "."],
                None,
            )
        )
    if "bandit" in peers:
        commands.append(("bandit -r", [str(peers["bandit"]), "-r", "-q", "."], None))
    if "semgrep" in peers:
        semgrep = [str(peers["semgrep"]), "scan", "--metrics=off", "--disable-version-check", "-q"]
        commands.append(
            ("semgrep (4 rules)", [*semgrep, "--config", str(HERE / "semgrep-rules.yml"), "."], None)
        )
    if "fixit" in peers:
        commands.append(("fixit lint", [str(peers["fixit"]), "lint", "."], None))
    samples = {name: Sample() for name, _, _ in commands}
    try:
        for round_no in range(args.rounds):
            for name, cmd, before in commands:
                if round_no and samples[name].wall and samples[name].wall[0] > SLOW:
                    continue  # minutes-long peers: one run says enough
                if before is not None:
                    before(round_no)  # type: ignore[operator]
                wall, cpu, rss, status = run_measured(cmd, corpus, env)
                s = samples[name]
                s.wall.append(wall)
                s.cpu.append(cpu)
                s.rss.append(rss)
                s.status = status
                print(f"  round {round_no + 1}: {name}: {wall:.2f} s", file=sys.stderr)
    finally:
        touched.write_bytes(original)
        subprocess.run(["git", "checkout", "--", PLAIN], cwd=corpus, check=False)

    def med(values: list[float]) -> float:
        return statistics.median(values) if values else float("nan")

    cold = med(samples["interp-lint cold"].wall)
    print(f"\n{'command':<40}{'wall s':>9}{'cpu s':>9}{'peak MB':>9}{'cold/this':>11}")
    for name, _, _ in commands:
        s = samples[name]
        ratio = cold / med(s.wall) if med(s.wall) else float("nan")
        print(f"{name:<40}{med(s.wall):>9.2f}{med(s.cpu):>9.2f}{max(s.rss):>9.0f}{ratio:>11.2f}")

    history: list[tuple[int, float]] = []  # (unique blobs, wall s)
    print("\nhistory audit (interp-lint audit --history --no-cache)")
    print(f"{'commits':>8}{'commits x files':>17}{'unique blobs':>14}{'wall s':>9}{'ms per blob':>13}")
    for commits in args.history_commits:
        repo = history_repo(work, commits)
        blobs = subprocess.run(
            ["git", "rev-list", "--objects", "--all"], cwd=repo, capture_output=True, text=True
        )
        unique = sum(1 for line in blobs.stdout.splitlines() if line.endswith(".py"))
        wall, _, _, _ = run_measured([lint, "audit", ".", "--history", "--no-cache"], repo, env)
        files = len({line.split(" ", 1)[1] for line in blobs.stdout.splitlines() if line.endswith(".py")})
        print(
            f"{commits:>8}{commits * files:>17}{unique:>14}{wall:>9.2f}{1000 * wall / max(unique, 1):>13.1f}"
        )
        history.append((unique, wall))
    print_targets({name: s for name, s in samples.items() if s.wall}, history)
    return 0


def print_targets(samples: dict[str, Sample], history: list[tuple[int, float]]) -> None:
    """The performance issue's targets, each with the figures that decide it."""

    def wall(name: str) -> float | None:
        s = samples.get(name)
        return statistics.median(s.wall) if s else None

    def show(value: float | None, unit: str = "s") -> str:
        return "-" if value is None else f"{value:.2f} {unit}"

    rows: list[tuple[str, bool | None, str]] = []

    def target(text: str, ours: float | None, bound: float | None, figures: str) -> None:
        rows.append((text, None if ours is None or bound is None else ours <= bound, figures))

    cold, warm = wall("interp-lint cold"), wall("interp-lint warm")
    ruff_all, bandit, grep = wall("ruff check --select ALL"), wall("bandit -r"), wall("grep -r")
    target("cold <= ruff --select ALL", cold, ruff_all, f"{show(cold)} vs {show(ruff_all)}")
    faster = bandit / cold if bandit and cold else None
    target("cold >= 5x faster than bandit", cold, bandit and bandit / 5, f"{show(faster, 'x')}")
    target("warm < 1 s", warm, 1.0, show(warm))
    target("warm <= 5x grep -r", warm, grep and 5 * grep, f"{show(warm)} vs grep {show(grep)}")
    for name in ("interp-lint, one file touched", "interp-lint single file (pre-commit)"):
        target(f"{name.removeprefix('interp-lint').strip(', ')} < 0.5 s", wall(name), 0.5, show(wall(name)))
    peak = max(samples["interp-lint cold"].rss) if "interp-lint cold" in samples else None
    target("peak memory < 300 MB", peak, 300.0, show(peak, "MB"))
    if len(history) >= 2:
        (b1, w1), (b2, w2) = history[0], history[-1]
        per_blob = f"{1000 * w1 / b1:.1f} ms/blob at {b1} blobs, {1000 * w2 / b2:.1f} at {b2}"
        target("history cost per blob does not grow", w2 / b2, w1 / b1, per_blob)
    print("\ntargets")
    for text, met, figures in rows:
        verdict = "not measured" if met is None else ("met" if met else "NOT MET")
        print(f"  {text:<38}{verdict:<14}{figures}")


if __name__ == "__main__":
    sys.exit(main())
