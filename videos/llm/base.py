"""What every script writer shares: the brief it writes from, the drafts it returns, the schema
model output must match, the `Writer` protocol, its errors, and the limits YouTube enforces."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any, Protocol

from pydantic import BaseModel, ConfigDict, Field

TITLE_MAX = 100
DESCRIPTION_MAX = 5000
TAGS_TOTAL_MAX = 500
TAG_MAX = 100
VISUAL_QUERY_MAX = 200
VISUAL_BRIEF_MAX = 300
ON_SCREEN_MAX = 100  # videos.models.ON_SCREEN_TEXT_MAX_CHARS: what a person may then edit in the studio
# Scenes of 5-12 s read well against stock footage; 8 s is the length the writers aim for.
SCENE_SECONDS_MIN, SCENE_SECONDS_AIM, SCENE_SECONDS_MAX = 5, 8, 12


@dataclass(frozen=True)
class WritingBrief:
    topic: str
    source_text: str
    niche: str
    audience: str
    tone: str
    language: str
    target_seconds: int
    words_per_minute: int
    prompt_template: str = ""
    model: str = ""
    # time.monotonic() by which the writing step must be done (SCRIPT_WRITING_DEADLINE_SECONDS); 0: none.
    deadline: float = 0.0

    @property
    def target_words(self) -> int:
        return max(20, round(self.target_seconds * self.words_per_minute / 60))

    @property
    def scene_count(self) -> int:
        return max(1, round(self.target_seconds / SCENE_SECONDS_AIM))

    def words_for(self, seconds: float) -> int:
        return max(1, round(seconds * self.words_per_minute / 60))


@dataclass(frozen=True)
class SceneDraft:
    narration: str
    visual_query: str
    on_screen_text: str = ""
    # What should be on screen, and English footage searches strict to broad; empty when the writer
    # gave none (the writing service derives them, videos.llm.queries).
    visual_brief: str = ""
    queries: tuple[str, ...] = ()


@dataclass(frozen=True)
class ScriptDraft:
    title: str
    hook: str
    description: str
    tags: tuple[str, ...]
    scenes: tuple[SceneDraft, ...]
    language: str
    provider: str
    model: str = ""
    prompt_version: str = ""
    input_tokens: int = 0
    output_tokens: int = 0
    seconds: float = 0.0
    # Retries the provider needed (timeouts, 429, 5xx) and whether the output had to be repaired.
    retries: int = 0
    repaired: bool = False
    # Things the user should know that did not stop the writer (e.g. the model is being retired).
    notes: tuple[str, ...] = ()

    @property
    def word_count(self) -> int:
        """Speech words (`videos.llm.speech`): `estimated_seconds(word_count, words_per_minute)` is how
        long the narration runs, in any language."""
        from videos.llm.speech import speech_words

        return round(sum(speech_words(scene.narration, self.language) for scene in self.scenes))


@dataclass(frozen=True)
class TopicIdea:
    """A topic idea; `passage`, when the idea comes from a source text, is what it says about it, so the
    video made from the idea has a source to be written from."""

    topic: str
    passage: str = ""


class WriterError(Exception):
    """The writer ran but its result is unusable; `message` tells the user what to do, and
    `raw_output` keeps what the model said for inspection."""

    def __init__(self, message: str, *, raw_output: str = "", details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.raw_output = raw_output
        self.details = details or {}


class WriterUnavailable(Exception):
    """This writer cannot serve the request (not configured, unreachable, circuit open): try the next."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Writer(Protocol):
    name: str

    def write(self, brief: WritingBrief) -> ScriptDraft: ...

    def rewrite_scene(self, brief: WritingBrief, draft: ScriptDraft, index: int, instruction: str) -> SceneDraft: ...

    def suggest_topics(self, brief: WritingBrief, n: int, existing: list[str]) -> list[str] | list[TopicIdea]: ...


# --- The schema sent for structured output ----------------------------------------------------------
# Every field is required and nothing extra is allowed: OpenAI's strict mode insists on that. What
# comes back is read leniently (videos.llm.replies): real models leave fields out anyway. Lengths
# are guidance in descriptions, not constraints, because `enforce_limits` trims them.

class SceneSchema(BaseModel):
    model_config = ConfigDict(extra="forbid")
    narration: str = Field(min_length=1, description="What the narrator says in this scene, 1-3 spoken sentences.")
    visual_query: str = Field(description="2-4 concrete nouns for a stock footage search: 'lighthouse storm sea'.")
    on_screen_text: str = Field(description="A few words shown on screen, or an empty string.")
    # Read leniently like every field: a reply without these still makes a script (they are derived).
    visual_brief: str = Field(description="What should be on screen, one short English sentence: "
                                          "'a lighthouse in a storm, waves breaking over it'.")
    queries: list[str] = Field(description="2-3 English stock-footage searches, strict to broad: "
                                           "['lighthouse storm waves', 'lighthouse', 'stormy sea'].")


