"""Stand-in pipeline stages that call outside services the way the real ones do: through
`provider_call`, against a local fake server, with a writer/footage fallback chain."""

from __future__ import annotations

import httpx
import structlog

from faceless_site.metrics import observe_render, record_rate_limit_wait, record_youtube_quota
from faceless_site.providers import BreakerOpen, provider_call, providers_available
from tests.factories import make_script
from tests.fakes.server import FakeHandler, Recorded
from videos.models import Render, Video

PLANTED_SECRET = "sk-planted-pipeline-0123456789"
SERVER = {"url": ""}
log = structlog.get_logger(__name__)


class ProvidersHandler(FakeHandler):
    def route(self, recorded: Recorded):
        if recorded.path == "/llm/generate":
            return 200, {}, {"text": "Sputnik launched in 1957."}
        if recorded.path == "/pixabay/api":
            return 503, {}, {"error": "overloaded"}
        if recorded.path == "/pexels/search":
            return 200, {}, {"videos": [{"id": 7}]}
        if recorded.path == "/youtube/upload":
            return 200, {}, {"id": "yt123"}
        return 404, {}, {"error": "not found"}


def _get(provider: str, operation: str, path: str, **params: str) -> httpx.Response | None:
    with provider_call(provider=provider, operation=operation) as call:
        response = httpx.get(f"{SERVER['url']}{path}", params=params, timeout=5)
        call.status = response.status_code
    return response if response.status_code == 200 else None


def stage_write(ctx) -> None:
    with provider_call(provider="ollama", operation="generate") as call:
        response = httpx.post(f"{SERVER['url']}/llm/generate", timeout=5,
                              headers={"Authorization": f"Bearer {PLANTED_SECRET}"})
        call.status = response.status_code
    log.info("script.written", api_key=PLANTED_SECRET, note=f"called with token={PLANTED_SECRET}")
    make_script(ctx.video)


def stage_footage(ctx) -> None:
    for scene in ctx.video.current_script.scenes.all():
        for source in providers_available(["pixabay", "pexels"]):
            try:
                found = _get(source, "search", f"/{source}/{'api' if source == 'pixabay' else 'search'}",
                             key=PLANTED_SECRET, q=scene.visual_query)
            except BreakerOpen:
                continue
            if found is not None:
                scene.footage_reason = f"{source} match"
                scene.save(update_fields=["footage_reason"])
                break


def stage_render(ctx) -> None:
    video = ctx.video
    record_rate_limit_wait(provider="pexels", seconds=0.25)
    Render.objects.create(video=video, script_version=video.current_script.version, file="renders/x.mp4",
                          duration_seconds=10.0, render_seconds=5.0)
    observe_render(render_seconds=5.0, video_seconds=10.0)
    Video.objects.filter(pk=video.pk).update(status=Video.Status.RENDERED)


def stage_publish(ctx) -> None:
    with provider_call(provider="youtube", operation="videos.insert") as call:
        response = httpx.post(f"{SERVER['url']}/youtube/upload", timeout=5)
        call.status = response.status_code
    record_youtube_quota(units=1600, operation="videos.insert")
    Video.objects.filter(pk=ctx.video.pk).update(status=Video.Status.PUBLISHED)


def step_crashes(ctx) -> None:
    raise ValueError(f"upstream said token={PLANTED_SECRET}")
