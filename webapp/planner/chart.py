"""The savings chart, drawn on the server as SVG: no script, readable at 320 pixels and printed.

This works out the geometry; planner/_chart.html draws it. Each option has its own colour,
dash pattern and point shape, so the lines can be told apart without colour too.
"""

from decimal import Decimal

from webapp.formatting import money

# The drawing's own units; the SVG scales to the width of the page.
# Nearly square, so on a 320 pixel phone it is about as tall as wide and its text readable.
WIDTH = 300
HEIGHT = 280
LEFT = 46
RIGHT = 18
TOP = 12
BOTTOM = 30
# Colours with at least 3:1 contrast against white, as WCAG asks of graphics.
STYLES = [
    {"colour": "#00625e", "dash": "", "marker": "circle"},
    {"colour": "#d4351c", "dash": "6 4", "marker": "square"},
    {"colour": "#1d70b8", "dash": "2 3", "marker": "triangle"},
    {"colour": "#6f3c97", "dash": "10 3 2 3", "marker": "diamond"},
    {"colour": "#85520d", "dash": "12 4", "marker": "circle"},
    {"colour": "#0b0c0c", "dash": "1 2", "marker": "square"},
]
TICKS = 5


def _nice_step(most: Decimal) -> Decimal:
    """A round step (1, 2 or 5 times a power of ten) giving about five gridlines."""
    if most <= 0:
        return Decimal(1000)
    rough = most / TICKS
    power = Decimal(10) ** (len(str(int(rough))) - 1)
    for multiple in (1, 2, 5, 10):
        if power * multiple >= rough:
            return power * multiple
    return power * 10


def _short(amount: Decimal) -> str:
    """£40k for an axis: short enough to fit beside the chart on a phone."""
    if amount >= 1_000_000:
        return f"£{(amount / 1_000_000).normalize():f}m"
    if amount >= 1000:
        return f"£{(amount / 1000).normalize():f}k"
    return money(amount, pence=False)


def marker_path(shape: str, x: float, y: float, size: float = 4) -> str:
    if shape == "square":
        return f"M{x - size:.1f} {y - size:.1f}h{2 * size:.1f}v{2 * size:.1f}h{-2 * size:.1f}z"
    if shape == "triangle":
        return f"M{x:.1f} {y - size - 1:.1f}L{x + size + 1:.1f} {y + size:.1f}H{x - size - 1:.1f}z"
    if shape == "diamond":
        return (
            f"M{x:.1f} {y - size - 1:.1f}L{x + size + 1:.1f} {y:.1f}"
            f"L{x:.1f} {y + size + 1:.1f}L{x - size - 1:.1f} {y:.1f}z"
        )
    return (
        f"M{x - size:.1f} {y:.1f}a{size} {size} 0 1 0 {2 * size:.1f} 0"
        f"a{size} {size} 0 1 0 {-2 * size:.1f} 0"
    )


def savings_chart(
    series: list[tuple[str, list[Decimal]]], years: list[int], upper_limit: Decimal
) -> dict:
    """Lines of savings for each option, one point a year, with the upper limit marked."""
    highest = max([upper_limit, *(value for _name, values in series for value in values)])
    step = _nice_step(highest)
    top = step * ((highest / step).to_integral_value(rounding="ROUND_CEILING") or 1)
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM
    count = max(len(years) - 1, 1)

    def x(index: int) -> float:
        return LEFT + plot_width * index / count

    def y(value: Decimal) -> float:
        return TOP + plot_height * float(1 - max(value, Decimal(0)) / top)

    lines = []
    for index, (name, values) in enumerate(series):
        style = STYLES[index % len(STYLES)]
        points = [(x(i), y(value)) for i, value in enumerate(values)]
        lines.append(
            {
                "name": name,
                **style,
                "points": " ".join(f"{px:.1f},{py:.1f}" for px, py in points),
                "markers": [marker_path(style["marker"], px, py) for px, py in points],
                "swatch": marker_path(style["marker"], 20, 10),
            }
        )
    gridlines = []
    value = Decimal(0)
    while value <= top:
        gridlines.append({"y": f"{y(value):.1f}", "label": _short(value)})
        value += step
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "bottom": HEIGHT - BOTTOM,
        "lines": lines,
        "gridlines": gridlines,
        # A label every other year keeps them apart at 320 pixels.
        "years": [
            {"x": f"{x(i):.1f}", "label": str(year)} for i, year in enumerate(years) if i % 2 == 0
        ],
        "upper_limit": {"y": f"{y(upper_limit):.1f}", "label": money(upper_limit, pence=False)},
    }
