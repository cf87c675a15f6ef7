// Small improvements over the plain pages; every page works without this file.
(function () {
  "use strict";

  // Filters apply as soon as a drop-down changes.
  document.querySelectorAll("form[data-auto-submit] select").forEach(function (select) {
    select.addEventListener("change", function () {
      select.form.requestSubmit();
    });
  });

  // The header's account switcher: a link to the account list, or a drop-down whose list loads when first opened.
  document.querySelectorAll("[data-account-switcher]").forEach(function (switcher) {
    var toggle = switcher.querySelector(".dropdown-toggle");
    var menu = switcher.querySelector(".dropdown-menu");
    if (!toggle || !menu || !window.bootstrap) {
      return;
    }

    toggle.setAttribute("data-bs-toggle", "dropdown");
    var dropdown = window.bootstrap.Dropdown.getOrCreateInstance(toggle);
    var loaded = false;
    toggle.addEventListener("click", function (event) {
      event.preventDefault();
    });
    switcher.addEventListener("show.bs.dropdown", function () {
      if (loaded) {
        return;
      }

      loaded = true;
      fetch(switcher.getAttribute("data-account-switcher"), { credentials: "same-origin", headers: { Accept: "text/html" } })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(response.status);
          }
          return response.text();
        })
        .then(function (html) {
          menu.innerHTML = html;
          dropdown.update();
        })
        .catch(function () {
          loaded = false;
          window.location.href = toggle.getAttribute("href");
        });
    });
  });

  // New schedule fields show only while "Create a new schedule…" is chosen.
  document.querySelectorAll("[data-schedule-picker]").forEach(function (picker) {
    var select = picker.querySelector("select[data-new-value]");
    var fields = picker.querySelector("[data-new-schedule]");
    if (!select || !fields) {
      return;
    }

    var sync = function () {
      fields.hidden = select.value !== select.getAttribute("data-new-value");
    };
    select.addEventListener("change", sync);
    sync();
  });
})();
