"""The narrate-and-render step's progress says what it redoes (issue 17): after one scene of a
multi-scene video is edited, only that scene is narrated and rendered again, and the messages say
so, from what the narration cache and the render cache found."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tests.factories import make_channel, make_script, make_video
from videos.models import Job, Video
from videos.services.jobs import JobContext
from videos.services.production import _render_message, step_narrate_render

SCENES = ["Lighthouses guided ships for centuries.", "Keepers polished the lens every morning.",
          "The beam reached thirty kilometres.", "Today most lights run by themselves."]


class RecordingContext(JobContext):
    """The runner's context, keeping every (stage, message) the step reported."""

    def __init__(self, job: Job) -> None:
        super().__init__(job=job)
        self.seen: list[tuple[str, str]] = []

    def progress(self, percent: float, stage: str, message: str = "") -> None:
        self.seen.append((stage, message))
        super().progress(percent, stage, message)


def _run_step(video: Video) -> list[tuple[str, str]]:
    job = Job.objects.create(kind=Job.Kind.NARRATE_RENDER, video=video, channel=video.channel,
                             step_key="narrate_render", state=Job.State.RUNNING, heartbeat_at=timezone.now())
    ctx = RecordingContext(job)
    step_narrate_render(ctx)
    Job.objects.filter(pk=job.pk).update(state=Job.State.SUCCEEDED)
    return ctx.seen


def _messages(seen: list[tuple[str, str]], stage: str) -> list[str]:
    return list(dict.fromkeys(message for s, message in seen if s == stage and message))


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.usefixtures("small_frames")
def test_after_editing_one_scene_the_progress_names_only_that_scene(media_root):
    video = make_video(channel=make_channel(render_preset="ultrafast"))
    script = make_script(video, scenes=SCENES, approved_at=timezone.now())

    first = _run_step(video)
    narrated = _messages(first, "Narrating")  # one at a time, or several at once when the voice runs in parallel
    assert narrated and all(m.startswith("Narrating scene") and m.endswith(" of 4") for m in narrated)
    assert _messages(first, "Rendering") == ["Rendering all 4 scenes"]

    from videos.services.video import scene_update

    scene_update(scene=script.scenes.get(position=2), narration="The beam reached forty kilometres out to sea.")
    type(script).objects.filter(pk=script.pk).update(approved_at=timezone.now())
    again = _run_step(Video.objects.get(pk=video.pk))

    assert _messages(again, "Narrating") == ["Reusing the narration of 3 of 4 scenes", "Narrating scene 3 of 4"]
    assert _messages(again, "Rendering") == ["Rendering scene 3 of 4; reusing 3 of 4 scenes"]
    assert "Reusing 3 of 4 scenes" in _messages(again, "Joining scenes")
    assert Video.objects.get(pk=video.pk).latest_render.script_version == script.version

    nothing = _run_step(Video.objects.get(pk=video.pk))  # nothing changed: everything comes from the caches
    assert _messages(nothing, "Narrating") == ["Reusing the narration of all 4 scenes"]
    assert not [m for s, m in nothing if m.startswith(("Narrating scene", "Rendering scene"))]
    assert "Reusing 4 of 4 scenes" in _messages(nothing, "Joining scenes")


@pytest.mark.parametrize(("stage", "scenes", "total", "says"), [
    ("Rendering", (3,), 12, "Rendering scene 4 of 12; reusing 11 of 12 scenes"),
    ("Rendering", (1, 4), 12, "Rendering scenes 2 and 5 of 12; reusing 10 of 12 scenes"),
    ("Rendering", (0, 1, 6), 12, "Rendering scenes 1, 2 and 7 of 12; reusing 9 of 12 scenes"),
    ("Rendering", tuple(range(3)), 3, "Rendering all 3 scenes"),
    ("Rendering", (), 3, "Reusing all 3 scenes"),
    ("Joining scenes", (3,), 12, "Reusing 11 of 12 scenes"),
    ("Joining scenes", (0, 1), 2, ""),
    ("Preparing the render", (), 0, ""),
])
def test_render_messages(stage, scenes, total, says):
    assert _render_message(stage, scenes=scenes, total=total) == says
