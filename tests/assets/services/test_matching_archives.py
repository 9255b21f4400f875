"""Find footage with the keyless archives on a bad day: nothing stops the video, each scene falls
back to what can be used and says why, and the credit each licence asks for reaches the description."""

from __future__ import annotations

import pytest

from assets.services import footage_match, video_credits
from tests.factories import make_channel, make_script, make_video
from tests.fakes.archive_servers import ArchiveItem
from videos.models import Job
from videos.services.jobs import job_run

pytestmark = pytest.mark.django_db
LINE = "The Golden Gate Bridge disappears into the summer fog almost every afternoon."


def bridge_video(*sources):
    video = make_video(channel=make_channel(footage_sources=list(sources)), topic="The Golden Gate Bridge")
    script = make_script(video=video, scenes=[LINE], title="The Golden Gate Bridge")
    script.scenes.update(visual_query="Golden Gate Bridge fog", visual_brief="the Golden Gate Bridge in fog",
                         footage_queries=["Golden Gate Bridge fog", "Golden Gate Bridge"], narration_seconds=5)
    return video


def test_bad_archive_items_are_skipped_and_the_usable_one_is_credited(archives):
    bad_clip = ArchiveItem(1, "video", "Golden Gate Bridge in fog, time lapse", mode="undecodable")
    bad_clip.content()
    archives.wikimedia.state.data["items"] = [
        bad_clip,
        ArchiveItem(2, "image", "Golden Gate Bridge in fog at sunset", licence="CC BY-NC 2.0"),
        ArchiveItem(3, "image", "Golden Gate Bridge fog diagram", mime="image/svg+xml"),
        ArchiveItem(4, "image", "Golden Gate Bridge in the fog", metadata=False),
        ArchiveItem(5, "image", "Golden Gate Bridge in fog seen from Marin", licence="CC BY 2.0"),
    ]
    video = bridge_video("wikimedia")
    job = Job.objects.create(kind=Job.Kind.MATCH_FOOTAGE, video=video, channel=video.channel,
                             step_key=Job.Kind.MATCH_FOOTAGE)
    job_run(job.pk)
    job.refresh_from_db()
    scene = video.current_script.scenes.select_related("asset").get()
    assert job.state == Job.State.SUCCEEDED, job.error
    assert scene.asset is not None, (scene.footage_reason, scene.footage_candidates, job.warnings)
    assert (scene.asset.source, scene.asset.provider_id) == ("wikimedia", "5"), scene.footage_reason
    assert any("does not decode" in warning for warning in job.warnings)
    assert "CC BY 2.0" in scene.footage_reason
    credits = video_credits(video=video)
    assert "Golden Gate Bridge in fog seen from Marin" in credits and "via Wikimedia Commons, CC BY 2.0" in credits
    listed = {c["provider_id"]: c for c in scene.footage_candidates}
    assert set(listed) == {"1", "5"} and listed["5"]["licence"] == "CC BY 2.0"  # the studio shows the licence


def test_when_every_archive_fails_the_scene_says_why_and_the_video_goes_on(archives):
    archives.wikimedia.state.data["body_error"] = "ratelimited"
    archives.openverse.enqueue(429, {"detail": "Request was throttled."}, {"Retry-After": "3600"})
    archives.nasa.enqueue(500, {"reason": "boom"})
    video = bridge_video("wikimedia", "openverse", "nasa")
    [scene] = footage_match(video=video)
    assert scene.asset is None and "a design drawn from its words" in scene.footage_reason
    assert "Wikimedia budget spent" in scene.footage_reason


def test_a_french_scene_asks_english_only_archives_in_english_and_gets_their_picture(archives):
    # Openverse describes its items in English and takes no language: the scene's French search would
    # find nothing there, so only its English search is sent, first.
    archives.openverse.state.data["items"] = [ArchiveItem(7, "image", "Suspension bridge over a wide river at dusk",
                                                          licence="by")]
    video = make_video(channel=make_channel(footage_sources=["openverse"], language="fr"), topic="Les ponts")
    script = make_script(video=video, scenes=["Le pont suspendu franchit le fleuve d'une seule portée."],
                         title="Le pont", language="fr")
    script.scenes.update(footage_queries=["pont suspendu fleuve", "pont suspendu"], queries_language="fr",
                         english_queries=["suspension bridge river", "suspension bridge"],
                         visual_brief="pont suspendu, fleuve; suspension bridge, river", narration_seconds=5)
    [scene] = footage_match(video=video)
    searched = [r.query.get("q", [""])[0] for r in archives.openverse.requests if r.path.startswith("/v1/images")]
    assert searched and all(q.startswith("suspension bridge") for q in searched), searched
    assert scene.asset is not None and scene.asset.provider_id.endswith("7"), scene.footage_reason
