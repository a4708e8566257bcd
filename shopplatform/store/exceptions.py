from shopplatform.errors import Conflict


class DefaultPaymentMethodInactive(Conflict):
    """Only an active payment method can be the store's default."""

    code, title = "payment_method_inactive", "Payment method inactive"
