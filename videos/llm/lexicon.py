"""The list of filmable nouns (visual_nouns.txt) and how a word of a text is found in it: plurals
and inflections by rule (tides, phares, volcanes, Brücken, Häuser; rouillées, rojas, alten), German
compounds by their parts (Lawinenhund: an avalanche dog), and the words of the list that are more
often something else ("she saw", "car" in French) only where an article says they are things."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

LIST = Path(__file__).with_name("visual_nouns.txt")
# Languages with a column of their own in the list; more languages in files of their own
# (visual_nouns_it.txt: "English | Italian, variants" for the things of the list).
COLUMNS = ("en", "fr", "es", "de")
MORE = {"it": Path(__file__).with_name("visual_nouns_it.txt"), "pt": Path(__file__).with_name("visual_nouns_pt.txt")}
LANGUAGES = (*COLUMNS, *MORE)
LINKS = {"en": {"of"}, "fr": {"de", "d", "du", "des"}, "es": {"de", "del"}, "de": set(),
         "it": {"di", "del", "della", "dello", "dei", "degli", "delle", "d"},
         "pt": {"de", "do", "da", "dos", "das", "d"}}
ELISION = re.compile(r"^(?:[ldjnsmtc]|qu|jusqu|lorsqu|puisqu|dell|dall|nell|sull|all|un|quell|quest)['’](.+)$",
                     re.IGNORECASE)
TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")

def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


@dataclass(frozen=True)
class Thing:
    kind: str
    english: str  # the first English word of its line in the list
    native: str  # the same in the language it was found in
    generated: bool = False  # from the list made from dictionaries, not the hand-written one



def known(language: str) -> str:
    """The language the list reads a text in: its own when the list has it, English otherwise (a
    Portuguese or Japanese script finds only the names and loanwords it shares with English)."""
    return language if language in LANGUAGES else "en"


@cache
def rows(language: str) -> tuple[tuple[str, str, str], ...]:
    """(kind, English cell, the language's cell) for each thing of the list; "-" where the language
    has no word for it."""
    language = known(language)
    table = [cells for cells in (
        [cell.strip() for cell in line.split("|")] for line in LIST.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")) if len(cells) == 5]
    if language in COLUMNS:
        column = COLUMNS.index(language) + 1
        return tuple((cells[0], cells[1], cells[column]) for cells in table)
    more: dict[str, str] = {}
    for line in MORE[language].read_text(encoding="utf-8").splitlines():
        if "|" in line and not line.startswith("#"):
            english, native = (cell.strip() for cell in line.split("|", 1))
            more[english] = f"{more[english]}, {native}" if english in more else native
    return tuple((kind, english, more.get(english.split(",")[0].strip(), "-")) for kind, english, *_ in table)


def fold(word: str) -> str:
    """Lower case without accents: "Brücke" and "brucke", "câble" and "cable" meet."""
    decomposed = unicodedata.normalize("NFKD", word.lower().replace("ß", "ss"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def forms(word: str, language: str) -> list[str]:
    """The word (lower case) and the singular forms it may be a plural of."""
    word = word.lower()
    found = [word]
    if language == "en":
        if word.endswith("ies") and len(word) > 4:
            found.append(word[:-3] + "y")
        if word.endswith("ves"):
            found += [word[:-3] + "f", word[:-3] + "fe"]
        if word.endswith("men"):
            found.append(word[:-3] + "man")
        if word.endswith("es"):
            found.append(word[:-2])
        if word.endswith("s") and not word.endswith("ss"):
            found.append(word[:-1])
    elif language == "fr":
        if word.endswith("aux"):
            found.append(word[:-3] + "al")
        if word.endswith(("s", "x")):
            found.append(word[:-1])
    elif language == "es":
        if word.endswith("ces"):
            found.append(word[:-3] + "z")
        if word.endswith("es"):
            found.append(word[:-2])
        if word.endswith("s"):
            found.append(word[:-1])
        for singular in list(found):  # pastora -> pastor, vecina -> vecino
            if singular.endswith("a") and len(singular) > 4:
                found += [singular[:-1], singular[:-1] + "o"]
    elif language == "it":
        # cave -> cava, blocchi -> blocco, scultori -> scultore, lastre -> lastra, api -> ape
        if word.endswith(("chi", "ghi")):
            found.append(word[:-2] + "o")
        if word.endswith(("che", "ghe")):
            found.append(word[:-2] + "a")
        if word.endswith("i") and len(word) > 3:
            found += [word[:-1] + "o", word[:-1] + "e", word[:-1] + "io"]
            if word.endswith(("isti", "ti", "mi")):  # a masculine in -a: artisti, piloti, sistemi (not pali, pala)
                found.append(word[:-1] + "a")
        if word.endswith("e") and len(word) > 3:
            found.append(word[:-1] + "a")
    elif language == "pt":
        found += _portuguese_singulars(word)
    elif language == "de":
        for ending in ("nen", "en", "er", "es", "e", "n", "s"):  # (-es: a genitive, "des Dorfes")
            if ending == "nen" and not word.endswith("innen"):
                continue  # Königinnen -> Königin; "Tonnen" (tonnes) is no "Ton" (clay)
            if word.endswith(ending) and len(word) - len(ending) >= 3:
                found.append(word[: -len(ending)])
        found += [fold(f) for f in found]  # Häuser -> haus, Türme -> turm
    return list(dict.fromkeys(found))


# Portuguese plurals by their ending: pães, limões, mãos -> -ão; papéis, faróis, animais, azuis -> -el, -ol,
# -al, -ul; fósseis -> -il (unstressed), barris -> -il (stressed); nuvens -> -m.
PT_ENDINGS = (("ães", "ão"), ("ões", "ão"), ("ãos", "ão"), ("éis", "el"), ("óis", "ol"), ("ais", "al"),
              ("uis", "ul"), ("eis", "il"), ("is", "il"), ("ns", "m"))


def _portuguese_singulars(word: str) -> list[str]:
    """The singulars a Portuguese plural may be of; a woman's trade in -ora, -eira is the -or, -eiro the
    list has (pescadora, cozinheira)."""
    found = [word[: -len(ending)] + singular for ending, singular in PT_ENDINGS
             if word.endswith(ending) and len(word) > len(ending)]
    if word.endswith(("res", "zes", "ses")) and len(word) > 4:
        found.append(word[:-2])  # flores, luzes
    if word.endswith("s") and not word.endswith("ss"):
        found.append(word[:-1])
    for singular in [word, *found]:
        if singular.endswith(("ora", "eira")) and len(singular) > 5:
            found.append(singular[:-1] if singular.endswith("ora") else singular[:-1] + "o")
    return found


def adjective_forms(word: str, language: str) -> list[str]:
    """An adjective's masculine singular: rouillées -> rouillé, rojas -> rojo, alten -> alt."""
    word = word.lower()
    found = [word]
    if language == "fr":
        for ending in ("es", "s", "e"):
            if word.endswith(ending) and len(word) > len(ending) + 3:
                found.append(word[: -len(ending)])
    elif language == "es":
        for ending, masculine in (("as", "o"), ("os", "o"), ("a", "o"), ("es", ""), ("s", "")):
            if word.endswith(ending) and len(word) > 4:
                found.append(word[: -len(ending)] + masculine)
    elif language == "pt":  # vermelhas -> vermelho, azuis -> azul, grandes -> grande
        for ending, masculine in (("as", "o"), ("os", "o"), ("a", "o"), ("uis", "ul"), ("es", "e"), ("es", ""),
                                  ("s", "")):
            if word.endswith(ending) and len(word) > 4:
                found.append(word[: -len(ending)] + masculine)
    elif language == "it":
        for ending, masculine in (("a", "o"), ("i", "o"), ("e", "o"), ("e", "e"), ("i", "e")):
            if word.endswith(ending) and len(word) > 4:
                found.append(word[: -len(ending)] + masculine)
    elif language == "de":
        for ending in ("en", "er", "es", "em", "e"):
            if word.endswith(ending) and len(word) - len(ending) >= 3:
                found.append(word[: -len(ending)])
    elif language == "en":
        found += forms(word, language)[1:]
    return list(dict.fromkeys(found))


def tokens(text: str, language: str) -> list[str]:
    """Words, with French and Italian elisions split off ("l'estuaire" -> "estuaire")."""
    out = []
    text = text.replace("’", "'")
    # "steam-powered" is two words; a German "Gotthard-Basistunnel" is one thing with a name in front.
    pattern = r"(?<=[a-zäöüß])-(?=[a-zäöüß])" if language == "de" else r"(?<=\w)-(?=\w)"
    text = re.sub(pattern, " ", text)
    for token in TOKEN.findall(text):
        match = ELISION.match(token) if language in ("fr", "it", "pt") else None  # d'água
        out.append(match.group(1) if match else token)
    return out


def elided(text: str, language: str) -> list[bool]:
    """For each word tokens() gives, whether an article or a preposition was elided off its front ("dall'alto",
    "l'argile"): such a word begins a phrase of its own, no describing word of the noun before it."""
    if language not in ("fr", "it", "pt"):
        return [False] * len(tokens(text, language))
    text = text.replace("’", "'")
    text = re.sub(r"(?<=\w)-(?=\w)", " ", text)
    return [bool(ELISION.match(token)) for token in TOKEN.findall(text)]


@cache
def word_index(language: str) -> tuple[dict[str, Thing], dict[str, Thing], dict[str, list[tuple[tuple[str, ...],
                                                                                              Thing]]]]:
    """Single words by lower-case form and by folded form (for text typed without accents); phrases
    by their first word."""
    language = known(language)
    single: dict[str, Thing] = {}
    folded: dict[str, Thing] = {}
    phrases: dict[str, list[tuple[tuple[str, ...], Thing]]] = {}
    for kind, english_cell, cell in rows(language):
        english = english_cell.split(",")[0].strip()
        for variant in cell.split(","):
            variant = variant.strip()
            if variant == "-":
                continue
            parts = tuple(t.lower() for t in tokens(variant, language))
            if not parts:
                continue
            thing = Thing(kind, english, variant)
            if len(parts) == 1:
                single.setdefault(parts[0], thing)
                folded.setdefault(fold(parts[0]), thing)
            else:
                phrases.setdefault(parts[0], []).append((parts, thing))
    return single, folded, phrases


# Words of the list that are more often something else ("she saw", "as well", "car" in French,
# "llama" a verb in Spanish, "zwei Uhr"): things only after an article, a possessive or a number.
AMBIGUOUS = {
    "en": _wordset("saw well watch fit lead match park light fire ring bank press type spring seal crane bat "
                    "plant star train land mine iron fall ship key show mouse palm date current wave rock "
                    "present order figure trip sink file record net box case shed pitch can stone "
                    "tap scale block bow bolt bark brush label filter plain swallow stamp log nail pen trap fan orange "
                    "tank drum grinder rose"),
    "fr": _wordset("place fils bois lit mine est porte marche pièce tour voile livre glace cours pêche "
                    "côte été or car vers son sel temps fer feu balance arc fil bec rose queue volant presse"),
    "es": _wordset("sal vela llama presa bajo sierra cara ola como río cosecha corriente planta "
                    "banco muelle sol luz rosa cola"),
    "de": _wordset("uhr morgen stern see bank kiefer ton leiter schloss strom flut start rad"),
    "it": _wordset("sale porta pesca riso campo lago mare vela stella pianta banco fuoco luce corrente rosa coda "
                    "dipinto dipinti"),  # "un dipinto": a painting; "il fondale dipinto": painted
    "pt": _wordset("vela planta banco corrente rosa pena cara como cabo sede canto ponto pilha salsa disco "
                    "cheia cheias"),  # "frases cheias de humor": full; "a cheia do rio": the flood
}
# Names of the list whose last word is not what they are, so they do not show it: a tug of war is no war, a shaving
# horse (a woodworker's bench) no horse, a hot dog no dog (a fishing boat is a boat, a bell tower a tower).
NOT_THEIR_HEAD = frozenset(["tug of war", "shaving horse", "hot dog"])


def head(thing: str) -> str:
    """What a thing of the list is a kind of: its last word ("fishing boat" a boat), or itself ("tug of war")."""
    return thing if thing in NOT_THEIR_HEAD else thing.split()[-1]
# Words of the list that, before "de" ("of") and a thing, count that thing rather than name one of their own:
# "um maço de cigarros" is a pack of cigarettes (no mallet), "um molho de chaves" a bunch of keys, "une botte de
# radis" a bunch of radishes (no boot), "une balle de coton" a bale of cotton (no bullet).
COUNTERS = {"pt": _wordset("maço maços molho molhos"), "fr": _wordset("botte bottes balle balles")}
# German nouns that name nothing a camera films and end in the spelling of one that does ("Zeichen" holds
# "Eichen", oaks; "Brauch" a custom, "Rauch" smoke; "Preis" a price, "Reis" rice): a compound ending in one is
# no thing ("Zunftzeichen", "Maibaumbrauch", "Eintrittspreis"), nor the word itself ("Hinweis", "Einfluss").
ABSTRACT_DE = _wordset("zeichen brauch gebrauch verbrauch preis preise hinweis nachweis beweis einfluss überfluss")
# German plurals of a word of the list that are another word's plural: "Bahnen" are lengths of cloth, lanes or
# tracks (trains are "Züge"; "die Bahn" is one).
OTHER_PLURAL_DE = _wordset("bahnen")
DETERMINERS = {
    "en": _wordset("the a an its his her their our your my this that these those every each some many several "
                    "two three four five six seven eight nine ten hundred thousand"),
    "fr": _wordset("le la les l un une des du au aux sa son ses leur leurs ce cet cette ces chaque plusieurs "
                    "quelques deux trois quatre cinq six dix cent mille"),
    "es": _wordset("el la los las un una unos unas su sus este esta estos estas ese esa cada varios varias "
                    "dos tres cuatro cinco seis diez cien mil al del"),
    "de": _wordset("der die das den dem des ein eine einer einem einen eines sein seine seiner seinem seinen seines "
                    "ihr ihre ihrer ihrem ihren ihres unser unsere unserem unseren im am zum "
                    "zur vom beim ins jeder jede jedes dieser diese dieses diesem diesen jenem zwei drei vier fünf "
                    "zehn hundert tausend"),
    "it": _wordset("il lo la i gli le l un uno una suo sua suoi sue loro questo questa questi queste quel "
                    "quello quella quei quelle ogni molti molte alcuni alcune due tre quattro cinque sei dieci cento "
                    "mille del dello della dei degli delle al allo alla ai agli alle nel nello nella nei negli nelle "
                    "sul sullo sulla sui sugli sulle dal dallo dalla dai dagli dalle"),
    "pt": _wordset("o a os as um uma uns umas seu sua seus suas este esta estes estas esse essa esses essas aquele "
                    "aquela aqueles aquelas cada vários várias muitos muitas alguns algumas dois duas três quatro "
                    "cinco seis dez cem mil do da dos das no na nos nas ao à aos às pelo pela pelos pelas num numa "
                    "nuns numas dum duma deste desta neste nesta nesse nessa"),
}


@cache
def in_language(english: str, language: str) -> Thing | None:
    """The thing of the list called `english` in English, as `language` says it ("city" -> "ville")."""
    for kind, english_cell, cell in rows(language):
        if english in [c.strip() for c in english_cell.split(",")]:
            native = cell.split(",")[0].strip()
            return Thing(kind, english, english if native == "-" else native)
    return None


def lookup(word: str, language: str, *, generated_too: bool = True) -> Thing | None:
    """The thing (or describing word) of the list that `word` is a form of; of the hand-written list
    only when not `generated_too`."""
    language = known(language)
    if language == "de" and _not_a_thing_de(word.lower()):
        return None
    if language != "en" and (word.lower() in DETERMINERS.get(language, ()) or word.lower() in LINKS[language]):
        return None  # an article or a preposition with its article: "agli scogli" (to the rocks) is no garlic
    single, folded, _ = word_index(language)
    for form in forms(word, language):
        if form in single:
            return single[form]
    for form in adjective_forms(word, language):
        if form in single and single[form].kind == "modifier":
            return single[form]
    if language == "de":  # "Hutte" typed without its umlaut; French and Spanish accents tell words apart (mais, maïs)
        for form in forms(word, language):
            if fold(form) in folded:
                return folded[fold(form)]
    if language in ("es", "pt") and (stressed := _stressed_singular(word.lower(), folded, language)) is not None:
        return stressed
    if generated_too and (found := generated(word, language)) is not None:
        return found
    if language == "de" and len(word) >= 7 and (parts := _compound(word)) is not None:
        # A compound the dictionary knows whole is what it says, not its parts: "Bernstein" is amber.
        return generated(word, language) or parts
    return None


def _stressed_singular(word: str, folded: dict[str, Thing], language: str = "es") -> Thing | None:
    """A Spanish or Portuguese plural whose singular ends on a stressed syllable with an accent the plural
    drops ("atunes" -> "atún", "limones" -> "limón", "autobuses" -> "autobús"; "conveses" -> "convés",
    "gases" -> "gás"); only there, since elsewhere an accent tells words apart."""
    singular = word[:-2]
    ends = ("nes", "ses") if language == "es" else ("ses", "zes")
    if not word.endswith(ends) or len(singular) < 3 or fold(singular) != singular:
        return None
    thing = folded.get(singular)
    accented = r"[áéíóú][ns]$" if language == "es" else r"[áéíóúâêô][sz]$"
    if thing is None or thing.native.lower() == singular or not re.search(accented, thing.native.lower()):
        return None
    return thing


GENERATED = Path(__file__).with_name("visual_nouns_generated.tsv")


@cache
def _generated_index() -> dict[str, dict[str, tuple[str, str]]]:
    index: dict[str, dict[str, tuple[str, str]]] = {}
    for line in GENERATED.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            language, native, english, kind = line.split("\t")
            index.setdefault(language, {})[native] = (english, kind)
    return index


def generated(word: str, language: str) -> Thing | None:
    """A filmable noun the hand-written list does not know, from the list made from dictionaries and
    WordNet (visual_nouns_make.py): "Bernstein" amber, not a stone of Bern; "prua" a prow. German
    nouns keep their capital, so a lower-case word of the same spelling is no thing."""
    index = _generated_index().get(language, {})
    for form in forms(word, language):
        if form in index:
            english, kind = index[form]
            return Thing(kind, english, form.capitalize() if language == "de" else form, generated=True)
    return None


def _compound(word: str) -> Thing | None:
    """A German compound by its longest known last part, its first part as a modifier when known:
    "Lawinenhund" -> avalanche dog, "Bergdorf" -> mountain village, "Stahlseil" -> steel cable."""
    single, _, _ = word_index("de")
    if "-" in word:
        head = lookup(word.rsplit("-", 1)[1], "de")
        return head if head is None else Thing(head.kind, head.english, word)
    # As a German noun it has a capital: a lower-case word ("gewaschen", washed) is no "Asche" in a text.
    word = word[:1].upper() + word[1:]
    lower = word.lower()
    for start in range(3, len(lower) - 2):
        if _not_a_thing_de(lower[start:]):
            return None  # "Zunftzeichen": the longer tail is a noun of no thing, whatever shorter tail is
        head = next((single[f] for f in forms(lower[start:], "de") if f in single), None)
        if head is None or head.kind in ("modifier", "setting"):
            continue
        first = lower[:start]
        if _of_a_town(lower, start, head, first, single):
            return None

        # "Tunnelbohrmaschine": the first known word of what comes before ("tunnel") says which machine.
        prefixes = [first, first[:-1], first[:-2], *(first[:end] for end in range(len(first) - 1, 3, -1))]
        for trimmed in dict.fromkeys(prefixes):
            before = single.get(trimmed)
            if before is not None and len(trimmed) >= 4 and before.kind not in ("setting", "person", "modifier"):
                return Thing(head.kind, f"{before.english} {head.english}", word)
        return Thing(head.kind, head.english, word)
    return None


def compound_kind(word: str, language: str) -> tuple[str, Thing] | None:
    """(first part, thing) of a compound whose first part no list knows, before a thing a list does: ("rücke",
    horse) of "Rückepferde" (a logging horse, a kind no list names), ("cran", berry) of "cranberries"; None for a word
    a list knows whole ("Maibaum" is a maypole) or by both its parts ("Lawinenhund"), or of another language."""
    lower = word.lower()
    if language not in ("de", "en") or len(lower) < 7 or "-" in word:
        return None
    if language == "en" and (lower.endswith(("ing", "ed")) or lookup(word, "en") is not None):
        return None  # ("throwing" is no wing)
    single = word_index(language)[0]
    thing = None
    if language == "de":
        known_whole = any(form in single for form in forms(lower, "de")) or generated(word, "de") is not None
        thing = None if known_whole else _compound(word)
        if thing is None or " " in thing.english:
            return None
    for start in range(3, len(lower) - 3):
        tail = next((single[form] for form in forms(lower[start:], language) if form in single and
                     single[form].kind not in ("modifier", "setting")), None)
        if tail is None or (thing is not None and tail.english != thing.english):
            continue
        front = lower[:start]
        if language == "en" and lookup(front, "en") is not None:
            return None  # "seahorse": both parts known
        return front, tail
    return None


def _not_a_thing_de(lower: str) -> bool:
    return lower in OTHER_PLURAL_DE or any(form in ABSTRACT_DE for form in forms(lower, "de"))


def _of_a_town(lower: str, start: int, head: Thing, first: str, single: dict[str, Thing]) -> bool:
    """A German adjective of a town, in -er, whose name ends in a place's word: "Nürnberger Lebkuchen",
    "Heidelberger Schloss", "Bielefelder" (no mountains, castles or fields). Told by the place's word taking
    -er with no umlaut (a plural with one is the place: "Hochtäler", "Bergdörfer") and by a first part that
    names no thing in either list ("Reisfelder" are rice fields, "Kornfelder" grain fields)."""
    if head.kind != "place" or not lower.endswith("er") or lower[start:-2] not in single:
        return False
    if any(f in single for f in forms(lower[start:], "de")[:1]):
        return False  # the place's word itself ends in -er ("Weiher", "Ufer")
    return not any(len(part) >= 3 and ((single.get(part) is not None and single[part].kind != "modifier") or
                                       generated(part, "de") is not None) for part in (first, first[:-1], first[:-2]))



@cache
def kinds() -> dict[str, str]:
    """The kind of each thing of the list by its English name ("lava": thing, "concrete": material)."""
    found: dict[str, str] = {}
    for line in LIST.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.split("|")]
        if len(cells) == 5 and not line.startswith("#"):
            found.setdefault(cells[1].split(",")[0].strip(), cells[0])
    return found


