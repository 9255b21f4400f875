"""Numbers and dates as a line says them, in English, French, Spanish, German, Italian and Japanese: digits
("64 km/h", "1,000,000", "3,5 %"), number words ("more than fifteen metres", "quinze mètres",
"fünfzehn Meter"), years ("in 1822", "280 BC", "1957年") and dates ("4 October 1957").
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from videos.render.designs.base import Stat

COMMA_DECIMAL = {"fr", "es", "de", "it", "pt", "nl", "ru", "pl", "sv", "da", "nb", "fi", "tr", "cs"}

_SMALL = {
    "en": "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
          "seventeen eighteen nineteen",
    "fr": "zéro un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize dix-sept "
          "dix-huit dix-neuf",
    "es": "cero uno dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince dieciséis "
          "diecisiete dieciocho diecinueve",
    "de": "null eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf dreizehn vierzehn fünfzehn sechzehn "
          "siebzehn achtzehn neunzehn",
}
_TENS = {
    "en": "_ _ twenty thirty forty fifty sixty seventy eighty ninety",
    "fr": "_ _ vingt trente quarante cinquante soixante soixante-dix quatre-vingt quatre-vingt-dix",
    "es": "_ _ veinte treinta cuarenta cincuenta sesenta setenta ochenta noventa",
    "de": "_ _ zwanzig dreißig vierzig fünfzig sechzig siebzig achtzig neunzig",
}
WORDS: dict[str, int] = {}
for _lang in _SMALL:
    WORDS.update({w: i for i, w in enumerate(_SMALL[_lang].split())})
    WORDS.update({w: i * 10 for i, w in enumerate(_TENS[_lang].split()) if w != "_"})
WORDS.update({"une": 1, "ein": 1, "eine": 1, "einen": 1, "una": 1, "un": 1, "quatre-vingts": 80, "veintiuno": 21,
              "cent": 100, "cents": 100, "hundred": 100, "cien": 100, "ciento": 100, "hundert": 100,
              **{word + ending: value * 100 for word, value in (
                  ("dos", 2), ("tres", 3), ("cuatro", 4), ("seis", 6), ("sete", 7), ("ocho", 8), ("nove", 9))
                 for ending in ("cientos", "cientas")},
              "quinientos": 500, "quinientas": 500})
# Spanish writes 21 to 29 as one word ("veintiséis").
WORDS.update({f"veinti{unit}": 20 + value for unit, value in (
    ("uno", 1), ("ún", 1), ("dós", 2), ("trés", 3), ("cuatro", 4), ("cinco", 5), ("séis", 6), ("siete", 7),
    ("ocho", 8), ("nueve", 9))})
# Italian and Portuguese, read only in lines of their language ("sei", "due", "otto" are words of
# other languages); Portuguese joins tens and units with "e" ("vinte e cinco").
_OWN_SMALL = {
    "it": "zero uno due tre quattro cinque sei sette otto nove dieci undici dodici tredici quattordici quindici "
          "sedici diciassette diciotto diciannove",
    "pt": "zero um dois três quatro cinco seis sete oito nove dez onze doze treze catorze quinze dezasseis "
          "dezassete dezoito dezanove",
}
_OWN_TENS = {
    "it": "_ _ venti trenta quaranta cinquanta sessanta settanta ottanta novanta",
    "pt": "_ _ vinte trinta quarenta cinquenta sessenta setenta oitenta noventa",
}
_OWN_MORE = {
    "it": {"un": 1, "una": 1, "cento": 100, "duecento": 200, "trecento": 300, "quattrocento": 400, "cinquecento": 500,
           "seicento": 600, "settecento": 700, "ottocento": 800, "novecento": 900, "duemila": 2000, "tremila": 3000,
           "diecimila": 10_000, "centomila": 100_000},
    "pt": {"uma": 1, "duas": 2, "quatorze": 14, "dezesseis": 16, "dezessete": 17, "dezenove": 19, "cem": 100,
           "cento": 100, "duzentos": 200, "duzentas": 200, "trezentos": 300, "trezentas": 300, "quatrocentos": 400,
           "quatrocentas": 400, "quinhentos": 500, "quinhentas": 500, "seiscentos": 600, "seiscentas": 600,
           "setecentos": 700, "setecentas": 700, "oitocentos": 800, "oitocentas": 800, "novecentos": 900,
           "novecentas": 900},
}
OWN_WORDS = {language: {**{w: i for i, w in enumerate(_OWN_SMALL[language].split())},
                        **{w: i * 10 for i, w in enumerate(_OWN_TENS[language].split()) if w != "_"},
                        **_OWN_MORE[language]} for language in _OWN_SMALL}
# Italian writes tens and units as one word, the tens' last vowel dropped before "uno" and "otto"
# ("ventisei", "ventitré", "ventotto", "trentuno").
OWN_WORDS["it"].update({
    (tens[:-1] if unit in ("uno", "otto") else tens) + ("tré" if unit == "tre" else unit): ten * 10 + value
    for ten, tens in enumerate(_OWN_TENS["it"].split()) if tens != "_"
    for value, unit in enumerate(_OWN_SMALL["it"].split()[:10]) if value})
SCALES = {"milhão": 1e6, "milhões": 1e6, "milione": 1e6, "milioni": 1e6, "miliardo": 1e9, "miliardi": 1e9,
          "thousand": 1e3, "mille": 1e3, "mil": 1e3, "tausend": 1e3, "million": 1e6, "millions": 1e6,
          "millón": 1e6, "millones": 1e6, "millionen": 1e6, "billion": 1e9, "billions": 1e9, "milliard": 1e9,
          "milliards": 1e9, "milliarde": 1e9, "milliarden": 1e9, "trillion": 1e12, "billones": 1e12}
# Words that may follow a number as its unit (lower case; "%" and currency symbols are handled apart).
_UNIT_WORDS = """
% acres années ans arten años barcos besucher centimeters centimetres centimètres centuries centímetros cm day
days decades degrees degrés dollars días especies espèces euros feet fois foot ft fuß g gallons gb grad grados
gramm grammes gramos grams gw ha hectares heures horas hour hertz hours hz in inch inches jahre jahren jahrhunderte
jours keepers kg kilogram kilogramm kilogrammes kilogramos kilograms kilometer kilometers kilometre kilometres
kilomètre kilomètres kilos kilómetro kilómetros km km/h km2 km² knoten knots kph kw kwh lb lbs lights liter
liters litre litres litros lives m m2 mal mb meilen menschen meses meter meters metre metres metro metros mg
mile miles millas milles minute minuten minutes minutos mm mois monate monaten month months mph mw m² mètre
mètres navires noeuds nudos nœuds oz people per-cent percent personas personnes persons pieds pies por-ciento
pounds pour-cent por-cento per-cento prozent schiffe second secondes seconds segundos sekunden semaines semanas
ships siglos siècles species stunden t tage tagen tb times ton toneladas tonnen tonnes tons towers v veces visitantes
visiteurs visitors volts w watts week weeks wochen yards year years yen zentimeter ° °c °f
metern kilometern zentimetern millimetern litern
anos graus quilómetros quilômetros quilos toneladas pessoas vezes
centimetri millimetri millimètres milímetros milímetros centímetros kubikmeter quadratmeter quadratkilometer m³ km³
anni gradi metri chilometri chili chilogrammi litri tonnellate giorni ore minuti secondi persone abitanti
visitatori volte euro settimane mesi secoli habitants habitantes einwohner
watt kilowatt kilowatts megawatt megawatts gigawatt gigawatts chilowatt dollari dólares dollar franchi francos
franken pesos rublos roubles rubel sterline libras reais
kilotons kiloton megatons megaton kilotonnes kilotonne mégatonnes mégatonne kilotones megatones kilotonnen
megatonnen chilotoni megatoni quilotons megatons
pence pennies cents centimes céntimos centesimi centavos cêntimos rappen yuan rupees rupias
"""
UNITS = frozenset(_UNIT_WORDS.split())
QUALIFIERS = ("more than", "over", "less than", "fewer than", "under", "nearly", "almost", "about", "around", "up to",
              "at least", "roughly", "approximately", "some", "aproximadamente", "ungefähr",
              "plus de", "moins de", "près de", "plus d'", "moins d'", "près d'", "plus d’", "moins d’", "près d’",
              "environ", "jusqu'à", "presque", "más de", "menos de", "casi",
              "cerca de", "unos", "unas", "hasta", "mehr als", "über", "weniger als", "fast", "etwa", "rund",
              "bis zu", "knapp", "più di", "meno di", "circa", "quasi", "oltre", "fino a", "mais de", "quase", "até",
              "al menos", "por lo menos", "au moins", "pelo menos", "almeno",
              "only", "just", "barely", "apenas", "sólo", "solo", "seulement", "à peine", "nur", "kaum", "appena",
              "soltanto", "solamente",
              # how often: "once every ten seconds", "ogni due anni", "tous les trois mois", "alle zwei Jahre"
              "every", "tous les", "toutes les", "cada", "ogni", "alle", "a cada")
MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "janvier": 1, "février": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7, "août": 8,
    "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12,
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
    "septiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
    "januar": 1, "februar": 2, "märz": 3, "juni": 6, "juli": 7, "oktober": 10, "dezember": 12,
    "janeiro": 1, "fevereiro": 2, "março": 3, "maio": 5, "junho": 6, "julho": 7, "setembro": 9, "outubro": 10,
    "novembro": 11, "dezembro": 12,
    "gennaio": 1, "febbraio": 2, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7, "settembre": 9, "ottobre": 10,
    "dicembre": 12,
}
ERAS = (r"(?:BC|BCE|AD|CE|av\. J\.-C\.|apr\. J\.-C\.|avant J\.-C\.|après J\.-C\.|a\. ?C\.|d\. ?C\.|v\. ?Chr\."
        r"|n\. ?Chr\.|dopo Cristo|avanti Cristo|prima di Cristo|después de Cristo|antes de Cristo|après Jésus-Christ"
        r"|avant Jésus-Christ|depois de Cristo|avant notre ère|de notre ère|antes de nuestra era|de nuestra era"
        r"|antes da nossa era|da nossa era|vor Christus|nach Christus|vor unserer Zeitrechnung|unserer Zeitrechnung"
        r"|v\. ?u\. ?Z\.|n\. ?u\. ?Z\.)")
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_DATE = re.compile(
    rf"(?i)\b(?:(?:le |el )?\d{{1,2}}(?:er|\.|st|nd|rd|th)? (?:de |of )?(?:{_MONTH})(?: de| del)? \d{{3,4}}"
    rf"|\d{{1,2}}(?:er|\.)? (?:de )?(?:{_MONTH})(?: de| del)? [1-9]\d{{0,2}} {ERAS}"  # "24 agosto del 79 dopo Cristo"
    rf"|(?:{_MONTH}) \d{{1,2}}(?:st|nd|rd|th)?,? \d{{3,4}}"
    rf"|(?:{_MONTH}) (?:de |del |of )?\d{{4}})\b")  # "September 1928", "julio de 1969"
# A day said as an ordinal word: "on the fifteenth of January 1919" (shown "15 January 1919").
_DAY_ORDINAL_WORDS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth")
_DAY_ORDINALS = _DAY_ORDINAL_WORDS.split()
_DAY_VALUE = {word: n for n, word in enumerate(_DAY_ORDINALS, 1)} | {
    f"{tens}{join}{word}": base + n for tens, base in (("twenty", 20), ("thirty", 30))
    for n, word in enumerate(_DAY_ORDINALS[:9], 1) for join in ("-", " ")} | {"thirtieth": 30}
_SPELLED_DAY = re.compile(rf"(?i)\b(?:the )?({'|'.join(sorted(_DAY_VALUE, key=len, reverse=True))}) of "
                          rf"({_MONTH}),? (\d{{3,4}})\b")
_YEAR = re.compile(rf"(?<![\d.,])(?:(?:{ERAS}) )?(1[0-9]{{3}}|20[0-9]{{2}}|[1-9][0-9]{{1,2}}(?= {ERAS}))"
                   rf"(?:s|er|\'s)?(?: {ERAS})?(?![\d]|[.,]\d)")
_JA_DATE = re.compile(r"(\d{3,4})年(?:(\d{1,2})月(?:(\d{1,2})日)?)?")
# a decade as the Romance languages say it ("nos anos 1990", "dans les années 1960"): the words with the year
_DECADE = re.compile(r"(?i)\b(?:anos|années|años|anni) (?:1[0-9]|20)[0-9]0\b")
# Japanese also writes numbers in kanji: a year digit by digit ("一八五四年"), a count with 十, 百, 千 and
# 万 ("十五メートル", "二千人").
_KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_KANJI_SCALES = {"十": 10, "百": 100, "千": 1000}
_KANJI_YEAR = re.compile(r"(?<![〇一二三四五六七八九十百千万])([〇一二三四五六七八九]{3,4})年")
_KANJI_NUMBER = re.compile(r"(?<![〇零一二三四五六七八九十百千万億])[〇零一二三四五六七八九十百千万億]+")
# units a kanji count is shown with (not 人, 日 or 回: "一人", "一日に二回" are words, not figures)
_KANJI_UNITS = ("キロメートル", "メートル", "キロ", "パーセント", "度", "トン", "円", "ドル", "万人", "人",
                "年間", "時間")
# counters of things, for a count of ten or more ("約三千本の桜", "十万冊"; "二基" and "一本道" are words)
_KANJI_COUNTERS = ("種類", "か国", "カ国", "ヵ国", "本", "冊", "基", "両", "機", "枚", "個", "台", "匹", "頭", "羽",
                   "隻", "棟", "店", "軒", "社", "杯", "体", "曲", "点")


def kanji_number(run: str) -> int:
    """The value of a number in kanji: digit by digit ("一八五四") or with 十, 百, 千, 万 and 億."""
    if all(c in _KANJI_DIGITS for c in run):
        return int("".join(str(_KANJI_DIGITS[c]) for c in run))
    total, section, digit = 0, 0, 0
    for c in run:
        if c in _KANJI_DIGITS:
            digit = _KANJI_DIGITS[c]
        elif c in _KANJI_SCALES:
            section += (digit or 1) * _KANJI_SCALES[c]
            digit = 0
        else:  # 万, 億
            total += (section + digit or 1) * (10_000 if c == "万" else 100_000_000)
            section = digit = 0
    return total + section + digit
_NUMBER = re.compile(r"(?<![A-Za-zÀ-ÿ0-9_.,])([$€£¥]\s?)?"
                     r"(\d{1,3}(?:(?:[,.\u202f\u00a0 ]|'(?=\d{3}))\d{3})+|\d+)([.,]\d+)?")
# Where a clause ends: punctuation, but not the mark inside a number ("347.000", "3,5").
# A full stop after an abbreviation ends no clause: "out of St. Joseph, Missouri" was "out of St".
_ABBREVIATIONS = ("St", "Ste", "Sta", "Sto", "Mt", "Ft", "Dr", "Mr", "Mrs", "Ms", "Jr", "Sr", "Prof", "Capt", "Gen",
                  "Lt", "Col", "Sgt", "Hl", "Nr")
# (nor an initial: "o jovem rei D. Sebastião", "John F. Kennedy"; not "I", the English pronoun)
_NOT_ABBREVIATED = "".join(rf"(?<!\b{word})" for word in _ABBREVIATIONS) + r"(?<!\b[A-HJ-Z])"
CLAUSE_BREAK = re.compile(rf"{_NOT_ABBREVIATED}(?:(?<!\d)[.,]|[.,](?!\d))|[;:!?()\u3001\u3002]")
# "between ten and fifteen euros", "de 10 à 15 km", "2 or 3 days": a number just before another
# (the first of a range), with what may join them.
_RANGE_JOIN = r"(?:–|-|—|to|and|or|y|o|a|e|et|ou|à|und|oder|bis)"
_RANGE_OPEN = r"(?:between|from|entre|de|desde|zwischen|von|tra|fra|da)"
_JA_UNITS = ("%", "％", "キロメートル", "メートル", "キロ", "km", "m", "度", "時間", "分間", "分", "秒間", "秒", "日間",
             "週間", "か月", "ヶ月", "人", "倍", "円", "ドル", "トン", "年間",
             # what a count of ten thousands or hundred millions counts goes with it: "40万人", "3800億円"
             "万人", "億人", "万円", "億円", "万トン", "万台", "万枚", "万本", "万個", "万件", "万回", "万羽",
             "万頭", "万", "億",
             # counters of things: "4000店", "30か国", "200種類"
             "店", "軒", "台", "匹", "頭", "羽", "枚", "個", "隻", "棟", "社", "か国", "カ国", "ヵ国", "種類",
             # long things (trees, bottles), books, towers and monuments, carriages, machines, cups, statues, songs
             "本", "冊", "基", "両", "機", "杯", "体", "曲", "点")


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    stat: Stat


def _value(digits: str, fraction: str, language: str) -> tuple[float, str]:
    """The value of a written number, and its text as shown."""
    comma_decimal = language in COMMA_DECIMAL
    if fraction:
        mark = fraction[0]
        if (mark == "," and comma_decimal) or (mark == "." and not comma_decimal) or len(fraction) != 4:
            whole = re.sub(r"\D", "", digits)
            return float(f"{whole}.{fraction[1:]}"), digits + fraction
        digits, fraction = digits + fraction, ""
    return float(re.sub(r"\D", "", digits) or 0), digits


# "in" is inches only where a measure ends or its dimension follows ("12 in wide", "a 6 in."), never
# before a name, a number or an article, where it is the preposition of every language that has it.
_INCHES = re.compile(r"\.?(?:\s*(?:[,;:!?)]|$)|\s+(?:wide|long|high|tall|deep|thick|across|in diameter|of)\b)")


# German makes units of compounds: "2000 Höhenmeter" (metres of height), "Arbeitsstunden", "Festmeter".
_COMPOUND_UNIT_ENDS = ("meter", "metern", "liter", "litern", "tonnen", "stunden", "minuten", "jahre", "jahren")


def _compound_unit(word: str) -> bool:
    lower = word.lower()
    return word[:1].isupper() and any(lower.endswith(end) and len(lower) >= len(end) + 3 for end in _COMPOUND_UNIT_ENDS)


def _unit_after(text: str, end: int) -> tuple[str, int]:
    rest = text[end:]
    match = re.match(r"\s?(%|‰|°[CF]?)", rest)
    if match:
        return match.group(1), end + match.end()
    cubic = re.match(r"\s+((?:cubic|square) (?:metres|meters|kilometres|kilometers|feet|miles)"
                     r"|(?:mètres|kilomètres|metros|kilómetros|metri|chilometri|quilômetros|quilómetros) "
                     r"(?:cubes|carrés|cúbicos|cuadrados|cubi|quadrati|quadrados))\b", rest)
    if cubic:  # "30,000 cubic metres of sand", "500 kilomètres carrés"
        return cubic.group(1), end + cubic.end(1)
    rate = re.match(r"\s+(par (?:heure|jour|an|minute|seconde)|per (?:hour|day|year|minute|second)|"
                    r"por (?:hora|día|dia|año|ano|minuto|segundo)|pro (?:Stunde|Tag|Jahr|Minute|Sekunde)|"
                    r"all['’](?:ora|anno)|al (?:giorno|minuto|secondo))\b", rest)
    if rate:  # "la ligne peut en accueillir 1 800 par heure": a rate is what it counts
        return rate.group(1), end + rate.end(1)
    partitive = re.match(r"\s+of\s+(?:those|these|the|its|their)(?=\s+[^\W\d_])", rest)
    if partitive:  # "Thirty-eight of those kilometres lie under the sea": a measure of a whole said before
        unit, unit_end = _unit_after(text, end + partitive.end())
        if unit and unit not in ("%", "in") and not unit.startswith("°"):
            return unit, unit_end
    match = re.match(r"\s+((?:per|pour|por) (?:ciento|cento|cent)\b|[^\W\d_][\w/²°.\-]*)", rest)
    if not match:
        return "", end
    word = match.group(1).rstrip(".")
    if word == "in" and not _INCHES.match(text, end + match.end()):
        return "", end  # "legte 1887 in Kiel", "12 in a row": the preposition
    if word.lower().replace(" ", "-") in UNITS or word.lower() in UNITS or _compound_unit(word):
        unit_end = end + match.start(1) + len(word)
        scale = re.match(r"\s+(Celsius|Fahrenheit)\b", text[unit_end:]) if word.lower() in _DEGREES else None
        if scale:  # "45 degrees Celsius": 45 °C
            return "°" + scale.group(1)[0], unit_end + scale.end()
        return ("%" if word.lower().replace(" ", "-") in _PERCENT else word), unit_end
    return "", end


_PERCENT = frozenset({"percent", "per-cent", "pour-cent", "por-ciento", "por-cento", "per-cento", "prozent"})
_DEGREES = frozenset({"degrees", "degrés", "grados", "grad", "gradi", "graus"})
_PLURAL = {"en": ("s",), "fr": ("s", "x"), "es": ("s",), "pt": ("s",), "it": ("i", "e"), "ca": ("s",),
           "nl": ("en", "s")}
_NOT_COUNTED_WORDS = """
always also another around years this these those their there they then than thus was were has have had does
las los les des dos tres mais más plus pues sous sans dans sus tras hacia hasta eines einen einem jedes ogni
delle degli dalle dagli nelle negli sulle sugli alle agli colle coi
"""
_NOT_COUNTED = frozenset(_NOT_COUNTED_WORDS.split())


_BEFORE_NOUN_WORDS = """
piccole piccoli grandi grandes petites petits grands pequeñas pequeños pequenas pequenos nuove nuovi nouvelles
nouveaux nuevas nuevos novas novos antiche antichi anciennes anciens antiguas antiguos antigas antigos vecchie vecchi
vieilles belle belli belles beaux bellas bellos belas belos altre altri autres otras otros outras outros
"""
_BEFORE_NOUNS = frozenset(_BEFORE_NOUN_WORDS.split())


def _counted_after(text: str, end: int, language: str) -> tuple[str, int]:
    """What a large number counts when no unit word follows it ("347.000 peregrinos", "12,000 Pilger"):
    the next word, when it is a noun in the plural (by its ending; in German by its capital)."""
    these = re.match(r"(?i)\s+(?:of these|of those|of the|de ces|de estos|de estas|di questi|di queste|dieser|"
                     r"destes|destas)\s+([^\W\d_]{4,})\b", text[end:])
    if these and (these.group(1)[0].isupper() if language == "de" else
                  these.group(1).islower() and these.group(1).endswith(_PLURAL.get(language, ("s",)))):
        return these.group(1), end + these.end(1)  # "10,000 of these chips": what it counts, after "of these"
    match = re.match(r"\s+([^\W\d_]{4,})\b", text[end:])
    if not match or match.group(1).lower() in _NOT_COUNTED or match.group(1).lower() in MONTHS:
        return "", end  # (nor "Il 26 ottobre": a day of a month, no 26 of anything)
    word = match.group(1)
    plural = word.islower() and word.endswith(_PLURAL.get(language, ("s",)))
    counted = word[0].isupper() if language == "de" else plural
    noun = re.match(r"\s+([^\W\d_]{3,})\b", text[end + match.end(1):]) if word.lower() in _BEFORE_NOUNS else None
    if counted and noun and noun.group(1).islower() and noun.group(1).lower() not in _NOT_COUNTED:
        # "118 piccole isole", "12 grandes ciudades": an adjective the Romance languages put before the noun
        return f"{word} {noun.group(1)}", end + match.end(1) + noun.end(1)
    if counted:
        return word, end + match.end(1)
    # One adjective before the noun, where the language puts it there: "12,000 Chinese workers",
    # "500 wooden boats", "12.000 chinesische Arbeiter" (the unit is both words).
    pair = re.match(r"\s+([^\W\d_]{3,})\s+([^\W\d_]{4,})\b", text[end:])
    if pair and language[:2] in ("en", "de") and pair.group(1).lower() not in _NOT_COUNTED:
        adjective, noun = pair.group(1), pair.group(2)
        if language[:2] == "de":
            counted = adjective.islower() and adjective.endswith(("e", "er")) and noun[0].isupper()
        else:
            # (not a verb in the past: "11,000 carried miles of it")
            counted = noun.islower() and noun.endswith("s") and noun.lower() not in _NOT_COUNTED \
                and not adjective.lower().endswith("ed")
        if counted:
            return f"{adjective} {noun}", end + pair.end(2)
    return "", end


def _scale_after(text: str, end: int) -> tuple[str, float, int, str]:
    """The scale word after a number, its factor, where it ends, and the "de"/"of" joining it to what
    it counts ("350 millions de camemberts")."""
    match = re.match(r"\s+(thousand|million|millions|billion|billions|trillion|milliards?|millones|millón|mil|"
                     r"Millionen|Million|Milliarden|Milliarde|tausend|mille|milhão|milhões|milione|milioni|miliardo|"
                     r"miliardi)\b(?:\s+(de|d'|of|di|do|dos|das)\b)?", text[end:])
    if not match:
        return "", 1.0, end, ""
    return match.group(1), SCALES.get(match.group(1).lower(), 1.0), end + match.end(), match.group(2) or ""


# "minus 50", "-12"; not "al menos 50", "au moins 50", "pelo menos 50" (at least).
_MINUS = re.compile(r"(?i)(?:(?<!\bal )(?<!\blo )(?<!\bau )(?<!\bpelo )(?<!\bao )\b(?:minus|moins|menos|meno)\s+"
                    r"|(?:^|(?<=\s))[-−])$")


def _sign(text: str, start: int) -> str:
    """ "−" for a number below zero ("minus 50 degrees", "-12 °C"): the count-up keeps it in front."""
    return "−" if _MINUS.search(text[:start]) else ""


def _qualifier(text: str, start: int) -> str:
    before = re.sub(r"\s(?:a|an)$", "", text[:start].lower().rstrip())  # "over a hundred printers": "over"
    found = next((q for q in sorted(QUALIFIERS, key=len, reverse=True)
                  if before.endswith(q) and (len(before) == len(q) or not before[-len(q) - 1].isalnum())), "")
    negation = re.search(r"(?:^|\s)(no|not|non|pas|nicht|não|nem|ni)\s+$", before[:len(before) - len(found)]) \
        if found else None
    # "per non più di 90 secondi": no more than 90, not "più di" (more than) on the card
    return f"{negation.group(1)} {found}" if negation else found


JOINING = frozenset({"and", "or", "but", "et", "ou", "mais", "y", "o", "pero", "und", "oder", "aber", "e", "ed", "ma"})
# Words a label may not end on: "rolled through the streets at" [55 km/h].
_TRAILING_WORDS = """
and or et ou y o und oder at to of the a an in on by for with from about around than à de du des la le les el los
las en por para con a al del im am zu bei mit von auf der die das den dem ein eine di da della nel al
un una uno une um uma do dos das na nas nos over under after before within during across through into per
next past last
entre between tra fra zwischen
leur leurs sa ses su sus seu seus sua suas its their his her sein seine ihr ihre suo suoi sue
sur sous avant après pendant sobre bajo tras durante unter über vor nach während durch seit bis dopo prima sopra
sotto since depuis desde dal dalla dallo
gracias grâce thanks grazie graças dank
"""
TRAILING = frozenset(_TRAILING_WORDS.split())


def _trailing(words: list[str]) -> bool:
    """Whether the last word may not end a label; "par an" ends one (a year, not an English article)."""
    return words[-1].lower() in TRAILING and not (
        len(words) >= 2 and words[-2].lower() in ("par", "chaque") and words[-1].lower() == "an")


_JA_BEING = frozenset({"あります", "ありました", "です", "でした", "います", "いました", "ある", "だ"})


def _label(text: str, end: int, language: str = "") -> str:
    """A few words of context: what follows the number and its unit, to the end of the clause."""
    label = _words_after(text, end, language)
    # Japanese: no particle opens it ("20万人 [が]頂上を目指します"), and a verb of being alone says nothing
    # ("186メートル [あります]")
    label = re.sub(r"^(?:が|を|に|は|で|の|と|も|へ)\s*(?=[\u3040-\u30ff\u4e00-\u9fff])", "", label)
    return "" if label in _JA_BEING else label


# Words that turn a sentence against the one before, and tell nothing of the number before them.
_SENTENCE_ADVERB = re.compile(r"(?i)\s*(?:,\s*)?(?:however|though|pourtant|cependant|toutefois|sin embargo|"
                              r"no obstante|jedoch|doch|allerdings|però|tuttavia|porém|contudo|no entanto|"
                              r"entretanto)\s*(?=,|$)")


_OWNERS = frozenset({"its", "their", "his", "her", "the", "a", "an"})  # before "cold, twisting channels"
_LEADING_PREPOSITIONS = frozenset({"over", "across", "with", "at", "for", "sur", "avec", "pour", "sobre", "con", "para",
                                   "über", "auf", "mit", "su", "per", "com"})
_BETWEEN = frozenset({"between", "entre", "zwischen", "tra", "fra"})
# "cinquenta anos em cinco": a number said last after "in" is what the first is measured against, its context
_IN_SO_MANY = frozenset({"in", "em", "en", "dans", "within"})
_DEFINITE = frozenset({"the", "le", "la", "les", "el", "los", "las", "il", "lo", "gli", "i", "o", "os", "a", "as",
                       "der", "die", "das"})
# a finite verb that opens the words after a number makes them the number's predicate: cut short, they are
# no context ("Über zwei Millionen Menschen [waren plötzlich von Lebensmitteln]" [und Kohle abgeschnitten])
_FINITE_OPENING = frozenset({"was", "were", "is", "are", "had", "has", "have", "war", "waren", "ist", "sind", "hatte",
                             "hatten", "wurde", "wurden", "était", "étaient", "est", "sont", "avait", "avaient", "era",
                             "eran", "es", "son", "fue", "fueron", "è", "sono", "erano", "fu", "furono", "é", "são",
                             "foi", "foram", "eram"})
# an English verb in the past after what the number measures, before where it went ("up to 7.6 metres
# high [rolled through the streets]"): the sentence's own verb, no context
_PAST_THEN_PHRASE = re.compile(r"[a-z]{3,}ed")
_MEASURED = frozenset({"high", "tall", "long", "wide", "deep", "thick", "heavy", "old", "across"})
_PHRASE_OPENS = frozenset({"through", "into", "across", "over", "along", "down", "up", "onto", "past", "toward",
                           "towards", "to", "from", "in", "on", "at", "out", "off", "around", "away", "back"})
_INDEFINITE = frozenset({"a", "an", "un", "une", "des", "uno", "una", "unos", "unas", "ein", "eine", "um", "uma"})
_RELATIVE_WORDS = frozenset({"that", "which", "who", "where", "qui", "où", "dont", "che", "cui", "dove", "donde",
                            "quien", "onde", "welche", "welcher", "wo"})
# A clause of purpose or cause after the number is no context of it ("il faudra plus de dix ans pour que ...")
_PURPOSE = frozenset({"damit", "weil", "because", "perché", "affinché", "porque", "parce", "puisque",
                      # ... or of time: "quatre cents mètres d'altitude [lorsque son flanc nord s'est effondré]"
                      "lorsque", "quand", "when", "cuando", "quando", "wenn", "while", "mentre", "mientras",
                      "enquanto", "tandis"})
_PURPOSE_FIRST = frozenset({"pour", "para", "so", "afin", "bien", "sin"})
_VERB_LAST = frozenset({"ist", "sind", "war", "waren", "wird", "werden", "wurde", "wurden", "hat", "haben", "hatte"})


_LONG_PARTICLES = frozenset({"zurück", "zusammen", "heraus", "hinaus", "hinzu", "vorbei", "weiter", "fort", "heim",
                             "hinunter", "herunter", "hinauf", "herauf", "voran", "vorüber", "entgegen"})
_OF_NEXT = frozenset({"of", "de", "di", "du", "des", "von", "do", "da", "del", "della", "dos", "das"})


def _words_after(text: str, end: int, language: str = "") -> str:
    clauses = CLAUSE_BREAK.split(text[end:])
    if re.search("[\u3040-\u30ff\u4e00-\u9fff]", clauses[0]):  # no spaces: "350メートル[と450メートルに...]"
        clauses[0] = re.split(r"\d", clauses[0], maxsplit=1)[0]
    before_next = re.split(r"\s(?=\S*\d)", clauses[0], maxsplit=1)
    rest = before_next[0].split()  # up to the next number
    if len(before_next) > 1:
        # "about 80 million trees [over an area of] 2,150 square kilometres": the phrase that leads to the
        # next number is that number's, not this one's context
        lead = next((n for n, word in enumerate(rest) if word.lower() in _LEADING_PREPOSITIONS), None)
        if lead is not None and all(w.lower() not in JOINING for w in rest[lead:]):
            rest = rest[:lead]
    between = re.match(r",\s*([a-zà-öø-ÿ]+\s+[a-zà-öø-ÿ]+)\s*(?=[,.;:]|$)", text[end + len(clauses[0]):])
    if len(rest) >= 3 and between and rest[-2].lower() in _OWNERS and not any(
            w in JOINING or w in TRAILING or _SENTENCE_ADVERB.fullmatch(w) for w in between.group(1).split()):
        rest.append(f", {between.group(1)}")  # "to sail through its cold, twisting channels": a comma between
        # the words before one noun, not the end of the clause
        rest = " ".join(rest).replace(" , ", ", ").split()
    # (Portuguese "o" is the article: "200 mil pessoas viram o Uruguai vencer" was cut to "viram")
    joined = next((n for n, word in enumerate(rest) if (word.lower() in JOINING and not (
        language == "pt" and word.lower() == "o")) or (_spelled(word) and not (
        n == len(rest) - 1 and n and rest[n - 1].lower() in _IN_SO_MANY))), len(rest))
    if joined < len(rest) and joined >= 2 and rest[joined - 2].lower() in _BETWEEN:
        joined -= 2  # "arrasaron la costa [entre Concepción] y Chiloé": not half of the "between"
    # "50 kilograms and reach 6 metres": the context ends where the next clause starts; "dieci anni se
    # ne vendettero un milione": where the next number does.
    rest = rest[:joined]
    whole = len(before_next[0].split()) - len(rest) <= 1  # (but a "and" before the next number: "were killed and")
    if rest and rest[0].lower() in _FINITE_OPENING and not whole:
        rest = []
    if len(rest) >= 3 and rest[0].lower() in _MEASURED and _PAST_THEN_PHRASE.fullmatch(rest[1]) and \
            rest[2].lower() in _PHRASE_OPENS:
        rest = rest[:1]
    if len(rest) >= 3 and rest[0].lower() == "lang":
        rest = rest[1:]  # "drei Jahrhunderte [lang]": how long, said after its unit
    relative = next((n for n, word in enumerate(rest) if n >= 2 and word.lower() in _RELATIVE_WORDS), len(rest))
    rest = rest[:relative]  # "82 miles [of huge brick tunnels] that carried ..." (not "que": "plus de sel que")
    purpose = next((n for n, word in enumerate(rest) if word.lower() in _PURPOSE or (
        word.lower() in _PURPOSE_FIRST and n + 1 < len(rest) and rest[n + 1].lower() in ("que", "qu'", "that"))),
        len(rest))  # (not "para obtener un kilo de azafrán": what the flowers are for tells of them)
    rest = rest[:purpose]  # "plus de dix ans [pour que certaines criques retrouvent leur vie]": a clause of its own
    while rest and (_trailing(rest) or _qualifier(" ".join(rest), len(" ".join(rest)))):
        qualifier = _qualifier(" ".join(rest), len(" ".join(rest)))
        rest = rest[:-len(qualifier.split())] if qualifier else rest[:-1]  # "died and around" [150]
    if len(rest) == 1 and (len(rest[0]) <= 3 or rest[0].lower() in _LONG_PARTICLES) and not (
            len(rest[0]) >= 2 and re.search("[\u4e00-\u9fff]", rest[0])):
        rest = []  # a verb's particle ("kamen 12.000 Pilger an", "brachte 60.000 Proben zurück"), not context
        # (not "高さ", a word of its own)
    if len(before_next) > 1 and 0 < len(rest) <= 3 and before_next[0].split()[-1:] and \
            before_next[0].split()[-1].lower() in _OF_NEXT:
        rest = []  # "For ten months [the crew of] 28 men lived aboard": the next number's own noun, cut from it
    reflexive = next((n for n, word in enumerate(rest) if n >= 1 and (word.lower() in ("se", "si", "sich") or
                                                                      word.lower().startswith(("s'", "s’")))),
                     len(rest)) if rest and (rest[0].lower() in _OF_NEXT or rest[0].lower()[:2] in ("d'", "d’")) \
        else len(rest)
    rest = rest[:reflexive]  # "220 000 tonnes [de pétrole brut] [se répandent]": after what the unit is of, the
    # sentence's verb, no context (not "[in undici anni] la torre si raddrizzò": what happened in them)
    while rest and _trailing(rest):
        rest = rest[:-1]
    unit_end = end
    aside = _SENTENCE_ADVERB.match(text, end) if not rest or _SENTENCE_ADVERB.fullmatch(" ".join(rest)) else None
    if aside:  # "Il y a six mille ans pourtant, le Sahara était vert", "Hace seis mil años, sin embargo, el
        # Sáhara era verde": the adverb says nothing of the number; what follows it may
        rest, end = [], aside.end()
        clauses = CLAUSE_BREAK.split(text[end:])
    if rest and len(rest) <= 8:
        # "through the medieval city" whole; "from Moscow to Vladivostok", not "... on the"; "do Rio de Janeiro" whole
        kept = rest if len(rest) <= 7 else whole_names(rest, 6)
        while kept and (_trailing(kept) or _qualifier(" ".join(kept), len(" ".join(kept)))):
            # "[in undici anni] la torre si raddrizzò di circa" [quaranta centimetri]: the next number's qualifier
            qualifier = _qualifier(" ".join(kept), len(" ".join(kept)))
            kept = kept[:-len(qualifier.split())] if qualifier else kept[:-1]
        if len(kept) >= 2 and kept[-1].lower() in _VERB_LAST:
            kept = kept[:-1]  # "[eine Schlucht, die nur 150 Meter] breit ist": a German clause's verb, last
        elif len(kept) >= 2 and re.fullmatch(r"[a-zäöüß]+en", kept[-1]) and kept[-2][:1].isupper() and \
                kept[-2].lower() not in _OWNERS:
            kept = kept[:-1]  # "[Eine Kogge konnte rund 80 Tonnen] Ladung tragen": the infinitive a German clause
            # ends on, after the noun it governs
        label = " ".join(kept)
        # a quotation the number opens, closed after the label's words: no mark left alone ("cinquenta anos
        # em cinco" [""])
        return label.strip("\"“”«»„") if len(re.findall("[\"“”«»„]", label)) % 2 else label
    # "For more than two thousand years, lighthouses have guided sailors home": the next clause, when
    # the number opens the sentence.
    opening = not re.search(r"[.!?]\s", text[:end]) and len(text[:unit_end].split()) <= 6
    # only a comma straight after the unit ends the number's own clause ("... semaines et traverse les Alpes,
    # les Pyrénées": a list goes on; "cinq fois : Jacques Anquetil, ...": names follow, not context)
    opening = opening and bool(re.match(r"\s*,", text[end:]))
    following = clauses[1].split() if len(clauses) > 1 and not rest and opening else []
    if following and len(following) <= 3 and len(clauses) > 2 and following[0].lower() in _INDEFINITE:
        following = []  # "Le canal compte 63 écluses, un tunnel, celui du Malpas, ...": the list's next item
    if following and following[0].lower() in JOINING:
        following = []  # "45 °C, and many men collapsed": a clause of its own, not the number's context
    if following and len(following) <= 2 and len(clauses) > 2 and following[0].lower() in _DEFINITE:
        following = []  # "60 mil trabalhadores, os candangos, vieram ...": what they were called, no context
    # (not a clause with a number of its own: "de unos 1.300 metros, tardó casi cuarenta años en terminarse")
    return " ".join(following) if following and len(following) <= 7 and not re.search(r"\d", clauses[1]) and not any(
        _spelled(word) for word in following) else ""


def _spelled(word: str) -> bool:
    """A number said in words, two or more ("zwei", "cinquanta", "milione"): not "un", which is also an article."""
    word = word.lower().strip(",.;:")
    return word in SCALES or WORDS.get(word, 0) >= 2


PARTICLES = frozenset({"de", "da", "di", "du", "van", "von", "der", "den", "del", "della", "la", "le", "y", "of"})


def _named(word: str) -> bool:
    """A word of a name: capitalised, or a capital after an elided article ("Gare de l'Est")."""
    return word[:1].isupper() or bool(re.match(r"[a-zà-ú]{1,5}['’][A-ZÀ-Ú]", word))


def whole_names(words: list[str], count: int, dangling: frozenset[str] = TRAILING) -> list[str]:
    """The first `count` words, or up to two more so that a name is not cut ("nacque il Parco Nazionale
    del Gran Paradiso", not "... del Gran"); else without the name that would be cut."""
    kept = words[:count]
    if len(words) <= count or not (_named(kept[-1]) or kept[-1].lower() in PARTICLES):
        return kept
    more = words[count:count + 2]
    for extra in range(len(more)):
        if not (_named(more[extra]) or more[extra].lower() in PARTICLES):
            return kept + more[:extra]
    following = words[count + len(more)] if len(words) > count + len(more) else ""
    if not following or not (_named(following) or following.lower() in PARTICLES):
        return kept + more  # the name ends within the two: "the Gare de l'Est" [in Paris]
    while kept and (_named(kept[-1]) or kept[-1].lower() in PARTICLES | dangling):
        kept = kept[:-1]
    return kept


# Before a year: "in 1850 people moved" is a year; "fast 2000 Metern" and "1500 years" are numbers.
_YEAR_BEFORE = re.compile(r"(?i)\b(?:in|en|im|seit|since|nel|em|desde|depuis|um|by|until|bis|hasta|jusqu'en|"
                          r"anno|année|año|jahr|year|l'an)\s+$")
# A year under 1000 only where nothing else can be meant: "En 708, l'évêque ...".
_EARLY_YEAR = re.compile(r"(?i)\b(?:in|en|im|nel|em) ([1-9][0-9]{2})(?=\s*[,;:]|\.(?:\s|$))")


def _measured(text: str, match: re.Match) -> bool:
    """A four-digit number that measures ("2000 Metern", "1500 years"): a unit after it, and no word
    that opens a year before it."""
    if match.group(0) != match.group(1) or _YEAR_BEFORE.search(text[:match.start()]):
        return False  # "1950s", "280 BC", "in 1850"
    unit, _ = _unit_after(text, match.end())
    if unit:
        return True
    # "las estimaciones van de 1000 a 6000 muertos": the first end of a range whose other is no year
    other = re.match(rf"\s*{_RANGE_JOIN}\s*(\d{{1,3}}(?:[,.\u202f\u00a0 ]\d{{3}})+|\d+)(?![\d.,]\d)",
                     text[match.end():])
    if other is None:
        return False
    value = int(re.sub(r"\D", "", other.group(1)))
    after = match.end() + other.end()
    return not 1000 <= value <= 2100 or bool(_unit_after(text, after)[0])


def _years(text: str) -> set[tuple[int, int]]:
    spans = {(m.start(), m.end()) for m in _DATE.finditer(text)}
    spans |= {(m.start(), m.end()) for m in _SPELLED_DAY.finditer(text) if _DAY_VALUE.get(m.group(1).lower(), 99) <= 31}
    spans |= {(m.start(), m.end()) for m in _YEAR.finditer(text) if not _measured(text, m)}
    spans |= {(m.start(1), m.end(1)) for m in _EARLY_YEAR.finditer(text)}
    spans |= {(m.start(), m.end()) for m in _JA_DATE.finditer(text)}
    spans |= {(m.start(), m.end()) for m in _KANJI_YEAR.finditer(text)}
    spans |= {(m.start(), m.end()) for m in _DECADE.finditer(text)}
    return spans


_ONCE_UNITS = frozenset({"fois", "vez", "volta", "mal", "time", "times", "veces", "vezes", "volte"})
# A number on a named scale, said after the scale's name (and maybe the first end of a range).
_SCALE_BEFORE = re.compile(
    r"(?i)\b(magnitudes?|magnitud|magnitudo|magnitude|stärke|windstärke|force|category|catégorie|categoría|categoria|"
    r"kategorie)\s+(?:(?:of|de|di|von|der)\s+)?(?:(?:about|around|some|environ|près de|cerca de|alrededor de|circa|"
    r"etwa|rund|between|entre|zwischen|tra|fra)\s+)?(?:\d[\d.,]*\s+(?:and|to|et|à|y|a|e|und|bis|–|-)\s+)?$")


def find_stats(text: str, language: str = "en") -> list[Found]:
    """Every number of the line that has a unit or a share, in order; years are left to find_dates."""
    years = _years(text)
    found: list[Found] = []
    for match in _NUMBER.finditer(text):
        if any(a <= match.start() < b for a, b in years):
            continue
        currency, digits, fraction = match.group(1) or "", match.group(2), match.group(3) or ""
        value, shown = _value(digits, fraction, language)
        end = match.end()
        scale, _factor, end, joiner = _scale_after(text, end)
        unit, end_unit = _unit_after(text, end)
        if language == "ja" or re.search("[\u3040-\u30ff\u4e00-\u9fff]", text[end:end + 1]):
            unit = next((u for u in _JA_UNITS if text.startswith(u, match.end())), unit)
            end_unit = match.end() + len(unit) if unit else end_unit
            if unit in ("時間", "年", "か月", "ヶ月", "キロ") and text.startswith("半", end_unit):
                unit, end_unit = unit + "半", end_unit + 1  # "2時間半" is two and a half hours
        if not (unit or currency or scale) and value >= 1000 and (value >= 10_000 or digits[1:2] in ",.\u202f\u00a0 '"
                                                                   or value > 2100):  # ("6000 muertos": no year)
            unit, end_unit = _counted_after(text, end, language)
        elif not (unit or currency or scale or fraction) and 10 <= value < 1000 and not _in_name(text, match.start()):
            unit, end_unit = _counted_after(text, end, language)  # "33 tunnels", "400 Gipfel"
        if scale and not unit and not currency and joiner[-1:] in ("'", "’"):
            # "140 millions d'euros", "3 millions d'habitants": the word the elided "de" joins to the scale
            glued = re.match(r"([^\W\d_]{3,})\b", text[end:])
            if glued and (glued.group(1).lower() in UNITS or glued.group(1).lower().endswith(("s", "x"))):
                unit, end_unit = glued.group(1), end + glued.end(1)
        if scale and not unit and not currency:
            # "2,5 millions de rivets", "40 mil espécies": what the scale counts, as a unit word would be
            unit, end_unit = _counted_after(text, end, language)
            end_unit = end_unit if unit else end
        if not (unit or currency or scale):
            named = _SCALE_BEFORE.search(text[:match.start()])
            if named:  # "uma magnitude entre 8,5 e 9", "a category 5 hurricane": the scale is its unit
                unit, end_unit = named.group(1) if named.group(1)[:1].isupper() and language == "de" else \
                    named.group(1).lower(), end
        if not (unit or currency or scale) and value >= 10 and _people_weighed(text, match.start(), end, value):
            end_unit = _of_them_end(text, end)  # "More than 300 died on the mountain"
        elif not (unit or currency or scale):
            continue
        unit_text = " ".join(p for p in (scale, joiner if unit and unit != "%" else "",
                                         "" if unit == "%" and scale else unit) if p)
        if joiner[-1:] in ("'", "’") and unit and unit != "%":
            unit_text = f"{scale} {joiner}{unit}"  # "millions d'euros", no space after the elided "de"
        if unit == "%" and not scale:
            unit_text = "%"
        after_unit = _HALF_AFTER_UNIT.match(text, end_unit) if unit and not (scale or fraction) else None
        if after_unit and value == int(value) and value < 100:  # "2 hours and a half": 2.5 hours
            value, end_unit = value + 0.5, after_unit.end()
            shown = f"{value:g}".replace(".", "," if language in COMMA_DECIMAL else ".")
        # "350 millions" [de camemberts par an]: the label keeps the word that joins it to the scale
        label_from = end - len(joiner) if joiner and not unit and end_unit == end else end_unit
        stat = Stat(value=value, text=f"{_sign(text, match.start())}{currency.strip()}{shown}", unit=unit_text,
                    label=_label(text, label_from, language),
                    prefix=_qualifier(text, match.start()) or _ja_qualifier(text, match.start()))
        found.append(Found(match.start(), end_unit, stat))
    found.extend(_word_stats(text, language, found))
    found.extend(f for f in _fractions(text) if not any(o.start <= f.start < o.end for o in found))
    # "Il était une fois": once upon a time, not a count of one
    found = [f for f in found if not (f.stat.value == 1 and text[f.start:f.start + 1].isalpha()
                                      and f.stat.unit.lower() in _ONCE_UNITS)]
    found.extend(_one_length(text, language, found))
    found = [_with_smaller_unit(f, text, language) for f in found]
    if language == "ja" or re.search("[\u3040-\u30ff]", text):
        found.extend(_kanji_stats(text, found))
    if len(found) > 1:  # "To make one kilogram of honey, bees visit four million flowers": "one" is no stat
        found = [f for f in found if not (f.stat.value == 1 and text[f.start:f.start + 1].isalpha()
                                          and f.stat.unit.lower().split(" ")[0] not in SCALES)] or found
        # ("un millón de visitantes" stays: one million)
    # In Japanese the same measure said twice ("わずか7分で ... 「7分間の奇跡」") is shown once ("10 metres
    # long and 10 metres wide" stay two).
    found = [f for n, f in enumerate(found) if not re.search("[\u3040-\u30ff]", text) or not any(
        o.stat.value == f.stat.value and o.stat.unit and f.stat.unit and (
            f.stat.unit.startswith(o.stat.unit) or o.stat.unit.startswith(f.stat.unit)) for o in found[:n])]
    found = _labels_before_the_next(sorted(found, key=lambda f: f.start), text)
    found = [_measure_of_a_thing(f, text) for f in found]
    ranged = [_with_range(_measure_named(_ago(f, text), text), text, language) for f in found]
    # The first number of a range is shown in it, not on its own as well.
    return sorted((f for f in ranged if not any(o is not f and o.start <= f.start and f.end <= o.end for o in ranged)),
                  key=lambda f: f.start)


# "um tsunami com ondas de [seis metros]", "a wave of [six metres]": the number measures the thing before it
_MEASURE_OF = re.compile(r"(?i)\b(?:(?:com|with|avec|con|mit|de|of|di)\s+(?:des\s+|une?\s+|an?\s+|uma?\s+)?|"
                         r"(?:an?|une?|uma?|una|uno|eine?)\s+)([^\W\d_]{4,})\s+(?:de|of|di|von|d['’])\s*$")


def _measure_of_a_thing(found: Found, text: str) -> Found:
    """A measure of a thing named before it, in a phrase the sentence's verb follows ("um tsunami com ondas
    de seis metros entrou pelo Tejo"): the thing is its label, not the verb ("6 metros / entrou pelo Tejo"
    said the metres came up the river)."""
    ahead = text[:found.start].rstrip()
    if found.stat.prefix and ahead.lower().endswith(found.stat.prefix.lower()):
        ahead = ahead[:len(ahead) - len(found.stat.prefix)].rstrip()  # "une broderie de [près de] soixante-dix"
    before = _MEASURE_OF.search(ahead + " ")
    label = found.stat.label.split()
    if before is None or not label or not found.stat.unit or label[0].lower() in _OWN_CONTEXT_OPENS or \
            not label[0][:1].islower():
        return found
    return Found(found.start, found.end, dataclasses.replace(found.stat, label=before.group(1)))


# Words that open a number's own context after its unit ("de diamètre", "of water", "high"), which stays
_OWN_CONTEXT_OPENS = frozenset({"de", "of", "di", "du", "des", "da", "do", "von", "per", "par", "por", "a", "an",
                                "each", "every", "high", "long", "wide", "deep", "tall", "across", "away", "à", "al",
                                "au", "in", "en", "em", "im", "am", "on", "at", "from", "to", "pour", "para", "for",
                                "um", "qui", "que", "che", "which", "that"})


def _labels_before_the_next(found: list[Found], text: str) -> list[Found]:
    """A number's words end where the next number's begin ("8.000 metri [l'aria contiene] un terzo
    dell'ossigeno": the label ran on into the fraction said in words)."""
    kept = []
    for n, f in enumerate(found):
        g = found[n + 1] if n + 1 < len(found) else None
        at = text.find(f.stat.label, f.end) if f.stat.label and g is not None else -1
        if at >= 0 and at < g.start < at + len(f.stat.label):
            words = text[at:g.start].split()
            while words and (_trailing(words) or words[-1].lower() in _INDEFINITE):
                words = words[:-1]
            f = Found(f.start, f.end, dataclasses.replace(f.stat, label=" ".join(words)))
        kept.append(f)
    return kept


# "Il y a six mille ans", "hace seis mil años", "há seis mil anos", "vor sechstausend Jahren": how long
# ago, shown above the number as "more than" is; before another unit it is no time ("il y a 300 personnes",
# "vor 6.000 Zuschauern")
_AGO = re.compile(r"(?i)(?:^|[\s,;:(])(il y a|hace|há|vor)\s*$")
_SPANS_OF_TIME = frozenset({
    "years", "year", "ans", "an", "années", "siècles", "siècle", "jours", "mois", "semaines", "heures", "minutes",
    "años", "año", "siglos", "días", "meses", "semanas", "horas", "minutos", "anos", "ano", "séculos", "dias",
    "Jahren", "Jahre", "Jahrhunderten", "Tagen", "Monaten", "Wochen", "Stunden", "Minuten"})


def _ago(found: Found, text: str) -> Found:
    ago = _AGO.search(text[:found.start]) if not found.stat.prefix else None
    if ago is None or found.stat.unit.split(" ")[-1] not in _SPANS_OF_TIME:
        return found
    return dataclasses.replace(found, stat=dataclasses.replace(found.stat, prefix=ago.group(1).lower()))


# "eine Neigung von 65 Grad", "a slope of 65 degrees", "une pente de 65 degrés": what the number measures,
# named before it (a noun after "a": "la torre di circa quaranta centimetri" is by how much the tower
# moved, "a lo largo de mil kilómetros" along them), when nothing after it says
_MEASURE_BEFORE = re.compile(r"(?i)(?:^|\s)(?:a|an|un|une|uno|una|um|uma|ein|eine|einer|einem|einen)\s+"
                             r"([^\W\d_]{4,})\s+(?:von|of|de|di|da|du|d['’])\s*$")
_NOT_MEASURES = frozenset({"more", "less", "most", "least", "plus", "moins", "más", "menos", "mehr", "weniger", "più",
                           "meno", "mais", "cerca", "près", "millions", "millones", "milioni", "milhões", "thousands",
                           "milliers", "miles", "migliaia", "hundreds", "centaines", "cientos", "centinaia", "dozens",
                           "dizaines", "decenas", "decine", "total", "hauteur", "altura", "altezza", "height"})


_JA_TOPIC = re.compile(r"(?:^|[、。の])([\u4e00-\u9fff\u30a0-\u30ff][\u3040-\u309f\u4e00-\u9fff\u30a0-\u30ff]{0,5})"
                       r"は\s*$")


def _measure_named(found: Found, text: str) -> Found:
    before = text[:found.start]
    qualifier = found.stat.prefix
    if qualifier and before.lower().rstrip().endswith(qualifier):
        before = before.rstrip()[:-len(qualifier)]
    topic = _JA_TOPIC.search(before) if not found.stat.label else None
    if topic:  # "高さは186メートル": the height
        return dataclasses.replace(found, stat=dataclasses.replace(found.stat, label=topic.group(1)))
    named = _MEASURE_BEFORE.search(before) if not found.stat.label else None
    if named is None or named.group(1).lower() in _NOT_MEASURES | TRAILING | {found.stat.unit.lower()}:
        return found  # ("a magnitude of about 8.7": the scale is its unit already)
    return dataclasses.replace(found, stat=dataclasses.replace(found.stat, label=named.group(1)))


def _kanji_stats(text: str, digits_found: list[Found]) -> list[Found]:
    """Counts in kanji with a unit: "十五メートル" is 15 メートル; years are find_dates'."""
    years = _years(text)
    found = []
    for match in _KANJI_NUMBER.finditer(text):
        unit = next((u for u in _KANJI_UNITS + _KANJI_COUNTERS if text.startswith(u, match.end())), "")
        value = kanji_number(match.group(0))
        if not unit or any(a <= match.start() < b for a, b in years) or (
                unit in ("人", "年間", "時間", "度", *_KANJI_COUNTERS) and value < 10) or text.startswith(
                "も", match.end() + len(unit)):
            continue  # "一度もありません" (never), "一人も" (not one), "二度" (twice): words, not figures
        if any(f.start <= match.start() < f.end for f in digits_found):
            continue
        end = match.end() + len(unit)
        label = _label(text, end) if unit in _KANJI_COUNTERS else ""
        run = match.group(0)
        if len(run) > 1 and run[-1] in "万億":  # "約六百万人" is 600万人, as digits write it, not 6,000,000 人
            value, unit = kanji_number(run[:-1]), run[-1] + unit
        found.append(Found(match.start(), end, Stat(value=float(value), text=f"{value:,}", unit=unit,
                                                    prefix=_ja_qualifier(text, match.start()), label=label)))
    return found


def _ja_qualifier(text: str, start: int) -> str:
    before = text[max(0, start - 3):start]
    return next((q for q in ("約", "およそ", "ほぼ", "最大") if before.endswith(q)), "")


def _in_name(text: str, start: int) -> bool:
    """A number that is part of a name: after a capitalised word inside a sentence ("Apollo 11",
    "Route 66"), or a capitalised number word there ("la guerre de Cent Ans")."""
    before = text[:start].rstrip()
    word = re.search(r"([^\W\d_][\w'’-]*)$", before)
    if not word or not word.group(1)[:1].isupper():
        return False
    return bool(re.search(r"[^\s.!?:;«“\"(¡¿]\s*$", before[:word.start()]))


_OWN_LANGUAGE_WORDS = {language: {*_SMALL[language].split(), *_TENS[language].split()} - {"_"} for language in _SMALL}
_OWN_LANGUAGE_WORDS.update({language: set(OWN_WORDS[language]) for language in OWN_WORDS})


def _said_in(run: list, language: str) -> bool:
    """Every number word of the run is one of the language's own (Spanish "once" is English "once")."""
    own = _OWN_LANGUAGE_WORDS.get(language[:2])
    words = [p for token in run for p in token.group(0).lower().split("-")]
    return bool(own) and all(w in own or w in ("and", "et", "y", "e", "und") for w in words)


# A share said as a fraction of what follows ("two thirds of its neurons", "la mitad de", "ein Drittel der"),
# or written so ("2/3"): shown as written in figures.
_FRACTION_WORDS = {
    "half": (1, 2), "one half": (1, 2), "a third": (1, 3), "one third": (1, 3), "two thirds": (2, 3),
    "a quarter": (1, 4), "one quarter": (1, 4), "three quarters": (3, 4),
    "la moitié": (1, 2), "un tiers": (1, 3), "deux tiers": (2, 3), "un quart": (1, 4), "trois quarts": (3, 4),
    "la mitad": (1, 2), "un tercio": (1, 3), "dos tercios": (2, 3), "un cuarto": (1, 4), "tres cuartos": (3, 4),
    "la metà": (1, 2), "un terzo": (1, 3), "due terzi": (2, 3), "tre quarti": (3, 4),
    "metade": (1, 2), "um terço": (1, 3), "dois terços": (2, 3), "três quartos": (3, 4),
    "die hälfte": (1, 2), "ein drittel": (1, 3), "zwei drittel": (2, 3), "ein viertel": (1, 4), "drei viertel": (3, 4),
}
_FRACTION = re.compile(
    r"(?i)(?<![\w'’])(" + "|".join(sorted((re.escape(w) for w in _FRACTION_WORDS), key=len, reverse=True)) +
    r")\s+(?:of|de|des|du|d['’]|del|di|dei|degli|delle|della|dello|do|da|dos|das|der|von|aller)(?=[\s\w])"
    r"|(?<![\d/])([1-9])/(2|3|4|5|10)(?![\d/])")
# "the second half of", "la seconde moitié du XIXe siècle": a part of a time, no share; "a quarter of an hour"
_NO_SHARE_BEFORE = re.compile(r"(?i)\b(?:first|second|latter|other|première|seconde|primera|segunda|prima|"
                              r"seconda|primeira|ersten|zweiten|andere[n]?)\s+$")
_NO_SHARE_AFTER = re.compile(r"(?i)\s*(?:an? hour|d['’]heure|de hora|d['’]ora|di un['’]ora|einer stunde|"
                             r"century|siècle|siglo|secolo|século|jahrhunderts)")


def _fractions(text: str) -> list[Found]:
    found = []
    for match in _FRACTION.finditer(text):
        if match.group(1):
            numerator, denominator = _FRACTION_WORDS[match.group(1).lower()]
            words_end = match.end(1)
            after = text[match.end():]
            if _NO_SHARE_BEFORE.search(text[:match.start()]) or _NO_SHARE_AFTER.match(after):
                continue
        else:
            numerator, denominator = int(match.group(2)), int(match.group(3))
            if numerator >= denominator:
                continue
            words_end = match.end()
        label = _label(text, words_end)
        if not label:  # "Half of the money comes from a national fund for ...": what it is a share of, first
            words = CLAUSE_BREAK.split(text[words_end:])[0].split()[:6]
            while words and _trailing(words):
                words = words[:-1]
            label = " ".join(words)
        stat = Stat(value=numerator / denominator, text=f"{numerator}/{denominator}", unit="", label=label,
                    prefix=_qualifier(text, match.start()))
        found.append(Found(match.start(), words_end, stat))
    return found


def _word_stats(text: str, language: str, digits_found: list[Found]) -> list[Found]:
    """Spelled-out numbers followed by a unit: "more than fifteen metres", "quinze mètres"."""
    tokens = list(re.finditer(r"[^\W\d_][\w\-]*", text))
    known = {**WORDS, **OWN_WORDS.get(language, {})}
    joins = ("and", "et", "y", "e") if language in ("pt", "it") else ("and", "et", "y")
    found, index = [], 0
    while index < len(tokens):
        run, value, current, scale_word, halved = [], 0.0, 0.0, "", False
        while index < len(tokens):
            word = tokens[index].group(0).lower()
            parts = word.split("und") if language == "de" and "und" in word and word not in known else [word]
            if word not in known and "-" in word and all(p in known for p in word.split("-")):
                parts = word.split("-")  # "twenty-six", "vingt-deux"
            if language == "it" and word not in known and _italian_compound(word):
                known = {**known, word: _italian_compound(word)}  # "cinquantamila", "centodiciotto"
            if language == "de" and word not in known and _german_compound(word):
                known = {**known, word: _german_compound(word)}  # "zwanzigtausend", "sechshundert"
                parts = [word]
            after_join = bool(run) and run[-1].group(0).lower() in joins
            following = tokens[index + 1].group(0).lower() if index + 1 < len(tokens) else ""
            half = _HALF.match(text, tokens[index].start()) if not run else None
            if half:  # "half a million visitors": 500,000 (it was "1 million", the "a" read as one)
                covered = [t for t in tokens[index:] if t.start() < half.end()]
                run, value, halved = covered, SCALES[half.group(1).lower()] / 2, True
                index += len(covered)
                break
            if not run and word in _ONE and following in _ONE_SCALE:
                current = 1.0  # "einer Million Tiere", "un millón de litros", "a thousand metres"
                run.append(tokens[index])
            elif not run and word in _BARE_THOUSAND:
                value, scale_word = 1000.0, ""  # "mille gradi", "mil años": a thousand without "one"
                run.append(tokens[index])
            elif (all(p in known for p in parts) and (word not in _ARTICLE_ONE or after_join)) or (
                    run and word in (*joins, "hundred", "hundert", "cent", "ciento")):
                if word == "and" and [t.group(0).lower() for t in tokens[index + 1:index + 3]] == ["a", "half"]:
                    current += 0.5  # "two and a half million people"
                    run += tokens[index:index + 3]
                    index += 3
                    continue
                if word in joins:
                    if not _joins(run, tokens[index + 1:index + 3], known):
                        break  # "between ten and fifteen": two numbers, not twenty-five
                    run.append(tokens[index])
                    index += 1
                    continue
                number = sum(known[p] for p in parts)
                current = current * number if number == 100 and current else current + number
                run.append(tokens[index])
            elif word in SCALES and run:
                if SCALES[word] >= 1e6 and 0 < value < SCALES[word]:
                    # "mil seiscientos millones de dólares", "mil millones": the thousands are of millions
                    value, scale_word = (value + current) * SCALES[word], tokens[index].group(0)
                else:
                    if SCALES[word] >= 1e6 and not value:
                        scale_word = tokens[index].group(0)  # "a hundred million": shown as "100 million"
                    value += max(current, 1) * SCALES[word]
                current = 0.0
                run.append(tokens[index])
            else:
                break
            index += 1
        if not run:
            index += 1
            continue
        first = run[0].group(0)
        if first.lower() in _HUNDREDS and _VAGUE.search(text[:run[0].start()]):
            continue  # "several hundred traps", "quelques milliers": no number to show
        if first[:1].isupper() and re.search(r"[^\s.!?:;«“\"(¡¿]\s*$", text[:run[0].start()]):
            continue  # "la guerre de Cent Ans": a capital inside a sentence makes it a name
        value += current
        end = run[-1].end()
        half = re.match(r"\s+(?:e meio|e meia|y medio|y media|et demi|and a half|e mezzo)\b", text[end:]) \
            if scale_word else None
        if half:  # "um milhão e meio de turistas": 1,5 milhão
            value += SCALES[scale_word.lower()] / 2
            end += half.end()
        joined = re.match(r"\s+(?:de|di|of|d')\b", text[end:]) if scale_word or halved else None
        link = f" {joined.group(0).strip()}" if joined else ""  # "trescientos millones de litros"
        unit, end_unit = _unit_after(text, end + (joined.end() if joined else 0))
        if unit == "in":
            unit, end_unit = "", end  # "half past one in the morning": inches only after digits
        if not unit and (value >= 100 or scale_word or (value >= 10 and _said_in(run, language) and (
                _qualifier(text, run[0].start()) or not text[:run[0].start()].strip()))):
            # "quattrocento ponti", "mil habitantes"; "only twenty lifeboats", "Fewer than fifty copies",
            # "Dieci contrade": a number under a hundred when it is weighed or opens the line, in the words of
            # the line's language (not "once carried", nor "a message of ninety-eight words", "de doze cordas"
            unit, end_unit = _counted_after(text, end + (joined.end() if joined else 0), language)  # "mil habitantes"
        start = run[0].start()
        # "unos cuatro millones al año", "four million a year": a count on a scale, then how often, counts
        # what the line counts (with digits it did: "4 millones al año")
        rate = not unit and scale_word and not current and _RATE_AFTER.match(text, end)
        if rate:
            end_unit = end
        bare = not (unit or rate) and (value >= 10 or scale_word) and _people_weighed(
            text, start, end, value if not scale_word else 1e6)
        if bare:  # "Più di trecento vi hanno perso la vita": how many, weighed, who did what
            end_unit = _of_them_end(text, end)
        if (unit or rate or bare) and not any(f.start <= start < f.end for f in digits_found):
            if scale_word and not current:
                factor = SCALES[scale_word.lower()]
                scaled = value / factor
                shown = _written(scaled, language) if scaled >= 1000 else f"{scaled:g}"
                if scaled != int(scaled) and language in COMMA_DECIMAL:
                    shown = shown.replace(".", ",")  # "1,5 milhão"
                found.append(Found(start, end_unit, Stat(value=scaled, text=shown,
                                                         unit=f"{scale_word}{link} {unit}".strip(),
                                                         label=_label(text, end_unit, language),
                                                         prefix=_qualifier(text, start))))
                continue
            metres = _METRES_AND.search(text[:start]) if unit.lower() in _CENTIMETRES else None
            whole = _one_or_number(metres.group(1), language) if metres else None
            if whole is not None:  # "un metro e novantaquattro centimetri": 1,94 m, not 94 centimetri
                value, start = whole + value / 100, metres.start()
                shown = f"{value:.2f}".replace(".", "," if language in COMMA_DECIMAL else ".")
                found.append(Found(start, end_unit, Stat(value=value, text=shown, unit="m",
                                                         label=_label(text, end_unit, language),
                                                         prefix=_qualifier(text, start))))
                continue
            after_unit = _HALF_AFTER_UNIT.match(text, end_unit)
            if after_unit and value == int(value) and value < 100:  # "dos siglos y medio": 2,5 siglos, not 2
                value, end_unit = value + 0.5, after_unit.end()
            shown = _written(value, language) if value == int(value) else f"{value:g}"  # "two and a half hours"
            if value != int(value) and language in COMMA_DECIMAL:
                shown = shown.replace(".", ",")
            found.append(Found(start, end_unit, Stat(value=value, text=_sign(text, start) + shown, unit=unit,
                                                     label=_label(text, end_unit, language),
                                                     prefix=_qualifier(text, start))))
    return found


# "of them", after a number of people: what the line counts is in the sentence before
_OF_THEM = re.compile(r"(?i)\s+(?:of them|of whom|von ihnen|d['’]entre eux|d['’]entre elles|de ellos|de ellas|di loro|"
                      r"di essi|deles|delas|dos quais)\b")


def _of_them_end(text: str, end: int) -> int:
    found = _OF_THEM.match(text, end)
    return found.end() if found else end


def _people_weighed(text: str, start: int, end: int, value: float = 100.0) -> bool:
    """A count with no unit, weighed ("more than", "più di", "only") and followed by what they did or "of
    them" ("Mehr als tausend von ihnen starben", "Only 18 survived"): a number of people the sentence before
    named. Under a hundred only before a verb of surviving or dying."""
    weighed = _qualifier(text, start).lower()
    if weighed not in _MORE_OR_FEWER and not (weighed in _ONLY_WORDS and value < 100):
        return False
    after = text[_of_them_end(text, end):]
    verb = re.match(r"\s+(?:vi\s+|ci\s+|y\s+|se\s+|si\s+|s['’])?([a-zà-öø-ÿ]{2,})\b", after)
    if value < 100:
        return bool(verb and verb.group(1) in _WHAT_PEOPLE_DID - _AUXILIARY_DID)
    return bool(_OF_THEM.match(text, end) or (verb and (verb.group(1) in _WHAT_PEOPLE_DID or (
        re.fullmatch(r"[a-z]{3,}ed", verb.group(1)) and verb.group(1) not in ("red", "bed", "seed", "speed")))))


_ONLY_WORDS = frozenset({"only", "just", "solo", "sólo", "seulement", "nur", "apenas", "appena", "soltanto"})
_AUXILIARY_DID = frozenset({"were", "had", "have", "ont", "sont", "étaient", "avaient", "han", "fueron", "eran",
                            "hanno", "sono", "erano", "foram", "eram", "waren", "wurden", "haben", "hatten"})


# The weighing words of a count that needs no unit ("more than 300 [died]"), not "about" or "some", which
# come before a unit the line may not spell as one ("about two thousand sheep")
_MORE_OR_FEWER = frozenset({"more than", "over", "fewer than", "less than", "plus de", "moins de", "más de",
                            "menos de", "mais de", "più di", "meno di", "oltre", "mehr als", "weniger als",
                            "über"})
# What a number of people did, said straight after it: auxiliaries and verbs of surviving and dying
_PEOPLE_DID = """
died were had have survived perished drowned fled lost remained stayed came returned
ont sont étaient avaient moururent périrent survécurent
han fueron murieron perdieron sobrevivieron huyeron eran
hanno sono erano morirono persero sopravvissero fuggirono
morreram foram perderam sobreviveram fugiram eram
starben waren wurden haben hatten überlebten ertranken flohen kamen
"""
_WHAT_PEOPLE_DID = frozenset(_PEOPLE_DID.split())


_RATE_AFTER = re.compile(r"(?i)\s+(?:al año|por año|a year|per year|each year|every year|par an|chaque année|pro Jahr|"
                         r"im Jahr|jährlich|all['’]anno|l['’]anno|ogni anno|por ano|ao ano|a day|per day|par jour|"
                         r"al día|pro Tag|al giorno|por dia)\b(?! ago)")


# A half said after the unit: "dos siglos y medio", "três horas e meia", "due ore e mezza", "deux heures et
# demie", "two hours and a half".
_HALF_AFTER_UNIT = re.compile(r"(?i)\s+(?:y medi[oa]|e mei[oa]|e mezz[oa]|et demie?|and a half)\b")


_KILOMETRES = frozenset({"kilometres", "kilometers", "kilomètres", "kilómetros", "quilómetros", "quilômetros",
                         "chilometri", "kilometer", "kilometre", "kilomètre", "kilómetro", "quilómetro", "chilometro"})
_METRES = frozenset({"metres", "meters", "mètres", "metros", "metri", "meter", "metre", "mètre", "metro"})
_RUN_JOINS = ("and", "et", "y", "e", "und")
_ONE_OR_ARTICLE = frozenset({"a", "an", "one", "un", "une", "uno", "una", "um", "uma", "ein", "eine", "einer", "einem",
                             "einen"})


_ONE_LENGTH = re.compile(r"(?i)\b(?:a|an|one|un|une|uno|um)\s+(metre|meter|mètre|metro|kilometre|kilometer|kilomètre|"
                         r"kilómetro|quilómetro|chilometro)\b")


def _one_length(text: str, language: str, found: list[Found]) -> list[Found]:
    """"Un mètre quatre-vingts", "un metro ottanta": one metre and the centimetres after it, which
    _with_smaller_unit reads; "one metre" alone stays no number to show."""
    lengths = []
    for match in _ONE_LENGTH.finditer(text):
        if any(f.start <= match.start() < f.end for f in found):
            continue
        one = Found(match.start(), match.end(), Stat(value=1.0, text="1", unit=match.group(1), label="",
                                                      prefix=_qualifier(text, match.start())))
        longer = _with_smaller_unit(one, text, language)
        if longer is not one:
            lengths.append(longer)
    return lengths


def _with_smaller_unit(found: Found, text: str, language: str) -> Found:
    """A length said with its metres or centimetres after it, the smaller unit left unsaid ("deux
    kilomètres quatre cent soixante": 2,46 km, not 2 km; "dos metros cuarenta": 2,40 m)."""
    unit = found.stat.unit.lower()
    if unit not in _KILOMETRES | _METRES or found.stat.value != int(found.stat.value):
        return found
    current, end = 0.0, found.end
    for token in re.finditer(r"\s+([^\W\d_][\w\-]*)", text[found.end:]):
        if token.start() != end - found.end:
            break
        word = token.group(1).lower()
        if word in _ONE_OR_ARTICLE and not current:
            break  # "dix kilomètres un peu plus loin", "une fois"
        number = _spelled_value(word, language)  # "quatre-vingt-dix" whole, not 4 + 20 + 10
        if number is not None:
            current = current * number if number == 100 and current else current + number
        elif word not in _RUN_JOINS:  # "um metro e oitenta"
            break
        end = found.end + token.end()
    limit = 1000 if unit in _KILOMETRES else 100
    if not current or current >= limit or (re.match(r"\s+[^\W\d_]", text[end:]) and _unit_after(text, end)[0]):
        return found  # nothing after it, or a number of something else ("deux mètres cinquante centimètres" aside)
    whole = found.stat.value + current / limit
    shown = f"{whole:.3f}".rstrip("0") if limit == 1000 else f"{whole:.2f}"
    shown = shown.replace(".", "," if language in COMMA_DECIMAL else ".")
    return Found(found.start, end, dataclasses.replace(found.stat, value=whole, text=shown, label=_label(text, end)))


def _german_compound(word: str) -> int | None:
    """A German number written as one word with "hundert" or "tausend" in it ("sechshundert",
    "zwanzigtausend", "dreihundertfünfzig"), or None."""
    for scale, factor in (("tausend", 1000), ("hundert", 100)):
        if scale in word:
            left, _, right = word.partition(scale)
            before = _german_compound(left) if left else 1
            after = _german_compound(right) if right else 0
            return None if before is None or after is None else before * factor + after
    parts = word.split("und") if "und" in word else [word]
    return sum(WORDS[p] for p in parts) if all(p in WORDS for p in parts) else None


_CENTIMETRES = frozenset({"centimetres", "centimeters", "centimètres", "centímetros", "centimetri", "zentimeter"})
_METRES_AND = re.compile(r"(\S+)\s+(?:metre|metres|meter|meters|mètre|mètres|metro|metros|metri|Meter)\s+"
                         r"(?:and|et|y|e|und)\s+$", re.IGNORECASE)


_HUNDREDS = frozenset({"hundred", "hundreds", "thousand", "thousands", "hundert", "tausend", "cent", "cents", "mille",
                       "ciento", "cientos", "mil", "cento", "centinaia", "cem", "centenas", "milhares"})
_VAGUE = re.compile(r"(?i)\b(?:several|a few|few|some|many|plusieurs|quelques|varios|varias|algunos|algunas|"
                    r"mehrere|einige|einigen|einiger|wenige|wenigen|weniger|ein paar|alcune|alcuni|diverse|diversi|"
                    r"vari|varie|vários|várias|alguns|algumas|pocas|pocos|poche|pochi|poucas|poucos)"
                    r"\s+$")


def _one_or_number(word: str, language: str) -> float | None:
    """The whole metres before "... and N centimetres": a digit, "one" or its article, or a spelled number."""
    if word.isdigit():
        return float(word)
    if word.lower() in _ONE:
        return 1.0
    return _spelled_value(word.lower(), language)


def _italian_compound(word: str) -> int | None:
    """An Italian number written as one word with "mila", "mille" or "cento" in it ("cinquantamila",
    "centodiciotto", "milleduecento", "duecentocinquanta"), or None."""
    known = {**WORDS, **OWN_WORDS["it"]}  # "centocinquantamila": its "cinquanta" is one of the shared words
    if word in known:
        return known[word]
    for scale, factor in (("mila", 1000), ("mille", 1000), ("cento", 100)):
        left, found, right = word.partition(scale)
        if not found or (scale == "mille" and left) or (scale == "mila" and not left):
            continue
        before = _italian_compound(left) if left else 1
        after = _italian_compound(right) if right else 0
        return None if before is None or after is None else before * factor + after
    return None


def _written(value: float, language: str) -> str:
    """A whole number as the language writes it: 20,000; 20.000; 20 000 (French, a narrow no-break space)."""
    shown = f"{value:,.0f}"
    return shown if language not in COMMA_DECIMAL else shown.replace(",", "\u202f" if language == "fr" else ".")


def _spelled_value(word: str, language: str) -> float | None:
    """The value of one spelled-out number word ("fifteen", "twenty-six", "cinquantamila"), or None."""
    known = {**WORDS, **OWN_WORDS.get(language, {})}
    if language == "it" and word not in known and _italian_compound(word):
        return float(_italian_compound(word))
    parts = word.split("-")
    if word in known or all(p in known for p in parts):
        return float(known.get(word, sum(known.get(p, 0) for p in parts)))
    return None


_ONE = frozenset({"a", "one", "un", "une", "uno", "una", "ein", "eine", "einer", "einem", "einen"})
_HALF = re.compile(r"(?i)(?:half an? |(?:un |une )?demi-|(?:eine |einer |einem |einen )?halbe[nm]? |(?:un )?medio "
                   r"|(?:un )?mezzo |(?:um )?meio )(million|millón|milione|milhão|billion|milliard|milliarde|"
                   r"miliardo)\b")
# "one" counts on its own; an article only before a scale ("einer Million").
_ARTICLE_ONE = frozenset({"un", "una", "ein", "eine", "einer", "einem", "einen"})
_BARE_THOUSAND = frozenset({"mille", "mil", "tausend"})
# the scales an article counts one of: singular ("a thousand", "a million", "un millón"), never "a millones de
# visitantes", where "a" is Spanish for "to" and the millions are no count
_ONE_SCALE = frozenset({"thousand", "million", "millón", "milione", "milhão", "miliardo", "billion", "milliard",
                        "milliarde", "trillion"})


def _joins(run: list[re.Match], following: list[re.Match], known: dict[str, int] = WORDS) -> bool:
    """Whether "and" ("et", "y") inside a spelled-out number joins its parts: tens and a unit
    ("thirty-five" as "treinta y cinco", "vingt et un"), or a hundred or a thousand and what follows
    ("a hundred and five"); not two numbers ("entre diez y quince")."""
    if not following:
        return False
    last, following_word = run[-1].group(0).lower(), following[0].group(0).lower()
    after = 1 if following_word in ("un", "une", "uno", "una") else known.get(following_word)
    if after is None:
        return False
    if last in SCALES:  # "mil e quarenta" is 1040, but "trinta mil e quarenta mil" two numbers (a range)
        return not (len(following) > 1 and following[1].group(0).lower() == last)
    before = known.get(last)
    if last in ("hundred", "hundert", "cent", "cents", "ciento", "cien") or (
            before is not None and 100 <= before < 1000 and before % 100 == 0):
        return after < 100  # "cento e cinquenta", "a hundred and five"; not "entre cem e cento e cinquenta"
    if before is not None and before >= 1000 and before % 1000 == 0:
        return after < 1000  # "quattordicimila e cinquecento"
    return before is not None and before >= 20 and before % 10 == 0 and 0 < after < 10


def _range_start(text: str, start: int, language: str, unit: str = "") -> tuple[int, str, float] | None:
    """The first number of a range ending where a stat starts ("between 10 and" before "15 euros";
    "from 5 km to" before "8 km", the unit said twice): its start, as written, and its value."""
    before = text[:start]
    said = rf"(?P<said>\s*{re.escape(unit)})?" if unit and " " not in unit else ""
    # "de 25 000 à": French and others group thousands with a plain space too
    digits = re.search(rf"(?i)(?P<open>\b{_RANGE_OPEN}\s+)?((?:[$€£¥]\s?)?(?:\d{{1,3}}(?: \d{{3}})+(?![\d.,])|"
                       rf"\d[\d.,\u202f\u00a0]*?)){said}\s*"
                       rf"{_RANGE_JOIN}\s*$", before)
    if digits and said and digits.group("said") and not digits.group("open"):
        digits = None  # "5 euros and 8 euros more": two sums; "from 5 km to 8 km" is a range
    number = _NUMBER.fullmatch(digits.group(2).rstrip(".,")) if digits else None
    if number and (digits.start() == 0 or not before[digits.start() - 1].isalnum()):
        value, shown = _value(number.group(2), number.group(3) or "", language)
        return digits.start(), f"{(number.group(1) or '').strip()}{shown}", value
    spelled = re.search(rf"(?i)(?:\b{_RANGE_OPEN}\s+)?\b([^\W\d_][\w\-]*)\s+{_RANGE_JOIN}\s+$", before)
    if spelled:
        value = _spelled_value(spelled.group(1).lower(), language)
        if value is not None:
            return spelled.start(), _written(value, language) if value >= 1000 else f"{value:g}", value
    # "entre 30 mil e" [50 mil pessoas]: digits and the scale the stat shows in its unit too
    both = re.search(rf"(?i)(?:\b{_RANGE_OPEN}\s+)?\b(\d[\d.,]*)\s+([^\W\d_]+)\s+{_RANGE_JOIN}\s+$", before)
    if both and unit.split()[:1] and both.group(2).lower() == unit.split()[0].lower() and \
            both.group(2).lower() in SCALES:
        number = _NUMBER.fullmatch(both.group(1).rstrip(".,"))
        if number:
            value, shown = _value(number.group(2), number.group(3) or "", language)
            return both.start(), shown, value
    # "entre trinta mil e" [quarenta mil pessoas]: a number and its scale
    scaled = re.search(rf"(?i)(?:\b{_RANGE_OPEN}\s+)?\b([^\W\d_][\w\-]*)\s+([^\W\d_]+)\s+{_RANGE_JOIN}\s+$", before)
    if scaled and scaled.group(2).lower() in SCALES:
        value = _spelled_value(scaled.group(1).lower(), language)
        if value is not None:
            value *= SCALES[scaled.group(2).lower()]
            return scaled.start(), _written(value, language), value
    return None


def _with_range(found: Found, text: str, language: str) -> Found:
    """A stat that ends a range shows it: "10–15" euros, counted up to the upper end."""
    start = _range_start(text, found.start, language, found.stat.unit)
    if start is None:
        return found
    begin, shown, value = start
    if not 0 <= value < found.stat.value:
        return found
    stat = found.stat
    prefix = _qualifier(text, begin)
    return Found(begin, found.end, Stat(value=stat.value, text=f"{shown}–{stat.text}", unit=stat.unit,
                                        label=stat.label, prefix=prefix))


def find_dates(text: str) -> list[tuple[int, int, str]]:
    """(start, end, the date as written) for each date or year of the line, in order."""
    spans = sorted(_years(text), key=lambda span: (span[0], -span[1]))  # the longest at each start
    dates, last_end = [], -1
    for start, end in spans:
        if start < last_end:
            continue
        shown = text[start:end].strip()
        shown = re.sub(r"(?i)^(?:le|el) ", "", shown)
        spelled = _SPELLED_DAY.fullmatch(shown)
        if spelled:
            shown = f"{_DAY_VALUE[spelled.group(1).lower()]} {spelled.group(2)} {spelled.group(3)}"
        shown = shown[:1].upper() + shown[1:] if _DECADE.fullmatch(shown) else shown  # "Anos 1990"
        shown = _KANJI_YEAR.sub(lambda m: f"{kanji_number(m.group(1))}年", shown)  # "一八五四年": 1854年
        dates.append((start, end, shown))
        last_end = end
    return dates
