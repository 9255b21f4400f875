"""A channel's frame size comes from the one table of frame sizes, the renderer's."""

from __future__ import annotations

from channels.models import Channel
from videos.render.plan import FRAME_SIZES, Output


def test_every_aspect_ratio_a_channel_offers_has_a_frame_size():
    assert set(FRAME_SIZES) == set(Channel.AspectRatio.values)
    for aspect in Channel.AspectRatio.values:
        assert Channel(aspect_ratio=aspect).frame_size == (Output.for_aspect(aspect).width,
                                                           Output.for_aspect(aspect).height)


def test_the_channel_reads_the_renderers_table(monkeypatch):
    # A second table would keep the old size here while the renderer used the new one.
    monkeypatch.setitem(FRAME_SIZES, "16:9", (1280, 720))
    assert Channel(aspect_ratio="16:9").frame_size == (1280, 720) == (Output.for_aspect("16:9").width,
                                                                       Output.for_aspect("16:9").height)
