"""Plain-text analysis for the offline writer: paragraphs and headings, sentences (with the
abbreviations and ordinals of English, German, Spanish and French), words, stopwords, and which of
those languages a text is in. No model and no network: rules that are easy to read and to fix."""

from __future__ import annotations

import re
from dataclasses import dataclass


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


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

# Common verbs and vague words: real words, but nothing a stock-footage search can show.
VAGUE_WORDS: dict[str, frozenset[str]] = {
    "en": _wordset("""able across ago already began begin begins bent brought built burned came carried changed
        climb climbed come comes designed each early enormous exactly find first found gave get give given go goes
        going gone got great guided happened help helped keep keeping kept know known last later latest let lived
        look looked made make makes making mean means most new next old once own part place put rather replaced
        rose said saw say says see seen seeing set shone simple single stand stood still take taken tell thing
        things think told took turn turned two three four five six seven eight nine ten hundred hundreds thousand
        thousands million used using way ways went whole wound year years day days time times kind sort lot lots
        around become became named called reached important famous different century centuries instead within
        afterwards everything something anything nothing long short behind spend spent runs run name names
        showed show shows near far small large big high low tall bright dark quick quickly slow nobody
        everyone someone knew oldest working best worst good bad need needs form forms pass passes change
        changes hid front must thick thin piece pieces remote single eleven twelve twenty thirty forty fifty
        sixty seventy eighty ninety"""),
    "de": _wordset("""gab geben gibt ging hatte jahr jahre jahren jahrhundert jahrhunderts kam kommen lassen
        liegt machen macht neue neuen ersten erste großen großer sagen sehen sieht steht stand tag wurde zeit
        teil teile heute dazu erst jeden jede"""),
    "es": _wordset("""año años cosa cosas día días dijo gran grande hace hacer hizo nuevo nueva parte primer
        primera siglo siglos tiempo vez veces está están estaba uno dos tres cuatro cinco seis siete ocho nueve
        diez cien ciento mil millones hoy más menos"""),
    "fr": _wordset("""année années chose choses fois grand grande jour jours nouveau nouvelle partie premier
        première siècle siècles temps"""),
}

# Abbreviations that end in a period without ending the sentence. Titles and months count only
# when capitalised ("Mar." is March, "mar." is the Spanish sea at the end of a sentence).
CAPITALISED_ABBREVIATIONS = _wordset("""Mr Mrs Ms Dr Prof St Mt Jr Sr Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct
    Nov Dec Fig Vol Inc Ltd Co Corp Sra Srta Dra Ud Uds Mme Mlle Hr Fr Hl""")
LOWER_ABBREVIATIONS = _wordset("e.g i.e approx ca z.b d.h u.a bzw vgl ggf evtl inkl sog pág núm aprox")
# Followed by a number: "No. 5", "Nr. 12".
NUMBER_ABBREVIATIONS = _wordset("No Nr Nº núm")

DEPENDENT_STARTS: dict[str, frozenset[str]] = {
    "en": _wordset("this these that those they it he she his her its their then yet but however so also "
                    "instead still there"),
    "de": _wordset("dies diese dieser dieses das er sie es sein ihr ihre dann doch aber jedoch so auch dort "
                    "dabei damit"),
    "es": _wordset("esto este esta estos estas eso ese esa ello él ella ellos ellas pero sin embargo así también "
                    "entonces allí"),
    "fr": _wordset("ce cet cette ces cela il elle ils elles mais pourtant ainsi aussi alors"),
}

# Words that come before a noun: a word right after one of these (or one word later) is likely a
# thing. Used only for English, French and Spanish; German capitalises its nouns.
NOUN_MARKERS: dict[str, frozenset[str]] = {
    "en": _wordset("""the a an its his her their our your my this that these those every each some many several
        few of in on at from with by into onto over under through across behind beside near one two three four
        five six seven eight nine ten hundred thousand"""),
    "es": _wordset("el la los las un una unos unas su sus de del en con por sobre entre este esta estos estas "
                    "cada"),
    "fr": _wordset("le la les l un une des du de au aux sa son ses leur leurs ce cette ces chaque sur dans "
                    "avec"),
}

WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)
BULLET = re.compile(r"^\s*(?:[-*•·–—]|\d{1,3}[.)]|[a-z][.)])\s+", re.IGNORECASE)
# A boundary: terminal punctuation, optional closing quotes/brackets, then whitespace.
BOUNDARY = re.compile(r"([.!?…]+[\"'”’»)\]]*)\s+")
SENTENCE_START = re.compile(r"[\"'“‘«(¿¡]*[A-ZÀ-ÖØ-ÞĀ-Ž0-9]")
MARKDOWN_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
URL = re.compile(r"https?://\S+|www\.\S+")


