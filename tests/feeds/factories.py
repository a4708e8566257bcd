import factory
from django.utils import timezone

from shopplatform.store.models import NewsPost


class NewsPostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsPost

    title = factory.Sequence(lambda n: f"News {n}")
    slug = factory.Sequence(lambda n: f"news-{n}")
    excerpt = "Short summary."
    body = "<p>Long <strong>story</strong>.</p>"
    published = True
    published_at = factory.LazyFunction(timezone.now)
