// Maps of open-data rows: Leaflet (served from our static files) over the configured tiles.
// Points are vector circles, so they still show on the plain background when tiles cannot
// load (closed networks) or when no tile URL is configured. The page's table and summary
// are the text alternative; the map itself takes the keyboard (arrows pan, +/- zoom).
(function () {
  "use strict";
  function start(element) {
    if (!window.L) { return; }
    var center = (element.dataset.center || "37.5791,126.9368").split(",").map(Number);
    var map = L.map(element, {keyboard: true, scrollWheelZoom: false}).setView(center, 14);
    element.setAttribute("tabindex", "0");
    if (element.dataset.tiles) {
      var tiles = L.tileLayer(element.dataset.tiles, {maxZoom: 19, attribution: element.dataset.attribution || ""});
      tiles.on("tileerror", function () { element.classList.add("od-map-plain"); });
      tiles.addTo(map);
    } else {
      element.classList.add("od-map-plain");
    }
    var colour = element.dataset.colour || "#1f4e8c";
    fetch(element.dataset.points, {credentials: "same-origin"}).then(function (response) {
      if (!response.ok) { throw new Error(response.status); }
      return response.json();
    }).then(function (data) {
      var layer = L.geoJSON(data, {
        pointToLayer: function (feature, latlng) {
          var closed = feature.properties && feature.properties.closed;
          return L.circleMarker(latlng, {radius: 5, weight: 1, color: "#ffffff",
            fillColor: closed ? "#b3261e" : colour, fillOpacity: 0.85});
        },
        onEachFeature: function (feature, marker) {
          if (feature.properties && feature.properties.label) {
            marker.bindTooltip(String(feature.properties.label));
          }
        }
      }).addTo(map);
      if (data.features && data.features.length) {
        map.fitBounds(layer.getBounds(), {padding: [20, 20], maxZoom: 17});
      }
      element.setAttribute("data-loaded", String(data.features ? data.features.length : 0));
    }).catch(function () {
      element.setAttribute("data-loaded", "error");
    });
  }
  document.querySelectorAll("[data-od-map]").forEach(start);
}());
