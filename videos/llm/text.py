"""Plain-text analysis for the writers, on well-kept libraries where they do the job better than
rules of our own: paragraphs and headings (ours: markdown and notes), sentences (pysbd, 22
languages, and 。！？ for Chinese, Japanese and Korean), the language of a text (lingua, built once
per process for the languages the writers know), keyphrases (yake, filtered to noun-phrase shapes),
and word counts that work for languages written without spaces."""

from __future__ import annotations

import math
import re
import threading
import time
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import Any

# The languages the prompts name (videos.llm.prompts.LANGUAGE_NAMES) plus Norwegian Bokmål, in
# lingua's low-accuracy mode: it loads in about 0.5 s here (the full models of these 24 languages
# took 12.8 s on a busy 2-core machine, all 75 languages 18 s) and is reliable from about 120
# characters; shorter texts keep the channel's language unless their script settles it.
DETECTABLE = ("en", "de", "es", "fr", "it", "pt", "nl", "pl", "sv", "da", "nb", "fi", "tr", "ru", "uk", "ja",
              "ko", "zh", "hi", "ar", "id", "cs", "el", "ro")
# Languages whose writing has no spaces between words: a "word" of speech is about this many
# characters (NHK news reads about 300 characters a minute, Mandarin broadcasts about 250, against
# about 150 English words), so a channel's words-per-minute works for them too.
CHARACTERS_PER_WORD = {"ja": 2.0, "zh": 1.7}
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")
CJK_PARTICLES = frozenset("のはがをにでとへもや")
CJK_RUN = re.compile(r"[\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,}")


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Small lists for comparing topics loosely (videos.services.writing.topic_key) and for telling a
# keyphrase's head noun from a verb; the sentence, language and keyphrase work is the libraries'.
STOPWORDS: dict[str, frozenset[str]] = {
    "en": _wordset("""a about above after again against all almost also although always am among an and another
        any are around as at away be became because become becomes been before being below between both but by can
        could did do does doing done down during each either else enough even ever every few for from further had
        has have having he her here hers herself him himself his how however i if in into is it its itself just
        least less like many may me might more most much must my myself near nearly never no nor not now of off
        often on once one only onto or other others our ours ourselves out over own per perhaps rather same she
        should since so some still such than that the their theirs them themselves then there these they this
        those though through thus to today too toward towards under until up upon us very was we were what when
        where whether which while who whom whose why will with within without would yet you your yours yourself
        yourselves"""),
    "de": _wordset("""aber alle allem allen aller alles als also am an andere anderen auch auf aus bei beim bereits
        bin bis bevor bist da dabei dadurch daher damit dann dar darauf darum das dass dem den denen denn der deren
        des deshalb dessen die dies diese diesem diesen dieser dieses doch dort du durch ein eine einem einen einer
        eines einige er es etwa etwas euch für gegen gewesen hat hatte hatten heute hier hin ich ihm ihn ihnen ihr
        ihre ihrem ihren ihrer im immer in indem ins ist ja je jede jedem jeden jeder jedes jedoch jetzt kann kein
        keine konnte können man manche mehr mit muss musste nach nicht noch nun nur ob oder ohne schon sehr sei
        seit sich sie sind so sogar solche sollte sowie um und uns unter viel viele vom von vor war waren warum was
        weil welche welchen welcher wenn wer werden wie wieder wir wird wurde wurden zu zum zur zwar zwischen
        über"""),
    "es": _wordset("""a al algo algunos ante antes aquel así aun aunque bajo bien cada casi como con contra cual
        cuando de del desde donde durante e el ella ellas ello ellos en entre era eran es esa esas ese eso esos esta
        estaba estaban estas este esto estos fue fueron ha había habían han hasta hay la las le les lo los más me
        mi mientras muy nada ni no nos nosotros o otra otras otro otros para pero poco por porque que qué quien se
        sea según ser si sí siempre sin sino sobre son su sus también tan tanto te tiene tienen todo todos tras tu
        un una uno unos usted y ya"""),
    "fr": _wordset("""a à afin ai ainsi alors au aucun aussi autre aux avait avaient avec avant avoir c ce ceci cela
        celle celles celui ces cet cette chaque chez comme comment d dans de des donc dont du elle elles en encore
        entre est et été être eu eux fait il ils j je jusqu l la le les leur leurs lui m ma mais me même mes moi
        moins mon n ne ni nos notre nous on ont ou où par parce pas peu peut plus pour pourquoi qu quand que quel
        quelle qui s sa sans se ses si son sont sous sur ta te tes toi ton tous tout toute toutes très tu un une
        vers vos votre vous y"""),
}

