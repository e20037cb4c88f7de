/*
 * Part of the wagtail-localize #676 workaround (cms/workflows/wagtail_localize_676.py).
 *
 * wagtail-localize's React editor draws its footer from a fixed list of actions
 * and makes the last one the main button; "Save draft and submit for translation
 * review" (ours) is not in that list. This script puts our button into that
 * footer once React has drawn it: as the main button for people who may not
 * publish, as the first item of the "more actions" menu for those who may.
 *
 * It never moves or removes a node React owns (React would then fail on its next
 * update): the former main button is hidden and a copy of it goes into the menu.
 * Without JavaScript the form below the editor still works.
 */
(function () {
  "use strict";

  const form = document.querySelector("form[data-casebook-submit-translation-form]");
  const editor = document.querySelector(".js-translation-editor");
  if (!form || !editor) {
    return;
  }
  const button = form.querySelector("[data-casebook-submit-translation]");
  const asPrimary = form.dataset.primary === "true";

  function place() {
    const group = editor.querySelector("footer .w-dropdown-button");
    const menu = group && group.querySelector("[data-w-dropdown-target=content]");
    if (!group || !menu) {
      return false;
    }
    button.setAttribute("form", form.id);
    if (asPrimary) {
      const former = group.firstElementChild;
      const copy = former.cloneNode(true);
      copy.removeAttribute("id");
      copy.classList.add("action-secondary");
      menu.prepend(copy);
      former.hidden = true;
      group.insertBefore(button, former);
    } else {
      button.classList.add("action-secondary");
      menu.prepend(button);
    }
    // The form stays in the document (the moved button submits it), unseen.
    button.title = form.querySelector("[data-casebook-submit-help]").textContent.trim();
    form.hidden = true;
    return true;
  }

  if (!place()) {
    const observer = new MutationObserver(function () {
      if (place()) {
        observer.disconnect();
      }
    });
    observer.observe(editor, { childList: true, subtree: true });
  }
})();
