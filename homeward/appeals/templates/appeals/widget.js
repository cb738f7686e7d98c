{% autoescape off %}/* Homeward 404 widget: puts one missing-child appeal in an iframe. No cookie, no tracking. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) { return; }
  var key = script.getAttribute("data-key") || "";
  var country = script.getAttribute("data-country") || "";
  var src = "{{ frame|escapejs }}?key=" + encodeURIComponent(key);
  if (country) { src += "&country=" + encodeURIComponent(country); }
  var frame = document.createElement("iframe");
  frame.src = src;
  frame.title = script.getAttribute("data-title") || "Missing child";
  frame.width = "100%";
  frame.height = "190";
  frame.loading = "lazy";
  frame.referrerPolicy = "no-referrer";
  frame.style.border = "0";
  frame.style.maxWidth = "480px";
  script.parentNode.insertBefore(frame, script.nextSibling);
})();
{% endautoescape %}
