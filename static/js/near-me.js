// "Use my location": asks the browser where the reader is, puts the coordinates in the form's
// hidden lat/lng fields and submits it (nearest first). Without JavaScript or without
// permission, the postal code / city box does the same job; nothing is sent anywhere else.
(function () {
  "use strict";
  var button = document.querySelector("[data-near-me]");
  if (!button || !navigator.geolocation) { return; }
  var form = button.form;
  var message = document.querySelector("[data-near-me-error]"); // beside the button, maybe outside the form
  button.hidden = false;

  button.addEventListener("click", function () {
    button.disabled = true;
    navigator.geolocation.getCurrentPosition(
      function (position) {
        form.elements.lat.value = position.coords.latitude.toFixed(4);
        form.elements.lng.value = position.coords.longitude.toFixed(4);
        form.elements.near.value = "";
        if (form.elements.sort && !form.elements.sort.value) { form.elements.sort.value = "nearest"; }
        form.submit();
      },
      function () {
        button.disabled = false;
        message.textContent = button.dataset.error;
        message.hidden = false;
      },
      { enableHighAccuracy: false, timeout: 10000, maximumAge: 600000 }
    );
  });

  // Typing a place replaces a location found before.
  form.elements.near.addEventListener("input", function () {
    form.elements.lat.value = "";
    form.elements.lng.value = "";
  });
}());
