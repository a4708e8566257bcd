"""django-unfold's settings (`UNFOLD`), imported by shopplatform/settings/: the back-office's name, the
dashboard on the admin home and the grouped sidebar. Nothing here imports Django models: settings load first."""


def sidebar_navigation(request) -> list[dict]:
    from .navigation import sidebar_navigation as grouped  # the admin site is ready only once a request comes

    return grouped(request)


UNFOLD = {
    "SITE_TITLE": "Shop back-office",
    "SITE_HEADER": "Back-office",
    "SITE_SYMBOL": "storefront",
    "SITE_URL": "/",
    "SHOW_HISTORY": True,
    "SHOW_VIEW_ON_SITE": True,
    "DASHBOARD_CALLBACK": "shopplatform.backoffice.dashboard.callback.dashboard_callback",
    "SIDEBAR": {
        "show_search": True,
        "show_all_applications": False,
        "navigation": sidebar_navigation,
    },
}
