"""Inline SVG charts for self-contained reports (no JavaScript, no CDN).

Every label is XML-escaped; charts are deterministic for the same input.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

__all__ = ["Bar", "Point", "bar_chart", "scatter_plot"]

PALETTE = ["#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2", "#4b5563"]


@dataclass(frozen=True)
class Bar:
    """One horizontal bar: a rate in [0, 1] with an optional interval."""

    label: str
    value: float
    low: float | None = None
    high: float | None = None
    note: str = ""
    color: str = PALETTE[0]


@dataclass(frozen=True)
class Point:
    """One point of a scatter plot (x, y in [0, 1])."""

    label: str
    x: float
    y: float
    series: str = ""


def _clamp(v: float) -> float:
    return max(0.0, min(1.0, v))


def bar_chart(bars: Sequence[Bar], *, title: str, width: int = 640, row: int = 22) -> str:
    """Horizontal bars of rates with Wilson-interval whiskers."""
    label_w = 230
    plot_w = width - label_w - 70
    height = 34 + row * max(len(bars), 1) + 24
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{escape(title)}" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" class="chart">',
        f'<title>{escape(title)}</title>',
        f'<text x="4" y="16" class="chart-title">{escape(title)}</text>',
    ]
    for tick in (0, 0.25, 0.5, 0.75, 1.0):
        x = label_w + tick * plot_w
        out.append(f'<line x1="{x:.1f}" y1="26" x2="{x:.1f}" y2="{height - 22}" class="grid"/>')
        out.append(f'<text x="{x:.1f}" y="{height - 8}" text-anchor="middle" class="tick">{int(tick * 100)}%</text>')
    if not bars:
        out.append(f'<text x="{label_w}" y="46" class="tick">no data</text>')
    for i, b in enumerate(bars):
        y = 30 + i * row
        w = _clamp(b.value) * plot_w
        label = b.label if len(b.label) <= 34 else b.label[:33] + "…"
        out.append(f'<text x="{label_w - 6}" y="{y + row * 0.62:.1f}" text-anchor="end" class="label">'
                   f'<title>{escape(b.label)}</title>{escape(label)}</text>')
        out.append(f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row - 8}" fill="{escape(b.color)}" rx="2">'
                   f'<title>{escape(b.label)}: {b.value:.1%}{(" " + escape(b.note)) if b.note else ""}</title></rect>')
        if b.low is not None and b.high is not None:
            x1 = label_w + _clamp(b.low) * plot_w
            x2 = label_w + _clamp(b.high) * plot_w
            ym = y + row / 2 - 1
            out.append(f'<line x1="{x1:.1f}" y1="{ym:.1f}" x2="{x2:.1f}" y2="{ym:.1f}" class="whisker"/>')
            for x in (x1, x2):
                out.append(f'<line x1="{x:.1f}" y1="{ym - 4:.1f}" x2="{x:.1f}" y2="{ym + 4:.1f}" class="whisker"/>')
        out.append(f'<text x="{label_w + plot_w + 6}" y="{y + row * 0.62:.1f}" class="value">{b.value:.0%}</text>')
    out.append("</svg>")
    return "".join(out)


def scatter_plot(points: Sequence[Point], *, title: str, x_label: str, y_label: str,
                 width: int = 460, height: int = 360) -> str:
    """A scatter of rates, e.g. violation rate (x) vs false-refusal rate (y): lower-left is best."""
    series = sorted({p.series for p in points})
    legend_rows = sum(1 for s in series if s)
    m_l, m_r, m_t, m_b = 56, 16, 30 + 16 * legend_rows, 46
    height += 16 * legend_rows
    pw, ph = width - m_l - m_r, height - m_t - m_b
    colors = {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(series)}
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{escape(title)}" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" class="chart">',
        f'<title>{escape(title)}</title>',
        f'<text x="4" y="16" class="chart-title">{escape(title)}</text>',
        f'<rect x="{m_l}" y="{m_t}" width="{pw}" height="{ph}" class="frame"/>',
    ]
    for tick in (0, 0.25, 0.5, 0.75, 1.0):
        x = m_l + tick * pw
        y = m_t + ph - tick * ph
        out.append(f'<line x1="{x:.1f}" y1="{m_t}" x2="{x:.1f}" y2="{m_t + ph}" class="grid"/>')
        out.append(f'<line x1="{m_l}" y1="{y:.1f}" x2="{m_l + pw}" y2="{y:.1f}" class="grid"/>')
        out.append(f'<text x="{x:.1f}" y="{m_t + ph + 16}" text-anchor="middle" class="tick">{int(tick * 100)}%</text>')
        out.append(f'<text x="{m_l - 6}" y="{y + 4:.1f}" text-anchor="end" class="tick">{int(tick * 100)}%</text>')
    out.append(f'<text x="{m_l + pw / 2:.1f}" y="{height - 6}" text-anchor="middle" class="axis">{escape(x_label)}</text>')
    out.append(f'<text x="14" y="{m_t + ph / 2:.1f}" text-anchor="middle" class="axis" '
               f'transform="rotate(-90 14 {m_t + ph / 2:.1f})">{escape(y_label)}</text>')
    for p in points:
        cx = m_l + _clamp(p.x) * pw
        cy = m_t + ph - _clamp(p.y) * ph
        out.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="5" fill="{colors[p.series]}" fill-opacity="0.75">'
                   f'<title>{escape(p.label)}{(" (" + escape(p.series) + ")") if p.series else ""}: '
                   f'x={p.x:.1%}, y={p.y:.1%}</title></circle>')
    for i, s in enumerate([s for s in series if s]):
        y = 34 + i * 16  # legend rows sit between the title and the plot
        out.append(f'<circle cx="{m_l + 6}" cy="{y - 4}" r="5" fill="{colors[s]}"/>'
                   f'<text x="{m_l + 16}" y="{y}" class="tick">{escape(s)}</text>')
    out.append("</svg>")
    return "".join(out)
