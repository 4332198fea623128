"""The content API at ``/api/v1/`` (Django REST framework): the archive and who said what, for
apps, newsletters and partner sites. Anonymous clients see exactly what readers see: every
queryset here starts from the public querysets of ``articles.models``."""
