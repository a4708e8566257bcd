from rest_framework.routers import SimpleRouter


class ShopRouter(SimpleRouter):
    """A router whose paths accept an optional trailing slash (seed 003 uses both forms)."""

    def __init__(self) -> None:
        super().__init__()
        self.trailing_slash = "/?"
