"""Writing: scripts (every one a new version), scene rewrites, restores, approval, topic ideas,
and the job steps that run them. The same functions serve the admin, the studio pages, the API
and manage.py; the steps only translate their errors into messages for the job.

Writers are tried in the channel's order (`videos.llm.choose_writers`): a writer that is not
configured, unreachable or skipped by its circuit breaker hands over to the next, with a warning
on the job; a writer whose output is unusable fails the job, keeping that output in its details.
Nothing partial is ever saved: a script and its scenes are written in one transaction.
"""

from __future__ import annotations

import difflib
import logging
import re
import time
import unicodedata
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from videos.llm import choose_writers
from videos.llm import queries as footage_queries
from videos.llm.base import (
    SceneDraft,
    ScriptDraft,
    TopicIdea,
    Writer,
    WriterError,
    WriterUnavailable,
    WritingBrief,
    cut_at_word,
    estimated_seconds,
)
from videos.llm.prompts import language_name
from videos.llm.text import STOPWORDS, base_language, split_sentences, stem, words
from videos.models import ON_SCREEN_TEXT_MAX_CHARS, Scene, Script, Video
from videos.services import video_input as video_services
from videos.services.jobs import JobContext, StepFailed
from videos.services.script_state import script_follow_scene_one, video_script_changed

T = TypeVar("T")
logger = logging.getLogger(__name__)
MAX_INPUT_CHARS = video_services.MAX_INPUT_CHARS
MAX_INSTRUCTION_CHARS = 1000
MAX_TOPICS = 20
TOPIC_MAX_CHARS = 300


class _NoContext:
    """Stands in for a JobContext when a service is called outside a job (a command, a test)."""

    job = None

    def progress(self, percent: float, stage: str, message: str = "") -> None: ...

    def warn(self, message: str) -> None: ...

    def add_details(self, **details: Any) -> None: ...

    def raise_if_cancelled(self) -> None: ...


class NoWriterAvailable(Exception):
    def __init__(self, reasons: list[str]) -> None:
        self.reasons = reasons
        listed = " ".join(reasons) if reasons else "The channel's writer order is empty."
        super().__init__(f"No writer could do this. {listed}")
        self.message = str(self)


# --- Input ---------------------------------------------------------------------------------------

def video_validate_input(*, topic: str, source_text: str) -> tuple[str, str]:
    """The cleaned (topic, source_text), or ValidationError saying what to change.

    Refuses: nothing at all; a topic over 300 or a source over 100,000 characters; a topic or
    source without a single word (only punctuation or symbols). Control characters are removed.
    """
    topic = _strip_controls(topic or "")
    source_text = _strip_controls(source_text or "")
    topic, source_text = video_services.video_validate_input(topic=topic, source_text=source_text)
    if topic and not words(topic):
        raise ValidationError("The topic has no words in it; describe what the video is about.")
    if source_text and not words(source_text):
        raise ValidationError("The source text has no words in it; paste an article, notes or a story.")
    return topic, source_text


def _strip_controls(text: str) -> str:
    # Keep newlines and tabs (paragraphs matter); drop NULs and other control characters.
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")


def writing_deadline() -> float:
    """The time.monotonic() by which a writing step must be done: one deadline for every writer,
    try, retry and repair, so a hung model server fails the job in bounded time."""
    return time.monotonic() + float(settings.SCRIPT_WRITING_DEADLINE_SECONDS)


def brief_for(video: Video) -> WritingBrief:
    channel = video.channel
    return WritingBrief(
        topic=video.topic, source_text=video.source_text, niche=channel.niche, audience=channel.audience,
        tone=channel.tone, language=channel.language, target_seconds=channel.target_seconds,
        words_per_minute=channel.voice_rate, prompt_template=channel.prompt_template, model=channel.llm_model,
        deadline=writing_deadline(),
    )


def _channel_brief(channel: Any) -> WritingBrief:
    # The channel's own sources (newest first, within the input limit): material to draw ideas from.
    sources, size = [], 0
    for text in Video.objects.filter(channel=channel).exclude(source_text="").values_list("source_text", flat=True):
        if size + len(text) > MAX_INPUT_CHARS:
            break
        sources.append(text)
        size += len(text) + 2
    return WritingBrief(
        topic="", source_text="\n\n".join(sources), niche=channel.niche, audience=channel.audience, tone=channel.tone,
        language=channel.language, target_seconds=channel.target_seconds, words_per_minute=channel.voice_rate,
        prompt_template=channel.prompt_template, model=channel.llm_model, deadline=writing_deadline(),
    )


