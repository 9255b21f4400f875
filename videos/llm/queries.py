"""A scene's visual brief (what should be on screen) and two or three footage searches, strict to
broad, when no model gave them: from the scene's own names, numbers and key phrases, then the
video's subject. The model writers ask for both in their schema; a reply without them comes here.

For a line about a lighthouse in a storm: brief "lighthouse in a storm, waves", queries
["lighthouse storm waves", "lighthouse", "stormy sea"]. Stock searches work on a few concrete
words, so each query is at most five words; the brief may be longer and feeds relevance scoring.
"""

from __future__ import annotations

import re

from videos.llm import phrases as phrasekit
from videos.llm import text as textkit

QUERY_WORDS_MAX = 5
QUERIES_MAX = 3
BRIEF_MAX = 300
YEAR = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})\b")


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


def footage_brief(narration: str, *, language: str, visual_query: str = "", subject: str = "",
                  context: list[str] | None = None) -> tuple[str, list[str]]:
    """(brief, queries strict to broad) for one scene. `visual_query`: the writer's own search, kept
    as the strictest query; `subject`: the video's subject, the broadest query; `context`: the whole
    script's sentences, so the phrase finder knows how the text uses each word."""
    sentences = textkit.split_sentences(narration, language) or [narration]
    found = phrasekit.keyphrases(sentences, language, top=3, context=context)
    names = [name for name, _count in phrasekit.names(sentences, language).most_common(2)]
    key = _unique([*names, *found])
    queries = []
    if visual_query.strip():
        queries.append(visual_query)
    queries += [_short(phrase) for phrase in key[:2]]
    if subject.strip():
        queries.append(_short(subject))
    queries = _unique(queries)[:QUERIES_MAX]
    year = YEAR.search(narration)
    brief_parts = _unique([visual_query, *key[:3]])
    if year and brief_parts:
        brief_parts[0] = f"{brief_parts[0]} ({year.group(0)})"
    if subject.strip() and subject.lower() not in " ".join(brief_parts).lower():
        brief_parts.append(f"about {subject.strip()}")
    return ", ".join(brief_parts)[:BRIEF_MAX], queries


def script_subject(narrations: list[str], language: str) -> str:
    """The script's most telling phrase ("spring tides"): the broadest search of every scene."""
    sentences = [s for narration in narrations for s in textkit.split_sentences(narration, language)]
    return (phrasekit.keyphrases(sentences, language, top=1) or [""])[0] if sentences else ""


def scene_footage_fields(narration: str, *, language: str, visual_query: str, visual_brief: str = "",
                         queries: tuple[str, ...] | list[str] = (), subject: str = "",
                         context: list[str] | None = None) -> dict[str, object]:
    """The Scene fields for its footage: the writer's brief and English queries when it gave them,
    else derived here in the script's language."""
    if queries:
        brief = visual_brief or footage_brief(narration, language=language, visual_query=visual_query,
                                              subject=subject, context=context)[0]
        return {"visual_brief": brief[:BRIEF_MAX], "footage_queries": list(queries)[:QUERIES_MAX],
                "queries_language": "en"}
    brief, derived = footage_brief(narration, language=language, visual_query=visual_query, subject=subject,
                                   context=context)
    return {"visual_brief": (visual_brief or brief)[:BRIEF_MAX], "footage_queries": derived,
            "queries_language": textkit.base_language(language)}
