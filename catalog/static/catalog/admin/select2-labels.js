// Names the Select2 boxes that stand in for autocomplete <select>s (brand, categories, gallery media) after the
// field's own label, which Select2's generated combobox and search input do not carry: screen readers (and axe)
// would otherwise meet unnamed inputs. Select2 redraws its boxes on every change, so a MutationObserver applies
// the names again (and to inline rows added later).
"use strict";

(() => {
  function fieldName(select) {
    if (select.getAttribute("aria-label")) return select.getAttribute("aria-label");
    const label = select.id && document.querySelector(`label[for="${CSS.escape(select.id)}"]`);
    return label ? label.textContent.replace(/\*\s*$/, "").trim() : "";
  }

  function setAttribute(element, name, value) {
    if (element.getAttribute(name) !== value) element.setAttribute(name, value);
  }

  function labelSelect2Boxes() {
    document.querySelectorAll("select.admin-autocomplete").forEach((select) => {
      const container = select.nextElementSibling;
      const name = fieldName(select);
      if (!name || !container || !container.classList.contains("select2")) return;
      container.querySelectorAll(".select2-selection, .select2-search__field").forEach((box) => {
        setAttribute(box, "aria-label", name);
      });
      container.querySelectorAll(".select2-selection__rendered[role=textbox]").forEach((shown) => {
        setAttribute(shown, "aria-label", `${name}: selected`);
      });
      // The "remove all" cross sits directly in the list of chosen items: a list may only hold list items.
      container.querySelectorAll("ul.select2-selection__rendered > .select2-selection__clear").forEach((clear) => {
        setAttribute(clear, "role", "listitem");
      });
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    labelSelect2Boxes();
    new MutationObserver(labelSelect2Boxes).observe(document.body, { childList: true, subtree: true });
  });
})();