def voice_languages(channel: Any) -> frozenset[str]:
    """The languages the channel's voice speaks: asked of the voice engine where it can tell
    (`videos.voice.voice_languages`, or espeak-ng's list of voices for a named voice), else the
    channel's language, which every engine is set up to speak."""
    from videos import voice

    asked = getattr(voice, "voice_languages", None)
    try:
        if asked is not None:
            return frozenset(base_language(code) for code in asked(channel))
        if channel.voice_engine == "espeak" and channel.voice_name:
            from videos.voice.espeak import list_voices

            for entry in list_voices():
                if channel.voice_name in (entry.get("id"), entry.get("name")):
                    return frozenset({base_language(entry.get("languages") or channel.language)})
    except Exception:  # a voice engine that cannot answer must not stop a script
        logger.warning("Could not ask the voice engine which languages it speaks", exc_info=True)
    return frozenset({base_language(channel.language)})


# --- Running the writers in order ------------------------------------------------------------------

def _with_writers(channel: Any, action: Callable[[Writer], T], ctx: Any, *, doing: str) -> tuple[Writer, T]:
    """Run `action` with the channel's first writer that can do it. Raises NoWriterAvailable
    with every reason, or WriterError from a writer whose result was unusable."""
    choice = choose_writers(channel)
    reasons: list[str] = []
    for number, (name, writer, why) in enumerate(choice.entries):
        if writer is None:
            reasons.append(why)
            continue
        ctx.raise_if_cancelled()
        ctx.progress(10 + 60 * number / len(choice.entries), f"{doing} ({name})")
        try:
            result = action(writer)
        except WriterUnavailable as exc:
            reasons.append(f"{name}: {exc.message}")
            continue
        if reasons:
            ctx.warn(f"Done by {name}; the writers before it were not available. " + " ".join(reasons))
        return writer, result
    raise NoWriterAvailable(reasons)


# --- Scripts -------------------------------------------------------------------------------------

def script_write(*, video: Video, ctx: JobContext | None = None) -> Script:
    """Write a new script version for the video. Nothing is saved unless the whole script is.

    Raises ValidationError (bad input), NoWriterAvailable, or WriterError (unusable output).
    """
    ctx = ctx or _NoContext()
    video_validate_input(topic=video.topic, source_text=video.source_text)
    brief = brief_for(video)
    writer, draft = _with_writers(video.channel, lambda w: w.write(brief), ctx, doing="Writing the script")
    if not draft.scenes:
        raise WriterError(f"{writer.name} returned a script without narration; nothing was saved.")
    ctx.progress(80, "Saving the script")
    script = _save_script(video, draft, ctx)
    _report(ctx, video, draft, brief)
    return script


def _save_script(video: Video, draft: ScriptDraft, ctx: Any) -> Script:
    with transaction.atomic():
        # The row lock serialises two writers of the same video, so versions never collide.
        Video.objects.select_for_update().filter(pk=video.pk).first()
        version = (video.scripts.aggregate(top=Max("version"))["top"] or 0) + 1
        script = Script.objects.create(
            video=video, version=version, title=draft.title or video.topic[:100], hook=draft.hook,
            description=draft.description, tags=list(draft.tags), language=draft.language,
            provider=draft.provider, model=draft.model, prompt_version=draft.prompt_version,
            input_tokens=draft.input_tokens, output_tokens=draft.output_tokens, seconds_taken=draft.seconds,
        )
        Scene.objects.bulk_create([
            Scene(script=script, position=position, narration=scene.narration,
                  visual_query=scene.visual_query, on_screen_text=scene.on_screen_text, **footage)
            for position, (scene, footage) in enumerate(zip(draft.scenes, _footage_fields(draft), strict=True))
        ])
        Video.objects.filter(pk=video.pk).update(status=Video.Status.SCRIPTED, status_message="")
        # In the same transaction, so a re-run of the job after a crash sees the script was written.
        ctx.add_details(script_id=script.pk, script_version=version, writer=draft.provider, model=draft.model,
                        writer_retries=draft.retries, output_repaired=draft.repaired)
    video.status, video.status_message = Video.Status.SCRIPTED, ""
    return script


def _footage_fields(draft: ScriptDraft) -> list[dict[str, Any]]:
    """Each scene's visual brief and footage searches: the writer's, or derived from its words."""
    narrations = [scene.narration for scene in draft.scenes]
    subject = footage_queries.script_subject(narrations, draft.language)
    context = [s for narration in narrations for s in split_sentences(narration, draft.language)]
    return [footage_queries.scene_footage_fields(
        scene.narration, language=draft.language, visual_query=scene.visual_query, visual_brief=scene.visual_brief,
        queries=scene.queries, subject=subject, context=context, title=draft.title) for scene in draft.scenes]


