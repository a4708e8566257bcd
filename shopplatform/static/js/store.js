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
        var zoomLink = document.getElementById("gallery-zoom");
        if (zoomLink) zoomLink.href = thumb.href;
        document.querySelectorAll("[data-gallery-thumb]").forEach(function (other) {
          other.removeAttribute("aria-current");
        });
        thumb.setAttribute("aria-current", "true");
      });
    });

    // Product image zoom: the full image in a dialog (without JS the link opens the image itself).
    var zoom = document.querySelector("[data-zoom]");
    var zoomDialog = document.getElementById("zoom-dialog");
    if (zoom && zoomDialog && zoomDialog.showModal) {
      zoom.addEventListener("click", function (event) {
        event.preventDefault();
        var zoomed = document.getElementById("zoom-image");
        zoomed.src = zoom.href;
        zoomed.alt = main ? main.alt : "";
        zoomDialog.showModal();
      });
      zoomDialog.addEventListener("click", function (event) {
        if (event.target === zoomDialog) zoomDialog.close();  // a click on the backdrop closes it
      });
    }

    // Listing filters on phones: products first, the filters behind a button.
    var filtersToggle = document.getElementById("filters-toggle");
    var filters = document.getElementById("filters");
    if (filtersToggle && filters) {
      filtersToggle.hidden = false;
      filtersToggle.addEventListener("click", function () {
        var open = filtersToggle.getAttribute("aria-expanded") !== "true";
        filtersToggle.setAttribute("aria-expanded", String(open));
        filters.classList.toggle("open", open);
        if (open) filters.querySelector("h2").focus();
      });
    }

    // Error summary: take focus so screen readers announce it; its links move focus to the field they name.
    var summary = document.querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
      summary.querySelectorAll("a[href^='#']").forEach(function (link) {
        link.addEventListener("click", function (event) {
          var field = document.getElementById(link.getAttribute("href").slice(1));
          if (!field) return;
          event.preventDefault();
          field.focus();
          field.scrollIntoView({ block: "center" });
        });
      });
    }

    // Checkout: a signed-in buyer's saved addresses fill the delivery fields.
    var savedData = document.getElementById("saved-addresses");
    var picker = document.getElementById("saved-address-picker");
    if (savedData && picker) {
      var saved = JSON.parse(savedData.textContent);
      var names = ["name", "company", "phone", "address", "address_extra", "city", "zip_code"];
      var fieldFor = function (name) { return document.getElementById(name === "country_code" ? "id_country" : "id_" + name); };
      var matches = function (item) {
        return ["address", "city", "zip_code"].every(function (name) {
          var field = fieldFor(name);
          return field && field.value === (item[name] || "");
        });
      };
      var pickerSelect = document.getElementById("saved-address");
      var current = saved.filter(matches)[0];
      pickerSelect.value = current ? String(current.id) : "";
      picker.hidden = false;
      pickerSelect.addEventListener("change", function () {
        var item = saved.filter(function (entry) { return String(entry.id) === pickerSelect.value; })[0];
        names.concat(["country_code"]).forEach(function (name) {
          var field = fieldFor(name);
          if (!field) return;
          if (item) {
            if (name === "name" || name === "phone" || name === "company") {
              if (item[name]) field.value = item[name];  // keep the buyer's own details when the address has none
            } else {
              field.value = item[name] || "";
            }
          } else if (name !== "name" && name !== "phone" && name !== "company" && name !== "country_code") {
            field.value = "";
          }
        });
        if (!item) { var first = fieldFor("address"); if (first) first.focus(); }
      });
    }

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
