"""Run once to make world-50m.geojson from the world-atlas npm package (ISC licence; Natural Earth
1:50m country shapes, public domain):

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python videos/render/designs/data/convert_world_atlas.py package/countries-50m.json

TopoJSON keeps each shared border once as a delta-encoded, quantized arc; GeoJSON repeats it per
country. Coordinates are rounded to 0.001 degree (about 100 m), finer than a map zoomed to a city
region draws. Nothing is downloaded when videos render.

It also writes the same shapes packed for the renderer: world-50m.f32 (every ring's longitudes and
latitudes as little-endian 32-bit floats, one after the other) and world-50m.rings.json (per country:
its name and, per polygon, each ring's start and length in points). Loaded as an array, they cost the
renderer 1 MB instead of the 16 MB of the GeoJSON's lists.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    scale_x, scale_y = topology["transform"]["scale"]
    shift_x, shift_y = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((round(x * scale_x + shift_x, 3), round(y * scale_y + shift_y, 3)))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[list[float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return [list(point) for point in points]


def convert(source: Path) -> dict:
    topology = json.loads(source.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    features = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        features.append({"type": "Feature", "id": geometry.get("id", ""),
                         "properties": {"name": geometry.get("properties", {}).get("name", "")},
                         "geometry": {"type": "MultiPolygon",
                                      "coordinates": [[ring(r, arcs) for r in polygon] for polygon in polygons]}})
    return {"type": "FeatureCollection", "features": features}


def pack(collection: dict, folder: Path) -> None:
    from array import array

    points = array("f")
    countries = {}
    for feature in collection["features"]:
        polygons = []
        for polygon in feature["geometry"]["coordinates"]:
            rings = []
            for ring in polygon:
                rings.append([len(points) // 2, len(ring)])
                points.extend(c for point in ring for c in point)
            polygons.append(rings)
        key = feature["id"] or feature["properties"]["name"]
        known = countries.get(key)
        if known is not None:
            # world-atlas gives Australia's number (036) to the Ashmore and Cartier Islands too: one country,
            # named after its larger part (kept apart, the islands replaced Australia, which no map then drew)
            larger = max((known, {"name": feature["properties"]["name"], "polygons": polygons}),
                         key=lambda c: sum(length for p in c["polygons"] for _, length in p))
            polygons = known["polygons"] + polygons
            countries[key] = {"name": larger["name"], "polygons": polygons}
            continue
        countries[key] = {"name": feature["properties"]["name"], "polygons": polygons}
    if sys.byteorder != "little":
        points.byteswap()
    (folder / "world-50m.f32").write_bytes(points.tobytes())
    (folder / "world-50m.rings.json").write_text(json.dumps(countries, separators=(",", ":")), encoding="utf-8")


if __name__ == "__main__":
    out = Path(__file__).with_name("world-50m.geojson")
    collection = convert(Path(sys.argv[1]))
    out.write_text(json.dumps(collection, separators=(",", ":")), encoding="utf-8")
    pack(collection, out.parent)
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB) and its packed copy")
