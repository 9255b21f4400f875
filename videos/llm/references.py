"""Which earlier sentences a sentence cannot be understood without, so that a summary keeps them
together or leaves them out together.

A sentence refers back when it opens on a pronoun or a linking word ("They...", "This is why...",
"Ce retard...", "Dicha descarga...", "Deshalb...", 「そこで」), when it names something with a
demonstrative ("this one bay", "ces minéraux", "estas tormentas", "diese Stille", 「この方法」: the
antecedent is the nearest sentence before it that names the same thing, else the sentence before),
when it counts back ("these two facts", "ces deux sources", "ambos", 「この二つ」: as many sentences
before it, or the items of the list it sums up), and, in languages with articles, when it says
"the boat" of a boat the text brought in as "a fishing boat" a few sentences earlier. A line that
announces a list ("Here are five of them.") needs the items it announces.

Small word lists per language, for English, French, Spanish, German, Japanese and Chinese; other
languages fall back on English-like openings never matching, so their sentences stand alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from videos.llm.text import CJK_RUN, STOPWORDS, Sentence, stem, words


def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _tuple(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# First words that point back. Multi-word openings are matched on the sentence's lowered start.
OPENINGS: dict[str, frozenset[str]] = {
    "en": _set("this these that those they them it he she his her its their then yet but however so also instead "
               "still there each both such thus hence therefore meanwhile afterwards later neither"),
    "fr": _set("ce cet cette ces cela ça c'est c'était ceci celui celle ceux celles il elle ils elles lui leur leurs "
               "son sa ses mais pourtant ainsi aussi alors donc puis ensuite là cependant toutefois néanmoins "
               "d'ailleurs"),
    "es": _set("este esta estos estas esto ese esa esos esas eso aquel aquella aquellos aquellas aquello dicho dicha "
               "dichos dichas tal tales él ella ellos ellas ello su sus pero así también entonces allí ahí además "
               "ambos ambas"),
    "de": _set("dies diese dieser dieses diesem diesen solche solcher solches solchen er sie es sein seine seinen "
               "seinem seiner seines ihr ihre ihren ihrem ihrer ihres dann doch aber jedoch so auch dort da dabei "
               "damit dafür dadurch deshalb daher darum trotzdem außerdem beide beiden ebenso zudem danach dazu "
               "darauf"),
    "it": _set("questo questa questi queste quello quella quelli quelle ciò esso essa essi esse lui lei loro suo "
               "sua suoi sue ma però così anche allora poi lì là inoltre tuttavia entrambi entrambe"),
    "pt": _set("este esta estes estas isto esse essa esses essas isso aquele aquela aqueles aquelas ele ela eles "
               "elas seu sua seus suas mas porém assim também então lá ali além ambos ambas"),
}
PHRASE_OPENINGS: dict[str, tuple[str, ...]] = {
    "en": ("the result", "the same", "the answer", "the other", "the latter", "the former", "one of them",
           "from there", "as a result", "for this reason", "because of this", "even so", "after that", "by then",
           "that is why", "in that case", "in the end", "the effect", "this effect", "what remains", "what is left"),
    "fr": ("de plus", "en effet", "par conséquent", "pour cela", "c'est pourquoi", "malgré cela", "au contraire",
           "à l'inverse", "de même", "tous deux", "les deux", "le résultat", "la réponse", "du coup", "l'effet"),
    "es": ("sin embargo", "por eso", "por ello", "por lo tanto", "aun así", "lo mismo", "en cambio", "al contrario",
           "el resultado", "la respuesta", "los dos", "las dos", "el efecto"),
    "de": ("das ergebnis", "die antwort", "die beiden", "im gegenteil", "der effekt", "die wirkung"),
}
# Openings that look like a pronoun but point at nothing: "Il y a", "Es gibt", "It is raining".
NOT_REFERRING = {
    "en": re.compile(r"^(it (is|was) (raining|snowing|cold|dark|late|early)\b|there (is|are|was|were) (a|an|no|many|"
                     r"several|some|few|\d+|one|two|three|four|five)\b(?!.*\b(this|these|that|those)\b))",
                     re.IGNORECASE),
    "fr": re.compile(r"^(il y a|il faut|il existe|il était une fois|il fait|il pleut|il neige)\b", re.IGNORECASE),
    "de": re.compile(r"^(es gibt|es war einmal|es regnete|es schneite|es regnet|es schneit)\b", re.IGNORECASE),
}
# Japanese and Chinese openings (no spaces to find a first word by).
CJK_OPENINGS = {
    "ja": _tuple("そのため その それ これ この こうして こう そう そこで そこ ここ あの 同じ 両 彼 "
                 "しかし でも また さらに つまり だから 反対に ところが すると けれども 一方 こうした そうした"),
    "zh": _tuple("因此 所以 但是 这 那 它 他们 她 他 而且 然而 于是 不过 此外 同样"),
}
# A determiner that names something already said: the noun after it is looked up before.
DEMONSTRATIVE = {
    "en": re.compile(r"\b(?:this|these|those|such)\s+(?:one\s+)?([^\W\d_][\w'-]*)|"
                     r"\b(?:along|in|on|at|from|by|with|for|to|under|over|after|before|during|of)\s+that\s+"
                     r"([^\W\d_][\w'-]*)", re.IGNORECASE),
    "fr": re.compile(r"\b(?:ce|cet|cette|ces)\s+([^\W\d_][\w'-]*)", re.IGNORECASE),
    "es": re.compile(r"\b(?:este|esta|estos|estas|ese|esa|esos|esas|aquel|aquella|aquellos|aquellas|dicho|dicha|"
                     r"dichos|dichas)\s+([^\W\d_][\w'-]*)", re.IGNORECASE),
    "de": re.compile(r"\b(?:diese[rsmn]?|solche[rsmn]?|jene[rsmn]?)\s+([^\W\d_][\w'-]*)", re.IGNORECASE),
    "ja": re.compile(r"(?:この|その|これらの|それらの|こうした|そうした|こんな|そんな|あの)"
                     r"(?!後|もの|ぞれ|まま|ため|ような|ように)([\u30a0-\u30ff\u3400-\u9fff]+|)"),
    "it": re.compile(r"\b(?:questo|questa|questi|queste|quel|quello|quella|quei|quegli|quelle|tale|tali)\s+"
                     r"([^\W\d_][\w'-]*)", re.IGNORECASE),
    "pt": re.compile(r"\b(?:este|esta|estes|estas|esse|essa|esses|essas|aquele|aquela|aqueles|aquelas|tal|tais)\s+"
                     r"([^\W\d_][\w'-]*)", re.IGNORECASE),
    "zh": re.compile(r"(?:这|那|该|此)(?:个|些|种|项|次)?([\u3400-\u9fff]{2,})"),
}
# Nouns that a demonstrative names without pointing back ("this year", "cette année", 「この動画」).
TIME_WORDS = _set("year years week month morning evening afternoon night century video time day days season winter "
                  "summer spring autumn année matin soir semaine mois siècle vidéo hiver été printemps automne "
                  "après-midi año mañana noche semana mes siglo vídeo video tarde invierno verano primavera otoño "
                  "jahr morgen abend woche monat jahrhundert nacht nachmittag vormittag tag winter sommer frühling "
                  "herbst 動画 年 日 夜")
# "Just after midnight, she saw...": a pronoun right after an opening phrase of time or place points
# back (but not after "When sunlight enters the atmosphere, it...", where it is the sunlight).
PRONOUN_AFTER_PHRASE = {
    "en": re.compile(r"^(?:at|in|on|for|by|after|before|during|within|just|from|over|under|with|without|around|"
                     r"about|later|soon|then)\b[^,]{0,40},\s*(?:it|they|he|she|its|their|his|her)\b", re.IGNORECASE),
    "fr": re.compile(r"^(?:à|en|au|aux|dans|pendant|après|avant|depuis|pour|vers|sur|puis)\b[^,]{0,40},\s*"
                     r"(?:il|elle|ils|elles|son|sa|ses|leur|leurs)\b", re.IGNORECASE),
    "es": re.compile(r"^(?:a|al|en|durante|después|antes|desde|para|hacia|sobre|con|luego)\b[^,]{0,40},\s*"
                     r"(?:él|ella|ellos|ellas|su|sus)\b", re.IGNORECASE),
}
# A possessive among the first words ("En su interior", "Manchmal beginnt sein Winterschlaf", "Depuis
# son arrivée"): whose it is was said before.
EARLY_POSSESSIVE = {"fr": _set("son sa ses leur leurs"), "es": _set("su sus"), "it": _set("suo sua suoi sue loro"),
                    "pt": _set("seu sua seus suas dele dela deles delas"),
                    "de": _set("sein seine seinen seinem seiner seines ihr ihre ihren ihrem ihrer ihres er sie")}
# Adverbs of place mid-sentence that point back ("liegt dort", "allí", "there" would be too common).
PLACE_BACK = {"de": re.compile(r"\b(dort|dabei|darin|davon|dorthin)\b", re.IGNORECASE),
              "es": re.compile(r"\b(allí|allá)\b", re.IGNORECASE), "fr": re.compile(r"\b(là-bas)\b", re.IGNORECASE)}
NUMBERS = {
    "en": {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10},
    "fr": {"deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9, "dix": 10},
    "es": {"dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10},
    "de": {"zwei": 2, "beiden": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9,
           "zehn": 10},
    "ja": {"二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10},
}
_NUMBER_WORDS = {language: "|".join(table) for language, table in NUMBERS.items()}
COUNTS_BACK = {
    "en": re.compile(rf"\b(?:these|those)\s+({_NUMBER_WORDS['en']})\b(?!\s+(?:of|more))", re.IGNORECASE),
    "fr": re.compile(rf"\b(?:ces)\s+({_NUMBER_WORDS['fr']})\b", re.IGNORECASE),
    "es": re.compile(rf"\b(?:estos|estas|esos|esas)\s+({_NUMBER_WORDS['es']})\b", re.IGNORECASE),
    "de": re.compile(rf"\b(?:diese|jene)\s+({_NUMBER_WORDS['de']})\b", re.IGNORECASE),
    "ja": re.compile(rf"(?:この|その|これらの|それらの|両)({_NUMBER_WORDS['ja']})つ"),
}
BOTH = {"en": re.compile(r"\b(both|the latter|the former|the two)\b", re.IGNORECASE),
        "fr": re.compile(r"\b(tous deux|toutes deux|l'un et l'autre|les deux)\b(?! (?:ans|jours|mois|heures|fois))",
                         re.IGNORECASE),
        "es": re.compile(r"\b(ambos|ambas|los dos|las dos)\b(?! (?:años|días|meses|horas|veces))", re.IGNORECASE),
        "de": re.compile(r"\b(beide|beiden)\b", re.IGNORECASE),
        "ja": re.compile(r"(両方|どちらも|両者)")}
# A line that announces a list: "Here are five of them.", "Voici trois exemples.", 「四つを紹介します」.
ANNOUNCES = {
    "en": re.compile(rf"\b(?:here are|there are|there were)\s+({_NUMBER_WORDS['en']}|\d+)\b", re.IGNORECASE),
    "fr": re.compile(rf"\b(?:voici|il y a|il existe)\s+({_NUMBER_WORDS['fr']}|\d+)\b", re.IGNORECASE),
    "es": re.compile(rf"\b(?:aquí|he aquí|hay)\s+(?:tienes\s+|están\s+)?({_NUMBER_WORDS['es']}|\d+)\b",
                     re.IGNORECASE),
    "de": re.compile(rf"\b(?:hier sind|es gibt)\s+({_NUMBER_WORDS['de']}|\d+)\b", re.IGNORECASE),
    "ja": re.compile(rf"({_NUMBER_WORDS['ja']}|\d+)つ(?:あります|の理由|を紹介|をご紹介|の\S{{0,6}}を紹介)"),
}
# Articles: a thing brought in with the first ("a fishing boat") is referred to with the second ("the boat").
INDEFINITE = {"en": _set("a an"), "fr": _set("un une"), "es": _set("un una unos unas"),
              "de": _set("ein eine einen einem einer eines")}
DEFINITE = {"en": _set("the"), "fr": _set("le la les l"), "es": _set("el la los las"),
            "de": _set("der die das den dem des")}
LOOKBACK = 8  # sentences: an antecedent further back than this is too far for a viewer anyway


def _key(word: str, language: str) -> str:
    return stem(word.lower(), language)[:6]


def _tokens(text: str) -> list[str]:
    # "l'eau" is two words here: the article and the noun.
    return [part for word in words(text) for part in re.split(r"['’]", word) if part]


def _opens_back(sentence: str, language: str) -> bool:
    if language in CJK_OPENINGS:
        return sentence.startswith(CJK_OPENINGS[language])
    lowered = " ".join(sentence.lower().replace("’", "'").split())
    pattern = NOT_REFERRING.get(language)
    if pattern and pattern.search(lowered):
        return False
    if lowered.startswith(PHRASE_OPENINGS.get(language, ())):
        return True
    tokens = words(sentence)
    if not tokens:
        return False
    first = tokens[0].lower().replace("’", "'")
    if language == "de" and first in ("das", "der", "die") and len(tokens) > 1 and tokens[1][:1].islower():
        return True  # "Das ist...": a pronoun; "Das Murmeltier..." is an article
    if language == "fr" and "'" in first and first not in OPENINGS["fr"]:
        return False  # "L'eau", "D'où": an article or a preposition, not "C'est"
    return first in OPENINGS.get(language, frozenset())


# Anywhere in a sentence: "the effect becomes stronger" says the effect of what was just told.
POINTS_BACK = {
    "en": re.compile(r"\bthe (same|effect|result|latter|former)\b", re.IGNORECASE),
    "fr": re.compile(r"\b(le même|la même|l'effet|ce dernier|cette dernière)\b", re.IGNORECASE),
    "es": re.compile(r"\b(el mismo|la misma|el efecto|este último|esta última)\b", re.IGNORECASE),
    "de": re.compile(r"\b(derselbe|dieselbe|dasselbe|der effekt|letzterer)\b", re.IGNORECASE),
}


# Links that stand after a sentence's subject ("Gli storici però ...", "Historians, however, ...",
# "Die Historiker sind jedoch ..."): looked for among its first five words.
MID_LINKS = {
    "en": re.compile(r"\b(however|nevertheless|therefore|instead)\b"),
    "fr": re.compile(r"\b(cependant|pourtant|toutefois|néanmoins|donc)\b"),
    "es": re.compile(r"\b(sin embargo|no obstante|por lo tanto|en cambio)\b"),
    "de": re.compile(r"\b(jedoch|allerdings|trotzdem|deshalb|daher|aber)\b"),
    "it": re.compile(r"\b(però|tuttavia|invece|quindi|dunque)\b"),
    "pt": re.compile(r"\b(porém|contudo|todavia|no entanto|portanto)\b"),
}


def _links_back(text: str, language: str) -> bool:
    pattern = MID_LINKS.get(language)
    return bool(pattern and pattern.search(" ".join(text.lower().split()[:5])))


def leans_back(text: str, language: str) -> bool:
    """Whether a piece of text, read alone, points at something said before it: opens with a pronoun
    or a link, names a thing with a demonstrative, counts back, or says "the same", "the effect"."""
    language = (language or "en").split("-")[0].lower()
    if _opens_back(text, language) or _counted_back(text, language) or _links_back(text, language):
        return True
    pattern = POINTS_BACK.get(language)
    if pattern and pattern.search(text):
        return True
    return any(keys or language in ("ja", "zh") for keys in _named_by_demonstrative(text, language))


def _mentions(sentence: Sentence, keys: set[str], language: str) -> bool:
    if not keys:
        return False
    if CJK_RUN.search(sentence.text):
        return any(key in sentence.text for key in keys)
    return bool(keys & {_key(word, language) for word in _tokens(sentence.text)})


def _demonstratives(text: str, language: str) -> list[tuple[int, set[str]]]:
    """(where in the text, the words naming it) for each thing named with a demonstrative."""
    pattern = DEMONSTRATIVE.get(language)
    if pattern is None:
        return []
    named = []
    if language in ("ja", "zh"):
        text = re.split(r"[、，]", text, maxsplit=1)[0]  # after a comma it usually points inside the sentence
    for match in pattern.finditer(text):
        noun = next((group for group in match.groups() if group is not None), "")
        if noun.lower() in TIME_WORDS or noun in TIME_WORDS:
            continue
        if language in ("ja", "zh"):
            named.append((match.start(), {noun[:2]} if len(noun) >= 2 else set()))
        else:
            stop = STOPWORDS.get(language, frozenset())
            # "this scattered blue light": the noun and the words around it that the text repeats.
            after = _tokens(text[match.start(match.lastindex or 0):])[:3]
            numbers = NUMBERS.get(language, {})
            named.append((match.start(), {_key(word, language) for word in after
                                          if word.lower() not in stop and word.lower() not in numbers
                                          and len(word) > 2}))
    return named


def _named_by_demonstrative(text: str, language: str) -> list[set[str]]:
    return [keys for _start, keys in _demonstratives(text, language)]


def _nearest_mention(position: int, sentences: Sequence[Sentence], keys: set[str], language: str) -> set[int]:
    """The nearest sentence before that names the same thing; when none does ("this method", "ce
    retard": it names what was just told), the sentence before and, in the same paragraph, the one
    before that."""
    found = _mentioned_at(position, sentences, keys, language)
    if found is not None:
        return {found}
    found_set = {position - 1}
    if position >= 2 and sentences[position - 2].paragraph == sentences[position].paragraph:
        found_set.add(position - 2)
    return found_set


def _mentioned_at(position: int, sentences: Sequence[Sentence], keys: set[str], language: str) -> int | None:
    for back in range(position - 1, max(-1, position - 1 - LOOKBACK), -1):
        if keys and _mentions(sentences[back], keys, language):
            return back
    return None


def _counted_back(text: str, language: str) -> int:
    pattern = COUNTS_BACK.get(language)
    match = pattern.search(text) if pattern else None
    if match:
        return NUMBERS[language].get(match.group(1).lower(), NUMBERS[language].get(match.group(1), 2))
    both = BOTH.get(language)
    return 2 if both and both.search(text) else 0


def _introduced(sentences: Sequence[Sentence], language: str) -> dict[int, set[str]]:
    """For each sentence, the nouns it brings in with an indefinite article ("a fishing boat": boat)."""
    indefinite, stop = INDEFINITE.get(language), STOPWORDS.get(language, frozenset())
    if not indefinite:
        return {}
    brought: dict[int, set[str]] = {}
    for position, sentence in enumerate(sentences):
        tokens = _tokens(sentence.text)
        for index, token in enumerate(tokens):
            if token.lower() not in indefinite:
                continue
            run = []
            for word in tokens[index + 1:index + 4]:
                if word.lower() in stop or word.isdigit():
                    break
                run.append(word)
            if run:
                brought.setdefault(position, set()).add(_key(run[-1], language))
    # Only what is new there: "a storm" after "storm clouds" brings nothing in.
    return {position: {key for key in keys if not any(_mentions(sentences[before], {key}, language)
                                                       for before in range(position))}
            for position, keys in brought.items()}


def _definite_nouns(text: str, language: str) -> set[str]:
    definite = DEFINITE.get(language, frozenset())
    tokens = _tokens(text)
    found = set()
    for index, token in enumerate(tokens[:-1]):
        if token.lower() in definite:
            found.add(_key(tokens[index + 1], language))  # "the boat's crew"
    return found


SUBJECT_PRONOUNS = {"en": _set("it they them he she him")}
POSSESSIVES = {"en": _set("its their his her")}
PREPOSITIONS = {"en": _set("on in at of with from to for by under over into near behind inside around")}


def _pronoun_in_opening(sentence: Sentence, language: str) -> bool:
    """English: the first clause says "it" before naming anything ("When it is threatened, it
    turns..."), or "its" right after a preposition ("A long spine on its head..."; but not "A boat
    had lost its engine")."""
    subjects, possessives = SUBJECT_PRONOUNS.get(language), POSSESSIVES.get(language)
    if not subjects or not possessives:
        return False
    opening = [w.lower() for w in words(re.split(r"[,;:]", sentence.text, maxsplit=1)[0])[:6]]
    if any(w[:1].isupper() for w in words(sentence.text)[1:len(opening)]):
        return False  # a name comes first: "On Tuesday, the council..."
    prepositions = PREPOSITIONS[language]
    return any(word in subjects or (word in possessives and position and opening[position - 1] in prepositions)
               for position, word in enumerate(opening))


def antecedents(sentences: Sequence[Sentence], language: str) -> dict[int, frozenset[int]]:
    """For each sentence's position in `sentences`, the positions of the earlier sentences it refers
    to (directly; a summary follows the chain)."""
    language = (language or "en").split("-")[0].lower()
    needs: dict[int, set[int]] = {position: set() for position in range(len(sentences))}
    introduced = _introduced(sentences, language)
    items = [position for position, sentence in enumerate(sentences) if sentence.item
             and (position == 0 or sentences[position - 1].paragraph != sentence.paragraph)]
    for position, sentence in enumerate(sentences):
        if position == 0:
            continue
        text = sentence.text
        resolved_opening = False
        for start, keys in _demonstratives(text, language):
            mention = _mentioned_at(position, sentences, keys, language)
            needs[position].update({mention} if mention is not None else
                                   _nearest_mention(position, sentences, keys, language))
            resolved_opening |= start == 0 and mention is not None  # 「この堤防は」: the sentence that built it
        if (_opens_back(text, language) or _links_back(text, language)) and not resolved_opening:
            needs[position].add(position - 1)
        points = POINTS_BACK.get(language)
        if points and points.search(text):
            needs[position].add(position - 1)  # "the effect becomes even stronger"
        place = PLACE_BACK.get(language)
        if place and place.search(text):
            needs[position].add(position - 1)
        count = _counted_back(text, language)
        if count:
            earlier_items = [item for item in items if item < position]
            if count >= 3 and len(earlier_items) >= count and not sentence.item:
                needs[position].update(earlier_items[-count:])  # "These four animals": the list's items
            else:
                needs[position].update(range(max(0, position - min(count, 3)), position))
        if _pronoun_in_opening(sentence, language):
            needs[position].add(position - 1)
        after_phrase = PRONOUN_AFTER_PHRASE.get(language)
        early = EARLY_POSSESSIVE.get(language, frozenset())
        if (after_phrase and after_phrase.search(text)) or any(w.lower() in early for w in _tokens(text)[1:3]):
            needs[position].add(position - 1)
        definite = _definite_nouns(text, language)
        for back in range(position - 1, max(-1, position - 1 - LOOKBACK), -1):
            shared = definite & introduced.get(back, set())
            if shared:  # "The boat's crew" ... "A fishing boat had lost its engine"
                needs[position].update(_nearest_mention(position, sentences, shared, language))
                break
    return {position: frozenset(found) for position, found in needs.items()}


def announced(sentences: Sequence[Sentence], language: str) -> dict[int, frozenset[int]]:
    """For a short line announcing a list ("Here are five of them.", "There are two reasons for
    this."), what it announces: the first sentences of the items that follow, or else the sentences
    after it; a summary keeps the line only with all of them."""
    language = (language or "en").split("-")[0].lower()
    pattern = ANNOUNCES.get(language)
    found: dict[int, frozenset[int]] = {}
    if pattern is None:
        return found
    for position, sentence in enumerate(sentences):
        match = pattern.search(sentence.text)
        if not match or len(words(sentence.text)) > 12:
            continue
        number = match.group(1)
        table = NUMBERS[language]
        count = int(number) if number.isdigit() else table.get(number.lower(), table.get(number, 0))
        firsts = [later for later in range(position + 1, len(sentences)) if sentences[later].item
                  and sentences[later - 1].paragraph != sentences[later].paragraph][:count]
        if count and len(firsts) == count:
            found[position] = frozenset(firsts)
        elif count and not firsts and position + min(count, 3) < len(sentences):
            found[position] = frozenset(range(position + 1, position + 1 + min(count, 3)))
    return found