def _report(ctx: Any, video: Video, draft: ScriptDraft, brief: WritingBrief) -> None:
    for note in draft.notes:
        ctx.warn(note)
    speaks = voice_languages(video.channel)
    if base_language(draft.language) not in speaks:
        spoken = ", ".join(sorted(language_name(code) for code in speaks))
        ctx.warn(f"The script is in {language_name(draft.language)}, but the channel's voice speaks {spoken}: "
                 "its narration would be read with the wrong sounds. Choose a voice and channel language for "
                 f"{language_name(draft.language)}, or paste a source in {spoken} (the {draft.provider} writer "
                 "writes in the source's language).")
    seconds = estimated_seconds(draft.word_count, brief.words_per_minute)
    if seconds < brief.target_seconds * 0.6:
        ctx.warn(f"The narration runs about {seconds:.0f} s; the channel aims at {brief.target_seconds} s. "
                 + _short_advice(draft, brief))
    elif seconds > brief.target_seconds * 1.5:
        ctx.warn(f"The narration runs about {seconds:.0f} s, well over the channel's {brief.target_seconds} s; "
                 "shorten scenes before rendering.")
    ctx.progress(100, "Script written", f"v{video.scripts.count()}: {len(draft.scenes)} scenes, about "
                 f"{seconds:.0f} s, by {draft.provider}.")


def _short_advice(draft: ScriptDraft, brief: WritingBrief) -> str:
    """What to do about a short script, given how it was made: from a source text, the source is what
    runs out; from a topic alone, the model stopped short."""
    if brief.source_text.strip():
        if draft.provider == "offline":
            return ("The offline writer uses only the source text's own sentences and has used all it needs: "
                    "add more source text for a longer video.")
        return "Add more source text for a longer video, or write the script again."
    return (f"The {draft.provider} writer stopped short of the length asked for: write the script again (a model "
            "varies from one run to the next), or choose a larger model for the channel, or lower the channel's "
            "target length.")


def script_restore(*, script: Script, user: Any = None) -> Script:
    """Make an older version current again by copying it into a new version (history is kept).
    Scheduled or published videos keep their status; others go back to "scripted"."""
    with transaction.atomic():
        video = Video.objects.select_for_update().get(pk=script.video_id)
        version = (video.scripts.aggregate(top=Max("version"))["top"] or 0) + 1
        restored = Script.objects.create(
            video=video, version=version, title=script.title, hook=script.hook, description=script.description,
            tags=list(script.tags), language=script.language, provider=script.provider, model=script.model,
            prompt_version=script.prompt_version, input_tokens=script.input_tokens,
            output_tokens=script.output_tokens, seconds_taken=script.seconds_taken, restored_from=script.version,
        )
        Scene.objects.bulk_create([
            Scene(script=restored, position=scene.position, narration=scene.narration,
                  visual_query=scene.visual_query, on_screen_text=scene.on_screen_text, asset=scene.asset,
                  footage_reason=scene.footage_reason, footage_candidates=scene.footage_candidates,
                  visual_brief=scene.visual_brief, footage_queries=scene.footage_queries,
                  queries_language=scene.queries_language, english_queries=scene.english_queries,
                  footage_chosen=scene.footage_chosen)
            for scene in script.scenes.order_by("position")
        ])
        if video.status not in (Video.Status.SCHEDULED, Video.Status.PUBLISHED):
            Video.objects.filter(pk=video.pk).update(status=Video.Status.SCRIPTED, status_message="")
    return restored


def script_approve(*, script: Script, user: Any = None) -> Script:
    """Approve a script for narration and rendering; a draft video moves on to "scripted"."""
    now = timezone.now()
    approver = user if getattr(user, "is_authenticated", False) else None
    with transaction.atomic():
        Script.objects.filter(pk=script.pk).update(approved_at=now, approved_by=approver)
        Video.objects.filter(pk=script.video_id, status=Video.Status.DRAFT).update(
            status=Video.Status.SCRIPTED, status_message="")
    script.approved_at, script.approved_by = now, approver
    return script


# --- Scenes --------------------------------------------------------------------------------------

def _draft_of(script: Script) -> ScriptDraft:
    scenes = tuple(SceneDraft(scene.narration, scene.visual_query, scene.on_screen_text)
                   for scene in script.scenes.order_by("position"))
    return ScriptDraft(title=script.title, hook=script.hook, description=script.description, tags=tuple(script.tags),
                       scenes=scenes, language=script.language, provider=script.provider, model=script.model)