# A word right after one of these is used as a noun ("the tide", "their boats"); right after one of
# the VERB_MARKERS it is used as a verb ("it pulls", "to climb"). Together they tell "spring tides"
# (a phrase to search footage for) from "Moon pulls" (a clause yake also offers).
NOUN_MARKERS = {
    "en": _wordset("""the a an its his her their our your my this that these those every each some many several
        few no any two three four five six seven eight nine ten twelve hundred thousand"""),
    "es": _wordset("el la los las un una unos unas su sus este esta estos estas cada"),
    "fr": _wordset("le la les l un une des du au aux sa son ses leur leurs ce cette ces chaque"),
}
VERB_MARKERS = {
    "en": _wordset("""i you he she it we they which who that to will would can could may might must should does
        did do not also then still just often never always are is was were be been has have had"""),
    "es": _wordset("se no lo le les que"),
    "fr": _wordset("il elle ils elles on ne se qui"),
}
SUBJECT_OF = _wordset("is are was were has have had can will would could does did")
# Words that make a sentence lean on the one before ("This is why...", "They..."): such a sentence
# is kept only with its predecessor.
DEPENDENT_STARTS: dict[str, frozenset[str]] = {
    "en": _wordset("this these that those they it he she his her its their then yet but however so also "
                    "instead still there each both such"),
    "de": _wordset("dies diese dieser dieses das er sie es sein ihr ihre dann doch aber jedoch so auch dort "
                    "dabei damit deshalb"),
    "es": _wordset("esto este esta estos estas eso ese esa ello él ella ellos ellas pero sin embargo así también "
                    "entonces allí"),
    "fr": _wordset("ce cet cette ces cela il elle ils elles mais pourtant ainsi aussi alors"),
}

# The same for languages written without spaces: openings that point back ("so", "this", "but").
DEPENDENT_OPENINGS = {
    "ja": ("そのため", "その", "それ", "これ", "この", "こうして", "しかし", "でも", "また", "さらに", "つまり",
           "だから", "反対に", "そこで", "ところが"),
    "zh": ("因此", "所以", "但是", "这", "那", "它", "他们", "而且", "然而", "于是", "不过"),
}

WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)
BULLET = re.compile(r"^\s*(?:[-*•·–—]|\d{1,3}[.)]|[a-z][.)])\s+", re.IGNORECASE)
MARKDOWN_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
URL = re.compile(r"https?://\S+|www\.\S+")
TERMINAL = re.compile(r"[.!?…。！？][\"'”’»)\]」』）]*$")


@dataclass(frozen=True)
class Sentence:
    text: str
    paragraph: int
    index: int  # position in the whole text
    item: bool = False  # in an item of a list (a bullet or a numbered paragraph)

    @property
    def words(self) -> list[str]:
        return WORD.findall(self.text)


@dataclass(frozen=True)
class Document:
    heading: str
    sentences: tuple[Sentence, ...]


def words(text: str) -> list[str]:
    return WORD.findall(text)


def base_language(code: str) -> str:
    return (code or "").split("-")[0].split("_")[0].lower()


def is_spaceless(language: str) -> bool:
    return base_language(language) in CHARACTERS_PER_WORD


def count_words(text: str, language: str = "") -> float:
    """Words as speech counts them: Chinese and Japanese characters count at their language's rate
    (a text with kana is Japanese), everything else by the words between spaces."""
    characters = len(CJK.findall(text))
    rest = len(WORD.findall(CJK.sub(" ", text)))
    if not characters:
        return float(rest)
    rate = CHARACTERS_PER_WORD.get(base_language(language))
    if rate is None:
        rate = CHARACTERS_PER_WORD["ja" if re.search(r"[\u3040-\u30ff]", text) else "zh"]
    return rest + characters / rate


