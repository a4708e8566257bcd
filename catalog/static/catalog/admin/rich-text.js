// The product description's Trix editor: text and links only. Files dropped or pasted into it are refused (images
// go to the gallery, through the media library), so no attachment markup reaches the sanitiser.
"use strict";
document.addEventListener("trix-file-accept", (event) => event.preventDefault());
