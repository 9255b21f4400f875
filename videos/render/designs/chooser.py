"""Which layout a scene gets, and its content, from what its line says (and the words a person put
on screen, which come first):

    a number with a unit or a share  -> number (up to three of them)
    a year or a date                 -> date (a timeline when the script names several)
    a place in the map data          -> map
    a person's name                  -> name card
    an enumeration                   -> list
    a quotation                      -> quote card
    anything else                    -> title card of the key phrase

A person may choose the layout and write its words (`layout`, `text`: one line each, see
`TEXT_HELP`); what cannot be drawn that way falls back to the title card, never an error here (the
studio checks an override when it is saved: `check_override`).
"""

from __future__ import annotations

import dataclasses
import logging
import re
import unicodedata
from collections.abc import Sequence

from videos.render.designs import numbers
from videos.render.designs.base import Design, Place, Stat
from videos.render.designs.geo import (
    CRAFTS,
    NAMED_IT,
    country_name,
    find_place,
    in_one_country,
    named_near,
    named_spans,
    places_named,
)
from videos.render.designs.text import clean, is_cjk
from videos.stopwords import STOPWORDS

logger = logging.getLogger(__name__)
LAYOUTS = ("number", "date", "map", "name", "list", "title", "quote")
TEXT_HELP = {
    "number": "One number per line with its unit (“90%”, “64 km/h”); a line without a number is the context.",
    "date": "The date or year, then a line of context.",
    "map": "The place (a country, a city of 100,000 people or more, or 50,000 in its own language, a sea or bay), "
           "or two with a dash between (“Lisbon – Rio de Janeiro”) for the way from one to the other, then a line "
           "of context; or a heading, then a place a line, lit in turn.",
    "name": "The name, then their dates or role.",
    "list": "One item per line (up to six); a first line ending with “:” is the heading.",
    "title": "The title, then an optional second line.",
    "quote": "The quotation, then who said it.",
}
MAX_TITLE_WORDS = 9
_DANGLING = frozenset({
             "the", "a", "an", "of", "to", "and", "or", "but", "its", "their", "his", "her", "le", "la", "les", "un",
             "une", "des", "de", "du", "et", "el", "los", "las", "una", "y", "der", "die", "das", "ein", "eine", "und",
             "e", "il", "lo", "gli", "i", "di", "del", "della", "delle", "dei", "degli", "dello", "nel", "nella",
             "al", "alla", "ai", "agli", "alle", "allo", "o", "os", "as", "um", "uma", "da", "ma", "mas",
             # prepositions: "pode ser retirada sem", "un prix Nobel dans" never end a title
             "in", "on", "at", "with", "for", "from", "by", "into", "without", "dans", "sur", "avec", "sans", "pour",
             "par", "à", "en", "chez", "con", "sin", "para", "por", "sobre", "entre", "hasta", "desde", "mit", "ohne",
             "für", "auf", "bei", "nach", "von", "zu", "senza", "per", "su", "tra", "fra", "em", "com", "sem",
             "até", "na", "nos", "nas", "non", "not", "einer", "einem", "einen", "eines", "so",
             # comparisons that need what follows: "uma casa de ópera como" [as da Europa]
             "like", "than", "como", "comme", "wie", "come", "que", "als",
             # "... sobem o morro todos" [os anos]
             "todos", "todas", "tous", "toutes", "every", "each", "cada", "chaque", "jeden", "jede", "jedes", "ogni",
             # possessives need their thing: "un camion prese fuoco al suo" [interno]
             "suo", "sua", "suoi", "sue", "son", "sa", "ses", "leur", "leurs", "sus", "seu", "seus", "suas", "sein",
             "seine", "seinen", "seinem", "seiner", "ihr", "ihre", "ihren", "ihrem", "my", "our",
             # "per almeno altri" [duecento anni]: words that need what follows them
             "altri", "altre", "otros", "otras", "autres", "other", "weitere", "outros", "outras", "almeno", "least",
             "mindestens", "moins",
             # a preposition with its article: "le pétrolier Amoco Cadiz s'échoue au" [large de Portsall]
             "au", "aux", "ao", "aos", "zum", "zur", "vom", "beim", "dal", "dalla", "sul", "sulla", "col",
             # "a descolar pelos seus próprios" [meios]: an "own" needs its thing
             "próprio", "própria", "próprios", "próprias", "propio", "propia", "propios", "propias", "propre",
             "propres", "proprio", "propria", "propri", "proprie", "own", "eigenen", "eigene", "pelos", "pelas",
             "antes", "avant", "before", "bevor",  # "La tierra tembló durante días antes" [de que ...]
             "erste", "ersten", "erstes", "erster",  # "stieg über dem Bodensee das erste" [Luftschiff]
             # participles that need what follows: "une île rocheuse située" [dans la baie]
             "located", "situated", "called", "named", "known", "située", "situé", "situées", "situés", "appelé",
             "appelée", "nommé", "nommée", "situada", "situado", "llamado", "llamada", "conocido", "conocida",
             "situata", "situato", "chiamato", "chiamata", "gelegen", "genannt", "localizado", "localizada",
             "chamado", "chamada"})  # not "do", "no": whole English words
_PHRASE_STARTS = {"before", "after", "when", "where", "while", "because", "so", "and", "but", "that", "which", "who",
                  "with", "without", "in", "on", "at", "for", "over", "under", "around", "across", "into", "from",
                  "to", "as", "until", "unless", "although", "though", "once", "if", "whereas", "jusqu'à",
                  "lorsque", "puisque", "aunque", "mientras", "bis", "obwohl", "falls", "finché", "mentre",
                  "enquanto", "embora",
                  "avant", "après", "quand", "où", "parce", "et", "mais", "qui", "avec", "sans", "dans",
                  "sur", "pour", "antes", "después", "cuando", "donde", "porque", "pero", "que", "con", "sin",
                  "en", "para", "bevor", "nachdem", "wenn", "wo", "weil", "und", "aber", "der", "die", "mit",
                  "ohne", "auf", "für"}
_CONNECTORS = {"and", "but", "so", "yet", "then", "et", "mais", "donc", "puis", "y", "pero", "entonces", "und",
               "aber", "also", "dann", "today", "now", "e", "ed", "mas",  # "[E] un museo a Longarone ..."
               "zwar"}  # "..., und zwar Schillers Ode an die Freude": namely
# what opens a list's first item after the clause it illustrates ("other routes, such as ...")
_SUCH_AS = re.compile(r"(?:such as|like|including|comme|tels? que|telles? que|notamment|como|incluyendo|wie|darunter|"
                      r"come|tra cui|incluindo)\s+", re.IGNORECASE)
_AND = r"(?:and|or|et|ou|y|e|o|u|und|oder|und auch)"
_THEN = r"(?:(?:and\s+)?then|(?:et\s+)?puis|(?:und\s+)?dann|(?:y\s+)?luego|(?:e\s+)?poi|(?:e\s+)?depois)"
# "Schleswig-Holstein" whole, and a particle elided before a capital with it ("D'Ascanio", "O'Brien"), and
# a capital inside a word ("DeWitt", "McKay")
_NAME_WORD = (r"(?:[DO]['’](?=[A-ZÀ-ÖØ-Þ]))?[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ][a-zà-öø-ÿ'’]*(?:[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’]+)?"
              r"(?:-[A-ZÀ-ÖØ-Þa-zà-öø-ÿ][a-zà-öø-ÿ'’]+)*")
_PARTICLE = r"(?:de|da|di|du|van|von|der|den|del|dei|della|la|le|bin|ibn|al|y|dos)"
_PARTICLES = numbers.PARTICLES
# a regnal number after the name is part of it: "Abraham Darby III", "Ludwig II."
# (two particles: "Juan de la Cierva", "Jean de La Fontaine")
_NAME = re.compile(rf"\b{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+){{0,2}}{_NAME_WORD}){{1,3}}(?:\s+[IVX]{{1,4}}\b\.?)?")
_NAMED = re.compile(r"(?i)\b(?:named|called|nommée?|appelée?|llamad[oa]|namens|genannt)\s*$")
_LIFE = re.compile(r"\(?\b(1[0-9]{3}|20[0-9]{2})\s*[-–—]\s*(1[0-9]{3}|20[0-9]{2})\b\)?")
_QUOTE = re.compile(r"[“«„\"「『]\s*([^”»“\"」』]{8,}?)\s*[”»“\"」』]")
_NOT_NAMES = {"The", "A", "An", "In", "On", "At", "By", "For", "From", "Today", "Yet", "But", "And", "Some", "Each",
              "Every", "Many", "Most", "Le", "La", "Les", "Un", "Une", "El", "Los", "Las", "Der", "Die", "Das",
              "Ein", "Eine", "It", "They", "He", "She", "We", "You", "This", "That", "These", "Those", "When",
              "Behind", "Instead", "Everything", "Sailors", "Keepers", "Natural", "Earth", "Electric",
              # when, opening a sentence: "Oggi la Vespa si produce" is no one
              "Now", "Then", "Later", "Oggi", "Ora", "Adesso", "Poi", "Allora", "Hoy", "Ahora", "Luego", "Entonces",
              "Aujourd'hui", "Maintenant", "Ensuite", "Alors", "Heute", "Jetzt", "Dann", "Später", "Hoje", "Agora",
              "Depois", "Então"}


def _sentences(text: str) -> list[str]:
    # Not after "4." (a day in a German date), an initial, or a title such as "Dr."
    parts = re.split(r"(?<=[.!?。！？])(?<!\b\d\.)(?<!\b\d\d\.)(?<!\b[A-Za-z]\.)"
                     r"(?<!Mr\.)(?<!Dr\.)(?<!St\.)(?<!Jr\.)(?<!av\.)\s+|(?<=[。！？])", text)
    # ... but after a decimal's last digits it may: "L'opera misura circa 4,6 metri per 8,8. Invece ..."
    parts = [piece for part in parts if part for piece in re.split(r"(?<=[,.]\d\.)\s+(?=[A-ZÀ-ÖØ-Þ])|"
                                                                   r"(?<=[,.]\d\d\.)\s+(?=[A-ZÀ-ÖØ-Þ])", part)]
    sentences: list[str] = []
    for part in (p.strip() for p in parts if p.strip()):
        if sentences and (part[:1].islower() or part[:1] in "»”」』" or (part[:1] == '"' and part[1:2] in ("", " "))):
            # "König Ludwig II. von Bayern": no sentence starts in lower case, nor on a closing quotation mark
            # ("il aurait crié « Nous avons gagné ! » avant de s'effondrer")
            sentences[-1] += " " + part
        else:
            sentences.append(part)
    return sentences


def _words(text: str) -> list[str]:
    return text.split()


def key_phrase(text: str) -> str:
    """A title for the line: the person's words if short, else its most telling clause, whole (a
    clause is cut only where a new phrase begins, never after an article)."""
    text = clean(text)
    if is_cjk(text):
        first = (_sentences(text)[0] if _sentences(text) else text).rstrip("。．！？")
        if len(first) <= 30:
            return first
        # the clauses that end the sentence, where Japanese puts its predicate, cut only at a comma
        clauses = [c for c in re.split("[、，]", first) if c.strip()]
        kept = clauses[-1]
        for clause in reversed(clauses[:-1]):
            if len(clause) + 1 + len(kept) > 30:
                break
            kept = f"{clause}、{kept}"
        return kept if len(kept) <= 40 else kept[:30]
    opener = re.match(r"(?i)(?:and\s+|et\s+|y\s+|e\s+|und\s+)?([^\W\d_]+),\s+(?=\S)", text)
    if opener and opener.group(1).lower() in _ORDINAL_VALUE:
        text = _capitalised(text[opener.end():])  # "[Fourth,] put your phone away an hour before bed"
    if len(_words(text)) <= MAX_TITLE_WORDS and len(_sentences(text)) == 1:
        return text.rstrip(".,;: ")
    best, best_score = "", -1.0
    for sentence in _sentences(text):
        # "There was only one problem: nobody knew how to move the stones": the colon announces the point
        head, colon, tail = sentence.partition(": ")
        # ... or names it: "Sus musicales le han dado un apodo: el Broadway madrileño"
        named = 2 <= len(tail.split()) <= 4 and any(w[:1].isupper() for w in tail.split()[1:])
        points = len(head.split()) <= 6 and len(tail.split()) >= 4
        announcing = head.strip().split() if colon and (points or named) else []
        clauses = list(_without_aside(sentence) or _whole_if_torn(sentence) or _list_kept(
            re.split(r"\s*[,;:—–]\s+|\s+[-–—]\s+", sentence)))
        point = tail.strip() if announcing and len(tail.split()) <= MAX_TITLE_WORDS else ""
        if point and point not in clauses:  # what the colon announces, whole ("Wer sie weckt, bringt sie in Gefahr")
            clauses.append(point)
        for number, clause in enumerate(clauses):
            words = clause.strip(" .!?,;:").split()
            consequence = number > 0 and bool(words) and words[0].lower() in _THEREFORE
            while words and words[0].lower() in _CONNECTORS:
                words = words[1:]
            if len(words) > 3 and words[0].lower() in _FOR_EXAMPLE and words[1].lower() in _OBJECT_OPENS:
                words = words[1:]  # "[etwa] die East Side Gallery an der Spree": an example, named
            if not number and words and words[0].lower() in _RELATIVES and not words[0][:1].isupper():
                # a title from a sentence's second half: "[where] visitors climb the spiral stairs" (not "That
                # decision is the reason ...": opening a sentence, "That" points)
                words = words[1:]
            reordered = number and len(words) >= 4 and words[0] in _GERMAN_FINITE and \
                clauses[number - 1].split()[0].lower() in _GERMAN_SUBORDINATORS
            if reordered:
                words = _subject_first(words)  # "[Weil der Friedhof zu klein ist,] wurden die Gebeine ausgegraben"
            leaning = bool(number and words and _elided(words[0]) in _RELATIVES)
            if leaning and len(words) > 3 and words[0].lower() in ("que", "che"):
                # "[En sus aguas viven los uros,] que construyen islas flotantes": the relative's verb, which
                # the Romance languages may open a clause with ("Construyen islas flotantes con la totora")
                words = words[1:]
            if len(words) < 2:
                continue
            words = _shorten(words)
            # a word's length without an elided article or pronoun before it ("l'océan", "qu'elle" are short)
            telling = sum(len(re.sub(r"^\w{1,4}['’](?=\w)", "", w)) >= 6 or w[:1].isupper() for w in words)
            score = (1 + telling) / (1 + max(0, len(words) - 7) * 0.35 + max(0, 4 - len(words)) * 0.5)
            opening = words[0].lower()
            if opening in _CONCESSIVE and len(clauses) > 1:
                score *= 0.3  # "Contrary to the popular myth": what the rest of the sentence says is the point
            if (not reordered and opening in _PHRASE_STARTS | _SUBORDINATORS | _CONDITIONS) or opening in (
                    "for", "pour", "para", "per", "um", "während", "during", "pendant", "durante", "lors", "just", "au",
                    "aux", "instead", "invece", "anstatt", "statt", "anziché", "plutôt", "lieu", "lugar", "vez",
                    "altrimenti", "otherwise", "sinon", "sonst", "senão",
                    "wenn", "weil", "als", "nachdem", "obwohl", "bevor", "sobald", "während", "indem", "seitdem") \
                    or opening in _HOW_OFTEN:
                score *= 0.6  # an adverbial opening ("For centuries afterwards") is not the point, nor an aim ("per
                # poter lavorare lentamente"), a condition ("Had it arrived a few hours later") or what was not done
                # ("Invece dell'affresco tradizionale", "Au lieu d'une fresque")
            elif number and opening in _THAT and _NOT.search(clauses[number - 1]):
                score *= 0.4  # what was not believed, without its "not"
            elif leaning:
                # "[Il vento muove i mulini a vela,] che pompano l'acqua ...": it leans on the one before
                score *= 0.6 if _elided(words[0]) not in _RELATIVES else 0.4
            elif number and (re.fullmatch(r"[a-z]+(?:ed|ing)", words[0]) or _GERUND.fullmatch(words[0].lower())):
                score *= 0.5  # ", measured against the direction of the sun": a participle's clause leans on another
            elif number and words[0] in _AUXILIARIES:  # (English: German, Romance put a verb first)
                score *= 0.3  # "[His later design, the Analytical Engine,] could in principle follow ...": no subject
            elif not number and opening in _POSSESSIVES and len(words) <= 4 and len(clauses) > 1 and \
                    any(w[:1].isupper() for w in clauses[1].split()[1:]):
                score *= 0.5  # "His later design, the Analytical Engine, ...": what it points at is named next
            if number and (opening in _CAUSES or (opening == "dass" and re.search(r"\bso\b", clauses[number - 1]))):
                score *= 0.25  # (its opening word counts as telling)
            elif consequence or (number and _apposition(words)):
                # ", so it can breathe at that speed": it leans on the clause before; ", proteins shaped to fit
                # that one invader", ", una planta que crece en la orilla": what a noun before is, not the point
                score *= 0.5
            if not number and len(words) <= 2 and len(clauses) > 1:
                score *= 0.5  # "Further upstream, the female digs a nest ...": where or when, before the point
            if announcing and words == announcing[-len(words):]:
                score *= 0.5
            elif point and clause == point:
                score *= 1.2
            if score > best_score:
                best, best_score = " ".join(words), score
    return _capitalised(best or " ".join(_shorten(_words(text))))


# A German main clause after its subordinate one opens on its verb ("Weil der Friedhof zu klein ist, wurden die
# Gebeine ausgegraben"): as a title, that reads as a question; its subject goes first.
_GERMAN_SUBORDINATORS = {"weil", "als", "wenn", "da", "nachdem", "obwohl", "bevor", "sobald", "während", "damit",
                         "falls", "seit", "seitdem", "bis", "indem", "ob"}
_GERMAN_FINITE = {"wurde", "wurden", "war", "waren", "ist", "sind", "hat", "haben", "hatte", "hatten", "wird",
                  "werden", "kann", "können", "konnte", "konnten", "muss", "müssen", "musste", "mussten", "soll",
                  "sollte", "sollten", "darf", "durfte", "durften", "gab", "gibt", "kam", "kamen", "ging", "gingen"}


def _subject_first(words: list[str]) -> list[str]:
    """The German clause with its subject (an article or pronoun and its noun) before its verb."""
    if words[1].lower() in ("er", "sie", "es", "man", "wir", "ich", "du", "ihr"):
        return [_capitalised(words[1]), words[0], *words[2:]]
    if words[1].lower() not in _GERMAN_ARTICLES:
        return words
    noun = next((n for n in range(2, min(5, len(words))) if words[n][:1].isupper()), None)
    if noun is None or not all(w[:1].islower() for w in words[2:noun]):
        return words
    return [_capitalised(words[1]), *words[2:noun + 1], words[0], *words[noun + 1:]]


_THEREFORE = {"so", "donc", "entonces", "also", "quindi", "portanto", "daher", "deshalb", "therefore", "thus"}
_CAUSES = {"perché", "poiché", "weil", "car", "pois", "because", "porque", "parce", "puisque", "siccome", "da"}
_INDEFINITE_OPENINGS = {"a", "an", "un", "une", "una", "uno", "um", "uma", "ein", "eine"}
_APPOSED_RELATIVES = {"que", "that", "which", "who", "che", "qui", "die", "der", "das", "cui"}


def _apposition(words: list[str]) -> bool:
    """A clause that only says what a noun before it is: "a plant that grows on the shore", "proteins
    shaped to fit ..." (an indefinite article, or a bare plural, then a relative or a participle)."""
    if len(words) < 3:
        return False
    first = words[0].lower()
    if first in _INDEFINITE_OPENINGS:
        return words[2].lower() in _APPOSED_RELATIVES or words[1].lower() in _APPOSED_RELATIVES or \
            bool(re.fullmatch(r"[a-z]{3,}ed", words[2]))
    return words[0].islower() and first.endswith("s") and bool(re.fullmatch(r"[a-z]{3,}ed", words[1])) and \
        words[2].lower() in ("to", "by", "for", "in", "with")


# "[Les Mayas buvaient le cacao en boisson épicée,] souvent avec du piment": how often, a detail of the clause before
_HOW_OFTEN = {"often", "usually", "sometimes", "always", "souvent", "parfois", "toujours", "siempre", "spesso",
              "sempre", "oft", "häufig", "manchmal", "immer", "frequentemente", "generalmente", "généralement"}
# (English auxiliaries; _MODALS, below, are the modal verbs of five languages)
_AUXILIARIES = {"could", "can", "would", "will", "should", "might", "must", "may", "shall", "did", "does", "do", "was",
                "were", "is", "are", "had", "has", "have"}
_POSSESSIVES = {"his", "her", "its", "their", "son", "sa", "ses", "leur", "su", "sus", "sein", "seine", "ihr", "ihre",
                "seu", "sua", "suo"}
# "Contrary to the popular myth, ...", "Malgré la pluie, ...": an opening phrase, not the point
_CONCESSIVE = {"contrary", "according", "despite", "unlike", "even", "même", "incluso", "anche", "sogar", "mesmo",
               "contrairement", "malgré", "selon", "contrariamente", "nonostante", "secondo", "ao", "apesar",
               "entgegen", "trotz", "laut", "gemäß"}
_FOR_EXAMPLE = {"etwa", "beispielsweise", "namentlich", "notamment", "namely", "especially", "especialmente",
                "sobretudo", "soprattutto", "particolarmente", "insbesondere"}


def _elided(word: str) -> str:
    """A word as its first part says it: "qu'elle" is "que" (a relative, as "que" is), "lorsqu'il" "lorsque"."""
    head = re.split(r"['’]", word.lower(), maxsplit=1)[0]
    return head + "e" if head != word.lower() and head.endswith("qu") else word.lower()


# After a list's last item, words that carry its clause on ("stones and mud across the stream").
_CLAUSE_GOES_ON = {"across", "onto", "over", "behind", "into", "through", "from", "in", "on", "with", "to"}


def _without_aside(sentence: str) -> list[str]:
    """A sentence with one short aside between commas, without it, when that makes a title: "La partie
    gothique, appelée la Merveille, est achevée au XIIIe siècle" is "La partie gothique est achevée au
    XIIIe siècle", not its predicate alone. [] otherwise."""
    parts = [p.strip() for p in re.split(r"\s*,\s+", sentence.strip(" .!?"))]
    more: list[str] = []
    if len(parts) >= 4 and parts[3].split()[0].lower() in _CONNECTORS | numbers.JOINING:
        # "The company, Purity Distilling, blamed anarchists, but a court found ...": the first clause
        # without its aside, and the next one as it is (the title card said "The company")
        parts, more = parts[:3], [", ".join(parts[3:])]
    if len(parts) != 3 or re.search(r"[;:—–]", sentence):
        return []
    subject, aside, rest = (p.split() for p in parts)
    if re.search(rf"\s{_AND}\s", parts[0]) and len(subject) >= 5:
        # "Zuerst waren es Stacheldraht und Zäune, wenige Tage später begannen Bauarbeiter, eine Mauer ... zu
        # errichten": a clause of its own before the commas, no subject, and the "aside" the next clause
        return []
    if not subject or subject[0].lower() in _PHRASE_STARTS | _OPENINGS or not aside or len(aside) > 5 \
            or aside[0].lower() in _CONNECTORS | numbers.JOINING or len(rest) <= (1 if more else 3) \
            or rest[0].lower() in _CONNECTORS | _PHRASE_STARTS or re.match(rf"(?:\S+\s+){{0,2}}{_AND}\b", parts[2]):
        # not "flour, water, salt and yeast" nor "bricks, stone, lime and ..." (lists), nor "..., pero los
        # camiones estaban lejos, ..."
        return []
    words = subject + rest
    return [" ".join(words), *more] if len(words) <= MAX_TITLE_WORDS + 3 else []


_PURPOSE = {"to", "pour", "para", "per", "um"}  # where a clause of purpose begins


def _whole_if_torn(sentence: str) -> list[str]:
    """A short sentence whose commas tear a phrase ("Darin schmelzen Sand, Soda und Kalk zu einer zähen,
    glühenden Masse"): a piece after the first of one or two words. The sentence whole, or []."""
    body = sentence.strip(" .!?")
    words = body.split()
    # "... lime and even sticky rice" [to bind the mortar]; not "tied" [to a rope]: a verb follows, and the
    # piece before it is no torn word
    purpose = [n for n in range(4, min(len(words) - 1, MAX_TITLE_WORDS + 4)) if words[n].lower() in _PURPOSE
               and words[n + 1].lower() not in _OBJECT_OPENS and words[n + 1][:1].islower()
               and len(" ".join(words[:n]).split(",")[-1].split()) >= 3]
    if len(words) > MAX_TITLE_WORDS + 3 and purpose:
        body = " ".join(words[:purpose[-1]])
    parts = [p.split() for p in re.split(r"\s*,\s+", body)]
    if len(body.split()) > MAX_TITLE_WORDS + 3 or re.search(r"[;:—–]", body) or len(parts) < 2 \
            or not any(len(p) <= 2 for p in parts[1:]):
        return []
    return [body]


