"""Template filters of the whole site."""

from __future__ import annotations

from typing import Any

from django import template

from faceless_site.wording import for_reader as _for_reader

register = template.Library()


@register.filter
def for_reader(text: str, user: Any) -> str:
    """A message as `user` should read it: whole for staff, plain words for creators (faceless_site.wording)."""
    return _for_reader(str(text or ""), user)
