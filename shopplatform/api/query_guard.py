"""Refuse query strings PostgreSQL cannot compare: a NUL character in any /api/ query parameter is a 400.

Without this, `?q=%00` reaches a text comparison and PostgreSQL raises a DataError (a 500). Bodies are covered by
DRF's CharField, which already rejects NUL characters.
"""

from .errors import problem_response


class QueryStringGuardMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/api/"):
            for name, values in request.GET.lists():
                if "\x00" in name or any("\x00" in value for value in values):
                    return problem_response(
                        request,
                        status=400,
                        code="invalid_query",
                        title="Invalid query parameter",
                        detail="Query parameters may not contain NUL characters.",
                        param=name.replace("\x00", ""),
                        errors=[
                            {
                                "field": name.replace("\x00", ""),
                                "code": "invalid_query",
                                "message": "Query parameters may not contain NUL characters.",
                            }
                        ],
                    )
        return self.get_response(request)
