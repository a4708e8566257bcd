from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from shopplatform.api.viewsets import ShopAPIView

from ..queries import store_with_relations
from .serializers import StoreOutput


class StoreView(ShopAPIView):
    """The store's public settings. Read-only: merchants edit them in the admin."""

    scope_resource = None  # public: anonymous callers and keys with any scope may read it
    anonymous_methods = ("GET", "HEAD", "OPTIONS")
    public_cache = True

    @extend_schema(operation_id="store_retrieve", responses={200: StoreOutput})
    def get(self, request):
        return Response(StoreOutput(store_with_relations()).data)
