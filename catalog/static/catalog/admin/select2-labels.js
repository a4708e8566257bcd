// Names the Select2 boxes that stand in for autocomplete <select>s (brand, categories, gallery media) after the
// field's own label, which Select2's generated combobox and search input do not carry: screen readers (and axe)
// would otherwise meet unnamed inputs. Runs once the page's Select2s exist, and again for each added inline row.
"use strict";

(() => {
  function fieldName(select) {
    if (select.getAttribute("aria-label")) return select.getAttribute("aria-label");
    const label = select.id && document.querySelector(`label[for="${CSS.escape(select.id)}"]`);
    return label ? label.textContent.replace(/\*\s*$/, "").trim() : "";
  }

  function labelSelect2Boxes(root) {
    root.querySelectorAll("select.admin-autocomplete").forEach((select) => {
      const container = select.nextElementSibling;
      const name = fieldName(select);
      if (!name || !container || !container.classList.contains("select2")) return;
      container.querySelectorAll(".select2-selection, .select2-search__field").forEach((box) => {
        box.setAttribute("aria-label", name);
      });
      container.querySelectorAll(".select2-selection__rendered[role=textbox]").forEach((shown) => {
        shown.setAttribute("aria-label", `${name}: selected`);
      });
    });
  }

  const labelAll = () => labelSelect2Boxes(document);
  window.addEventListener("load", () => setTimeout(labelAll, 0));
  document.addEventListener("formset:added", () => setTimeout(labelAll, 0));
  document.addEventListener("select2:select", () => setTimeout(labelAll, 0));
})();