def _list_kept(pieces: list[str]) -> list[str]:
    """Clauses cut at commas, with a list's items kept together: "needs only flour, water and salt" is
    one clause, not "needs only flour"."""
    kept: list[str] = []
    for piece in pieces:
        tail = re.match(rf"\S+(?:\s\S+)?\s{_AND}\s\S+\s(\S+)", piece)
        # "The milk, the cup and the lid cost more than the coffee": a list that opens the sentence is its
        # subject, whole (the title card said "The milk")
        # (each item alike: its article, or one word each; not "Years later, iPhones and tablets replaced ...")
        subject = len(kept) == 1 and 1 <= len(kept[0].split()) <= 3 and re.match(rf"\S+(?:\s\S+)?\s{_AND}\s", piece) \
            and (kept[0].split()[0].lower() == piece.split()[0].lower() or len(kept[0].split()) == 1)
        last = re.fullmatch(rf"\S+(?:\s\S+)?\s{_AND}\s(\S+)\s\S+\s\S+[.!?]?", piece)
        if kept and (re.fullmatch(rf"\S+(?:\s\S+)?\s{_AND}\s\S+(?:\s\S+)?[.!?]?", piece)
                     or (last and last.group(1).lower() in _ARTICLES | _PLURAL_ARTICLES)  # "..., trains and the
                     # sewers themselves": the list's end (the title card said "Trains and the sewers themselves")
                     or (tail and tail.group(1).lower() in _CLAUSE_GOES_ON) or subject):
            # "They pile sticks, stones and mud across the stream": the list goes on into the clause
            kept[-1] = f"{kept[-1]}, {piece}"
        else:
            kept.append(piece)
    return kept


def _capitalised(title: str) -> str:
    """A clause taken from inside a sentence starts with a capital on a title card ("By day polished
    bronze mirrors..."), unless its first word is written otherwise on purpose ("iPhone")."""
    if title[:1].islower() and not title[1:2].isupper():
        return title[:1].upper() + title[1:]
    return title


# Verbs that need what follows (a copula, an auxiliary): a date's words cut short never end on one.
_CUT_VERBS = {"was", "were", "is", "are", "had", "has", "have", "became", "foi", "era", "é", "fue", "es", "fueron",
              "fut", "est", "était", "fu", "è", "war", "ist", "wurde", "hatte", "hat", "sind", "waren",
              # auxiliaries of a past cut from their participle: "une route et un hôtel ont" [dû être abandonnés]
              "ont", "sont", "avait", "avaient", "han", "había", "habían", "hanno", "aveva", "sono", "têm", "tinha",
              "haben", "hatten"}
# Words that count or pick what follows them, cut from it at a date's detail's end ("Oslo removed almost all"
# [parking spaces], "not a single" [pedestrian])
_QUANTIFIERS = {"all", "every", "each", "single", "several", "many", "most", "some", "any", "no", "chaque", "plusieurs",
                "tous", "toutes", "cada", "varios", "varias", "vários", "várias", "todos", "todas", "ogni", "diversi",
                "tutti", "tutte", "jeder", "jede", "jedes", "mehrere", "alle"}
# Forms of "to be" that open a predicate, never an item of a list
_BE_FORMS = {"was", "were", "is", "are", "became", "foi", "era", "é", "fue", "fueron", "fut", "est", "était", "fu", "è",
             "sono", "sont", "war", "ist", "wurde", "sind", "waren", "wurden", "furono", "foram", "eram", "étaient"}
# German prepositions and articles that never end a title cut short ("... ein Schloss wie aus" [einem
# Märchen]); not in _DANGLING, where a clause's real end may be a separable verb's "aus" or "vor"
_CUT_ENDS = {"aus", "über", "unter", "vor", "hinter", "neben", "durch", "gegen", "im", "am", "vom", "zum", "zur",
             "beim", "ins", "dem", "den"}


# English verbs whose "to" carries their own clause on ("had to blast"), where no new phrase begins.
_TAKES_TO_WORDS = """
had has have having used able going need needs needed want wants wanted tried try tries ought began begin begins
started start starts continued managed refused decided
"""
_TAKES_TO = frozenset(_TAKES_TO_WORDS.split())


# words paired by "and" as one ("back and forth", "up and down", "more and more"): no clause joins there
_PAIRED = frozenset({"back", "forth", "up", "down", "in", "out", "more", "again", "over", "on", "off", "to", "fro",
                     "now", "then", "here", "there",
                     # "sorvegliato giorno e notte", "day and night": one phrase
                     "day", "night", "jour", "nuit", "día", "noche", "dia", "noite", "giorno", "notte", "tag", "nacht"})


_IRREGULAR_PARTICIPLES = frozenset({"built", "made", "meant", "kept", "set", "dug", "cut", "put", "sent", "held",
                                    "bought", "brought", "taught", "thought", "found", "given", "chosen", "driven"})


def _shorten(words: list[str]) -> list[str]:
    if len(words) <= MAX_TITLE_WORDS + 3:
        return words
    # a comma kept inside a clause that goes on from a list, else where a new phrase starts
    cuts = [i for i in range(4, MAX_TITLE_WORDS + 2) if words[i - 1].endswith(",")] or [
        i for i in range(4, MAX_TITLE_WORDS + 2) if (words[i].lower() in _PHRASE_STARTS or _GERUND.fullmatch(
            words[i].lower()) or words[i].lower().startswith(_ELIDED_PHRASE_STARTS)) and not (
            words[i].lower() == "to" and words[i - 1].lower() in _TAKES_TO)]
    # "... la pendenza" [facendo i piani superiori più alti]; not "Crews on the Central Pacific had" [to blast]
    if not cuts:  # or where a second clause joins the first: "Los nazcas retiraban las piedras oscuras de la
        # superficie" [y dejaban al descubierto ...], not "... y dejaban"
        cuts = [i for i in range(5, MAX_TITLE_WORDS + 2) if words[i].lower() in ("and", "et", "y", "e", "und")
                and not (words[i - 1].lower() in _PAIRED and words[i + 1].lower() in _PAIRED)]
    joins = [i for i in range(5, MAX_TITLE_WORDS + 2) if words[i].lower() in ("and", "et", "y", "e", "und")
             and not (words[i - 1].lower() in _PAIRED and words[i + 1].lower() in _PAIRED)]  # "back and forth"
    if cuts and joins and joins[-1] < cuts[-1] <= joins[-1] + 4:
        cuts = [joins[-1]]  # "... Wahrzeichen Berlins" [und ein Symbol der deutschen Einheit]: not "und ein Symbol"
    if not cuts and len(words) <= MAX_TITLE_WORDS + 5 and \
            words[MAX_TITLE_WORDS + 2].lower().strip(",;") not in _DANGLING | numbers.TRAILING | _CUT_ENDS:
        # "... may be doing more than saying" [thank you]: cut after a word that goes on, two words are kept
        # (not "... perform better the" [next morning]: a cut there ends well without them)
        return words
    kept = words[:cuts[-1]] if cuts else words[:MAX_TITLE_WORDS + 3]
    if not cuts and len(words) > len(kept) and words[len(kept)][:1].isupper() and kept[-1][:1].isupper():
        # never inside a name: "... fino a Punta" [Helbronner] ends on the whole name, or before it
        name_ends = next((n for n in range(len(kept), len(words)) if not words[n][:1].isupper()), len(words))
        name_starts = next(n for n in range(len(kept) - 1, -1, -1) if n == 0 or not words[n - 1][:1].isupper())
        kept = words[:name_ends] if name_ends - len(kept) <= 2 else words[:max(name_starts, 3)]
    if cuts and len(kept) > 4 and words[len(kept)].lower() in _PURPOSE and (
            re.fullmatch(r"[a-z]{3,}ed", kept[-1]) or kept[-1].lower() in _IRREGULAR_PARTICIPLES):
        kept = kept[:-1]  # "... lies a vault" [built] [to save the world's crops]: the participle went with its aim
    kept[-1] = kept[-1].rstrip(",")
    while len(kept) > 3 and kept[-1].lower().strip(",;") in _DANGLING | numbers.TRAILING | _CUT_ENDS:  # "... the"
        kept = kept[:-1]
    if not cuts and len(words) > len(kept) and words[len(kept)].lower() in numbers.JOINING | {"ou", "oder"}:
        # "... nettoyer les plages à la pelle" [et au seau], cut for its length: not half of a pair, but the
        # words before the phrase it opens
        opens = [n for n in range(4, len(kept)) if kept[n].lower() in _PHRASE_STARTS | _PAIR_OPENS]
        if opens:
            kept = kept[:opens[-1]]
            while len(kept) > 3 and kept[-1].lower().strip(",;") in _DANGLING | numbers.TRAILING | _CUT_ENDS:
                kept = kept[:-1]
    kept[-1] = kept[-1].rstrip(",;:")  # "... todos os anos," [em] never ends on its comma
    return kept


# Italian's elided prepositions that open a phrase ("sorvegliato giorno e notte [dall'Istituto ...]"; not "dell'")
_ELIDED_PHRASE_STARTS = ("dall'", "dall’", "nell'", "nell’", "sull'", "sull’", "all'", "all’")
_PAIR_OPENS = frozenset({"à", "al", "au", "aux", "en", "na", "no", "nel", "nella", "im", "am", "par", "por", "per",
                         "pelo", "pela", "pelos", "pelas", "by"})


def _normal(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if c.isalnum())


def reveal_times(items: Sequence[str], words: Sequence) -> tuple[float, ...]:
    """When each item's first word is spoken (a little before), from the narration's word timings."""
    times, position = [], 0
    spoken = [(_normal(w.word), w.start) for w in words]
    for item in items:
        first = _normal(item.split()[0]) if item.split() else ""
        found = next((i for i in range(position, len(spoken)) if first and spoken[i][0] == first), None)
        if found is None:
            return ()
        times.append(max(0.0, spoken[found][1] - 0.15))
        position = found + 1
    return tuple(times)


# A gerund of the Romance languages opening a part ("carregando", "cantando", "sorriendo") starts a
# clause; a name ending so is capitalised.
_GERUND = re.compile(r"[a-zà-ÿ]{2,}(?:ando|endo|indo)\b")


# What follows a Japanese list's last item: its count or "など", and the verb ("御殿場ルートの四つがあります";
# not "雷が鳴り始めることがあります", clauses)
_JA_LIST_END = re.compile(r"(?:の[一二三四五六七八九十\d]+(?:つ|本|種類|か所|箇所)|など|等)(?:が|は|も)?"
                          r"(?:あります|ありました|ある|です|でした)$")


def _japanese_items(parts: list[str]) -> list[str]:
    """A Japanese list as the others are read: its topic heads it ("登山道は吉田ルート" is "登山道:吉田ルート"),
    a short opening word of time goes ("現在"), and its count and verb leave the last item."""
    parts = [p.strip() for p in parts]
    if len(parts) >= 4 and len(parts[0]) <= 4 and "は" not in parts[0]:
        parts = parts[1:]  # "現在、...": when, not an item
    if len(parts) < 3:
        return parts
    last = _JA_LIST_END.sub("", parts[-1])
    topic, has_topic, first = parts[0].partition("は")
    if not (last != parts[-1] and last):
        return parts
    parts[-1] = last
    if has_topic and topic and first:
        parts[0] = f"{topic}:{first}"
    return parts


def _enumeration(text: str, language: str = "") -> tuple[str, list[str]]:
    """("heading", items) of a sentence listing three or more things, else ("", [])."""
    for sentence in _sentences(text):
        body = sentence.rstrip(".!?。")
        if "、" in body:
            parts = _japanese_items([p for p in re.split("[、,]", body) if p.strip()])
            if any(len(p.strip()) > 10 for p in parts):
                continue  # "一八五四年の冬、紀伊国の広村で、...": clauses between its commas, not items
        else:
            # (not a decimal or thousands mark between digits: "uma magnitude entre 8,5 e 9" listed 8, 5 and 9)
            parts = [p.strip() for p in re.split(r"(?<!\d),(?!\d)\s*|,\s+", body) if p.strip()]
            for n in range(len(parts) - 2, -1, -1):
                ending, following = parts[n].split(), parts[n + 1].split()
                if len(ending) >= 2 and ending[-2].lower() in ("a", "an", "the") and len(following) == 2 and \
                        following[0].isalpha() and following[0].islower() and n + 2 < len(parts) and \
                        following[0] not in _OBJECT_OPENS | _PLURAL_ARTICLES | _QUANTIFIERS | numbers.JOINING:
                    # "in a dark, airtight tin": two adjectives of one thing, no two items
                    parts[n:n + 2] = [f"{parts[n]}, {parts[n + 1]}"]
            gerund = next((n for n, p in enumerate(parts) if n and _GERUND.match(p)), None)
            if gerund is not None:  # "..., carregando o material nas costas": a clause of how ends the list
                parts = parts[:gerund]
            if not parts:
                continue  # ", , ,": nothing between the commas
            if len(parts) >= 3 and ":" in parts[0] and len(parts[-1].split()) <= 5 and re.search(r"\d", parts[-1]) \
                    is None and any(numbers.WORDS.get(w.lower(), 0) >= 2 for w in parts[-1].split()) and \
                    parts[-1].split()[0].lower() in _PREPOSITIONS | {"a", "at", "à", "bei", "zu"}:
                parts = parts[:-1]  # "...: acostarse ..., evitar ... y mantener la habitación fresca, [a unos
                # dieciocho grados]": how much of the last item, no item of its own
            commas = len(parts) - 1
            conjoined = False  # "and" before the last item
            if len(parts) >= 2:
                # (not "o": in Portuguese the article, "o Rossio e o rio Tejo"; Spanish writes no comma before it)
                # ("a cue, a routine, then a reward": "then" after the last comma joins it as "and" does)
                oxford = re.match(rf"(?:{_AND}|{_THEN})\s+", parts[-1]) if not re.match(r"o\s", parts[-1]) else None
                if oxford:  # "A, B, and C": the last item is whole
                    parts[-1] = parts[-1][oxford.end():]
                    conjoined = True
                else:
                    last = re.split(rf"\s+{_AND}\s+", parts[-1], maxsplit=1)
                    conjoined = len(last) > 1
                    parts = parts[:-1] + [p for p in last if p.strip()]
            if len(parts) >= 3 and all(_SAME_PREPOSITION.match(p) for p in parts[1:]):
                # "Fala de saudade, de amor perdido, do mar e da vida difícil": what it speaks of, each after
                # its own "of" (the phrases were taken for asides, and the line for a title)
                head = _SAME_PREPOSITION_END.search(parts[0])
                if head:
                    first_of = re.split(r"[\s'’]", head.group(1))[0]
                    first_of = ("di" if language == "it" else "de") if first_of.lower() == "d" else first_of
                    lead = f"{parts[0][:head.start(1)].strip()} {first_of}"  # "Il parle de" [la mer]
                    parts = [f"{lead}:{head.group(2)}",
                             *(p[_SAME_PREPOSITION.match(p).end():] for p in parts[1:])]
            names = conjoined and len(parts) >= 3 and parts[0].split() and parts[0].split()[-1][:1].isupper() and all(
                0 < len(p.split()) <= 3 and all(w[:1].isupper() for w in p.split()) for p in parts[1:-1])
            last = parts[-1].split()
            run = next((n for n, w in enumerate(last) if not w[:1].isupper()), len(last))
            if names and 0 < run <= 3 and len(last) > 3:
                # "Le isole di Murano, Burano e Torcello hanno ciascuna una storia propria": names as the
                # subject, then its verb; the list ends with the last name (its title cut "Murano" off)
                parts[-1] = " ".join(last[:run])
            such = _SUCH_AS.match(parts[1]) if len(parts) >= 3 and ":" not in parts[0] else None
            if such and len(parts[0].split()) >= 2:
                # "Hoy existen otras rutas, como el Camino Portugués, ...": the clause heads the list
                parts = [f"{parts[0]}:{parts[1][such.end():]}", *parts[2:]]
            # "Es hatte modernste Technik: eine Heizung ..., fließendes Wasser ... und sogar ein Telefon"
            headed = commas == 1 and conjoined and len(parts) == 3 and ":" in parts[0] and 1 <= len(
                parts[0].rpartition(":")[2].split()) <= 7 and all(len(p.split()) <= 7 for p in parts[1:])
            if commas < 2 and any(len(p.split()) > 4 for p in parts) and not _glued_items(parts) and not headed:
                continue  # "For centuries, most lights were fires or candles" lists nothing
            if not conjoined and any(len(p.split()) > 3 for p in parts):
                continue  # no "and" before the last: "La partie gothique, appelée la Merveille, est achevée"
            if not conjoined and len(parts) == 3:
                continue  # "Only one ship, the Victoria, came home": a name in apposition, not three items
            # after a heading's colon, its first item opens the first part
            opens = [bool(p.split()) and p.split()[0].lower() in _PHRASE_STARTS | _LIST_OPENINGS
                     for p in [parts[0].rpartition(":")[2], *parts[1:]]]
            tail = max((n for n in range(1, len(parts) - 2) if opens[n]), default=0)
            glued = _glued_items(parts) if not tail else []
            if tail and not glued:  # "Du sommet, on voit le château, la vieille place et le fleuve": French "on"
                things = _glued_items(parts)  # is no English "on"; things each with its article are a list
                if things and all(p.split() and p.split()[0].lower() in _ARTICLES | _PLURAL_ARTICLES
                                  for p in things[1:]):
                    glued = things
            if glued and any(p.split()[0].lower() in _PREPOSITIONS for p in glued[1:] if p.split()):
                continue  # "acompanhado por uma guitarra portuguesa, de doze cordas, e por uma viola": phrases
            if glued:
                # "... laid the track by hand through forest, swamp and permafrost": the first item is
                # the end of a clause, which heads the list.
                parts = glued
            elif tail and all(len(p.split()) <= 3 for p in parts[tail:]) and not any(opens[tail + 1:]):
                # "Workers, many of them Irish immigrants, dug it by hand, with shovels, wheelbarrows and
                # mules" lists three tools, not six clauses.
                lead_in = parts[tail - 1]  # heads the list, so the frame is not bare until "shovels" is said
                parts = [f"{_capitalised(lead_in) if len(lead_in.split()) <= 6 else key_phrase(lead_in)}:",
                         " ".join(parts[tail].split()[1:]), *parts[tail + 1:]]
                parts = [parts[0] + parts[1], *parts[2:]]
            elif any(opens) and not all(opens) and (any(opens[1:]) or any(len(p.split()) > 3 for p in parts)) and \
                    not (len(parts) >= 4 and not any(opens[1:]) and len(parts[-1].split()) <= 5 and all(
                        len(p.split()) == 1 and p.isalpha() and p.islower() for p in parts[1:-1])):
                # "El pueblo de Tequila, con unos cuarenta mil habitantes, dio su nombre": asides; "Dans les
                # œillets, de petits bassins d'argile, le sel se dépose": an opening phrase, then the clause
                # (not "Nas florestas vivem onças, tucanos, quatis e centenas de espécies": one word each)
                continue
        if len(parts) >= 3 and all(p.split() for p in parts[:3]) and all(
                p.split()[0].lower() in _ADVERBIAL_OPENS for p in parts[:2]) and \
                parts[2].split()[0].lower() not in _ADVERBIAL_OPENS | _ARTICLES | _PLURAL_ARTICLES:
            continue  # "In the villages, near the river, live fishermen and farmers": where, then the clause
        if len(parts) < 3 or len(parts) > 8:
            continue
        heading = ""
        first = parts[0].split()
        if ":" in parts[0]:
            heading, _, rest = parts[0].partition(":")
            parts[0] = rest
        elif 2 <= len(first) <= 4 and all(p.split() and p.split()[0][:1].isupper() and len(p.split()) <= 3
                                          for p in parts[1:]) and any(
                start == len(first[0]) + 1 for start, _, _ in named_spans(parts[0], language)):
            parts[0] = " ".join(first[1:])  # "Toccava Benevento, Venosa e Taranto": the verb is no part of an item
        elif len(first) >= 3 and len(parts) >= 4 and all(
                len(p.split()) == 1 and p.isalpha() and p.islower() for p in parts[1:-1]) and (
                (len(parts[-1].split()) == 1 and parts[-1].isalpha() and parts[-1].islower()) or
                (2 <= len(parts[-1].split()) <= 5 and parts[-1].split()[0].isalpha() and parts[-1].islower()
                and language[:2] in ("fr", "es", "it", "pt"))) and \
                first[-1].isalpha() \
                and first[-1].islower() and first[-2].lower() not in _COPULAS | _BE_FORMS and \
                first[-1].lower() not in _DANGLING | numbers.TRAILING:
            # "The vault holds rice, wheat, beans and sorghum": a clause, then one word each; the clause heads
            # the list and its last word is the first item (it was a title card); the last item may be longer
            # where a noun takes no word before it ("... quatis e centenas de espécies de borboletas"; not "In
            # the basin live river dolphins, ..., and giant fish")
            heading, parts = " ".join(first[:-1]), [first[-1], *parts[1:]]
        elif len(first) >= 3 and len(parts[1].split()) <= 4 and len(first) > len(parts[1].split()) + 2:
            continue  # a long opening clause, not an item of the list
        items = [_capitalised(p.strip(" .")) for p in parts if p.strip(" .")]  # each bullet starts a line
        if any(re.match(r"(?:medio|media|half|demi|mezzo|meio|halb)\b", item, re.IGNORECASE) for item in items):
            continue  # "unos cuatro millones y medio al año": a number and its half, not two items
        if any(w.lower() in _SUBJECT_PRONOUNS for item in items[1:] for w in re.findall(r"\w+", item)):
            continue  # "Am Abend, nach der Arbeit, aßen sie Suppe und Brot": clauses, each with its subject
        if any(re.match(r"(?i)(?:si|se)\s+[^\W\d_]{3,}", item) or (language == "es" and re.match(
                r"(?i)(?:y\s+)?(?:lo|le|les)\s+[^\W\d_]{3,}", item)) for item in items[1:]) and language in (
                "it", "es", "fr", "pt"):  # (and "..., y lo servían frío": a clause, its verb after its pronoun)
            continue  # "Sotto i Campi Flegrei, a ovest di Napoli, il suolo si alza e si abbassa": clauses
        if any(item.split()[0].lower() in _BE_FORMS for item in items[1:] if item.split()) and language != "de":
            continue  # "The Lord Mayor, Sir Thomas Bloodworth, was woken and told": a name in apposition, its verbs
        if sum(any(w.lower() in _CUT_VERBS for w in item.split()) for item in items) >= 2:
            continue  # "Un an plus tard, la deuxième édition est marquée par la tricherie, et Garin est disqualifié"
        if heading:  # "...: tea from the samovar at the end of each carriage, ...": each item's head
            items = [_item_head(item) for item in items]
        lengths = [len(i.split()) for i in items]
        unlike = lengths and ((max(lengths) >= 5 and min(lengths) <= 2) or (max(lengths) >= 4 and min(lengths) <= 1))
        # long items after the first that open on a name, an article or a preposition are clauses and
        # asides, not the verbs of one subject ("wound the clockwork ..., and polished the glass"): "Harold
        # y fut tué, selon la légende d'une flèche dans l'œil, et Guillaume devint roi d'Angleterre"
        clauses = min(lengths) >= 4 and any(
            p.split()[0][:1].isupper() or re.split(r"['’]", p.split()[0].lower())[0] in _OBJECT_OPENS | _PREPOSITIONS
            | {"l", "d", "selon", "among", "entre", "unter"} for p in parts[1:] if p.split())
        if not heading and (unlike or clauses):
            continue  # clauses, then a short end: "... que resiste bem ao calor, à chuva" lists nothing
        if all(length <= 8 for length in lengths) and len(items) >= 3:
            return heading.strip(), items
    return "", []


_GERMAN_QUANTITIES = {"etwas", "viel", "viele", "wenig", "wenige", "ein", "eine", "einen", "einem", "einer", "zwei",
                      "drei", "frisches", "frische", "frischen"}
# (not "des", "dos", "dei": French and the others also write the plural article so, "des dauphins, des piranhas")
_OF_WORDS = r"(?:de la|de l['’]|d['’]|de|do|da|du|di|del|della|dello|of|von der|von|vom)"
_SAME_PREPOSITION = re.compile(rf"(?i){_OF_WORDS}\s*(?<=['’\s])(?=[^\W\d_])")
_SAME_PREPOSITION_END = re.compile(rf"(?i)\b({_OF_WORDS})\s*(?<=['’\s])((?:[^\s,]+\s+){{0,2}}[^\s,]+)$")
# Words that lead into a list's first item at the end of a clause ("by hand through forest, swamp and ...").
_ITEM_LEADS = {"through", "across", "with", "like", "including", "of", "in", "into", "from", "among", "between",
               "di", "de", "von",
               "avec", "comme", "dont", "par", "dans", "con", "como", "entre", "por", "mit", "wie", "durch", "aus",
               "tra", "fra", "com"}


# Where a phrase of place begins: "dans un trou", "in the yard", "en Dordogne" (not "entró en erupción").
_PLACE_PHRASE = {"dans", "in", "en", "à", "au", "aux", "nel", "nella", "im", "am", "em", "na", "no", "at", "on", "près",
                 "near", "bei", "vicino"}
# ... or of the way something went ("a storm swept" [down the Firth of Tay in Scotland])
_WAY = {"down", "up", "across", "along", "through", "over", "into", "towards", "toward", "durch", "über", "entlang",
        "attraverso", "lungo", "através"}
_COMPARISONS = {"like", "as", "comme", "como", "wie", "come", "than", "que", "entre", "between", "zwischen", "tra",
                "fra", "since", "whereas", "puisque", "porque", "weil", "perché", "poiché"}
_PREPOSITIONS = {"de", "di", "of", "von", "by", "por", "par", "per", "com", "con", "with", "avec", "mit", "da", "du",
                 "em", "na", "no", "nas", "nos", "en", "à", "au", "aux", "nel", "nella", "im", "am"}
