"""Which licences a picture may carry to be used in a monetised, edited video, read from the many
ways archives write them ("CC BY-SA 4.0", "cc-by-sa-3.0", "Public domain", "PD-USGov-NASA", "pdm",
"Attribution-ShareAlike"), and the credit line each asks for.

By default only public domain, CC0, CC BY and CC BY-SA are accepted. NonCommercial (NC) forbids a
monetised channel and NoDerivatives (ND) forbids cropping and cutting, so those are used only when a
channel allows them (`footage_restricted_licences`). Anything unrecognised is refused.
"""

from __future__ import annotations

import re

FREE = frozenset({"pd", "cc0", "by", "by-sa"})
RESTRICTED = frozenset({"by-nc", "by-nd", "by-nc-sa", "by-nc-nd"})
LABELS = {"pd": "Public domain", "cc0": "CC0", "by": "CC BY", "by-sa": "CC BY-SA", "by-nc": "CC BY-NC",
          "by-nd": "CC BY-ND", "by-nc-sa": "CC BY-NC-SA", "by-nc-nd": "CC BY-NC-ND"}
NEEDS_CREDIT = frozenset({"by", "by-sa", *RESTRICTED})


def accepted_licences(*, restricted: bool = False) -> frozenset[str]:
    return FREE | RESTRICTED if restricted else FREE


def licence_code(name: str) -> str:
    """"by-sa", "cc0", "pd", ... for a licence as an archive writes it; "" when not recognised."""
    text = " ".join(re.sub(r"[_\-/]+", " ", (name or "").lower()).split())
    if not text:
        return ""
    if re.search(r"\b(public domain|pd|pdm|no known copyright|no restrictions)\b", text):
        return "pd"
    if re.search(r"\bcc ?0\b|\bcc zero\b|\bzero\b", text):
        return "cc0"
    words = set(text.replace("attribution", "by").replace("sharealike", "sa").replace("share alike", "sa")
                .replace("noncommercial", "nc").replace("non commercial", "nc").replace("noderivatives", "nd")
                .replace("noderivs", "nd").replace("no derivatives", "nd").split())
    if "by" not in words:
        return ""
    code = "by" + ("-nc" if "nc" in words else "") + ("-nd" if "nd" in words else "") + ("-sa" if "sa" in words else "")
    return code if code in FREE | RESTRICTED else ""


def licence_label(code: str, version: str = "") -> str:
    label = LABELS.get(code, code)
    return f"{label} {version}".strip() if code not in ("pd", "cc0") else label


def credit_line(*, title: str, author: str, licence: str, licence_url: str = "", page_url: str = "",
                source: str = "") -> str:
    """TASL: title, author, source, licence (Creative Commons' recommended attribution)."""
    parts = [f"\u201c{title}\u201d" if title else "Picture"]
    if author:
        parts.append(f"by {author}")
    if source:
        parts.append(f"via {source}")
    line = " ".join(parts)
    if licence:
        line += f", {licence}" + (f" ({licence_url})" if licence_url else "")
    return line + (f": {page_url}" if page_url else "")
