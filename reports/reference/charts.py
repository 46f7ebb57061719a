"""The reference's charts, declared once and drawn by matplotlib as SVG (HTML, PDF) and PNG (DOCX).

Drawing is deterministic: fixed fonts, no dates in the metadata and a fixed SVG id salt, so
the same run always yields byte-identical charts.
"""

from __future__ import annotations

import io
import math
import re
import textwrap
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..messages import CHART_TEXT, REFERENCE_TEXT
from ..russian import date_short, decimal, percent

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from .context import CriterionRow, LevelRow, ReferenceContext
    from .history import CriteriaTrend, TrendRow

WIDTH_CM = 16.0
PNG_DPI = 200
CM_PER_INCH = 2.54
LABEL_WIDTH = 52  # characters per line of a criterion's label
LABEL_LINES = 2
PANEL_COLUMNS = 3  # the per-criterion trend: small charts, this many in a row
PANEL_LABEL_WIDTH = 32
PANEL_HEIGHT_IN = 1.6
COUNTED_COLOUR = "#1a4d8f"
OPTIONAL_COLOUR = "#9db4d3"
LEVEL_COLOURS = {
    "compliant": "#2e7d32",
    "partial": "#f0a500",
    "non_compliant": "#c62828",
    "not_checked": "#9e9e9e",
}
TREND_COLOURS = {"share_compliant": "#2e7d32", "mean_score": "#1a4d8f"}
# DejaVu Sans ships with matplotlib and has Cyrillic; text stays text in the SVG.
STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": 8.5,
    "svg.fonttype": "none",
    "svg.hashsalt": "cmn-audit",
    "text.parse_math": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#555555",
    "axes.grid": False,
}
_PROLOG = re.compile(r"\A.*?(?=<svg)", re.S)


@dataclass(frozen=True)
class Chart:
    """One drawn chart: inline SVG for HTML and PDF, PNG bytes for DOCX, and its caption."""

    key: str
    number: int
    title: str
    svg: str
    png: bytes
    width_cm: float = WIDTH_CM

    @property
    def caption(self) -> str:
        """«Рисунок N. …» as an official document numbers its figures."""
        return REFERENCE_TEXT["figure"].format(number=self.number, title=self.title)


@dataclass(frozen=True)
class ChartSpec:
    """A chart of the reference: its key, title, the part of the context it shows (a field of
    ReferenceContext) and how to draw that part (None: nothing to show)."""

    key: str
    shows: str
    draw: Callable[[Any], Figure | None]

    @property
    def title(self) -> str:
        return CHART_TEXT[self.key]


def _figure(height_in: float) -> Figure:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(WIDTH_CM / CM_PER_INCH, height_in), layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def _label(number: int, title: str, width: int = LABEL_WIDTH) -> str:
    lines = textwrap.wrap(f"{number}. {title}", width)
    if len(lines) > LABEL_LINES:
        lines = lines[:LABEL_LINES]
        lines[-1] = lines[-1][: width - 1].rstrip() + "…"
    return "\n".join(lines)


def _criteria_figure(rows: tuple[CriterionRow, ...]) -> Figure | None:
    if all(row.share is None for row in rows):
        return None  # no criterion could be checked anywhere: nothing to compare
    labels = [_label(row.number, row.title) for row in rows]
    lines = sum(label.count("\n") + 1 for label in labels)
    figure = _figure(0.75 + 0.16 * lines + 0.1 * len(rows))
    axes = figure.add_subplot()
    positions = range(len(rows))
    values = [row.share or 0.0 for row in rows]
    colours = [COUNTED_COLOUR if row.counted else OPTIONAL_COLOUR for row in rows]
    axes.barh(positions, values, color=colours, height=0.6)
    for position, row in zip(positions, rows, strict=True):
        if row.share is None:
            text = CHART_TEXT["no_data"]
        else:
            text = CHART_TEXT["passed_of"].format(
                share=percent(row.share), passed=row.passed, checked=row.checked
            )
        axes.text((row.share or 0.0) + 1.5, position, text, va="center", fontsize=7.5)
    axes.set_yticks(list(positions), labels, fontsize=7.5)
    axes.invert_yaxis()
    axes.set_xlim(0, 125)
    axes.set_xticks(range(0, 101, 20))
    axes.set_xlabel(CHART_TEXT["criteria_axis"])
    axes.xaxis.grid(True, color="#dddddd", linewidth=0.6)
    axes.set_axisbelow(True)
    if not all(row.counted for row in rows):
        from matplotlib.patches import Patch

        figure.legend(
            handles=[
                Patch(color=COUNTED_COLOUR, label=CHART_TEXT["counted"]),
                Patch(color=OPTIONAL_COLOUR, label=CHART_TEXT["optional"]),
            ],
            loc="outside lower center",
            ncols=2,
            fontsize=7.5,
            frameon=False,
        )
    return figure


def _levels_figure(levels: tuple[LevelRow, ...]) -> Figure | None:
    rows = [row for row in levels if row.count or row.level != "not_checked"]
    if not rows or not any(row.count for row in rows):
        return None
    figure = _figure(2.6)
    axes = figure.add_subplot()
    positions = range(len(rows))
    counts = [row.count for row in rows]
    axes.bar(positions, counts, color=[LEVEL_COLOURS[row.level] for row in rows], width=0.6)
    for position, row in zip(positions, rows, strict=True):
        axes.annotate(
            f"{row.count} ({row.share_text})" if row.share is not None else str(row.count),
            (position, row.count),
            xytext=(0, 3),
            textcoords="offset points",
            ha="center",
            va="bottom",
        )
    axes.set_xticks(list(positions), [row.label for row in rows])
    axes.set_ylabel(CHART_TEXT["levels_axis"])
    axes.set_ylim(0, max(counts) * 1.2 + 0.5)
    from matplotlib.ticker import MaxNLocator

    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    return figure


