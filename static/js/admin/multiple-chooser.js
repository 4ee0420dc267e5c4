/* A many-to-many field as a list of chosen records (heritage/choosers.py MultipleChooser):
   "Add" opens the records' chooser dialog in its multiple-choice mode; each chosen record
   becomes a list item with a hidden input and a remove button. No inline script: the widget's
   chooser definition is a JSON script element that Wagtail's telepath unpacks. */
(function () {
  "use strict";

  function item(root, key, label) {
    var li = document.createElement("li");
    li.className = "multiple-chooser__item";
    li.dataset.key = key;
    var text = document.createElement("span");
    text.className = "multiple-chooser__label";
    text.textContent = label;
    var input = document.createElement("input");
    input.type = "hidden";
    input.name = root.dataset.name;
    input.value = key;
    var remove = document.createElement("button");
    remove.type = "button";
    remove.className = "button button-small button-secondary no";
    remove.dataset.remove = "";
    remove.textContent = root.dataset.removeLabel;
    remove.setAttribute("aria-label", root.dataset.removeLabel + " " + label);
    li.append(text, input, remove);
    return li;
  }

  function setUp(root) {
    if (root.dataset.ready) return;
    root.dataset.ready = "1";
    var list = root.querySelector(".multiple-chooser__chosen");
    var definition = root.querySelector("script[type='application/json']");
    var factory = window.telepath.unpack(JSON.parse(definition.textContent));
    var open = root.querySelector("[data-open]");
    root.addEventListener("click", function (event) {
      var remove = event.target.closest("[data-remove]");
      if (remove) {
        remove.closest("li").remove();
        open.focus();
        root.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });
    open.addEventListener("click", function () {
      factory.openModal(
        function (results) {
          results.forEach(function (result) {
            var key = String(result.id);
            if (!list.querySelector("li[data-key='" + CSS.escape(key) + "']")) {
              list.append(item(root, key, result.string));
            }
          });
          root.dispatchEvent(new Event("change", { bubbles: true }));
        },
        { multiple: true },
      );
    });
  }

  function setUpAll() {
    document.querySelectorAll("[data-multiple-chooser]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();