@cache
def generated_kinds() -> dict[str, str]:
    """The kind of each thing only the generated list knows, by its English name ("nutcracker": thing)."""
    found: dict[str, str] = {}
    for words in _generated_index().values():
        for english, kind in words.values():
            found.setdefault(english, kind)
    return found


@cache
def everyday() -> frozenset[str]:
    """The English names of everyday stock subjects (desk, cup, party): see the list's header."""
    found = set()
    for line in LIST.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.split("|")]
        if len(cells) == 5 and cells[0] == "everyday":
            found.add(cells[1].split(",")[0].strip())
    return frozenset(found)


# Where a line names a thing it need not show: what something looks like ("ils ressemblent à des
# bananes", "like a cathedral"), how work is done ("by hand", "a mano", "zu Fuß") and where on
# something ("in cima al manico", "at the top of"). Comparisons run to the end of their clause.
LIKENESS = re.compile(
    r"\b(?:looks?|looked|looking|shaped) like\b|\bas if\b|\bresembl\w*\b|\bressembl\w*\b|"
    r"\bcomme (?:un|une|des|de|d')|\bwie (?:ein|eine|einer|einem|einen)\b|\bgleich\w* (?:ein|einer|einem)\b|"
    r"\bparec\w*\b|\bcomo (?:un|una|unos|unas)\b|\bsembra\w*\b|\bcome (?:un|una|uno|dei|delle|degli)\b|"
    r"\bwie\b(?=[^,;.:!?]*\baus(?:sehen|sieht|sah|sahen)\b)|"  # "die wie Tannenzapfen aussehen"
    # ... and what it brings to mind: "as ondas pretas do chão lembram o mar", "recuerdan a un barco", "rappellent la
    # mer", "ricordano le onde", "reminds visitors of the sea" (not German "erinnern an", whose subject may come
    # after the verb: "Heute erinnern Flößerfeste und ein Museum an das alte Handwerk")
    r"\bcomo (?:um|uma|uns|umas)\b|\blembr(?:a|am|ava|avam|ando)\b|\brecuerda(?:n|ba|ban)?\b|"
    r"\brappell(?:e|ent|ait|aient)\b|\bévoqu(?:e|ent|ait|aient)\b|\bricorda(?:no|va|vano)?\b|"
    r"\bremind(?:s|ed)?\b[^,;.:!?]*?\bof\b|\bbring(?:s)? to mind\b",
    re.IGNORECASE)