def join_sentences(sentences: list[str], language: str) -> str:
    return ("" if is_spaceless(language) else " ").join(sentences)


# --- Language --------------------------------------------------------------------------------------

_detector_lock = threading.Lock()
DETECTOR_BUILD_SECONDS: list[float] = []  # measured once per process, for the bench and doctor


@cache
def _detector() -> Any:
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    started = time.monotonic()
    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in DETECTABLE]
    detector = (LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode()
                .with_preloaded_language_models().build())
    DETECTOR_BUILD_SECONDS.append(round(time.monotonic() - started, 2))
    return detector


def language_scores(text: str) -> list[tuple[str, float]]:
    """(language code, confidence 0-1), most likely first."""
    with _detector_lock:
        detector = _detector()
    values = detector.compute_language_confidence_values(text[:4000])
    return [(value.language.iso_code_639_1.name.lower().replace("nb", "no"), value.value) for value in values]


def detect_language(text: str, default: str) -> str:
    """The text's language (ISO 639-1), or `default` when the text is too short to tell or the
    channel's own language is nearly as likely."""
    sample = " ".join(text.split())[:4000]
    script = _script_language(sample)
    if script:
        return default if base_language(default) == script else script
    if len(sample) < 120:
        return default
    scores = language_scores(sample)
    if not scores:
        return default
    best, confidence = scores[0]
    base = base_language(default)
    if base not in DETECTABLE and base != "no":
        return default  # a language the detector does not know: it cannot say the text is not in it
    channel = dict(scores).get(base, 0.0)
    if best == base or channel >= confidence * 0.8:
        return default
    return best if confidence >= 0.5 else default


def _script_language(sample: str) -> str:
    # Kana is only Japanese and Hangul only Korean; Han characters without kana are Chinese.
    letters = [ch for ch in sample if ch.isalpha()]
    if not letters:
        return ""
    kana = sum("\u3040" <= ch <= "\u30ff" for ch in letters)
    hangul = sum("\uac00" <= ch <= "\ud7af" or "\u1100" <= ch <= "\u11ff" for ch in letters)
    han = sum(bool(CJK.match(ch)) for ch in letters) - kana
    if hangul > len(letters) * 0.3:
        return "ko"
    if kana + han > len(letters) * 0.3:
        return "ja" if kana else "zh"
    return ""


# --- Paragraphs and sentences ------------------------------------------------------------------------

def _clean_line(line: str) -> str:
    line = MARKDOWN_LINK.sub(r"\1", line)
    line = URL.sub("", line)
    line = re.sub(r"^\s*#{1,6}\s*", "", line)
    line = re.sub(r"(\*\*|__|\*|`)", "", line)
    return " ".join(line.split())


def _is_heading(line: str) -> bool:
    size = count_words(line)
    return 0 < size <= 12 and not re.search(r"[.!?…:;,。！？：]$", line)


def ensure_period(text: str, language: str = "") -> str:
    if TERMINAL.search(text):
        return text
    return text.rstrip(":;,、") + ("。" if is_spaceless(language) or CJK.search(text[-1:]) else ".")


