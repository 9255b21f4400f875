"""Titles for scripts written without a model: the subject and the hook in at most about 70
characters (40 for Japanese and Chinese), never a sentence cut off, in the text's language.

- The text's own heading, when it has one that fits; else a topic the user typed (not the source's
  first line, which `video_create` saves as a working title).
- Else built from the text: its subject (the thing its opening names that the most sentences come
  back to: "Ashford", "Saint-Aubin-sur-Loue", "rayos", 儀兵衛; or what its first sentence is about,
  though later sentences say "it": "Erie Canal", "agave azul") and its hook (a clause that stands
  alone, from the event a story turns on, else from its most telling sentence): "Ashford: the dam gave
  way", "Saint-Aubin-sur-Loue : la troisième arche s'effondra", 「【儀兵衛】巨大な津波が村を襲い、家々を
  次々とのみこみました」. A clause that leans on something said before ("it", "these", 「この」) or
  begins mid-thought ("and then", "which") is never a title.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from videos.llm import phrases as phrasekit
from videos.llm import references, salience
from videos.llm import text as textkit
from videos.llm.text import Sentence


def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())


TITLE_AIM = 70
CJK_TITLE_AIM = 40
# Where a sentence may be cut into a clause that reads whole.
CLAUSE_BREAK = re.compile(r"\s*[;:—–]\s+|,?\s+(?:and|but|while|so|und|aber|et|mais|y|pero|e|ma)\s+|,\s+|[、，；：]")
# Words that open a relative clause: a verb after one belongs to it ("un grondement que tout le village entendit").
RELATIVES = _set("that which who whom whose where que qui dont où quien cuyo donde der die das dem den denen deren "
                 "dessen welche welcher welches")
# A clause may begin with an article, a determiner or a number, or with a capital (a name; a German noun).
STARTERS = {
    "en": _set("the a an one two three four five six seven eight nine ten every many most some"),
    "fr": _set("le la les l un une des du deux trois quatre cinq chaque tout toute tous"),
    "es": _set("el la los las un una unos unas dos tres cuatro cinco cada todo toda todos"),
    "de": _set("der die das den dem des ein eine einen einem einer zwei drei vier fünf jede jeder alle"),
}
# Pronouns that make a clause need what came before ("she saw a small light").
PRONOUNS = {
    "en": _set("it they them he she him his her its their this these those such"),
    "fr": _set("il elle ils elles lui leur leurs son sa ses ce cet cette ces cela y en"),  # and "les" before a verb
    "es": _set("él ella ellos ellas ello su sus este esta estos estas dicho dicha eso esto allí"),
    "de": _set("er sie es sein seine ihr ihre dies diese dieser dieses dort dabei"),
    "it": _set("esso essa essi esse lui lei loro suo sua suoi sue questo questa questi queste quello quella ciò "
               "li gli"),
    "pt": _set("ele ela eles elas seu sua seus suas este esta estes estas esse essa isso isto dele dela"),
}
# German "da-" words stand for something said before: "Daraus wurde...", "Danach", "Deshalb".
DA_WORD = re.compile(r"^(?:dar?(?:aus|auf|an|in|um|mit|für|gegen|von|zu|durch|nach|vor|hinter|über|unter|bei)|"
                     r"deshalb|deswegen|daher|dann)$")
# German prepositions after which a capitalised word with no article is a name ("aus London", "in Wien").
GERMAN_BARE = _set("aus in nach von bei an auf über durch für gegen um bis mit zu")
# Words that open a clause which depends on another: "because of the bell", "when they pull", "and".
SUBORDINATORS = {
    "en": _set("because when while if as although though since which who whom whose that and but or so yet nor "
               "unless until whether where almost also even only just"),
    "fr": _set("parce quand lorsque si comme qui que dont où et mais ou donc car puisque bien quoique presque aussi"),
    "es": _set("porque cuando mientras si como que quien cuyo donde y e pero o u aunque pues casi también"),
    "de": _set("weil wenn als ob dass und aber oder denn obwohl während nachdem bevor damit sodass wo"),
}
# Verbs, for telling a clause ("the dam gave way") from a phrase ("a colour that most...", "La mer
# Morte, fermée et écrasée de soleil"): auxiliaries, common irregular past tenses, and endings.
AUXILIARIES = {
    "en": _set("is are was were be been has have had do does did can could will would may might must should "
               "cannot gave took fell rose broke tore swept sank struck ran came went saw made found built wrote "
               "stood grew knew told left kept held led lost won sold got put set hit began became brought thought "
               "caught fought felt heard met paid said sent spent understood burst flew drove threw"),
    "fr": _set("est sont était étaient fut furent a ont avait avaient eut peut peuvent doit doivent fait font va "
               "vont sera seront reste restent"),
    "es": _set("es son era eran fue fueron ha han había habían hay está están estaba estaban puede pueden tiene "
               "tienen"),
    "de": _set("ist sind war waren hat haben hatte hatten wird werden wurde wurden kann können konnte muss"),
}
VERB_ENDINGS = {
    "en": re.compile(r"[a-z]{2,}(ed|es|s)$"),
    "fr": re.compile(r"[a-zàâçéèêëîïôûù]{2,}(ait|aient|èrent|irent|urent|ra|rent|it|ut|ent)$"),
    "es": re.compile(r"[a-záéíóúñ]{2,}(ó|ió|aron|ieron|aba|aban|ía|ían)$"),
    "de": re.compile(r"[a-zäöüß]{2,}(te|ten|t|en|st|ss)$"),
}
CJK_BACK = re.compile(r"(この|その|それ|これ|こう|そう|彼|这|那|它|他|她)")
JAPANESE_COPULA = re.compile(r"(のです|んです|です|のだ)$")


def aim(language: str) -> int:
    return CJK_TITLE_AIM if textkit.is_spaceless(language) else TITLE_AIM


def is_source_line(topic: str, source_text: str) -> bool:
    """Whether `topic` is the source's first line (or its start), as `video_create` saves it."""
    topic = " ".join(topic.replace("…", " ").split()).lstrip("# ").strip()
    first = next((line for line in source_text.splitlines() if line.strip()), "")
    first = " ".join(textkit._clean_line(first).split())
    return bool(topic) and bool(first) and first.startswith(topic)


