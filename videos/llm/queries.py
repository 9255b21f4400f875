"""A scene's visual brief (what should be on screen) and two or three footage searches, strict to
broad, when no model gave them: the concrete, filmable things its line names ("dam", "flood water
in a valley", "miners with lamps"), found with videos.llm.visual, not its names or abstractions.
A name becomes what it is ("Bay of Fundy": a bay; "Market Street": a street); a line that names
nothing to film shows what the whole script keeps showing (its theme).

For a line about a lighthouse in a storm, waves on the rocks: brief "lighthouse, storm, waves",
queries ["lighthouse storm", "wave rock", "lighthouse"]. Stock searches work on a few concrete words, so
each query is at most four words. A script in French, Spanish or German gets its searches in its
own language (for sources that search in it) and the same searches in English (most catalogues
describe their items in English), both from the same list of filmable nouns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from videos.llm import phrases as phrasekit
from videos.llm import text as textkit
from videos.llm import visual
from videos.llm.unlisted import same_noun, unlisted

QUERY_WORDS_MAX = 4
QUERIES_MAX = 3
BRIEF_MAX = 300
YEAR = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})\b")
BACKGROUND = ("setting", "material")  # described beside a thing, never searched for alone


@dataclass(frozen=True)
class Searches:
    brief: str
    queries: list[str]  # in the script's language
    english: list[str] = field(default_factory=list)  # the same in English, when the script is not


def _short(phrase: str) -> str:
    return " ".join(phrase.split()[:QUERY_WORDS_MAX])


def _unique(items: list[str]) -> list[str]:
    seen: set[str] = set()
    kept = []
    for item in items:
        item = " ".join(item.split()).strip(" ,.;:")
        if item and item.lower() not in seen:
            seen.add(item.lower())
            kept.append(item)
    return kept


@lru_cache(maxsize=64)
def _theme(context: tuple[str, ...], language: str, title: str) -> tuple[visual.Mention, ...]:
    return tuple(visual.theme(list(context), language, title=title))


def _ranked(found: list[visual.Mention], theme: tuple[visual.Mention, ...]) -> list[visual.Mention]:
    """The line's things, the one a picture should show first: weighed by kind, more when the line
    says it twice, describes it ("rusted cables") or the script keeps coming back to it."""
    themed = {m.thing.english: rank for rank, m in enumerate(theme[:4])}
    score: dict[str, float] = {}
    best: dict[str, visual.Mention] = {}
    for order, mention in enumerate(found):
        key = mention.thing.english
        if key in score:
            score[key] += 0.3
        else:
            score[key] = mention.weight * (0.5 if key in visual.BROAD else 1.0) - 0.04 * order
        if key not in best or (mention.english != key and best[key].english == key):
            best[key] = mention
        if mention.english != key:
            score[key] += 0.15
    for key in score:
        if key in themed:
            score[key] += 0.15 - 0.03 * themed[key]
    return sorted(best.values(), key=lambda m: -score[m.thing.english])


def _head(mention: visual.Mention, *, english: bool) -> str:
    return mention.thing.english if english else mention.said


def _queries(main: list[visual.Mention], setting: visual.Mention | None, theme: tuple[visual.Mention, ...],
             *, english: bool) -> list[str]:
    def said(mention: visual.Mention) -> str:
        return mention.english if english else mention.native

    # Loose servers answer every word of a search: the first two searches cover four things of the
    # line; the last is its main thing alone, for servers that want every word (Commons).
    queries: list[str] = []
    if main and main[0].name and main[0].thing.kind != "person":
        # A landmark with its name, strictest of all ("Tancarville suspension bridge", "Gotthard tunnel").
        head = main[0].thing.english if english else main[0].said
        named = head if main[0].name.lower() in head.lower() else main[0].name \
            if main[0].thing.english.split()[-1] in main[0].name.lower() else f"{main[0].name} {head}"
        queries.append(named)
    if len(main) >= 2:
        queries.append(f"{said(main[0])} {_head(main[1], english=english)}")
    elif main and setting is not None:
        queries.append(f"{said(main[0])} {said(setting)}")
    if len(main) >= 4:
        queries.append(f"{said(main[2])} {_head(main[3], english=english)}")
    elif len(main) == 3:
        queries.append(said(main[2]))
    queries += [said(m) for m in main[:1]]
    queries += [said(m) for m in main[1:2]]
    queries += [said(m) for m in theme[:2]]
    return _unique([_short(q) for q in queries])[:QUERIES_MAX]


def footage_searches(narration: str, *, language: str, visual_query: str = "", subject: str = "",
                     context: list[str] | None = None, title: str = "") -> Searches:
    """The brief and the searches, strict to broad, for one scene. `visual_query`: the writer's own
    search (a model's is kept when it names something to film); `context`: the whole script's
    sentences, whose recurring things are the broadest search; `subject`: the script's most telling
    phrase, for the brief."""
    language = textkit.base_language(language)
    theme = _theme(tuple(context or [narration]), language, title)
    found = visual.mentions(narration, language)
    if visual_query.strip() and not any(w[:1].isupper() for w in visual_query.split()[1:]):
        # A writer's search adds what it names; one made of names ("Gull Rock") adds nothing.
        # Not a word the line writes as a name ("the Church": an institution, not its building).
        named = {w.lower() for w in re.findall(r"\b(?:the|la|le|el) ([A-Z]\w+)", narration)}
        named |= {w.lower() for m in found if m.name for w in m.name.split()}  # "ad Alba": a town, no dawn
        found = found + [m for m in visual.mentions(visual_query, language)
                         if m.thing.english and m.said.lower() not in named]
    found = _standing_for_title(narration, found, title, language) + found
    found = _titled_from_dictionary(narration, found, title, language) + found
    # The nouns no list knows ("les bouquinistes") are searched beside the things the list knows, never instead of
    # the broadest of their searches, and are no part of the brief.
    said = {m.thing.english for m in found} | {m.said.lower() for m in found}
    # Searched only when the title says them too ("Les bouquinistes de Paris"): a word no list knows is as often a
    # describing word, a month or a measure ("first", "marzo", "minutes").
    titled = {w.lower() for w in TOKEN.findall(title)}
    subject_word = _title_subject(title, narration, language)  # searched first of all, below
    said |= {subject_word.lower()} if language == "en" else set()  # (in English only: its searches are all there)
    extra = [m for m in unlisted(narration, language)
             if m.english not in said and any(same_noun(m.said, word, language, language) for word in titled)]
    known = _ranked([m for m in found if m.thing.kind not in BACKGROUND], theme)
    # ... beside the main thing in the strictest search: most searches stop there, with enough pictures that fit.
    main = [*known[:1], extra[0], *known[1:], *extra[1:]] if known and extra else known
    setting = next((m for m in found if m.thing.kind == "setting"), None)
    names = _unique([m.name for m in found if m.name])
    english = language != "en" and language in visual.LANGUAGES
    if not known:
        main = known = list(theme[:2])
    queries = _queries(main, setting, theme, english=False)
    english_queries = _queries(main, setting, theme, english=True) if english else []
    if english and main is not known:
        english_queries = _broadest_kept(english_queries, known[0].english)
    if subject_word and queries:
        # The video's own subject, which the list does not know, first: "thatcher roof", "castells torre".
        first = next((q for q in queries if subject_word.lower() not in q.lower()), queries[0])
        queries = _unique([_short(f"{subject_word} {first.split()[0]}"), *queries])[:QUERIES_MAX]
        if language == "en":
            english_queries = []
    queries = _broadest_kept(queries, known[0].native) if main is not known else queries
    if not queries:  # a language the list does not cover: the scene's own key phrases
        queries = _fallback_queries(narration, language, visual_query, subject, context)
    brief_parts = _unique([*(m.native for m in known[:3]), *(f"({n})" for n in names[:1])])
    if setting is not None and brief_parts:
        brief_parts.append(setting.native)
    year = YEAR.search(narration)
    if year and brief_parts:
        brief_parts[0] = f"{brief_parts[0]} ({year.group(0)})"
    brief = ", ".join(brief_parts).replace(", (", " (")
    if english_queries:
        brief = f"{brief}; {', '.join(_unique([m.english for m in known[:3]]))}"
    return Searches(brief[:BRIEF_MAX], queries, english_queries)


def _broadest_kept(queries: list[str], broadest: str) -> list[str]:
    """`queries`, with the line's main thing alone (the broadest search of the things the list knows) last."""
    if not broadest or broadest.lower() in {q.lower() for q in queries}:
        return queries
    return [*queries[:QUERIES_MAX - 1], _short(broadest)]


TITLE_WORDS_MAX = 6  # a headline; a story's first sentence as its title names no subject
# Third-person pronouns that stand for a thing ("it is cut", "elle est", "er wird geschliffen"); in
# Spanish and Italian the subject goes unsaid, and "lo", "la" are articles too; German "es" is mostly
# no thing at all ("im Berg war es heiß").
PRONOUNS = {"en": frozenset(["it", "they", "them"]), "fr": frozenset(["il", "elle", "ils", "elles"]),
            "de": frozenset(["er", "sie"]), "es": frozenset(["ello"]),
            "it": frozenset(["esso", "essa", "essi", "esse"]),
            # Portuguese says them more than Spanish ("Ela foi pintada de branco"); "o", "a" are articles too
            "pt": frozenset(["ele", "ela", "eles", "elas"])}


# Prepositions of place in a headline title: what follows is where its subject is ("Narrowboats on the canals").
TITLE_PLACES = {"en": frozenset(["on", "in", "at", "along"]), "fr": frozenset(["sur", "dans", "en", "à"]),
                "es": frozenset(["en", "sobre"]), "de": frozenset(["auf", "im", "in", "an", "am"]),
                "it": frozenset(["su", "sul", "sulla", "nel", "nella", "in", "a"]),
                "pt": frozenset(["em", "no", "na", "nos", "nas"])}


def _standing_for_title(narration: str, found: list[visual.Mention], title: str, language: str) -> list[visual.Mention]:
    """The thing a headline title names ("Bernstein an der Ostsee"), when the line speaks of it by a
    pronoun and names neither it nor anyone ("In Werkstätten wird er geschliffen und poliert"): the
    line's first thing, what the sentence speaks of. Not a thing the title names only as where its subject is:
    "them" of "Narrowboats on the canals" are the narrowboats, which the list does not know, not the canals."""
    words = TOKEN.findall(title)
    pronouns = PRONOUNS.get(language, frozenset())
    if not words or len(words) > TITLE_WORDS_MAX or not any(w.lower() in pronouns for w in TOKEN.findall(narration)):
        return []
    titled = [m for m in visual.mentions(title, language) if m.thing.kind not in (*BACKGROUND, "person")]
    said = {m.thing.english for m in found}
    if not titled or titled[0].thing.english in said or any(m.thing.kind == "person" for m in found):
        return []  # a person the line names is likelier what the pronoun stands for ("der Imker ... Er trägt")
    place = next((n for n, word in enumerate(words) if n and word.lower() in TITLE_PLACES.get(language, ())), None)
    if place is not None and titled[0].position > place:
        return []
    return [titled[0]]
TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def _titled_from_dictionary(narration: str, found: list[visual.Mention], title: str,
                            language: str) -> list[visual.Mention]:
    """The video's own subject when only the list made from dictionaries knows it, which in a language other
    than English counts only where the hand-written list finds nothing to film (visual.mentions): a noun of a
    headline title that the line says again is a thing of the line, however much else it names ("Nürnberger
    Lebkuchen" under "In Nürnberg backen Bäcker seit dem Mittelalter Lebkuchen": gingerbread, not only bakers)."""
    words = TOKEN.findall(title)
    if language == "en" or not words or len(words) > TITLE_WORDS_MAX:
        return []
    small = textkit.STOPWORDS.get(language, frozenset())
    said = {m.thing.english for m in found}
    titled = set()
    for word in words:  # the title's first thing, what it is about ("Der längste Tunnel der Welt": no world)
        if len(word) < 4 or word.lower() in small or (language != "de" and word[:1].isupper() and word != words[0]):
            continue  # a name after the title's first word ("Las Fallas de Valencia")
        things = [m.thing for m in visual.mentions(word, language) if m.thing.kind not in ("setting", "modifier")]
        if things:
            titled = {t.english for t in things if t.generated and t.kind not in (*BACKGROUND, "person")}
            break
    if not titled - said:
        return []
    added = []
    for word in TOKEN.findall(narration):
        if len(word) < 4 or word.lower() in small:
            continue
        for mention in visual.mentions(word, language):
            if mention.thing.english in titled - said:
                said.add(mention.thing.english)
                added.append(mention)
    return added


def _title_subject(title: str, narration: str, language: str) -> str:
    """A word of a headline title that the list of filmable nouns does not know and the line says
    again, not as a name: the video's own subject ("thatcher" in "The Thatchers of Norfolk" under "the
    thatcher lays the bundles"), as the line writes it."""
    words = TOKEN.findall(title)
    if not words or len(words) > TITLE_WORDS_MAX:
        return ""
    small = textkit.STOPWORDS.get(language, frozenset()) | textkit.STOPWORDS.get("en", frozenset())
    line = TOKEN.findall(narration)
    for word in words:
        key = word.lower()
        if len(key) < 5 or key in small or visual.lookup(word, language) is not None:
            continue
        stem = key[: max(5, len(key) - 3)]
        for n, said in enumerate(line):
            if said.lower().startswith(stem) and (language == "de" or (n and said[:1].islower())) and \
                    visual.lookup(said, language) is None:
                return said.lower() if language != "de" else said
    return ""


def _fallback_queries(narration: str, language: str, visual_query: str, subject: str,
                      context: list[str] | None) -> list[str]:
    sentences = textkit.split_sentences(narration, language) or [narration]
    found = phrasekit.keyphrases(sentences, language, top=3, context=context)
    queries = [visual_query] if visual_query.strip() else []
    queries += [_short(phrase) for phrase in found[:2]]
    if subject.strip():
        queries.append(_short(subject))
    return _unique(queries)[:QUERIES_MAX]


def footage_brief(narration: str, *, language: str, visual_query: str = "", subject: str = "",
                  context: list[str] | None = None) -> tuple[str, list[str]]:
    """(brief, queries strict to broad) for one scene, in the script's language."""
    found = footage_searches(narration, language=language, visual_query=visual_query, subject=subject,
                             context=context)
    return found.brief, found.queries


def script_subject(narrations: list[str], language: str) -> str:
    """The script's most telling phrase ("spring tides")."""
    sentences = [s for narration in narrations for s in textkit.split_sentences(narration, language)]
    return (phrasekit.keyphrases(sentences, language, top=1) or [""])[0] if sentences else ""


def script_theme(narrations: list[str], language: str, *, title: str = "",
                 count: int = 2) -> tuple[list[str], list[str]]:
    """What the script keeps showing, most first, in its language and in English ("phare",
    "lighthouse"): the search for a scene that names nothing to film, and what a picture from the
    video's world reads like."""
    language = textkit.base_language(language)
    found = _theme(tuple(narrations), language, title)[:count]
    return [m.native for m in found], [m.english for m in found]


def scene_footage_fields(narration: str, *, language: str, visual_query: str, visual_brief: str = "",
                         queries: tuple[str, ...] | list[str] = (), subject: str = "",
                         context: list[str] | None = None, title: str = "") -> dict[str, object]:
    """The Scene fields for its footage. A model's brief and English queries are kept; a script in
    another language also gets searches in its own language, derived here. Without a model's queries
    both are derived from the line."""
    base = textkit.base_language(language)
    derived = footage_searches(narration, language=language, visual_query="" if queries else visual_query,
                               subject=subject, context=context, title=title)
    brief = (visual_brief or derived.brief)[:BRIEF_MAX]
    if queries:
        model_queries = _unique(list(queries))[:QUERIES_MAX]
        if base == "en" or not derived.queries:
            return {"visual_brief": brief, "footage_queries": model_queries, "queries_language": "en",
                    "english_queries": []}
        return {"visual_brief": brief, "footage_queries": derived.queries, "queries_language": base,
                "english_queries": model_queries}
    return {"visual_brief": brief, "footage_queries": derived.queries, "queries_language": base,
            "english_queries": derived.english}
