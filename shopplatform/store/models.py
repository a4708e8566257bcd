"""Store settings: one Store row with its payment methods, pick-up locations and menus.

Merchants edit everything on one admin page; the API renders it read-only at GET /api/v1/store. Content pages
and news posts arrive with later issues, so terms and privacy are plain title + URL references for now.
"""

import copy
from urllib.parse import urlsplit

import nh3
from babel.core import Locale, UnknownLocaleError
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.deconstruct import deconstructible

from shopplatform.countries import InvalidCountryCode, normalize_country_code
from shopplatform.ids import PublicIdField
from shopplatform.money import InvalidCurrency
from shopplatform.money import validate_currency as normalize_currency
from shopplatform.prepared import PreparedQuery
from shopplatform.process_copy import ProcessCopy

from .payments import PAYMENT_METHOD_CHOICES, PaymentMethodType

hex_color = RegexValidator(r"^#(?:[0-9a-fA-F]{3}){1,2}$", "Enter a hex colour such as #db0a5b.")
per_page = [MinValueValidator(1), MaxValueValidator(100)]


def validate_currency(value: str) -> None:
    try:
        normalize_currency(value)
    except InvalidCurrency as exc:
        raise ValidationError(exc.detail) from exc


def validate_locale(value: str) -> None:
    try:
        Locale.parse(value)
    except (UnknownLocaleError, ValueError) as exc:
        raise ValidationError(f"'{value}' is not a known locale such as pt_PT or en.") from exc


def validate_country_code(value: str) -> None:
    try:
        normalize_country_code(value)
    except InvalidCountryCode as exc:
        raise ValidationError(exc.detail) from exc


@deconstructible
class CoordinateValidator:
    """Latitude/longitude kept as text (the store API shows strings) but checked as a number within ±limit."""

    def __init__(self, limit: int) -> None:
        self.limit = limit

    def __call__(self, value: str) -> None:
        try:
            number = float(value)
        except ValueError:
            number = None
        if number is None or not -self.limit <= number <= self.limit:
            raise ValidationError(f"Enter a decimal number between -{self.limit} and {self.limit}.")

    def __eq__(self, other) -> bool:
        return isinstance(other, CoordinateValidator) and other.limit == self.limit


def validate_url_list(value) -> None:
    if not isinstance(value, list) or not all(isinstance(item, str) and item.startswith("https://") for item in value):
        raise ValidationError('Enter a list of https URLs, e.g. ["https://cdn.example.com/header.jpg"].')


def validate_object_list(value) -> None:
    if value is not None and not (isinstance(value, list) and all(isinstance(item, dict) for item in value)):
        raise ValidationError('Enter a list of objects, e.g. [{"type": "products", "title": "New in"}].')


class FieldRequirement(models.TextChoices):
    """How a checkout field (or customer registration) is offered to buyers."""

    OPTIONAL = "optional"
    REQUIRED = "required"
    HIDDEN = "hidden"


class ProductOrder(models.TextChoices):
    POSITION = "position"
    TITLE = "title"
    NEWEST = "newest"
    PRICE_ASC = "price_asc"
    PRICE_DESC = "price_desc"


class ListOrder(models.TextChoices):
    POSITION = "position"
    TITLE = "title"