def _trend_figure(runs: tuple[TrendRow, ...]) -> Figure | None:
    known = [run for run in runs if run.share_compliant is not None or run.mean_score is not None]
    if len(runs) < 2 or not known:
        return None
    figure = _figure(2.8)
    axes = figure.add_subplot()
    positions = list(range(len(runs)))
    for key in ("share_compliant", "mean_score"):
        values = [getattr(run, key) for run in runs]
        axes.plot(
            positions,
            [math.nan if value is None else value for value in values],
            marker="o",
            color=TREND_COLOURS[key],
            label=CHART_TEXT[key],
        )
        _label_points(axes, positions, values, TREND_COLOURS[key], rise=5)
    axes.set_xticks(positions, [date_short(run.audit_date) for run in runs])
    axes.set_xlim(-0.5, len(runs) - 0.5)
    axes.set_ylim(0, 115)
    axes.set_yticks(range(0, 101, 20))
    axes.set_ylabel(CHART_TEXT["trend_axis"])
    axes.yaxis.grid(True, color="#dddddd", linewidth=0.6)
    figure.legend(loc="outside lower center", ncols=2, frameon=False)
    return figure


def _label_points(axes, positions, values, colour: str, *, rise: int, **font) -> None:
    """Write each known percentage just above its point; a run without data stays unlabelled."""
    for position, value in zip(positions, values, strict=True):
        if value is not None:
            axes.annotate(
                f"{decimal(value)}\u00a0%",
                (position, value),
                xytext=(0, rise),
                textcoords="offset points",
                ha="center",
                color=colour,
                **font,
            )


def _criteria_trend_figure(trend: CriteriaTrend | None) -> Figure | None:
    """One small chart per criterion: the share of schools meeting it, run by run."""
    if trend is None or len(trend.run_ids) < 2:
        return None
    rows = [row for row in trend.rows if any(value is not None for value in row.shares)]
    if not rows:
        return None
    columns = min(PANEL_COLUMNS, len(rows))
    lines = math.ceil(len(rows) / columns)
    figure = _figure(0.3 + PANEL_HEIGHT_IN * lines)
    grid = figure.subplots(lines, columns, squeeze=False)
    positions = list(range(len(trend.run_ids)))
    for axes, row in zip(grid.flat, rows, strict=False):
        colour = COUNTED_COLOUR if row.counted else OPTIONAL_COLOUR
        values = [math.nan if value is None else value for value in row.shares]
        axes.plot(positions, values, marker="o", markersize=3, linewidth=1.2, color=colour)
        _label_points(axes, positions, row.shares, colour, rise=4, fontsize=6.5)
        axes.set_title(_label(row.number, row.title, PANEL_LABEL_WIDTH), fontsize=7, loc="left")
        axes.set_xlim(-0.5, len(positions) - 0.5)
        axes.set_xticks(
            positions, trend.dates, fontsize=6, rotation=30 if len(positions) > 3 else 0
        )
        axes.set_ylim(0, 125)
        axes.set_yticks([0, 50, 100])
        axes.tick_params(axis="y", labelsize=6.5)
        axes.yaxis.grid(True, color="#dddddd", linewidth=0.5)
    for axes in grid.flat[len(rows) :]:
        axes.set_visible(False)
    return figure


# The charts of the reference in the order they are numbered.
CHARTS = (
    ChartSpec("criteria", "criteria", _criteria_figure),
    ChartSpec("levels", "levels", _levels_figure),
    ChartSpec("trend", "trend", _trend_figure),
    ChartSpec("criteria_trend", "criteria_trend", _criteria_trend_figure),
)
# Charts already drawn in this process, by their key and the data they show: drawing is
# deterministic, so the same data (a report written again, a rescore) gives the same chart.
_DRAWN: OrderedDict[tuple[str, str], tuple[str, bytes] | None] = OrderedDict()
DRAWN_KEPT = 32


def _render(figure: Figure) -> tuple[str, bytes]:
    svg = io.StringIO()
    figure.savefig(svg, format="svg", metadata={"Date": None})
    png = io.BytesIO()
    figure.savefig(png, format="png", dpi=PNG_DPI, metadata={"Software": None})
    # Inline SVG in HTML needs neither the XML declaration nor the DOCTYPE.
    return _PROLOG.sub("", svg.getvalue()).strip(), png.getvalue()


def draw_charts(ctx: ReferenceContext) -> tuple[Chart, ...]:
    """Every chart the context has data for, numbered in order."""
    import matplotlib

    charts: list[Chart] = []
    with matplotlib.rc_context(STYLE):
        for spec in CHARTS:
            drawn = _drawn(spec, getattr(ctx, spec.shows))
            if drawn is not None:
                charts.append(Chart(spec.key, len(charts) + 1, spec.title, *drawn))
    return tuple(charts)


def _drawn(spec: ChartSpec, data: Any) -> tuple[str, bytes] | None:
    """The chart's SVG and PNG for this data, drawn once per process."""
    key = (spec.key, repr(data))
    if key in _DRAWN:
        _DRAWN.move_to_end(key)
        return _DRAWN[key]
    figure = spec.draw(data)
    drawn = None if figure is None else _render(figure)
    _DRAWN[key] = drawn
    if len(_DRAWN) > DRAWN_KEPT:
        _DRAWN.popitem(last=False)
    return drawn
