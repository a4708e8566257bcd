from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from shopplatform.accounts.services import issue_api_key
from shopplatform.errors import ShopError


class Command(BaseCommand):
    help = "Create an API key for a user and print only its secret."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--user", required=True, help="Username or e-mail of the key's owner.")
        parser.add_argument("--scopes", required=True, help='Space-separated scopes, or "all".')
        parser.add_argument("--name", default="")
        parser.add_argument("--rate-limit", type=int, default=None, help="Requests per minute.")

    def handle(self, *args, user, scopes, name, rate_limit, **options) -> None:
        owner = get_user_model().objects.filter(Q(username=user) | Q(email__iexact=user)).first()
        if owner is None:
            raise CommandError(f"No user '{user}'.")
        try:
            _, secret = issue_api_key(user=owner, scopes=scopes, name=name, rate_limit=rate_limit)
        except ShopError as exc:
            raise CommandError(exc.detail) from exc
        self.stdout.write(secret)
