/* Progressive enhancement for the store pages; every page works without it. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  document.addEventListener("DOMContentLoaded", function () {
    // Listing sort: apply on change instead of waiting for the "Apply" button.
    document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
      select.addEventListener("change", function () { select.form.submit(); });
    });

    // Product gallery: thumbnails swap the main image instead of opening the file.
    var main = document.getElementById("gallery-main");
    document.querySelectorAll("[data-gallery-thumb]").forEach(function (thumb) {
      thumb.addEventListener("click", function (event) {
        if (!main) return;
        event.preventDefault();
        var image = thumb.querySelector("img");
        main.src = thumb.href;
        main.alt = image ? image.alt : main.alt;
        document.querySelectorAll("[data-gallery-thumb]").forEach(function (other) {
          other.removeAttribute("aria-current");
        });
        thumb.setAttribute("aria-current", "true");
      });
    });

    // Checkout: hide the billing fields while "billing address is the delivery address" is ticked.
    var billingSame = document.getElementById("id_billing_same");
    var billingFields = document.getElementById("billing-fields");
    if (billingSame && billingFields) {
      var syncBilling = function () { billingFields.hidden = billingSame.checked; };
      billingSame.addEventListener("change", syncBilling);
      syncBilling();
    }

    // Variant picker: show the chosen variant's price and stock without reloading (?variant= works without JS).
    var select = document.getElementById("variant-select");
    if (!select) return;
    var variants = JSON.parse(select.dataset.variants || "{}");
    select.addEventListener("change", function () {
      var data = variants[select.value];
      if (!data) return;
      var priceBox = document.getElementById("price-box");
      var now = priceBox.querySelector(".price-now");
      var was = priceBox.querySelector(".price-was");
      now.textContent = data.on_request ? "Price on request" : data.price;
      now.classList.toggle("price-sale", Boolean(data.was));
      if (data.was) {
        if (!was) {
          was = document.createElement("del");
          was.className = "price-was";
          now.after(was);
        }
        was.textContent = data.was;
      } else if (was) {
        was.remove();
      }
      var stock = document.getElementById("stock-label");
      stock.textContent = data.stock;
      stock.className = "stock stock-" + data.level;
      var input = document.getElementById("variant-input");
      if (input) input.value = select.value;
      var button = document.getElementById("add-button");
      if (button) button.disabled = !data.can_buy || data.on_request;
      var url = new URL(window.location.href);
      url.searchParams.set("variant", select.value);
      window.history.replaceState(null, "", url);
    });
  });
})();
