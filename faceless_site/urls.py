from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from faceless_site import views
from faceless_site.api import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("account/tokens/", views.tokens_page, name="tokens"),
    path("account/tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("system/health/", views.health_page, name="health_page"),
    # --- lead: `metrics` and `health` routes go here -------------------------------------------
    # -------------------------------------------------------------------------------------------
    path("", include("channels.urls")),
    path("", include("videos.urls")),
    path("", include("assets.urls")),
    path("", include("publishing.urls")),
    path("", include("social_django.urls", namespace="social")),
]
