"""Reading what a real model replies, not what the schema hoped for.

Models leave out optional fields, rename them ("text" for "narration"), add fields of their own,
wrap the JSON in prose or a code fence, use single quotes, write numbers as strings, leave a
scene empty, or stop at their token limit. Everything a script can do without gets a default
here (derived from the narration where it can be); only what cannot be made up (narration)
makes a reply unusable, and then `ReplyProblem` says what to ask the model to fix.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

# A ten-minute script is about 10,000 characters of JSON; a reply fifty times that is a model
# repeating itself, not a script, and is refused before anything tries to read it.
MAX_REPLY_CHARS = 500_000

ALIASES = {
    "scenes": ("scenes", "sections", "segments", "parts", "shots", "beats"),
    "narration": ("narration", "text", "voiceover", "voice_over", "narration_text", "narrator", "script",
                  "line", "lines", "spoken_text", "speech", "content", "dialogue", "audio"),
    "visual_query": ("visual_query", "visual", "visuals", "visual_search", "footage", "footage_query",
                     "b_roll", "broll", "image_query", "search_query", "stock_query", "query",
                     "visual_description", "image", "video_query", "keywords"),
    "on_screen_text": ("on_screen_text", "onscreen_text", "on_screen", "overlay", "text_overlay",
                       "overlay_text", "caption", "screen_text", "title_card"),
    "visual_brief": ("visual_brief", "brief", "shot", "shot_description", "scene_description", "visual_idea"),
    "queries": ("queries", "footage_queries", "search_queries", "stock_queries", "searches"),
    "title": ("title", "video_title", "name", "headline"),
    "hook": ("hook", "opening", "opening_line", "intro", "hook_line"),
    "description": ("description", "video_description", "summary", "youtube_description"),
    "tags": ("tags", "keywords", "hashtags", "search_tags"),
    "topics": ("topics", "ideas", "topic_ideas", "suggestions", "titles"),
}


class ReplyProblem(ValueError):
    """The reply cannot be used; the message is what the repair request tells the model."""


@dataclass(frozen=True)
class Reading:
    value: Any
    salvaged: bool = False  # a reply cut off at the token limit, read up to its last complete part


def _key(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", str(name).strip().lower())


def pick(obj: dict[str, Any], field: str) -> Any:
    keys = {_key(name): value for name, value in obj.items()}
    for alias in ALIASES[field]:
        if alias in keys and keys[alias] not in (None, ""):
            return keys[alias]
    return None


def as_text(value: Any) -> str:
    """A field as text: numbers as their digits, a list of lines joined, nothing as ""."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, (int, float)):
        return str(int(value)) if float(value).is_integer() else str(value)
    if isinstance(value, list):
        return " ".join(as_text(item) for item in value if as_text(item))
    if isinstance(value, dict):
        return as_text(pick(value, "narration") or "")
    return " ".join(str(value).split())


def as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip().lstrip("#") for part in re.split(r"[,\n;]", value) if part.strip()]
    if isinstance(value, list):
        return [as_text(item) for item in value if as_text(item)]
    return [as_text(value)]


# --- Finding the JSON -----------------------------------------------------------------------------

def _single_to_double_quotes(text: str) -> str:
    """JSON from Python-style quoting: {'title': 'It\\'s'} -> {"title": "It's"}. Apostrophes inside
    double-quoted strings are left alone, since the scanner knows which string it is in."""
    out, quote, escaped = [], "", False
    for ch in text:
        if quote:
            if escaped:
                out.append(ch if not (quote == "'" and ch == "'") else "'")
                escaped = False
            elif ch == "\\":
                escaped = True
                if quote == '"':
                    out.append(ch)
            elif ch == quote:
                out.append('"')
                quote = ""
            elif ch == '"' and quote == "'":
                out.append('\\"')
            else:
                out.append(ch)
        elif ch in "'\"":
            quote = ch
            out.append('"')
        else:
            out.append(ch)
    return "".join(out)


def _close_truncated(text: str) -> str | None:
    """JSON cut off mid-way, closed after its last complete element of an array (the last whole
    scene); None when nothing complete can be kept."""
    stack: list[str] = []
    in_string = escaped = False
    last: tuple[int, list[str]] | None = None
    for position, ch in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
            continue
        if ch == '"':
            in_string = True
        elif ch in "{[":
            stack.append("}" if ch == "{" else "]")
        elif ch in "}]" and stack:
            stack.pop()
            if ch == "}" and stack and stack[-1] == "]":
                last = (position + 1, list(stack))
    if last is None:
        return None
    end, open_brackets = last
    return text[:end] + "".join(reversed(open_brackets))