@dataclass(frozen=True)
class Sentence:
    text: str
    paragraph: int
    index: int  # position in the whole text

    @property
    def words(self) -> list[str]:
        return WORD.findall(self.text)


@dataclass(frozen=True)
class Document:
    heading: str
    sentences: tuple[Sentence, ...]


def words(text: str) -> list[str]:
    return WORD.findall(text)


def detect_language(text: str, default: str) -> str:
    """The language (of those with stopword lists) whose stopwords the text uses most."""
    tokens = [token.lower() for token in words(text[:20_000])]
    if len(tokens) < 8:
        return default
    counts = {lang: sum(token in stop for token in tokens) for lang, stop in STOPWORDS.items()}
    best = max(counts, key=lambda lang: counts[lang])
    base = default.split("-")[0].lower()
    # Keep the channel's language unless another one is clearly ahead.
    if base in counts and counts[base] * 1.3 >= counts[best]:
        return base
    return best if counts[best] >= max(3, len(tokens) * 0.08) else default


def _clean_line(line: str) -> str:
    line = MARKDOWN_LINK.sub(r"\1", line)
    line = URL.sub("", line)
    line = re.sub(r"^\s*#{1,6}\s*", "", line)
    line = re.sub(r"(\*\*|__|\*|`)", "", line)
    return " ".join(line.split())


def _is_heading(line: str) -> bool:
    return 0 < len(words(line)) <= 12 and not re.search(r"[.!?…:;,]$", line)


def _ensure_period(text: str) -> str:
    return text if re.search(r"[.!?…][\"'”’»)\]]*$", text) else text.rstrip(":;,") + "."


def paragraphs_of(text: str) -> tuple[str, list[str]]:
    """(first heading, paragraphs), with each bullet a paragraph of its own sentence. Headings (a
    short line alone, a markdown heading, a short line introducing bullets) are not narrated."""
    heading, paragraphs = "", []
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
                paragraphs.append(_ensure_period(_clean_line(BULLET.sub("", raw))))
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
    return heading, [p for p in paragraphs if words(p)]


def _is_boundary(before: str, after: str, language: str) -> bool:
    if not SENTENCE_START.match(after):
        return False
    last = before.rsplit(None, 1)[-1] if before.strip() else ""
    token = last.rstrip(".").lstrip("\"'“‘«(")
    if before.endswith(".") and not before.endswith(".."):
        if token in CAPITALISED_ABBREVIATIONS or token.lower() in LOWER_ABBREVIATIONS:
            return False  # "Dr. Smith", "z.B. Kaffee"
        if token in NUMBER_ABBREVIATIONS and after[:1].isdigit():
            return False
        if len(token) == 1 and token.isalpha() and token.isupper():
            return False  # an initial: "J. Smith"
        if language == "de" and token.isdigit() and int(token) < 100:
            return False  # German ordinals: "im 19. Jahrhundert", "am 3. Mai"
    return True


def split_sentences(paragraph: str, language: str) -> list[str]:
    sentences, start = [], 0
    for match in BOUNDARY.finditer(paragraph):
        end = match.end(1)
        if _is_boundary(paragraph[start:end], paragraph[match.end():match.end() + 3], language):
            sentences.append(paragraph[start:end].strip())
            start = match.end()
    tail = paragraph[start:].strip()
    if tail:
        sentences.append(_ensure_period(tail))
    return [s for s in sentences if words(s)]


def parse(text: str, language: str) -> Document:
    heading, paragraphs = paragraphs_of(text)
    sentences: list[Sentence] = []
    for number, paragraph in enumerate(paragraphs):
        for sentence in split_sentences(paragraph, language):
            sentences.append(Sentence(sentence, number, len(sentences)))
    return Document(heading=heading, sentences=tuple(sentences))


def stem(word: str, language: str) -> str:
    """A light singular form, so "lighthouses" and "lighthouse" count as one keyword."""
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


def is_content_word(word: str, language: str) -> bool:
    lower = word.lower()
    stop = STOPWORDS.get(language, STOPWORDS["en"])
    return (len(lower) > 2 and not lower.isdigit() and lower not in stop
            and lower not in VAGUE_WORDS.get(language, frozenset()) and not any(ch.isdigit() for ch in lower))


def noun_evidence(words_in_order: list[str], language: str) -> set[int]:
    """Positions of words that look like nouns: German capitals, or a word one or two places after
    an article, possessive, preposition or number in the other languages."""
    if language == "de":
        return {n for n, word in enumerate(words_in_order) if n and word[:1].isupper()}
    markers = NOUN_MARKERS.get(language, NOUN_MARKERS["en"])
    lowered = [word.lower() for word in words_in_order]
    return {n for n in range(len(lowered))
            if (n >= 1 and lowered[n - 1] in markers) or (n >= 2 and lowered[n - 2] in markers)}
