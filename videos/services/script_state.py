"""What an in-place change of a script does to the rest of it and to its video: shared by a person's
scene edit (videos.services.video) and a writer's scene rewrite (videos.services.writing)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from videos.llm.text import split_sentences
from videos.models import Video


def script_follow_scene_one(*, script: Any, old_narration: str, narration: str) -> None:
    """The hook is the opening line of scene 1, and a writer's description often quotes it: when a
    person (or a writer's scene rewrite) changes scene 1, the summary follows instead of quoting words
    no longer said."""
    old_hook = " ".join(script.hook.split())
    if old_hook and old_hook not in " ".join(old_narration.split()):
        return  # a hook written apart from the narration stays as the writer made it
    new_sentences = split_sentences(" ".join(narration.split()), script.language or "en")
    new_hook = new_sentences[0] if new_sentences else narration
    description = script.description.replace(old_hook, new_hook) if old_hook else script.description
    type(script).objects.filter(pk=script.pk).update(hook=new_hook, description=description)
    script.hook, script.description = new_hook, description


def video_script_changed(*, video_id: int) -> None:
    """The current script of this video changed in place (a scene edited or rewritten): a render
    made before no longer shows it, so a rendered or approved video goes back to "scripted" until it
    is rendered again. Published videos stay published (scene_update refuses to edit a scheduled one)."""
    Video.objects.filter(pk=video_id).update(script_changed_at=timezone.now())  # a draft made before is stale
    Video.objects.filter(pk=video_id, status__in=[Video.Status.VOICED, Video.Status.RENDERED,
                                                  Video.Status.APPROVED, Video.Status.FAILED]).update(
        status=Video.Status.SCRIPTED, approved_at=None,
        status_message="The script changed after the last render: press “Update video” "
                       "to see and hear the change, then approve.")