def read_json(text: str) -> Reading:
    """The JSON value in a model's reply: bare, in a ```json fence, inside prose, in single quotes,
    or cut off at the token limit (then closed after its last complete scene, `salvaged`)."""
    if len(text) > MAX_REPLY_CHARS:
        raise ReplyProblem(f"the reply is {len(text):,} characters long, far more than any script; it looks "
                           "like the model repeated itself")
    cleaned = text.strip()
    if not cleaned:
        raise ReplyProblem("the reply was empty")
    fence = re.search(r"```(?:json|JSON)?\s*(.*?)(?:```|$)", cleaned, flags=re.DOTALL)
    if fence and fence.group(1).strip()[:1] in "{[":
        cleaned = fence.group(1).strip()
    start = min((i for i in (cleaned.find("{"), cleaned.find("[")) if i >= 0), default=-1)
    if start < 0:
        raise ReplyProblem("the reply has no JSON object in it")
    body = cleaned[start:]
    decoder = json.JSONDecoder()
    for variant in (body, _single_to_double_quotes(body)):
        try:
            # The first complete JSON value; commentary after it ("Hope this helps {:)}") is ignored.
            return Reading(decoder.raw_decode(variant)[0])
        except ValueError:
            continue
    closed = _close_truncated(body)
    if closed:
        try:
            return Reading(json.loads(closed), salvaged=True)
        except ValueError:
            pass
    try:
        json.loads(body)
    except ValueError as exc:
        raise ReplyProblem(f"not valid JSON ({exc})") from None
    raise ReplyProblem("not valid JSON")


# --- Shapes -----------------------------------------------------------------------------------------

def _unwrap(value: Any, field: str) -> Any:
    # {"script": {...}} or {"response": {...}}: one wrapper around the real object.
    if isinstance(value, dict) and pick(value, field) is None and len(value) == 1:
        inner = next(iter(value.values()))
        if isinstance(inner, dict):
            return inner
    return value


def scene_fields(value: Any) -> dict[str, str] | None:
    """A scene's fields, or None when it has no narration (an empty scene is dropped)."""
    if isinstance(value, str):
        value = {"narration": value}
    if not isinstance(value, dict):
        return None
    narration = as_text(pick(value, "narration"))
    if not narration:
        return None
    return {"narration": narration, "visual_query": as_text(pick(value, "visual_query")),
            "on_screen_text": as_text(pick(value, "on_screen_text")),
            "visual_brief": as_text(pick(value, "visual_brief")), "queries": _queries(pick(value, "queries"))}


def _queries(value: Any) -> list[str]:
    """A list of searches; a model may send one string ("a, b") or objects ({"query": ...})."""
    if isinstance(value, str):
        value = value.split(",") if "," in value else [value]
    if not isinstance(value, list):
        return []
    found = [as_text(item.get("query") or item.get("q") or "") if isinstance(item, dict) else as_text(item)
             for item in value]
    return [query for query in found if query][:3]


def script_fields(value: Any) -> dict[str, Any]:
    """title, hook, description, tags and scenes from a script reply; fields it left out are ""
    or [] (the writer derives them); scenes without narration are dropped."""
    if isinstance(value, list):
        value = {"scenes": value}
    value = _unwrap(value, "scenes")
    if not isinstance(value, dict):
        raise ReplyProblem("the reply is not a JSON object with a list of scenes")
    raw_scenes = pick(value, "scenes")
    if isinstance(raw_scenes, dict):  # {"1": {...}, "2": {...}}
        raw_scenes = list(raw_scenes.values())
    scenes = [fields for fields in map(scene_fields, raw_scenes if isinstance(raw_scenes, list) else [])
              if fields]
    if not scenes:
        raise ReplyProblem("scenes: the script has no scene with narration; give every scene its narration")
    return {"title": as_text(pick(value, "title")), "hook": as_text(pick(value, "hook")),
            "description": str(pick(value, "description") or "").strip() if not isinstance(
                pick(value, "description"), (list, dict)) else as_text(pick(value, "description")),
            "tags": as_list(pick(value, "tags")), "scenes": scenes}


def single_scene_fields(value: Any) -> dict[str, str]:
    value = _unwrap(value, "narration")
    if isinstance(value, dict) and pick(value, "scenes") is not None:
        scenes = pick(value, "scenes")
        value = scenes[0] if isinstance(scenes, list) and scenes else value
    fields = scene_fields(value)
    if fields is None:
        raise ReplyProblem("narration: the scene has no narration")
    return fields


def topic_list(value: Any) -> list[str]:
    if isinstance(value, dict):
        value = pick(_unwrap(value, "topics"), "topics") if pick(value, "topics") is None else pick(value, "topics")
    topics = [topic for topic in as_list(value) if topic]
    if not topics:
        raise ReplyProblem("topics: the list of topics is empty")
    return topics