# ... and what is carved, engraved or embroidered into something: "schnitzt er Blätter, Hirsche und Vögel
# in das Holz", "carves leaves and birds into the lid" (no deer in the forest; the wood stays).
DEPICTION = re.compile(
    r"\b(?:carv|engrav|embroider|etch|whittl|schnitz|graviert|gravier|stickt|sculpt|grav|brod|tall|grab|"
    r"intagli|incid|ricam|scolp)(?!er\b|ers\b|ern\b|eur|or\b|ore\b)\w*\b[^;.:!?]{0,80}?"
    r"(?=\b(?:into|onto|in|on|dans|sur|en|sobre|nel|nella|sul|sulla|su|ins|auf)\b)", re.IGNORECASE)
MANNER = re.compile(
    # (first, what passes from one person to the next: "il pezzo passa di mano in mano" shows no hand)
    r"\b(?:from hand to hand|de main en main|de mano en mano|di mano in mano|de mão em mão|von hand zu hand|"
    r"by hand|on foot|at the (?:top|foot|bottom|end|edge) of|à la main|à pied|au (?:sommet|pied|bout|bord) "
    r"d\w*|a mano|a piedi|in cima a\w*|in fondo a\w*|ai piedi d\w*|a pie|en (?:la cima|lo alto|el fondo) de\w*|"
    r"al pie de\w*|von hand|per hand|zu fuß|an der spitze|"
    r"in (?:molte|più|poche|due|tre|quattro|cinque|varie|diverse) mani)\b", re.IGNORECASE)  # coats of varnish
