"""Search that forgives, on the store page, the API search and the products `q` filter, on SQLite and PostgreSQL.

The catalog is the demo's: the words buyers typed in issue 18 must find the products a person would expect. The
same tests run on both databases (SQLite by default; DATABASE_URL for PostgreSQL, whose full-text and trigram
matches must not add unexpected products).
"""

import pytest

from tests.catalog.factories import BrandFactory, CategoryFactory, ProductFactory

pytestmark = pytest.mark.django_db

# Words typed → the demo products they must find (and no other of the fixture's products).
EXPECTED = {
    "vases": {"Ceramic Vase"},
    "vaze": {"Ceramic Vase"},
    "ceramica": {"Ceramic Vase"},
    "tea pot": {"Enamel Teapot"},
    "pot tea": {"Enamel Teapot"},
    "pure you": {"Ceramic Vase", "Enamel Teapot"},
    "kitchen": {"Enamel Teapot", "Oak Cutting Board"},
    "home": {"Enamel Teapot", "Oak Cutting Board", "Ceramic Vase", "Vintage Poster Print"},
    "posters": {"Vintage Poster Print"},
    "decoracao": {"Ceramic Vase", "Vintage Poster Print"},
}


@pytest.fixture
def demo_catalog(store):
    home = CategoryFactory(title="Home & Living", slug="home")
    kitchen = CategoryFactory(title="Kitchen", slug="kitchen", parent=home)
    decoration = CategoryFactory(title="Decoração", slug="decoration", parent=home)
    prints = CategoryFactory(title="Prints", slug="prints", parent=decoration)
    pure_you = BrandFactory(title="Pure You", slug="pure-you")
    oak = BrandFactory(title="Oak & Iron", slug="oak-and-iron")
    return {
        product.title: product
        for product in (
            ProductFactory(title="Ceramic Vase", brand=pure_you, categories=[decoration]),
            ProductFactory(title="Enamel Teapot", brand=pure_you, categories=[kitchen]),
            ProductFactory(title="Oak Cutting Board", brand=oak, categories=[kitchen]),
            ProductFactory(title="Vintage Poster Print", categories=[prints]),
        )
    }


@pytest.mark.parametrize("text", EXPECTED)
def test_api_search_forgives_plurals_typos_brands_categories_and_word_order(anonymous_client, demo_catalog, text):
    body = anonymous_client.get("/api/v1/search", {"q": text}).json()

    assert {item["title"] for item in body["products"]} == EXPECTED[text]


@pytest.mark.parametrize("text", ["vaze", "tea pot", "pure you"])
def test_products_q_filter_reads_the_words_as_the_search_does(anonymous_client, demo_catalog, text):
    body = anonymous_client.get("/api/v1/products", {"q": text}).json()

    assert {item["title"] for item in body["data"]} == EXPECTED[text]


@pytest.mark.parametrize("text", ["vases", "vaze", "ceramica", "tea pot", "pure you", "kitchen"])
def test_search_page_finds_the_demo_products(client, demo_catalog, text):
    page = client.get("/search", {"q": text}).content.decode()

    for title in demo_catalog:
        assert (f">{title}<" in page) == (title in EXPECTED[text]), title


def test_search_page_says_how_a_misspelt_word_was_read(client, demo_catalog):
    page = client.get("/search", {"q": "vaze"}).content.decode()

    assert "showing results for “vase”" in page


def test_api_search_also_finds_brands_and_categories_by_a_misspelt_word(anonymous_client, demo_catalog):
    body = anonymous_client.get("/api/v1/search", {"q": "kitchn pur"}).json()

    assert [item["title"] for item in body["categories"]] == ["Kitchen"]
    assert [item["title"] for item in body["brands"]] == ["Pure You"]


def test_title_matches_rank_before_brand_and_category_matches(anonymous_client, demo_catalog):
    ProductFactory(title="Kitchen Scale")

    body = anonymous_client.get("/api/v1/search", {"q": "kitchen"}).json()

    assert body["products"][0]["title"] == "Kitchen Scale"


def test_empty_search_names_the_words_and_suggests_without_blaming_filters(client, demo_catalog):
    demo_catalog["Enamel Teapot"].featured = True
    demo_catalog["Enamel Teapot"].save()

    page = client.get("/search", {"q": "xyzzy"}).content.decode()

    assert "No products match “xyzzy”." in page
    assert "filter" not in page.split('id="results-title"')[1].lower()
    assert "Popular products" in page and ">Enamel Teapot<" in page
    assert "Browse a category" in page and ">Home &amp; Living<" in page


def test_empty_search_with_a_filter_offers_to_search_without_it(client, demo_catalog):
    page = client.get("/search", {"q": "vase", "brand": "oak-and-iron"}).content.decode()

    assert "No products match “vase” with the chosen filter." in page
    assert 'href="?q=vase">Search all products for “vase”</a>' in page


def test_empty_category_without_filters_says_it_is_empty(client, store):
    CategoryFactory(title="Garden", slug="garden")

    page = client.get("/category/garden").content.decode()

    assert "No products here yet." in page
    assert "filter" not in page.split('id="results-title"')[1].lower()


def test_a_pasted_paragraph_searches_by_its_first_words(anonymous_client, demo_catalog):
    text = "ceramic vase " + " ".join(f"word{n}" for n in range(60))

    response = anonymous_client.get("/api/v1/search", {"q": text[:200]})

    assert response.status_code == 200
    assert response.json()["products"] == []  # eight words, and "word0".."word5" match nothing


def test_punctuation_alone_finds_nothing_without_failing(client, demo_catalog):
    response = client.get("/search", {"q": "!!!"})

    assert response.status_code == 200
    assert "No products match “!!!”." in response.content.decode()
