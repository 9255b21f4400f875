"""A writer whose provider answers 403 with a rate-limit header (or words) waits and retries, then
hands over as "rate-limited"; it never asks the user to check a key that works."""

from __future__ import annotations

import pytest

from tests.factories import make_channel, make_video
from tests.fakes.echo_servers import AnthropicEcho, OllamaEcho, OpenAIEcho
from tests.fakes.llm_servers import isolate_llm_settings
from tests.fakes.server import FakeServer
from videos.llm import choose_writers
from videos.llm.base import WriterUnavailable
from videos.services.writing import brief_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("name", "handler", "headers", "key_setting"), [
    ("anthropic", AnthropicEcho, {"anthropic-ratelimit-requests-remaining": "0", "retry-after": "0"},
     "ANTHROPIC_API_KEY"),
    ("openai", OpenAIEcho, {"x-ratelimit-remaining-requests": "0"}, "OPENAI_COMPAT_API_KEY"),
    ("ollama", OllamaEcho, {}, "OLLAMA"),  # Ollama's client hands over only the text: "rate limit"
])
def test_a_rate_limited_403_is_retried_and_never_blames_the_key(settings, name, handler, headers, key_setting):
    isolate_llm_settings(settings)
    settings.LLM_MAX_RETRIES = 1
    with FakeServer(handler) as server:
        server.state.data.update(status=403, headers=headers)
        if name == "ollama":
            server.enqueue(403, {"error": "rate limit exceeded, retry later"})
            server.enqueue(403, {"error": "rate limit exceeded, retry later"})
            settings.OLLAMA_HOST = server.url
        elif name == "anthropic":
            settings.ANTHROPIC_BASE_URL, settings.ANTHROPIC_API_KEY = server.url, "anthropic-test-key"
        else:
            settings.OPENAI_COMPAT_BASE_URL, settings.OPENAI_COMPAT_MODEL = f"{server.url}/v1", "gpt-test"
            settings.OPENAI_COMPAT_API_KEY = "openai-test-key"
        video = make_video(channel=make_channel(writer_order=[name]))
        with pytest.raises(WriterUnavailable) as failure:
            choose_writers(video.channel).writers[0].write(brief_for(video))
        sent = len(server.requests)
    assert sent == 2  # retried, as a rate limit is
    assert "failed 2 times in a row (last: HTTP 403" in failure.value.message
    assert "refused the API key" not in failure.value.message and key_setting not in failure.value.message
