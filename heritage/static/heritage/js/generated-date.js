// The piece editor's date text inputs show, as their placeholder, what that language's readers
// read while the input is empty: the text typed for another language along its fallback chain,
// else the text generated from the years, their eras and the qualifier. This keeps the
// placeholders current while any of those change; the texts come from the server, which words
// dates in one place (heritage.dates.date_text).
(function () {
  "use strict";

  function start() {
    var inputs = document.querySelectorAll("input[data-generated-date]");
    if (!inputs.length || !inputs[0].form || !window.fetch) {
      return;
    }
    var form = inputs[0].form;
    var url = inputs[0].getAttribute("data-generated-date-url");
    var watched = ["date_qualifier", "date_start_0", "date_start_1", "date_end_0", "date_end_1"];
    inputs.forEach(function (input) {
      watched.push(input.name);
    });
    var timer = null;
    var asked = 0;

    function value(name) {
      var field = form.elements[name];
      return field ? field.value.trim() : "";
    }

    // A year and its era as the signed year the server reads; "" unless the year is digits.
    function signedYear(name) {
      var year = value(name + "_0");
      if (!/^\d+$/.test(year)) {
        return "";
      }
      return value(name + "_1") === "bce" ? "-" + year : year;
    }

    function refresh() {
      var query = new URLSearchParams({
        start: signedYear("date_start"),
        end: signedYear("date_end"),
        qualifier: value("date_qualifier"),
      });
      inputs.forEach(function (input) {
        query.set("display_" + input.getAttribute("data-generated-date"), input.value.trim());
      });
      var ask = ++asked;
      fetch(url + "?" + query.toString(), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (response) {
          return response.ok ? response.json() : null;
        })
        .then(function (texts) {
          if (!texts || ask !== asked) {
            return; // an answer to an older question
          }
          inputs.forEach(function (input) {
            input.placeholder = texts[input.getAttribute("data-generated-date")] || "";
          });
        })
        .catch(function () {});
    }

    function changed(event) {
      if (watched.indexOf(event.target.name) === -1) {
        return;
      }
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, 250);
    }

    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
  }

  // Widget media may load in the page's head, before the form exists.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
