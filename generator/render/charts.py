"""Charts of the coverage page: SVG drawn at build time, each beside a table with the same figures."""

from __future__ import annotations

import math

from markupsafe import Markup, escape

from ..content.texts import slug


def bar_chart(title: str, values: dict[str, int], labels: dict[str, str]) -> Markup:
    """Horizontal bars, labelled with their values; black on white, readable in print."""
    row, bar_width = 30, 300
    label_width = 20 + 8 * max((len(labels[key]) for key in values), default=10)
    largest = max(values.values(), default=0) or 1
    height = row * len(values) + 10
    bars = []
    for index, (key, value) in enumerate(values.items()):
        y = 5 + index * row
        width = bar_width * value / largest
        bars.append(
            f'<text x="{label_width - 8}" y="{y + 19}" text-anchor="end">{escape(labels[key])}</text>'
            f'<rect x="{label_width}" y="{y + 4}" width="{width:.1f}" height="{row - 10}" fill="#0b4f8a"/>'
            f'<text x="{label_width + width + 6:.1f}" y="{y + 19}">{value}</text>'
        )
    return Markup(
        f'<svg class="graphique" role="img" aria-labelledby="titre-{_id(title)}" '
        f'viewBox="0 0 {label_width + bar_width + 60} {height}" xmlns="http://www.w3.org/2000/svg" '
        f'font-family="sans-serif" font-size="15"><title id="titre-{_id(title)}">{escape(title)}</title>'
        + "".join(bars)
        + "</svg>"
    )


def radar_chart(title: str, values: dict[str, int], labels: dict[str, str], maximum: int) -> Markup:
    """A radar chart (Fiche 2.4): one axis per key, 0 at the centre, `maximum` at the edge."""
    width, height, radius = 720, 560, 170
    centre_x, centre = width // 2, height // 2
    count = len(values)
    angles = [-math.pi / 2 + 2 * math.pi * i / count for i in range(count)]

    def point(angle: float, fraction: float) -> tuple[float, float]:
        return centre_x + radius * fraction * math.cos(angle), centre + radius * fraction * math.sin(angle)

    grid = "".join(
        '<polygon fill="none" stroke="#999" points="'
        + " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(a, level / 4) for a in angles))
        + '"/>'
        for level in (1, 2, 3, 4)
    )
    axes, names = [], []
    for angle, key in zip(angles, values, strict=True):
        x, y = point(angle, 1)
        axes.append(f'<line x1="{centre_x}" y1="{centre}" x2="{x:.1f}" y2="{y:.1f}" stroke="#999"/>')
        lx, ly = point(angle, 1.15)
        anchor = "middle" if abs(lx - centre_x) < 20 else ("start" if lx > centre_x else "end")
        label = f"{escape(labels[key])} : {values[key]}"
        names.append(f'<text x="{lx:.1f}" y="{ly:.1f}" text-anchor="{anchor}">{label}</text>')
    shape = " ".join(
        f"{x:.1f},{y:.1f}"
        for x, y in (
            point(a, (v / maximum) if maximum else 0) for a, v in zip(angles, values.values(), strict=True)
        )
    )
    return Markup(
        f'<svg class="graphique" role="img" aria-labelledby="titre-{_id(title)}" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg" '
        'font-family="sans-serif" font-size="14">'
        f'<title id="titre-{_id(title)}">{escape(title)}</title>{grid}{"".join(axes)}'
        f'<polygon points="{shape}" fill="#0b4f8a" fill-opacity="0.35" stroke="#0b4f8a" stroke-width="3"/>'
        f"{''.join(names)}</svg>"
    )


def _id(title: str) -> str:
    return slug(title)
