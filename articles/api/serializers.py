"""What the API says about each thing: the fields readers see, and links to the pages."""

from __future__ import annotations

from rest_framework import serializers

from articles.models import Article, Speaker, Tag
from articles.workflow import Action

# The nested serializers name their fields rather than read them from the models: a
# ModelSerializer introspects its model each time it is made, once per nested object, and that
# was most of an article's answer (8 ms against 1.8 ms for its HTML page, uncached).


class SourceSerializer(serializers.Serializer):
    name = serializers.CharField()
    domain = serializers.CharField()
    homepage = serializers.URLField(allow_blank=True)


class TagSerializer(serializers.Serializer):
    name = serializers.CharField()
    slug = serializers.SlugField()
    kind = serializers.ChoiceField(choices=Tag.Kind.choices)


class SpeakerSerializer(serializers.Serializer):
    name = serializers.CharField()
    slug = serializers.SlugField()
    kind = serializers.ChoiceField(choices=Speaker.Kind.choices)
    aliases = serializers.ListField(child=serializers.CharField())


class CorrectionSerializer(serializers.Serializer):
    note = serializers.CharField()
    created_at = serializers.DateTimeField()


class SpeakerRefSerializer(serializers.Serializer):
    """A speaker named in a quote: the rest is at /api/v1/speakers/<slug>/ (and not read
    with every quote: ``Article.objects.page`` reads only these two)."""

    name = serializers.CharField()
    slug = serializers.SlugField()


class QuoteInArticleSerializer(serializers.Serializer):
    text = serializers.CharField()
    speaker = SpeakerRefSerializer(allow_null=True)
    role = serializers.CharField(allow_blank=True)
    partial = serializers.BooleanField()
    paragraph = serializers.IntegerField(source="block", help_text="From 0, in the body.")


class ArticleListSerializer(serializers.ModelSerializer):
    """An article as a list shows it: no body."""

    source = SourceSerializer()
    section = serializers.CharField(
        source="section_label", help_text="The section's name; empty for none."
    )
    tags = TagSerializer(many=True, source="tag_list")
    url = serializers.SerializerMethodField(help_text="The article's page on the site.")
    updated_at = serializers.DateTimeField(
        source="updated_for_readers", allow_null=True, help_text='"Updated": None if never.'
    )

    class Meta:
        model = Article
        fields = [
            "slug",
            "headline",
            "standfirst",
            "section",
            "source",
            "tags",
            "published_at",
            "date_basis",
            "updated_at",
            "url",
        ]

    def get_url(self, article: Article) -> str:
        request = self.context.get("request")
        path = article.get_absolute_url()
        return request.build_absolute_uri(path) if request else path


class ArticleDetailSerializer(ArticleListSerializer):
    """An article with its body, its quotes in order and its corrections."""

    quotes = QuoteInArticleSerializer(many=True, source="quote_list")
    corrections = CorrectionSerializer(many=True, source="correction_list")

    class Meta(ArticleListSerializer.Meta):
        fields = [*ArticleListSerializer.Meta.fields, "body", "quotes", "corrections"]


class QuoteSerializer(QuoteInArticleSerializer):
    """A quote with the article it is from."""

    id = serializers.IntegerField()
    article = serializers.CharField(source="article.slug", help_text="The article's slug.")
    published_at = serializers.DateTimeField(source="article.published_at")


class SpeakerCountSerializer(SpeakerSerializer):
    quotes = serializers.IntegerField(source="quote_count", help_text="Quotes readers see.")


class CountedSerializer(serializers.Serializer):
    """A name with the number of public articles it has (sections), and its slug (its page
    is ``/sections/<slug>/``)."""

    name = serializers.CharField()
    slug = serializers.CharField()
    articles = serializers.IntegerField()


class ArticleWriteSerializer(serializers.Serializer):
    """What an editor's client sends to create or change an article: the admin form's fields,
    and the workflow button it presses (``action``; none: Save draft)."""

    headline = serializers.CharField(required=False)
    slug = serializers.SlugField(required=False)
    standfirst = serializers.CharField(required=False)
    body = serializers.CharField(required=False, trim_whitespace=False)
    section = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="The section's name, slug or one of its aliases, any case; empty for none.",
    )
    tags = serializers.ListField(child=serializers.CharField(), required=False)
    source = serializers.CharField(required=False, help_text="The source's domain.")
    original_url = serializers.URLField(required=False, help_text="New articles only.")
    published_at = serializers.DateTimeField(required=False, allow_null=True)
    action = serializers.ChoiceField(
        choices=Action.values,
        required=False,
        help_text="The workflow button: the same rules as the admin's.",
    )
    comment = serializers.CharField(
        required=False,
        help_text="For reject: to the writer. For withdraw (required): the reason readers see.",
    )
    changes_at = serializers.DateTimeField(required=False, help_text="For schedule changes.")
    version = serializers.IntegerField(
        required=False, help_text="The version read: a save over a newer one is refused."
    )


class WorkflowSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=Action.values)
    comment = serializers.CharField(
        required=False,
        help_text="For reject: to the writer. For withdraw (required): the reason readers see.",
    )
    changes_at = serializers.DateTimeField(required=False)
    published_at = serializers.DateTimeField(required=False, allow_null=True)
    version = serializers.IntegerField(required=False)


class CorrectionWriteSerializer(serializers.Serializer):
    note = serializers.CharField()


class QuoteWriteSerializer(serializers.Serializer):
    speaker = serializers.CharField(
        allow_null=True, help_text="A speaker's slug (null: no speaker): an editor's fix."
    )


class EditorArticleSerializer(ArticleDetailSerializer):
    """An article as its editors see it: status, version and its pending change."""

    pending = serializers.SerializerMethodField()

    class Meta(ArticleDetailSerializer.Meta):
        fields = [*ArticleDetailSerializer.Meta.fields, "status", "version", "pending"]

    def get_pending(self, article: Article) -> dict | None:
        from articles.pending import pending_for

        change = pending_for(article)
        if change is None:
            return None
        return {"state": change.state, "values": change.values, "publish_at": change.publish_at}
