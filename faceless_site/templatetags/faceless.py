"""Template filters of the whole site."""

from __future__ import annotations

import re
from typing import Any

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from faceless_site.wording import for_reader as _for_reader

register = template.Library()


@register.filter
def for_reader(text: str, user: Any) -> str:
    """A message as `user` should read it: whole for staff, plain words for creators (faceless_site.wording)."""
    return _for_reader(str(text or ""), user)


URL = re.compile(r"https?://[^\s<>\"']+")
URL_BREAKS = "/?&=#"


@register.filter(is_safe=True)
def wrap_urls(text: str) -> SafeString:
    """The text escaped, with a line-break opportunity (<wbr>) after each / ? & = and # of a URL, so a
    long URL wraps at its own punctuation on a phone rather than cutting a word, or the page, in two."""
    text, pieces, last = str(text or ""), [], 0
    for match in URL.finditer(text):
        pieces.append(escape(text[last:match.start()]))
        pieces.append("".join(escape(char) + ("<wbr>" if char in URL_BREAKS else "") for char in match.group(0)))
        last = match.end()
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces))  # every piece is escaped above