def _fits(text: str, language: str) -> str:
    text = " ".join(text.split()).rstrip(".!…。！")
    if len(text) <= aim(language):
        return text
    for match in reversed(list(CLAUSE_BREAK.finditer(text))):
        clause = text[: match.start()].rstrip(" ,;:—–、，；：")
        if len(clause) <= aim(language) and len(textkit.words(clause)) >= 3:
            return clause  # a heading's first part: "The Last Night at Gull Rock — a story of the sea..."
    return ""


is_story = salience.is_story

# Articles a sentence's subject opens with ("The Erie Canal opened...", "el agave azul tarda...").
SUBJECT_ARTICLES = {
    "en": _set("the"),
    "es": _set("el la los las"),
    "fr": _set("le la les l"),
    "it": _set("il lo la i gli le l"),
    "pt": _set("o a os as"),
}
NAME_LINKS = _set("of de del di della da do dos das du des")
# "Bund von Kaufleuten" is a Bund: the word before one of these heads its phrase.
HEAD_LINKS = NAME_LINKS | _set("von vom dei degli delle")
# Languages whose nouns come before their adjectives: "agave azul" is an agave.
NOUN_FIRST = _set("fr es it pt")
# "X is a ...", "X war ein ...": the sentence says what X is; the text is most likely about it.
COPULA = {
    "en": r"is|was|are|were", "fr": r"est|était|fut|sont", "es": r"es|era|fue|son", "de": r"ist|war|sind|waren",
    "it": r"è|era|fu|sono", "pt": r"é|era|foi|são",
}
INDEFINITE = {
    "en": r"an?|the|one", "fr": r"une?|le|la|l'|l’|les", "es": r"una?|el|la|los|las",
    "de": r"eine?|einer|der|die|das", "it": r"una?|uno|il|lo|la|l'|l’|i|gli|le", "pt": r"uma?|o|a|os|as",
}
ARTICLES = {**SUBJECT_ARTICLES, "de": _set("der die das den dem des")}


