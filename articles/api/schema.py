"""The API's OpenAPI schema: drf-spectacular's, with the error answers every operation can give
documented too, so clients (and Schemathesis) know them."""

from __future__ import annotations

from typing import Any

from drf_spectacular.openapi import AutoSchema

ERROR_BODY = {
    "application/json": {
        "schema": {"type": "object", "additionalProperties": True},
    }
}
ERRORS = {
    "400": "A filter's or field's value is not valid (the field names it).",
    "401": "A write without a valid token (Authorization: Token ...).",
    "403": "Not this user's to do: the admin's model permissions and workflow rules.",
    "404": "No such object readers may see, or a page cursor that is not one.",
    "405": "The read API does not take this method.",
    "429": "Too many requests from this client; wait for Retry-After seconds.",
}


class NewsroomSchema(AutoSchema):
    def _get_response_bodies(self, direction: str = "response") -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)
        for code, description in ERRORS.items():
            responses.setdefault(code, {"description": description, "content": ERROR_BODY})
        return responses
