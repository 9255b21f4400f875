"""A failed topic-ideas job speaks of topic ideas, and every failed job says what failed in one line."""

from __future__ import annotations

import pytest

from tests.factories import make_channel
from tests.fakes.llm_servers import isolate_llm_settings, openai_server
from videos.models import Job
from videos.services.jobs import job_enqueue, job_run

pytestmark = pytest.mark.django_db


def test_unusable_topic_ideas_are_called_topic_ideas_and_the_message_is_one_line(settings):
    isolate_llm_settings(settings)
    channel = make_channel(writer_order=["openai"])
    with openai_server() as server:
        server.state.data["replies"] = ["Here are some ideas:\n- one\n- two", "Sure! 1. one 2. two"]
        settings.OPENAI_COMPAT_BASE_URL, settings.OPENAI_COMPAT_MODEL = f"{server.url}/v1", "gpt-test"
        settings.OPENAI_COMPAT_API_KEY = ""
        job = job_enqueue(kind=Job.Kind.SUGGEST_TOPICS, channel=channel, params={"count": 3})
        assert job_run(job.pk) == "failed"
    job.refresh_from_db()
    assert "cannot be used as topic ideas" in job.error and "script" not in job.error
    assert job.message.startswith("Suggest topics failed") and "topic ideas" in job.message
    assert "\n" not in job.message and len(job.message) <= 240
    assert job.stage.startswith("Failed")  # "Failed at: <the stage it reached>"