def paragraphs_of(text: str, items: list[int] | None = None) -> tuple[str, list[str]]:
    """(first heading, paragraphs), with each bullet a paragraph of its own sentence. Headings (a
    short line alone, a markdown heading, a short line introducing bullets) are not narrated.
    `items`, when given, receives the numbers of the paragraphs that are list items."""
    heading, paragraphs = "", []
    items = [] if items is None else items
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    for block in blocks:
        lines = [raw for raw in block.split("\n") if _clean_line(raw)]
        current: list[str] = []
        for position, raw in enumerate(lines):
            line = _clean_line(raw)
            next_is_bullet = position + 1 < len(lines) and bool(BULLET.match(lines[position + 1]))
            if BULLET.match(raw):
                paragraphs.extend([" ".join(current)] if current else [])
                current = []
                items.append(len(paragraphs))
                paragraphs.append(ensure_period(_clean_line(BULLET.sub("", raw))))
            elif _is_heading(line.rstrip(":")) and (len(lines) == 1 or raw.lstrip().startswith("#")
                                                     or (next_is_bullet and not current)):
                paragraphs.extend([" ".join(current)] if current else [])
                current = []
                if not heading and not line.endswith(":"):
                    heading = line  # later headings only end a section
            else:
                current.append(line)
        if current:
            paragraphs.append(" ".join(current))
    kept = [n for n, p in enumerate(paragraphs) if words(p)]
    items[:] = [kept.index(n) for n in items if n in kept]
    return heading, [paragraphs[n] for n in kept]


@cache
def _segmenter(language: str) -> Any:
    import pysbd
    from pysbd.languages import LANGUAGE_CODES

    return pysbd.Segmenter(language=language if language in LANGUAGE_CODES else "en", clean=False)


def split_sentences(paragraph: str, language: str) -> list[str]:
    """Whole sentences (pysbd's rules for the language: "Dr. Smith", "U.S.", "3.5 km", 。！？);
    a last sentence without its full stop gets one."""
    language = base_language(language)
    if language == "ko" or (CJK.search(paragraph) and language not in ("ja", "zh")):
        language = "ja" if re.search(r"[\u3040-\u30ff]", paragraph) else "zh" if CJK.search(paragraph) else "en"
    if language == "ko":
        pieces = re.findall(r"[^.!?。！？]+(?:[.!?。！？]+[\"'”’»)\]]*|$)", paragraph)
    else:
        pieces = _segmenter(language).segment(paragraph)
    sentences = [" ".join(piece.split()) for piece in pieces]
    sentences = _rejoin_german_ordinals(sentences) if language == "de" else sentences
    sentences = [s for s in sentences if words(s)]
    if sentences:
        sentences[-1] = ensure_period(sentences[-1], language)
    return sentences


def _rejoin_german_ordinals(sentences: list[str]) -> list[str]:
    # pysbd's German rules end a sentence at "im 19. Jahrhundert"; an ordinal never ends one.
    joined: list[str] = []
    for sentence in sentences:
        if joined and re.search(r"(?:^|\s)\d{1,2}\.$", joined[-1]):
            joined[-1] = f"{joined[-1]} {sentence}"
        else:
            joined.append(sentence)
    return joined


def parse(text: str, language: str) -> Document:
    items: list[int] = []
    heading, paragraphs = paragraphs_of(text, items)
    sentences: list[Sentence] = []
    for number, paragraph in enumerate(paragraphs):
        for sentence in split_sentences(paragraph, language):
            sentences.append(Sentence(sentence, number, len(sentences), item=number in items))
    return Document(heading=heading, sentences=tuple(sentences))