# Words that open a phrase of where or when, before a sentence's clause
_ADVERBIAL_OPENS = _PREPOSITIONS | _PLACE_PHRASE | _WAY | {
    "near", "above", "below", "beside", "behind", "beyond", "under", "près", "loin", "sur", "sous", "derrière",
    "cerca", "lejos", "sobre", "bajo", "junto", "tras", "perto", "longe", "atrás", "vicino", "lontano",
    "sopra", "sotto", "dietro", "oltre", "nahe", "oberhalb", "unterhalb", "auf", "unter", "neben", "hinter", "jenseits",
    "dans", "nas", "nos", "nei", "nelle", "negli", "sul", "sulla", "an", "bei"}
# "I gusti più amati sono il cioccolato, la nocciola, ...": what the subject is, listed (after two words
# of subject at least: "They were tired, hungry and cold" heads nothing)
# What opens a clause of condition or concession: the sentence's point is the clause after it
_CONDITIONS = {"if", "had", "unless", "although", "though", "wenn", "falls", "obwohl", "aunque", "embora", "sebbene",
               "benché", "quoique"}
# What someone believed or said, after a clause that denies it: "Damals glaubten viele Fachleute nicht, dass eine
# Lokomotive solche Steigungen bewältigen könnte" (the "dass" clause alone says the opposite)
_THAT = {"dass", "daß", "that", "que", "che"}
_NOT = re.compile(r"(?i)\b(?:not|never|nobody|nicht|nie|niemand|kein\w*|ne|n['’]|pas|jamais|no|nunca|nadie|non|mai|"
                  r"nessuno|não|ninguém)\b")
_SUBORDINATORS = {"when", "as", "after", "before", "quand", "lorsque", "cuando", "als", "wenn", "quando", "depois"}
_COPULAS = {"are", "were", "include", "included", "sont", "étaient", "son", "eran", "incluyen", "sind", "waren",
            "sono", "erano", "são", "eram", "incluem"}
_JOINING_WORDS = numbers.JOINING
_RELATIVES = {"where", "which", "that", "who", "whose", "dessen", "deren", "cuyo", "cuya", "où", "qui", "que", "dont",
              "donde", "quien", "wo", "welche", "welcher", "dove", "che", "cui", "onde"}


def _item_head(item: str) -> str:
    """A long item of a headed list, to where a clause or phrase about it begins ("Tea from the
    samovar", "Platforms" [where local sellers offer ...])."""
    words = item.split()
    if len(words) <= 5:
        return item
    cut = next((i for i, word in enumerate(words) if i >= 1 and (word.lower() in _RELATIVES or (
        i >= 2 and word.lower() in _PHRASE_STARTS))), len(words))
    return " ".join(words[:cut])


_PLURAL_ARTICLES = {"des", "los", "las", "os", "as", "i", "gli", "le", "les", "alcuni", "unos", "unas", "uns", "umas"}


def _after_a_place_and_its_verb(clause: list[str], items: list[str]) -> int:
    """How many words at the clause's end are the first item, when the clause is a place, its verb and
    that item ("Na bacia vivem botos", "En la cuenca viven los delfines"); else 0. Not in English, which
    seldom puts its subject after the verb ("In the basin live river dolphins" is no "river" verb)."""
    if not 4 <= len(clause) <= 7 or clause[0].lower() not in _PLACE_PHRASE or clause[1].lower() == "the" or not all(
            p.split() and p.split()[0][:1].islower() and len(p.split()) <= 3 for p in items):
        return 0
    size = 2 if clause[-2].lower() in _PLURAL_ARTICLES else 1
    verb = clause[-1 - size]
    if len(clause) - size < 3 or not verb.isalpha() or not verb.islower() or \
            verb.lower() in _ARTICLES | _PREPOSITIONS | _OBJECT_OPENS | _PLURAL_ARTICLES:
        return 0
    return size


def _after_a_verb_with_articles(clause: list[str], rest: list[str]) -> int:
    """How many of the clause's last words (an article and up to four more) are the first of things
    listed after a verb, each of the others opening on an article too; else 0."""
    articles = _ARTICLES | _PLURAL_ARTICLES
    if len(clause) < 4 or not all(p.split() and p.split()[0].lower() in articles for p in rest):
        return 0
    for at in range(len(clause) - 2, max(1, len(clause) - 6), -1):
        verb = clause[at - 1]
        if clause[at].lower() in articles and re.fullmatch(r"[a-zà-öø-ÿ][\w'’-]*", verb) and verb.lower() not in \
                _PREPOSITIONS | _ITEM_LEADS | _ARTICLES | _PLURAL_ARTICLES | numbers.JOINING | numbers.TRAILING:
            return len(clause) - at
    return 0


def _glued_items(parts: list[str]) -> list[str]:
    """A list of short items whose first one ends a longer clause, as ["Lead-in:first", items...];
    else []."""
    short = 0
    while short < len(parts) and len(parts[-1 - short].split()) <= 3:
        short += 1
    if short < 2 or short == len(parts):
        return []
    if ":" in parts[-1 - short]:  # "... cinco estados de México: Jalisco, ...": the colon heads the list
        heading, _, first = parts[-1 - short].rpartition(":")
        # (an item as short as the others: ": l'idée vient de deux ingénieurs de son entreprise, Maurice
        # Koechlin et Émile Nouguier" lists two names after a clause, no three items)
        return [f"{heading}:{first}", *parts[-short:]] if heading.strip() and 0 < len(first.split()) <= 3 else []
    clause = parts[-1 - short].split()
    modal = _after_a_modal(clause, parts[-short:])
    if modal:
        # "Hail can strip a vineyard of its leaves, bruise apples and flatten wheat": what it can do,
        # each from its verb ("Its leaves" was the first item under "... can strip a vineyard")
        return [f"{_capitalised(' '.join(clause[:modal]))}:{' '.join(clause[modal:])}", *parts[-short:]]
    leads = [i for i in range(1, len(clause) - 1) if len(clause) - i - 1 <= 3 and (
        clause[i].lower() in _ITEM_LEADS or (clause[i].lower() in _COPULAS and i >= 2))]
    if len(clause) >= 4 and not leads and clause[-1][:1].isupper() and clause[-2].isalpha() and \
            clause[-2].islower() and clause[-2] not in _OBJECT_OPENS | _ARTICLES | _PREPOSITIONS and all(
            (w[:1].isupper() or (w.lower() in _GERMAN_QUANTITIES and n < len(p.split()) - 1))
            for p in parts[-short:] for n, w in enumerate(p.split()) if w.lower() not in numbers.JOINING):
        # ("Mehl, Wasser, Salz und etwas Geduld": a word of quantity before the last item's noun)
        # "Auf der Insel Mainau wachsen Palmen, Orchideen und Zitronenbäume": names or nouns after its
        # verb; the verb stays with the heading
        heading = " ".join(clause[:-1])
        heading = _capitalised(heading) if len(clause) <= 7 else key_phrase(heading)
        return [f"{heading}:{clause[-1]}", *parts[-short:]]
    articled = _after_a_verb_with_articles(clause, parts[-short:])
    if articled and (not leads or len(clause) - articled < leads[0]):  # "o Castelo de São Jorge": "de" is inside
        # "From the top you see the castle, the old square and the river", "vê-se o Castelo de São Jorge, o
        # Rossio e o rio Tejo": things after a verb, each with its article; the verb stays with the heading
        heading = " ".join(clause[:-articled])
        heading = _capitalised(heading) if len(clause) - articled <= 6 else key_phrase(heading)
        return [f"{heading}:{' '.join(clause[-articled:])}", *parts[-short:]]
    inverted = _after_a_place_and_its_verb(clause, parts[-short:]) if not leads else 0
    if inverted:
        # "Na bacia vivem botos, piranhas, peixes-boi e pirarucus": where, its verb, then the things (in
        # the Romance languages the subject may follow its verb); the verb stays with the heading
        return [f"{' '.join(clause[:-inverted])}:{' '.join(clause[-inverted:])}", *parts[-short:]]
    if len(clause) < 4 or not leads:
        return []
    if not parts[-1].split()[-1][:1].isupper() and all(p.split()[-1][:1].isupper() for p in parts[-short:-1]):
        return []  # "in Brasilien, Vietnam und Kolumbien angebaut": the verb ends the clause, not the list
    # "Ihr Teig besteht nur aus Mehl, ...", "made of": what it is made of keeps its "of" (it was "besteht nur:")
    made = [w.lower() for w in clause[:leads[-1]] if w.lower() not in _ONLY]
    lead_in = clause[:leads[-1] + 1] if clause[leads[-1]].lower() in ("of", "aus", "de", "di", "da") and \
        made and made[-1] in _MADE else clause[:leads[-1]]
    while len(lead_in) > 2 and lead_in[0].lower() in _CONNECTORS | numbers.JOINING:
        lead_in = lead_in[1:]  # "[y] la luz entra por vidrieras de colores ..."
    subject = parts[0].split() if len(parts) - 1 - short >= 2 else []
    if 1 <= len(subject) <= 3 and subject[0][:1].isupper() and lead_in and lead_in[0].isalpha() and \
            lead_in[0].islower() and lead_in[0] not in _PREPOSITIONS | _ARTICLES | numbers.JOINING | _ITEM_LEADS \
            and len(subject) + len(lead_in) <= 6:
        # "Workers, many of them Irish immigrants, dug it with shovels, ...": the subject before the aside
        # heads the list with its verb ("Dug it" alone stood large for two seconds)
        lead_in = subject + lead_in
    heading = _capitalised(" ".join(lead_in)) if len(lead_in) <= 6 else key_phrase(" ".join(lead_in))
    return [f"{heading}:{' '.join(clause[leads[-1] + 1:])}", *parts[-short:]]


# Verbs of what a thing is made of, whose "of" stays with them
_MADE = frozenset({"made", "composed", "consists", "consisted", "besteht", "bestand", "bestehen", "bestanden",
                   "compose", "composent", "composé", "composée", "consiste", "consisten", "compuesto", "compuesta",
                   "hecho", "hecha", "fatto", "fatta", "composto", "composta", "feito", "feita", "consistono"})
_ONLY = frozenset({"only", "just", "nur", "seulement", "solo", "sólo", "solamente", "soltanto", "apenas", "juste"})
_MODALS = frozenset({"can", "could", "will", "would", "may", "might", "must", "should", "peut", "peuvent", "pouvait",
                     "doit", "doivent", "puede", "pueden", "podía", "debe", "deben", "può", "possono", "poteva",
                     "deve", "devono", "pode", "podem", "podia", "devem"})
_INFINITIVE = re.compile(r"[a-zà-ÿ]{2,}(?:er|ir|re|ar|are|ere|ire|or)$")


def _after_a_modal(clause: list[str], items: list[str]) -> int:
    """Where the first of a list of things done starts, right after its modal verb ("can strip a
    vineyard of its leaves, bruise apples and flatten wheat"), when every later item opens on a verb
    too: a bare word, neither article nor preposition, before its object (in the Romance languages an
    infinitive). 0 if not so."""
    position = next((n for n, w in enumerate(clause[:-1]) if n and w.lower() in _MODALS), None)
    if position is None or not 2 <= len(clause) - position - 1 <= 8:
        return 0
    romance = clause[position].lower() not in {"can", "could", "will", "would", "may", "might", "must", "should"}
    for item in items:
        words = re.sub(rf"^{_AND}\s+", "", item.strip()).split()
        first = words[0] if words else ""
        opens = _ARTICLES | _PLURAL_ARTICLES | _PREPOSITIONS | _OBJECT_OPENS | _ITEM_LEADS | numbers.JOINING
        if len(words) < 2 or not first.isalpha() or not first.islower() or first in opens or (
                romance and not _INFINITIVE.match(first)):
            return 0
    return position + 1


def _a_place(phrase: str) -> bool:
    """The words are a place's whole name, as written ("Oceano Pacifico"; not "Abraham Lincoln")."""
    place = find_place(phrase, strict=False)
    return place is not None and place.name.lower() == phrase.lower()


def _name(text: str, place_name: str, language: str = "") -> tuple[str, str]:
    name, role = _name_in(text, place_name, language)
    pair = re.search(rf"(?<![\w'’])([A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+)\s+(?:and|et|y|e|und)\s+{re.escape(name)}", text) \
        if len(name.split()) >= 2 else None
    if pair and pair.group(1) not in _NOT_NAMES | _OPENING_WORDS | _TITLES and \
            find_place(pair.group(1), strict=False) is None and pair.group(1).lower() not in numbers.MONTHS:
        name = text[pair.start():pair.end()]  # "Joseph et Étienne de Montgolfier", "Pierre and Marie Curie": both
    words = name.split()
    if len(words) >= 2 and text.lstrip().startswith(name) and words[1].lower() in _BARE_ARTICLES and \
            _FINITE_VERB.search(words[0]):
        return "", ""  # "Attraversarono la Persia, ...": a verb opening the line, then its object's article
    if language[:2] != "de" and re.search(r"\s[IVX]{1,5}\.$", name):
        name = name[:-1]  # "a Vittorio Emanuele II.": the sentence's full stop (German's "Ludwig II." is his number)
    return name, role


# The first words of regions' names, and continents: no one is called so.
_REGION_OPENERS = frozenset({"North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Central",
                             "Upper", "Lower", "New", "Nord", "Sud", "Süd", "Ost", "Nouvelle", "Nueva", "Nuova", "Nova",
                             "Norte", "Nordrhein"})
_CONTINENTS = frozenset({"America", "Americas", "Europe", "Asia", "Africa", "Oceania", "Antarctica", "Amérique",
                         "Europa", "Afrique", "Asie", "Afrika", "Asien", "Amerika", "América", "África", "Ásia",
                         "Américas", "Antártida", "Antarctique", "Antarktis", "Oceanía"})
_BARE_ARTICLES = {"la", "le", "il", "el", "lo", "les", "los", "las", "the", "o", "a", "os", "as"}
# Endings of a finite verb that no given name has (Italian, Spanish and Portuguese past and imperfect,
# French past): what tells "Attraversarono la Persia" from "Lorenzo il Magnifico" or "Alfonso el Sabio".
_FINITE_VERB = re.compile(r"(?i)(?:arono|erono|irono|avano|evano|ivano|aron|ieron|aban|aram|eram|iram|avam|èrent|"
                          r"aient|[aeiu]ò|ió|ou)$")


def _name_in(text: str, place_name: str, language: str = "") -> tuple[str, str]:
    """A person's name (two to four capitalised words, not a place or a month) and what the line
    says of them: their life dates, or the role the line gives ("a French physicist named ...").
    German capitalises every noun ("nach Afrika Fett anzufressen"): there a name needs a title before
    it, "namens", life dates or a role after it. A name with its epithet ("Plinio il Vecchio", "Alfred
    the Great", "Friedrich der Große") is one, whole."""
    regnal = _REGNAL_NAME.search(text)
    if regnal:  # "Le roi Louis XIV aimait Versailles": one name and its number, after the word for a ruler
        # German writes a regnal number with its dot: "Wilhelm II."
        german = regnal.group(1) in ("König", "Königin", "Kaiser", "Kaiserin", "Papst", "Zar")
        dot = "." if german and text[regnal.end(2):regnal.end(2) + 1] == "." else ""
        return regnal.group(2) + dot, regnal.group(1)
    epithet = _EPITHET_NAME.search(text)
    if epithet and epithet.group(1) not in _NOT_NAMES | _OPENING_WORDS | _TITLES and \
            find_place(epithet.group(1), strict=False) is None:
        life = _LIFE.search(text[epithet.end():epithet.end() + 20])
        # "Plinio el Viejo, procurador en Hispania, describió ...": the role between commas
        return epithet.group(0), f"{life.group(1)}–{life.group(2)}" if life else _apposed_role(
            text[epithet.end():], language)
    for match in _NAME.finditer(text):
        words = match.group(0).split()
        possessive = next((n for n, w in enumerate(words) if w.endswith(("'s", "’s"))), None)
        if possessive is not None:  # "John Kemp Starley's Rover": the person, not the thing
            words = [*words[:possessive], words[possessive][:-2]]
        # "as" and "a" are English words too; "no Bairro Alto", "do Porto": Portuguese joins them to prepositions
        portuguese = "|o|os|a|as|no|na|nos|nas|do|da|dos|das|ao|aos|pelo|pela" if language == "pt" else ""
        # (plural ones too: "Sotto i Campi Flegrei" is a place, no person)
        article = re.search(rf"(?i)\b(?:the|der|die|das|dem|den|des|le|la|el|il|lo|i|gli|los|las|les{portuguese})\s+$",
                            text[:match.start()])
        article = article is not None
        if not re.search(r"[^\s.!?:;«“\"]\s*$", text[:match.start()]) and (_past_verb(words[0]) or (
                language in ("es", "it", "pt") and len(words) == 2 and find_place(words[1], strict=False))):
            # "Vinse Filippo Brunelleschi", "Visitó Roma", "Atraviesa Pamplona": these languages may open a
            # sentence with its verb
            words = words[1:]
        while words and (words[0] in _NOT_NAMES or words[0] in _OPENING_WORDS or words[0][0].islower()
                         or words[0].lower() in _CENTURIES | _SUBORDINATORS | _CONNECTORS  # "Quando Enrico"
                         or (language == "de" and words[0].lower() in _GERMAN_DETERMINERS)):
            # "Sein Nachfolger Hjalmar Schacht": a determiner, like an article, before a title and the name
            article = article or words[0].lower() in _ARTICLES | _GERMAN_DETERMINERS
            words = words[1:]
        if words and (words[0] in _REGION_OPENERS or any(w in _CONTINENTS for w in words)):
            continue  # "North America", "New England", "South Dakota": a region the map data lacks, not a person
        if len(words) < 2 or any(w.lower() in numbers.MONTHS for w in words) or all(w in _TITLES for w in words) \
                or all(w in _PARTICLES or find_place(w, strict=False) is not None for w in words) \
                or _a_place(" ".join(words)):
            continue  # "The Lord Mayor, Sir Thomas Bloodworth": titles alone are no one; "l'Oceano Pacifico" a sea
        if article and len(words) == 2:
            continue  # "in the Black Canyon", "O Teatro Amazonas": an article before two names makes a thing
        if possessive is None and words == match.group(0).split() and re.search(
                r"(?i)(?:^|\s)(?:em|in|en|dans|nel|nella|im|at|near)\s+$", text[:match.start()]):
            continue  # "numa fazenda de café em Minas Gerais": a region the map data lacks, no one
        if re.search(r"(?i)\b(?:del|della|dello|dei|degli|delle|du|al|alla|dal|dalla|nel|nella|sul|sulla)\s+$",
                     text[:match.start()]):
            continue  # "nella zona del Gran Paradiso": a place or a thing; Italian, Spanish and French name no one so
        # (a building's word after a given name and its particle is a surname where a role comes before it:
        # "el arquitecto Alberto de Palacio" was passed over for "Gustave Eiffel" after him)
        surname = len(words) >= 3 and words[-2].lower() in _PARTICLES and words[0].lower() not in _EVENT_WORDS and \
            re.search(r"\b[a-zà-öø-ÿ]{5,}\s+$", text[:match.start()]) is not None
        if any(w.lower() in numbers.SCALES or w.lower() in numbers.WORDS or (
                w.lower() in _EVENT_WORDS and not (surname and n == len(words) - 1)) for n, w in enumerate(words)):
            continue  # "Million Tiere" is a number of animals; "la Première Guerre mondiale" a war, not a person
        title = ""
        # "Der Ingenieur Eugen Langen", "Oberbürgermeister Martin Horn" opening a sentence: a title, then the name
        opening = not re.search(r"[^\s.!?:;«“\"]\s*$", text[:match.start()])
        if len(words) >= 3 and (article or (language == "de" and opening and words == match.group(0).split())):
            if article and language != "de" and words[0] not in _TITLES:
                continue  # "la Veneranda Fabbrica del Duomo", "the Royal Navy Museum": a thing, not a person
            title, words = words[0], words[1:]
        if words[0][0].islower():
            continue  # "der Küste von Schleswig-Holstein": a thing of a place, not a person
        if words[-1] in _INSTITUTIONS or words[0] in _BUILDINGS_FIRST | _INSTITUTIONS_FIRST:
            continue  # "the Halfway to Hell Club", "the Royal Society", "Villa Griffone": a body or a building, no one
        name = " ".join(words)
        if place_name and set(words) & set(place_name.split()):
            continue  # "the Camino de Santiago" on the way to Santiago de Compostela is not a person
        before = text[:match.start()]
        role = ""
        saint = _SAINT_NAME.search(name)
        if saint and _CHURCH_BEFORE.search(f"{before}{title} {name[:saint.start()]}".rstrip() + " "):
            continue  # "Die Hauptkirche Sankt Michaelis", "l'église Saint-Eustache": the church, not a person
        if _STREET_BEFORE.search(before):
            continue  # "invade piazza San Marco", "Place Bellecour": a square or a street, no one
        if NAMED_IT.search(before[-40:]):
            continue  # "Ele as batizou de Saltos de Santa Maria", "la llamaron San Miguel": a name given, no one
        named = _NAMED.search(before)
        if named and before[:named.start()].split()[-1:] and \
                before[:named.start()].split()[-1].lower().strip(",") in _NAMED_THINGS:
            continue  # "a colour called International Orange", "un bateau nommé Belem": a thing's name
        if named:
            role = " ".join(before[:named.start()].split()[-3:]).strip(" ,").rpartition(",")[2].strip()
            role = re.sub(r"(?i)^(?:a|an|the|un|une|le|la|el|ein|eine|der|die)\s+", "", role)
            # "to protect a boy named James Phipps": what he was, not the verb before it
            role = re.split(r"(?i)\b(?:a|an|the|un|une|el|una|uno|ein|eine|einen|einem|um|uma)\s+", role)[-1]
        life = _LIFE.search(text[match.end():match.end() + 20])
        if life:
            role = f"{life.group(1)}–{life.group(2)}"
        if not role and title:
            role = title
        if not role:  # "El médico William Gorgas", "the engineer John Smeaton": the word between article and name
            # "the Scottish scientist Alexander Fleming": an adjective of nation may come first
            # "de l'ingénieur Michel Virlogeux", "dell'architetto Renzo Piano": an article elided before it
            before_role = re.search(r"(?:\b(?:[Tt]he|[Ee]l|[Ll]a|[Ll]e|[Ii]l|[Ll]o|[Oo]|del|du|dello|della|do|da|al|"
                                    r"au|ao)\s+|\b(?:[Ll]|dell|dall|nell|sull)['’])((?:[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+\s+)?"
                                    r"(?:[a-zà-öø-ÿ]{3,}\s+)?([a-zà-öø-ÿ]{4,})),?\s+$",
                                    before)  # "the engineer, Sir Thomas Bouch", "the container ship Ever Given"
            role = before_role.group(1) if before_role and before_role.group(2) not in _NO_ROLE else ""
            short = re.search(r"\b(?:[Ll]e|[Ee]l|[Ii]l|[Oo]|[Tt]he)\s+(roi|rey|re|rei|duc|tsar|zar|czar|shah|emir)\s+$",
                              before) if not role else None
            role = short.group(1) if short else role  # "le roi François Ier"
            # "The Lord Mayor, Sir Thomas Bloodworth, was woken": a title of capitalised words opens the sentence
            opening_title = re.search(r"(?:^|[.!?]\s+)(?:The|El|La|Le|Il|Lo|O|A)\s+((?:[A-ZÀ-Þ][a-zà-ÿ]+\s+){0,2}"
                                      r"[A-ZÀ-Þ][a-zà-ÿ]+),\s+$", before) if not role else None
            role = opening_title.group(1) if opening_title and find_place(opening_title.group(1),
                                                                          strict=False) is None else role
        if not role:
            role = _apposed_role(text[match.end():], language)
        if not role:  # "Her mother, Anne Isabella Milbanke, made sure ...": who they were to the one it is about
            kin = _KIN_BEFORE.search(before)
            role = f"{kin.group(1).lower()} {kin.group(2)}" if kin else role
        if not role:  # "A cantora mais famosa foi Amália Rodrigues": what the sentence says she was, before her
            was = _WAS_BEFORE.search(before)
            role = was.group(1) if was and not re.search(r"\d", was.group(1)) else ""
        if language == "de" and not (role or named):
            continue
        if role and role.split()[-1].lower() in _NO_PERSON_ROLES:
            continue  # "The company, Purity Distilling, blamed anarchists": a firm, no one
        return name, role
    return "", ""


_KIN_BEFORE = re.compile(r"(?:^|[.!?]\s+)(Her|His|Their|Sa|Son|Su|Sua|Seu|Sein|Seine|Ihr|Ihre)\s+([a-zà-ÿ]{3,}"
                         r"(?:\s+[a-zà-ÿ]{3,})?),\s+$")
