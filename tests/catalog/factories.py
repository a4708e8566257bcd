import factory

from catalog.models import Brand, Category, Option, OptionGroup, Product, ProductImage, Seller, Variant


class SellerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Seller

    name = factory.Sequence(lambda n: f"seller{n}")
    display_name = factory.Sequence(lambda n: f"Seller {n}")


class BrandFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Brand

    title = factory.Sequence(lambda n: f"Brand {n}")
    slug = factory.Sequence(lambda n: f"brand-{n}")


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    title = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Product {n}")
    slug = factory.Sequence(lambda n: f"product-{n}")
    price_cents = 1000
    status = "active"

    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        if create and extracted:
            self.categories.set(extracted)


class ProductImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductImage

    product = factory.SubFactory(ProductFactory)
    external_url = factory.Sequence(lambda n: f"https://cdn.example.com/{n}.jpg")


class OptionGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OptionGroup

    product = factory.SubFactory(ProductFactory)
    title = "Size"


class OptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Option

    group = factory.SubFactory(OptionGroupFactory)
    title = factory.Sequence(lambda n: f"Value {n}")


class VariantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Variant

    product = factory.SubFactory(ProductFactory)
    option_1 = factory.SubFactory(OptionFactory, group__product=factory.SelfAttribute("...product"))
    title = factory.LazyAttribute(lambda variant: variant.option_1.title)
