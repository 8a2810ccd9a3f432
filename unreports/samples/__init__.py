"""Bundled sample reports (our own words, UN layout conventions), rendered to PDF on demand."""

from __future__ import annotations

from pathlib import Path

SAMPLE_FOLDER = Path(__file__).resolve().parent


def sample_texts() -> list[Path]:
    return sorted(SAMPLE_FOLDER.glob("*.txt"))


def render_samples(target: Path) -> list[Path]:
    """Render each sample spec to `target/<name>.pdf`, only when the spec is newer."""
    from unreports.fixtures.render import parse_spec, render_report  # fpdf2 only when rendering

    target.mkdir(parents=True, exist_ok=True)
    written = []
    for spec_path in sample_texts():
        pdf = target / f"{spec_path.stem}.pdf"
        if not pdf.exists() or pdf.stat().st_mtime < spec_path.stat().st_mtime:
            temporary = pdf.with_suffix(".pdf.tmp")
            render_report(parse_spec(spec_path.read_text(encoding="utf-8")), temporary)
            temporary.replace(pdf)
        written.append(pdf)
    return written
