from rest_framework.routers import SimpleRouter


class ShopRouter(SimpleRouter):
    """A router whose paths accept an optional trailing slash (the merchant API documents both forms)."""

    def __init__(self) -> None:
        super().__init__()
        self.trailing_slash = "/?"
