"""Studio pages that belong to no app: signing in and out, personal API tokens, the health report."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from faceless_site import auth as site_auth
from faceless_site.models import ApiToken


def _client_ip(request: HttpRequest) -> str:
    # REMOTE_ADDR only: X-Forwarded-For is client-controlled unless a trusted proxy rewrites it.
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return target
    return settings.LOGIN_REDIRECT_URL


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
def login_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and request.method == "GET":
        return redirect(_safe_next(request))
    context = {"next": _safe_next(request), "username": "", "error": "",
               "google_enabled": bool(settings.GOOGLE_OAUTH_CLIENT_ID)}
    status = 200
    if request.method == "POST":
        username = request.POST.get("username", "").strip()
        password = request.POST.get("password", "")
        ip = _client_ip(request)
        context["username"] = username
        if site_auth.login_blocked(ip, username):
            context["error"] = (f"Too many failed sign-ins for {username or 'this account'}. Wait "
                                f"{site_auth.login_window_minutes()} minutes and try again, or ask an "
                                "operator to reset your password.")
            status = 429
        elif not username or not password:
            context["error"] = "Enter your username and password."
            status = 400
        else:
            user = authenticate(request, username=username, password=password)
            if user is None:
                site_auth.login_failed(ip, username)
                context["error"] = "That username and password do not match. Check both and try again."
                status = 400
            else:
                site_auth.login_succeeded(ip, username)
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                return redirect(context["next"])
    return TemplateResponse(request, "account/login.html", context, status=status)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect(settings.LOGOUT_REDIRECT_URL)


@login_required
def tokens_page(request: HttpRequest) -> HttpResponse:
    new_token = ""
    error = ""
    if request.method == "POST":
        try:
            _token, new_token = site_auth.api_token_create(user=request.user, name=request.POST.get("name", ""))
        except ValidationError as exc:
            error = " ".join(exc.messages)
    tokens = ApiToken.objects.filter(user=request.user)
    return TemplateResponse(request, "account/tokens.html",
                            {"tokens": tokens, "new_token": new_token, "error": error},
                            status=400 if error else 200)


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    site_auth.api_token_revoke(token=token, user=request.user)
    messages.success(request, f"Revoked “{token.name}”. Anything using it now gets 401.")
    return redirect("tokens")


def health_page(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.is_staff:
        raise PermissionDenied("The health report is for operators (staff).")
    from faceless_site.health import health_report, overall

    results = health_report(detailed=True)
    return TemplateResponse(request, "site/health.html", {"results": results, "overall": overall(results)})
