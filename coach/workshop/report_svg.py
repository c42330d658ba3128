"""Small inline SVG charts for the HTML report: no scripts, no fonts, nothing fetched."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

BAR = "#2f6fd0"  # scores
FLAG = "#d0641e"  # flags
GRID = "#d8dee4"
INK = "#1f2328"

WIDTH, LABEL_W, VALUE_W, ROW, BAR_H, TOP = 680, 230, 64, 26, 16, 8


@dataclass
class Bar:
    label: str
    value: float
    text: str  # shown at the end of the bar, e.g. "2.1/4"


def _clip(label: str, limit: int = 32) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def hbar_chart(bars: list[Bar], maximum: float, title: str, colour: str = BAR, ticks: int = 4) -> str:
    """Horizontal bars, one per item, scaled to `maximum`, with grid lines and the value as text."""
    span = WIDTH - LABEL_W - VALUE_W
    height = TOP + ROW * len(bars) + 18
    out = [
        f'<svg class="chart" role="img" aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" font-family="sans-serif" font-size="12">',
        f"<title>{escape(title)}</title>",
    ]
    bottom = TOP + ROW * len(bars)
    for i in range(ticks + 1):
        x = LABEL_W + span * i / ticks
        value = maximum * i / ticks
        out.append(f'<line x1="{x:.1f}" y1="{TOP - 4}" x2="{x:.1f}" y2="{bottom}" stroke="{GRID}" stroke-width="1"/>')
        out.append(f'<text x="{x:.1f}" y="{bottom + 13}" text-anchor="middle" fill="{INK}" font-size="10">{value:g}</text>')
    for n, bar in enumerate(bars):
        y = TOP + ROW * n
        w = span * max(0.0, min(bar.value, maximum)) / maximum if maximum else 0
        label = escape(bar.label)
        out.append(f'<g class="row"><title>{label}: {escape(bar.text)}</title>')
        out.append(f'<text x="{LABEL_W - 8}" y="{y + BAR_H - 3}" text-anchor="end" fill="{INK}">{escape(_clip(bar.label))}</text>')
        out.append(f'<rect class="bar" x="{LABEL_W}" y="{y}" width="{w:.1f}" height="{BAR_H}" fill="{colour}"/>')
        out.append(f'<text x="{LABEL_W + w + 6:.1f}" y="{y + BAR_H - 3}" fill="{INK}">{escape(bar.text)}</text></g>')
    out.append("</svg>")
    return "\n".join(out)
