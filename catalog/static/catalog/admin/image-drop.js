// Turns each <input type="file" multiple data-image-drop> into a drop zone: images dropped on it (or chosen) are
// listed with a thumbnail in the order they will join the gallery when the form is saved. Without this script the
// plain file input still takes several files.
"use strict";

(() => {
  const describe = (files) => (files.length === 1 ? "1 image" : `${files.length} images`);

  function showChosen(input, list, status) {
    list.replaceChildren();
    for (const file of input.files) {
      const item = document.createElement("li");
      const thumb = document.createElement("img");
      thumb.alt = "";
      thumb.width = thumb.height = 48;
      const reader = new FileReader();
      reader.addEventListener("load", () => { thumb.src = reader.result; });
      reader.readAsDataURL(file); // data: URLs (the CSP allows them for images; blob: is not allowed)
      const name = document.createElement("span");
      name.textContent = file.name;
      item.append(thumb, name);
      list.append(item);
    }
    status.textContent = input.files.length ? `${describe(input.files)} will be added when you save.` : "";
  }

  function enhance(input) {
    const zone = document.createElement("div");
    zone.className = "image-drop";
    const hint = document.createElement("p");
    hint.className = "image-drop-hint";
    hint.textContent = "Drop images here, or choose files:";
    const list = document.createElement("ol");
    list.className = "image-drop-list";
    const status = document.createElement("p");
    status.className = "image-drop-status";
    status.setAttribute("role", "status");
    input.replaceWith(zone);
    zone.append(hint, input, list, status);

    input.addEventListener("change", () => showChosen(input, list, status));
    zone.addEventListener("dragover", (event) => {
      event.preventDefault();
      zone.classList.add("is-over");
    });
    zone.addEventListener("dragleave", () => zone.classList.remove("is-over"));
    zone.addEventListener("drop", (event) => {
      event.preventDefault();
      zone.classList.remove("is-over");
      const chosen = new DataTransfer();
      for (const file of [...input.files, ...event.dataTransfer.files]) {
        if (file.type.startsWith("image/")) chosen.items.add(file);
      }
      input.files = chosen.files;
      showChosen(input, list, status);
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("input[type=file][data-image-drop]").forEach(enhance);
  });
})();