class Store(models.Model):
    """The store's settings. Exactly one row (pk 1); read it with `Store.load()`."""

    SINGLETON_PK = 1

    # Identity and contact
    username = models.SlugField(max_length=63, default="shop", help_text="Store handle, e.g. the subdomain.")
    name = models.CharField(max_length=200, default="Shop")
    description = models.TextField(blank=True)
    notice = models.CharField(max_length=255, blank=True, help_text="Banner text, e.g. a free-shipping notice.")
    email = models.EmailField(blank=True)
    show_email = models.BooleanField(default=False)
    phone = models.CharField(max_length=40, blank=True)
    cellphone = models.CharField(max_length=40, blank=True)
    address = models.TextField(blank=True)
    logo = models.URLField(blank=True)
    favicon = models.URLField(blank=True)
    facebook = models.URLField(blank=True)
    twitter = models.URLField(blank=True)
    instagram = models.URLField(blank=True)
    pinterest = models.URLField(blank=True)
    enable_shipping_methods = models.BooleanField(default=True)

    # Branding
    basecolor = models.CharField(max_length=7, default="#db0a5b", validators=[hex_color])
    basecolor_contrast = models.CharField(max_length=7, default="#FFFFFF", validators=[hex_color])
    secondarycolor = models.CharField(max_length=7, blank=True, validators=[hex_color])
    secondarycolor_contrast = models.CharField(max_length=7, default="#FFFFFF", validators=[hex_color])
    theme = models.CharField(max_length=60, default="shopplatform")
    theme_origin = models.CharField(max_length=60, blank=True, help_text="The theme this one was derived from.")
    dark_mode = models.BooleanField(null=True, blank=True, help_text="Empty: follow the visitor's preference.")
    featured_blocks = models.JSONField(
        null=True, blank=True, validators=[validate_object_list], help_text="Theme-specific home page blocks."
    )
    images_header = models.JSONField(default=list, blank=True, validators=[validate_url_list])

    # Geography and commerce
    latitude = models.CharField(max_length=32, blank=True, validators=[CoordinateValidator(90)])
    longitude = models.CharField(max_length=32, blank=True, validators=[CoordinateValidator(180)])
    currency = models.CharField(max_length=3, default="EUR", validators=[validate_currency])
    locale = models.CharField(max_length=16, default="pt_PT", validators=[validate_locale])
    taxes_included = models.BooleanField(default=True, help_text="Catalog prices include tax.")
    footer_info = models.TextField(blank=True)
    page_title = models.CharField(max_length=200, blank=True)
    meta_description = models.CharField(max_length=300, blank=True)
    meta_tags = models.CharField(max_length=500, blank=True)
    url = models.URLField(blank=True, help_text="Public store URL, e.g. https://shop.example.com/.")
    domain = models.CharField(max_length=253, blank=True)
    is_ssl = models.BooleanField(default=True)

    # Listings
    category_default_order = models.CharField(max_length=20, choices=ProductOrder.choices, default="position")
    categories_sorting = models.CharField(max_length=20, choices=ListOrder.choices, default="position")
    brands_sorting = models.CharField(max_length=20, choices=ListOrder.choices, default="position")
    products_per_page_home = models.PositiveSmallIntegerField(default=20, null=True, blank=True, validators=per_page)
    products_per_page_catalog = models.PositiveSmallIntegerField(null=True, blank=True, validators=per_page)
    categories_per_page = models.PositiveSmallIntegerField(null=True, blank=True, validators=per_page)
    brands_per_page = models.PositiveSmallIntegerField(null=True, blank=True, validators=per_page)

    # Checkout fields and legal pages
    users_registration = models.CharField(
        max_length=10,
        choices=FieldRequirement.choices,
        default="optional",
        help_text="optional: guests may check out; required: account needed; hidden: guest checkout only.",
    )
    field_company = models.CharField(max_length=10, choices=FieldRequirement.choices, default="optional")
    field_fiscal_id = models.CharField(max_length=10, choices=FieldRequirement.choices, default="optional")
    field_delivery_phone = models.CharField(max_length=10, choices=FieldRequirement.choices, default="optional")
    field_billing_phone = models.CharField(max_length=10, choices=FieldRequirement.choices, default="optional")
    terms_page_title = models.CharField(max_length=200, blank=True)
    terms_page_url = models.URLField(blank=True)
    privacy_page_title = models.CharField(max_length=200, blank=True)
    privacy_page_url = models.URLField(blank=True)

    # Orders
    status_cancel = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text="Cancel orders still unpaid after this many days; empty: never.",
    )

    # Abandoned carts
    carts_automatic_notifications = models.BooleanField(default=False)
    carts_client_notification = models.BooleanField(
        null=True, blank=True, help_text="Also e-mail registered clients (empty: not set)."
    )
    carts_notification_type = models.CharField(
        max_length=10, blank=True, choices=[("email", "E-mail")], help_text="Channel of the reminder."
    )
    carts_send_after = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(720)], help_text="Hours."
    )
    carts_coupon = models.CharField(max_length=64, blank=True, help_text="Coupon code offered in the reminder.")
    carts_email_subject = models.CharField(max_length=255, blank=True)
    carts_email_lead = models.TextField(blank=True)

    # Wholesale (B2B)
    wholesale_show_regular_price = models.BooleanField(default=False)
    wholesale_taxes_included = models.BooleanField(default=False)
    wholesale_client_signup = models.BooleanField(default=False)
    wholesale_checkbox_label = models.CharField(max_length=200, blank=True)
    wholesale_show_exclusive_only = models.BooleanField(default=False)

    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "store settings"
        constraints = [models.CheckConstraint(condition=Q(id=1), name="store_is_singleton")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.pk = self.SINGLETON_PK
        self.currency = self.currency.upper()
        super().save(*args, **kwargs)

    @classmethod
    def load(cls) -> "Store":
        """Return the store settings, creating the defaults on first use."""
        found = STORE_ROW.instances()  # what prices, charges or validates reads: compiled once per process
        if found:
            return found[0]
        store, _ = cls.objects.get_or_create(pk=cls.SINGLETON_PK)
        return store

    @classmethod
    def cached(cls) -> "Store":
        """The store settings for what only shows them (catalog representations, store pages): a copy of a row read
        at most STORE_SETTINGS_CACHE_SECONDS ago by this process, which forgets it as soon as it saves the settings
        itself (other processes within those seconds). What prices, charges or validates reads `load()`."""
        return copy.copy(CACHED_STORE.get())

    def base_url(self) -> str:
        """The public store URL without a trailing slash (from `url`, else `domain` and `is_ssl`)."""
        if self.url:
            return self.url.rstrip("/")
        if self.domain:
            return f"{'https' if self.is_ssl else 'http'}://{self.domain}"
        return ""


STORE_ROW = PreparedQuery(lambda slots: Store.objects.filter(pk=Store.SINGLETON_PK).order_by())
CACHED_STORE = ProcessCopy(Store.load)


def page_handle(url: str) -> str:
    """The last path segment of a page URL (`…/page/terms-and-conditions` → `terms-and-conditions`)."""
    return urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]


