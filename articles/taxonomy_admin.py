"""The admins of sources, sections, quotes, speakers and tags, each with its article (or quote)
count and a merge action that the workflow's rules guard."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse

from articles import requote, workflow
from articles.admin_mixins import (
    QuoteAdminForm,
    QuoteInContextMixin,
    WorkflowAdminMixin,
    action_page,
)
from articles.models import (
    Article,
    Quote,
    Section,
    Source,
    Speaker,
    Tag,
)


class NameListField(forms.CharField):
    """A list of names (a JSON list in the database) typed as one comma-separated line."""

    def prepare_value(self, value: object) -> object:
        if isinstance(value, list):
            return ", ".join(value)
        return value

    def to_python(self, value: object) -> list[str]:
        text = super().to_python(value)
        return list(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))


class MergeChoiceField(forms.ModelChoiceField):
    """Each choice with what tells it apart: a source's domain, and the articles it has."""

    def label_from_instance(self, obj: object) -> str:
        label = getattr(obj, "label", str(obj))
        count = getattr(obj, "article_count", None)
        return label if count is None else f"{label}: {count} article(s)"


class MergeForm(forms.Form):
    target = MergeChoiceField(
        queryset=Source.objects.none(), widget=forms.RadioSelect, label="Keep this one"
    )


def merge_action(
    model_admin: admin.ModelAdmin,
    request: HttpRequest,
    queryset: QuerySet,
    *,
    action: str,
    explanation: str,
    moved: str,
) -> HttpResponse | None:
    """The merge actions' one flow, as the speakers' merge: at least two selected, the
    workflow's leave for every article they are shown on, then a page to choose the one to
    keep (``target``), then ``target.merge(others)``."""
    plural = model_admin.model._meta.verbose_name_plural
    if queryset.count() < 2:
        model_admin.message_user(
            request, f"Select at least two {plural} to merge.", messages.WARNING
        )
        return None
    if not workflow.can_change_objects(request.user, queryset):
        model_admin.message_user(
            request,
            f"Some of these {plural} are shown by live or withdrawn articles: only editors "
            "may merge them. Nothing was merged.",
            messages.ERROR,
        )
        return None
    form = MergeForm(request.POST if "target" in request.POST else None)
    form.fields["target"].queryset = queryset
    if form.is_valid():
        target = form.cleaned_data["target"]
        count = target.merge(list(queryset.exclude(pk=target.pk)))
        model_admin.message_user(
            request, f"Merged into {target}; {count} {moved}.", messages.SUCCESS
        )
        return None
    return action_page(
        model_admin,
        request,
        action=action,
        step="Merge",
        title=f"Merge {plural}",
        explanation=explanation,
        form=form,
        objects=queryset,
    )


class SourceAdminForm(forms.ModelForm):
    aliases = NameListField(
        required=False,
        help_text="Other domains of this outlet, separated by commas: the importer files "
        "their articles here.",
    )

    class Meta:
        model = Source
        fields = ["name", "domain", "aliases", "homepage"]


@admin.register(Source)
class SourceAdmin(WorkflowAdminMixin, admin.ModelAdmin):
    form = SourceAdminForm
    list_display = ["name", "domain", "other_domains", "homepage", "article_count"]
    ordering = ["name", "pk"]  # Meta.ordering does not apply to the annotated (grouped) list
    search_fields = ["name", "domain", "aliases"]
    actions = ["merge_sources"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Source]:
        return super().get_queryset(request).annotate(article_count=Count("articles"))

    @admin.display(ordering="article_count", description="articles")
    def article_count(self, source: Source) -> int:
        return source.article_count

    @admin.display(description="other domains")
    def other_domains(self, source: Source) -> str:
        return ", ".join(source.aliases)

    @admin.action(description="Merge selected sources into one", permissions=["delete", "change"])
    def merge_sources(
        self, request: HttpRequest, queryset: QuerySet[Source]
    ) -> HttpResponse | None:
        """One outlet under two domains (``bbc.co.uk``, ``bbc.com``) becomes one source."""
        return merge_action(
            self,
            request,
            queryset,
            action="merge_sources",
            explanation="These sources will become one. Choose the one to keep: every article "
            "of the others moves to it, and their domains become its other domains (future "
            "imports from them are filed under it).",
            moved="article(s) moved",
        )


class SectionAdminForm(forms.ModelForm):
    aliases = NameListField(
        required=False,
        help_text="Other names or URL segments that mean this section, separated by commas "
        "(sports for Sport): the importer files them here, and their addresses redirect here.",
    )

    class Meta:
        model = Section
        fields = ["name", "slug", "aliases"]