class ScriptSchema(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: str = Field(min_length=1, description="Video title, at most 100 characters.")
    hook: str = Field(min_length=1, description="The opening line; the first scene starts with it.")
    description: str = Field(description="YouTube description, plain text, at most 5000 characters.")
    tags: list[str] = Field(description="5-15 search tags, 500 characters in all.")
    scenes: list[SceneSchema] = Field(min_length=1)


class TopicsSchema(BaseModel):
    model_config = ConfigDict(extra="forbid")
    topics: list[str] = Field(min_length=1, description="Video topic ideas, one short line each.")


# Validation still enforces these; the vendors' structured output does not all accept them
# (Anthropic and OpenAI strict mode reject string length constraints).
UNSENT_KEYWORDS = frozenset({"title", "minLength", "maxLength"})


def json_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The model's JSON schema as sent for structured output: `$ref`s inlined (small local models
    and some gateways ignore `$defs`) and without keywords some vendors reject."""
    schema = model.model_json_schema()
    defs = schema.pop("$defs", {})

    def inline(node: Any, *, names: bool = False) -> Any:
        # `names`: the keys of this dict are property names (one may be "title"), not keywords.
        if isinstance(node, dict):
            if "$ref" in node:
                return inline(defs[node["$ref"].rsplit("/", 1)[-1]])
            return {key: inline(value, names=key == "properties" and not names) for key, value in node.items()
                    if names or key not in UNSENT_KEYWORDS}
        if isinstance(node, list):
            return [inline(item) for item in node]
        return node

    return inline(schema)


# --- Limits enforced after generation -------------------------------------------------------------

def clean_text(text: str) -> str:
    # YouTube rejects '<' and '>' in titles and descriptions.
    return text.replace("<", "").replace(">", "").strip()


def cut_at_word(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut[:limit].rstrip(" ,;:-–—")


def cut_description(text: str, limit: int = DESCRIPTION_MAX) -> str:
    text = text.strip()
    if len(text) <= limit:
        return text
    head = text[:limit]
    # End on a whole sentence or line when one ends in the last fifth; else on a word.
    end = max(head.rfind(". "), head.rfind("\n"), head.rfind("! "), head.rfind("? "))
    return head[: end + 1].rstrip() if end > limit * 0.8 else cut_at_word(head, limit)


def tags_length(tags: list[str] | tuple[str, ...]) -> int:
    """Characters YouTube counts: each tag, a comma between tags, quotes around tags with spaces."""
    return sum(len(tag) + (2 if " " in tag else 0) for tag in tags) + max(0, len(tags) - 1)


def limit_tags(tags: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    kept: list[str] = []
    seen: set[str] = set()
    for raw in tags:
        tag = " ".join(clean_text(str(raw)).replace(",", " ").lstrip("#").split())[:TAG_MAX]
        if not tag or tag.lower() in seen:
            continue
        if tags_length([*kept, tag]) > TAGS_TOTAL_MAX:
            continue
        kept.append(tag)
        seen.add(tag.lower())
    return tuple(kept)


def enforce_limits(draft: ScriptDraft) -> ScriptDraft:
    scenes = tuple(
        SceneDraft(narration=" ".join(scene.narration.split()),
                   visual_query=cut_at_word(clean_text(scene.visual_query), VISUAL_QUERY_MAX),
                   on_screen_text=cut_at_word(clean_text(scene.on_screen_text), ON_SCREEN_MAX),
                   visual_brief=cut_at_word(clean_text(scene.visual_brief), VISUAL_BRIEF_MAX),
                   queries=tuple(q for q in (cut_at_word(clean_text(q), VISUAL_QUERY_MAX) for q in scene.queries[:3])
                                 if q))
        for scene in draft.scenes if scene.narration.strip()
    )
    return replace(
        draft,
        title=cut_at_word(clean_text(draft.title), TITLE_MAX),
        hook=" ".join(draft.hook.split()),
        description=cut_description(clean_text(draft.description)),
        tags=limit_tags(draft.tags),
        scenes=scenes,
    )


def estimated_seconds(words: int, words_per_minute: int) -> float:
    return math.ceil(words * 600 / max(1, words_per_minute)) / 10