_INSTITUTION_WORDS = """Club Society Company Museum Institute University College School Bridge Castle Cathedral
Church Palace Tower Street Square Park Hotel Theatre Theater Festival Award Prize Cup League Party Council Bank Railway
Games Gate Hall Station Airport Canal Building Centre Center Foundation Association Union Empire Kingdom Republic Army
Navy Times Post Agency Orchestra Choir Band Corporation Inc Ltd Library Archive Archives Academy Observatory
Hospital Laboratory Gallery Trust"""
_INSTITUTIONS = frozenset(_INSTITUTION_WORDS.split())
# ... or a building's or a landform's word before its name ("nella soffitta di Villa Griffone", "Schloss
# Neuschwanstein", "la prima Casa dei Bambini", "Punta Tombo")
_BUILDING_WORDS = """Villa Palazzo Castello Castel Château Schloss Burg Hotel Hôtel Teatro Théâtre Museo Museu
Musée Torre Fort Fortaleza Quinta Abbazia Abbaye Kloster Monasterio Mosteiro Casa Maison Haus Ponte Pont Puente
Porta Puerta Porte Stazione Gare Estación Estação Bahnhof
Punta Cabo Cap Capo Cape Isla Île Isola Ilha Insel Lago Lac Lake Laguna Sierra Serra Golfo Bahía Baie Baia Playa
Plage Praia Spiaggia Valle Vallée Vale Pico Piz Pizzo Cerro Picos Monte Mont Mount Berg Mare Mar
Camino Caminito Sendero Chemin Sentier Sentiero Cammino Caminho Trilha Weg Pfad"""
_BUILDINGS_FIRST = frozenset(_BUILDING_WORDS.split())
# ... or a body's word before its name, as the Romance languages and German write them ("dall'Istituto Nazionale di
# Geofisica", "l'Université de Montréal", "das Institut für Meereskunde")
_INSTITUTION_FIRST_WORDS = """Istituto Instituto Institut Università Universidad Universidade Université Universität
Accademia Académie Academia Akademie Fondazione Fondation Fundación Fundação Stiftung Biblioteca Bibliothèque
Bibliothek Ospedale Hôpital Hospital Krankenhaus Collège Colegio Colégio Liceo Lycée Società Société Sociedad
Sociedade Compagnie Compagnia Compañía Companhia Consiglio Conseil Consejo Conselho Ministero Ministère Ministerio
Ministério Ministerium Agenzia Agence Agencia Agência Agentur Osservatorio Observatoire Observatorio Observatório
Sternwarte Laboratorio Laboratoire Laboratório Labor Centro Centre Zentrum Banca Banco Banque Museo Musée Museu Museum
Scuola École Escuela Escola Schule Gymnasium Comitato Comité Comitê Parlamento Parlement"""
_INSTITUTIONS_FIRST = frozenset(_INSTITUTION_FIRST_WORDS.split())
# ... or what the words before a name say it is: "the company, Purity Distilling" (a ship has its name card)
_NO_PERSON_ROLE_WORDS = """company firm brand band group newspaper magazine team club society party bank
label shop store factory brewery distillery studio album song film book entreprise société firme marque groupe
journal équipe banque usine empresa compañía firma marca grupo periódico equipo banco fábrica
unternehmen gesellschaft firma marke gruppe zeitung mannschaft fabrik azienda società ditta marchio gruppo
giornale squadra fabbrica companhia jornal"""
_NO_PERSON_ROLES = frozenset(_NO_PERSON_ROLE_WORDS.split())
_WAS_BEFORE = re.compile(r"(?:^|[.!?]\s+)(?i:the|an?|o|el|la|le|il|lo|der|die|das)\s+([^\W\d_][^,.;:]{2,40}?)\s+"
                         r"(?i:was|is|foi|é|fue|es|fut|est|était|era|è|war|ist)\s+$")
_STREET_BEFORE = re.compile(r"(?i)\b(?:piazza|piazzale|campo|via|viale|corso|place|rue|avenue|boulevard|quai|plaza|"
                            r"calle|avenida|paseo|praça|rua|largo|platz|straße|strasse|allee|square|street|road)\s+$")
_SAINT_NAME = re.compile(r"(?:^|(?<=[\s'’]))(?:Saint|Sainte|St\.?|San|Santa|Santo|São|Sankt)[\s-]")
# (a German compound ends on its word: "Hauptkirche", "Klosterkirche")
_CHURCH_BEFORE = re.compile(r"(?i)(?:kirche|kapelle|dom|münster|kloster|church|cathedral|chapel|abbey|basilica|priory|"
                            r"église|cathédrale|chapelle|abbaye|basilique|iglesia|catedral|capilla|ermita|basílica|"
                            r"chiesa|cattedrale|cappella|igreja|capela|mosteiro|convento|monasterio|monastero)\s+"
                            r"(?:(?:of|de|di|do|da|von)\s+)?$")
# What a name after "called" or "named" may be the name of besides a person (or an animal, which a name
# card suits): a colour, a craft, a dish, a style ("a colour called International Orange" was a name card).
_NAMED_THING_WORDS = """
colour color colours colors shade paint couleur teinte color colores farbe farbton colore colori cor cores
ferry engine plane aircraft car truck bus avion fusée voiture avión cohete coche boot flugzeug rakete barca aereo
razzo avião foguete
dish drink cocktail wine beer cheese cake bread sauce plat vin fromage gâteau pain plato vino queso pastel
gericht wein käse kuchen brot piatto formaggio torta prato vinho queijo bolo
style technique method process dance song tune font typeface brand company firm shop restaurant hotel pub
variety breed cultivar grape apple rose stone rock mineral
"""
_NAMED_THINGS = frozenset(_NAMED_THING_WORDS.split()) | CRAFTS


def _apposed_role(after_name: str, language: str) -> str:
    """What the words after a name, between commas, say the person was."""
    # ", un ingegnere aeronautico che non amava ...": the role ends where a clause about it begins
    # French, Spanish, Italian and Portuguese often leave the article out: ", directeur du journal L'Auto,"
    bare = r"|[a-zà-öø-ÿ]{4,}\s|(?:rey|rei|re|roi|duc|zar|tsar)\s" if language in ("fr", "es", "it", "pt") else ""
    after = re.match(rf",\s*((?:(?:a|an|the|un|une|uno|una|um|uma|le|la|el|il|lo|o|ein|eine|der|die)\s{bare})"
                     r"[^,.;]{3,40}?)(?:[,.]|\s(?:who|which|that|qui|que|che|cui|quien|der|die|das|den)\s|$)",
                     after_name)
    # German "der", "die" open a relative clause, which ends on its verb (", der 1923 das Geld druckte,"),
    # or an apposition, which ends on its noun: "Hjalmar Schacht, der neue Währungskommissar, hielt ..."
    apposed = after is not None and language == "de" and after.group(1).split()[0] in ("der", "die") and \
        len(after.group(1).split()) <= 5 and after.group(1).split()[-1][:1].isupper()
    role = after.group(1) if after and (apposed or after.group(1).split()[0].lower() not in
                                        _RELATIVES | _CONNECTORS | _PHRASE_STARTS | _JOINING_WORDS) else ""
    # "Son créateur, Pierre-Paul Riquet, était un collecteur d'impôts passionné d'hydraulique": what
    # the sentence says they were, to its end
    was = None if role else re.match(r",\s*(?:was|is|est|était|fut|era|fue|es|foi|é|è|fu|war|ist)\s+"
                                     r"((?:a|an|un|une|uno|una|um|uma|ein|eine)\s[^,.;:]{3,50})[.]?$",
                                     after_name.strip())
    role = was.group(1) if was else role
    if not role:  # "Fernando de Magallanes, un navegante portugués al servicio de la Corona española.": the role,
        # then in whose service (too long whole): the role up to where its phrase begins
        longer = re.match(r",\s*(?:a|an|un|une|uno|una|um|uma|ein|eine)\s+([^,.;]{3,80}?)(?:[,.]|$)", after_name)
        words = longer.group(1).split() if longer else []
        cut = next((n for n in range(2, min(len(words), 6)) if words[n].lower() in _PREPOSITIONS | {
            "al", "del", "au", "aux", "in", "at", "for", "from", "im", "beim", "nel", "nella", "dal", "dalla"}), None)
        if cut is not None and not _past_verb(words[0]):
            role = " ".join(words[:cut])
    role = re.sub(r"^(?:a|an|the)\s+", "", role)  # "a former fisherman's daughter": no English article
    if role.split()[-1:] and role.split()[-1].lower() in _NO_ROLE:
        role = ""  # "Ferdinand de Lesseps, el mismo que ...": "the same one" is no role
    if role.split()[:1] and (_past_verb(role.split()[0]) or re.search(r"(?:ait|aient|aba|aban|ava|avano|eva|evano)$",
                                                                      role.split()[0].lower())):
        role = ""  # "Son fils, Jean Dupont, dessinait des ponts": what the person did, the sentence's verb
    return role


# Verbs of the Romance languages' past, which may open a sentence before a name or end a clause cut
# before its object: Spanish "-ó" (visitó, llegó), Portuguese "-ou" (fundou), Italian "-ò" and "-ì"
# (fondò, morì) and its common irregular ones. No usual first name ends so, Niccolò and Nicolò apart.
_IRREGULAR_OPENINGS = {"vinse", "nacque", "fece", "disse", "scrisse", "prese", "visse", "venne", "ebbe", "mise",
                       "giunse", "scelse", "costruì", "dipinse", "sconfisse",
                       # "Eram Gago Coutinho, o navegador, e ...": who they were, the verb first
                       "eram", "eran", "erano", "foram", "fueron", "furono"}


def _past_verb(word: str) -> bool:
    lower = word.lower()
    return lower in _IRREGULAR_OPENINGS or (lower not in ("niccolò", "nicolò") and (
        lower.endswith(("ó", "ò", "ì")) or (len(lower) >= 5 and lower.endswith("ou"))))


# The epithets kings, saints and scholars are known by, after their given name and an article.
_EPITHETS = {
    "Great", "Elder", "Younger", "Bold", "Wise", "Conqueror", "Confessor", "Pious", "Fair", "Lionheart", "Magnificent",
    "Navigator", "Unready", "Grand", "Bel", "Hardi", "Sage", "Pieux", "Conquérant", "Magnifique", "Navigateur",
    "Grande", "Sabio", "Católico", "Conquistador", "Navegador", "Sábio", "Magnífico", "Piadoso", "Justo", "Casto",
    "Africano", "Große", "Grosse", "Kahle", "Fromme", "Weise", "Jüngere", "Ältere", "Kühne", "Vecchio", "Giovane",
    "Magnifico", "Moro", "Saggio", "Pio", "Santo", "Calvo", "Bello", "Batalhador", "Conquistatore", "Viejo", "Joven",
    "Vieux", "Jeune", "Ancien", "Velho", "Jovem", "Terrible", "Cruel", "Bref", "Breve", "Hermoso", "Bueno", "Bon",
    "Good", "Terrível", "Terribile", "Schreckliche"}
# ("the Great Wall", "la Grande Muraille": an epithet before another capitalised word names a thing)
_EPITHET_NAME = re.compile(rf"\b({_NAME_WORD})\s+(?:the|le|la|il|el|lo|o|der|die)\s+(?:{'|'.join(sorted(_EPITHETS))})\b"
                           r"(?!\s+[A-ZÀ-ÖØ-Þ])")
# A ruler named by one name and a regnal number, after the word for a ruler ("le roi Louis XIV", "King
# George III", "Papst Pius IX."): two capitalised words are not needed.
_REGNAL_NAME = re.compile(r"\b(King|Queen|Emperor|Empress|Pope|Tsar|Czar|roi|reine|empereur|impératrice|pape|rey|"
                          r"reina|emperador|papa|re|regina|imperatore|rei|rainha|imperador|König|Königin|Kaiser|"
                          r"Kaiserin|Papst|Zar)\s+([A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+\s+[IVX]{1,5})\b\.?(?!\s*[A-ZÀ-ÖØ-Þ][a-z])")
_TITLES = {"Lord", "Lady", "Sir", "Dame", "King", "Queen", "Prince", "Princess", "Emperor", "Empress", "Pope",
           "President", "Mayor", "General", "Captain", "Admiral", "Governor", "Duke", "Duchess", "Count", "Countess",
           "Bishop", "Archbishop", "Cardinal", "Saint", "Chancellor", "Minister", "Prime", "Senator", "Judge",
           "Professor", "Doctor", "Colonel", "Lieutenant", "Sergeant", "Major"}
_NO_ROLE = {"same", "one", "first", "last", "mismo", "misma", "même", "stesso", "stessa", "selbe", "mesmo", "mesma",
            "primero", "primera", "premier", "première", "primo", "prima", "último", "última", "dernier", "dernière",
            "ultimo", "ultima",
            # what the person would become or had been is no role ("o futuro Marquês de Pombal", "the future Duke")
            "future", "futur", "futuro", "futura", "former", "ancien", "ancienne", "antiguo", "antigua",
            "antigo", "antiga", "zukünftige", "spätere", "späteren", "ehemalige", "young", "jeune", "joven", "giovane",
            "jovem"}
# Words of wars, eras and states, and ordinals: a capitalised run holding one is an event or a
# period ("First World War", "Edad Media", "Camino Francés" aside), never a person.
_EVENT_WORDS = {
    "war", "wars", "guerre", "guerra", "krieg", "revolution", "révolution", "revolución", "rivoluzione", "empire",
    "imperio", "impero", "reich", "republic", "république", "república", "repubblica", "kingdom", "royaume", "reino",
    "regno", "königreich", "age", "ages", "âge", "edad", "media", "mittelalter", "medioevo", "dynasty", "dynastie",
    "dinastía", "first", "second", "third", "premier", "première", "seconde", "deuxième", "troisième", "primera",
    "primer", "segunda", "segundo", "tercera", "erste", "erster", "zweite", "zweiter", "prima", "seconda", "terza",
    # ... and of ways, waters and buildings: "Camino Francés", "Golden Gate Bridge" are no one either
    "camino", "way", "route", "road", "street", "avenue", "calle", "rue", "straße", "strasse", "bridge", "pont",
    "puente", "brücke", "ponte", "canal", "kanal", "river", "río", "fleuve", "rivière", "fluss", "lake", "lago",
    "lac", "mount", "island", "isla", "île", "insel", "isola", "tower", "cathedral", "catedral", "cathédrale",
    "castle", "castillo", "château", "schloss", "castello", "palace", "palacio", "palais", "palazzo", "museum",
    "museo", "musée", "university", "universidad", "université", "universität", "università", "festival",
    "railway", "railroad", "line", "express", "ferrocarril", "ferrovia", "eisenbahn", "bahn", "highway", "tunnel",
    "dam", "station", "airport", "port", "harbour", "harbor", "church", "abbey", "abbaye", "temple", "mosque",
    "monastery", "statue", "park", "parc", "parque", "parco", "garden", "square", "plaza", "piazza", "platz",
    "sea", "ocean", "bay", "gulf", "desert", "forest", "valley", "falls", "glacier", "cape",
    # ... and of titles given to things: "Património Cultural Imaterial da Humanidade", "World Heritage Site"
    "heritage", "património", "patrimônio", "patrimoine", "patrimonio", "welterbe", "kulturerbe", "prize", "prix",
    "premio", "preis", "prémio", "award", "cup", "coupe", "copa", "coppa", "pokal", "games", "olympics"}
# Italian centuries ("Nel Quattrocento Angelo Barovier"): a time, not a given name.
_CENTURIES = {"duecento", "trecento", "quattrocento", "cinquecento", "seicento", "settecento", "ottocento",
              "novecento"}
_ARTICLES = {"the", "der", "die", "das", "dem", "den", "des", "le", "la", "el", "il", "lo", "ein", "eine", "a", "an",
             "un", "une", "una", "o", "os", "as"}
# Prepositions and articles that open a sentence in the other languages ("En la Edad Media" is no one).
_OPENING_WORDS = {
    "En", "Dans", "Au", "Aux", "Du", "Des", "Sur", "Sous", "Pendant", "Durant", "Avec", "Sans", "Entre", "Desde",
    "Durante", "Con", "Sin", "Para", "Por", "Tras", "Hacia", "Hasta", "Del", "Al", "Im", "Am", "Beim", "Vom", "Zum",
    "Zur", "Mit", "Ohne", "Nach", "Vor", "Seit", "Während", "Unter", "Über", "Nel", "Nella", "Dal", "Dalla", "Il",
    "Lo", "Gli", "Le", "I", "Dopo", "Prima", "Après", "Avant", "Antes", "Después",
    "No", "Na", "Nos", "Nas", "Em", "Do", "Da", "Pelo", "Pela", "Com", "Sem", "Até", "Após", "Sobre"}
# The prepositions among them, which open a phrase that is no item of a list ("Durante los siglos
# siguientes, ..."); articles and partitives ("Le pain, la confiture", "du vin") do open items.
_LIST_OPENINGS = {w.lower() for w in _OPENING_WORDS} - {"il", "lo", "gli", "le", "i", "du", "des", "au", "aux",
                                                        "del", "al"}
_OPENINGS = {w.lower() for w in _OPENING_WORDS}  # "Al año siguiente, ...": no subject for a title
# Capitalised words before a city's name that make it a place, not a person's surname.
_BEFORE_PLACES = {
    "Near", "Outside", "Inside", "Across", "Around", "Beyond", "Through", "Towards", "Toward", "Until", "After",
    "Before", "During", "Since", "Like", "Via", "Downtown", "Central", "North", "South", "East", "West", "Northern",
    "Southern", "Eastern", "Western", "Old", "New", "Greater", "Upper", "Lower", "Visit", "Welcome", "Dans", "Près",
    "Vers", "Depuis", "Jusqu'à", "Desde", "Hacia", "Cerca", "Hasta", "Im", "Nach", "Aus", "Bei", "Seit", "Bis",
    "Durch", "Von", "Zu", "Nel", "Dal", "Verso", "Da", "Di", "Tra", "Fra", "Per", "Con"}


def _person_named(text: str, place_name: str) -> bool:
    """A city that is a person's surname here ("Abraham Lincoln", "Charles Darwin", "Alberto Santos
    Dumont"): a capitalised given name right before it."""
    for match in re.finditer(rf"\b({_NAME_WORD})\s+{re.escape(place_name)}\b", text):
        given = match.group(1)
        if given not in _NOT_NAMES | _BEFORE_PLACES | _OPENING_WORDS and find_place(given, strict=False) is None \
                and not any(given.lower() in words for words in STOPWORDS.values()) \
                and not _a_place(match.group(0)):  # "Auf Island" is no one, "Oceano Pacifico" a sea
            return True
    return False


def _given_name(text: str, place_name: str, language: str) -> bool:
    """A one-word place that is the first name of a person the line names ("Maurice Garin, un ramoneur
    né en Italie, gagne la première étape": Maurice is no map of Mauritius; "Georgia O'Keeffe")."""
    if " " in place_name:
        return False
    person, _ = _name(text, "", language)
    return person.startswith(place_name + " ") and re.search(rf"\b{re.escape(person)}\b", text) is not None


# Prepositions that open a phrase of how or where (not "de", "of": those hold a name or a thing together).
_PHRASE_PREPOSITIONS = frozenset({"por", "per", "par", "with", "com", "con", "avec", "mit", "by", "under", "sous",
                                  "bajo", "unter", "sotto", "para", "pour", "for", "für", "without", "sans", "sin",
                                  "sem", "ohne", "senza"})
# ... which may also name who did it, after a participle ("a team at Oxford led by Howard Florey")
_AGENT_PREPOSITIONS = frozenset({"by", "par", "por", "per", "von", "da"})
# Words that lead into a date: "in" [1822], "im Jahr" [1248], "ab" [1869], "jusqu'en" [1863]
_DATE_LEADS = frozenset({"al", "intorno", "verso", "hacia", "alrededor", "vers", "environ", "gegen", "in", "en",
    "until", "till", "jusqu'en", "jusqu'à", "jusqu’en", "bis", "hasta", "fino", "até", "im", "au", "el", "on", "le",
    "am", "since", "depuis", "desde", "seit", "de", "of", "del", "um", "around", "jahr", "year", "the", "año", "anno",
    "ano", "an", "année", "nell'anno", "l'anno", "l'an", "no", "nel", "ab", "from", "il", "la", "lo", "der", "die",
    "das", "dès", "dal", "dall'anno", "after", "nach", "em", "nas", "durante", "between", "entre", "zwischen", "tra",
    "fra", "von", "a", "à", "all'", "all’", "dall'", "dall’", "nell'", "nell’", "dell'", "dell’", "sull'", "sull’",
    "l'", "l’", "d'", "d’",  # "La prima salita risale all'" [8 agosto 1786]
    "volta", "vuelta", "por", "circa", "cerca"})  # "por volta de" [1912]: about then, no context


_FROM_WORDS = {"from", "de", "du", "des", "von", "vom", "da", "dal", "dalla", "desde", "do", "dos", "del"}
_TO_WORDS = {"to", "à", "au", "aux", "a", "al", "ao", "nach", "bis", "zum", "zur", "hasta", "até", "alla"}


def _ends_a_from(words: list[str], n: int) -> bool:
    """The word at n is the "to" of a "from" a word or two before: "from coast to coast" is one phrase."""
    return words[n].lower() in _TO_WORDS and any(w.lower() in _FROM_WORDS for w in words[max(0, n - 3):n])


# German verbs' particles that close a clause ("Der letzte Hansetag fand 1669 in Lübeck statt"): the
# clause after the date is the verb's end, and comes with it ("fand" alone said nothing).
_SEPARATED = {"statt", "teil", "fest", "zurück", "vorbei", "hinzu", "heraus", "hinaus", "bekannt", "frei"}


def _an_article_o(clause: list[str], n: int) -> bool:
    """Portuguese "o" before a noun after a verb ("o governo criou o parque"), not Spanish or Italian "or"."""
    return clause[n] == "o" and clause[n + 1].islower() and clause[n - 1].lower() not in _CUT_VERBS | numbers.JOINING


_NOW = frozenset({"today", "now", "oggi", "ora", "hoy", "ahora", "aujourd'hui", "maintenant", "heute", "jetzt", "hoje",
                  "agora"})
# Pronouns a verb takes before it, which never end a clause cut short
_CLITICS = frozenset({"se", "si", "ne", "vi", "ci", "sich", "lhe", "lhes", "me", "te", "nos"})
_NUMBERED = re.compile(r"(?i)\b(?:numéro|number|número|numero|nummer|n[°º]|no\.|nr\.)\s*\d+")


def _a_figure(words: str) -> bool:
    """Digits a date's words would repeat or cut (not a thing's own number: "le réacteur numéro 4")."""
    return bool(re.search(r"\d", _NUMBERED.sub("", words)))


# A craft's kind before its name: the name is the ship's, no one's ("le pétrolier Amoco Cadiz")
_CRAFT_BEFORE = re.compile(r"(?i)\b(?:ship|tanker|liner|steamer|vessel|schooner|frigate|corvette|yacht|submarine|"
                           r"airship|navire|bateau|paquebot|pétrolier|cargo|corvette|frégate|goélette|voilier|"
                           r"sous-marin|dirigeable|barco|buque|petrolero|corbeta|fragata|goleta|velero|nave|"
                           r"piroscafo|petroliera|fregata|veliero|navio|petroleiro|dirigível|Schiff|Tanker|Dampfer|"
                           r"Fregatte|Korvette|Segelschiff|Luftschiff|U-Boot)\s+$")
_PURPOSE_OPENINGS = frozenset({("para", "que"), ("pour", "que"), ("so", "that"), ("in", "order"), ("afin", "de"),
                               ("afin", "que"), ("per", "poter"), ("para", "poder"), ("pour", "pouvoir"),
                               ("damit", "die"), ("damit", "der"), ("damit", "das")})
_GERMAN_ARTICLES = frozenset({"der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer",
                              "eines", "seinen", "seine", "seinem", "ihren", "ihre", "ihrem"})
_INFINITIVE_AFTER = frozenset({"ao", "aos", "al", "à", "a", "de", "para", "per", "pour", "di", "da", "en", "sin",
                               "sans", "sem", "senza"})


def _date_detail(text: str, start: int, end: int) -> str:
    """The words a date's card says under it: the clause it stands in, never torn at its end ("veröffentlichte
    er eine Schrift über einen neuen" [, sparsamen Motor], "ganhou o Prémio Deutsch ao contornar" [a Torre
    Eiffel]: the words before the phrase that lost its noun or its object)."""
    words = _date_detail_words(text, start, end).split()
    if len(words) >= 5 and re.fullmatch(r"[a-z]{3,}ing", words[-1]) and re.fullmatch(r"[a-z]{2,}(?:ed|en)", words[-2]):
        words = words[:-1]  # "President Theodore Roosevelt was photographed wearing" [one]: its object is gone
    while len(words) > 3:
        if words[-1][:1].islower() and words[-2].lower() in _GERMAN_ARTICLES and \
                re.fullmatch(r"[a-zäöüß]+(?:e|en|em|er|es)", words[-1]):
            cut = len(words) - 2  # a German adjective after its article, its noun gone
        elif re.fullmatch(r"[a-zà-ú]+(?:ar|er|ir|re|ére)", words[-1]) and words[-2].lower() in _INFINITIVE_AFTER:
            cut = len(words) - 2  # a Romance infinitive after its preposition, its object gone
        else:
            break
        while cut > 2 and (words[cut - 1].lower() in _DANGLING or words[cut - 1].lower() in numbers.TRAILING):
            cut -= 1
        words = words[:cut]
    return " ".join(words)


