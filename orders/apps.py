from django.apps import AppConfig


def paid_product_ids(user):
    """Products in the user's paid orders that were neither refunded, canceled nor returned (pks, unevaluated)."""
    from .models import OrderLine, OrderStatus  # models load after the app registry; this runs only once it is ready

    return (
        OrderLine.objects.filter(order__customer__user=user, order__paid=True, order__refunded_cents=0)
        .exclude(order__status__in=(OrderStatus.CANCELED, OrderStatus.RETURNED))
        .values("product_id")
    )


class OrdersConfig(AppConfig):
    name = "orders"
    verbose_name = "Orders"

    def ready(self) -> None:
        # Paying for a product makes its buyer an owner (downloads, reviews); the catalog sits below orders, so it
        # learns about purchases through this registration instead of importing orders.
        from catalog.digital.purchases import register_purchase_source
        from catalog.restocks import register_restock_listener
        from wallet.hooks import register_credit_listener
        from webhooks.alerts import register_endpoint_listener

        from .back_in_stock import notify_restock
        from .notifications import notify_wallet_credit, notify_webhook_endpoint

        register_purchase_source(paid_product_ids)
        # The wallet sits below orders: it announces credits, and orders turns them into the customer's e-mail.
        register_credit_listener(notify_wallet_credit)
        # Stock lives in the catalog; orders keeps the buyers' back-in-stock alerts and sends their e-mails.
        register_restock_listener(notify_restock)
        # Webhooks sit below orders: they announce an endpoint that starts failing or is disabled, orders e-mails it.
        register_endpoint_listener(notify_webhook_endpoint)
