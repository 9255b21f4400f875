"""Uploads checked while they are read, with Django's own upload handlers (FILE_UPLOAD_HANDLERS).

Django parses a multipart body when something first reads `request.POST` or `request.FILES` (the
CSRF check of a studio page, the API's parameters), and its handlers spool every file to disk before
any view can look at its size. `UploadLimitHandler` runs first and stops the parse:

- an anonymous request, or one whose Content-Length is past UPLOAD_MAX_BYTES plus Django's allowance
  for the other fields (DATA_UPLOAD_MAX_MEMORY_SIZE): at its first file, so the fields before it (a
  CSRF token, a sign-in form's fields) are read and the file is not;
- files that together pass UPLOAD_MAX_BYTES: at the limit, while reading.

An anonymous upload to a page that needs a sign-in is not read at all: `UploadSignInMiddleware`
sends it to sign in before the CSRF check reads the body; the API authenticates before it reads one.

A stopped parse leaves the request without its file and with `upload_refusal(request)`, the message
every upload route shows instead of "choose a file" (the API answers 413 with it). The rest of the
body is not read (`StopUpload(connection_reset=True)`): the WSGI server drops it with the connection.
"""

from __future__ import annotations

from pathlib import PurePath

from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.core.files.uploadhandler import FileUploadHandler, StopUpload, TemporaryFileUploadHandler
from django.http import HttpRequest
from django.utils.deprecation import MiddlewareMixin

MB = 1024 * 1024
# A temporary file is named "tmpXXXXXXXX.upload" + the upload's extension; a longer extension than
# this is dropped, so that no file name is too long for the file system (255 bytes).
MAX_EXTENSION_CHARS = 16


class UploadRefused(Exception):
    """An upload stopped while it was read; the message says why and what to do."""

    status = 413


def limit_text(limit: int | None = None) -> str:
    limit = settings.UPLOAD_MAX_BYTES if limit is None else limit
    return f"{limit // MB} MB" if limit >= MB else f"{limit} bytes"


def too_large_message(limit: int | None = None) -> str:
    return f"The file is larger than the {limit_text(limit)} upload limit; shorten or compress it and upload again."


def upload_refusal(request: HttpRequest) -> str:
    """Why the request's upload was stopped while it was read, or ""."""
    return getattr(request, "_upload_refusal", "")


def _is_anonymous(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return not getattr(user, "is_authenticated", False)


class UploadLimitHandler(FileUploadHandler):
    """First of FILE_UPLOAD_HANDLERS: passes every chunk on to Django's handlers until the limit."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None) -> None:
        self.request_length = content_length
        self.received = 0

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        if _is_anonymous(self.request):
            self._refuse("Sign in to upload files.")
        if self.request_length > settings.UPLOAD_MAX_BYTES + (settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0):
            self._refuse(too_large_message())

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > settings.UPLOAD_MAX_BYTES:
            self._refuse(too_large_message())
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # Django's handlers after this one keep the file

    def _refuse(self, message: str) -> None:
        self.request._upload_refusal = message
        raise StopUpload(connection_reset=True)


class ShortNameTemporaryFileUploadHandler(TemporaryFileUploadHandler):
    """Django's handler for files kept on disk while they arrive, with the upload's name cut to what
    a file system accepts: Django names the temporary file after the name's extension, and an
    extension of hundreds of characters made that an OSError (a 500)."""

    def new_file(self, field_name, file_name, *args, **kwargs) -> None:
        super().new_file(field_name, short_file_name(file_name), *args, **kwargs)


def short_file_name(name: str) -> str:
    path = PurePath(name)
    suffix = path.suffix if len(path.suffix) <= MAX_EXTENSION_CHARS else ""
    stem = name[: len(name) - len(path.suffix)] if path.suffix else name
    return stem[: 255 - len(suffix)] + suffix


class UploadSignInMiddleware(MiddlewareMixin):
    """An anonymous upload to a page that needs a sign-in (a view `login_required` marks) is sent to
    sign in before anything reads its body: listed before CsrfViewMiddleware, whose check would
    otherwise parse the whole body first."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.content_type.startswith("multipart/") or not hasattr(view_func, "login_url"):
            return None
        if not _is_anonymous(request):
            return None
        return redirect_to_login(request.get_full_path(), view_func.login_url or settings.LOGIN_URL,
                                 getattr(view_func, "redirect_field_name", REDIRECT_FIELD_NAME))
