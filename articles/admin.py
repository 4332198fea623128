"""The editors' admin: every list in a fixed number of queries, provenance read-only."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from taggit.models import Tag as UnusedTaggitTag

from articles.models import Article, Quote, Source, Speaker, Tag


class QuoteForm(forms.ModelForm):
    """Marks a quote's speaker as fixed by an editor whenever the speaker is changed, so that
    re-imports keep the editor's choice."""

    class Meta:
        model = Quote
        fields = ["text", "speaker", "role", "partial", "block", "start", "end", "position"]

    def save(self, commit: bool = True) -> Quote:
        if "speaker" in self.changed_data:
            self.instance.speaker_fixed = True
        return super().save(commit)


class QuoteInline(admin.TabularInline):
    model = Quote
    form = QuoteForm
    extra = 0
    autocomplete_fields = ["speaker"]
    fields = ["position", "text", "speaker", "role", "partial", "block", "start", "end"]
    ordering = ["position"]
    formfield_overrides = {
        Quote._meta.get_field("text").__class__: {"widget": forms.Textarea(attrs={"rows": 2})}
    }

    def get_queryset(self, request: HttpRequest) -> QuerySet[Quote]:
        return super().get_queryset(request).select_related("speaker")


class TagListFilter(admin.SimpleListFilter):
    title = "tag"
    parameter_name = "tag"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple]:
        tags = Tag.objects.annotate(n=Count("tagged_articles")).filter(n__gt=0).order_by("-n")
        return [(tag.slug, tag.name) for tag in tags[:50]]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value():
            return queryset.filter(tags__slug=self.value())
        return queryset


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["headline", "source", "section", "status", "published_at", "quote_count"]
    list_filter = ["status", "source", "section", TagListFilter]
    list_select_related = ["source"]
    search_fields = ["headline", "standfirst", "body"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    inlines = [QuoteInline]
    actions = ["publish", "unpublish"]
    list_per_page = 50
    readonly_fields = [
        "original_url",
        "outlet_article_id",
        "seed_line2",
        "seed_line3",
        "seed_sha256",
        "imported_at",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["headline", "slug", "standfirst", "body", "section", "tags"]}),
        ("Publishing", {"fields": ["status", "published_at", "source"]}),
        (
            "Provenance",
            {"classes": ["collapse"], "fields": readonly_fields},
        ),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Article]:
        return super().get_queryset(request).with_quote_count()

    @admin.display(ordering="quote_count", description="quotes")
    def quote_count(self, article: Article) -> int:
        return article.quote_count

    @admin.action(description="Publish selected articles")
    def publish(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        now = timezone.now()
        count = queryset.filter(published_at__isnull=True).update(
            status=Article.Status.PUBLISHED, published_at=now
        )
        count += queryset.exclude(status=Article.Status.PUBLISHED).update(
            status=Article.Status.PUBLISHED
        )
        self.message_user(request, f"Published {count} article(s).", messages.SUCCESS)

    @admin.action(description="Unpublish selected articles (back to draft)")
    def unpublish(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        count = queryset.filter(status=Article.Status.PUBLISHED).update(status=Article.Status.DRAFT)
        self.message_user(request, f"Unpublished {count} article(s).", messages.SUCCESS)


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "domain", "homepage", "article_count"]
    search_fields = ["name", "domain"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Source]:
        return super().get_queryset(request).annotate(article_count=Count("articles"))

    @admin.display(ordering="article_count", description="articles")
    def article_count(self, source: Source) -> int:
        return source.article_count


@admin.register(Quote)
class QuoteAdmin(admin.ModelAdmin):
    form = QuoteForm
    list_display = ["__str__", "speaker", "role", "article", "block", "partial", "speaker_fixed"]
    list_filter = ["partial", "speaker_fixed"]
    list_select_related = ["speaker", "article"]
    search_fields = ["text", "speaker__name", "role", "article__headline"]
    autocomplete_fields = ["speaker", "article"]
    readonly_fields = ["speaker_fixed"]


class MergeSpeakersForm(forms.Form):
    target = forms.ModelChoiceField(
        queryset=Speaker.objects.none(),
        widget=forms.RadioSelect,
        label="Keep this speaker; the others' quotes and names move to it",
    )


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "quote_count"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases"]
    prepopulated_fields = {"slug": ["name"]}
    actions = ["merge_speakers"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Speaker]:
        return super().get_queryset(request).annotate(quote_count=Count("quotes"))

    @admin.display(ordering="quote_count", description="quotes")
    def quote_count(self, speaker: Speaker) -> int:
        return speaker.quote_count

    @admin.action(description="Merge selected speakers into one")
    def merge_speakers(
        self, request: HttpRequest, queryset: QuerySet[Speaker]
    ) -> HttpResponse | None:
        if queryset.count() < 2:
            self.message_user(request, "Select at least two speakers to merge.", messages.WARNING)
            return None
        form = MergeSpeakersForm(request.POST if "target" in request.POST else None)
        form.fields["target"].queryset = queryset
        if form.is_valid():
            target = form.cleaned_data["target"]
            moved = target.merge(list(queryset.exclude(pk=target.pk)))
            self.message_user(
                request, f"Merged into {target.name}; {moved} quote(s) moved.", messages.SUCCESS
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Merge speakers",
            "form": form,
            "speakers": queryset,
            "opts": self.model._meta,
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/articles/speaker/merge.html", context)


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "slug"]
    list_filter = ["kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


# Articles use articles.Tag (with a kind); taggit's own tag table stays empty.
admin.site.unregister(UnusedTaggitTag)
admin.site.site_header = "Newsroom"
admin.site.site_title = "Newsroom admin"
admin.site.index_title = "Editing"