@admin.register(Section)
class SectionAdmin(WorkflowAdminMixin, admin.ModelAdmin):
    form = SectionAdminForm
    list_display = ["name", "slug", "other_names", "article_count"]
    ordering = ["name", "pk"]  # Meta.ordering does not apply to the annotated (grouped) list
    search_fields = ["name", "slug", "aliases"]
    prepopulated_fields = {"slug": ["name"]}
    actions = ["merge_sections"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Section]:
        return super().get_queryset(request).annotate(article_count=Count("articles"))

    @admin.display(ordering="article_count", description="articles")
    def article_count(self, section: Section) -> int:
        return section.article_count

    @admin.display(description="other names")
    def other_names(self, section: Section) -> str:
        return ", ".join(section.aliases)

    def save_model(self, request: HttpRequest, obj: Section, form: forms.Form, change: bool):
        """A renamed section keeps its old name and slug as aliases: old links redirect."""
        if change:
            obj.remember(
                *(form.initial.get(f, "") for f in ("name", "slug") if f in form.changed_data)
            )
        super().save_model(request, obj, form, change)

    @admin.action(description="Merge selected sections into one", permissions=["delete", "change"])
    def merge_sections(
        self, request: HttpRequest, queryset: QuerySet[Section]
    ) -> HttpResponse | None:
        return merge_action(
            self,
            request,
            queryset,
            action="merge_sections",
            explanation="These sections will become one. Choose the one to keep: every article "
            "of the others moves to it, and their names become its other names (their pages "
            "redirect to it, and imports file them under it).",
            moved="article(s) moved",
        )


@admin.register(Quote)
class QuoteAdmin(QuoteInContextMixin, WorkflowAdminMixin, admin.ModelAdmin):
    form = QuoteAdminForm
    list_display = [
        "__str__",
        "speaker",
        "role",
        "article",
        "paragraph",
        "partial",
        "speaker_fixed",
    ]
    list_filter = ["partial", "speaker_fixed"]
    list_select_related = ["speaker", "article"]
    search_fields = ["text", "speaker__name", "role", "article__headline"]
    autocomplete_fields = ["speaker", "article"]
    fields = ["article", "text", "in_context", "speaker", "role", "partial", "speaker_fixed"]
    readonly_fields = ["in_context", "speaker_fixed"]

    def get_form(self, request: HttpRequest, obj: Quote | None = None, **kwargs: object):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (form,), {"user": request.user})

    def save_model(self, request: HttpRequest, obj: Quote, form: forms.Form, change: bool):
        old_article = None
        if change and "article" in form.changed_data:
            old_article = form.initial.get("article")
        super().save_model(request, obj, form, change)
        requote.renumber(obj.article)  # in the body's order, wherever its text now stands
        if old_article:
            requote.renumber(Article.objects.get(pk=old_article))

    @admin.display(ordering="block", description="paragraph")
    def paragraph(self, quote: Quote) -> int:
        return quote.block + 1


class MergeSpeakersForm(forms.Form):
    target = forms.ModelChoiceField(
        queryset=Speaker.objects.none(),
        widget=forms.RadioSelect,
        label="Keep this speaker; the others' quotes and names move to it",
    )


@admin.register(Speaker)
class SpeakerAdmin(WorkflowAdminMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "quote_count"]
    ordering = ["name", "pk"]  # Meta.ordering does not apply to the annotated (grouped) list
    list_filter = ["kind"]
    search_fields = ["name", "aliases"]
    prepopulated_fields = {"slug": ["name"]}
    actions = ["merge_speakers"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Speaker]:
        return super().get_queryset(request).annotate(quote_count=Count("quotes"))

    @admin.display(ordering="quote_count", description="quotes")
    def quote_count(self, speaker: Speaker) -> int:
        return speaker.quote_count

    @admin.action(description="Merge selected speakers into one", permissions=["delete", "change"])
    def merge_speakers(
        self, request: HttpRequest, queryset: QuerySet[Speaker]
    ) -> HttpResponse | None:
        """Merging deletes speakers and moves their quotes: it needs ``delete_speaker`` and
        ``change_speaker``, and the workflow's leave for every article those quotes are on."""
        if queryset.count() < 2:
            self.message_user(request, "Select at least two speakers to merge.", messages.WARNING)
            return None
        if not workflow.can_change_objects(request.user, queryset):
            self.message_user(
                request,
                "Some of these speakers are quoted in live or withdrawn articles: only editors "
                "may merge them. Nothing was merged.",
                messages.ERROR,
            )
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
        return action_page(
            self,
            request,
            action="merge_speakers",
            step="Merge",
            title="Merge speakers",
            explanation="These speakers will become one. Choose the one to keep: every quote of "
            "the others moves to it, and their names become its aliases.",
            form=form,
            objects=queryset,
        )


@admin.register(Tag)
class TagAdmin(WorkflowAdminMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "slug", "article_count"]
    ordering = ["name", "pk"]  # Meta.ordering does not apply to the annotated (grouped) list
    list_filter = ["kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    actions = ["merge_tags"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Tag]:
        return super().get_queryset(request).annotate(article_count=Count("tagged_articles"))

    @admin.display(ordering="article_count", description="articles")
    def article_count(self, tag: Tag) -> int:
        return tag.article_count

    @admin.action(description="Merge selected tags into one", permissions=["delete", "change"])
    def merge_tags(self, request: HttpRequest, queryset: QuerySet[Tag]) -> HttpResponse | None:
        return merge_action(
            self,
            request,
            queryset,
            action="merge_tags",
            explanation="These tags will become one. Choose the one to keep: every article "
            "tagged with the others gets it, and the others are deleted.",
            moved="article(s) newly tagged with it",
        )
