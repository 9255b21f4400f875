"""Which writers a channel uses, in order. A name that is unknown or whose provider is not
configured, or whose circuit breaker is open, is skipped with the reason kept, so the caller can
say why nothing was available."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from faceless_site.providers import breaker_allows
from videos.llm.base import Writer, WriterUnavailable

WRITER_NAMES = ("offline", "ollama", "anthropic", "openai")


def _offline(model: str) -> Writer:
    from videos.llm.offline import OfflineWriter

    return OfflineWriter()


def _ollama(model: str) -> Writer:
    from videos.llm.ollama import OllamaWriter

    return OllamaWriter.from_settings(model=model)


def _anthropic(model: str) -> Writer:
    from videos.llm.anthropic import AnthropicWriter

    return AnthropicWriter.from_settings(model=model)


def _openai(model: str) -> Writer:
    from videos.llm.openai_compat import OpenAICompatWriter

    return OpenAICompatWriter.from_settings(model=model)


FACTORIES: dict[str, Callable[[str], Writer]] = {
    "offline": _offline, "ollama": _ollama, "anthropic": _anthropic, "openai": _openai,
}


@dataclass(frozen=True)
class WriterChoice:
    # In the channel's order: (name, the writer, "") or (name, None, why it was left out).
    entries: tuple[tuple[str, Writer | None, str], ...]

    @property
    def writers(self) -> tuple[Writer, ...]:
        return tuple(writer for _name, writer, _why in self.entries if writer is not None)

    @property
    def skipped(self) -> tuple[str, ...]:
        return tuple(why for _name, writer, why in self.entries if writer is None)


def writer_order(channel: Any) -> list[str]:
    order = [str(name).strip().lower() for name in (getattr(channel, "writer_order", None) or [])]
    return order or [str(name).lower() for name in settings.WRITER_DEFAULT_ORDER] or ["offline"]


def choose_writers(channel: Any) -> WriterChoice:
    entries: list[tuple[str, Writer | None, str]] = []
    order = list(dict.fromkeys(writer_order(channel)))
    # The channel's model names a model of its first LLM writer; the fallbacks use their settings.
    first_llm = next((name for name in order if name != "offline"), None)
    channel_model = (getattr(channel, "llm_model", "") or "").strip()
    for name in order:
        factory = FACTORIES.get(name)
        if factory is None:
            entries.append((name, None, f"{name!r} is not a writer (use {', '.join(WRITER_NAMES)})."))
        elif name != "offline" and not breaker_allows(name):
            entries.append((name, None, f"{name} is skipped for now after repeated failures."))
        else:
            try:
                entries.append((name, factory(channel_model if name == first_llm else ""), ""))
            except WriterUnavailable as exc:
                entries.append((name, None, exc.message))
    return WriterChoice(entries=tuple(entries))


def get_writers(channel: Any) -> list[Writer]:
    """The channel's usable writers in its order (see `choose_writers` for the reasons of the rest)."""
    return list(choose_writers(channel).writers)
