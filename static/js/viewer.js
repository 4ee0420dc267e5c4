// The piece page's deep-zoom viewer: OpenSeadragon (static/vendor/openseadragon, from npm) over
// our IIIF Image API (info.json, then tiles). Without JavaScript the page shows the plain images;
// with it, each element marked data-deep-zoom becomes a viewer of the images it lists.
(function () {
  "use strict";

  function start(element) {
    var sources = (element.getAttribute("data-tile-sources") || "").split(" ").filter(Boolean);
    if (!sources.length || typeof window.OpenSeadragon !== "function") {
      return;
    }
    element.hidden = false;
    window.OpenSeadragon({
      element: element,
      prefixUrl: element.getAttribute("data-prefix-url"),
      tileSources: sources,
      sequenceMode: sources.length > 1,
      showNavigator: false,
      showRotationControl: false,
      gestureSettingsMouse: { scrollToZoom: false },
      visibilityRatio: 1,
    });
  }

  // OpenSeadragon adds an inline <style> of its own (a focus rule for touch screens, now in
  // site.css) unless the page has an element matching style[data-openseadragon-mobile-css], and
  // the CSP refuses inline styles (even an empty one). The marker put in first is a "style" of
  // another XML namespace: the selector matches it, the browser does not treat it as CSS.
  if (!document.querySelector("style[data-openseadragon-mobile-css]")) {
    var marker = document.createElementNS("urn:x-retorno:marker", "style");
    marker.setAttribute("data-openseadragon-mobile-css", "true");
    document.head.appendChild(marker);
  }
  Array.prototype.forEach.call(document.querySelectorAll("[data-deep-zoom]"), start);
})();
