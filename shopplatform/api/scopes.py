"""Scopes carried by API keys, and the permission that enforces them.

A view names its resource (`scope_resource = "catalog"`): safe methods need `<resource>:read`, others
`<resource>:write`; `required_scopes = {action: scope or (scope, alternative, …)}` overrides per action. `anonymous_methods` lists what anonymous callers may do (e.g. public catalog reads);
`staff_only` limits the view to keys owned by staff. Missing scope → 403 `insufficient_scope`, param names it.
"""

from rest_framework import exceptions
from rest_framework.permissions import SAFE_METHODS, BasePermission

SCOPES = (
    "catalog:read",
    "catalog:write",
    "orders:read",
    "orders:write",
    "shop:read",
    "shop:write",
    "customers:read",
    "customers:write",
    "wallet:read",
    "wallet:write",
    "webhooks:read",
    "webhooks:write",
    "media:read",
    "media:write",
    "search:read",
    "news:read",
    "privacy:write",
    "keys:read",
    "keys:write",
)


class InsufficientScope(exceptions.PermissionDenied):
    problem_code = "insufficient_scope"
    problem_title = "Insufficient scope"

    def __init__(self, scope: str) -> None:
        super().__init__(detail=f"Missing scope: {scope}")
        self.param = scope


class StaffOnly(exceptions.PermissionDenied):
    problem_code = "staff_only"
    problem_title = "Staff only"

    def __init__(self) -> None:
        super().__init__(detail="Only keys owned by staff (merchant) users may use this endpoint.")


def required_scopes_for(view, method: str) -> tuple[str, ...]:
    """The scopes of which the caller needs one: `required_scopes[action]` (a scope, a tuple, or None for no
    scope) or the default."""
    resource = getattr(view, "scope_resource", None)
    if resource is None:
        return ()
    scopes = getattr(view, "required_scopes", {})
    action = getattr(view, "action", None)
    if action in scopes:
        chosen = scopes[action]
        return (chosen,) if isinstance(chosen, str) else tuple(chosen or ())
    return (f"{resource}:{'read' if method in SAFE_METHODS else 'write'}",)


def is_staff_caller(request) -> bool:
    return bool(request.auth is not None and request.user.is_staff)


class ScopePermission(BasePermission):
    def has_permission(self, request, view) -> bool:
        if request.auth is None:
            if request.method in getattr(view, "anonymous_methods", ()):
                return True
            raise exceptions.NotAuthenticated("Send an API key as `Authorization: Bearer <key>` or `X-API-Key`.")
        scopes = required_scopes_for(view, request.method)
        if scopes and not set(scopes) & set(request.auth.scopes):
            raise InsufficientScope(" or ".join(scopes))
        if getattr(view, "staff_only", False) and not request.user.is_staff:
            raise StaffOnly()
        return True
