"""Small factory functions for test data: `make_video(**overrides)` and friends."""

from __future__ import annotations

import functools
import itertools
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import get_hasher, make_password

from channels.models import Channel, ChannelMembership
from videos.models import Scene, Script, Video

_seq = itertools.count(1)


@functools.cache
def _password_hash(password: str, algorithm: str) -> str:
    return make_password(password, hasher=algorithm)


def make_user(**overrides: Any):
    """A user whose password is stored as production stores it (the default hasher, PBKDF2 with its full
    iterations, so signing in checks it for real), hashed once per password and worker: a hash costs
    about 0.25 CPU-s, and most tests make a user or two."""
    n = next(_seq)
    fields = {"username": f"user{n}", "email": f"user{n}@example.com"}
    fields.update(overrides)
    password = fields.pop("password", "correct horse battery staple")
    user = get_user_model().objects.create_user(password=None, **fields)
    if password is not None:
        user.password = _password_hash(password, get_hasher().algorithm)
        user.save(update_fields=["password"])
    return user


def make_channel(**overrides: Any) -> Channel:
    n = next(_seq)
    owner = overrides.pop("owner", None) or make_user()
    fields = {"name": f"Channel {n}", "slug": f"channel-{n}", "niche": "space history", "owner": owner}
    fields.update(overrides)
    channel = Channel.objects.create(**fields)
    ChannelMembership.objects.create(channel=channel, user=owner, role=ChannelMembership.Role.OWNER)
    return channel


def make_video(**overrides: Any) -> Video:
    channel = overrides.pop("channel", None) or make_channel()
    fields = {"channel": channel, "topic": "The first satellite"}
    fields.update(overrides)
    return Video.objects.create(**fields)


def make_script(video: Video | None = None, scenes: list[str] | None = None, **overrides: Any) -> Script:
    video = video or make_video()
    version = (video.scripts.order_by("-version").values_list("version", flat=True).first() or 0) + 1
    fields = {"video": video, "version": version, "title": "The first satellite", "hook": "It beeped.",
              "description": "How Sputnik changed everything.", "tags": ["space", "history"]}
    fields.update(overrides)
    script = Script.objects.create(**fields)
    for position, narration in enumerate(scenes or ["Sputnik launched in 1957.", "It beeped for 21 days."]):
        Scene.objects.create(script=script, position=position, narration=narration, visual_query="satellite orbit")
    return script
