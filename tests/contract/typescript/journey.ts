// A typed use of the generated types: if the document drifts (a renamed field, a lost enum value), tsc fails.
import type { components, paths } from "./generated/api";

type ProductPage = paths["/api/v1/products/"]["get"]["responses"][200]["content"]["application/json"];
type Checkout = components["schemas"]["CheckoutInputRequest"];
type Order = components["schemas"]["OrderOutput"];

export function productIds(page: ProductPage): string[] {
  return page.data.map((product) => product.id);
}

export const walletCheckout: Checkout = { payment_method: "wallet" };

export const orderPaid: components["schemas"]["WebhookEventTypeEnum"] = "order.paid";

export function totalOf(order: Order): number {
  return order.total_cents;
}
