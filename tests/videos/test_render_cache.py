"""The render cache with media in an object store (issue 28): each machine renders in its own scratch
folder, and with RENDER_CACHE_SHARED an update that runs on another machine fetches the pieces it
keeps from the store instead of encoding them again, frame for frame what a render from nothing makes."""

from __future__ import annotations

import hashlib
import subprocess

import pytest
from django.utils import timezone

from faceless_site.mediastore.files import media_local
from tests.factories import make_channel, make_script, make_video
from tests.videos.test_update_progress import _messages, _run_step
from videos.models import Video

pytestmark = [pytest.mark.slow, pytest.mark.django_db, pytest.mark.usefixtures("small_frames")]
SCENES = ["Lights guided ships.", "Keepers polished lenses.", "Beams reached far."]


def frames(name: str) -> str:
    out = subprocess.run(["ffmpeg", "-v", "error", "-i", str(media_local(name)), "-map", "0:v", "-f", "framemd5", "-"],
                         capture_output=True, text=True, check=True).stdout
    return hashlib.sha256("".join(line.rsplit(",", 1)[1] for line in out.splitlines()
                                  if line and not line.startswith("#")).encode()).hexdigest()


def test_an_update_on_another_machine_keeps_the_pieces_from_the_store(s3_media, settings, tmp_path):
    video = make_video(channel=make_channel(render_preset="ultrafast", aspect_ratio="1:1"))
    script = make_script(video, scenes=SCENES, approved_at=timezone.now())
    settings.MEDIA_SCRATCH_DIR = tmp_path / "machine-a"
    _run_step(video)

    from videos.services.video import scene_update

    scene_update(scene=script.scenes.get(position=1), narration="Keepers wound clocks.")
    type(script).objects.filter(pk=script.pk).update(approved_at=timezone.now())
    settings.MEDIA_SCRATCH_DIR = tmp_path / "machine-b"  # nothing on this machine's disk
    seen = _run_step(Video.objects.get(pk=video.pk))
    assert _messages(seen, "Rendering") == ["Rendering scene 2 of 3; reusing 2 of 3 scenes"]
    updated = frames(Video.objects.get(pk=video.pk).latest_render.file)

    # The same script rendered from nothing (no cache anywhere) gives the same frames.
    settings.MEDIA_SCRATCH_DIR = tmp_path / "machine-c"
    settings.RENDER_CACHE_SHARED = False
    from videos.services.render_cache import video_cache_clear

    video_cache_clear(video_id=video.pk)
    Video.objects.filter(pk=video.pk).update(status=Video.Status.VOICED)
    seen = _run_step(Video.objects.get(pk=video.pk))
    assert _messages(seen, "Rendering") == ["Rendering all 3 scenes"]
    assert frames(Video.objects.get(pk=video.pk).latest_render.file) == updated


def test_a_piece_whose_sharing_a_killed_worker_cut_short_is_shared_when_this_machine_uses_it(s3_media, tmp_path):
    from faceless_site.mediastore import files
    from videos.services.render_cache import SharedRenderCache

    cache = SharedRenderCache(tmp_path / "segments", prefix="videos/1/cache/segments/")
    piece = tmp_path / "piece.mp4"
    piece.write_bytes(b"a rendered piece" * 100)
    cache.store("abc", piece, ".mp4", frames=15)
    # killed between the file and its record: the store has the file only
    files.media_delete("videos/1/cache/segments/abc.json")

    assert cache.lookup("abc", ".mp4", frames=15) is not None  # found on this machine's disk
    assert files.media_exists("videos/1/cache/segments/abc.json")  # and whole in the store again
    assert files.media_read("videos/1/cache/segments/abc.mp4") == b"a rendered piece" * 100
