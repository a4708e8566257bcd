"""Wire format of privacy requests. The output never carries the e-mail address or any other personal data."""

from rest_framework import serializers

from ..privacy import PrivacyRequest


class PrivacyRequestInput(serializers.Serializer):
    # Checked by the service, so a missing or malformed address gets TK-9's one message ("A valid email is required.").
    email = serializers.CharField(max_length=254, required=False, allow_blank=True, default="", trim_whitespace=True)
    kind = serializers.ChoiceField(choices=PrivacyRequest.Kind.choices, default=PrivacyRequest.Kind.EXPORT)


class PrivacyRequestOutput(serializers.Serializer):
    id = serializers.CharField(source="public_id")
    kind = serializers.ChoiceField(choices=PrivacyRequest.Kind.choices)
    status = serializers.ChoiceField(choices=PrivacyRequest.Status.choices)
    reason = serializers.CharField(help_text="Why the request was refused; empty otherwise.")
    created_at = serializers.DateTimeField()
    confirmed_at = serializers.DateTimeField(allow_null=True)
    completed_at = serializers.DateTimeField(allow_null=True)
