"""The part every LLM writer shares: prompts in, usable drafts out.

A vendor module implements `_complete` (one request, one reply, with the vendor's own structured
output) and raises `Transient` for what is worth retrying (timeouts, 429, 5xx). Around it this
module adds: retries with backoff that honour retry-after, all within one deadline for the whole
writing step (SCRIPT_WRITING_DEADLINE_SECONDS), the circuit breaker (via `provider_call`), a
lenient reading of the reply (`replies`: missing, renamed and extra fields, prose, single quotes),
defaults derived from the narration for what the reply left out (`derive`), and one repair: a
reply with no usable narration, in the wrong language, empty, huge or cut off is sent back once
with the problem; a second failure raises WriterError with the output kept for inspection, so
nothing partial becomes a script.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, ClassVar

from django.conf import settings
from pydantic import BaseModel

from faceless_site.providers import BreakerOpen, provider_call
from videos.llm import derive, prompts, replies
from videos.llm import phrases as phrasekit
from videos.llm import text as textkit
from videos.llm.base import (
    SceneDraft,
    SceneSchema,
    ScriptDraft,
    ScriptSchema,
    TopicsSchema,
    WriterError,
    WriterUnavailable,
    WritingBrief,
    enforce_limits,
    json_schema,
)

# Sources longer than this many words are condensed (extractively, whole sentences) before they
# are sent: a small local model's context would otherwise cut them off unseen.
LLM_SOURCE_MAX_WORDS = 6000
# Replies longer than this are not asked for: many models cap their output near 16k tokens.
MAX_OUTPUT_TOKENS = 16_000
# A rate limit asking for a longer pause than this is treated as "unavailable": a job should
# move on to the next writer rather than sit idle.
MAX_RETRY_AFTER_SECONDS = 60
OUTPUT_KEPT_CHARS = 20_000
# What a failed reply was meant to be, in the user's words.
# What a failure calls the answer it wanted, and what it left as it was.
FORMAT_WORDS = {"ScriptSchema": ("a script", "the previous script is unchanged"),
                "SceneSchema": ("a scene", "the scene is unchanged"),
                "TopicsSchema": ("topic ideas", "the channel's topic ideas are unchanged")}


@dataclass(frozen=True)
class Completion:
    text: str
    input_tokens: int = 0
    output_tokens: int = 0
    retries: int = 0
    truncated: bool = False
    notes: tuple[str, ...] = ()


class Transient(Exception):
    """A failure worth retrying after a pause."""

    def __init__(self, reason: str, *, retry_after: float | None = None, status: int | None = None) -> None:
        super().__init__(reason)
        self.reason, self.retry_after, self.status = reason, retry_after, status


@dataclass
class _Usage:
    input_tokens: int = 0
    output_tokens: int = 0
    retries: int = 0
    repaired: bool = False
    notes: tuple[str, ...] = ()

    def add(self, completion: Completion) -> None:
        self.input_tokens += completion.input_tokens
        self.output_tokens += completion.output_tokens
        self.retries += completion.retries
        self.notes += tuple(note for note in completion.notes if note not in self.notes)


class ChatWriter:
    """Base of the LLM writers; subclasses set `name`, `label` and implement `_complete`."""

    name: ClassVar[str]
    label: ClassVar[str]

    def __init__(self, *, model: str) -> None:
        self.model = model
        self.deadline = 0.0  # time.monotonic() by which the writing step must be done; 0: none

    def _complete(self, *, system: str, messages: list[dict[str, str]], schema: dict[str, Any],
                  max_tokens: int, timeout: float) -> Completion:
        raise NotImplementedError

    # --- Writer protocol ---------------------------------------------------------------------

    def write(self, brief: WritingBrief) -> ScriptDraft:
        started = time.monotonic()
        self.deadline = brief.deadline
        usage = _Usage()
        if textkit.count_words(brief.source_text, brief.language) > LLM_SOURCE_MAX_WORDS:
            from videos.llm.offline import condense

            words = max(LLM_SOURCE_MAX_WORDS // 2, brief.target_words * 3)
            brief = replace(brief, source_text=condense(brief.source_text, words, brief.language))
        fields = self._structured(
            prompts.render_instructions(brief), prompts.write_request(brief), ScriptSchema,
            lambda value: self._script_fields(value, brief),
            max_tokens=min(MAX_OUTPUT_TOKENS, max(2048, brief.target_words * 4)), usage=usage)
        draft = ScriptDraft(
            title="", hook="", description="", tags=(), scenes=(),
            language=brief.language, provider=self.name, model=self.model,
            prompt_version=prompts.prompt_version(brief), input_tokens=usage.input_tokens,
            output_tokens=usage.output_tokens, seconds=round(time.monotonic() - started, 3),
            retries=usage.retries, repaired=usage.repaired, notes=usage.notes,
        )
        return enforce_limits(complete_script(fields, brief, draft))

    def rewrite_scene(self, brief: WritingBrief, draft: ScriptDraft, index: int, instruction: str) -> SceneDraft:
        self.deadline = brief.deadline
        fields = self._structured(prompts.render_instructions(brief),
                                  prompts.rewrite_request(brief, draft, index, instruction), SceneSchema,
                                  replies.single_scene_fields, max_tokens=1024, usage=_Usage())
        context = [scene.narration for scene in draft.scenes]
        query = fields["visual_query"] or derive.footage_query(fields["narration"], brief.language, context,
                                                               draft.scenes[index].visual_query)
        return SceneDraft(fields["narration"], query, fields["on_screen_text"],
                          visual_brief=fields.get("visual_brief", ""), queries=tuple(fields.get("queries") or ()))

    def suggest_topics(self, brief: WritingBrief, n: int, existing: list[str]) -> list[str]:
        self.deadline = brief.deadline
        topics = self._structured(prompts.render_instructions(brief), prompts.topics_request(brief, n, existing),
                                  TopicsSchema, replies.topic_list, max_tokens=1024, usage=_Usage())
        return [" ".join(topic.split()) for topic in topics if topic.strip()]

    def _script_fields(self, value: Any, brief: WritingBrief) -> dict[str, Any]:
        fields = replies.script_fields(value)
        spoken = " ".join(scene["narration"] for scene in fields["scenes"])
        found = textkit.detect_language(spoken, brief.language)
        if textkit.base_language(found) != textkit.base_language(brief.language):
            wanted = prompts.language_name(brief.language)
            raise replies.ReplyProblem(f"the narration is in {prompts.language_name(found)}, but the script must be "
                                       f"in {wanted}; write every field in {wanted}")
        return fields

    # --- Structured output with one repair ---------------------------------------------------

    def _structured(self, system: str, request: str, schema_model: type[BaseModel],
                    read: Callable[[Any], Any], *, max_tokens: int, usage: _Usage) -> Any:
        schema = json_schema(schema_model)
        messages = [{"role": "user", "content": request}]
        first = self._call(system, messages, schema, max_tokens, usage)
        try:
            return self._read(first, read, accept_salvage=False)
        except replies.ReplyProblem as exc:
            problem = str(exc)
        usage.repaired = True
        messages += [
            {"role": "assistant", "content": first.text[:OUTPUT_KEPT_CHARS] or "(empty reply)"},
            {"role": "user", "content": f"That reply cannot be used: {problem}. Reply again with the complete "
                                        "JSON object only, matching the schema."},
        ]
        second = self._call(system, messages, schema, max_tokens, usage)
        try:
            result = self._read(second, read, accept_salvage=True)
        except replies.ReplyProblem as exc:
            wanted, kept = FORMAT_WORDS.get(schema_model.__name__, ("the expected answer", "nothing changed"))
            raise WriterError(
                f"{self.label} ({self.model}) twice returned output that cannot be used as {wanted} ({exc}). "
                f"Nothing was saved and {kept}. Its output is kept in the job's details; try again, "
                "or set a more capable model on the channel.",
                raw_output=second.text[:OUTPUT_KEPT_CHARS],
                details={"first_output": first.text[:OUTPUT_KEPT_CHARS], "first_problem": problem},
            ) from None
        if second.truncated:
            usage.notes += (f"{self.label} ({self.model}) stopped at its length limit twice; the script keeps the "
                            "scenes it finished. Read its ending before approving it.",)
        return result

    @staticmethod
    def _read(completion: Completion, read: Callable[[Any], Any], *, accept_salvage: bool) -> Any:
        reading = replies.read_json(completion.text)
        if (reading.salvaged or completion.truncated) and not accept_salvage:
            raise replies.ReplyProblem("the reply was cut off at the length limit; keep every field shorter "
                                       "and close the JSON")
        return read(reading.value)

    def _remaining(self) -> float | None:
        return None if not self.deadline else self.deadline - time.monotonic()

    def _out_of_time(self) -> WriterUnavailable:
        return WriterUnavailable(
            f"{self.label} did not finish within the writing deadline of "
            f"{settings.SCRIPT_WRITING_DEADLINE_SECONDS:g} s (SCRIPT_WRITING_DEADLINE_SECONDS); nothing was saved. "
            "Check that the model server is running and not overloaded, or raise the setting for a slow model.")

    def _call(self, system: str, messages: list[dict[str, str]], schema: dict[str, Any], max_tokens: int,
              usage: _Usage) -> Completion:
        try:
            with provider_call(provider=self.name, operation="chat") as call:
                completion = self._with_retries(call, system, messages, schema, max_tokens)
                call.retries = completion.retries
        except BreakerOpen as exc:
            raise WriterUnavailable(f"{self.label}: {exc}") from None
        usage.add(completion)
        return completion

    def _with_retries(self, call: Any, system: str, messages: list[dict[str, str]], schema: dict[str, Any],
                      max_tokens: int) -> Completion:
        attempts = settings.LLM_MAX_RETRIES + 1
        for attempt in range(attempts):
            remaining = self._remaining()
            if remaining is not None and remaining <= 0.05:
                raise self._out_of_time()
            timeout = settings.LLM_TIMEOUT_SECONDS if remaining is None else min(settings.LLM_TIMEOUT_SECONDS,
                                                                                    remaining)
            try:
                completion = self._complete(system=system, messages=messages, schema=schema, max_tokens=max_tokens,
                                            timeout=timeout)
            except WriterError as exc:
                call.status = exc.details.get("status")  # a 4xx is the request's fault, not an outage
                raise
            except Transient as exc:
                call.status, call.retries = exc.status, attempt
                if exc.retry_after is not None and exc.retry_after > MAX_RETRY_AFTER_SECONDS:
                    raise WriterUnavailable(f"{self.label} is rate-limited for {exc.retry_after:.0f} s "
                                            f"({exc.reason}).") from None
                remaining = self._remaining()
                if remaining is not None and remaining <= 0.05:
                    raise self._out_of_time() from None
                if attempt == attempts - 1:
                    raise WriterUnavailable(f"{self.label} failed {attempts} times in a row "
                                            f"(last: {exc.reason}).") from None
                delay = self._delay(attempt, exc.retry_after)
                if remaining is not None and delay >= remaining:
                    raise self._out_of_time() from None
                time.sleep(delay)
                continue
            call.status = 200  # the failures before it were retried away
            return replace(completion, retries=completion.retries + attempt)
        raise AssertionError("unreachable")

    @staticmethod
    def _delay(attempt: int, retry_after: float | None) -> float:
        if retry_after is not None:
            return retry_after
        base = float(getattr(settings, "LLM_RETRY_BASE_SECONDS", 1.0))
        # Jitter spreads the retries of several workers hitting the same limit.
        return min(30.0, base * 2**attempt) * (0.75 + random.random() / 2)


def complete_script(fields: dict[str, Any], brief: WritingBrief, draft: ScriptDraft) -> ScriptDraft:
    """The draft with every field a reply may leave out filled in from its narration, and the hook
    made the narration's opening words."""
    language = brief.language
    narrations = [scene["narration"] for scene in fields["scenes"]]
    sentences = [s for narration in narrations for s in textkit.split_sentences(narration, language)]
    hook, narrations[0] = derive.hook_opens(fields["hook"], narrations[0], language, later=" ".join(narrations[1:]))
    subject = (phrasekit.keyphrases(sentences, language, top=1) or [""])[0]
    scenes = tuple(
        SceneDraft(narration=narration,
                   visual_query=scene["visual_query"] or derive.footage_query(narration, language, sentences, subject),
                   on_screen_text=scene["on_screen_text"], visual_brief=scene.get("visual_brief", ""),
                   queries=tuple(scene.get("queries") or ()))
        for narration, scene in zip(narrations, fields["scenes"], strict=True)
    )
    title = fields["title"] or brief.topic or derive.title_from_sentence(hook) or subject
    return replace(
        draft, title=title, hook=hook, scenes=scenes,
        description=fields["description"] or derive.description_from([hook, *sentences[1:]], language),
        tags=tuple(fields["tags"] or derive.tags_for(sentences, language, niche=brief.niche, title=title)),
    )