def opening_subject(lead: str, language: str) -> str:
    """The thing an expository text's first sentence is about, when that sentence opens with it (after
    a fronted phrase: "En los campos de Jalisco, el agave azul tarda..."): "Erie Canal", "agave azul"."""
    articles = SUBJECT_ARTICLES.get(language)
    if not articles:
        return ""
    tokens = re.findall(r"[\w'’-]+|[,;:]", lead)
    comma = next((n for n, piece in enumerate(tokens[:12]) if piece == ","), None)
    starts = [0] + ([comma + 1] if comma is not None else [])
    stop = textkit.STOPWORDS.get(language, frozenset())
    for start in starts:
        words = tokens[start:]
        if len(words) < 3 or words[0].lower().rstrip("'’") not in articles:
            continue
        rest = words[1:]
        if rest[0][:1].isupper():  # a name: "The Erie Canal", "la Repubblica di Venezia"
            phrase = [rest[0]]
            for n, word in enumerate(rest[1:], 1):
                linking = word.lower() in NAME_LINKS and n + 1 < len(rest) and rest[n + 1][:1].isupper()
                if not (word[:1].isupper() or linking):
                    break
                phrase.append(word)
            return " ".join(phrase)
        if language == "en":
            return ""  # "the blue agave takes": an English lower-case subject is too often "the way", "the idea"
        phrase = []  # "agave azul": a noun and at most one word after it that is no verb
        for word in rest[:2] if language in VERB_ENDINGS else rest[:1]:  # no verb list: the noun alone
            lower = word.lower()
            if (not word.isalpha() or lower in stop or lower in AUXILIARIES.get(language, ())
                    or (phrase and VERB_ENDINGS.get(language, re.compile("$^")).match(lower))):
                break
            phrase.append(lower)
        return " ".join(phrase) if phrase and len(phrase[0]) >= 4 else ""
    return ""


def head_word(phrase: str, language: str) -> str:
    """The word a phrase is about, by which the text comes back to it: "Lighthouse" of "Lighthouse of
    Alexandria", "canal" of "canal du Midi", "Bowl" of "Dust Bowl", "agave" of "agave azul"."""
    tokens = textkit.words(phrase)
    link = next((n for n, word in enumerate(tokens) if n and word.lower() in HEAD_LINKS), None)
    if link is not None:
        return tokens[link - 1]
    if tokens and language in NOUN_FIRST and not tokens[0][:1].isupper():
        return tokens[0]
    return tokens[-1] if tokens else ""


def _noun_phrase(tokens: Sequence[str], language: str) -> str:
    """The noun phrase `tokens` open with, after an article: a name ("Dust Bowl", "Torre de Belém",
    "Kölner Dom") or, where nouns come first, a noun with the name it is of ("canal du Midi")."""
    tokens = list(tokens)
    if tokens and re.match(r"(?i)^[ld]['’]", tokens[0]):
        tokens[0] = tokens[0][2:]  # "l'étang"
    elif tokens and tokens[0].lower() in ARTICLES.get(language, frozenset()):
        tokens = tokens[1:]
    phrase: list[str] = []
    for n, word in enumerate(tokens):
        linking = phrase and word.lower() in NAME_LINKS and n + 1 < len(tokens) and tokens[n + 1][:1].isupper()
        if (word[:1].isupper() and word.isalpha()) or linking:
            phrase.append(word)
        elif not phrase and n == 0 and language in NOUN_FIRST and word.isalpha() and len(word) >= 4 \
                and word.lower() not in textkit.STOPWORDS.get(language, frozenset()):
            phrase.append(word)  # "canal" of "canal du Midi", kept only with the name after it
        else:
            break
    if phrase and phrase[0][:1].islower() and len(phrase) == 1:
        return ""
    return " ".join(phrase)