def _date_detail_words(text: str, start: int, end: int) -> str:
    # "König Ludwig II. von Bayern": a regnal number's full stop ends no clause (the mark keeps the offsets)
    text = re.sub(r"\b([IVX]{1,4})\.(?=\s+\w)", "\\1\u2024", text)
    before = numbers.CLAUSE_BREAK.split(text[:start])[-1].split()
    while before and before[-1].lower() in _DATE_LEADS:  # "im Jahr" [1248], "ab" [1869]
        before = before[:-1]
    if [w.lower() for w in before[-2:]] in (["a", "partir"], ["à", "partir"]):
        before = before[:-2]  # "A partir de" [1700]: from then on, no context
    already = re.match(r"(?i)\s*(?:déjà|already|bereits|schon|ya|già|já)\s*(?=,)", text[end:])
    if already:  # "En 1928 déjà, une route et un hôtel ont dû être abandonnés": what the clause after says
        text = text[:end] + text[end + already.end():]
    after = numbers.CLAUSE_BREAK.split(text[end:])[0].split()
    while after and after[-1].lower() in numbers.TRAILING and not _separable_particle(after, text):
        after = after[:-1]
    if len(after) >= 2 and 2 <= len(before) <= 8 and (after[0].lower(), after[1].lower()) in _PURPOSE_OPENINGS:
        after = []  # "Se construyó [entre 1901 y 1905] para que los obreros pudieran llegar ...": what was done then
    if before and before[-1].lower() in _RELATIVES and len(after) >= 2:
        before = []  # "un geologo francese che nel 1791 studiò per primo la loro roccia": the relative's own clause
    joined = next((n for n, word in enumerate(after) if word.lower() in numbers.JOINING), len(after))
    if 2 <= len(before) <= 3 and 1 <= joined <= 2:
        # "Sie wurde im Jahr 1901 eröffnet und hängt ...": "Sie wurde eröffnet", not what follows "und"
        kept = before + after[:joined]
        while len(kept) > 2 and kept[-1].lower() in numbers.TRAILING | _DANGLING:
            kept = kept[:-1]  # "Foi inaugurada" [a 6 de agosto de 1966] [com] [o nome ...]
        return " ".join(kept)

    def telling(words: list[str]) -> int:
        return sum(len(w.strip("'’")) >= 6 for w in words)

    # The side that says something: "Everything changed" [in 1822], but not "Sie wurde am" or "Im
    # Jahr" [1950] when "eröffnet und fährt bis heute" or "sprang ein junger Elefant" follows.
    # a side of eight words or fewer whole ("Als erster Mensch erreichte der Leutnant Josef Naus"), else six
    side_before = before if len(before) <= 8 or (len(before) <= 9 and not after) else before[-6:]
    subordinate = next((n for n in range(len(before) - 1, 0, -1) if before[n].lower() in _SUBORDINATORS), None)
    if len(before) > 8 and subordinate is not None and subordinate >= 3:
        # "The Brooklyn Bridge in New York was the longest ... when it opened" [in 1883]: the main clause's
        # opening words, names whole, not "in the world when it opened"
        side_before = numbers.whole_names(before[:subordinate], 6, _DANGLING)
    if before and telling(side_before) >= telling(after[:6]) and not (
            _only_time(before) and not after and re.match(r"\s*,", text[end:])) and not (
            _only_time(before) and len(after) >= 2) and not (  # "Im Winter" [1963] "fror der ganze See zu"
            after and all(w.lower() in _CUT_VERBS for w in before)):  # "[...,] era nel" [1960] "la più alta diga"
        # a verb that ends the clause after the date comes with it: "ließ es ab 1869 bauen"
        # ... and a clause the date stands in, before the sentence's main clause: "Als die Nationalsozialisten
        # 1933 an die Macht kamen," (it was "Als die Nationalsozialisten")
        rest = text[end:].split(after[-1], 1)[1] if after and after[-1] in text[end:] else ""
        inside = bool(side_before) and side_before[0].lower() in _SUBORDINATORS and len(after) <= 4 and \
            re.match(r"\s*,", rest) is not None
        verb = (len(after) <= 2 or inside or (len(after) <= 4 and after[-1].lower() in _SEPARATED)) and \
            len(side_before) >= 2 and not re.search(r"\d", " ".join(after))
        words = side_before + after if verb and len(side_before) + len(after) <= 9 else side_before
        apposed = numbers.CLAUSE_BREAK.split(text[:start])
        if len(words) == 1 and not after and len(apposed) >= 2 and 1 <= len(apposed[-2].split()) <= 6 and \
                not re.search(r"\d", apposed[-2]) and re.match(r"\s*,", text[end:]) and words[0][:1].islower() \
                and words[0].lower() not in _DATE_LEADS | _CUT_VERBS:
            # "The Eiffel Tower, completed in 1889, was ...", "il Caffè Florian, fondato nel 1720, è ...": what was
            # completed, then how (it was the participle alone, and then nothing)
            named = apposed[-2].split()
            if len(named) >= 3 and named[0].lower() in _NOW:
                named = named[1:]  # "[Oggi] il Caffè Florian": when the sentence speaks, not what was founded
            words = [*named[:-1], named[-1] + ",", *words]
    else:
        if (not before or _only_time(before)) and not after and re.match(r"\s*,", text[end:]):
            # "Le 12 septembre 1940, quatre adolescents suivent leur chien ...": the clause the date opens
            clauses = numbers.CLAUSE_BREAK.split(text[end:])
            clause = clauses[1].split()
            if _only_time(clause) and len(clauses) > 2:  # "Le 26 avril 1986, à 1 h 23 du matin, le réacteur ...
                clause = clauses[2].split()  # explose": the clause after the hour
            cut = next((n for n in range(3, min(8, len(clause) - 1)) if clause[n].lower() in _PLACE_PHRASE | _WAY and (
                clause[n + 1][:1].isupper() or clause[n + 1].lower() in _ARTICLES)), len(clause))
            if cut > 7:  # or where a participle's clause begins: "researchers ... filmed veined octopuses" [carrying]
                # (not a noun's "-ing" word after what counts it: "almost all parking spaces")
                cut = next((n for n in range(3, min(8, len(clause) - 1)) if (re.fullmatch(r"[a-z]{3,}ing", clause[n])
                            or _GERUND.fullmatch(clause[n])) and clause[n - 1].lower() not in _QUANTIFIERS
                            | _OBJECT_OPENS), cut)
            if cut > 7:  # or where its second clause begins: "la ciudad acogió la Exposición Iberoamericana" [y]
                cut = next((n for n in range(3, min(8, len(clause) - 1)) if clause[n].lower() in numbers.JOINING
                            and not _an_article_o(clause, n)), cut)
                # (Portuguese "o governo criou o parque": an article, which the verb's object opens on)
            if cut > 7:  # or where a phrase begins: "foi acrescentado um tabuleiro ferroviário" [por baixo da estrada]
                cut = next((n for n in range(4, min(8, len(clause) - 1)) if clause[n].lower() in _PHRASE_PREPOSITIONS
                            and not (clause[n].lower() in _AGENT_PREPOSITIONS and (  # "led [by Howard Florey]"
                                clause[n + 1][:1].isupper() or clause[n + 1].lower() in _ARTICLES | _PLURAL_ARTICLES))
                            and not _ends_a_from(clause, n)), cut)
            # whole, or up to where a phrase of place begins ("... suivent leur chien" [dans un trou]); else none
            words = clause[:cut] if cut <= 7 and not _a_figure(" ".join(clause[:cut])) else []
            previous = numbers.CLAUSE_BREAK.split(text[:start])
            if words and len(clause) <= 3 and clause[0].lower() in _PREPOSITIONS | _PLACE_PHRASE and not before \
                    and len(previous) >= 2 and 2 <= len(previous[-2].split()) <= 7:
                words = []  # "Pelé marcou ali o seu milésimo gol, em 1969, de pênalti": the clause, not "de pênalti"
            if not words and not before and len(previous) >= 2 and 2 <= len(previous[-2].split()) <= 7:
                # "Depois do terramoto de Lisboa, em 1755, os azulejos ...": the clause the date closes
                words = [] if re.search(r"\d", previous[-2]) else previous[-2].split()
            if not words and cut > 7 and not _a_figure(" ".join(clause[:6])):
                # no phrase to cut at: its first words, when four or more stand whole ("Em 1996, a ponte
                # passou a fazer parte" [do centro histórico ...]), not "el paisaje" [es Patrimonio de la ...];
                # nor a person's name, which a name card after the date shows
                opening = numbers.whole_names(clause, 6, _DANGLING)
                if len(clause) >= len(opening) + 2 and _ends_a_from(clause, len(opening)):
                    opening = clause[:len(opening) + 2]  # "reached from coast" [to coast]: the phrase whole
                while opening and opening[-1].lower() in numbers.TRAILING | _DANGLING | _CUT_VERBS | _CLITICS:
                    opening = opening[:-1]  # (not "... Washington Irving se" [instaló])
                named = _name(" ".join(clause), "")[0] if _NAME.search(" ".join(clause)) else ""
                if named and _CRAFT_BEFORE.search(" ".join(clause).split(named)[0]):
                    named = ""  # "le pétrolier Amoco Cadiz s'échoue": a ship's name, said in its clause
                if len(opening) >= 4 and not named:
                    # ("as cataratas foram declaradas Património Mundial" [pela UNESCO] names no one)
                    words = opening
        else:
            ends = bool(after) and not "".join(numbers.CLAUSE_BREAK.split(text[end:])[1:]).strip(" .!?")
            # a clause of nine words that ends the sentence, whole ("le truppe di Napoleone usarono il refettorio
            # come stalla": cut at six, the verb went with its object and only the troops were left)
            whole = len(after) <= 9 and ends and not _a_figure(" ".join(after)) and not any(
                w.lower() in numbers.WORDS or w.lower() in numbers.SCALES for w in after)
            words = after if len(after) <= 7 or whole else numbers.whole_names(after, 6, _DANGLING)
            first_clause = next((k for k in range(len(words), min(9, len(after))) if after[k].lower() in
                                 numbers.JOINING and not _an_article_o(after, k)), None) if len(after) > 7 else None
            if first_clause is not None and not whole:
                words = after[:first_clause]  # "una colata di lava raggiunse il mare" [e distrusse ...]: the first
                # clause whole, to its "and", not cut at six words ("... raggiunse il")
            joint = next((k for k in range(2, len(words) - 1) if words[k].lower() in numbers.JOINING | _RELATIVES
                          and not _an_article_o(words, k) and not words[k][:1].isupper()), None) \
                if len(after) > len(words) else None
            if joint is not None:  # cut short, the words end where a clause joined to the first begins: "cruzaron el
                words = words[:joint]  # estrecho [que hoy lleva]", "they launched three lifeboats [and reached]"
            if len(before) == 1 and before[0][:1].isupper() and 2 <= len(after) <= 3 and \
                    after[0].lower() in _PREPOSITIONS | {"a", "in", "at"} and before[0].lower() not in _DATE_LEADS:
                words = before + after  # "Morì [nel 1952] a Noordwijk": the verb with where (was "a Noordwijk")
            elif len(after) <= 2 and 3 <= len(before) <= 7 and not _only_time(before) and \
                    after[-1][:1].islower() and not re.search(r"\d", " ".join(before)):
                words = before + after  # "In China wurde das Dorf [2012] sogar nachgebaut": the date inside its
                # clause, whose verb comes last (it was "sogar nachgebaut")
    if not words and not before and not after and not text[end:].strip(" .!?"):
        # "..., peças de teatro e o primeiro filme sonoro português, em 1931.": alone at the end, the
        # date says when the clause before it happened (its last item, if that clause is a list)
        previous = numbers.CLAUSE_BREAK.split(text[:start])
        clause = previous[-2].split() if len(previous) >= 2 else []
        if len(previous) >= 3 and len(previous[-3].split()) <= 2:
            clause = []  # "Chile, Perú y Bolivia lucharon ...": a clause whose subject is a list, cut
        joins = [n for n, word in enumerate(clause) if word.lower() in numbers.JOINING]
        if len(clause) > 7 and joins:
            clause = clause[joins[-1] + 1:]
        if 2 <= len(clause) <= 7 and not re.search(r"\d", " ".join(clause)):
            words = clause
    while words and words[0].lower() in numbers.JOINING:
        words = words[1:]  # "et elle ferme" [dès 1963]
    qualifiers = {q for q in numbers.QUALIFIERS if " " not in q}
    while words and not _separable_particle(words, text) and (
            words[-1].lower() in numbers.TRAILING | _DANGLING | _CUT_VERBS | qualifiers | _RELATIVES
                     | _QUANTIFIERS or (re.fullmatch(r"[\d.,]+", words[-1]) and not _NUMBERED.fullmatch(
                         " ".join(words[-2:]))) or words[-1].lower() in numbers.WORDS
                     or words[-1].lower() in numbers.SCALES):
        # a number cut from its unit says nothing: "la riserva naturale protegge quasi mille" [ettari]
        # "nacque il grande parco nazionale delle"; "flog die Graf Zeppelin in 21" [Tagen]; "o explorador
        # espanhol Francisco de Orellana foi" [o primeiro europeu ...]
        words = words[:-1]
    words = _without_cut_verb(words, text)
    while len(words) > 2 and words[-1].lower() in numbers.TRAILING | _DANGLING and not _separable_particle(words, text):
        words = words[:-1]  # "El rey Alfonso XIII lo" [recorrió]: a pronoun its verb took with it
    if words and words[0].lower() in _SUBJECT_PRONOUNS and not telling(words):
        # "et elle le resta jusqu'en" [1863]: what "elle" was is the clause before ("l'abbaye devint une prison")
        previous = [c.split() for c in numbers.CLAUSE_BREAK.split(text[:start])[:-1]]
        earlier = previous[-1] if previous else []
        while earlier and earlier[0].lower() in numbers.JOINING:
            earlier = earlier[1:]
        if 2 <= len(earlier) <= 7 and not re.search(r"\d", " ".join(earlier)):
            words = earlier  # else the pronoun's own clause stays: "elle ferme" [dès 1963]
    if len(words) >= 3 and words[0].lower() in _GERMAN_ARTICLES and words[1].lower() in _GERMAN_ARTICLES:
        words = words[1:]  # "[die] der Erzbischof Rainald von Dassel" [1164 ... gebracht hatte]: a relative
    if words and words[0].lower() in _WHO:
        # "Maria Severa, que morreu" [em 1846]: "Maria Severa morreu"
        clauses = numbers.CLAUSE_BREAK.split(text[:start])
        earlier = clauses[-2].split() if len(clauses) >= 2 else []
        name = []
        while earlier and earlier[-1][:1].isupper() and len(name) < 4:
            name.insert(0, earlier.pop())
        if (2 <= len(name) <= 3 or (len(name) == 1 and len(earlier) >= 2)) and earlier:
            words = name + words[1:]  # and "dall'imperatore Vespasiano, che ne iniziò ...": "Vespasiano ne iniziò"
    if len(words) >= 2 and words[0].lower() in _WHICH:
        # "Christopher Wren designed a new St Paul's, which was finished" [in 1710]: "a new St Paul's was finished"
        clauses = numbers.CLAUSE_BREAK.split(text[:start])
        earlier = clauses[-2].split() if len(clauses) >= 2 else []
        opens = [n for n in range(max(0, len(earlier) - 4), len(earlier)) if earlier[n].lower() in _OBJECT_OPENS]
        if opens and len(earlier) - opens[-1] >= 2:
            words = earlier[opens[-1]:] + words[1:]
    if len(words) >= 3 and words[0].lower() in _GERMAN_AUXILIARIES and words[1].lower() in _GERMAN_ARTICLES | \
            _GERMAN_DETERMINERS:
        words = words[1:]  # "Seit 1985 [ist] die Melodie der Ode die offizielle Hymne": German puts its verb second
    # "In 2016 new, larger locks": no lone "new"
    return " ".join(words).replace("\u2024", ".") if len(words) >= 2 else ""


# A German verb's particle, where the sentence ends: "Am 12. Mai 1949 hob die Sowjetunion die Blockade auf"
# (lifted it; without "auf", "raised" it), "fror der See ganz zu"; not a preposition that lost its object.
_VERB_PARTICLES = frozenset({"ab", "an", "auf", "aus", "bei", "ein", "fest", "her", "hin", "los", "mit", "nach",
                             "vor", "weg", "zu", "zurück", "zusammen", "heraus", "hinaus", "hinzu", "vorbei", "statt",
                             "teil"})


def _separable_particle(words: list[str], text: str) -> bool:
    return len(words) >= 3 and words[-1] in _VERB_PARTICLES and words[-2].lower() not in numbers.TRAILING and \
        re.search(rf"\b{re.escape(words[-1])}[.!?]?\s*$", text) is not None


# (copulas only: "1869 wurde der Kanal eröffnet" keeps its verb, whose participle ends the clause)
_GERMAN_AUXILIARIES = {"ist", "war", "sind", "waren"}


# a clause's subject that stands for something said before it (not "il": in Italian it is "the"; nor
# "loro" and "essa", also "their" in Italian and "this" in Portuguese)
_SUBJECT_PRONOUNS = {"it", "he", "she", "they", "elle", "ils", "elles", "er", "sie", "es", "ella", "él", "ellos",
                     "ellas", "esso", "lui", "lei", "ele", "ela", "eles", "elas"}

_GERMAN_ARTICLES = {"der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer"}
_GERMAN_DETERMINERS = frozenset(
    f"{stem}{ending}" for stem in ("sein", "ihr", "unser", "euer", "mein", "dein", "dies", "jen", "kein")
    for ending in ("", "e", "en", "em", "er", "es")) - {"dies", "jen", "euere"}
_WHO = {"who", "qui", "que", "che", "quien", "quem"}  # a relative that stands for the person just named
# ... or for the thing just named ("a new St Paul's, which was finished")
_WHICH = {"which", "that", "lequel", "laquelle", "welche", "welcher", "welches"}

_OBJECT_OPENS = {"a", "an", "the", "his", "her", "its", "their", "sein", "seine", "seinen", "ihr", "ihre", "ein",
                 "eine", "einen", "den", "die", "das", "le", "la", "les", "un", "une", "son", "sa", "ses", "el", "los",
                 "las", "una", "su", "sus", "il", "lo", "gli", "uno", "o", "os", "as", "um", "uma", "seu", "sua"}


def _without_cut_verb(words: list[str], text: str) -> list[str]:
    """A context cut right after its verb, before the verb's object ("Heinrich Heine schrieb" [sein
    Gedicht], "el explorador Hiram Bingham llegó" [a las ruinas]): the words up to the verb."""
    if len(words) < 3:
        return words
    shown = " ".join(words)
    at = text.find(shown)
    # the word after it, past the date itself ("Heinrich Heine schrieb [1824] sein ...")
    following = []
    for word in text[at + len(shown):].split()[:4] if at >= 0 else []:
        if re.fullmatch(r"\d[\d.,]*[.,;:!?]?", word) or word.lower() in _DATE_LEADS - _OBJECT_OPENS:
            if word[-1] in ".,;:!?":
                return words  # the date ends the clause: "La costruzione iniziò nel 1173."
            continue
        following = [word]
        break
    if not following or following[0][:1] in ",;:." or following[0].lower() in numbers.JOINING:
        return words  # the clause ends there: "wurde der Kanal eröffnet", "começou" [em 1922 e terminou ...]
    last, before = words[-1], words[-2]
    cut = (_past_verb(last) and not last[:1].isupper()) or (
        last[:1].islower() and before[:1].isupper() and following[0].lower().strip(",") in _OBJECT_OPENS)
    return words[:-1] if cut else words


# (not "été" nor "sera": in French they are "been" and "will be")
_TIMES_OF_DAY = {"morning", "evening", "night", "afternoon", "spring", "summer", "autumn", "fall", "winter", "dawn",
                 "dusk", "matin", "soir", "nuit", "printemps", "automne", "hiver", "mañana", "tarde", "noche",
                 "primavera", "verano", "otoño", "invierno", "morgen", "abend", "nacht", "frühling", "sommer",
                 "herbst", "mattina", "notte", "estate", "autunno", "inverno", "manhã", "noite", "verão", "outono",
                 # "No dia" [23 de outubro de 1906], "On the day": the date's own words
                 "day", "jour", "journée", "día", "dia", "tag", "giorno", "giornata"}
# ... and the first of two days in one date: "Nella notte tra il 5 e il" [6 maggio 1860]
_DAYS_BETWEEN = {"tra", "fra", "between", "entre", "zwischen", "and", "e", "et", "y", "und", "il", "the", "le", "el",
                 "o", "dem", "den", "no", "na", "nel", "nella", "dans", "la", "in", "on", "of", "du", "de", "do"}


# The words of an hour of the clock: "at about seven in the morning", "à 1 h 23 du matin", "alle 11:30"
_CLOCK_WORDS = {"at", "about", "around", "in", "the", "on", "of", "early", "late", "o'clock", "à", "vers", "du", "de",
                "la", "le", "heures", "heure", "h", "a", "las", "al", "alle", "della", "às", "da", "um", "gegen", "uhr",
                "frühen", "früh", "morgens", "abends", "des", "der", "dem", "en", "em", "di", "nel", "nella", "am"}
_CLOCK = re.compile(r"\d{1,2}(?:[:h.]\d{2})?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|une|deux|"
                    r"trois|quatre|cinq|sept|huit|neuf|dix|onze|midi|minuit|midnight|noon|dawn|dusk")


def _only_time(words: list[str]) -> bool:
    """"On the morning", "In the spring of": a time of day or year, which says nothing the date does not;
    or an hour of the clock ("At about seven in the morning" [on 30 June 1908])."""
    if 0 < len(words) <= 4 and any(w.lower().strip(",") in _TIMES_OF_DAY for w in words) and not any(
            w[:1].isupper() and w.lower().strip(",") not in _TIMES_OF_DAY for w in words[1:]):  # German "Im Winter"
        return True
    plain = [w.lower().strip(",") for w in words]
    if 0 < len(words) <= 8 and any(w in _TIMES_OF_DAY for w in plain) and all(
            w in _TIMES_OF_DAY | _DAYS_BETWEEN or (w.isdigit() and int(w) <= 31) for w in plain):
        return True
    return 0 < len(words) <= 7 and any(_CLOCK.fullmatch(w) for w in plain) and all(
        w in _CLOCK_WORDS | _TIMES_OF_DAY or _CLOCK.fullmatch(w) for w in plain)


class ScriptPlaces(tuple):
    """The places a script names (a tuple of their names, in order), and `people`: the names of towns
    that are in this script a person's surname ("Alberto Santos Dumont nasceu em 1873"), so that a
    later line naming him alone ("Santos Dumont também ajudou ...") is no map of the Brazilian town; or a
    namesake the data lacks ("em Belém, perto de Lisboa": a later "Belém" is no map of Brazil's)."""

    people: frozenset[str] = frozenset()


def script_places(lines: Sequence[str], language: str = "") -> ScriptPlaces:
    """The places a script names, in order. One named in full with several words ("Santiago de
    Compostela"): a scene that names it only in part ("the Camino de Santiago") means that place, not
    another of that name; and a town of a name several countries share is the one in a country of
    the script's other places ("León" beside Burgos is in Spain). Read in the script's language: a town
    of a few thousand of its own country counts, "Para" opening a Spanish sentence is no place."""
    named = [(clean(line), name) for line in lines for name in places_named(clean(line), language)]
    people = frozenset(name for text, name in named if _person_named(text, name))
    near = {text: find_place(text, language=language) for text, _ in named}
    namesakes = frozenset(name for text, name in named if near[text] is not None and near[text].name != name and
                          named_near(text, name, near[text].name))
    places = ScriptPlaces(dict.fromkeys(name for _, name in named if name not in people | namesakes))
    places.people = people | namesakes
    return places


def script_dates(lines: Sequence[str]) -> tuple[str, ...]:
    """The dates a script names, in the order it names them (for a timeline)."""
    seen: list[str] = []
    for line in lines:
        text = clean(line)
        lives = [m.span() for m in _LIFE.finditer(text) if m.group(0).startswith("(")]
        for start, _, shown in numbers.find_dates(text):
            if shown not in seen and not any(a <= start < b for a, b in lives):
                seen.append(shown)  # (not a life's years, "Wilhelm Steinitz (1836-1900)": no events of the story)
    return tuple(seen)


def choose(line: str, *, on_screen_text: str = "", language: str = "en", dates: Sequence[str] = (),
           words: Sequence = (), layout: str = "auto", text: str = "", places: Sequence[str] = ()) -> Design:
    """The design of a scene. `dates` are the script's (script_dates); `words` the narration's word
    timings (a list's items appear as they are spoken); `layout` and `text` a person's choice.
    Reading a line never fails a render: a fault here gives the title card (and a log line)."""
    try:
        design = _choose(line, on_screen_text=on_screen_text, language=language, dates=dates, words=words,
                         layout=layout, text=text,
                         places=places if isinstance(places, ScriptPlaces) else tuple(places))
        if design.parts and len(design.starts) != len(design.parts):
            raise ValueError(f"a sequence of {len(design.parts)} parts with {len(design.starts)} starts")
        return _not_late(design, words[-1].end if words else 0.0)
    except Exception:
        logger.exception("designs.chooser_failed", extra={"line": line[:200]})
        written = [clean(part) for part in (text or "").splitlines() if clean(part)]
        title = written[0] if written else clean(on_screen_text) or " ".join(clean(line).split()[:9])
        return Design("title", headline=title)


def _not_late(design: Design, total: float) -> Design:
    """A sequence whose last part would come in the scene's last second ("... et l'architecte britannique
    Norman Foster.", said last): that part a little earlier, if the one before it still stands
    MIN_TOLD_SECONDS, else none (a card that flashes up as the scene leaves is no card)."""
    if not design.parts or len(design.parts) < 2 or not total or total - design.starts[-1] >= LAST_WORDS_SECONDS:
        return design
    earlier = total - LAST_WORDS_SECONDS
    if earlier - design.starts[-2] >= MIN_TOLD_SECONDS:
        return dataclasses.replace(design, starts=(*design.starts[:-1], earlier))
    parts, starts = design.parts[:-1], design.starts[:-1]
    if len(parts) == 1:
        return parts[0]
    return _not_late(dataclasses.replace(design, parts=parts, starts=starts, headline=parts[0].headline), total)


