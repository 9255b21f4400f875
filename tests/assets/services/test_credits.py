"""The credits a video's description carries, per source's requirements."""

from __future__ import annotations

import pytest

from assets.models import Asset
from assets.services import video_credits
from tests.factories import make_channel, make_script, make_video

pytestmark = pytest.mark.django_db


def asset(n, **fields):
    return Asset.objects.create(**{"kind": "video", "file": f"f{n}", "sha256": f"{n:064d}", **fields})


def test_credits_name_each_author_and_source_with_links(settings):
    settings.UNSPLASH_APP_NAME = "faceless_test"
    channel = make_channel()
    music = asset(4, kind="audio", title="Calm", author="Kai", licence="CC BY 4.0", page_url="https://ex.com/calm")
    channel.music = music
    channel.save()
    video = make_video(channel=channel)
    script = make_script(video=video, scenes=["one", "two", "three", "four"])
    pexels = asset(1, source="pexels", provider_id="9", author="Jane Doe", page_url="https://www.pexels.com/video/9/")
    pixabay = asset(2, source="pixabay", provider_id="8", author="Bob", page_url="https://pixabay.com/videos/id-8/")
    unsplash = asset(3, kind="image", source="unsplash", provider_id="u1", author="Ann",
                     author_url="https://unsplash.com/@ann?utm_source=faceless_test&utm_medium=referral")
    for scene, used in zip(script.scenes.order_by("position"), [pexels, pixabay, unsplash, pexels], strict=True):
        scene.asset = used
        scene.save()
    assert video_credits(video=video).splitlines() == [
        "Credits:",
        "Video by Jane Doe on Pexels: https://www.pexels.com/video/9/",
        "Video by Bob on Pixabay: https://pixabay.com/videos/id-8/",
        "Photo by Ann (https://unsplash.com/@ann?utm_source=faceless_test&utm_medium=referral) on Unsplash "
        "(https://unsplash.com/?utm_source=faceless_test&utm_medium=referral)",
        "Calm by Kai (CC BY 4.0): https://ex.com/calm",
        "Stock footage provided by Pexels: https://www.pexels.com",
        "Stock footage provided by Pixabay: https://pixabay.com",
    ]


def test_own_uploads_without_an_author_need_no_credit():
    video = make_video()
    script = make_script(video=video, scenes=["one"])
    script.scenes.update(asset=asset(5, title="my clip"))
    assert video_credits(video=video) == ""
    assert video_credits(video=make_video()) == ""


def test_archive_pictures_carry_the_credit_their_licence_asks_for():
    video = make_video()
    script = make_script(video=video, scenes=["one", "two", "three"])
    commons = asset(11, kind="image", source="wikimedia", provider_id="5", title="Golden Gate Bridge in fog",
                    author="Jane Doe", licence="CC BY-SA 4.0", page_url="https://commons.wikimedia.org/wiki/File:G.jpg",
                    attribution="\u201cGolden Gate Bridge in fog\u201d by Jane Doe via Wikimedia Commons, CC BY-SA 4.0 "
                                "(https://creativecommons.org/licenses/by-sa/4.0): https://commons.wikimedia.org/wiki/File:G.jpg")
    nasa = asset(12, kind="image", source="nasa", provider_id="AS11", title="Lunar module", author="NASA",
                 licence="Public domain (NASA media guidelines)", page_url="https://images.nasa.gov/details/AS11")
    for scene, used in zip(script.scenes.order_by("position"), [commons, nasa, commons], strict=True):
        scene.asset = used
        scene.save()
    assert video_credits(video=video).splitlines() == [
        "Credits:",
        commons.attribution,
        "Lunar module by NASA via NASA, Public domain (NASA media guidelines): https://images.nasa.gov/details/AS11",
    ]
