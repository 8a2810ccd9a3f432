"""One static SVG per indicator: values over dates, one series per instrument and subject.

Levels (counts as at a date) and changes (what happened in a period) are drawn on separate
axes, never on one scale. Each point links (#anchor) to its evidence. matplotlib's object
API only (no pyplot: no global figure state); text stays text in the SVG (the browser
shapes it), ids are prefixed per plot so several plots can sit in one page.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from unreports.report.data import Value

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.typing import RcKeyType

MEASURES = ("level", "change")  # any other measure gets its own axes after these
WIDTH_INCHES = 9.0
LEGEND_ROW_INCHES = 0.18
AXES_HEIGHT_INCHES = 2.4
MIN_SPAN_DAYS = 120
SVG_RC: dict[RcKeyType, Any] = {"svg.fonttype": "none", "svg.hashsalt": "unreports-report", "font.size": 9}
_ID = re.compile(r'\bid="([^"]+)"')
_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.DOTALL)  # matplotlib's RDF block: no use inline


def series_label(value: Value) -> str:
    subject = value.subject or "(no subject)"
    return f"{subject} — {value.instrument}" if value.instrument else subject


def indicator_svg(values: Sequence[Value], anchor: Callable[[Value], str], prefix: str) -> str:
    """An inline <svg> element plotting `values` (one indicator); `anchor(v)` is the id of
    v's evidence, `prefix` makes the SVG's internal ids unique in the page."""
    plotted = [v for v in values if v.value is not None and v.plot_date[0] is not None]
    measures = sorted({v.measure or "(no measure)" for v in plotted},
                      key=lambda m: (MEASURES.index(m) if m in MEASURES else len(MEASURES), m))
    # matplotlib is imported when a plot is drawn (half a second): not by every command
    # and Dagster process that loads the definitions.
    import matplotlib
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
    from matplotlib.figure import Figure

    with matplotlib.rc_context(SVG_RC):
        legend_rows = len({(v.measure, series_label(v)) for v in plotted})
        figure = Figure(figsize=(WIDTH_INCHES, AXES_HEIGHT_INCHES * max(1, len(measures)) + 0.5
                                 + LEGEND_ROW_INCHES * legend_rows), layout="constrained")
        if not measures:
            axes = figure.add_subplot()
            axes.set_axis_off()
            axes.text(0.5, 0.5, "no dated values to plot", ha="center", va="center", transform=axes.transAxes)
        else:
            all_axes = figure.subplots(len(measures), 1, sharex=True, squeeze=False)[:, 0]
            handles: dict[str, Artist] = {}
            # One colour per series across the figure's axes, so the legend is unambiguous.
            keys = sorted({(v.measure or "(no measure)", series_label(v)) for v in plotted},
                          key=lambda k: (measures.index(k[0]), k[1]))
            colours = {key: f"C{i % 10}" for i, key in enumerate(keys)}
            for axes, measure in zip(all_axes, measures, strict=True):
                handles.update(_draw(axes, [v for v in plotted if (v.measure or "(no measure)") == measure],
                                     measure, anchor, colours))
            first, last = min(_day(v) for v in plotted), max(_day(v) for v in plotted)
            if (last - first).days < 2 * MIN_SPAN_DAYS:  # one date: a few months around it, not years
                middle = first + (last - first) / 2
                all_axes[-1].set_xlim(
                    middle - timedelta(days=MIN_SPAN_DAYS), middle + timedelta(days=MIN_SPAN_DAYS)
                )
            locator = AutoDateLocator(minticks=3, maxticks=8)
            all_axes[-1].xaxis.set_major_locator(locator)
            all_axes[-1].xaxis.set_major_formatter(ConciseDateFormatter(locator))
            figure.legend(list(handles.values()), list(handles), loc="outside lower center",
                          ncols=1, frameon=False, fontsize=8)
        out = io.StringIO()
        figure.savefig(out, format="svg", metadata={"Date": None})
    return _inline(out.getvalue(), prefix)


def _draw(axes, values: list[Value], measure: str, anchor: Callable[[Value], str],
          colours: dict[tuple[str, str], str]) -> dict[str, Artist]:
    """Draw one measure's series; returns legend handles by label."""
    handles: dict[str, Artist] = {}
    series: dict[str, list[Value]] = {}
    for value in values:
        series.setdefault(series_label(value), []).append(value)
    for label, points in sorted(series.items()):
        points = sorted(points, key=_day)
        dates: list[date] = [_day(v) for v in points]
        numbers = [float(_number(v)) for v in points]
        colour = colours[(measure, label)]
        axes.plot(dates, numbers, linewidth=1, alpha=0.6, color=colour)
        exact = [v.qualifier in (None, "exact") for v in points]
        collection = axes.scatter(dates, numbers, s=36, zorder=3, edgecolors=colour,
                                  facecolors=[colour if e else "white" for e in exact])
        collection.set_urls([f"#{anchor(v)}" for v in points])
        handles[f"{label} ({measure})"] = collection
    axes.set_title(measure, loc="left", fontsize=9, fontweight="bold")
    axes.set_ylabel(values[0].unit or "")
    from matplotlib.ticker import MaxNLocator

    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.grid(True, linewidth=0.4, alpha=0.5)
    axes.margins(x=0.08, y=0.15)
    return handles


def _day(value: Value) -> date:
    """A plotted value's date (indicator_svg plots only values with a plot date)."""
    day = value.plot_date[0]
    if day is None:
        raise ValueError(f"{value.statistic_key} has no date to plot")
    return day


def _number(value: Value) -> Decimal:
    """A plotted value's number (indicator_svg plots only values with one)."""
    if value.value is None:
        raise ValueError(f"{value.statistic_key} has no value to plot")
    return value.value


def _inline(svg: str, prefix: str) -> str:
    """The <svg> element alone (no XML declaration, doctype or metadata), its ids prefixed."""
    svg = _METADATA.sub("", svg[svg.index("<svg"):], count=1)
    for old in sorted(set(_ID.findall(svg)), key=len, reverse=True):
        new = f"{prefix}-{old}"
        svg = (svg.replace(f'id="{old}"', f'id="{new}"').replace(f"#{old})", f"#{new})")
               .replace(f'"#{old}"', f'"#{new}"'))
    return svg
