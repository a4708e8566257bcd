"""How the payment methods of checkout work (docs/payments.md): the PayPal client (`paypal`), the references of the
Portuguese manual methods (`references`) and what the buyer is told to do to pay (`instructions`).

The services that use them live in orders.services (checkout, paypal, refunds, workflow).
"""
