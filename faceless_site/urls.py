from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from faceless_site import views
from faceless_site.api import api
from faceless_site.views_metrics import metrics_view

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("account/tokens/", views.tokens_page, name="tokens"),
    path("account/tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("system/health/", views.health_page, name="health_page"),
    # Prometheus text format, for staff or `Authorization: Bearer METRICS_TOKEN` (never public).
    path("metrics", metrics_view, name="metrics"),
    path("", include("channels.urls")),
    path("", include("videos.urls")),
    path("", include("assets.urls")),
    path("", include("publishing.urls")),
    path("", include("publishing.social_urls", namespace="social")),
]
