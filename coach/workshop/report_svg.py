"""Small inline SVG charts for the HTML report: no scripts, no fonts, nothing fetched."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from coach.workshop.svg_text import text_width, wrap

BAR = "#2f6fd0"  # scores
WELL = "#3d8b4f"  # criteria the room handled well
FLAG = "#d0641e"  # flags
GRID = "#d8dee4"
INK = "#1f2328"

# The label column is as wide as the longest label, up to LABEL_MAX; longer labels wrap onto a second line
# (then end in an ellipsis, the whole label in the row's tooltip). Bars always get SPAN pixels.
SPAN, VALUE_W, LABEL_MIN, LABEL_MAX, GAP = 386, 64, 60, 300, 8
ROW, ROW_WRAPPED, BAR_H, TOP, FONT, LINE = 26, 34, 16, 8, 12, 13


@dataclass
class Bar:
    label: str
    value: float
    text: str  # shown at the end of the bar, e.g. "2.1/4"
    colour: str = ""  # the chart's own colour when empty


def hbar_chart(bars: list[Bar], maximum: float, title: str, colour: str = BAR, ticks: int = 4) -> str:
    """Horizontal bars, one per item, scaled to `maximum`, with grid lines and the value as text."""
    labels = [wrap(bar.label, LABEL_MAX, FONT) for bar in bars]
    label_w = GAP + max([LABEL_MIN, *(text_width(line, FONT) for lines in labels for line in lines)])
    label_w = round(label_w + 0.5)
    row = ROW_WRAPPED if any(len(lines) > 1 for lines in labels) else ROW
    width, bottom = label_w + SPAN + VALUE_W, TOP + row * len(bars)
    height = bottom + 18
    out = [
        f'<svg class="chart" role="img" aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" font-family="sans-serif" font-size="{FONT}">',
        f"<title>{escape(title)}</title>",
    ]
    for i in range(ticks + 1):
        x = label_w + SPAN * i / ticks
        out.append(f'<line x1="{x:.1f}" y1="{TOP - 4}" x2="{x:.1f}" y2="{bottom}" stroke="{GRID}" stroke-width="1"/>')
        out.append(f'<text x="{x:.1f}" y="{bottom + 13}" text-anchor="middle" fill="{INK}" font-size="10">'
                   f"{maximum * i / ticks:g}</text>")
    for n, (bar, lines) in enumerate(zip(bars, labels)):
        y = TOP + row * n + (row - ROW) // 2
        middle = y + BAR_H / 2
        w = SPAN * max(0.0, min(bar.value, maximum)) / maximum if maximum else 0
        out.append(f'<g class="row"><title>{escape(bar.label)}: {escape(bar.text)}</title>')
        spans = "".join(f'<tspan x="{label_w - GAP}" y="{middle + 4.5 + LINE * (i - (len(lines) - 1) / 2):.1f}">'
                        f"{escape(line)}</tspan>" for i, line in enumerate(lines))
        out.append(f'<text class="label" text-anchor="end" fill="{INK}">{spans}</text>')
        out.append(f'<rect class="bar" x="{label_w}" y="{y}" width="{w:.1f}" height="{BAR_H}" fill="{bar.colour or colour}"/>')
        out.append(f'<text x="{label_w + w + 6:.1f}" y="{y + BAR_H - 3}" fill="{INK}">{escape(bar.text)}</text></g>')
    out.append("</svg>")
    return "\n".join(out)
