"""Render failures a user can act on; the message says what to do."""

from __future__ import annotations


class RenderError(Exception):
    def __init__(self, message: str, *, log: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.log = log


class DiskFull(RenderError):
    pass


class RenderCancelled(Exception):
    pass