# ... and what it says is not there: "no había llovido en tres meses", "kein Regen", "without rain" (the
# word right after the negation, or after its auxiliary: "did not invent printing" keeps printing).
NEGATION = re.compile(r"\b(?:no|not|never|nunca|jamás|jamais|pas|nie|nicht|kein\w*|non|mai|sin|sans|ohne|without|"
                      r"senza)\s+(?:(?:had|has|have|was|were|been|any|a|an|of|de|d|había|habían|ha|han|hay|hat|hatte|"
                      r"hatten|war|avait|est|était|è|era|aveva)\s+)?[^\W\d_]+", re.IGNORECASE)
# ... and what only dates a moment: "la notte prima della processione", "the morning after the storm", "am Abend vor
# dem Umzug", "la veille de la fête" (the procession is not yet there; the night is), and a town that is "un museo
# all'aperto", "a museum without walls", "un musée à ciel ouvert" (its streets, no museum's hall).
MOMENT = re.compile(
    r"\b(?:(?P<moment>(?:night|day|evening|morning|week|notte|giorno|sera|mattina|settimana|nuit|jour|soir|matin|"
    r"semaine|noche|día|tarde|mañana|semana|noite|dia|manhã|nacht|tag|abend|morgen|woche)s?|notti|giorni|sere|"
    r"settimane|tage|wochen|nächte|abende)\s+(?:before|after|prima|dopo|avant|après|vor|nach|"
    r"(?:antes|después|depois)(?=\s+d))|"  # (Spanish "después", with no "de", is "later": "dos días después el barco")
    r"(?:eve|vigilia|veille|lendemain|víspera|véspera|vorabend)\s+(?:of|di|de|d['’]|du|des|da|do|der|des))"
    r"(?:\s+(?:the|la|le|les|lo|il|el|o|a|de|di|del|della|dello|dei|delle|du|da|do|dos|das|der|dem|den|des)\b)*"
    r"\s*(?:l['’])?[^\W\d_]+|"
    r"\b(?:open[- ]air museum|museum without walls|musée (?:à ciel ouvert|en plein air)|museo (?:all['’]aperto|"
    r"a cielo (?:aperto|abierto)|al aire libre)|museu (?:a céu aberto|ao ar livre))", re.IGNORECASE)


def _moment(match: re.Match) -> str:
    return f" {match.group('moment') or ''} "  # the night itself stays: the teams draw at night


def literal(line: str) -> str:
    """`line` without what it names only in a figure of speech: a comparison to the end of its clause, a set
    phrase of manner or position, what is carved into something, the word after a negation, what only dates a
    moment ("the night before the procession")."""
    if not LIKENESS.search(line) and not MANNER.search(line) and not NEGATION.search(line) and \
            not DEPICTION.search(line) and not MOMENT.search(line):
        return line
    plain = NEGATION.sub(" ", MANNER.sub(" ", DEPICTION.sub(" ", MOMENT.sub(_moment, line))))
    return " ".join(re.sub(f"(?:{LIKENESS.pattern})[^,;.:!?]*", " ", part, flags=re.IGNORECASE)
                    for part in re.split(r"(?<=[.!?])\s+", plain))


def without_manner(text: str) -> str:
    """`text` without its set phrases of manner or position: a caption's "dipinti a mano" (painted by hand) shows
    no hand."""
    return MANNER.sub(" ", text)
