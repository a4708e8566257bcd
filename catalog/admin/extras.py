"""The seed 003 extras on the product page of the admin: custom fields, tabs, the attached file and the VAT rate
choice. ProductAdmin adds EXTRAS_FIELDSET to its fieldsets and passes `file` as a relation (its public id), so these
values reach catalog.services like every other product field (cleaned, sanitised, validated there)."""

EXTRAS_FIELDSET = (
    "Extras",
    {
        "fields": ["custom_fields", "tabs", "file", "file_access", "reduced_rate", "sales"],
        "description": "The file is a media of the library (upload it there first); the VAT rate choice sets the "
        "tax rate.",
        "classes": ["collapse"],
    },
)
EXTRA_RELATIONS = ("file",)
EXTRA_AUTOCOMPLETE = ("file",)
EXTRA_READONLY = ("sales",)
