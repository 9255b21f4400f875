from django.apps import AppConfig


class FacelessSiteConfig(AppConfig):
    name = "faceless_site"
    verbose_name = "Faceless"

    def ready(self) -> None:
        from faceless_site import checks  # noqa: F401  (registers the system checks)
        from faceless_site.sentry import init_sentry

        init_sentry()  # does nothing unless SENTRY_DSN is set