def defined(sentence: str, language: str) -> str:
    """What a sentence says is a thing: "La tapisserie de Bayeux est une longue broderie", "Die Hanse war
    ein Bund", "Machu Picchu es una ciudadela" (the phrase is whole: nothing but it before the verb)."""
    if language not in COPULA:
        return ""
    match = re.match(rf"(?i)^(.{{2,60}}?)\s+(?:{COPULA[language]})\s+(?:{INDEFINITE[language]})(?:\s|$)", sentence)
    if not match:
        return ""
    tokens = textkit.words(match.group(1))
    if language == "en" and len(tokens) >= 3 and tokens[-1].islower() and tokens[-1].isalpha():
        tokens, noun = tokens[:-1], tokens[-1]  # "The Voynich manuscript": a name before its noun
    else:
        noun = ""
    phrase = _noun_phrase(tokens, language)
    whole = phrase and len(textkit.words(phrase)) == len(tokens) - (1 if phrase.split()[0] != tokens[0] else 0)
    return f"{phrase} {noun}".strip() if whole else ""


def _names(texts: Sequence[str], language: str) -> Counter[str]:
    """Names of two or more words inside sentences, linked by "di", "do", "of"... ("Ponte di Rialto")."""
    found: Counter[str] = Counter()
    for text in texts:
        tokens = textkit.words(text)
        after = 1
        for n, word in enumerate(tokens[1:], 1):
            if n >= after and word[:1].isupper():
                run = _noun_phrase(tokens[n:], language)
                after = n + max(1, len(run.split()))
                if " " in run and language != "de":
                    found[run] += 1
    return found


def _mentions(phrase: str, texts: Sequence[str], language: str) -> int:
    """How many sentences mention the phrase, or its head word ("la torre" mentions "Torre de Belém"), or
    its last ("beavers" mentions "pair of beavers"), whichever the text comes back to more."""
    tokens = textkit.words(phrase)
    whole = re.compile(rf"(?i)\b{re.escape(phrase)}\b")
    counts = []
    for word in {head_word(phrase, language), tokens[-1] if tokens else ""}:
        key = textkit.stem(word, language)[:6]
        counts.append(sum(any(textkit.stem(w, language)[:6] == key for w in textkit.words(text))
                          or bool(whole.search(text)) for text in texts))
    return max(counts)


def _definitions(texts: Sequence[str], language: str, capitalised: Counter) -> list[str]:
    """What the text's sentences say things are, in order ("tapisserie de Bayeux", "Hanse")."""
    found = []
    for text in texts:
        words = defined(text, language).split()
        while words and words[0][:1].isupper() and not capitalised[words[0].lower()]:
            words.pop(0)  # "Oggi Pompei è una...": a capital that only opens the sentence
        if words and words[0].lower() not in NAME_LINKS:
            found.append(" ".join(words))
    return found


def revealed(sentences: Sequence[Sentence], language: str, *, tails_only: bool = False) -> list[str]:
    """What an opening paragraph that sets a scene (a date, a storm, a person) names as it closes: the
    phrase after a colon that ends one of its sentences ("...ten years: the Dust Bowl") and the names in
    the first name its last sentence gives ("By then the Lighthouse of Alexandria had stood..."). Only when others
    follow: a text in one paragraph has no opening to close."""
    first = [s for s in sentences if s.paragraph == sentences[0].paragraph] if sentences else []
    if len(first) < 2 or len(first) == len(sentences):
        return []
    found = []
    for sentence in first:
        tail = re.search(r"[:—–]\s+([^:—–]+)$", sentence.text.rstrip(".!…"))
        if tail:
            found.append(_noun_phrase(textkit.words(tail.group(1))[:6], language))
    if tails_only:
        return [phrase for phrase in found if phrase]
    tokens = textkit.words(first[-1].text)
    stop = textkit.STOPWORDS.get(language, frozenset())
    for n, word in enumerate(tokens[1:], 1):
        if word[:1].isupper() and word.isalpha() and word.lower() not in stop:
            run = _noun_phrase(tokens[n:], language)
            if language != "de" or " " in run:  # a German capital is any noun; a run of them is a name
                found.append(run)
                break  # the first name it gives, not those of its asides ("no alto do morro do Corcovado")
    return [phrase for phrase in dict.fromkeys(found) if phrase and len(phrase) <= 30]