def _choose(line: str, *, on_screen_text: str, language: str, dates: Sequence[str], words: Sequence, layout: str,
            text: str, places: tuple[str, ...] = ()) -> Design:
    language = (language or "en").split("-")[0].lower()
    if layout in LAYOUTS or text.strip():
        chosen = _override(layout if layout in LAYOUTS else "auto", text, line, on_screen_text, language, dates,
                           words, places)
        if chosen is not None:
            return chosen
    shown = clean(on_screen_text)
    spoken = clean(line)
    if len(_sentences(spoken)) > 1:
        sequence = _sequence(spoken, language, dates, words, places)
        if sequence is not None and sequence.parts:
            shown_design = (_auto(shown, language, dates, words, places) or Design("title", headline=shown)) \
                if shown else None
            if shown_design is not None and shown_design.layout == "date" and not shown_design.detail:
                shown_design = _spoken_detail(shown_design, spoken)  # "1999": what the line says happened then
            return _with_shown(sequence, shown_design, spoken, words, language)
    if shown and words:  # a date on screen that the sentence says after its numbers comes after them
        shown_design, own = _auto(shown, language, dates, words, places), _auto(spoken, language, dates, words, places)
        if shown_design is not None and shown_design.layout == "date" and own is not None and own.layout == "number":
            if not shown_design.detail:
                shown_design = _spoken_detail(shown_design, spoken)
            merged = _with_shown(Design("sequence", headline=own.headline, parts=(own,), starts=(0.0,)), shown_design,
                                 spoken, words, language)
            if len(merged.parts) > 1:
                return merged
    if shown and len(_sentences(spoken)) == 1:
        # "1901" on screen over "Se construyó entre 1901 y 1905": the line's own range (or its full date) says more
        shown_design, own = _auto(shown, language, dates, words, places), _auto(spoken, language, dates, words, places)
        if shown_design is not None and own is not None and shown_design.layout == own.layout == "date" and \
                own.headline != shown_design.headline and _year(shown_design.headline) and \
                _year(shown_design.headline) in own.headline:
            shown = ""
        # "1905" on screen over "Guillermo Stábile, nacido en 1905 en Buenos Aires": the person, born then
        if shown_design is not None and own is not None and shown_design.layout == "date" and own.layout == "name" \
                and _year(shown_design.headline) and _year(shown_design.headline) in own.detail:
            shown = ""
    for source in ([shown, spoken] if shown else [spoken]):
        design = _auto(source, language, dates, words, places)
        if design is not None and source is shown and design.layout == "date" and not design.detail:
            design = _spoken_detail(design, spoken)
        if design is not None and not (source is spoken and _mostly_quoted(design, spoken)):
            chosen = _date_when_said(_number_when_said(_then_number(_headed(design, spoken), spoken, language, words),
                                                       spoken, language, words, dates, places),
                                     spoken, language, words, dates, places)
            if source is shown and chosen.layout == "date" and len(_sentences(spoken)) == 1:
                chosen = _shown_date_then_number(chosen, spoken, language, words)
            return chosen
    if shown:
        return Design("title", headline=shown)
    return _split_long_title(_single(spoken, language, dates, words, places), spoken, words)


def _split_long_title(design: Design, spoken: str, words: Sequence) -> Design:
    """A title card that would stand 8 s or more: two, the second from the clause or sentence nearest the
    middle, each on 3 s at least ("Many have become museums" for 8.6 s, then "Visitors climb the spiral
    stairs"). No slide stands still for 8 s."""
    total = words[-1].end if words else len(spoken) / 14.0
    if design.layout != "title" or is_cjk(spoken) or total < 8.0:
        return design
    cuts = [(boundary.end(), _time_at(spoken, boundary.end(), words))
            for boundary in re.finditer(r"[,;:.!?]\s+", spoken)]
    # the cut nearest the middle, when its second part stands on its own: not a fragment ("entre les
    # raffineries et le port", "comme le gaz d'une bouteille"), nor a relative clause ("qu'elle fertilise de
    # l'autre côté de l'océan": the clause it leans on is on the first card)
    cut, at = min((c for c in cuts if min(c[1], total - c[1]) >= 3.0), key=lambda c: abs(c[1] - total / 2),
                  default=(0, 0.0))
    if not cut:
        return design
    first, second = key_phrase(spoken[:cut]), key_phrase(spoken[cut:]).split()
    while second and second[0].lower() in numbers.JOINING | _CONNECTORS:
        second = second[1:]  # "[mais] ils laissent souvent le temps d'évacuer"
    if not first or len(second) < 3 or _fragment(second[0]):
        return design
    second = _capitalised(" ".join(second))
    if first == second:
        return design
    return Design("sequence", headline=first, parts=(Design("title", headline=first), Design("title", headline=second)),
                  starts=(0.0, max(0.0, at - 0.1)))


def _fragment(word: str) -> bool:
    """A card's words opening on this lean on others: a preposition, a comparison, a relative, a gerund."""
    return word.lower() in _PREPOSITIONS | _PHRASE_STARTS | _COMPARISONS or _elided(word) in _RELATIVES or bool(
        re.fullmatch(r"\w+(?:ando|iendo|ing)", word.lower()))


def _spoken_detail(design: Design, spoken: str) -> Design:
    """A date put on screen alone ("1530") with the context the line gives it ("ruhten die Arbeiten")."""
    for sentence in _sentences(spoken) or [spoken]:  # its own sentence's words ("[... à Annonay, près de Lyon.]
        found = numbers.find_dates(sentence)  # Le 4 juin 1783, ...": not "près de Lyon")
        for n, (start, end, shown) in enumerate(found):
            if _year(shown) == _year(design.headline):
                headline = design.headline
                following = found[n + 1] if n + 1 < len(found) else None
                if following and re.fullmatch(r"\d{3,4}", shown) and re.fullmatch(r"\d{3,4}", following[2]) and \
                        _RANGE_JOIN.fullmatch(sentence[end:following[0]]):
                    # "1999" on screen over "Entre 1999 y 2000 murieron ...": the range, and the words after it
                    end, headline = following[1], f"{shown}–{following[2]}"
                detail = _cjk_detail(sentence[end:]) if is_cjk(sentence) else _date_detail(sentence, start, end)
                return dataclasses.replace(design, headline=headline, detail=detail)
    return design


def _then_number(design: Design, spoken: str, language: str, words: Sequence) -> Design:
    """A one-sentence scene whose date comes first and a number or a person later ("Las obras empezaron en
    1881, pero ... mataron a más de veinte mil trabajadores"; "In September 1928, the Scottish scientist
    Alexander Fleming came back ..."): the date, then the number or the name card when it is spoken."""
    if _a_rank(design) and len(_sentences(spoken)) == 1:
        return _rank_then_number(design, spoken, language, words)
    if design.layout != "date" or len(_sentences(spoken)) != 1:
        return design
    found = numbers.find_dates(spoken)
    if not found:
        return design
    quote = _QUOTE.search(spoken, found[0][1])
    if quote and len(quote.group(1).split()) >= 3:
        # "1987 rief der amerikanische Präsident Ronald Reagan ...: „Herr Gorbatschow, reißen Sie diese Mauer
        # nieder!“": the date, then the words as a quote card under the speaker's name when they are said
        said = _time_at(spoken, quote.start(), words) - 0.3
        if said >= MIN_TOLD_SECONDS:
            speaker, _ = _name(spoken[:quote.start()], "", language)
            then = Design("quote", headline=quote.group(1).strip(" ,;:"), detail=speaker)
            return Design("sequence", headline=design.headline, parts=(design, then), starts=(0.0, said))
    stats = _not_ages([f for f in numbers.find_stats(spoken, language) if f.start > found[0][1]])
    stats = _not_told(stats, spoken, design.detail)
    later = spoken[found[0][1]:]
    place = find_place(later, language=language)
    name, role = _name(later, place.name if place else "", language)
    if name and any(named in name.split() for named in places_named(later, language)):
        name = ""  # "Brasil y Uruguay jugaron la final": two countries, no one
    named_at = found[0][1] + later.find(name) if name else -1
    if stats and named_at > stats[0].start:
        name = ""  # the number comes first: it follows the date
    at = named_at if name else stats[0].start if stats else -1
    if at < 0:
        return design
    # said early, it waits until the date has been on a while ("In September 1928, ... Alexander Fleming")
    said = _time_at(spoken, at, words) - 0.3
    total = words[-1].end if words else len(spoken) / 14.0
    if said < MIN_PART_SECONDS and (not name or total < 2 * MIN_PART_SECONDS):
        return design
    start = max(MIN_PART_SECONDS, said)
    if not name:
        then = Design("number", stats=tuple(f.stat for f in stats[:3]))
        return Design("sequence", headline=design.headline, parts=(design, then), starts=(0.0, start))
    before = numbers.CLAUSE_BREAK.split(spoken[:found[0][0]])[-1].split()
    while before and before[-1].lower() in _DATE_LEADS:
        before = before[:-1]
    if name in design.detail and 2 <= len(before) <= 7 and not _only_time(before) and \
            not re.search(r"(?i)\b(?:morning|evening|night|afternoon|matin|soir|nuit|mañana|noche|tarde|Morgen|Abend|"
                          r"Nacht|mattina|sera|notte|manhã|noite)\b", " ".join(before)):
        # "Il a été inauguré le 14 décembre 2004 par le président Jacques Chirac": the date says what happened
        # ("Il a été inauguré"); the name card that follows says who (the date said "par le président Jacques
        # Chirac" over it first). Not "En 1666, le roi Louis XIV signe ...": nothing before the date to say
        design = dataclasses.replace(design, detail=" ".join(before))
    elif design.detail.strip(" ,.") == name:
        design = dataclasses.replace(design, detail="")  # "21 novembre 1783 / Pilâtre de Rozier", then his card
    parts, starts = [design, Design("name", headline=name, detail=role)], [0.0, start]
    counted = _time_at(spoken, stats[0].start, words) - 0.3 if stats else 0.0
    if stats and counted >= start + MIN_PART_SECONDS and total - counted >= LAST_WORDS_SECONDS:
        # "En 1889, la journaliste américaine Nellie Bly décide ... en moins de 80 jours": the date, the
        # person, then the number when it is said (the name was passed over for the number)
        parts.append(Design("number", stats=tuple(f.stat for f in stats[:3])))
        starts.append(counted)
    return Design("sequence", headline=design.headline, parts=tuple(parts), starts=tuple(starts))


def _not_ages(stats: list) -> list:
    """No numbers when all of them are how much older or younger someone is ("En 1929 se casó con el muralista
    Diego Rivera, veinte años mayor que ella": after the date, the person, not "20 años / mayor que ella")."""
    if stats and all(_RELATIVE_TIME.match(f.stat.label) and f.stat.unit.lower() in _YEARS for f in stats):
        return []
    return stats


def _not_told(stats: list, spoken: str, detail: str) -> list:
    """The numbers a date's card does not already say: not "two ships" again when its words are "two ships
    collided" (a small count spelled out, which the date's words keep as it was said)."""
    told = detail.lower().split()
    return [f for f in stats if not (f.stat.value < 12 and not re.search(r"\d", spoken[f.start:f.end]) and
                                     spoken[f.start:f.end].split()[0].lower() in told)]


def _shown_date_then_number(design: Design, spoken: str, language: str, words: Sequence) -> Design:
    """The year a script puts on screen over a line whose number comes right after it ("2023" over "En 2023, más
    de 446.000 personas recibieron la Compostela"): the date read at a glance, then the number (it stood alone)."""
    found = numbers.find_dates(spoken)
    stats = _not_ages([f for f in numbers.find_stats(spoken, language) if found and f.start > found[0][1]])
    stats = _not_told(stats, spoken, design.detail)
    total = words[-1].end if words else len(spoken) / 14.0
    if not stats or total - MIN_TOLD_SECONDS < MIN_PART_SECONDS:
        return design
    start = max(MIN_TOLD_SECONDS, _time_at(spoken, stats[0].start, words) - 0.3)
    then = Design("number", stats=tuple(f.stat for f in stats[:3]))
    return Design("sequence", headline=design.headline, parts=(design, then), starts=(0.0, start))


def _rank_then_number(design: Design, spoken: str, language: str, words: Sequence) -> Design:
    """A countdown's place, then the figure the sentence gives it ("Number five is the Yenisei, which flows
    5,539 kilometres ..."): the rank card, then the number when it is said (it was the rank alone)."""
    thing = design.stats[0].unit
    after = spoken.find(thing) + len(thing) if thing in spoken else -1
    stats = [f for f in numbers.find_stats(spoken, language) if after >= 0 and f.start >= after]
    if not stats:
        return design
    said = _time_at(spoken, stats[0].start, words) - 0.3
    start = max(MIN_TOLD_SECONDS, said)  # the place in the countdown read first, at a glance
    total = words[-1].end if words else len(spoken) / 14.0
    if total - start < LAST_WORDS_SECONDS:  # (the pause and the crossfade after the words give it the rest)
        return design
    then = Design("number", stats=tuple(f.stat for f in stats[:3]))
    return Design("sequence", headline=design.headline, parts=(design, then), starts=(0.0, start))


LATE_NUMBER_SECONDS = 4.0  # a number said this long into its one-sentence scene waits for its words
# ... unless it is said less than this before the scene's words end (the pause after them and the
# crossfade into the next scene give its count-up the rest of its 1.4 s)
LAST_WORDS_SECONDS = 1.0


def _number_when_said(design: Design, spoken: str, language: str, words: Sequence, dates: Sequence[str] = (),
                      places: tuple[str, ...] = ()) -> Design:
    """A one-sentence scene whose number comes late ("he drew the railway the same way: straight
    lines, only horizontal, vertical or at forty-five degrees"): what the sentence says before it (a
    date or a place it names, else its title card), then the number when it is spoken.
    Shown from the start, "45 degrees" stood 5 s over words that had not said it yet."""
    if design.layout != "number" or len(_sentences(spoken)) != 1 or is_cjk(spoken):
        return design
    stats = numbers.find_stats(spoken, language)
    if not stats:
        return design
    said = _time_at(spoken, stats[0].start, words) - 0.3
    before = spoken[:stats[0].start].rstrip()
    prefix = stats[0].stat.prefix
    if prefix and before.lower().endswith(prefix.lower()):
        before = before[:-len(prefix)].rstrip()  # "... und überwindet [fast]"
    tail = re.search(r"(?:[,;:]|\s(?:and|or|but|et|ou|mais|y|o|pero|e|ma|und|oder|aber))\s+\S+(?:\s+\S+)?$", before)
    if tail and len(before[:tail.start()].split()) >= 3:
        before = before[:tail.start()]  # "... in una piccola bottega [e richiede]": no verb without its object
        torn = re.search(r",\s*\S+$", before)
        if torn and len(before[:torn.start()].split()) >= 3:
            before = before[:torn.start()]  # "... not one wall but many, [built] and rebuilt over": its clause
    relative = re.search(r"(?:,\s*|\s)(?:que|which|that|qui|dont|che|donde|où)\s+(?:[^\s,]+\s+){0,5}[^\s,]+$", before)
    if relative and len(before[:relative.start()].split(",")[-1].split()) >= 3 and not re.search(r"\d", relative[0]):
        before = before[:relative.start()]  # "dejó una costra de sal [que en algunos lugares tiene]" [más de diez
        # metros]: the clause the number ends, cut
    first = _auto(before, language, dates, (), places)
    if first is not None and first.layout == "name" and language != "de" and first.detail:
        pass  # "Selon la maire, Grégory Doucet, il évitera ...": the person, with the role the line gives
    elif first is None or first.layout not in ("date", "map"):  # German nouns read as names: "Harz von Nadelbäumen"
        first = Design("title", headline=key_phrase(before))
    words_shown = first.headline.split()
    total = words[-1].end if words else len(spoken) / 14.0
    if said < LATE_NUMBER_SECONDS or total - said < LAST_WORDS_SECONDS or (first.layout == "title" and (
            len(words_shown) < 3 or words_shown[-1].lower().strip(",;:") in _DANGLING | numbers.TRAILING)):
        return design
    return Design("sequence", headline=first.headline, parts=(first, design), starts=(0.0, said))


def _date_when_said(design: Design, spoken: str, language: str, words: Sequence, dates: Sequence[str] = (),
                    places: tuple[str, ...] = ()) -> Design:
    """A one-sentence scene whose date comes late ("une fermière, Marie Harel, aurait reçu le secret ...
    d'un prêtre venu de la Brie en 1791"): the person or the place the sentence names before it, then
    the date when it is spoken. With nothing as concrete before it, the date stands from the start (it
    says when the whole sentence happens)."""
    if design.layout != "date" or len(_sentences(spoken)) != 1 or is_cjk(spoken) or not words:
        return design
    found = numbers.find_dates(spoken)
    if not found:
        return design
    said = _time_at(spoken, found[0][0], words) - 0.3
    before = re.sub(r"(?i)\s+(?:in|en|im|nel|em|au|on|le|el|am|um)$", "", spoken[:found[0][0]].rstrip(" ,"))
    # "... Déodat de Dolomieu, un geologo francese [che]" [nel 1791 studiò]: the relative goes with the date
    before = re.sub(r"(?i)\s+(?:who|which|that|qui|que|che|cui|quien|quem)$", "", before)
    if said < LATE_NUMBER_SECONDS or words[-1].end - said < LAST_WORDS_SECONDS / 2:  # no count-up to wait for
        return design
    first = _auto(before, language, dates, (), places)
    # (German capitalises nouns: "dem Bremer Arzt Heinrich Wilhelm Olbers" is no name card to trust)
    if first is None or first.layout not in ("name", "map") or (first.layout == "name" and language == "de"):
        return design
    return Design("sequence", headline=first.headline, parts=(first, design), starts=(0.0, said))


def _time_at(spoken: str, offset: int, words: Sequence) -> float:
    """When the word at a character offset of the line is spoken: from the narration's word timings
    when they count the line's words, or its characters (Japanese phrases), else at about 14 characters
    a second."""
    index = len(spoken[:offset].split())
    if words and len(words) == len(spoken.split()) and index < len(words):
        return words[index].start
    by_characters = _time_by_characters(spoken, offset, words)
    return by_characters if by_characters is not None else offset / 14.0


def _time_by_characters(spoken: str, offset: int, words: Sequence) -> float | None:
    """When the character at `offset` is spoken, where the timings' words, put together, are the
    line's characters (Japanese, written without spaces, is timed by phrases: "富士山は", "日本で");
    None when they are not."""
    def letters(text: str) -> int:
        return len(re.sub(r"\s", "", text))

    if not words or abs(sum(letters(w.word) for w in words) - letters(spoken)) > 2:
        return None
    before, count = letters(spoken[:offset]), 0
    for word in words:
        size = letters(word.word)
        if count + size > before:  # within this word: as far into its time as into its characters
            return word.start + (word.end - word.start) * (before - count) / max(1, size)
        count += size
    return words[-1].start


def _headed(design: Design, spoken: str) -> Design:
    """A list whose first item waits a while for its words, after a sentence of its own, is headed by
    that sentence's key phrase: the frame is never bare until the first item comes. In one long
    sentence, its key phrase is a title card until the list begins."""
    sentences = _sentences(spoken)
    if design.layout == "list" and len(sentences) == 1 and design.reveal and design.reveal[0] >= MIN_PART_SECONDS:
        start = design.reveal[0] - 0.3
        listed = dataclasses.replace(design, reveal=tuple(max(0.0, at - start) for at in design.reveal))
        title = key_phrase(design.headline or spoken)  # the list's heading, not its items, until they come
        if title.split()[-1:] and title.split()[-1].lower() in _ITEM_LEADS | _PREPOSITIONS | {"for", "à", "a"}:
            title += "…"  # "Ihr Teig besteht nur aus…": what it is made of comes next, the card is not cut short
        return Design("sequence", headline=title, parts=(Design("title", headline=title), listed), starts=(0.0, start))
    if design.layout != "list" or design.headline or len(sentences) < 2 or not design.reveal \
            or design.reveal[0] < 1.0:
        return design
    heading = key_phrase(sentences[0])
    if design.reveal[0] >= MIN_PART_SECONDS:  # the sentence's title card, large, until the list begins
        start = design.reveal[0] - 0.3
        listed = dataclasses.replace(design, headline=heading,
                                     reveal=tuple(max(0.0, at - start) for at in design.reveal))
        return Design("sequence", headline=heading, parts=(Design("title", headline=heading), listed),
                      starts=(0.0, start))
    return dataclasses.replace(design, headline=heading)  # drawn large until the first item comes


def _with_shown(sequence: Design, shown: Design | None, spoken: str = "", words: Sequence = (),
                language: str = "en") -> Design:
    """The on-screen text's design in a scene's sequence: where a part shows the same thing it stays;
    a telling one takes the place of the part of the sentence that says it (the first part when no
    sentence does), a title the first title's."""
    if shown is None:
        return sequence

    def same(a: Design, b: Design) -> bool:
        return a.layout == b.layout and (a.headline == b.headline or bool(
            a.stats and b.stats and a.stats[0].text == b.stats[0].text) or (
            a.layout == "date" and _year(a.headline) == _year(b.headline)))

    parts = list(sequence.parts)
    if any(same(part, shown) for part in parts):
        return sequence
    if shown.layout == "date" and _year(shown.headline) and any(
            part.layout == "name" and _year(shown.headline) in part.detail for part in parts):
        return sequence  # "1871" on screen, and a part naming Maurice Garin, born in 1871: shown already
    titles = [i for i, part in enumerate(parts) if part.layout == "title"]
    if shown.layout == "title" and not titles:
        return sequence
    if shown.layout == "title":
        parts[titles[0]] = shown
        return dataclasses.replace(sequence, parts=tuple(parts), headline=parts[0].headline)
    # "Desde 2013, ..." in the second sentence: the date comes when that sentence is spoken, not before
    sentences = _sentences(spoken)
    said = next((k for k, sentence in enumerate(sentences) if _year(shown.headline) in sentence
                 or (shown.stats and shown.stats[0].text in sentence)), 0) if shown.layout in ("date", "number") else 0
    at = _sentence_starts(sentences, words, spoken)[said] if said else 0.0
    index = max(i for i, start in enumerate(sequence.starts) if start <= at + 0.2)
    starts = list(sequence.starts)
    local = [w.__class__(w.word, w.start - at, w.end - at) for w in words if w.start >= at - 0.05] if words else ()
    then = _then_number(shown, sentences[said], language, local) if sentences else shown
    year = sentences[said].find(_year(shown.headline)) if sentences and shown.layout == "date" else -1
    dated = at + _time_at(sentences[said], year, local) - 0.3 if year > 0 else 0.0
    following = starts[index + 1] if index + 1 < len(parts) else (words[-1].end if words else 0.0)
    if then.layout == "sequence" and (index + 1 == len(parts) or starts[index + 1] > at + then.starts[1]):
        # the date, then the number its sentence says after it ("Sa construction commence en 1519, ... vingt-cinq ans")
        # (the date, a name, then a number: each part that has its time before the next sentence's part)
        # (the last part of the scene may come late: _not_late moves it or leaves it out)
        fits = [n for n, start in enumerate(then.starts) if n == 0 or index + 1 == len(parts) or
                starts[index + 1] - (at + start) >= MIN_TOLD_SECONDS]
        kept = fits[:next((k for k, n in enumerate(fits) if n != k), len(fits))]
        parts[index:index + 1] = [then.parts[n] for n in kept]
        starts[index + 1:index + 1] = [at + then.starts[n] for n in kept[1:]]
    elif parts[index].layout == "number" and dated - starts[index] >= MIN_PART_SECONDS and \
            following - dated >= LAST_WORDS_SECONDS / 2:
        # the numbers its sentence says first, then the date when it is said ("meno di 50.000 persone, contro i
        # 175.000 abitanti del 1951"): the date does not take the numbers' place
        parts.insert(index + 1, shown)
        starts.insert(index + 1, dated)
    else:
        parts[index] = shown
    return dataclasses.replace(sequence, parts=tuple(parts), headline=parts[0].headline, starts=tuple(starts))


MIN_PART_SECONDS = 2.5
MIN_TOLD_SECONDS = 2.0  # a date, a number, a map, a name before another: read at a glance
MIN_RANK_SECONDS = 1.2  # "NUMBER 2 / snake"


def _a_rank(design: Design) -> bool:
    return design.layout == "number" and len(design.stats) == 1 and design.stats[0].prefix in _RANK_WORD.values()


TITLE_SECONDS = 3.5  # a title card's time on screen before the next sentence's title may follow it
MAX_PARTS = 4


def _single(spoken: str, language: str, dates: Sequence[str], words: Sequence, places: tuple[str, ...] = ()) -> Design:
    """One sentence's design: a telling one, a quote card, or the title card of its key phrase."""
    design = _auto(spoken, language, dates, words, places)
    if design is not None and not _mostly_quoted(design, spoken):
        return design
    quote = _QUOTE.search(spoken)
    if quote and len(quote.group(1).split()) >= 3:
        name, _ = _name(spoken[:quote.start()] + spoken[quote.end():], "")
        return Design("quote", headline=quote.group(1).strip(" ,;:"), detail=name)  # "... piss it out," he said
    return Design("title", headline=key_phrase(spoken)) if spoken else Design("title", headline="")


def _mostly_quoted(design: Design, spoken: str) -> bool:
    """A number or date inside a quote that is most of the line («Solo tres personas han hecho callar al
    Maracaná: ...», dijo Ghiggia): the quote card, whole, says it better."""
    quote = _QUOTE.search(spoken)
    if quote and len(quote.group(1).split()) >= 4 and design.layout == "name" and \
            not _QUOTE.search(design.headline) and design.headline not in quote.group(1):
        return True  # '"Chess is the struggle against error," wrote ... Zukertort': his words, his name under them
    return bool(quote and len(quote.group(1).split()) >= 5 and design.layout in ("number", "date", "list")
                and len(quote.group(0)) >= len(spoken) / 2)


