"""/api/channels: the channels the caller can see, creating one, changing its settings, and asking
its writers for topic ideas."""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Path, Router, Schema, Status
from ninja.pagination import paginate

from channels.models import Channel
from channels.permissions import can_edit, can_manage, role_for
from channels.selectors import channels_for_user
from faceless_site.apitools import MAX_ID, BodyIn, ErrorOut, Pagination, Text, resolve_hints
from videos.api import JobOut

router = Router(tags=["channels"])


class ChannelOut(Schema):
    id: int
    name: str
    slug: str
    niche: str
    audience: str
    language: str
    timezone: str
    aspect_ratio: str
    subtitle_style: str
    voice_engine: str
    publish_target: str
    review_required: bool
    cadence: list
    autopilot_ahead: int
    autopilot_blocked: str = Field("", description="Why autopilot cannot add the topics it needs, and what to do.")
    voice_warning: str = Field("", description="Empty when a neural (or online) voice reads the channel's language; "
                                               "else that none here does (narration will refuse) or that espeak-ng "
                                               "reads it robotically, and what to install.")
    role: str | None = None

    @staticmethod
    def resolve_voice_warning(obj: Channel) -> str:
        from channels.selectors import channel_voice_warning

        return channel_voice_warning(obj)

    @staticmethod
    def resolve_role(obj: Channel, context) -> str | None:
        return role_for(context["request"].user, obj)


class ChannelIn(BodyIn):
    name: Text
    niche: Text
    slug: Text = ""
    audience: Text = ""
    language: Text = "en"
    aspect_ratio: Literal["16:9", "9:16", "1:1"] = "16:9"


class ChannelPatch(BodyIn):
    name: Text | None = None
    niche: Text | None = None
    audience: Text | None = None
    tone: Text | None = None
    language: Text | None = None
    timezone: Text | None = None
    aspect_ratio: Literal["16:9", "9:16", "1:1"] | None = None
    subtitle_style: Literal["classic", "bold", "minimal", "none"] | None = None
    voice_engine: Literal["piper", "kokoro_ja", "espeak", "gtts", "openai", "elevenlabs"] | None = None
    review_required: bool | None = None


def channel_or_404(request: HttpRequest, channel_id: int) -> Channel:
    return get_object_or_404(channels_for_user(request.user), pk=channel_id)


@router.get("", response=list[ChannelOut])
@paginate(Pagination)
@resolve_hints
def list_channels(request: HttpRequest):
    return channels_for_user(request.user)


@router.post("", response={201: ChannelOut, 400: ErrorOut})
def create_channel(request: HttpRequest, payload: ChannelIn):
    from channels.forms import ChannelCreateForm
    from channels.services import channel_create

    form = ChannelCreateForm(data=payload.dict())
    if not form.is_valid():
        return Status(400, {"detail": {field: [str(e) for e in errors] for field, errors in form.errors.items()}})
    channel = channel_create(owner=request.user, **form.cleaned_data)
    return Status(201, channels_for_user(request.user).get(pk=channel.pk))


@router.get("/{channel_id}", response={200: ChannelOut, 404: ErrorOut})
def get_channel(request: HttpRequest, channel_id: int = Path(..., ge=1, le=MAX_ID)):
    return channel_or_404(request, channel_id)


@router.patch("/{channel_id}", response={200: ChannelOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut})
def update_channel(request: HttpRequest, payload: ChannelPatch, channel_id: int = Path(..., ge=1, le=MAX_ID)):
    from channels.services import channel_update

    channel = channel_or_404(request, channel_id)
    if not can_manage(request.user, channel):
        return Status(403, {"detail": "Only the channel's owner can change its settings."})
    fields = payload.dict(exclude_none=True)
    # Validate on a copy first so a bad value is a 400 naming the field, never a database error.
    draft = Channel.objects.get(pk=channel.pk)
    for name, value in fields.items():
        setattr(draft, name, value)
    draft.full_clean(exclude=[f.name for f in Channel._meta.fields if f.name not in fields] + ["slug"])
    channel_update(channel=Channel.objects.get(pk=channel.pk), user=request.user, **fields)
    return channel_or_404(request, channel_id)


class SuggestIn(BodyIn):
    count: int = Field(5, ge=1, le=20)


@router.post("/{channel_id}/suggest-topics",
             response={202: JobOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut})
def suggest_topics(request: HttpRequest, payload: SuggestIn, channel_id: int = Path(..., ge=1, le=MAX_ID)):
    """Ask the channel's writers for `count` new topic ideas, saved as draft videos (a job; follow it
    with GET /api/jobs/{id}). Topics the channel already has are not suggested again. 409 while a
    suggestion job for the channel is still running."""
    from videos.models import Job
    from videos.services.jobs import job_enqueue

    channel = channel_or_404(request, channel_id)
    if not can_edit(request.user, channel):
        return Status(403, {"detail": "Viewers cannot add videos; ask the channel's owner for the editor role."})
    job = job_enqueue(kind=Job.Kind.SUGGEST_TOPICS, channel=channel, params={"count": payload.count},
                      user=request.user)
    return Status(202, job)
