"""The part every LLM writer shares: prompts in, schema-checked drafts out.

A vendor module implements `_complete` (one request, one reply) and raises `Transient` for what
is worth retrying (timeouts, 429, 5xx). Around it this module adds: retries with backoff that
honour retry-after, the circuit breaker (via `provider_call`), and one repair: output that is not
JSON or breaks the schema is sent back once with the validation error; a second failure raises
WriterError with the output kept for inspection, so nothing partial becomes a script.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, replace
from typing import Any, ClassVar

from django.conf import settings
from pydantic import BaseModel
from pydantic import ValidationError as SchemaError

from faceless_site.providers import BreakerOpen, provider_call
from videos.llm import prompts
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
    parse_json_object,
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
FORMAT_NAMES = {"ScriptSchema": "script", "SceneSchema": "scene", "TopicsSchema": "topic-ideas"}


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


def parse_retry_after(value: str | None) -> float | None:
    try:
        return max(0.0, float(value)) if value not in (None, "") else None
    except ValueError:
        return None  # an HTTP date: fall back to our own backoff


def _describe(exc: Exception) -> str:
    if isinstance(exc, SchemaError):
        problems = [f"{'.'.join(str(p) for p in err['loc']) or 'reply'}: {err['msg']}" for err in exc.errors()[:8]]
        return "; ".join(problems)
    return f"not valid JSON ({exc})"


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

    def _complete(self, *, system: str, messages: list[dict[str, str]], schema: dict[str, Any],
                  max_tokens: int) -> Completion:
        raise NotImplementedError

    # --- Writer protocol ---------------------------------------------------------------------

    def write(self, brief: WritingBrief) -> ScriptDraft:
        started = time.monotonic()
        usage = _Usage()
        if len(brief.source_text.split()) > LLM_SOURCE_MAX_WORDS:
            from videos.llm.offline import condense

            words = max(LLM_SOURCE_MAX_WORDS // 2, brief.target_words * 3)
            brief = replace(brief, source_text=condense(brief.source_text, words, brief.language))
        reply = self._structured(prompts.render_instructions(brief), prompts.write_request(brief), ScriptSchema,
                                 max_tokens=min(MAX_OUTPUT_TOKENS, max(2048, brief.target_words * 4)), usage=usage)
        draft = ScriptDraft(
            title=reply.title, hook=reply.hook, description=reply.description, tags=tuple(reply.tags),
            scenes=tuple(SceneDraft(s.narration, s.visual_query, s.on_screen_text) for s in reply.scenes),
            language=brief.language, provider=self.name, model=self.model,
            prompt_version=prompts.prompt_version(brief), input_tokens=usage.input_tokens,
            output_tokens=usage.output_tokens, seconds=round(time.monotonic() - started, 3),
            retries=usage.retries, repaired=usage.repaired, notes=usage.notes,
        )
        return enforce_limits(draft)

    def rewrite_scene(self, brief: WritingBrief, draft: ScriptDraft, index: int, instruction: str) -> SceneDraft:
        reply = self._structured(prompts.render_instructions(brief),
                                 prompts.rewrite_request(brief, draft, index, instruction), SceneSchema,
                                 max_tokens=1024, usage=_Usage())
        return SceneDraft(reply.narration, reply.visual_query, reply.on_screen_text)

    def suggest_topics(self, brief: WritingBrief, n: int, existing: list[str]) -> list[str]:
        reply = self._structured(prompts.render_instructions(brief), prompts.topics_request(brief, n, existing),
                                 TopicsSchema, max_tokens=1024, usage=_Usage())
        return [" ".join(topic.split()) for topic in reply.topics if topic.strip()]

    # --- Structured output with one repair ---------------------------------------------------

    def _structured(self, system: str, request: str, schema_model: type[BaseModel], *, max_tokens: int,
                    usage: _Usage) -> Any:
        schema = json_schema(schema_model)
        messages = [{"role": "user", "content": request}]
        first = self._call(system, messages, schema, max_tokens, usage)
        try:
            return schema_model.model_validate(parse_json_object(first.text))
        except (ValueError, SchemaError) as exc:
            problem = _describe(exc)
            if first.truncated:
                problem += "; the reply was cut off at the length limit, so keep every field shorter"
        usage.repaired = True
        messages += [
            {"role": "assistant", "content": first.text or "(empty reply)"},
            {"role": "user", "content": f"That reply cannot be used: {problem}. Reply again with the complete "
                                        "JSON object only, matching the schema exactly."},
        ]
        second = self._call(system, messages, schema, max_tokens, usage)
        try:
            return schema_model.model_validate(parse_json_object(second.text))
        except (ValueError, SchemaError) as exc:
            raise WriterError(
                f"{self.label} ({self.model}) twice returned output that does not fit the "
                f"{FORMAT_NAMES.get(schema_model.__name__, 'expected')} format "
                f"({_describe(exc)}). Nothing was saved. Its output is kept in the job's details; try again, "
                "or set a more capable model on the channel.",
                raw_output=second.text[:OUTPUT_KEPT_CHARS],
                details={"first_output": first.text[:OUTPUT_KEPT_CHARS], "first_problem": problem},
            ) from None

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
            try:
                completion = self._complete(system=system, messages=messages, schema=schema, max_tokens=max_tokens)
            except WriterError as exc:
                call.status = exc.details.get("status")  # a 4xx is the request's fault, not an outage
                raise
            except Transient as exc:
                call.status, call.retries = exc.status, attempt
                if exc.retry_after is not None and exc.retry_after > MAX_RETRY_AFTER_SECONDS:
                    raise WriterUnavailable(f"{self.label} is rate-limited for {exc.retry_after:.0f} s "
                                            f"({exc.reason}).") from None
                if attempt == attempts - 1:
                    raise WriterUnavailable(f"{self.label} failed {attempts} times in a row "
                                            f"(last: {exc.reason}).") from None
                time.sleep(self._delay(attempt, exc.retry_after))
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
