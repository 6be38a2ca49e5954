"""Derive the UK outline the council map draws (registers/uk_outline.json), once, from Natural Earth.

Source: the npm package world-atlas 2.0.2 (Mike Bostock's TopoJSON of Natural Earth 4.1.0 vector
data; Natural Earth is public domain, the package ISC), file countries-50m.json, the geometry whose
name is "United Kingdom" (id 826). Fetch it with the npm client and run this script on the file:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/derive_uk_outline.py package/countries-50m.json registers/uk_outline.json

What it does: decodes the TopoJSON arcs, projects longitude and latitude with a plain equirectangular
projection scaled by cos(54.5 degrees) (so Britain keeps its shape at this size), drops islands
smaller than MIN_AREA, simplifies each ring with Douglas-Peucker (TOLERANCE) and writes one SVG path
plus the projection's numbers, which casebook/outputs/council_map.py uses to place councils.
"""
from __future__ import annotations

import json
import math
import sys
from pathlib import Path

WIDTH = 300.0  # SVG units across the outline
PAD = 6.0
LAT0 = 54.5
TOLERANCE = 0.45  # SVG units
MIN_AREA = 4.0  # square SVG units: smaller islands are left out

Point = tuple[float, float]


def decode_arcs(topology: dict) -> list[list[Point]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[Point]]) -> list[Point]:
    points: list[Point] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc[1:] if points else arc)
    return points


def simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker, iterative (rings can be long)."""
    if len(points) < 4:
        return points
    keep = {0, len(points) - 1}
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        length = math.hypot(x2 - x1, y2 - y1) or 1e-9
        best, at = 0.0, -1
        for i in range(first + 1, last):
            x0, y0 = points[i]
            distance = abs((x2 - x1) * (y1 - y0) - (x1 - x0) * (y2 - y1)) / length
            if distance > best:
                best, at = distance, i
        if best > tolerance and at > 0:
            keep.add(at)
            stack += [(first, at), (at, last)]
    return [points[i] for i in sorted(keep)]


def simplify_ring(points: list[Point], tolerance: float) -> list[Point]:
    """A closed ring starts and ends at one point: split it at the point farthest from the start."""
    x0, y0 = points[0]
    far = max(range(len(points)), key=lambda i: math.hypot(points[i][0] - x0, points[i][1] - y0))
    return simplify(points[: far + 1], tolerance) + simplify(points[far:], tolerance)[1:]


def area(points: list[Point]) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1]))) / 2


def main(source: Path, target: Path) -> None:
    topology = json.loads(source.read_text(encoding="utf-8"))
    uk = next(g for g in topology["objects"]["countries"]["geometries"] if g.get("properties", {}).get("name") == "United Kingdom")
    arcs = decode_arcs(topology)
    rings = [ring(polygon[0], arcs) for polygon in uk["arcs"]]  # outer rings (the UK has no lakes at this scale)
    cos0 = math.cos(math.radians(LAT0))
    lons = [lon * cos0 for r in rings for lon, _ in r]
    lats = [lat for r in rings for _, lat in r]
    scale = (WIDTH - 2 * PAD) / (max(lons) - min(lons))
    projection = {"lat0": LAT0, "lon_min": min(lons) / cos0, "lat_max": max(lats), "scale": scale, "pad": PAD}
    project = lambda lon, lat: (PAD + (lon - projection["lon_min"]) * cos0 * scale, PAD + (projection["lat_max"] - lat) * scale)
    paths = []
    for points in rings:
        projected = [project(lon, lat) for lon, lat in points]
        if area(projected) < MIN_AREA:
            continue
        simple = simplify_ring(projected, TOLERANCE)
        paths.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in simple) + "Z")
    height = PAD + (max(lats) - min(lats)) * scale + PAD
    outline = {
        "source": "Natural Earth 4.1.0 (public domain), 1:50m countries, via the npm package world-atlas 2.0.2 (countries-50m.json, United Kingdom, id 826)",
        "derived_by": "scripts/derive_uk_outline.py",
        "width": WIDTH,
        "height": round(height, 1),
        "projection": projection,
        "path": "".join(paths),
    }
    target.write_text(json.dumps(outline, indent=1) + "\n", encoding="utf-8")
    print(f"{target}: {len(paths)} rings, {len(outline['path'])} characters of path")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