class PaymentMethod(models.Model):
    """A way to pay the store offers (`method`, from the one vocabulary in store.payments). At most one is the
    default, and the default is active (database constraints)."""

    class Gateway(models.TextChoices):
        STRIPE = "stripe"
        EASYPAY = "easypay"
        PAYPAL = "paypal"
        MANUAL = "manual"

    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="payment_methods")
    method = models.CharField(max_length=20, choices=PAYMENT_METHOD_CHOICES, unique=True)
    active = models.BooleanField(default=True)
    is_default = models.BooleanField("default", default=False)
    gateway = models.CharField(max_length=10, choices=Gateway.choices, default="manual")
    title = models.CharField(max_length=120)
    alias = models.SlugField(max_length=40, blank=True, help_text="Defaults to the method.")
    description = models.TextField(blank=True)
    message = models.TextField(blank=True, help_text="Instructions shown to buyers who choose this method.")
    image = models.URLField(blank=True)
    logo = models.URLField(blank=True)
    surcharge_cents = models.PositiveIntegerField(default=0, help_text="Cash-on-delivery fee, in cents.")
    paypal_email = models.EmailField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["store"], condition=Q(is_default=True), name="one_default_payment_method"),
            models.CheckConstraint(condition=Q(is_default=False) | Q(active=True), name="default_payment_is_active"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.alias = self.alias or self.method
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.is_default and not self.active:
            raise ValidationError({"is_default": "The default payment method must be active."})
        if self.method == PaymentMethodType.PAYPAL and self.active and not self.paypal_email:
            raise ValidationError({"paypal_email": "PayPal needs the account e-mail."})


class PickupLocation(models.Model):
    """A place where buyers collect orders (and the store's business addresses)."""

    public_id = PublicIdField(prefix="loc")
    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="locations")
    title = models.CharField(max_length=120)
    name = models.CharField(max_length=200, blank=True)
    address = models.CharField(max_length=255)
    address_extra = models.CharField(max_length=255, blank=True)
    city = models.CharField(max_length=100)
    zip_code = models.CharField(max_length=20, blank=True)
    country = models.CharField(max_length=100, blank=True, help_text="Display name, e.g. Portugal - Continental.")
    country_code = models.CharField(max_length=3, validators=[validate_country_code], help_text="ISO alpha-3.")
    phone = models.CharField(max_length=40, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.country_code = self.country_code.upper()
        super().save(*args, **kwargs)


# Pages every store has at a fixed path; any other page item is a content page under /page/<handle>.
STORE_ROUTES = frozenset({"", "about", "blog", "sales", "new", "contact"})


class MenuItem(models.Model):
    """An entry of the primary (header) or secondary (footer) navigation."""

    class Menu(models.TextChoices):
        PRIMARY = "primary"
        SECONDARY = "secondary"

    class Type(models.TextChoices):
        PAGE = "page", "Store page (/, about, blog, sales, new, contact or a page)"
        CATEGORY = "category", "Category (slug)"
        BRAND = "brand", "Brand (slug)"
        URL = "url", "External URL"

    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="menu_items")
    menu = models.CharField(max_length=10, choices=Menu.choices, default="primary")
    text = models.CharField(max_length=100)
    type = models.CharField(max_length=10, choices=Type.choices, default="page")
    item = models.CharField(max_length=200, blank=True, help_text="Path or slug, e.g. / or about or a category slug.")
    url = models.URLField(blank=True, help_text="Only for external URLs.")
    target_blank = models.BooleanField(default=False, help_text="Open in a new tab.")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["menu", "position", "pk"]

    def __str__(self) -> str:
        return self.text

    def clean(self) -> None:
        if self.type == self.Type.URL and not self.url:
            raise ValidationError({"url": "An external menu entry needs its URL."})
        if self.type != self.Type.URL and not self.item:
            raise ValidationError({"item": "Name the page path or slug this entry opens."})

    def resolve_url(self, base_url: str) -> str:
        """The absolute URL the entry opens, given the store's base URL (the store's path patterns)."""
        if self.type == self.Type.URL:
            return self.url
        path = self.item.strip("/")
        if self.type in (self.Type.CATEGORY, self.Type.BRAND):
            path = f"{self.type}/{path}"
        elif path not in STORE_ROUTES:
            path = f"page/{path}"
        return f"{base_url}/{path}".rstrip("/") if path else base_url or "/"


