"""What the product page's back-in-stock form offers: `{% sold_out_options variants as sold_out %}` keeps the
variant choices (as catalog.views builds them) a buyer cannot order now, so the form lists them without script."""

from django import template

register = template.Library()


@register.simple_tag
def sold_out_options(choices: list[dict]) -> list[dict]:
    """The choices whose availability is "out" (sold out, deactivated, or the product marked out of stock)."""
    return [choice for choice in choices or () if choice["availability"].level == "out"]
