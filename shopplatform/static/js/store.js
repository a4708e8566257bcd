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

    // Option pickers: each choice names a variant (catalog/option_picker.py decides the same without script);
    // price, stock, image, the cart form and the sold-out marks follow it without a reload.
    var pickerForm = document.getElementById("option-pickers");
    var pickerScript = document.getElementById("picker-data");
    if (!pickerForm || !pickerScript) return;
    var picker = JSON.parse(pickerScript.textContent);
    var keyOf = function (options) { return options.slice().sort().join("|"); };
    var byOptions = {};
    picker.variants.forEach(function (variant) { byOptions[keyOf(variant.options)] = variant; });
    var radio = function (optionId) { return document.getElementById("opt-" + optionId); };
    var checkedOptions = function () {
      return picker.groups.map(function (group) {
        var checked = pickerForm.querySelector("input[name='" + group.id + "']:checked");
        return checked ? checked.value : null;
      });
    };
    var resolve = function (picked) {
      var chosen = checkedOptions();
      var exact = byOptions[keyOf(chosen)];
      if (exact) return exact;
      // That combination does not exist: keep the option just picked and as many others as possible, orderable first.
      var best = null, bestScore = -1;
      picker.variants.forEach(function (variant) {
        if (variant.options.indexOf(picked) < 0) return;
        var score = 2 * chosen.filter(function (id) { return variant.options.indexOf(id) >= 0; }).length + (variant.orderable ? 1 : 0);
        if (score > bestScore) { best = variant; bestScore = score; }
      });
      return best;
    };
    var showPrice = function (variant) {
      var priceBox = document.getElementById("price-box");
      var now = priceBox.querySelector(".price-now");
      var was = priceBox.querySelector(".price-was");
      now.textContent = variant.on_request ? "Price on request" : variant.price;
      now.classList.toggle("price-sale", Boolean(variant.was));
      if (variant.was) {
        if (!was) {
          was = document.createElement("del");
          was.className = "price-was";
          now.after(was);
        }
        was.innerHTML = '<span class="visually-hidden">was </span>';
        was.appendChild(document.createTextNode(variant.was));
      } else if (was) {
        was.remove();
      }
      var stock = document.getElementById("stock-label");
      stock.textContent = variant.stock;
      stock.className = "stock stock-" + variant.level;
    };
    var showImage = function (variant) {
      var image = document.getElementById("gallery-main");
      if (!image) return;
      image.src = variant.image || image.dataset.productImage;
      var title = document.getElementById("product-title").textContent;
      image.alt = variant.image ? title + " — " + variant.options.map(function (id) {
        return radio(id).nextElementSibling.querySelector(".option-title").textContent;
      }).join(" / ") : image.dataset.productAlt;
      var zoomLink = document.getElementById("gallery-zoom");
      if (zoomLink) zoomLink.href = image.src;
    };
    var markChoices = function (variant) {
      picker.groups.forEach(function (group) {
        var own = variant.options.filter(function (id) { return group.options.indexOf(id) >= 0; })[0];
        var others = variant.options.filter(function (id) { return id !== own; });
        group.options.forEach(function (optionId) {
          var input = radio(optionId);
          var label = input.nextElementSibling;
          var candidate = byOptions[keyOf(others.concat([optionId]))];
          var state = !candidate ? "unavailable" : candidate.orderable ? "" : "sold-out";
          input.checked = optionId === own;
          input.disabled = state === "unavailable";
          label.classList.toggle("is-sold-out", state === "sold-out");
          label.classList.toggle("is-unavailable", state === "unavailable");
          label.querySelector("[data-option-state]").innerHTML =
            state ? '<span class="visually-hidden">, </span>' + state.replace("-", " ") : "";
          if (input.checked) {
            var legend = input.closest("fieldset").querySelector("[data-chosen-label]");
            legend.textContent = label.querySelector(".option-title").textContent;
          }
        });
      });
    };
    pickerForm.addEventListener("change", function (event) {
      var variant = resolve(event.target.value);
      if (!variant) return;
      markChoices(variant);
      showPrice(variant);
      showImage(variant);
      var input = document.getElementById("variant-input");
      if (input) input.value = variant.id;
      var button = document.getElementById("add-button");
      if (button) button.disabled = !variant.orderable || variant.on_request;
      var alertChoice = document.querySelector("#stock-alert-variant option[value='" + variant.id + "']");
      if (alertChoice) alertChoice.selected = true;
      var url = new URL(window.location.href);
      picker.groups.forEach(function (group) { url.searchParams.delete(group.id); });
      url.searchParams.delete("option");
      url.searchParams.set("variant", variant.id);
      window.history.replaceState(null, "", url);
    });
  });
})();
