"""Store the public representation of every product that has none or an out-of-date one (catalog.documents)."""

from django.core.management.base import BaseCommand

from catalog.prerender import refresh_documents


class Command(BaseCommand):
    help = "Render and store the public representation of every product whose stored one is missing or stale."

    def handle(self, *args, **options):
        written = refresh_documents()
        self.stdout.write(f"{written} product representations written")
