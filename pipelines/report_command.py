"""`unreports report --out FILE.html`: the evidence report of a published warehouse.

One self-contained HTML page (inline CSS and SVG, no script, no network): per indicator a
plot and a table of values, each linked to its paragraph with the number highlighted, its
footnote and cited source; then rejected files and document warnings. The same page is
written to DATA_DIR/report.html after each publication (asset `evidence_report`).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import duckdb

from unreports.report import write_report

DEFAULT_DATA_DIR = Path(os.environ.get("UNREPORTS_DATA_DIR", "data"))  # as `unreports query`


def add_report_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "report", help="write the evidence report (one self-contained HTML file) of the published warehouse",
        description="Write the evidence report of a published warehouse: one self-contained HTML file "
                    "(no script, no network) with a plot and a table per indicator, each value linked to its "
                    "paragraph with the number highlighted.")
    parser.add_argument("--out", type=Path, required=True,
                        help="HTML file to write (replaced atomically; its folder is created when missing)")
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=DEFAULT_DATA_DIR,
        help="the data folder whose warehouse.duckdb is reported (default $UNREPORTS_DATA_DIR or data)",
    )
    return parser


def run_report(args: argparse.Namespace) -> int:
    """0 when written (the path and value count on stdout); 2 with one line on stderr when the
    warehouse is missing or unreadable or the output cannot be written."""
    warehouse = args.data_dir / "warehouse.duckdb"
    if not warehouse.is_file():
        return _fail(f"no published warehouse at {warehouse} (run `unreports run` first, or pass --data-dir)")
    if args.out.is_dir():
        return _fail(f"--out {args.out} is a folder; give a file name such as report.html")
    try:
        values = write_report(warehouse, args.out)
    except duckdb.Error as error:
        return _fail(f"cannot read {warehouse}: {_one_line(error)}")
    except OSError as error:
        return _fail(f"cannot write {args.out}: {_one_line(error)}")
    print(f"unreports: report of {values} values written to {args.out}")
    return 0


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split())


def _fail(message: str) -> int:
    print(f"unreports: {message}", file=sys.stderr)
    return 2