def stem(word: str, language: str) -> str:
    """A light singular form, so "lighthouses" and "lighthouse" count as one word."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if language == "en" and (len(word) > 4 or word.endswith("ees")):
        if word.endswith("ies"):
            return word[:-3] + "y"
        if word.endswith(("sses", "shes", "ches", "xes")):
            return word[:-2]
        if word.endswith("s") and not word.endswith(("ss", "us", "is", "os")):
            return word[:-1]
    if language in ("es", "fr") and len(word) > 4 and word.endswith("s") and not word.endswith("es"):
        return word[:-1]
    return word


# --- Importance of sentences (TextRank) ---------------------------------------------------------------

def _terms(sentence: str, language: str) -> set[str]:
    if CJK.search(sentence):
        # No spaces: overlapping character pairs stand in for words.
        runs = CJK_RUN.findall(sentence)
        return {run[n:n + 2] for run in runs for n in range(len(run) - 1)} | {
            stem(w, language) for w in words(CJK.sub(" ", sentence)) if len(w) > 2}
    stop = STOPWORDS.get(language, STOPWORDS["en"])
    return {stem(w, language) for w in words(sentence) if len(w) > 2 and w.lower() not in stop
            and not w.isdigit()}


def textrank(sentences: list[str], language: str, *, damping: float = 0.85) -> list[float]:
    """Each sentence's PageRank in the graph of sentences linked by the words they share
    (Mihalcea and Tarau's TextRank similarity: shared words over the log of both lengths),
    by power iteration with numpy."""
    import numpy

    count = len(sentences)
    if count == 0:
        return []
    terms = [_terms(sentence, language) for sentence in sentences]
    weights = numpy.zeros((count, count))
    for first in range(count):
        for second in range(first + 1, count):
            shared = len(terms[first] & terms[second])
            if shared:
                norm = math.log(len(terms[first]) + 1) + math.log(len(terms[second]) + 1)
                weights[first, second] = weights[second, first] = shared / norm
    totals = weights.sum(axis=1)
    # A sentence sharing no words hands its rank to all alike (the usual dangling-node rule).
    transition = numpy.where(totals[:, None] > 0, weights / numpy.maximum(totals, 1e-12)[:, None], 1.0 / count)
    ranks = numpy.full(count, 1.0 / count)
    for _ in range(100):
        updated = (1 - damping) / count + damping * transition.T @ ranks
        if numpy.abs(updated - ranks).sum() < 1e-9:
            ranks = updated
            break
        ranks = updated
    return [float(rank) for rank in ranks]


# --- Keyphrases ------------------------------------------------------------------------------------

def _usage(sentences: list[str], language: str) -> tuple[Counter[str], Counter[str], Counter[str]]:
    """How each word (lower case) is used: after a noun marker, after a verb marker, and
    capitalised where it does not begin the sentence."""
    as_noun: Counter[str] = Counter()
    as_verb: Counter[str] = Counter()
    capitalised: Counter[str] = Counter()
    nouns, verbs = NOUN_MARKERS.get(language, frozenset()), VERB_MARKERS.get(language, frozenset())
    for sentence in sentences:
        tokens = words(sentence)
        for position, token in enumerate(tokens):
            lower = token.lower()
            before = tokens[position - 1].lower() if position else ""
            if before in nouns or (position > 1 and tokens[position - 2].lower() in nouns
                                   and ("-" in before or before.endswith(("al", "ful", "ic", "ous", "ive", "ern",
                                                                        "est")))):
                as_noun[lower] += 1
            if before in verbs:
                as_verb[lower] += 1
            after = tokens[position + 1].lower() if position + 1 < len(tokens) else ""
            if language == "en" and after in SUBJECT_OF and before not in verbs:
                as_noun[lower] += 1  # "the vampire squid is": the subject of a verb is a thing
            if position and token[:1].isupper():
                capitalised[lower] += 1
    return as_noun, as_verb, capitalised


NAME = re.compile(r"[A-ZÀ-ÖØ-Þ][\w'’-]+(?:\s+(?:(?:of|the|de|del|la|las|los|von|van|der|du|des)\s+)*"
                  r"[A-ZÀ-ÖØ-Þ][\w'’-]+)+")
# Words that are never the things a phrase is about (English): numbers, days and months, adverbs
# of place, and past tenses that do not end in -ed.
NOT_THINGS = _wordset("""one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds
    thousand thousands million millions billion first second third monday tuesday wednesday thursday friday
    saturday sunday january february march april june july august september october november december back
    inside outside away up down out off around together apart ahead along began became came went saw made took
    gave found brought built wrote stood grew knew told left kept held ran led lost won sold named called
    largest biggest smallest end beginning start middle rest part half number kind sort lot way time times year
    years month months week weeks day days today tomorrow yesterday result reason idea fact thing things""")
# Inside a footage phrase only these small words may stand: "full moon over the sea", "Bay of Fundy".
PHRASE_LINKS = _wordset("of over on in under at the by for with de del la le les el los las du des da")


def names(sentences: list[str], language: str) -> Counter[str]:
    """Names of two or more capitalised words ("Augustin Fresnel", "Bay of Fundy") and how often
    each is mentioned; a capital that only begins a sentence is no evidence."""
    counts: Counter[str] = Counter()
    stop = STOPWORDS.get(language, frozenset())
    for sentence in sentences:
        for match in NAME.finditer(sentence):
            tokens = match.group(0).split()
            possessive = next((n for n, t in enumerate(tokens) if re.search(r"['’]s$", t)), None)
            if possessive is not None:  # "John Kemp Starley's Rover": the name ends at the 's
                tokens = [*tokens[:possessive], re.sub(r"['’]s$", "", tokens[possessive])]
            while tokens and tokens[0].lower() in stop | PHRASE_LINKS:  # "The Pharos" at a sentence start
                tokens = tokens[1:]
            if match.start() == 0 and len(tokens) == 2 and tokens[0].lower() in stop:
                continue
            german_noise = language == "de" and not {"von", "vom", "zu"} & set(tokens)
            if len(tokens) >= 2 and not german_noise and not any(ch.isdigit() for ch in "".join(tokens)):
                counts[" ".join(tokens)] += 1
    return counts


def _modifier_ok(token: str, usage: tuple[Counter[str], Counter[str], Counter[str]]) -> bool:
    as_noun, as_verb, _capitalised = usage
    lower = token.lower()
    if lower.endswith("ly") or (as_verb[lower] and as_verb[lower] >= as_noun[lower]):
        return False
    if lower.endswith("ed") and as_noun[lower] < 2:
        return False  # "named", "lifted": a past tense, unless the text says "the frozen ..." often
    # "rises", "pulls": a word ending in s that the text never uses as a noun is a verb here.
    return not (lower.endswith("s") and not lower.endswith("ss") and not as_noun[lower])


def _phrase_shape_ok(phrase: str, language: str, usage: tuple[Counter[str], Counter[str], Counter[str]]) -> bool:
    tokens = words(phrase)
    if not tokens or len(tokens) > 5 or any(t.isdigit() for t in tokens):
        return False
    stop = STOPWORDS.get(language, frozenset())
    lowered = [t.lower() for t in tokens]
    if language == "en" and any(t in NOT_THINGS for t in lowered):
        return False
    if lowered[0] in stop or lowered[-1] in stop:
        return False
    if any(t in ("the", "a", "an") and n and lowered[n - 1] not in PHRASE_LINKS for n, t in enumerate(lowered)):
        return False  # "explains the Bay": an article after a verb, not after "of" or "over"
    if any(t in stop and t not in PHRASE_LINKS for t in lowered):
        return False  # "rises higher than a ...", "Sun and the Moon": a clause, not a thing
    as_noun, as_verb, capitalised = usage
    content = [t for t in tokens if t.lower() not in PHRASE_LINKS]
    if all(capitalised[t.lower()] for t in content):
        return True  # "Isaac Newton", "Moon": capitalised inside sentences
    if len(tokens) == 1:
        # A single common word ("twice", "slip") finds nothing specific; a long noun the text uses
        # as a thing ("the anglerfish", "a woodlouse") does.
        return (language in NOUN_MARKERS and len(tokens[0]) >= 9 and tokens[0].isalpha()
                and as_noun[lowered[0]] > as_verb[lowered[0]])
    if language == "de":  # German nouns are capitalised: "Hochland von Äthiopien", not "Jahrhundert tranken"
        return all(t[:1].isupper() for t in content)
    if language not in NOUN_MARKERS:
        return True
    def is_noun(word: str) -> bool:
        if word.endswith("ing") and as_noun[word] < 2:
            return False  # "oldest working": a participle, unless the text keeps using it as a thing
        return as_noun[word] > as_verb[word] or (capitalised[word] > 0 and not as_verb[word])

    # Each part before a link word ends in a noun too: "sea in the Bay", not "boats lying on the mud".
    heads = [lowered[n - 1] for n in range(1, len(lowered)) if lowered[n] in PHRASE_LINKS
             and lowered[n - 1] not in PHRASE_LINKS] + [lowered[-1]]
    return all(is_noun(head) for head in heads) and all(_modifier_ok(t, usage) for t in content[:-1])


def keyphrases(sentences: list[str], language: str, *, top: int = 12, exclude: tuple[str, ...] = (),
               context: list[str] | None = None) -> list[str]:
    """Concrete noun phrases of the text, most telling first: "Bay of Fundy", "spring tides",
    "full moon". yake ranks candidate phrases; its fragments ("Fundy rises higher", "Moon pulls")
    are dropped by shape: a phrase must be a name, or end in a word the text uses as a noun, with
    no verb before it. A single capitalised word gives way to the longer name it is part of.
    `context`: the whole text, when `sentences` are one scene of it (how its words are used)."""
    if not sentences:
        return []
    if CJK.search("".join(sentences)):
        return _cjk_phrases(sentences, top=top, exclude=exclude)
    import yake

    body = "\n".join(ensure_period(s) for s in sentences)
    try:
        extractor = yake.KeywordExtractor(lan={"cs": "cz"}.get(language, language), n=5, top=top * 8,
                                          dedup_lim=0.9)
        ranked = [phrase for phrase, _score in extractor.extract_keywords(body)]
    except (OSError, ValueError, KeyError):
        ranked = []
    usage = _usage(context or sentences, language)
    named = names(context or sentences, language)
    excluded = {" ".join(e.lower().split()) for e in exclude if e}
    chosen: list[str] = []
    for phrase in ranked:
        phrase = re.sub(r"['’]s$", "", " ".join(phrase.split()))
        if not _phrase_shape_ok(phrase, language, usage):
            continue
        last = phrase.split()[-1]
        if any(name.startswith(last + " ") and name not in phrase for name in named):
            continue  # "steps of the Gull" cuts the name "Gull Rock" in half
        longer = [name for name, count in named.most_common() if count >= 1
                  and re.search(rf"\b{re.escape(phrase)}\b", name, re.IGNORECASE)]
        phrase = longer[0] if longer else _as_written(phrase, context or sentences)
        if not phrase:
            continue  # yake joined words the text never puts side by side ("Starley Rover" for "Starley's Rover")
        lower = phrase.lower()
        if lower in excluded or any(lower in c.lower() or c.lower() in lower for c in chosen):
            continue  # "Bay of Fundy" already says "Fundy"
        chosen.append(phrase)
        if len(chosen) >= top:
            break
    return chosen


def _as_written(phrase: str, sentences: list[str]) -> str:
    """The phrase as the text spells it inside a sentence, "" when the text never says it; a capital
    that only starts a sentence ("Small fish swim...") is not kept."""
    pattern = re.compile(rf"\b{re.escape(phrase)}\b", re.IGNORECASE)
    initial = ""
    for sentence in sentences:
        for match in pattern.finditer(sentence):
            if match.start() > 0 and sentence[: match.start()].strip(" \"'“‘«(¿¡"):
                return match.group(0)
            initial = initial or match.group(0)
    if initial and " " in initial and not initial[1:2].isupper():
        return initial[0].lower() + initial[1:]  # "Small fish" opening a sentence; a one-word name stays
    return initial


def _cjk_phrases(sentences: list[str], *, top: int, exclude: tuple[str, ...]) -> list[str]:
    # Runs of kanji/hanzi and katakana are the nouns of Japanese and Chinese text (particles and
    # verb endings are hiragana); the most repeated runs name its subjects.
    counts: Counter[str] = Counter()
    for sentence in sentences:
        for match in CJK_RUN.finditer(sentence):
            run, after = match.group(0), sentence[match.end():match.end() + 1]
            # An amount ("一日", "十五メートル") is no thing to film; a kanji run that hiragana other
            # than a particle follows is the stem of a verb or adjective ("細長い").
            if not 2 <= len(run) <= 8 or run[0] in "一二三四五六七八九十百千万億約数何":
                continue
            if "\u3040" <= after <= "\u309f" and after not in CJK_PARTICLES:
                continue
            counts[run] += 1
    excluded = set(exclude)
    ranked = sorted(counts, key=lambda run: (-counts[run] * len(run), run))
    return [run for run in ranked if run not in excluded][:top]
