"""What a text is about, beyond how central each sentence is: the event a story turns on (the dam
gives way, the bridge falls, 「津波が村を襲い」), the striking example an explainer is remembered by
(the highest, the record, 1883), and the ending it was written towards.

An event sentence is told with strong verbs of happening (burst, collapse, swept; s'effondra;
se derrumbó; löste sich, begrub; 襲い, 崩れ) and often a moment ("at ten past four", "vers trois
heures", 「直後」). Small stem lists per language: no part-of-speech model ships offline, and the
verbs that make an event are few.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from videos.llm.text import Sentence

# Stems (matched at a word's start) of verbs and nouns of dramatic happening.
EVENT = {
    "en": r"burst|collaps|explod|explosion|sank|sunk|sink|crash|struck|strike|flood|destroy|swept|sweep|erupt|blaze|"
          r"burn|caught fire|fire broke|died|kill|drown|rescu|saved|save|broke|gave way|tore|torn|smash|shatter|"
          r"capsiz|overturn|collid|collision|earthquake|blast|avalanche|tsunami|hurricane|crush|vanish|escap|"
          r"attack|shot|landslide|wreck|engulf|buried|trapped|ignit|plung|toppl|fell|fall|hit|slam|snapp|split|drift|"
          r"aground|stranded|lost its|lost their|lost control|set fire|set light",
    "fr": r"effondr|écroul|explos|sombr|coul[aèé]|céd[aèé]|frapp|détrui|emport|submerg|inond|incendi|brûl|embras|"
          r"enflamm|mourut|moururent|périt|périrent|tué|tua|noy|sauv|secour|renvers|percut|heurt|écras|bris|rompi|"
          r"rompu|déferl|englouti|ensevel|tremblement|séisme|tempête|avalanche|tsunami|naufrag|catastroph|chavir|"
          r"abatt|déchir|arrach|s'abatt|s'effondr|s'écroul|jaillit|surgit|dériv|échou|mit le feu|"
          r"mirent le feu|alluma",
    "es": r"derrumb|desplom|explot|explosión|hundi|hund|cedi|golpe|destru|arras|inund|incendi|quem|llamas|murió|"
          r"murieron|mató|mataron|ahog|salv|rescat|volcó|choc|estrell|romp|sepult|terremoto|tormenta|avalancha|"
          r"tsunami|naufrag|arrastr|derrib|estall|sacud|se abre paso|descarga|impact|a la deriva|encall|"
          r"prendió fuego|incendió",
    "de": r"brach|zerbrach|einstürz|stürzt|explodier|explosion|sank|versank|kentert|zerstör|riss|überflut|brannt|"
          r"feuer|flammen|starb|starben|getötet|tötete|ertrank|ertrunken|rettet|gerettet|prallt|zerschell|begrub|"
          r"verschütt|erdbeben|sturm|lawine|tsunami|unglück|katastroph|löste sich|überrollt|erfasst|schlug ein|"
          r"einschlag|fegte|schwemmt|trieb|gestrandet|zündete|in brand",
    "it": r"ruppe|rotto|spezz|crollò|crollat|esplo|affondò|affondat|travolse|travolt|inond|incendi|bruci|morì|"
          r"morirono|uccis|annegat|salvò|salvat|soccors|distrusse|distrutt|terremoto|tempesta|valanga|frana|crollo",
    "pt": r"desabou|desmoron|explod|afundou|inund|incêndi|queimou|morreu|morreram|afog|salvou|resgat|destruiu|"
          r"destruí|terremoto|tempestade|avalanche|naufrag|arrastou",
    "ja": r"崩れ|崩壊|決壊|爆発|沈ん|沈没|倒れ|倒壊|襲っ|襲い|襲わ|流され|燃え|火事|火災|噴火|地震|津波|衝突|墜落|壊れ|"
          r"破壊|死亡|亡くな|命を落と|救助|救わ|救っ|助け|押し寄せ|のみこ|飲み込|呑み込|埋も|雪崩|洪水|爆|落雷|漂流|座礁|"
          r"火をつけ|火を放|燃や",
    "zh": r"倒塌|爆炸|沉没|决堤|地震|海啸|洪水|火灾|燃烧|死亡|遇难|救出|冲走|淹没|撞|坠毁|崩塌|雪崩",
}
# A moment: suddenly, at a clock time, just after.
MOMENT = {
    "en": r"\b(suddenly|at that moment|just then|without warning|within (minutes|seconds)|at (about |around )?"
          r"(\d{1,2}([:.]\d\d)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|midnight|dawn|noon)"
          r"\b|(ten|twenty|half|quarter) past|just after|minutes later|that night)",
    "fr": r"\b(soudain|soudainement|tout à coup|brusquement|à cet instant|sans prévenir|vers (\w+ )?heures?|"
          r"à (\d+|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze) heures?|en quelques (minutes|secondes)|"
          r"cette nuit-là|minuit)",
    "es": r"\b(de repente|de pronto|súbitamente|repentinamente|en ese momento|sin previo aviso|hacia las|a las "
          r"(\d+|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce)|en (pocos|unos) (minutos|segundos)|"
          r"medianoche|de golpe)",
    "de": r"\b(plötzlich|auf einmal|in diesem moment|ohne vorwarnung|um (kurz )?(nach |vor )?(\d+|ein|zwei|drei|vier|"
          r"fünf|sechs|sieben|acht|neun|zehn|elf|zwölf) uhr|innerhalb von (minuten|sekunden)|mitternacht)",
    "it": r"\b(all'improvviso|improvvisamente|in quel momento|verso le|alle (\d+|una|due|tre|quattro|cinque)|"
          r"mezzanotte)",
    "pt": r"\b(de repente|subitamente|naquele momento|por volta das|às (\d+|uma|duas|três|quatro|cinco)|meia-noite)",
    "ja": r"(突然|その時|そのとき|その瞬間|直後|いきなり|午前|午後|真夜中|[一二三四五六七八九十]+時)",
    "zh": r"(突然|那时|那一刻|瞬间|凌晨|半夜)",
}
# Superlatives and records: the example an explainer is remembered by.
STRIKING = {
    "en": r"\b(most|highest|largest|biggest|greatest|longest|deepest|fastest|strongest|record|no other|nowhere|"
          r"only place|world'?s|every \w+ on earth|times (as much|more))\b",
    "fr": r"\b(le plus|la plus|les plus|record|nulle part|aucun autre|aucune autre|du monde|fois plus)\b",
    "es": r"\b(el más|la más|los más|las más|récord|en ningún lugar|ningún otro|del mundo|veces más)\b",
    "de": r"\b(am (höchsten|größten|meisten|stärksten|längsten|tiefsten)|höchste|größte|meiste|rekord|nirgends|"
          r"nirgendwo|der welt|mal (so viel|mehr))\b",
    "ja": r"(最も|最大|最高|世界一|世界で|記録|ほかにない|他にない)",
    "zh": r"(最|世界第一|纪录|记录)",
}
# A stem matches at a word's start; Japanese and Chinese have no word starts to find.
# A figure with its unit ("up to sixteen metres", "treinta mil grados", 「十五メートル」) is striking too.
FIGURE = {
    "en": r"\b(up to|more than|over|\d[\d,.]*|\w+teen|\w+ty|hundred|thousand|million)\s+(metres|meters|kilometres|"
          r"kilometers|km|miles|tonnes|tons|degrees|per ?cent)\b",
    "fr": r"\b(\d[\d,. ]*|mille|cent|\w+)\s+(mètres|kilomètres|km|tonnes|degrés|pour cent)\b",
    "es": r"\b(\d[\d,.]*|mil|cien|\w+)\s+(metros|kilómetros|km|toneladas|grados|por ciento)\b",
    "de": r"\b(\d[\d,.]*|\w+)\s+(meter|metern|kilometer|tonnen|grad|prozent)\b",
    "ja": r"[一二三四五六七八九十百千万\d]+(メートル|キロ|トン|度|パーセント)",
}
STRIKING = {language: f"{pattern}|{FIGURE[language]}" if language in FIGURE else pattern
            for language, pattern in STRIKING.items()}
_EVENT = {language: re.compile(stems if language in ("ja", "zh") else rf"(?<![^\W\d_])(?:{stems})", re.IGNORECASE)
          for language, stems in EVENT.items()}
_MOMENT = {language: re.compile(pattern, re.IGNORECASE) for language, pattern in MOMENT.items()}
_STRIKING = {language: re.compile(pattern, re.IGNORECASE) for language, pattern in STRIKING.items()}


def _base(language: str) -> str:
    return (language or "en").split("-")[0].lower()


def event_strength(text: str, language: str) -> float:
    """How much the sentence tells something happening: 2 a verb of dramatic happening (at most
    three counted), 1.5 a moment."""
    language = _base(language)
    event, moment = _EVENT.get(language), _MOMENT.get(language)
    verbs = len(event.findall(text)) if event else 0
    return 2.0 * min(verbs, 3) + (1.5 if moment and moment.search(text) else 0.0)


def is_striking(text: str, language: str) -> bool:
    pattern = _STRIKING.get(_base(language))
    return bool(pattern and pattern.search(text))


def main_event(sentences: Sequence[Sentence], language: str, centrality: Sequence[float]) -> int | None:
    """The position of the sentence the text turns on: the strongest event, ties to the most central
    sentence; None when no sentence tells of one (an explainer without drama). The opening is left
    out (a summary keeps it anyway)."""
    best, best_score = None, 0.0
    for position, sentence in enumerate(sentences):
        if position == 0:
            continue
        strength = event_strength(sentence.text, language)
        if strength < 2.0:
            continue
        score = strength + centrality[position]
        if score > best_score:
            best, best_score = position, score
    return best


YEAR_OR_NUMBER = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})\b|\d")
PAST = {
    # "-ed" after is/are/be is a passive in the present ("Blue light is scattered"), not a past.
    "en": re.compile(r"\b(was|were|had|did|gave|took|fell|came|went|saw|made|found|told|knew|ran|stood|began|became|"
                     r"brought|thought|said|left|kept|held|lost|won|broke|tore|swept)\b|"
                     r"(?<!\bis )(?<!\bare )(?<!\bbe )(?<!\bbeen )\b\w+ed\b", re.IGNORECASE),
    "fr": re.compile(r"\b(\w+(ait|aient|èrent|it|a|ut|urent)|fut|était|avait)\b", re.IGNORECASE),
    "es": re.compile(r"\b(\w+(ó|aba|aban|ía|ían|aron|ieron)|fue|era|había)\b", re.IGNORECASE),
    "de": re.compile(r"\b(war|waren|hatte|hatten|wurde|wurden|\w+te|\w+ten)\b", re.IGNORECASE),
    "it": re.compile(r"\b(\w+(ò|ava|avano|ì|irono|arono)|era|erano|fu|furono|aveva)\b", re.IGNORECASE),
    "pt": re.compile(r"\b(\w+(ou|ava|avam|eu|iu|aram|eram)|foi|era|tinha)\b", re.IGNORECASE),
    "ja": re.compile(r"(ました|でした|だった|った。|た。)"),
}


def is_story(sentences: Sequence[Sentence], language: str) -> bool:
    """Whether the text tells what happened: most of its sentences are in the past."""
    pattern = PAST.get(_base(language))
    if pattern is None or not sentences:
        return False
    return sum(bool(pattern.search(s.text)) for s in sentences) >= 0.5 * len(sentences)


def is_case(text: str) -> bool:
    """A named place or person with a date or a figure ("In 1883, the ash from Krakatoa...")."""
    named = (any(word[:1].isupper() for word in re.findall(r"\w+", text)[1:])
             or bool(re.search(r"[\u30a0-\u30ff]{2,}", text)))
    return named and bool(YEAR_OR_NUMBER.search(text))


def striking_examples(sentences: Sequence[Sentence], language: str, scores: dict[int, float]) -> list[int]:
    """The positions of the examples an explainer is remembered by, best first: real cases (a name
    with a date or a figure) before mere superlatives, the more important first."""
    cases = [position for position, sentence in enumerate(sentences) if position and is_case(sentence.text)]
    others = [position for position, sentence in enumerate(sentences)
              if position and position not in cases and is_striking(sentence.text, language)]
    by_score = lambda position: -scores[sentences[position].index]  # noqa: E731
    return sorted(cases, key=by_score) + sorted(others, key=by_score)