def scene_rewrite(*, scene: Scene, instruction: str = "", ctx: JobContext | None = None) -> Scene:
    """Rewrite one scene in place with the channel's writers. Its narration audio is cleared (it no
    longer matches) and the script's approval withdrawn, as for a hand edit."""
    ctx = ctx or _NoContext()
    instruction = _strip_controls(instruction or "").strip()
    if len(instruction) > MAX_INSTRUCTION_CHARS:
        raise ValidationError(f"The instruction is {len(instruction):,} characters; keep it under "
                              f"{MAX_INSTRUCTION_CHARS:,}.")
    script = scene.script
    video = script.video
    draft = _draft_of(script)
    positions = list(script.scenes.order_by("position").values_list("pk", flat=True))
    index = positions.index(scene.pk)
    brief = brief_for(video)
    writer, new = _with_writers(video.channel, lambda w: w.rewrite_scene(brief, draft, index, instruction), ctx,
                                doing=f"Rewriting scene {index + 1}")
    narration = " ".join(new.narration.split())
    if not narration:
        raise WriterError(f"{writer.name} returned an empty scene; the scene was left as it was.")
    old_narration = scene.narration
    with transaction.atomic():
        scene.narration = narration
        scene.visual_query = cut_at_word(new.visual_query.replace("<", "").replace(">", ""), 200)
        scene.on_screen_text = cut_at_word(new.on_screen_text.replace("<", "").replace(">", ""),
                                           ON_SCREEN_TEXT_MAX_CHARS)
        scene.narration_file, scene.narration_seconds, scene.word_timings = "", None, []
        narrations = [s.narration for s in draft.scenes]
        footage = footage_queries.scene_footage_fields(
            narration, language=script.language, visual_query=scene.visual_query, visual_brief=new.visual_brief,
            queries=new.queries, subject=footage_queries.script_subject(narrations, script.language),
            context=[s for n in narrations for s in split_sentences(n, script.language)], title=script.title)
        for name, value in footage.items():
            setattr(scene, name, value)
        scene.save(update_fields=["narration", "visual_query", "on_screen_text", "narration_file",
                                  "narration_seconds", "word_timings", *footage])
        Script.objects.filter(pk=script.pk).update(approved_at=None, approved_by=None)
        if scene.position == 0:
            script_follow_scene_one(script=script, old_narration=old_narration, narration=narration)
        video_script_changed(video_id=video.pk)
    ctx.add_details(writer=writer.name, scene_id=scene.pk)
    return scene


# --- Topic ideas -----------------------------------------------------------------------------------

def topic_key(topic: str, language: str = "en") -> frozenset[str]:
    """A topic reduced for loose comparison: lower case, accents and punctuation dropped, stopwords
    (of the channel's language and English) removed, each word in a light singular form."""
    plain = unicodedata.normalize("NFKD", topic.lower())
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    stop = STOPWORDS.get(language.split("-")[0], frozenset()) | STOPWORDS["en"]
    return frozenset(stem(word, "en") for word in re.findall(r"\w+", plain) if word not in stop)


def topics_similar(first: str, second: str, language: str = "en") -> bool:
    """The rule for "already have it": the same meaningful words in any order; or one topic's words
    contained in the other's (when it has at least two); or at least 60 % of the words shared
    (Jaccard); or the normalised texts at least 85 % alike (difflib ratio), which catches typos."""
    a, b = topic_key(first, language), topic_key(second, language)
    if not a or not b:
        return first.strip().lower() == second.strip().lower()
    if a == b or (min(len(a), len(b)) >= 2 and (a <= b or b <= a)):
        return True
    if len(a & b) / len(a | b) >= 0.6:
        return True
    return difflib.SequenceMatcher(None, " ".join(sorted(a)), " ".join(sorted(b))).ratio() >= 0.85


def _clean_topic(raw: str) -> str:
    topic = re.sub(r"^\s*(?:[-*•]|\d{1,2}[.)])\s*", "", str(raw))
    topic = _strip_controls(" ".join(topic.split())).strip("\"'“”„«» ")
    return cut_at_word(topic.replace("<", "").replace(">", ""), TOPIC_MAX_CHARS)