def _sentence_starts(sentences: list[str], words: Sequence, spoken: str) -> list[float]:
    """When each sentence begins: its first word in the narration's timings (counted when the voice
    timed every word of the text, else found by its first two words, else by its characters when the
    timings' words make up the text, as Japanese phrases do), or before narration its place in the
    text at about 14 characters a second."""
    counts = [len(sentence.split()) for sentence in sentences]
    if words and len(words) == sum(counts):
        firsts = [sum(counts[:i]) for i in range(len(sentences))]
        return [0.0] + [max(0.0, words[i].start - 0.1) for i in firsts[1:]]
    spoken_words = [_normal(w.word) for w in words]
    starts, position, offset = [], 0, 0
    for sentence in sentences:
        head = [_normal(w) for w in sentence.split()[:2]]
        found = next((i for i in range(position, len(spoken_words))
                      if spoken_words[i:i + len(head)] == head), None) if head else None
        offset = max(0, spoken.find(sentence, offset))
        by_characters = _time_by_characters(spoken, offset, words) if found is None else None
        if found is not None:
            starts.append(max(0.0, words[found].start - 0.1))
            position = found + 1
        elif by_characters is not None:
            starts.append(max(0.0, by_characters - 0.1))
        else:
            starts.append(offset / 14.0)
    starts[0] = 0.0
    return starts


def _sequence(spoken: str, language: str, dates: Sequence[str], words: Sequence,
              places: tuple[str, ...] = ()) -> Design | None:
    """A design per telling sentence of a scene of several, each from when it is spoken; None when
    one design serves the whole scene. A part shorter than MIN_PART_SECONDS gives way (a telling one
    replaces a title before it), and titles in a row are one."""
    sentences = _sentences(spoken)
    starts = _sentence_starts(sentences, words, spoken)
    parts: list[Design] = []
    kept: list[float] = []
    inner: set[int] = set()  # the parts after the first of one sentence's own sequence
    ends = [*starts[1:], words[-1].end if words else len(spoken) / 14.0]
    for sentence, start, end in zip(sentences, starts, ends, strict=True):
        local = [w.__class__(w.word, w.start - start, w.end - start) for w in words if w.start >= start - 0.05] \
            if words else ()
        if parts and end - start < LAST_WORDS_SECONDS:
            continue  # a last word or two ("... beim Zollverein bei. 2."): no part flashes up as the scene leaves
        design = _single(sentence, language, dates, local, places)
        # a sentence's date, then the person or the number it names ("In August 1858, Queen Victoria sent ...")
        headed = _then_number(_headed(design, sentence), sentence, language, local)
        if headed.layout == "sequence" and (not parts or start - kept[-1] >= MIN_PART_SECONDS):
            # a list whose first item waits for its words: the sentence's title until it comes, never bare
            inner.update(range(len(parts) + 1, len(parts) + len(headed.parts)))
            parts.extend(headed.parts)
            kept.extend(start + at for at in headed.starts)
            continue
        telling = design.layout != "title"
        if telling and len(parts) >= 2 and len(parts) - 1 in inner and start - kept[-1] < MIN_TOLD_SECONDS and \
                start - kept[-2] >= MIN_TOLD_SECONDS and end - start >= MIN_PART_SECONDS:
            # "L'architecte britannique Norman Foster l'a dessiné avec l'ingénieur Michel Virlogeux. Le chantier a
            # duré trois ans ...": the second name card, said last, gives way to the next sentence's figures
            # (they gave way to it, and the scene showed none of its second sentence)
            parts.pop()
            kept.pop()
        if parts and design == parts[-1]:
            continue  # "... Brasil ... Brasil ...": the same map twice in a row is one
        # Titles in a row are one, unless the first has been on a while: no slide stands still for 8 s.
        # A title that would then stand past 2 x TITLE_SECONDS gives way to the next after MIN_PART_SECONDS.
        short_title = not telling and parts and parts[-1].layout == "title" and start - kept[-1] < TITLE_SECONDS \
            and end - kept[-1] <= 2 * TITLE_SECONDS
        # Two telling parts: the first may be shorter, so long as the second stands longer ("décembre 2001"
        # for 2.4 s, then "2 460 mètres" for 4.6 s: the number gave way, the date stood for 7 s).
        # A countdown's place is read quicker still ("Number two is the snake." for 1.5 s, then its figures).
        told = MIN_RANK_SECONDS if parts and _a_rank(parts[-1]) else MIN_TOLD_SECONDS
        both_told = telling and parts and parts[-1].layout != "title" and start - kept[-1] >= told \
            and end - start >= MIN_PART_SECONDS
        if parts and (start - kept[-1] < MIN_PART_SECONDS or short_title) and not both_told:
            if telling and parts[-1].layout == "title" and start - kept[-1] < MIN_PART_SECONDS:
                parts[-1] = design  # keeps the earlier start: its reveals come a little early
            continue
        parts.append(design)
        kept.append(start)
    if len(parts) > MAX_PARTS:  # the telling ones first, in order
        order = sorted(range(len(parts)), key=lambda i: (parts[i].layout == "title", i))[:MAX_PARTS]
        parts, kept = [parts[i] for i in sorted(order)], [kept[i] for i in sorted(order)]
        kept[0] = 0.0
    if len(parts) <= 1:
        return parts[0] if parts and parts[0].layout != "title" else None
    return Design("sequence", headline=parts[0].headline, parts=tuple(parts), starts=tuple(kept))


# A way from one place to another, or a link between two: each language's opening word and the word
# that joins the second place to the first, articles folded in where the language folds them ("du
# Portugal au Brésil", "dall'Europa all'Asia"). An opening word ending in an apostrophe takes no space.
_ROUTE_WORDS = {
    "en": [("from", "to|into|towards?"), ("between", "and"), ("(?:connect|link|join)(?:s|ed|ing)?(?: the)?",
                                                                "to|with|and")],
    "fr": [("depuis|de|des|du|d'", "jusqu'à|jusqu'au|jusqu'aux|à|au|aux|vers|pour"), ("entre", "et"),
           ("reli(?:e|ent|ait|aient|a|èrent)", "à|au|aux|et")],
    "es": [("desde|de|del", "hasta|a|al|hacia|para"), ("entre", "y|e"), ("(?:une|unía|unen|unió|conecta|conectaba)",
                                                                    "con|y|a|al")],
    "pt": [("desde|de|do|da|dos|das", "até|a|ao|à|aos|às|para"), ("entre", "e"),
           ("(?:liga|ligava|ligam|ligou|ligaram|une|unia|uniu|conecta|conectou)", "a|ao|à|com|e")],
    "it": [("da|dal|dalla|dallo|dai|dalle|dagli|dall'",
            "a|al|alla|allo|ai|alle|agli|all'|fino a|fino al|verso|per"),
           ("tra|fra", "e|ed"), ("(?:collega|collegava|unisce|univa)", "a|al|alla|con|e")],
    "de": [("von|vom|aus", "nach|bis nach|bis zum|bis zur|bis|zum|zur|in die|ins|an die"), ("zwischen", "und"),
           ("verb(?:indet|and|inden|anden)", "mit|und")],
}
_ROUTE_GAP = r"(?:(?<=')|\s+)"
_ROUTES = {language: [re.compile(rf"(?<![\w'])(?:{opens}){_ROUTE_GAP}(?P<a>[^,;:.!?()]{{2,50}}?)\s+(?:{joins})"
                                 rf"{_ROUTE_GAP}(?P<b>[^,;:.!?()]{{2,80}})", re.IGNORECASE)
                      for opens, joins in pairs] for language, pairs in _ROUTE_WORDS.items()}
_ROUTE_WORDS_BEFORE = 3  # the second place starts within the first words after the joining word
# ... and goes on: "then to", "puis jusqu'à", "dann nach", "y luego a", "e poi a", "e depois para"
_ROUTE_THEN = {"en": "(?:and )?then|on", "fr": "(?:et )?puis|ensuite", "de": "(?:und )?dann|weiter",
               "es": "(?:y )?luego|después", "pt": "(?:e )?depois|e então", "it": "(?:e )?poi|quindi"}
_ROUTE_ON = {language: re.compile(rf"(?i)[,;]?\s*\b(?:{_ROUTE_THEN[language]})\s+(?:{pairs[0][1]}){_ROUTE_GAP}")
             for language, pairs in _ROUTE_WORDS.items()}
MAX_STOPS = 5
# An ocean is no end of a way: its middle is thousands of kilometres from where a ship meets it ("the
# strait between San Francisco Bay and the Pacific Ocean" drew the way to the middle of the Pacific). A sea
# wider than this (degrees of longitude, Place.span) is an ocean; the Mediterranean is 36.
ROUTE_WIDEST_SEA = 40.0


# Between two places of a list: a comma, "and" or "or" (or both), and an article ("Germany, Austria, the
# Slovak Republic and Hungary"; "Deutschland, Österreich, die Slowakei und Ungarn").
_PLACE_GAP = re.compile(
    r"\s*(?:,\s*(?:(?:and|or|und|oder|et|ou|y|e|ed|o)\s+)?|\s+(?:and|or|und|oder|et|ou|y|e|ed|o)\s+)"
    r"(?:(?:the|die|der|den|la|le|les|el|los|las|o|a|os|as|il|lo|gli|i)\s+|l[’'])?", re.IGNORECASE)
MIN_LISTED_PLACES = 3
# What ends the words before a list of places and needs the list: "The largest producers are", "Die Donau
# fließt durch" (the heading stands without them).
_LIST_LEADS = frozenset({"are", "is", "were", "was", "include", "includes", "included", "including", "such",
                         "through", "across", "via", "namely", "sind", "ist", "waren", "war", "durch", "über",
                         "sont", "est", "étaient", "son", "es", "eran", "são", "é", "eram", "sono", "è", "erano",
                         "traverse", "traversa", "atraviesa", "atravessa", "attraversa", "comme", "tels", "telles"})


_BETWEEN_WORDS = frozenset({"between", "among", "entre", "zwischen", "tra", "fra", "parmi"})
_LIES = frozenset({"lies", "sits", "is", "liegt", "ist", "se", "trouve", "situe", "est", "está", "queda", "fica",
                   "trova", "è", "si"})


def _places_listed(source: str, language: str, words: Sequence) -> Design | None:
    """A map lighting each place of a list as it is spoken ("The Danube flows through ten countries:
    Germany, Austria, Slovakia, ..."), under the line's words before the list: three places or more
    named one after the other, with nothing but commas, "and" and articles between them. (Ten of them
    showed a map of the first; three or four, a list of names.)"""
    longest: list = []
    chain: list = []
    spans = []
    for start, end, place in named_spans(source, language):
        # a place right after a capitalised word may be the end of a longer name the line opens with, which
        # running text does not read as a place ("New York, Paris and Tokyo": not York, England)
        before = re.search(r"([^\W\d_][\w'’-]*)\s+$", source[:start])
        if before and before.group(1)[:1].isupper():
            longer = find_place(source[before.start(1):end], strict=False, language=language)
            if longer is not None and before.group(1) in longer.name.split():
                start, place = before.start(1), longer
        spans.append((start, end, place))
    for span in spans:
        if chain and _PLACE_GAP.fullmatch(source[chain[-1][1]:span[0]]) and \
                span[2].name not in {c[2].name for c in chain}:
            chain.append(span)
        else:
            chain = [span]
        if len(chain) > len(longest):
            longest = list(chain)
    if len(longest) < MIN_LISTED_PLACES:
        return None
    lead = source[:longest[0][0]]
    clauses = [c for c in re.split(r",\s+", lead.strip()) if c.strip()]
    if len(clauses) > 1 and len(clauses[-1].split()) <= 2:
        # "Puis elle traverse l'Italie jusqu'à Brindisi, passe par Port-Saïd, ...": the clause before the
        # comma heads the map ("..., passe" stood under it)
        lead = ", ".join(clauses[:-1])
    before = key_phrase(lead).split()
    relative = next((n for n in range(2, len(before)) if before[n].lower() in _RELATIVES and
                     before[n - 1].endswith(",")), None)
    if relative is not None:  # "La Gran Colombia[, que unía los actuales territorios]" [de Venezuela, ...]
        before = before[:relative]
        before[-1] = before[-1].rstrip(",")
    between = len(before) >= 3 and any(w.lower() in _BETWEEN_WORDS for w in before[-2:])
    while before and before[-1].lower().strip(":,;") in _DANGLING | _LIST_LEADS:
        before.pop()
    if between:
        # "Der Bodensee liegt zwischen" [Deutschland, Österreich und der Schweiz]: what lies between them
        before = before[:-1] if before and before[-1].lower() in _BETWEEN_WORDS else before
        while len(before) >= 2 and before[-1].lower() in _LIES:
            before.pop()  # "Le lac se trouve" [entre ...]
    after = re.split(r"[,;:.!?]", source[longest[-1][1]:])[0].split()
    if before and len(after) <= 3 and not (after and after[0].lower() in numbers.JOINING):
        # "Heute wird Kaffee vor allem in Brasilien, ... angebaut": its verb too (not "y Persia", a list's end)
        clause = re.split(r"[,;:.!?]\s", lead)[-1].split()
        if relative is None and after and before == clause and \
                clause[-1].lower() not in _PREPOSITIONS | _PLACE_PHRASE and \
                len(clause) + len(longest) + len(after) <= MAX_TITLE_WORDS + 1:
            # "Bis heute tragen Hamburg, Bremen und Lübeck den Titel Hansestadt": the places are what the
            # clause is about, not where it happens; without them it had no subject
            before = source[len(lead) - len(" ".join(clause)) if lead.endswith(" ".join(clause)) else 0:
                            longest[-1][1]].split()
        before += after
    # a list that opens the line is its subject: the line's words whole ("New York, Paris and Tokyo grew"),
    # or when too long, what it says of them ("produce most of the world's coffee")
    whole = clean(source).rstrip(" .!?")
    heading = " ".join(before).strip(" :,;—–-") or (
        whole if len(whole.split()) <= MAX_TITLE_WORDS else key_phrase(source[longest[-1][1]:]).strip(" .:,;"))
    names = [source[start:end] for start, end, _ in longest]
    places = in_one_country([place for *_, place in longest], language)
    return Design("map", headline=heading, place=places[0], places=places, reveal=reveal_times(names, words))


def _route(source: str, language: str, places: tuple[str, ...]) -> Design | None:
    """A map of the way between two places the line names as a route or a link ("The ship sailed
    from Lisbon to Rio de Janeiro", "Le canal relie la mer Méditerranée à la mer Rouge"): each side
    is a place of the map data and nothing much else (the first in a few words, the second at the
    start of what follows). A span of years, of time or of anything else is no route ("from 1990 to
    2000", "from dawn to dusk")."""

    def opening(text: str, within: int) -> Place | None:
        words = text.split()
        for count in range(min(6, len(words)), 0, -1):
            place = find_place(" ".join(words[:count]), strict=False, known=places, language=language)
            if place is None:
                continue
            head = {w.lower().strip("'’.,;:!?") for w in words[:within]}
            first = place.name.split()[0].lower()
            return place if first in head or any(w.endswith(first) for w in head) else None
        return None

    for pattern in _ROUTES.get(language, _ROUTES["en"]):
        position = 0
        # each opening word in turn, overlapping: "El galeón de Manila navegaba de Acapulco a Manila"
        while (match := pattern.search(source, position)) is not None:
            position = match.start() + 1
            side = match.group("a")
            if len(side.split()) > 5:
                continue
            first = opening(side, 3)
            second = opening(match.group("b"), _ROUTE_WORDS_BEFORE) if first is not None else None
            if second is None or second.name == first.name or any(
                    p.kind == "sea" and p.span > ROUTE_WIDEST_SEA for p in (first, second)):
                continue
            if (first.kind == "country" and second.country == first.country) or (
                    second.kind == "country" and first.country == second.country):
                continue  # "o norte de Portugal até ao Porto": a city in the country is no way from it
            stops = [first, second]
            rest = source[match.start("b"):]
            # "de Toulouse à Casablanca, puis jusqu'à Dakar": the way goes on
            for more in _ROUTE_ON.get(language, _ROUTE_ON["en"]).finditer(rest):
                stop = opening(rest[more.end():], _ROUTE_WORDS_BEFORE)
                if stop is None or stop.name in {s.name for s in stops} or len(stops) == MAX_STOPS:
                    break
                stops.append(stop)
            # "found from India to northern Australia": where a thing lives or grows, lit, not a way travelled
            extent = _EXTENT_BEFORE.search(source[max(0, match.start() - 40):match.start()]) is not None
            # (where a thing is, its places with a comma: a dash between two is a way, as the studio reads it)
            return Design("map", headline=(", " if extent else " – ").join(s.name for s in stops), place=first,
                          places=tuple(stops), way=not extent)
    return None


_EXTENT_BEFORE = re.compile(
    r"(?i)\b(?:found|lives?|living|native|occurs?|ranges?|grows?|common|distributed|se trouvent?|vit|vivent|"
    r"poussent?|présente?s?|répandue?s?|se encuentran?|viven?|crecen?|habitan?|presentes?|si trovano|si trova|"
    r"vivono|crescono|diffus[ao]|encontrad[oa]s?|ocorrem?|crescem|habitam?|verbreitet|vorkommt|heimisch)\b[^,;.]*$"
    # "Other cities, from Madrid to Ghent, have copied it": places named as examples, no way between them
    r"|(?i:\b(?:cities|countries|towns|villes|pays|ciudades|países|città|paesi|Städte|Länder|cidades)),?\s*$")


def _auto(source: str, language: str, dates: Sequence[str], words: Sequence,
          places: tuple[str, ...] = ()) -> Design | None:
    if not source:
        return None
    ranked = _rank(source, language)
    if ranked is not None:
        return ranked
    stats = numbers.find_stats(source, language)
    if stats and all(_RELATIVE_TIME.match(f.stat.label) and f.stat.unit.lower() in _YEARS for f in stats):
        # "There she met Pierre Curie, a physicist eight years older": the person, not "8 years"
        person, role = _name(source, "", language)
        if person:
            return Design("name", headline=person, detail=role)
        stats = []  # "Estados Unidos retomó las obras en 1904 y las terminó diez años después": the year; "Três
        # anos depois abriu a Fábrica de Pastéis de Belém": what happened then, a title (a step in time, no figure)
    stats = [f for f in stats if not (f.stat.unit.lower() in _TIME_UNITS | _YEARS and
                                      _FIRST_IN.search(source[max(0, f.start - 60):f.start]))]
    # ("The city's first new tram line in sixty years opens ...": how rare the thing is, not a figure of it)
    age = ""
    relative = [f for f in stats if _RELATIVE_TIME.match(f.stat.label) and f.stat.unit.lower() in _TIME_UNITS]
    if relative and len(relative) < len(stats):
        # "Due mesi dopo pubblicò ... un libretto di appena 60 pagine": the figure, not when it came
        stats = [f for f in stats if f not in relative]
    elif (relative or (stats and all(_RELATIVE_TIME.match(f.stat.label) and f.stat.unit.lower() in _YEARS
                                     for f in stats))) and _a_place_or_person(source, language, places):
        stats = []  # "Had it arrived four hours later, ... Saint Petersburg": the city, not "4 hours later"; "Três
        # anos depois abriu a Fábrica de Pastéis de Belém": what opened, not "3 anos"
    if stats and all(f.stat.unit.lower() in _YEARS and _an_age(source, f.start, language) for f in stats) and \
            not numbers.find_dates(source) and _a_place_or_person(source, language, places):
        # "Mit 22 Jahren zog er nach Wien", "un arquitecto joven: Antoni Gaudí, que tenía 31 años": how old
        # someone was, said beside where they went or who they were, is no figure of its own (the name card
        # says it when the line gives no role)
        age, stats = f"{stats[0].stat.text} {stats[0].stat.unit}" if len(stats) == 1 else "", []
    if stats and language != "en" and all(f.stat.unit.lower() in _YEARS and _AGE_BEFORE.search(source[:f.start])
                                          for f in stats) and \
            numbers.find_dates(source) and numbers.find_dates(source)[0][0] < stats[0].start:
        stats = []  # "elle est guillotinée le 16 octobre 1793, à 37 ans": the date first (the age follows it)
    opening = numbers.find_dates(source)[:1] if stats else []
    if opening and (len(source[:opening[0][0]].split()) <= 3 or _only_time(source[:opening[0][0]].split())) and \
            opening[0][1] < stats[0].start and \
            all(f.stat.value < 12 and not re.search(r"\d", source[f.start:f.end]) for f in stats) and (
            _name(source[opening[0][1]:stats[0].start], "", language)[0] or
            re.match(r"\s*,", source[opening[0][1]:])):
        # "En avril 1534, Jacques Cartier quitte Saint-Malo avec deux navires": the date the line opens on and
        # the person, before a small count of things (it was "2 navires" alone); or the date alone before its
        # comma ("On the morning of 6 December 1917, two ships collided": the day, not "2 ships")
        stats = []
    if stats and all(f.stat.unit.lower() in _TIME_UNITS | _YEARS for f in stats):
        several = _places_listed(source, language, words)
        if several is not None:  # "Fünf Jahre lang durchquerten sie Venezuela, Kuba, Kolumbien, Ecuador, Peru
            return several  # und Mexiko": the six countries, not "5 Jahre / durchquerten sie Venezuela"
    if stats:
        colon = source.find(":")
        heading, items = _enumeration(source) if colon > 0 and all(f.end <= colon for f in stats) else ("", [])
        if colon > 0 and not items:
            heading, items = _enumeration(source, language)
            last = source.lower().find(items[-1].lower()[:15], colon) if items else -1
            if not (heading and len(items) >= 3 and 0 < last < min(f.start for f in stats)):
                heading, items = "", []  # (but "Tres hábitos ayudan: ..., y mantener la habitación fresca, a unos
                # dieciocho grados": the steps, not how cool)
        if heading and items:  # "Quatre coureurs ont gagné cinq fois : Jacques Anquetil, Eddy Merckx, ...": who
            # ("... über 400 Gipfel in vier Ländern: Deutschland, Österreich, Italien und der Schweiz": a map)
            several = _places_listed(source, language, words)
            if several is not None:
                return several
            return Design("list", headline=heading, items=tuple(items[:6]), reveal=reveal_times(items[:6], words))
        return Design("number", stats=tuple(f.stat for f in stats[:3]))
    found = numbers.find_dates(source)
    lived, role = _name(source, "", language)
    if lived and _LIFE.fullmatch(role or ""):  # "Grace Hopper (1906–1992)": the person, not the years
        return Design("name", headline=lived, detail=role)
    born = _born(source, lived, found, role)
    if not born and language == "de":
        lived, born = _born_german(source, found) or (lived, "")
    if born:  # "Maurice Garin, un ancien ramoneur né en 1871": the person, with the year they were born
        return Design("name", headline=lived, detail=born)
    if found:
        start, end, shown = found[0]
        if len(found) >= 2 and re.fullmatch(r"\d{3,4}", found[0][2]) and re.fullmatch(r"\d{3,4}", found[1][2]) \
                and _RANGE_JOIN.fullmatch(source[end:found[1][0]]):
            end, shown = found[1][1], f"{found[0][2]}–{found[1][2]}"  # "entre 1666 et 1681": 1666–1681
        detail = _date_detail(source, start, end) if not is_cjk(source) else _cjk_detail(source[end:])
        return _date(shown, detail, dates)
    pair = _two_people(source, language, words)
    if pair is not None:
        return pair
    several = _places_listed(source, language, words) or _route(source, language, places)
    if several is not None:
        return several
    place = find_place(source, known=places, language=language)
    if place is not None and (_person_named(source, place.name) or _given_name(source, place.name, language)
                              or place.name in getattr(places, "people", ())):
        place = None
    name, role = _name(source, place.name if place else "", language)
    # A person named before the place is what the line is about ("led by Ferdinand de Lesseps, who
    # built the Suez Canal"); a place named first is where it happens.
    heading, items = _enumeration(source, language) if place is not None else ("", [])
    colon = source.find(":")
    announced = 0 < source.find(place.name) < colon and len(items) >= 3 and all(
        item[:12].lower() in source[colon:].lower() for item in items) if place is not None else False
    if heading and (any(place.name in item for item in items) or announced):
        # "Die größten Anbauländer sind Brasilien, Vietnam und Kolumbien": the three, not one map; "..., à
        # Versailles, ... un ballon emporte les premiers passagers : un mouton, un canard et un coq": what the
        # colon announces, not where
        return Design("list", headline=_capitalised(heading), items=tuple(items[:6]),
                      reveal=reveal_times(items[:6], words))
    if place is not None and not (name and 0 <= source.find(name) < source.find(place.name)):
        # a city's map says its country under its name (a close map is mostly land of one colour)
        country = country_name(place.country, language) if place.kind == "city" else ""
        return Design("map", headline=place.name, place=place, detail=country if country != place.name else "")
    heading, items = _enumeration(source, language)
    if name and not (len(items) >= 3 and any(name in item or (item in name and item[:1].isupper())
                                             for item in items)):
        return Design("name", headline=name, detail=role or age)  # (several people listed are the list)
    if items:
        return Design("list", headline=heading, items=tuple(items[:6]), reveal=reveal_times(items[:6], words))
    return None


def _a_place_or_person(source: str, language: str, places: tuple[str, ...]) -> bool:
    place = find_place(source, known=places, language=language)
    if place is not None and not (_person_named(source, place.name) or _given_name(source, place.name, language)
                                  or place.name in getattr(places, "people", ())):
        return True
    return bool(_name(source, "", language)[0])


