"""Script writers: an offline one built in, and LLM writers (Ollama, Anthropic, any OpenAI-compatible
endpoint) chosen per channel in a fallback order. See `base` for the interface."""

from __future__ import annotations

from videos.llm.base import SceneDraft, ScriptDraft, Writer, WriterError, WriterUnavailable, WritingBrief
from videos.llm.registry import choose_writers, get_writers

__all__ = ["SceneDraft", "ScriptDraft", "Writer", "WriterError", "WriterUnavailable", "WritingBrief",
           "choose_writers", "get_writers"]
