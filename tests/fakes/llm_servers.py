"""Local servers that speak the Ollama, Anthropic Messages and OpenAI chat-completions HTTP APIs,
for tests that drive the real `ollama` client, the real `anthropic` SDK and httpx.

Each chat request takes the next reply from `server.state.data["replies"]` (a string is sent as
the model's text as is, a dict as JSON, a `Reply` cut off at the token limit with the vendor's
own "length" stop reason); with none left it answers with output that fits the requested JSON
schema. `REAL_REPLIES` are replies the way real models give them on a bad day: fields missing,
renamed or extra, prose around the JSON, numbers as strings, an empty scene, single quotes.
`data["delays"]` holds seconds to wait before answering successive requests (slow or hung
servers); `server.enqueue(...)` scripts raw HTTP answers (429, 500, dropped connections) ahead of
all that.
"""

from __future__ import annotations

import copy
import json
import time
from dataclasses import dataclass
from typing import Any

from tests.fakes.server import FakeHandler, FakeServer, Recorded

SAMPLE_SCRIPT = {
    "title": "How Lighthouses Learned to Shine",
    "hook": "Before satellites, sailors trusted a single light on the horizon.",
    "description": "From the Pharos of Alexandria to the Fresnel lens: how lighthouses kept ships off the rocks.",
    "tags": ["lighthouse", "history", "Fresnel lens", "sailing"],
    "scenes": [
        {"narration": "Before satellites, sailors trusted a single light on the horizon. That light came from a "
                      "lighthouse.", "visual_query": "lighthouse night sea", "on_screen_text": ""},
        {"narration": "The first great one stood in Alexandria, more than a hundred metres tall.",
         "visual_query": "ancient tower harbour", "on_screen_text": "280 BC"},
        {"narration": "In eighteen twenty-two, Augustin Fresnel bent the light into one bright beam with rings "
                      "of glass prisms.", "visual_query": "fresnel lens glass prism", "on_screen_text": "1822"},
        {"narration": "Today the lamps switch on by themselves, but the towers still stand along our coasts.",
         "visual_query": "lighthouse coast sunset", "on_screen_text": ""},
    ],
}
SAMPLE_SCENE = {"narration": "A keeper climbed the spiral stairs every evening to light the lamp.",
                "visual_query": "lighthouse spiral staircase lamp", "on_screen_text": ""}
SAMPLE_TOPICS = {"topics": ["The Bell Rock lighthouse and the men who built it",
                            "Why lighthouses flash in patterns", "The last lighthouse keepers of Scotland",
                            "How a Fresnel lens works", "Lightships: lighthouses that floated"]}


@dataclass(frozen=True)
class Reply:
    """A reply cut off after `cut_at` characters, as a model stopping at its token limit."""

    content: Any
    cut_at: int

    def text(self) -> str:
        body = self.content if isinstance(self.content, str) else json.dumps(self.content)
        return body[: self.cut_at]


def _variant(change: Any) -> dict[str, Any]:
    script = copy.deepcopy(SAMPLE_SCRIPT)
    change(script)
    return script


def _drop_on_screen_text(script: dict[str, Any]) -> None:
    for scene in script["scenes"]:
        del scene["on_screen_text"]


def _drop_optional(script: dict[str, Any]) -> None:
    for key in ("hook", "description", "tags"):
        del script[key]
    for scene in script["scenes"]:
        scene.pop("on_screen_text")
        scene.pop("visual_query")


def _rename(script: dict[str, Any]) -> None:
    script["video_title"] = script.pop("title")
    script["sections"] = [{"text": scene["narration"], "visuals": scene["visual_query"],
                           "overlay": scene["on_screen_text"]} for scene in script.pop("scenes")]


def _extra(script: dict[str, Any]) -> None:
    script["thumbnail_idea"] = "A lighthouse beam in fog"
    script["estimated_duration"] = "60 seconds"
    for number, scene in enumerate(script["scenes"], 1):
        scene.update(scene_number=number, duration_seconds=8, music="calm piano")


def _numbers_as_strings(script: dict[str, Any]) -> None:
    for number, scene in enumerate(script["scenes"], 1):
        scene["scene_number"] = str(number)
        scene["duration"] = "8"
    script["scenes"][2]["on_screen_text"] = 1822  # a number where text belongs
    script["tags"] = "lighthouse, history, Fresnel lens"  # one string, not a list


def _empty_scene(script: dict[str, Any]) -> None:
    script["scenes"].insert(2, {"narration": "", "visual_query": "", "on_screen_text": ""})
    script["scenes"].append({})


# What real models send back; each must still become a script.
REAL_REPLIES: dict[str, Any] = {
    "no on_screen_text": _variant(_drop_on_screen_text),
    "only title and narration": _variant(_drop_optional),
    "renamed fields": _variant(_rename),
    "extra fields": _variant(_extra),
    "numbers as strings": _variant(_numbers_as_strings),
    "an empty scene": _variant(_empty_scene),
    "prose around a fence": "Sure! Here is your script:\n\n```json\n" + json.dumps(SAMPLE_SCRIPT, indent=2)
                            + "\n```\n\nLet me know if you want a different tone.",
    "prose around bare JSON": "Here you go: " + json.dumps(SAMPLE_SCRIPT) + " Hope this helps!",
    "single quotes": repr(SAMPLE_SCRIPT),
    "wrapped in a key": {"script": SAMPLE_SCRIPT},
}


