"""Products keyed by SKU, their option groups and variants (keyed by variant SKU, else by options) and stock.

A product is one row, or one row per variant: the rows sharing a `sku` are one product, read from the first of
them. A variant row names its options ("Size: M / Colour: Blue"); option groups and values the product lacks are
added through the option services, which span the variant matrix as the admin does (combinations the file does
not list are created too, with the product's price: hide them with `variant_active` no). Options the product has
and the file does not name are kept.
"""

from catalog.models import Product, ProductStatus, Variant
from catalog.services import create_option_group, create_product, update_option_group, update_product, update_variant
from shopplatform.errors import ShopError
from shopplatform.html import sanitize_html
from shopplatform.store.models import Store

from . import cells
from .runner import Importer, Outcome, Record, RecordRefused

VARIANT_PARAMS = {"sku": "variant_sku", "price_cents": "variant_price", "stock_quantity": "variant_stock",
                  "active": "variant_active", "options": "options", "title": "options"}  # fmt: skip


class ProductImporter(Importer):
    subject = "products"
    key_column = "sku"
    columns_by_param = {"price_cents": "price", "promo_price_cents": "promo_price"}

    def key_of(self, row: dict) -> str:
        return row.get("sku", "").strip()

    def records(self, rows: list[tuple[int, dict]]) -> list[Record]:
        records: dict[str, Record] = {}
        for line, row in rows:
            key = self.key_of(row) or f"(row {line})"  # rows without a SKU are refused one by one
            record = records.setdefault(key, Record(key, []))
            if record.rows and not (_is_variant(row) and _is_variant(record.rows[0][1])):
                raise RecordRefused(line, ShopError(f"sku {key} appears again (first on row {record.line}); "
                                                    f"only variant rows repeat a product's SKU.", param="sku"))  # fmt: skip
            record.rows.append((line, row))
        return list(records.values())

    def write(self, record: Record) -> Outcome:
        line, row = record.rows[0]
        sku = _at(line, cells.text, row, "sku", required=True, max_length=100)
        fields = _at(line, product_fields, row)
        found = list(Product.objects.filter(sku=sku).order_by("pk")[:2])
        if len(found) > 1:
            raise RecordRefused(line, ShopError(f"sku {sku} belongs to several products: give each its own SKU "
                                                "before importing.", param="sku"))  # fmt: skip
        if found:
            product = found[0]
            changes = {name: value for name, value in fields.items() if not _same(product, name, value)}
            if changes:
                product = _at(line, update_product, product=product, **changes)
            action, changed = ("updated" if changes else "unchanged"), [_column(name) for name in changes]
        else:
            product = _at(line, create_product, sku=sku, **fields)
            action, changed = "new", []
        variant_rows = [(line, row) for line, row in record.rows if _is_variant(row)]
        if variant_rows:
            changed += write_variants(product, variant_rows)
        if action == "unchanged" and changed:
            action = "updated"
        return Outcome(action, () if action == "new" else tuple(changed))


def product_fields(row: dict) -> dict:
    """The product fields the row's columns give (a missing column leaves the field as it is)."""
    currency = Store.load().currency
    fields = {}
    if "title" in row:
        fields["title"] = cells.text(row, "title", required=True, max_length=255)
    if row.get("status"):
        fields["status"] = cells.choice(row, "status", ProductStatus.values)
    if "description" in row:
        fields["description"] = row["description"]
    for column in ("price", "promo_price"):
        if column in row and (row[column] or column == "promo_price"):
            fields[f"{column}_cents"] = cells.amount(row, column, currency)
    if "stock_enabled" in row:
        fields["stock_enabled"] = cells.boolean(row, "stock_enabled")
    if "stock_quantity" in row:
        fields["stock_quantity"] = cells.integer(row, "stock_quantity")
    return fields


