"""The back-office's one exception to the Content-Security-Policy: `'unsafe-eval'` for scripts on /admin/ only.

django-unfold's pages are driven by Alpine.js, whose standard build evaluates its `x-data` / `x-on` attribute
expressions with `new Function()`, which a policy without `'unsafe-eval'` blocks (menus, tabs, filters and the
sidebar stop working). Store pages keep `script-src 'self'`. The trade-off (docs/back-office.md): on admin pages
an attacker who could inject HTML attributes could have Alpine run them; the admin escapes everything it renders
(the render-sanitising tests), inline scripts stay forbidden, and only staff sessions open these pages.
"""

from django.urls import reverse

ADMIN_SCRIPT_SOURCES = ["'unsafe-eval'"]


class AdminScriptPolicyMiddleware:
    """Adds `'unsafe-eval'` to script-src on admin responses. Sits below csp.middleware.CSPMiddleware, so the
    response reaches it first and CSPMiddleware builds the header with the addition."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response
        self.admin_prefix = None

    def __call__(self, request):
        response = self.get_response(request)
        if self.admin_prefix is None:
            self.admin_prefix = reverse("admin:index")
        if request.path.startswith(self.admin_prefix):
            update = dict(getattr(response, "_csp_update", None) or {})
            update["script-src"] = [*update.get("script-src", []), *ADMIN_SCRIPT_SOURCES]
            response._csp_update = update
        return response
