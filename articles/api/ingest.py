"""``POST /api/v1/seeds/``: a wire feed pushes a seed file's bytes instead of dropping a file.

The same importer as ``import_seeds`` reads them (``SeedImporter.import_bytes``), as if from a
file of the client's ``name``, so the outcome and its message are the command's: ``created``,
``updated``, ``unchanged``, ``conflict`` or ``failed`` with ``name:line: rule``. Posting the
same seed again is ``unchanged``. Importing publishes, so it is the Editors' (``publish_article``);
``?draft=1`` imports new articles as drafts, as ``import_seeds --draft`` does.
"""

from __future__ import annotations

import os
from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import BaseParser
from rest_framework.request import Request
from rest_framework.response import Response

from articles import workflow
from articles.importer import Outcome, SeedImporter
from articles.models import Article
from articles.seeds.limits import MAX_SEED_BYTES

DEFAULT_NAME = "posted-seed.txt"
# The answer's status for each outcome: a failure is the client's bad file, a conflict keeps
# the editor's version.
STATUS = {
    Outcome.CREATED: 201,
    Outcome.UPDATED: 200,
    Outcome.UNCHANGED: 200,
    Outcome.CONFLICT: 409,
    Outcome.FAILED: 400,
}


class SeedBytes(BaseParser):
    """The request's body as bytes, whatever its type: at most one byte past the seed size
    limit is read (the importer then refuses it, naming the limit)."""

    media_type = "*/*"

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None):
        return b"" if stream is None else stream.read(MAX_SEED_BYTES + 1)


def seed_name(raw: str | None) -> str:
    """The name messages call the seed by: the client's file name, without any directory."""
    name = os.path.basename((raw or "").replace("\\", "/")).strip()[:200]
    return name or DEFAULT_NAME


OUTCOME = inline_serializer(
    "SeedOutcome",
    {
        "outcome": serializers.ChoiceField(choices=[o.name.lower() for o in STATUS]),
        "message": serializers.CharField(),
        "article": serializers.CharField(allow_null=True, help_text="The article's slug."),
    },
)


class SeedViewSet(viewsets.ViewSet):
    """Import one seed file sent as the request's body."""

    parser_classes = [SeedBytes]

    @extend_schema(
        request={"application/octet-stream": {"type": "string", "format": "binary"}},
        parameters=[
            OpenApiParameter("name", str, description="The seed's file name, for messages."),
            OpenApiParameter("draft", OpenApiTypes.BOOL, description="New articles as drafts."),
        ],
        responses={code: OUTCOME for code in sorted(set(STATUS.values()))},
    )
    def create(self, request: Request) -> Response:
        if not workflow.may_publish(request.user) or not request.user.has_perm(
            "articles.add_article"
        ):
            raise PermissionDenied("Importing seeds is the Editors'.")
        draft = request.query_params.get("draft", "").lower() in ("1", "true", "yes")
        data = request.data if isinstance(request.data, bytes) else b""
        importer = SeedImporter(publish=not draft, workers=1)
        result = importer.import_bytes(data, seed_name(request.query_params.get("name")))
        slug = None
        if result.article_id is not None:
            slug = (
                Article.objects.filter(pk=result.article_id).values_list("slug", flat=True).first()
            )
        body = {"outcome": result.outcome.name.lower(), "message": result.message, "article": slug}
        return Response(body, status=STATUS.get(result.outcome, 400))