def sample_for(schema: Any) -> dict[str, Any]:
    properties = schema.get("properties", {}) if isinstance(schema, dict) else {}
    if "scenes" in properties:
        return SAMPLE_SCRIPT
    if "topics" in properties:
        return SAMPLE_TOPICS
    return SAMPLE_SCENE


def schema_problem(schema: Any, path: str = "schema") -> str:
    """What strict structured output (OpenAI strict mode, Anthropic) rejects in a schema, or ""."""
    if not isinstance(schema, dict):
        return ""
    for keyword in ("minLength", "maxLength", "$ref"):
        if keyword in schema:
            return f"{path}: '{keyword}' is not supported"
    if schema.get("type") == "object":
        properties = schema.get("properties", {})
        if schema.get("additionalProperties") is not False:
            return f"{path}: 'additionalProperties' is required to be supplied and to be false"
        if set(schema.get("required", [])) != set(properties):
            return f"{path}: 'required' must list every key in 'properties'"
        for name, child in properties.items():
            if problem := schema_problem(child, f"{path}.{name}"):
                return problem
    return schema_problem(schema.get("items"), f"{path}.items") if "items" in schema else ""


class _ChatHandler(FakeHandler):
    def next_reply(self, schema: Any) -> str:
        delays = self.state.data.setdefault("delays", [])
        if delays:
            time.sleep(delays.pop(0))
        replies = self.state.data.setdefault("replies", [])
        reply = replies.pop(0) if replies else sample_for(schema)
        self.cut_off = isinstance(reply, Reply)
        if isinstance(reply, Reply):
            return reply.text()
        return reply if isinstance(reply, str) else json.dumps(reply)

    def next_object(self, schema: Any) -> tuple[Any, bool]:
        """(the next reply as an object when it is one, else its text; whether it was cut off)."""
        replies = self.state.data.setdefault("replies", [])
        if replies and isinstance(replies[0], dict):
            delays = self.state.data.setdefault("delays", [])
            if delays:
                time.sleep(delays.pop(0))
            return replies.pop(0), False
        text = self.next_reply(schema)
        return text, self.cut_off


class OllamaHandler(_ChatHandler):
    """`data["models"]`: the installed model names (default ["llama3.2:latest"])."""

    def installed(self) -> list[str]:
        return self.state.data.setdefault("models", ["llama3.2:latest"])

    def has(self, model: str) -> bool:
        names = self.installed()
        return model in names or f"{model}:latest" in names

    def route(self, recorded: Recorded) -> tuple[int, dict[str, str], Any]:
        if recorded.method == "GET" and recorded.path == "/api/tags":
            return 200, {}, {"models": [self._tag(name) for name in self.installed()]}
        body = recorded.json() or {}
        if recorded.path == "/api/show":
            if not self.has(body.get("model", "")):
                return 404, {}, {"error": f"model '{body.get('model')}' not found"}
            return 200, {}, {"modelfile": "", "parameters": "", "template": "{{ .Prompt }}",
                             "details": {"format": "gguf", "family": "llama"}, "model_info": {},
                             "capabilities": ["completion"]}
        if recorded.path == "/api/chat":
            model = body.get("model", "")
            if not self.has(model):
                return 404, {}, {"error": f'model "{model}" not found, try pulling it first'}
            content = self.next_reply(body.get("format"))
            return 200, {}, {
                "model": model, "created_at": "2026-11-24T12:00:00Z",
                "message": {"role": "assistant", "content": content}, "done": True,
                "done_reason": "length" if self.cut_off else "stop",
                "total_duration": 1_000_000, "load_duration": 1000, "prompt_eval_count": 321,
                "prompt_eval_duration": 1000, "eval_count": 123, "eval_duration": 1000,
            }
        return 404, {}, "404 page not found"

    @staticmethod
    def _tag(name: str) -> dict[str, Any]:
        return {"name": name, "model": name, "modified_at": "2026-11-01T00:00:00Z", "size": 2_000_000_000,
                "digest": "sha256:" + "0" * 64,
                "details": {"format": "gguf", "family": "llama", "families": ["llama"], "parameter_size": "3B",
                            "quantization_level": "Q4_K_M"}}


