"""What the privacy-request API accepts; the output is `PrivacyRequestOutput` of the app's representations."""

from rest_framework import serializers

from shopplatform.api.strict import StrictInput

from ..models import PrivacyRequest


class PrivacyRequestInput(StrictInput):
    # Checked by the service, so a missing or malformed address gets the one message "A valid email is required.".
    email = serializers.CharField(max_length=254, required=False, allow_blank=True, default="", trim_whitespace=True)
    kind = serializers.ChoiceField(choices=PrivacyRequest.Kind.choices, default=PrivacyRequest.Kind.EXPORT)
