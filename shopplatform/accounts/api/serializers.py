from django.conf import settings
from rest_framework import serializers

from shopplatform.api.scopes import SCOPES
from shopplatform.api.serializers import Serializer
from shopplatform.api.strict import StrictInput


class ApiKeyOutput(Serializer):
    id = serializers.CharField(source="public_id")
    name = serializers.CharField()
    prefix = serializers.CharField()
    scopes = serializers.ListField(child=serializers.ChoiceField(choices=SCOPES))
    rate_limit = serializers.IntegerField()
    api_version = serializers.CharField(allow_blank=True)
    created_at = serializers.DateTimeField()
    last_used_at = serializers.DateTimeField(allow_null=True)
    revoked_at = serializers.DateTimeField(allow_null=True)


class ApiKeyCreatedOutput(ApiKeyOutput):
    secret = serializers.CharField(help_text="Shown once, at creation. Only its hash is stored.")


class ApiKeyInput(StrictInput):
    name = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    scopes = serializers.ListField(
        child=serializers.ChoiceField(choices=SCOPES), allow_empty=False, max_length=len(SCOPES)
    )
    rate_limit = serializers.IntegerField(min_value=1, max_value=100_000, required=False)
    api_version = serializers.ChoiceField(
        choices=settings.API_VERSIONS, required=False, help_text="Pin the key to this version; absent = the latest."
    )
