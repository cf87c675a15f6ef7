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

  // A file over the upload limit is refused before it is sent, with the server's own words.
  document.querySelectorAll("input[type=file][data-max-bytes]").forEach(function (input) {
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      var limit = Number(input.getAttribute("data-max-bytes"));
      var tooLarge = !!file && file.size > limit;
      input.setCustomValidity(tooLarge
        ? "The file is " + (file.size / 1048576).toFixed(1) + " MB; the limit is " + Math.round(limit / 1048576) + " MB. Split it into smaller files."
        : "");
      input.classList.toggle("is-invalid", tooLarge);
      if (tooLarge) {
        input.reportValidity();
      }
    });
  });

  // While Bulk Add applies a batch, show how far it has got; without JavaScript the browser simply waits.
  document.querySelectorAll("form[data-progress-url]").forEach(function (form) {
    var panel = form.querySelector("#bulk-progress");
    var bar = panel && panel.querySelector("progress");
    var text = panel && panel.querySelector("[data-progress-text]");
    if (!panel || !bar || !text) {
      return;
    }

    form.addEventListener("submit", function (event) {
      if (!event.submitter || !event.submitter.hasAttribute("data-bulk-apply")) {
        return;
      }

      panel.hidden = false;
      form.querySelectorAll("button[type=submit]").forEach(function (button) {
        // Disabled after this submit has taken the button's value.
        setTimeout(function () { button.disabled = true; }, 0);
      });
      var poll = function () {
        fetch(form.getAttribute("data-progress-url"), { credentials: "same-origin", headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : null; })
          .then(function (progress) {
            if (progress && progress.total > 0) {
              bar.max = progress.total;
              bar.value = progress.done;
              text.textContent = progress.saving
                ? "Saving the users…"
                : "Preparing the users… " + progress.done.toLocaleString() + " of " + (progress.total / 2).toLocaleString() + " lines";
            }
          })
          .catch(function () { })
          .finally(function () { setTimeout(poll, 500); });
      };
      setTimeout(poll, 300);
    });
  });
})();