def subject(sentences: Sequence[Sentence], language: str, *, story: bool = False) -> str:
    """The thing the text's opening names that the most of its sentences come back to; in a story, the
    place or person its opening names ("the mill town of Ashford")."""
    if not sentences:
        return ""
    texts = [s.text for s in sentences]
    lead = texts[0]
    if textkit.CJK.search(lead):
        runs = [run for run in phrasekit.keyphrases(texts, language, top=30) if 2 <= len(run) <= 8]
        # A one-kanji noun the text keeps coming back to (雷, 潮) before its particle.
        runs += [char for char in dict.fromkeys(re.findall(r"([\u4e00-\u9fff])(?=[はがのをにも])", lead))
                 if sum(char in text for text in texts) >= max(4, len(texts) // 3)]
        counts = {run: sum(run in text for text in texts) + (2 if run in lead else 0) for run in runs}
        return max(runs, key=lambda run: (counts[run], len(run)), default="")
    usage = phrasekit._usage(texts, language)
    as_noun, as_verb, capitalised = usage
    candidates = list(phrasekit.names([lead], language)) + phrasekit.keyphrases(texts, language, top=15)
    lead_names = set(phrasekit.names([lead], language)) if story else set()
    # An opening that sets a scene names its subject as it closes (when the text comes back to it); a
    # sentence that says what a thing is is about it, and the first such sentence in the lead most of all.
    colon_tails = set(revealed(sentences, language, tails_only=True))
    shown = [found for found in revealed(sentences, language)
             if found in colon_tails or _mentions(found, texts, language) >= 2]
    definitions = _definitions(texts, language, capitalised)
    opening_says = [found for found in definitions[:1] if any(found in text for text in texts[:3])]
    candidates += shown + definitions
    lead_names |= set(shown) | set(opening_says)
    stop = textkit.STOPWORDS.get(language, frozenset())
    for position, word in enumerate(textkit.words(lead)):
        lower = word.lower()
        if lower in stop or len(word) < 3 or word.isdigit() or lower in phrasekit.NUMBER_WORDS:
            continue  # "Deux" is no subject
        single = textkit.stem(lower, language)
        noun = word[:1].isupper() if language == "de" else (
            as_noun[lower] + as_noun[single] > as_verb[lower] + as_verb[single] or capitalised[lower] > 0)
        if noun and (position or capitalised[lower]):
            candidates.append(word if capitalised[lower] or language == "de" else lower)
            if story and position and capitalised[lower] and language != "de" and lower not in phrasekit.NOT_THINGS:
                # "the mill town of Ashford": the place the text is set in (not "January"; "Boston's" is Boston)
                lead_names.add(re.sub(r"['’]s$", "", word))

    def mentions(phrase: str) -> int:
        return _mentions(phrase, texts, language)

    def score(phrase: str) -> tuple[float, int]:
        named = all(w[:1].isupper() for w in textkit.words(phrase) if w.lower() not in phrasekit.PHRASE_LINKS)
        in_lead = phrase.lower() in lead.lower() or phrase in shown or phrase in opening_says
        return (mentions(phrase) + ((2 if story else 1) if in_lead else 0) + (1 if named else 0)
                + (3 if phrase in lead_names else 0) + (1.5 if phrase == opening and opening[:1].isupper() else 0)
                + (2 if phrase in definitions else 0) + (1 if phrase in colon_tails else 0.5 if phrase in shown else 0),
                len(phrase))

    opening = opening_subject(lead, language)
    if story and not opening[:1].isupper():
        opening = ""  # a story is about the place or person its opening names, not "the night"
    candidates = [re.sub(r"['’]s$", "", c) for c in candidates]  # "Boston's North End": Boston
    candidates = [c for c in dict.fromkeys(candidates)
                  if c and len(c) <= 30 and (mentions(c) >= 2 or c in lead_names)]
    # What the first sentence is about, though the text says "it" after: a name ("Erie Canal"); a common
    # noun ("agave azul") only when nothing else is ("el agua del mar" opens a text about salt).
    if opening and opening.lower() not in phrasekit.NOT_THINGS and (
            opening[:1].isupper() or mentions(opening) >= 2 or not candidates):
        candidates.append(opening)
    best = max(candidates, key=score, default="")
    # "Carrow" is the village of "Carrow Bridge", "Camino" the "Camino de Santiago", "Wuppertaler"
    # the "Wuppertaler Schwebebahn": the whole name, as the opening gives it.
    # (or a name the text gives twice whose head is a common word it uses: "ponte" is the "Ponte di Rialto")
    twice = [name for name, count in _names(texts, language).items() if count >= 2]
    whole = [*lead_names, *definitions, *phrasekit.names([lead], language),
             *(p for p in phrasekit.keyphrases(texts, language, top=15) if p in lead), *twice]
    def whole_name(name: str) -> bool:  # "volcán de La Palma", "Carrow Bridge"; not "town of Nome in Alaska"
        parts = name.split()
        head = best if name not in twice or best[:1].isupper() else _capital(best)
        return (len(parts) > 1 and len(name) <= 30 and head in (parts[0], parts[-1])
                and all(w in NAME_LINKS or w[:1].isupper() for w in parts[1:]))

    return next((name for name in whole if whole_name(name)), best)


@dataclass(frozen=True)
class Clause:
    text: str
    starts: bool  # it begins the sentence
    whole: bool  # it is the whole sentence
    spans: int  # how many pieces between clause breaks it spans
    before: str  # the sentence before it
    after_comma: bool  # a bare comma comes before it (not "and", "but", a semicolon)


def _clauses(sentence: str, language: str) -> list[Clause]:
    """Each run of the sentence's pieces between clause breaks."""
    sentence = sentence.rstrip().rstrip(".!?…。！？")
    breaks = list(CLAUSE_BREAK.finditer(sentence))
    inside = _inside_lists(sentence, breaks)
    cuts = [0] + [m.end() for n, m in enumerate(breaks) if n not in inside]
    ends = [m.start() for n, m in enumerate(breaks) if n not in inside] + [len(sentence)]
    breaks = [m for n, m in enumerate(breaks) if n not in inside]
    found = []
    for first, start in enumerate(cuts):
        comma = first > 0 and breaks[first - 1].group(0).strip() in (",", "、", "，")
        for end in ends[first:]:
            if textkit.is_spaceless(language) and end != len(sentence):
                continue  # a Japanese clause before 、 ends in a joining form ("襲い", "見て")
            clause = sentence[start:end].strip(" ,;:—–、，；：")
            if clause:
                found.append(Clause(clause, start == 0, start == 0 and end == len(sentence),
                                    ends.index(end) - first + 1, sentence[:start], comma))
    return found


def _inside_lists(sentence: str, breaks: list[re.Match]) -> set[int]:
    """The breaks inside a list of short items ("in Blau, Rot und Gelb"): a clause neither ends nor
    begins there, so a title never stops half-way through a list."""
    inside: set[int] = set()
    for n in range(len(breaks) - 1):
        comma, joined = breaks[n], breaks[n + 1]
        item = sentence[comma.end():joined.start()]
        if comma.group(0).strip() == "," and joined.group(0).strip(" ,") and 1 <= len(item.split()) <= 2:
            inside |= {n, n + 1}
    return inside


def _has_verb(tokens: list[str], language: str, usage: tuple) -> bool:
    as_noun, as_verb, _capitalised = usage
    auxiliaries, endings = AUXILIARIES.get(language), VERB_ENDINGS.get(language)
    if auxiliaries is None or endings is None:
        return True  # no lists for this language: trust the clause
    stop = textkit.STOPWORDS.get(language, frozenset())
    for position, token in enumerate(tokens):
        lower = token.lower()
        if lower in auxiliaries:
            return True
        if language == "de" and position and token[:1].islower() and lower not in stop and endings.search(lower):
            return True  # German nouns are capitalised: a lower-case word with a verb's ending
        if language != "de" and position and endings.search(lower) and as_noun[lower] == 0 \
                and tokens[position - 1].lower() not in phrasekit.NOUN_MARKERS.get(language, frozenset()):
            return True
        if lower not in stop and as_verb[lower] > as_noun[lower]:
            return True
    return False


def _main_verb_before(before: str, language: str, usage: tuple) -> bool:
    """Whether the part of the sentence before a clause has a verb of its own (not one inside a
    relative clause): then what follows a bare comma is an aside, not the main clause."""
    for piece in CLAUSE_BREAK.split(before):
        tokens = textkit.words(piece)
        relative = next((n for n, token in enumerate(tokens) if n and token.lower() in RELATIVES), len(tokens))
        if _has_verb(tokens[:relative], language, usage):
            return True
    return False


def _stands_alone(found: Clause, language: str, usage: tuple = (Counter(), Counter(), Counter())) -> bool:
    """Whether the clause reads as a title on its own: not leaning on what came before ("she saw",
    "these two"), not opening mid-thought ("because of the bell", "and then slips away"), not an
    aside after a comma ("..., a colour that most deep-sea animals cannot see"), and not an opening
    phrase without its clause ("At ten past four in the morning")."""
    clause, starts_sentence, whole, spans = found.text, found.starts, found.whole, found.spans
    if textkit.CJK.search(clause):
        return len(clause) >= 6 and not CJK_BACK.search(clause) and not references.leans_back(clause, language)
    tokens = textkit.words(clause)
    if len(tokens) < 3 or len(clause) < 15:
        return False
    lowered = [t.lower().replace("’", "'") for t in tokens]
    pronouns = PRONOUNS.get(language, frozenset())
    if set(lowered[:4]) & pronouns or references.leans_back(clause, language):
        return False
    if lowered[-1] in pronouns or (language == "de" and DA_WORD.match(lowered[0])):
        return False  # "...still climbed it", "Daraus wurde...": what it stands for was said before
    if starts_sentence and not whole and set(lowered) & pronouns:
        return False  # "Poucos anos depois do seu regresso": a fronted phrase whose "his" is in the rest
    if not whole and re.search(r"\S\s?[:;—–]\s", clause):
        return False  # "l'étang de Thau : le canal du Midi" runs over a colon from one thought into another
    if language == "fr" and any(word in ("le", "la", "les", "l") and VERB_ENDINGS["fr"].search(after)
                                and not after.endswith(("ment", "ments")) for word, after in pairwise(lowered)):
        return False  # "Un magma épais les retient": "les" stands for something said before
    first = lowered[0].split("'")[0]
    if first in SUBORDINATORS.get(language, frozenset()):
        return False
    if not whole and not _has_verb(tokens, language, usage):
        return False  # "La mer Morte, fermée et écrasée de soleil": a phrase, not a clause
    # (German articles double as relative pronouns, and a German relative clause follows a comma)
    relative = next((n for n, word in enumerate(lowered) if n and word in RELATIVES and language != "de"), None)
    if not whole and relative and not _has_verb(tokens[:relative], language, usage):
        return False  # "a round top where a fire burned at night": its only verb is the relative clause's
    aside = re.search(r",\s+(\w+)\b[^,]*$", clause)
    if not whole and aside and aside.group(1).lower() in RELATIVES \
            and not _has_verb(textkit.words(clause[:aside.start()]), language, usage):
        return False  # "la piña, que puede pesar más de cuarenta kilos": its only verb is in the aside
    if found.after_comma and _main_verb_before(found.before, language, usage):
        return False  # "..., a colour that most deep-sea animals cannot see": an aside on the clause before
    starters, stop = STARTERS.get(language, frozenset()), textkit.STOPWORDS.get(language, frozenset())
    if first in stop and first not in starters:
        # An opening phrase of time or place: only with the clause it opens ("At ten past four in the
        # morning, the dam gave way"; German puts the verb second: "Um zwei Uhr löste sich eine Lawine").
        verb_second = language == "de" and any(t[:1].islower() and t.lower() not in stop for t in tokens[1:])
        return starts_sentence and (whole or spans > 1 or verb_second)
    return starts_sentence or first in starters or tokens[0][:1].isupper()


def hook(kept: Sequence[Sentence], language: str, scores: dict[int, float], event: int | None,
         subject_phrase: str, dependent: frozenset[int] = frozenset()) -> str:
    """The title: the clause that best says what happens or what is striking, standing alone, with
    the subject in front when the clause does not name it and there is room ("Ashford: ...")."""
    limit = aim(language)
    best, best_score = "", float("-inf")
    lead_index = kept[0].index if kept else -1
    usage = phrasekit._usage([s.text for s in kept], language)
    subject_named = len(textkit.words(subject_phrase)) >= 2 and all(
        w[:1].isupper() for w in textkit.words(subject_phrase) if w.lower() not in NAME_LINKS)
    for sentence in kept:
        base = scores.get(sentence.index, 0.0)
        if sentence.index == event:
            base += 4.0
        base += 0.4 * salience.event_strength(sentence.text, language)
        if salience.is_striking(sentence.text, language):
            base += 1.0
        if sentence.text.rstrip().endswith(("?", "？")):
            base -= 2.0
        if sentence.index in dependent:
            base -= 1.5  # it builds on the sentence before: alone, it may not say what it means
        for found in _clauses(sentence.text, language):
            clause, whole = found.text, found.whole
            clause = JAPANESE_COPULA.sub("", clause) if language == "ja" else clause
            if len(clause) > limit or not _stands_alone(found, language, usage):
                continue
            score = base - abs(len(clause) - limit * 0.7) / limit  # neither a stub nor a crammed line
            if whole:
                score += 0.7  # a whole sentence is a whole thought
            if sentence.index == lead_index and not whole:
                score -= 3.0  # a part of the text's first sentence reads as that sentence cut off
            heads = textkit.words(subject_phrase)[-1:] + textkit.words(subject_phrase)[:1]  # "Bay" of Fundy
            # The head word names the subject as the name writes it ("the Bay of Fundy"), or in lower case as
            # what the clause is about ("The bay is special"), not in passing ("the first bridge": Tay Bridge).
            tokens = textkit.words(clause)
            about = [w.lower() for w in tokens[:2] if w.lower() not in SUBJECT_ARTICLES.get(language, ())][:1]
            named = bool(subject_phrase) and (subject_phrase.lower() in clause.lower() or any(
                word in tokens or word.lower() in about for word in heads if word[:1].isupper()))
            # "the Bay of Fundy" names its own subject, unless the subject is a name of its own ("Erie Canal"
            # is not named by "New York soon became the busiest port")
            named = named or (not subject_named and bool(phrasekit.names([clause], language)))
            titled = _capital(clause) if named else compose(subject_phrase, clause, language)
            if not named and subject_phrase and len(titled) <= limit:
                score += 1.0  # "Ashford: the dam gave way" names what the video is about
            elif not named:
                titled = _capital(clause)
                if subject_phrase and _names_another(clause, language):
                    score -= 3.0  # "Der Ingenieur Walter Basset brachte...": a title about someone else
            else:
                score += 1.0
            if score > best_score:
                best, best_score = titled, score
    return best


def _names_another(clause: str, language: str) -> bool:
    """Whether a clause names a person, place or thing (a name inside it), which a title without its own
    subject would then be about."""
    if phrasekit.names([clause], language):
        return True
    tokens = textkit.words(clause)
    if language != "de":
        return any(word[:1].isupper() for word in tokens[1:])
    # German capitalises every noun: a name follows a preposition bare ("aus London") or another name
    # ("Walter Basset"), where a noun mostly follows its article.
    return any(word[:1].isupper() and (before.lower() in GERMAN_BARE or (n > 1 and before[:1].isupper()))
               for n, (before, word) in enumerate(pairwise(tokens), 1))


def compose(subject_phrase: str, clause: str, language: str) -> str:
    if not clause:
        return _capital(subject_phrase)
    if not subject_phrase or subject_phrase.lower() in clause.lower():
        return _capital(clause)
    if language == "ja":
        return f"【{subject_phrase}】{clause}"
    if language == "zh":
        return f"{subject_phrase}：{clause}"
    separator = " : " if language == "fr" else ": "
    return f"{_capital(subject_phrase)}{separator}{_capital(clause) if language == 'en' else clause}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def title_for(*, heading: str, topic: str, source_text: str, sentences: Sequence[Sentence],
              kept: Sequence[Sentence], scores: dict[int, float], event: int | None, language: str) -> str:
    if heading and _fits(heading, language):
        return _fits(heading, language)
    typed = topic and not is_source_line(topic, source_text)
    if typed and len(textkit.words(topic)) > 3 and _fits(topic, language):
        return _fits(topic, language)  # a title the user wrote
    about = topic if typed else subject(sentences, language, story=event is not None)
    needs = references.antecedents(sentences, language)
    dependent = frozenset(sentences[position].index for position, found in needs.items() if found)
    return hook(kept, language, scores, event, about, dependent) or _capital(about)
