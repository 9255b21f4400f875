"""A channel with videos in every stage, real media files and library items: what the page checks
and the README screenshots show."""

from __future__ import annotations

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from faceless_site.mediastore import files
from tests.browser.conftest import ffmpeg
from tests.factories import make_channel, make_script
from videos.models import Job, Render, Video

SCENES = [
    "Lighthouses guided sailors for centuries, standing where the land gives way to the sea.",
    "In 1822 Augustin Fresnel designed a lens of rings and prisms; its beam reached thirty kilometres.",
    "Keepers polished the glass every morning and kept the lamp burning through every storm.",
]
COLOURS = ["0x2f5bd3", "0xf59e0b", "0x1c7c4a", "0x8a5a00", "0x6b8bb8"]


def _library(user, channel) -> list:
    from assets.services import asset_upload

    folder = files.work_folder("seed")
    assets = []
    for n, colour in enumerate(COLOURS):
        path = folder / f"frame{n}.png"
        ffmpeg("-f", "lavfi", "-i", f"color=c={colour}:s=640x360,drawgrid=w=80:h=80:t=2:c=white@0.3",
               "-frames:v", "1", str(path))
        upload = SimpleUploadedFile(f"lighthouse-{n}.png", path.read_bytes(), content_type="image/png")
        assets.append(asset_upload(file=upload, user=user, channel=channel, tags="lighthouse sea storm lamp",
                                   title=f"Lighthouse {n + 1}"))
    return assets


def _render(video: Video, script, *, draft: bool = False) -> Render:
    folder = files.work_folder(f"renders/{video.pk}")
    size = "854x480" if draft else "640x360"
    ffmpeg("-f", "lavfi", "-i", f"testsrc2=s={size}:d=4:r=25", "-f", "lavfi", "-i", "sine=f=440:d=4",
           "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", "-movflags", "+faststart",
           str(folder / "video.mp4"))
    ffmpeg("-f", "lavfi", "-i", f"testsrc2=s={size}", "-frames:v", "1", str(folder / "thumb.png"))
    for name in ("video.mp4", "thumb.png"):  # into the media store (nothing to do with the local folder)
        files.media_save(folder / name, f"renders/{video.pk}/{name}")
    width, height = map(int, size.split("x"))
    return Render.objects.create(video=video, script_version=script.version, file=f"renders/{video.pk}/video.mp4",
                                 thumbnail=f"renders/{video.pk}/thumb.png", duration_seconds=4.0, width=width,
                                 height=height, fps=25, draft=draft, render_seconds=3.1 if draft else 21.0)


def seed_studio(user) -> dict:
    now = timezone.now()
    channel = make_channel(owner=user, name="Lighthouse Lore", slug="lighthouse-lore", niche="lighthouses and the sea",
                           cadence=[{"weekday": 1, "time": "15:00"}, {"weekday": 4, "time": "18:30"}])
    assets = _library(user, channel)

    def video(topic: str, status: str, **fields) -> Video:
        return Video.objects.create(channel=channel, topic=topic, status=status, created_by=user, **fields)

    rendered = video("Why lighthouses are striped", Video.Status.RENDERED)
    script = make_script(rendered, scenes=SCENES, title="Why lighthouses are striped",
                         hook="Red and white is not decoration: it is a message.",
                         description="How day-marks tell sailors which lighthouse they are looking at.")
    for scene, asset in zip(script.scenes.order_by("position"), assets, strict=False):
        scene.visual_query = "lighthouse storm"
        scene.asset, scene.footage_reason = asset, "library: matched “lighthouse storm”"
        scene.footage_candidates = [{"provider": "library", "provider_id": str(a.pk), "kind": "image",
                                     "width": 640, "height": 360, "asset_id": a.pk, "description": a.title,
                                     "why": "library match"} for a in assets if a != asset][:4]
        scene.narration_seconds = 5.2
        scene.save()
    _render(rendered, script)
    Job.objects.create(kind="pipeline", video=rendered, channel=channel, step_key="pipeline", state="succeeded",
                       percent=100, stage="Done", message="Rendered script v1; a person approves a render before it "
                       "is published.", finished_at=now)

    writing = video("The Fresnel lens", Video.Status.DRAFT)
    Job.objects.create(kind="pipeline", video=writing, channel=channel, step_key="pipeline", state="running",
                       percent=38, stage="Write script: asking the writer", started_at=now, heartbeat_at=now)
    drafted = video("Keepers of Skerryvore", Video.Status.SCRIPTED)
    _render(drafted, make_script(drafted, scenes=SCENES, title="Keepers of Skerryvore"), draft=True)
    video("The Pharos of Alexandria", Video.Status.APPROVED, approved_at=now)
    video("Storm night at Eddystone", Video.Status.SCHEDULED, scheduled_for=now + timedelta(days=2, hours=3))
    video("Ghost lights of Cornwall", Video.Status.SCHEDULED, scheduled_for=now + timedelta(days=5))
    for part, weeks in enumerate((6, 3, 1, 1, 0), start=1):
        video(f"Lamp rooms, part {part}", Video.Status.PUBLISHED, published_at=now - timedelta(weeks=weeks))
    failed = video("Bell Rock in numbers", Video.Status.FAILED,
                   status_message="Narration failed: espeak-ng has no voice 'xx'. "
                                  "Pick a voice in the channel settings.")
    Job.objects.create(kind="narrate_render", video=failed, channel=channel, step_key="narrate_render",
                       state="failed", percent=20, stage="Narrating scene 1",
                       error="espeak-ng has no voice 'xx'. Pick a voice in the channel settings, then retry.",
                       finished_at=now)
    return {"channel": channel, "rendered": rendered, "drafted": drafted, "assets": assets}
