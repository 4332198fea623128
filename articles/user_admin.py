"""Users in the admin: superusers as Django gives it; Editors add Writers and change or
deactivate them, and nothing more (the rules: ``articles.roles``).

Someone who is not a superuser sees only the Writers they manage (``roles.managed_users``),
gets a form without the superuser and staff flags or permissions, whose groups are Writers
alone, and whatever they save ends as a plain staff Writer (``roles.make_writer``). Deleting
a user is the superusers'; Editors deactivate.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest

from articles import roles

User = get_user_model()

# What an Editor edits of a Writer: names, e-mail, whether the account is active, its group.
WRITER_FIELDSETS = [
    (None, {"fields": ["username", "password"]}),
    ("Personal info", {"fields": ["first_name", "last_name", "email"]}),
    (
        "Writer",
        {
            "fields": ["is_active", "groups"],
            "description": "Untick “Active” to deactivate a Writer: they can no longer log in.",
        },
    ),
]


class NewsroomUserAdmin(UserAdmin):
    def _restricted(self, request: HttpRequest) -> bool:
        return not request.user.is_superuser

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        users = super().get_queryset(request)
        if self._restricted(request) and roles.may_manage_writers(request.user):
            return roles.managed_users(request.user, users)
        return users  # and anyone else is refused by the permissions below

    def has_view_permission(self, request: HttpRequest, obj: object = None) -> bool:
        if not self._restricted(request):
            return super().has_view_permission(request, obj)
        return roles.may_change_user(request.user, obj)

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        if not self._restricted(request):
            return super().has_change_permission(request, obj)
        return roles.may_change_user(request.user, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        if not self._restricted(request):
            return super().has_add_permission(request)
        return roles.may_manage_writers(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return not self._restricted(request) and super().has_delete_permission(request, obj)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return super().has_module_permission(request) or roles.may_manage_writers(request.user)

    def get_fieldsets(self, request: HttpRequest, obj: object = None) -> list:
        if obj is not None and self._restricted(request):
            return WRITER_FIELDSETS
        return super().get_fieldsets(request, obj)  # a new user: username and password

    def get_list_filter(self, request: HttpRequest) -> list:
        if self._restricted(request):
            return ["is_active"]
        return super().get_list_filter(request)

    def formfield_for_manytomany(self, db_field, request: HttpRequest, **kwargs: object):
        if db_field.name == "groups" and self._restricted(request):
            kwargs["queryset"] = roles.writer_groups()
            kwargs["required"] = True
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        if self._restricted(request):
            roles.make_writer(form.instance)


admin.site.unregister(User)
admin.site.register(User, NewsroomUserAdmin)
