// Small improvements over the plain forms; every page works without this file.
(function () {
  "use strict";

  // Filters apply as soon as a drop-down changes.
  document.querySelectorAll("form[data-auto-submit] select").forEach(function (select) {
    select.addEventListener("change", function () {
      select.form.requestSubmit();
    });
  });
})();
