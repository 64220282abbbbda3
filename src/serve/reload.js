// mokuteki serve: reloads this page when its source changes, keeping the scroll position.
// Injected into served pages only; never part of a built output.
(function () {
  "use strict";
  var version = __VERSION__;
  var key = "mokuteki-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(key);
  if (saved) {
    sessionStorage.removeItem(key);
    var place = saved.split(",");
    var restore = function () { window.scrollTo(Number(place[0]), Number(place[1])); };
    if (document.readyState === "complete") restore(); else window.addEventListener("load", restore);
  }
  function wait() {
    fetch("/_mokuteki/changes?since=" + version, { cache: "no-store" })
      .then(function (response) { return response.text(); })
      .then(function (text) {
        if (Number(text) !== version) {
          sessionStorage.setItem(key, window.scrollX + "," + window.scrollY);
          location.reload();
        } else {
          wait();
        }
      }, function () { setTimeout(wait, 1000); });
  }
  wait();
})();
