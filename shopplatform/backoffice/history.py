"""Change history (django-simple-history) of products, orders, coupons and the store settings.

Every save of those rows, by the admin, the API, an import or checkout, writes a copy to a historical table that
lives in this app (`backoffice_historicalproduct`, ...), with who made the change when it came through a request
(simple_history's HistoryRequestMiddleware). Each of their admin pages has a "History" view listing the versions
and what changed. Bulk `UPDATE`s (stock claims, counters) write no version: they are not edits.

An order's personal data (e-mail, client details and notes, payment data) is left out of its history, so erasing
a customer (shopplatform/privacy) leaves no copy behind; the merchant's own fields, status and money are kept.
"""

from simple_history import register

from catalog.models import Product
from orders.models import Coupon, Order
from shopplatform.store.models import Store

# simple_history files the historical models in "<app>.models"; this app's module path (its label is "backoffice").
HISTORY_APP = "shopplatform.backoffice"
ORDER_PERSONAL_FIELDS = ["email", "client", "client_note", "payment_data", "hash", "stripe_session_id"]
# An order's versions are read by the order's id (its History page); the indexes its own table keeps for finding
# orders (by number, status, coupon, customer…) were copied onto the history too, and every order placed or changed
# wrote its version into all sixteen. The history keeps its key, the order's id, the date and the author.
ORDER_HISTORY_UNINDEXED = [
    "public_id",
    "number",
    "status",
    "paid",
    "coupon_code",
    "created_at",
    "coupon",
    "customer",
    "shipping_method",
]

register(Product, app=HISTORY_APP, excluded_fields=["derived_excerpt", "derived_meta_description", "doc_version"])
register(Order, app=HISTORY_APP, excluded_fields=ORDER_PERSONAL_FIELDS, no_db_index=ORDER_HISTORY_UNINDEXED)
register(Coupon, app=HISTORY_APP)
register(Store, app=HISTORY_APP)
