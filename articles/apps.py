from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = "Newsroom"

    def ready(self) -> None:
        from articles import search_index  # noqa: F401 - its signal handlers keep the index in step
        from articles.cache import connect_signals

        connect_signals()  # every change invalidates the cached public pages