def write_variants(product: Product, rows: list[tuple[int, dict]]) -> list[str]:
    """Add the option values the rows name, then update each named variant; return what changed."""
    wanted = [(line, row, _at(line, parse_options, row)) for line, row in rows]
    changed = _add_options(product, wanted)
    variants = list(product.variants.select_related("option_1__group", "option_2__group", "option_3__group"))
    by_options = {_variant_key(variant): variant for variant in variants}
    by_sku = {variant.sku: variant for variant in variants if variant.sku}
    for line, row, pairs in wanted:
        variant = by_sku.get(row.get("variant_sku", "")) or by_options.get(_options_key(*zip(*pairs, strict=True)))
        if variant is None:
            raise RecordRefused(line, ShopError(f"No variant of {product.sku} has the options {row['options']}.",
                                                param="options"))  # fmt: skip
        changes = _at(line, variant_changes, variant, row)
        if changes:
            _at(line, update_variant, variant=variant, **changes)
            changed += [f"{variant.title}: {VARIANT_PARAMS[name]}" for name in changes]
    return changed


def variant_changes(variant: Variant, row: dict) -> dict:
    currency = Store.load().currency
    fields = {}
    if "variant_sku" in row:
        fields["sku"] = cells.text(row, "variant_sku", max_length=100)
    if "variant_price" in row:
        fields["price_cents"] = cells.amount(row, "variant_price", currency)
    if "variant_stock" in row:
        fields["stock_quantity"] = cells.integer(row, "variant_stock")
    if "variant_active" in row:
        fields["active"] = cells.boolean(row, "variant_active") if row["variant_active"] else True
    return {name: value for name, value in fields.items() if getattr(variant, name) != value}


def parse_options(row: dict) -> list[tuple[str, str]]:
    """ "Size: M / Colour: Blue" as [("Size", "M"), ("Colour", "Blue")]; raise RowRefused for another shape."""
    text = cells.text(row, "options", required=True)
    pairs = [part.split(":", 1) for part in text.split(" / ")]
    if any(len(pair) != 2 or not pair[0].strip() or not pair[1].strip() for pair in pairs):
        raise cells.RowRefused(f"options '{text}' must read like 'Size: M / Colour: Blue'.", param="options")
    return [(group.strip(), value.strip()) for group, value in pairs]


def _add_options(product: Product, wanted: list[tuple[int, dict, list[tuple[str, str]]]]) -> list[str]:
    first_line, _row, first_pairs = wanted[0]
    titles = [group for group, _value in first_pairs]
    values: dict[str, dict[str, str]] = {title.casefold(): {} for title in titles}
    for line, row, pairs in wanted:
        if [group.casefold() for group, _value in pairs] != [title.casefold() for title in titles]:
            raise RecordRefused(line, cells.RowRefused(f"options '{row['options']}' must name the groups "
                                                       f"{', '.join(titles)}, in that order.", param="options"))  # fmt: skip
        for group, value in pairs:
            values[group.casefold()].setdefault(value.casefold(), value)
    groups = {group.title.casefold(): group for group in product.option_groups.prefetch_related("options")}
    changed = []
    for title in titles:
        group = groups.get(title.casefold())
        if group is None:
            options = [{"title": value} for value in values[title.casefold()].values()]
            _at(first_line, create_option_group, product=product, title=title, options=options)
            changed.append(f"option group {title}")
            continue
        current = [{"id": option.public_id, "title": option.title} for option in group.options.all()]
        known = {option["title"].casefold() for option in current}
        missing = [{"title": value} for key, value in values[title.casefold()].items() if key not in known]
        if missing:
            _at(first_line, update_option_group, group=group, options=current + missing)
            changed.append(f"{title} values")
    return changed


def _variant_key(variant: Variant) -> frozenset:
    return _options_key(
        [option.group.title for option in variant.options], [option.title for option in variant.options]
    )


def _options_key(groups, titles) -> frozenset:
    return frozenset((group.casefold(), title.casefold()) for group, title in zip(groups, titles, strict=True))


def _is_variant(row: dict) -> bool:
    return bool(row.get("options") or row.get("variant_sku"))


def _same(product: Product, name: str, value) -> bool:
    if name == "description":
        return product.description == sanitize_html(value)
    return getattr(product, name) == value


def _column(name: str) -> str:
    return ProductImporter.columns_by_param.get(name, name)


def _at(line: int, function, *args, **kwargs):
    """Call a parser or service; a refusal names the file line and the variant's own column."""
    try:
        return function(*args, **kwargs)
    except ShopError as error:
        if function in (update_variant, variant_changes):
            error.param = VARIANT_PARAMS.get(error.param or "", error.param)
        raise RecordRefused(line, error) from error
