"""The one NinjaAPI, at /api/ with its docs at /api/docs. Each app contributes a router; they all
call the same services and selectors as the studio pages, so permissions and validation agree."""

from __future__ import annotations

import logging
from typing import Any, Literal

from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation, ValidationError
from django.http import Http404, HttpRequest
from django.http.multipartparser import MultiPartParserError
from ninja import Field, NinjaAPI, Schema, Status
from ninja.errors import ValidationError as NinjaValidationError
from ninja.parser import Parser

from faceless_site.apitools import ErrorOut
from faceless_site.auth import StudioSessionAuth, TokenAuth
from faceless_site.health import health_report, overall, probe_report, required_failed
from faceless_site.uploads import UploadRefused, upload_refusal


class ObjectBodyParser(Parser):
    """JSON bodies must be objects. Ninja validates a body schema by attribute lookup, so a JSON
    array would otherwise pass as "no fields given" on a schema whose fields are all optional.

    Form fields and files: an upload that faceless_site.uploads stopped while it was read is refused
    with its reason (413), rather than read as a request without its file."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        data = super().parse_body(request)
        if not isinstance(data, dict):
            raise NinjaValidationError([{"type": "model_type", "loc": ["body"],
                                         "msg": "The request body must be a JSON object."}])
        return data

    def parse_querydict(self, data: Any, list_fields: list[str], request: HttpRequest) -> dict[str, Any]:
        refusal = upload_refusal(request)
        if refusal:
            raise UploadRefused(refusal)
        return super().parse_querydict(data, list_fields, request)


class FacelessAPI(NinjaAPI):
    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """Document the answers every operation can give besides its own: 401 without valid
        credentials, 422 when the request does not match the schema."""
        schema = super().get_openapi_schema(*args, **kwargs)
        error = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}}
        schema["components"].setdefault("schemas", {})["ErrorOut"] = ErrorOut.model_json_schema()
        for operations in schema["paths"].values():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                # An empty requirement ({}) marks credentials as optional (the health probe).
                if operation.get("security") and {} not in operation["security"]:
                    responses.setdefault(401, {"description": "Not signed in or bad token", **error})
                responses.setdefault(422, {"description": "The request does not match the schema", **error})
        return schema


api = FacelessAPI(
    title="Faceless API",
    version="1",
    description=(
        "Channels, videos, scripts and scenes, assets, publications and jobs. Authenticate with "
        "`Authorization: Bearer <token>` (create tokens in the studio under API tokens) or the studio "
        "session (then send the CSRF token in `X-CSRFToken`). Errors are JSON: `{\"detail\": ...}`."
    ),
    auth=[TokenAuth(), StudioSessionAuth()],
    parser=ObjectBodyParser(),
    urls_namespace="api",
)


def _messages(exc: ValidationError) -> str:
    return " ".join(exc.messages)


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError):
    return api.create_response(request, {"detail": _messages(exc)}, status=400)


@api.exception_handler(PermissionDenied)
def on_permission_denied(request: HttpRequest, exc: PermissionDenied):
    message = str(exc) or "Your role on this channel does not allow this."
    return api.create_response(request, {"detail": message}, status=403)


@api.exception_handler(UploadRefused)
def on_upload_refused(request: HttpRequest, exc: UploadRefused):
    return api.create_response(request, {"detail": str(exc)}, status=exc.status)


# Django answers these 400 on its pages; ninja's default handler would make them 500s.
UNREADABLE_BODY = {
    "Request max total header size exceeded.": "A part of the multipart body has headers over 1024 bytes, most "
    "often a very long file name: shorten the file name and send it again.",
}


@api.exception_handler(MultiPartParserError)
def on_unreadable_multipart(request: HttpRequest, exc: MultiPartParserError):
    reason = str(exc)
    if reason.startswith("Invalid boundary"):
        detail = ("The multipart body has no boundary in its Content-Type header: let your HTTP client build the "
                  "multipart/form-data body (e.g. curl -F file=@clip.mp4) instead of setting the header by hand.")
    else:
        detail = UNREADABLE_BODY.get(reason, f"The multipart body could not be read ({reason}); send the file as "
                                             "multipart/form-data in the field `file`.")
    return api.create_response(request, {"detail": detail}, status=400)


@api.exception_handler(SuspiciousOperation)
def on_suspicious_request(request: HttpRequest, exc: SuspiciousOperation):
    # Django's own limits on a body: too many fields or files, form fields past DATA_UPLOAD_MAX_MEMORY_SIZE.
    from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent

    logging.getLogger(f"django.security.{type(exc).__name__}").warning("%s", exc)
    detail = {RequestDataTooBig: "The form fields are too large; send the file as a file part, and keep the "
                                 "other fields short.",
              TooManyFieldsSent: "The request has too many fields.",
              TooManyFilesSent: "The request has too many files; send one file at a time."}.get(
        type(exc), "The request was refused as unsafe.")
    return api.create_response(request, {"detail": detail}, status=400)


@api.exception_handler(BadRequest)
def on_bad_request(request: HttpRequest, exc: BadRequest):
    return api.create_response(request, {"detail": str(exc) or "The request could not be read."}, status=400)


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404):
    return api.create_response(request, {"detail": str(exc) or "Not found."}, status=404)


def _on_job_active(request: HttpRequest, exc: Exception):
    job = exc.job
    return api.create_response(request, {"detail": str(exc), "job_id": job.pk}, status=409)


def _register_domain_errors() -> None:
    from assets.services import AssetRejected, FootageError
    from videos.services.jobs import JobAlreadyActive

    api.add_exception_handler(JobAlreadyActive, _on_job_active)
    for error in (AssetRejected, FootageError):
        api.add_exception_handler(
            error, lambda request, exc: api.create_response(request, {"detail": str(exc)}, status=400)
        )


_register_domain_errors()


class CheckOut(Schema):
    name: str
    status: Literal["ok", "warn", "fail"]
    found: str = ""
    fix: str = ""


class HealthOut(Schema):
    status: Literal["ok", "warn", "fail"]
    checks: list[CheckOut] | None = Field(None, description="Only for a signed-in user or a token.")


def _anonymous(request: HttpRequest) -> str:
    return "anonymous"


@api.get("/health", response={200: HealthOut, 503: HealthOut}, tags=["health"], exclude_none=True,
         auth=[TokenAuth(), StudioSessionAuth(), _anonymous],
         openapi_extra={"security": [{"TokenAuth": []}, {"StudioSessionAuth": []}, {}]})
def health(request: HttpRequest):
    """For a load balancer's probe: 200 with the overall status, or 503 when a service the web process
    needs (database, cache, Redis, media folder) is down. Without credentials only those are checked
    and no details are shown; a signed-in user or a token sees every integration's status, and staff
    also what was found and the fix."""
    if not request.user.is_authenticated:
        results = probe_report()
        return Status(503 if required_failed(results) else 200, {"status": overall(results)})
    staff = request.user.is_staff
    results = health_report(detailed=staff)
    checks = [{"name": r.name, "status": r.status, "found": r.found if staff else "", "fix": r.fix if staff else ""}
              for r in results]
    return Status(503 if required_failed(results) else 200, {"status": overall(results), "checks": checks})


def _add_routers() -> None:
    from assets.api import router as assets_router
    from channels.api import router as channels_router
    from publishing.api import router as publishing_router
    from videos.api import jobs_router, scenes_router
    from videos.api import router as videos_router

    api.add_router("/channels", channels_router)
    api.add_router("/videos", videos_router)
    api.add_router("/scenes", scenes_router)
    api.add_router("/jobs", jobs_router)
    api.add_router("/assets", assets_router)
    api.add_router("/publications", publishing_router)


_add_routers()