class AnthropicHandler(_ChatHandler):
    """Accepts `Authorization: Bearer <key>` (SDK 2.x) or `x-api-key` (SDK 0.x); `data["api_key"]`.
    Like API version 2026-10-21, it rejects temperature, top_p and top_k with 400."""

    def route(self, recorded: Recorded) -> tuple[int, dict[str, str], Any]:
        if recorded.method != "POST" or recorded.path != "/v1/messages":
            return 404, {}, _anthropic_error("not_found_error", "Not found")
        key = self.state.data.get("api_key", "test-anthropic-key")
        sent = recorded.headers.get("x-api-key") or recorded.headers.get("authorization", "").removeprefix("Bearer ")
        if sent != key:
            return 401, {"request-id": "req_fake"}, _anthropic_error("authentication_error", "invalid x-api-key")
        body = recorded.json() or {}
        for name in ("temperature", "top_p", "top_k"):
            if name in body:
                return 400, {}, _anthropic_error("invalid_request_error",
                                                 f"{name}: not supported in API version 2026-10-21")
        model = body.get("model", "")
        if model not in self.state.data.get("models", [model]):
            return 404, {}, _anthropic_error("not_found_error", f"model: {model}")
        tools = {tool.get("name"): tool for tool in body.get("tools") or []}
        forced = (body.get("tool_choice") or {}).get("name")
        if forced and forced not in tools:
            return 400, {}, _anthropic_error("invalid_request_error", f"tool_choice: no tool named {forced!r}")
        schema = tools[forced].get("input_schema") if forced else None
        reply, cut_off = self.next_object(schema)
        if forced and isinstance(reply, dict):
            # A forced tool call: the model's JSON arrives as the tool's input, parsed by the API.
            content = [{"type": "tool_use", "id": "toolu_fake", "name": forced, "input": reply}]
            stop_reason = "tool_use"
        else:
            # Prose (a model that ignored the tool), or a reply cut off at max_tokens.
            content = [{"type": "text", "text": reply if isinstance(reply, str) else json.dumps(reply)}]
            stop_reason = "max_tokens" if cut_off else "end_turn"
        return 200, {"request-id": "req_fake"}, {
            "id": "msg_fake", "type": "message", "role": "assistant", "model": model, "content": content,
            "stop_reason": self.state.data.get("stop_reason", stop_reason),
            "stop_sequence": None, "usage": {"input_tokens": 411, "output_tokens": 222},
        }


def _anthropic_error(kind: str, message: str) -> dict[str, Any]:
    return {"type": "error", "error": {"type": kind, "message": message}}


class OpenAIHandler(_ChatHandler):
    """`/v1/chat/completions`; `data["api_key"]` (None: no key needed, as LM Studio and vLLM);
    `data["json_schema"] = False`: an endpoint that knows only JSON mode and turns json_schema
    down with 400, as older vLLM and LM Studio builds do."""

    def route(self, recorded: Recorded) -> tuple[int, dict[str, str], Any]:
        if recorded.method != "POST" or recorded.path != "/v1/chat/completions":
            return 404, {}, {"error": {"message": "Unknown route", "type": "invalid_request_error"}}
        key = self.state.data.get("api_key")
        if key and recorded.headers.get("authorization") != f"Bearer {key}":
            return 401, {}, {"error": {"message": "Incorrect API key provided.", "type": "invalid_request_error",
                                       "code": "invalid_api_key"}}
        body = recorded.json() or {}
        model = body.get("model", "")
        if model not in self.state.data.get("models", [model]):
            return 404, {}, {"error": {"message": f"The model `{model}` does not exist.",
                                       "type": "invalid_request_error", "code": "model_not_found"}}
        response_format = body.get("response_format") or {}
        if response_format.get("type") == "json_schema" and self.state.data.get("json_schema") is False:
            return 400, {}, {"error": {"message": "response_format.type: value is not one of the allowed values "
                                                  "['text', 'json_object']", "type": "BadRequestError", "code": 400}}
        schema = (response_format.get("json_schema") or {}).get("schema")
        if response_format.get("type") == "json_object":
            system = next((m.get("content", "") for m in body.get("messages", []) if m.get("role") == "system"), "")
            schema = json.loads(system.split("matches this JSON schema:\n", 1)[1]) if "JSON schema:" in system else {}
        if problem := schema_problem(schema):
            return 400, {}, {"error": {"message": f"Invalid schema for response_format 'reply': {problem}",
                                       "type": "invalid_request_error"}}
        content = self.next_reply(schema)
        return 200, {}, {
            "id": "chatcmpl-fake", "object": "chat.completion", "created": 1_790_000_000, "model": model,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content},
                         "finish_reason": "length" if self.cut_off else "stop"}],
            "usage": {"prompt_tokens": 500, "completion_tokens": 250, "total_tokens": 750},
        }


def ollama_server() -> FakeServer:
    return FakeServer(OllamaHandler)


def anthropic_server() -> FakeServer:
    return FakeServer(AnthropicHandler)


def openai_server() -> FakeServer:
    return FakeServer(OpenAIHandler)


def isolate_llm_settings(settings: Any) -> None:
    """Fast retries, short timeouts, and breaker state of its own (a fresh cache key prefix, so
    failures counted in a shared Redis by another test never open this test's breakers)."""
    import uuid

    settings.LLM_RETRY_BASE_SECONDS = 0.01
    settings.LLM_MAX_RETRIES = 2
    settings.LLM_TIMEOUT_SECONDS = 5
    settings.BREAKER_FAILURE_THRESHOLD = 50
    settings.CACHES = {name: {**config, "KEY_PREFIX": f"llm-test-{uuid.uuid4().hex}"}
                       for name, config in settings.CACHES.items()}
