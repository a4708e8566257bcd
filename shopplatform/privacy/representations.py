"""Privacy requests as the API and the `privacy_request.completed` event render them.

The output never carries the e-mail address or any other personal data.
"""

from rest_framework import serializers

from shopplatform.api.serializers import Serializer

from .models import PrivacyRequest


class PrivacyRequestOutput(Serializer):
    id = serializers.CharField(source="public_id")
    kind = serializers.ChoiceField(choices=PrivacyRequest.Kind.choices)
    status = serializers.ChoiceField(choices=PrivacyRequest.Status.choices)
    reason = serializers.CharField(help_text="Why the request was refused; empty otherwise.")
    created_at = serializers.DateTimeField()
    confirmed_at = serializers.DateTimeField(allow_null=True)
    completed_at = serializers.DateTimeField(allow_null=True)
