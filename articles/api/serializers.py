"""What the API says about each thing: the fields readers see, and links to the pages."""

from __future__ import annotations

from rest_framework import serializers

from articles.models import Article, Correction, Quote, Source, Speaker, Tag


class SourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = ["name", "domain", "homepage"]


class TagSerializer(serializers.ModelSerializer):
    class Meta:
        model = Tag
        fields = ["name", "slug", "kind"]


class SpeakerSerializer(serializers.ModelSerializer):
    class Meta:
        model = Speaker
        fields = ["name", "slug", "kind", "aliases"]


class CorrectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Correction
        fields = ["note", "created_at"]


class QuoteInArticleSerializer(serializers.ModelSerializer):
    speaker = SpeakerSerializer(allow_null=True)
    paragraph = serializers.IntegerField(source="block", help_text="From 0, in the body.")

    class Meta:
        model = Quote
        fields = ["text", "speaker", "role", "partial", "paragraph"]


class ArticleListSerializer(serializers.ModelSerializer):
    """An article as a list shows it: no body."""

    source = SourceSerializer()
    section = serializers.CharField(help_text="The section's name; empty for none.")
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

    article = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    published_at = serializers.DateTimeField(source="article.published_at")

    class Meta(QuoteInArticleSerializer.Meta):
        fields = [*QuoteInArticleSerializer.Meta.fields, "article", "published_at"]


class SpeakerCountSerializer(SpeakerSerializer):
    quotes = serializers.IntegerField(source="quote_count", help_text="Quotes readers see.")

    class Meta(SpeakerSerializer.Meta):
        fields = [*SpeakerSerializer.Meta.fields, "quotes"]


class CountedSerializer(serializers.Serializer):
    """A name with the number of public articles it has (sections)."""

    name = serializers.CharField()
    articles = serializers.IntegerField()
