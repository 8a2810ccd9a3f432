"""Where reading spends its time: py-spy when it can run, cProfile otherwise.

py-spy samples the real process (no tracing overhead that would inflate pdfminer's many
small calls). It is a development tool, never in the lock: when it is missing, `make bench`
tries `pip install py-spy` into the venv once and falls back to cProfile if that fails.
"""

from __future__ import annotations

import pstats
import re
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT_FRAME = "read_pdf (unreports/reading/pdf_document.py"
SAMPLE_RATE = 250  # per second

# Self time grouped by where it is spent (file name prefixes, first match wins).
AREAS = (
    ("pdfminer: content-stream parsing", ("pdfminer/psparser.py", "pdfminer/pdfinterp.py", "pdfminer/casting.py",
                                          "pdfminer/cmapdb.py")),
    ("pdfminer: glyph objects (LTChar, fonts, matrices)", ("pdfminer/",)),
    ("ours: glyph records (reading/pdf.py, text/digits.py)", ("unreports/reading/pdf.py", "unreports/text/")),
    ("ours: lines and bidi order (reading/lines.py, ordering.py)", ("unreports/reading/lines.py",
                                                                   "unreports/reading/ordering.py")),
    ("ours: page classification, metadata (pdf_document.py, furniture.py)", ("unreports/",)),
    ("Python runtime (logging, collections, dataclass __init__, ...)", ("",)),
)


@dataclass
class Profile:
    tool: str  # "py-spy 0.4.3" | "cProfile"
    target: str  # file name and pages
    samples: int  # py-spy samples, or 0
    self_share: list[tuple[str, float]]  # (function, share of read time), largest first
    inclusive_share: list[tuple[str, float]]
    areas: list[tuple[str, float]]


def find_py_spy(install: bool, log=print) -> str | None:
    """The py-spy next to this Python (the venv), installed there if allowed and missing."""
    candidate = Path(sys.executable).parent / "py-spy"
    if candidate.exists():
        return str(candidate)
    if shutil.which("py-spy"):
        return shutil.which("py-spy")
    if not install:
        return None
    log("  py-spy not found: pip install py-spy into the venv (not in the lock)")
    try:
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "py-spy"],
                       check=True, timeout=180, capture_output=True)
    except (subprocess.SubprocessError, OSError) as error:
        log(f"  could not install py-spy ({type(error).__name__}); using cProfile")
        return None
    return str(candidate) if candidate.exists() else None


def _version(py_spy: str) -> str:
    result = subprocess.run([py_spy, "--version"], check=False, capture_output=True, text=True)
    return result.stdout.strip() or "py-spy"


def _frame_key(frame: str) -> str:
    return re.sub(r":\d+\)$", ")", frame)  # "f (file.py:12)" -> "f (file.py)"


def _area(location: str) -> str:
    for name, prefixes in AREAS:
        if any(prefix in location for prefix in prefixes):
            return name
    return AREAS[-1][0]


def _short_path(file: str) -> str:
    """'.../site-packages/pdfminer/psparser.py' -> 'pdfminer/psparser.py', as py-spy prints it."""
    for marker in ("site-packages/", f"{Path(__file__).resolve().parent.parent}/"):
        if marker in file:
            return file.split(marker, 1)[1]
    return file


def _shares(counts: Counter, total: int, top: int) -> list[tuple[str, float]]:
    return [(name, count / total) for name, count in counts.most_common(top)]


def profile_with_py_spy(py_spy: str, pdf: Path, pages: int, work: Path, env: dict[str, str], repeat: int = 2,
                        top: int = 15) -> Profile:
    raw = work / f"py-spy-{pdf.stem}.txt"
    command = [py_spy, "record", "--rate", str(SAMPLE_RATE), "--format", "raw", "--output", str(raw), "--",
               sys.executable, "-m", "bench.measure", "read", "--file", str(pdf), "--repeat", str(repeat)]
    subprocess.run(command, check=True, capture_output=True, timeout=600, env=env)
    own, inclusive, areas = Counter(), Counter(), Counter()
    total = 0
    for line in raw.read_text().splitlines():
        stack, _, count_text = line.rpartition(" ")
        frames = [_frame_key(f) for f in stack.split(";")]
        if not any(f.startswith(ROOT_FRAME) for f in frames):
            continue  # start-up and imports
        count = int(count_text)
        total += count
        own[frames[-1]] += count
        areas[_area(frames[-1])] += count
        for name in set(frames[frames.index(next(f for f in frames if f.startswith(ROOT_FRAME))) + 1:]):
            inclusive[name] += count
    total = max(total, 1)
    return Profile(_version(py_spy), f"{pdf.name} ({pages} pages, read {repeat}x)", total,
                   _shares(own, total, top), _shares(inclusive, total, top),
                   [(name, areas[name] / total) for name, _ in AREAS if areas[name]])


def profile_with_cprofile(pdf: Path, pages: int, work: Path, env: dict[str, str], repeat: int = 2,
                          top: int = 15) -> Profile:
    output = work / f"cprofile-{pdf.stem}.out"
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(output), "-m", "bench.measure", "read",
                    "--file", str(pdf), "--repeat", str(repeat)], check=True, capture_output=True, timeout=600,
                   env=env)
    stats = pstats.Stats(str(output)).stats  # (file, line, function) -> (cc, nc, tottime, cumtime, callers)
    total = max((v[3] for k, v in stats.items() if k[2] == "read_pdf" and k[0].endswith("pdf_document.py")),
                default=0.0) or sum(v[2] for v in stats.values())
    own, inclusive, areas = Counter(), Counter(), Counter()
    for (file, _, function), (_, _, tottime, cumtime, _) in stats.items():
        short = _short_path(file)
        name = f"{function} ({short})"
        own[name] += tottime
        inclusive[name] += cumtime
        areas[_area(short)] += tottime
    return Profile("cProfile (tracing: inflates pdfminer's many small calls)", f"{pdf.name} ({pages} pages, read "
                   f"{repeat}x)", 0, _shares(own, total, top),
                   [(n, s) for n, s in _shares(inclusive, total, top + 10) if s <= 1.0][:top],
                   [(name, areas[name] / total) for name, _ in AREAS if areas[name]])