_FIRST_IN = re.compile(r"(?i)\b(?:first|premier|première|primer|primera|primero|erste[nrs]?|primo|prima|primeiro|"
                       r"primeira)\b[^,.;:]{0,40}\s(?:in|en|em|seit|da|in over|in more than|en plus de|"
                       r"in mehr als|in oltre|em mais de|en más de)\s+$")
_TIME_UNITS = frozenset([
    "second", "seconds", "secondes", "segundos", "sekunden", "secondi", "minute", "minutes", "minuten", "minutos",
    "minuti", "hour", "hours", "heures", "horas", "stunden", "ore", "day", "days", "jours", "días", "dias", "tage",
    "tagen", "giorni", "week", "weeks", "semaines", "semanas", "wochen", "settimane", "month", "months", "mois",
    "meses", "monate", "monaten", "mesi"])

# how an age is said before its number of years: "à 37 ans", "at the age of 37", "con 17 años"
_AGE_BEFORE = re.compile(r"(?i)(?:\bà|\ba los|\bcon(?: solo)?|\bcon appena|\ba|\bcom|\baos|\bmit|\bim Alter von)"
                         r"\s+(?:seulement\s+|solo\s+|apenas\s+|nur\s+)?$")  # (not English: "to mark a hundred years")
_YEARS = frozenset({"years", "year", "ans", "années", "años", "jahre", "jahren", "anni", "anos"})
# ... or as what a person was: "que tenía 31 años", "who was 36 years old", "aged 36"
_AGE_WAS = re.compile(r"(?i)(?:\b(?:que|qui|che|who|der|die) (?:tenía|avait|aveva|tinha|was|war)|\baged|"
                      r"\bat the age of|\bà l['’]âge de|\ba la edad de|\ball['’]età di|\bcon|\bcom a idade de)"
                      r"\s+(?:only\s+|just\s+|seulement\s+|solo\s+|apenas\s+|nur\s+|appena\s+)?$")


def _an_age(source: str, start: int, language: str) -> bool:
    before = source[:start]
    return bool(_AGE_WAS.search(before) or (language != "en" and _AGE_BEFORE.search(before)))
_RELATIVE_TIME = re.compile(r"(?i)(?:older|younger|later|earlier|before|after|plus (?:âgée?|jeune|tard|tôt)|"
                            r"más (?:tarde|joven|viej[oa])|mayor|menor|später|früher|älter|jünger|dopo|"
                            r"después|après|danach|nach (?:der|dem|den|seiner|ihrer)|"
                            r"più (?:tardi|giovane|anzian[oa]|vecchi[oa])|depois|mais (?:tarde|velh[oa]|nov[oa]))\b")
_BORN_LINKS = r"(?:en|in|el|nel|em|am|im|le|il|on|the|year|año|anno|ano|jahr|l['’]an|del|dell['’]anno|do|à|a|at)"
# (a town may come between: "born in London in 1815", "nato a Bologna nel 1874")
_BORN = re.compile(rf"\b(?i:né|née|born|nacid[oa]|nat[oa]|nascid[oa]|geboren|nació|nacque|nasceu|naquit)"
                   rf"(?:\s+(?i:{_BORN_LINKS}))*"
                   rf"(?:\s+[A-ZÀ-ÖØ-Þ][\w'’-]+(?:\s+[A-ZÀ-ÖØ-Þ][\w'’-]+)?"
                   # "nació en Rosario, Argentina, el" [24 de junio de 1987]
                   # ... "nasceu em Minas Gerais, em" [1873]
                   rf"(?:,\s*[A-ZÀ-ÖØ-Þ][\w'’-]+(?:\s+[A-ZÀ-ÖØ-Þ][\w'’-]+)?,|,?(?:\s+(?i:{_BORN_LINKS}))+))?\s+$")


def _born(source: str, name: str, found: list[tuple[int, int, str]], role: str = "") -> str:
    """What a name card says of a person the line names, then says was born in its first date ("un
    ancien ramoneur né en 1871"): the words from the name to the date, or "born in 1871" alone after
    a longer stretch. The date card showed "1871" over "un ancien ramoneur né", and no one."""
    if not name or not found or name not in source[:found[0][0]]:
        return ""
    start, end, _ = found[0]
    birth = _BORN.search(source[:start])
    if birth is None:
        return ""
    between = source[source.find(name) + len(name):birth.start()].strip(" ,")
    between = re.sub(r"(?i)^(?:a|an|the|un|une|uno|una|um|uma|ein|eine|der|die|el|la|le|il|o)\s+", "", between)
    if between and (len(between.split()) > 4 or re.search(r"[.;:!?]", between)):
        between = ""  # a clause between the name and the birth: only the birth
    if between.lower() in _CUT_VERBS:
        between = ""  # "Ada Lovelace was born in London in 1815": "born in London in 1815"
    if not between and role and not _LIFE.fullmatch(role) and role not in source[birth.start():end]:
        between = f"{role},"  # "El pintor Joaquín Sorolla, nacido en 1863": "pintor, nacido en 1863"
    return f"{between} {source[birth.start():end]}".strip()


def _born_german(source: str, found: list[tuple[int, int, str]]) -> tuple[str, str] | None:
    """German puts the participle last: "Ludwig van Beethoven wurde im Dezember 1770 in Bonn geboren" is
    his name card, "geboren im Dezember 1770 in Bonn" (it was the date, over his name). The name opens
    the sentence (German capitalises its nouns: no article or determiner before it)."""
    birth = _WURDE_GEBOREN.match(source.strip())
    if not found or birth is None or birth.group("name").split()[0].lower() in _ARTICLES | _GERMAN_DETERMINERS:
        return None
    offset = source.find(birth.group(0))
    if not offset + birth.start("when") <= found[0][0] < offset + birth.end("when"):
        return None
    return birth.group("name"), f"geboren {birth.group('when')}"


_WURDE_GEBOREN = re.compile(r"(?P<name>[A-ZÄÖÜ][\w'’-]+(?:\s+(?:(?:van|von|de|der|zu|da)\s+)?[A-ZÄÖÜ][\w'’-]+){1,3})"
                            r"\s+(?:wurde|ist)\s+(?P<when>(?:[^,;.!?]|(?<=\d)\.){4,60}?)\s+geboren\b")


def _whole_place(name: str) -> bool:
    place = find_place(name, strict=False)
    return place is not None and name.split()[-1] in place.name.split()


def _two_people(source: str, language: str, words: Sequence) -> Design | None:
    """Two people each with their role ("Eram Gago Coutinho, o navegador, e Sacadura Cabral, o piloto"):
    two name cards, the second when its name is said. It was a list of four, two of them roles."""
    match = _TWO_PEOPLE.search(source.strip()) or _ROLES_BEFORE_NAMES.search(source.strip())
    if match is None or any(w.lower() in _NOT_NAMES_LOWER for w in f"{match.group('n1')} {match.group('n2')}".split()):
        return None
    if any(_whole_place(match.group(n)) for n in ("n1", "n2")):
        return None  # "New York, the city, and Los Angeles, its rival": two places, no people (not "Norman
        # Foster", whose first name is a town)
    names = [match.group("n1"), match.group("n2")]
    first, _ = _name(f"{names[0]}, {match.group('r1')}.", "", language)
    if first and names[0].endswith(" " + first):
        names[0] = first  # "[Eram] Gago Coutinho": a verb opening the sentence
    cards = [Design("name", headline=name, detail=re.sub(r"(?i)^(?:(?:the|o|a|le|la|el|il|der|die)\s+|l['’]\s*)", "",
                                                         match.group(role)))
             for name, role in zip(names, ("r1", "r2"), strict=True)]
    offset = source.find(match.group(0)) + match.start("n2")
    said = max(0.0, _time_at(source, offset, words) - 0.3)
    return Design("sequence", headline=cards[0].headline, parts=tuple(cards), starts=(0.0, said))


_PERSON = r"[A-ZÀ-ÖØ-Þ][\w'’-]+(?:\s+(?:(?:de|da|do|dos|van|von|der|di|del|le|la)\s+)?[A-ZÀ-ÖØ-Þ][\w'’-]+){1,3}"
_ROLE = (r"(?:the|his|her|their|o|a|os|seu|sua|le|la|l['’]|son|sa|el|la|su|il|lo|der|die|sein|seine|ihr|ihre)\s*"
         r"[a-zà-öø-ÿ][\w'’-]*(?:\s+[a-zà-öø-ÿ][\w'’-]*){0,2}")
_TWO_PEOPLE = re.compile(rf"(?P<n1>{_PERSON}),\s+(?P<r1>{_ROLE}),\s+(?:and|et|y|e|und)\s+(?P<n2>{_PERSON}),\s+"
                         rf"(?P<r2>{_ROLE})[.!?]?$")
# ... or with their roles before their names, one working with the other ("L'architecte britannique Norman
# Foster l'a dessiné avec l'ingénieur Michel Virlogeux": the second was no card at all)
_ARTICLE_BEFORE_ROLE = r"(?:\b(?:[Tt]he|[Ll]e|[Ll]a|[Ee]l|[Ii]l|[Oo]|[Aa])\s+|\b[Ll]['’])"
_LOWER_ROLE = r"[a-zà-öø-ÿ][\w'’-]{3,}(?:\s+[a-zà-öø-ÿ][\w'’-]{3,})?"
_ROLES_BEFORE_NAMES = re.compile(
    rf"{_ARTICLE_BEFORE_ROLE}(?P<r1>{_LOWER_ROLE})\s+(?P<n1>{_PERSON})\b[^.!?;:,]{{0,50}}?\s"
    rf"(?:with|and|avec|et|con|y|com|e|ed|insieme a|junto a|together with|along with)\s+"
    rf"{_ARTICLE_BEFORE_ROLE}(?P<r2>{_LOWER_ROLE})\s+(?P<n2>{_PERSON})\b")
_NOT_NAMES_LOWER = frozenset({"the", "in", "of"})


# A countdown's place ("Number five is the hippopotamus"): the word for it, the number, the thing.
_RANK = re.compile(
    r"(?i)^(?:(?:and|et|y|und|e)\s+)?(?:(?:at|en|al|auf|em|in)\s+)?(?:(?:the|el|o)\s+)?"
    r"(?P<word>number|no\.|numéro|n°|número|numero|platz)\s+(?P<n>\d{1,2}|[^\W\d_]+)\b"
    # "Number one, of course, is the Nile": an aside between the place and the thing
    r"(?:\s*,\s*(?:of course|obviously|unsurprisingly|naturally|bien sûr|évidemment|naturellement|por supuesto|"
    r"claro|naturalmente|natürlich|selbstverständlich|ovviamente|certo|claro está|obviamente)\s*,(?=\s))?"
    r"(?:\s*(?::|,|\s(?:is|c['’]est|es|ist|steht|è|c['’]è|é|on (?:our|the|this) list is))\s*"
    r"(?:(?:the|an?|le|la|les|el|los|las|der|die|das|il|lo|gli|i|o|os|as)\s+|l['’]\s*)?|"
    r"\s+(?:the|an?|le|la|les|l['’]|el|los|las|der|die|das|il|lo|gli|i|o|os|as)\s+)"  # "Number 10 Downing Street": no
    r"(?P<thing>[^,;:.!?]{2,60})")
_RANK_WORD = {"number": "number", "no.": "number", "numéro": "numéro", "n°": "n°", "número": "número",
              "numero": "numero", "platz": "Platz"}


_ORDINALS = {
    1: "first primo prima primero primera premier première primeiro primeira erster ersten",
    2: "second secondo seconda segundo segunda deuxième seconde zweiter zweiten",
    3: "third terzo terza tercero tercer tercera troisième terceiro terceira dritter dritten",
    4: "fourth quarto quarta cuarto cuarta quatrième vierter vierten",
    5: "fifth quinto quinta cinquième fünfter fünften",
    6: "sixth sesto sesta sexto sexta sixième sechster sechsten",
    7: "seventh settimo settima séptimo séptima septième sétimo sétima siebter siebten",
    8: "eighth ottavo ottava octavo octava huitième oitavo oitava achter achten",
    9: "ninth nono nona noveno novena neuvième neunter neunten",
    10: "tenth decimo decima décimo décima dixième zehnter zehnten",
}
_ORDINAL_VALUE = {word: n for n, words in _ORDINALS.items() for word in words.split()}
_NUMBER_WORD = {"en": "number", "fr": "numéro", "es": "número", "pt": "número", "it": "numero", "de": "Platz"}
# "Al quinto posto c'è il lago di Bolsena", "En el tercer puesto está ...", "À la cinquième place, on trouve
# le Rhône", "Em quinto lugar, o ...", "In fifth place is the ...", "Auf dem dritten Platz steht der ..."
_ORDINAL_RANK = re.compile(
    r"(?i)^(?:(?:and|et|y|und|e)\s+)?(?:(?:in|at|en|al|à|em|na|no|auf|nel|nella)\s+)?"
    r"(?:(?:the|el|la|le|o|a|dem)\s+)?(?P<ord>[^\W\d_]+)\s+(?:place|position|posto|posizione|puesto|lugar|"
    r"posición|posição|platz|rang)\b\s*[,:]?\s*"
    r"(?:(?:is|are|comes|c['’]è|c['’]est|on trouve|il y a|troviamo|abbiamo|es|está|están|tenemos|hay|encontramos|"
    r"fica|temos|está|ist|steht|liegt|landet|è|é)\s+)?"
    r"(?P<article>(?:the|an?|le|la|les|el|los|las|der|die|das|il|lo|gli|i|o|os|as)\s+|l['’]\s*)?"
    r"(?P<thing>[^,;:.!?]{2,60})"
    # "Deuxième, la pointe Dufour, dans le massif du mont Rose": the ordinal alone, then the thing between commas
    r"|^(?:(?:and|et|y|und|e)\s+)?(?P<bare>[^\W\d_]+)\s*,\s*(?P<article2>(?:the|an?|le|la|les|l['’]|el|los|las|"
    r"der|die|das|il|lo|gli|i|o|os|as)\s+)(?P<thing2>[^,;:.!?]{2,60}),")


def _rank(source: str, language: str) -> Design | None:
    """A countdown's place, as the number card of its rank with the thing under it ("NUMBER / 5 /
    hippopotamus"): the line that opens a listicle's entry ("Number five is the hippopotamus", "Platz
    drei: der Biber", "Al numero due c'è il ..."). It was a title card of the whole sentence."""
    match = _RANK.match(clean(source))
    if match is None:
        ordinal = _ORDINAL_RANK.match(clean(source))
        bare = ordinal is not None and ordinal.group("bare") is not None
        value = _ORDINAL_VALUE.get(ordinal.group("bare" if bare else "ord").lower()) if ordinal else None
        thing = _ranked_thing(ordinal.group("thing2" if bare else "thing").split()) if value else []
        article = ordinal.group("article2" if bare else "article") if value else None
        if not thing or len(thing) > 4 or not (article or thing[0][:1].isupper()) or any(
                w.lower() in _CUT_VERBS for w in thing):
            # "In the first place, nobody asked", "..., the idea was bad": a way of saying first, no countdown
            return None
        word = _NUMBER_WORD.get(language, "number")
        return Design("number", stats=(Stat(value=float(value), text=f"{value}", unit=" ".join(thing), prefix=word),))
    n = match.group("n")
    value = float(n) if n.isdigit() else numbers._spelled_value(n.lower(), language)
    if value is None or not 1 <= value <= 100 or value != int(value):
        return None
    thing = _ranked_thing(match.group("thing").split())
    if not thing or len(thing) > 4:
        return None  # a clause, not the thing ranked: its title card says it
    word = _RANK_WORD[match.group("word").lower()]
    return Design("number", stats=(Stat(value=value, text=f"{int(value)}", unit=" ".join(thing), prefix=word),))


def _ranked_thing(thing: list[str]) -> list[str]:
    """The words of a countdown's entry too long for its card, up to where the entry is said to be:
    "Number four: Olo'upena Falls on the island of Molokai" ranks Olo'upena Falls (it was a title card
    of the sentence, between two number cards of the same countdown)."""
    if len(thing) <= 4:
        return thing
    cut = next((n for n in range(1, 5) if (thing[n].lower() in _WHERE_PREPOSITIONS and thing[n + 1][:1].isupper())
                or (thing[n].lower() in _WHERE_PREPOSITIONS and thing[n + 1].lower() in _ARTICLES
                    and n + 2 < len(thing))
                # "At number three, the giant isopod can survive five years": the thing, then what it can do
                or thing[n].lower() in _MODALS | {"kann", "können"} | _CUT_VERBS), None)
    return thing[:cut] if cut else thing


_WHERE_PREPOSITIONS = frozenset({"in", "on", "at", "near", "en", "à", "au", "aux", "dans", "près", "em", "no", "na",
                                 "nel", "nella", "im", "bei", "auf", "am", "cerca", "vicino", "perto"})


# (the second year may have its article: "tra il 1865 e il 1877", "entre el 1901 y el 1905")
_RANGE_JOIN = re.compile(r"\s*(?:and|to|until|et|à|y|a|hasta|und|bis|e|al|–|-)\s*(?:(?:il|el|l['’])\s*)?")


def _cjk_detail(rest: str) -> str:
    """What a Japanese line says after its date: its last clause, where the predicate is ("一八五四年の冬、
    紀伊国の広村で、夕方に大きな地震が起こりました": 夕方に大きな地震が起こりました)."""
    rest = re.split("[。！？!?]", rest.lstrip("、。 "), maxsplit=1)[0]  # its own sentence only
    rest = re.sub("^(?:には|では|に|は|が|を|で|の|と|へ|も)", "", rest)  # "[に]再建されました" after "1955年"
    clauses = [c for c in re.split("[、，,]", rest.strip("、。 ")) if c.strip()]
    last = clauses[-1].strip() if clauses else ""
    return (last if len(last) >= 5 else rest.strip("、。 "))[:30]


# the eras before the common one, as numbers.ERAS writes them
_BEFORE_CHRIST = (r"(?:BC|BCE|av\. J\.-C\.|avant J\.-C\.|a\. ?C\.|v\. ?Chr\.|avanti Cristo|prima di Cristo"
                  r"|antes de Cristo|avant Jésus-Christ|avant notre ère|antes de nuestra era|antes da nossa era"
                  r"|vor Christus|vor unserer Zeitrechnung|v\. ?u\. ?Z\.)")


def _year(date: str) -> str:
    found = re.search(rf"\d{{3,4}}(?:\s*{_BEFORE_CHRIST})?|\d{{1,2}}(?=\s*(?:BC|BCE))", date)
    return found.group(0) if found else date


def _chronological(year: str) -> float:
    """A year's place in time: "280 BC" before "79 dopo Cristo" before "1680" before "1681"."""
    found = re.search(r"\d+", year)
    value = float(found.group(0)) if found else 0.0
    return -value if re.search(_BEFORE_CHRIST, year) else value


def _date(shown: str, detail: str, dates: Sequence[str]) -> Design:
    """A date title; with the script's other dates, a timeline of their years with this one marked."""
    years = sorted(dict.fromkeys(_year(d) for d in dates), key=_chronological)[:7]  # a timeline runs in time order
    year = _year(shown)
    if len(years) >= 2 and year in years:
        return Design("date", headline=shown, detail=detail, items=tuple(years), highlight=years.index(year))
    return Design("date", headline=shown, detail=detail)


def _override(layout: str, text: str, line: str, on_screen_text: str, language: str, dates: Sequence[str],
              words: Sequence, places: tuple[str, ...] = ()) -> Design | None:
    """The layout a person chose, with the words they wrote (or, with none, what the line gives)."""
    lines = [_unspaced(clean(part)) for part in text.splitlines() if clean(part)]
    if not lines:
        auto = _choose(line, on_screen_text=on_screen_text, language=language, dates=dates, words=words,
                       layout="auto", text="", places=places)
        if layout == "auto" or auto.layout == layout:
            return auto
        lines = [auto.headline or key_phrase(clean(on_screen_text) or clean(line))]
        if layout == "list" and auto.items:
            lines = list(auto.items)
    layout = layout if layout != "auto" else _guess(lines, language)
    first, rest = lines[0], " ".join(lines[1:])
    if layout == "number":
        stats: list[Stat] = []
        for part in lines:
            ranked = _rank(part, language)  # "Número 5: fregona", as the studio shows a countdown's place
            if ranked is not None:
                stats.extend(ranked.stats[:3 - len(stats)])
                continue
            found = numbers.find_stats(part, language) or _bare_number(part, language)
            if found:
                stats.extend(f.stat for f in found[:3 - len(stats)])
            elif stats:
                stats[-1] = Stat(**{**stats[-1].__dict__, "label": part})
        if stats:
            return Design("number", stats=tuple(stats[:3]), chosen="override")
        return Design("title", headline=first, detail=rest, chosen="override")
    if layout == "date":
        return Design(**{**_date(first, rest, dates).__dict__, "chosen": "override"})
    if layout == "map":
        ends = _written_route(first, language)
        if ends is not None:  # "Lisbon – Rio de Janeiro": the way from one to the other
            return Design("map", headline=first, detail=rest, place=ends[0], places=ends, way=True,
                          chosen="override")
        listed = [_written_place(line, language) for line in lines[1:]]
        if len(listed) >= 2 and None not in listed:  # a heading, then a place a line: each lit in turn
            names = lines[1:]
            return Design("map", headline=first, place=listed[0], places=tuple(listed),
                          reveal=reveal_times(names, words), chosen="override")
        place = _written_place(first, language)
        if place is None:
            return Design("title", headline=first, detail=rest, chosen="override")
        return Design("map", headline=first, detail=rest, place=place, chosen="override")
    if layout == "list":
        heading = lines[0][:-1] if lines[0].endswith(":") else ""
        items = lines[1:] if heading else lines
        return Design("list", headline=heading, items=tuple(items[:6]), reveal=reveal_times(items[:6], words),
                      chosen="override")
    return Design(layout if layout in ("name", "title", "quote") else "title", headline=first, detail=rest,
                  chosen="override")


_ROUTE_DASH = re.compile(r"\s+[–—-]\s+|\s*(?:→|->)\s*")  # "Lisbon – Rio de Janeiro", "Lisbon -> Rio"


def _written_place(words: str, language: str) -> Place | None:
    return find_place(words, strict=False, language=language) or find_place(words.title(), strict=False,
                                                                            language=language)


def _written_route(words: str, language: str) -> tuple[Place, Place] | None:
    """Two places a person wrote on a map's line with a dash or an arrow between them, in order."""
    sides = _ROUTE_DASH.split(words)
    if len(sides) != 2:
        return None
    ends = tuple(_written_place(side, language) for side in sides)
    return ends if None not in ends and ends[0].name != ends[1].name else None


def _bare_number(part: str, language: str) -> list[numbers.Found]:
    """A line that is a number alone ("1957 ships" is not; "42" is)."""
    match = re.fullmatch(r"\s*([$€£¥]?\s?\d[\d.,\u202f\u00a0 ']*)\s*(\S.*)?", part)
    if not match:
        return []
    found = numbers.find_stats(f"{match.group(1)} times", language)
    if not found:
        return []
    stat = found[0].stat
    return [numbers.Found(0, len(part), Stat(value=stat.value, text=stat.text, unit=match.group(2) or ""))]


def _guess(lines: list[str], language: str) -> str:
    joined = " ".join(lines)
    design = _auto(joined, language, (), ())
    return design.layout if design else "title"


def _unmapped(lines: list[str], language: str) -> str:
    """The words of a map's lines that the map data lacks ("" when the map can be drawn): one place, and
    any lines of context after it; two with a dash between ("Lisbon – Rio de Janeiro"); or a heading, then
    a place a line."""
    sides = _ROUTE_DASH.split(lines[0])
    if len(sides) == 2:
        return next((side for side in sides if _written_place(side, language) is None), "")
    if _written_place(lines[0], language) is not None:
        return ""
    listed = lines[1:]
    if len(listed) >= 2 and any(_written_place(line, language) for line in listed):
        return next((line for line in listed if _written_place(line, language) is None), "")
    return lines[0]


def _unspaced(line: str) -> str:
    """Japanese words as a person writes them in the studio, spaced as its own placeholder spaces them
    ("およそ 600 万人"): written together, as Japanese is ("600" and "万人" read apart were 10,000 人)."""
    if not is_cjk(line):
        return line
    return re.sub(r"(?<=\d)\s+(?=[\u3040-\u30ff\u4e00-\u9fff])|(?<=[\u3040-\u30ff\u4e00-\u9fff])\s+(?=\d)", "", line)


def check_override(layout: str, text: str, *, language: str = "en") -> str:
    """What is wrong with a person's layout and words, in words for them ("" when they can be drawn)."""
    lines = [_unspaced(clean(part)) for part in text.splitlines() if clean(part)]
    if layout not in (*LAYOUTS, "auto"):
        return f"Choose one of the layouts: {', '.join(LAYOUTS)}, or auto."
    if not lines:
        return ""
    missing = _unmapped(lines, language) if layout == "map" else ""
    if missing:
        return (f"“{missing}” is not in the map data. Write a country, a state or region (“Bavaria”, “Texas”), "
                "a city of 100,000 people or more (50,000 in a line of its country's language), or a sea or bay "
                "(or two of them with a dash "
                "between, “Lisbon – Rio de Janeiro”, for the way from one to the other; or a heading, then a place a "
                "line), or choose another layout.")
    if layout == "number" and not any(numbers.find_stats(p, language) or _bare_number(p, language)
                                      or _rank(p, language) for p in lines):
        return "Write the number on the first line, with its unit (for example “90%” or “64 km/h”)."
    if layout == "list" and len(lines) < 2:
        return "Write each item of the list on its own line."
    return ""
