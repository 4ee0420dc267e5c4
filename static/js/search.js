// Autocomplete for the catalog search box: fills the input's <datalist> with titles and
// catalog numbers of public pieces as the reader types. Without JavaScript the form works as is.
(function () {
  "use strict";
  var input = document.querySelector("input[data-suggest-url]");
  if (!input || !window.fetch) { return; }
  var list = document.getElementById(input.getAttribute("list"));
  var timer = null;
  var latest = 0;

  function fill(items) {
    while (list.firstChild) { list.removeChild(list.firstChild); }
    items.forEach(function (item) {
      var option = document.createElement("option");
      option.value = item.title;
      option.label = item.catalog_number;
      list.appendChild(option);
    });
  }

  input.addEventListener("input", function () {
    var text = input.value.trim();
    window.clearTimeout(timer);
    if (text.length < 2) { fill([]); return; }
    timer = window.setTimeout(function () {
      var asked = ++latest;
      var url = input.dataset.suggestUrl + "?lang=" + encodeURIComponent(input.dataset.lang) +
        "&q=" + encodeURIComponent(text);
      fetch(url, { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (items) { if (asked === latest) { fill(items); } })
        .catch(function () { /* suggestions are a convenience; the search still works */ });
    }, 200);
  });
}());