class WorkerHeartbeat(models.Model):
    """The last time each Celery worker ran the periodic heartbeat task; /healthz reports the newest."""

    hostname = models.CharField(max_length=255, unique=True)
    seen_at = models.DateTimeField()
    request_id = models.CharField(max_length=200, blank=True, help_text="Request id the task carried, if any.")

    class Meta:
        ordering = ["-seen_at"]

    def __str__(self) -> str:
        return f"{self.hostname} at {self.seen_at:%Y-%m-%d %H:%M:%S}"


class ContentPage(models.Model):
    """A page merchants write in the admin (terms, privacy, about, contact), served at /page/<slug>.

    The body is HTML sanitized with nh3 on every save, so templates may render it as safe.
    """

    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200, unique=True, help_text="about and contact are also served at /about, /contact."
    )
    body = models.TextField(blank=True, help_text="HTML; scripts, styles and event handlers are removed.")
    published = models.BooleanField(default=True)
    position = models.PositiveSmallIntegerField(default=0)
    page_title = models.CharField(max_length=255, blank=True)
    meta_description = models.CharField(max_length=500, blank=True)
    meta_tags = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "title", "pk"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.body = nh3.clean(self.body or "", link_rel="noopener noreferrer").strip()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return f"/page/{self.slug}"


class NewsPostQuerySet(models.QuerySet):
    def published(self):
        """Posts the public may see: published, and their time has come."""
        return self.filter(published=True, published_at__lte=timezone.now())


class NewsPost(models.Model):
    """A store news post, edited in the admin; listed at /api/v1/news and in /feeds/news.atom and .json.

    Public once `published` is set and `published_at` has come; the body is HTML sanitized with nh3 on save.
    """

    public_id = PublicIdField(prefix="news")
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    excerpt = models.CharField(max_length=500, blank=True, help_text="Plain text summary for lists and feeds.")
    body = models.TextField(blank=True, help_text="HTML; scripts, styles and event handlers are removed.")
    published = models.BooleanField(default=False)
    published_at = models.DateTimeField(default=timezone.now, db_index=True, help_text="Hidden until this time.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = NewsPostQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = "news post"

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.body = nh3.clean(self.body or "", link_rel="noopener noreferrer").strip()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return f"/news/{self.slug}"