def topics_suggest(*, channel: Any, count: int, user: Any = None, ctx: JobContext | None = None) -> list[Video]:
    """Ask the channel's writers for `count` topic ideas and add the new ones as draft Videos.
    Ideas too close to a topic or script title the channel already has (`topics_similar`) are
    dropped; if that leaves too few, the writer is asked once more. An idea drawn from the channel's
    source texts (the offline writer's) becomes a video with that passage as its source."""
    ctx = ctx or _NoContext()
    if not 1 <= int(count) <= MAX_TOPICS:
        raise ValidationError(f"Ask for between 1 and {MAX_TOPICS} topics.")
    existing = [t for t in Video.objects.filter(channel=channel).values_list("topic", flat=True) if t]
    existing += [t for t in Script.objects.filter(video__channel=channel).values_list("title", flat=True) if t]
    brief = _channel_brief(channel)
    fresh: list[str] = []
    passages: dict[str, str] = {}
    for _round in range(2):
        wanted = count - len(fresh)
        _writer, ideas = _with_writers(channel, lambda w, n=wanted: w.suggest_topics(brief, n, existing + fresh),
                                       ctx, doing="Suggesting topics")
        for raw in ideas:
            idea = _clean_topic(raw.topic if isinstance(raw, TopicIdea) else raw)
            if idea and len(fresh) < count and not any(topics_similar(idea, t, channel.language)
                                                         for t in existing + fresh):
                fresh.append(idea)
                passages[idea] = raw.passage[:MAX_INPUT_CHARS] if isinstance(raw, TopicIdea) else ""
        if len(fresh) >= count:
            break
    creator = user if getattr(user, "is_authenticated", False) else None
    with transaction.atomic():
        # An idea from a source text brings its passage along: the video has a source to be written from.
        videos = [Video.objects.create(channel=channel, topic=topic, source_text=passages[topic], created_by=creator)
                  for topic in fresh]
    if len(videos) < count:
        ctx.warn(f"Only {len(videos)} of {count} ideas were new; the writer had no others that the channel "
                 "does not already have.")
    return videos


# --- Job steps -------------------------------------------------------------------------------------

def _fail(exc: Exception) -> StepFailed:
    if isinstance(exc, ValidationError):
        return StepFailed(" ".join(exc.messages))
    if isinstance(exc, WriterError):
        return StepFailed(exc.message, details={"provider_output": exc.raw_output, **exc.details})
    if isinstance(exc, NoWriterAvailable):
        return StepFailed(exc.message, details={"writer_reasons": exc.reasons})
    raise exc


def step_write_script(ctx: JobContext) -> None:
    video = ctx.video
    if video is None:
        raise StepFailed("Writing a script needs a video; this job has none.")
    done = ctx.job.details.get("script_id")
    if done and Script.objects.filter(pk=done, video=video).exists():
        ctx.progress(100, "Script written", "This job already wrote its script.")
        return  # a re-run after the worker died between saving and finishing
    ctx.progress(5, "Checking the topic and source")
    try:
        script_write(video=video, ctx=ctx)
    except (ValidationError, WriterError, NoWriterAvailable) as exc:
        raise _fail(exc) from None


def step_rewrite_scene(ctx: JobContext) -> None:
    scene = Scene.objects.select_related("script__video__channel").filter(pk=ctx.params.get("scene_id")).first()
    if scene is None or (ctx.video is not None and scene.script.video_id != ctx.video.pk):
        raise StepFailed("That scene no longer exists (the script may have been replaced); open the current "
                         "script and rewrite the scene there.")
    try:
        scene_rewrite(scene=scene, instruction=str(ctx.params.get("instruction") or ""), ctx=ctx)
    except (ValidationError, WriterError, NoWriterAvailable) as exc:
        raise _fail(exc) from None
    ctx.progress(100, "Scene rewritten", f"Scene {scene.position + 1} has new narration; render again to hear it.")


def step_suggest_topics(ctx: JobContext) -> None:
    channel = ctx.channel
    if channel is None:
        raise StepFailed("Suggesting topics needs a channel; this job has none.")
    try:
        count = int(ctx.params.get("count", 5))
    except (TypeError, ValueError):
        raise StepFailed(f"The number of topics must be a whole number from 1 to {MAX_TOPICS}.") from None
    try:
        videos = topics_suggest(channel=channel, count=count, user=ctx.job.created_by, ctx=ctx)
    except (ValidationError, WriterError, NoWriterAvailable) as exc:
        raise _fail(exc) from None
    ctx.add_details(video_ids=[video.pk for video in videos])
    if not videos:  # nothing was added: that is no success, and autopilot must not ask again in vain
        raise StepFailed(f"No new topic ideas: every idea the writer suggested is one the channel already has "
                         f"({count} asked for). Add topics by hand, or give the channel new source texts or an "
                         "LLM writer for fresh ideas.")
    added = (f"Added {len(videos)} topic idea as a draft video." if len(videos) == 1
             else f"Added {len(videos)} topic ideas as draft videos.")
    ctx.progress(100, "Topics suggested", added)

