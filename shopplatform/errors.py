"""The one exception tree of the project.

Services raise subclasses of ShopError; shopplatform.api.errors renders each as RFC 9457 problem details with
its `status` and `code`. Every subclass registers its code, so /problems/<code> can explain it.
"""

from typing import ClassVar

PROBLEM_TYPES: dict[str, tuple[str, str]] = {}


def register_problem(code: str, title: str, description: str) -> None:
    """Record a problem type so its documentation page can be served."""
    PROBLEM_TYPES.setdefault(code, (title, description))


class ShopError(Exception):
    """A business rule refused the operation."""

    status: ClassVar[int] = 400
    code: ClassVar[str] = "bad_request"
    title: ClassVar[str] = "Bad request"
    description: ClassVar[str] = "The request could not be processed as sent."
    # Context keys rendered as extra members of the problem body (RFC 9457 extensions), e.g. ("available",).
    extensions: ClassVar[tuple[str, ...]] = ()

    def __init__(self, detail: str | None = None, *, param: str | None = None, **context) -> None:
        self.detail = detail or self.title
        self.param = param
        self.context = context
        super().__init__(self.detail)

    def extension_members(self) -> dict:
        """The context values this error type publishes in its problem body."""
        return {name: self.context.get(name) for name in self.extensions}

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        register_problem(cls.code, cls.title, cls.__doc__ or cls.description)


register_problem(ShopError.code, ShopError.title, ShopError.description)


class NotFound(ShopError):
    """The resource does not exist or is not visible to the caller."""

    status, code, title = 404, "not_found", "Not found"


class Conflict(ShopError):
    """The request conflicts with the current state of the resource."""

    status, code, title = 409, "conflict", "Conflict"


class AlreadyExists(ShopError):
    """A resource with the same unique value already exists."""

    status, code, title = 409, "already_exists", "Already exists"


class PermissionDenied(ShopError):
    """The caller may not act on this resource."""

    status, code, title = 403, "permission_denied", "Permission denied"


class InvalidInput(ShopError):
    """A value in the request is not acceptable."""

    status, code, title = 400, "invalid_field", "Invalid field value"


class PayloadTooLarge(ShopError):
    """The request body or the number of items in it is over the limit."""

    status, code, title = 413, "payload_too_large", "Content too large"
