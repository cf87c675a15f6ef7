// Small improvements over the plain pages; every page works without this file.
(function () {
  "use strict";

  // Copy buttons (hidden without script, where the text can still be selected): copy, then say so for a moment.
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var source = document.querySelector(button.getAttribute("data-copy"));
    var label = button.querySelector("[data-copy-label]");
    if (!source || !label || !navigator.clipboard) {
      return;
    }

    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.textContent.trim()).then(function () {
        label.textContent = "Copied";
        setTimeout(function () { label.textContent = "Copy"; }, 2000);
      });
    });
  });

  // The navigation starts closed on a narrow screen (a "Menu" tap opens it) and always open on a wide one. Without
  // script it is simply open.
  var sideNav = document.querySelector("details[data-side-nav]");
  if (sideNav) {
    var wide = window.matchMedia("(min-width: 992px)");
    var fit = function () { sideNav.open = wide.matches; };
    fit();
    wide.addEventListener("change", fit);
  }

  // Times come in UTC; each is shown in the viewer's own time zone, with the UTC time on hover (its title).
  var timeFormats = {
    minutes: { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short" },
    seconds: { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23", timeZoneName: "short" },
    time: { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short" },
  };
  document.querySelectorAll("time[data-local]").forEach(function (time) {
    var at = new Date(time.getAttribute("datetime"));
    var format = timeFormats[time.getAttribute("data-local")];
    if (isNaN(at.getTime()) || !format || !window.Intl) {
      return;
    }
    time.textContent = new Intl.DateTimeFormat("en-GB", format).format(at);
  });

  // A schedule's hours are kept in its own time zone; someone elsewhere also sees this week's hours in theirs.
  var week = document.querySelector("[data-week][data-zone]");
  if (week && window.Intl) {
    var describe = function (zone) {
      var day = new Intl.DateTimeFormat("en-GB", { weekday: "short", timeZone: zone });
      var clock = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: zone });
      var days = [];
      week.getAttribute("data-week").split(" ").forEach(function (pair) {
        var ends = pair.split("/");
        var start = new Date(ends[0]);
        var end = new Date(ends[1]);
        var startDay = day.format(start);
        var endDay = day.format(new Date(end.getTime() - 1));
        var until = clock.format(end);
        var text = clock.format(start) + "–" + (endDay === startDay ? (until === "00:00" ? "24:00" : until) : endDay + " " + until);
        var last = days[days.length - 1];
        if (last && last.day === startDay) {
          last.ranges.push(text);
        } else {
          days.push({ day: startDay, ranges: [text] });
        }
      });
      return days.map(function (d) { return d.day + " " + d.ranges.join(", "); }).join(" · ");
    };
    try {
      var viewerZone = new Intl.DateTimeFormat().resolvedOptions().timeZone;
      var theirs = describe(viewerZone);
      if (theirs !== describe(week.getAttribute("data-zone"))) {
        week.textContent = "In your time zone (" + viewerZone + "), this week: " + theirs;
        week.hidden = false;
      }
    } catch (e) {
      // A zone this browser doesn't know: the schedule's own hours stay the only ones shown.
    }
  }

  // A refused form: the summary of its errors at the top takes the focus, so a screen reader reads it first.
  // Its messages are listed in the order of their fields on the page (the server knows only the order of the names).
  var errorSummary = document.querySelector("[data-error-summary]");
  if (errorSummary) {
    var list = errorSummary.querySelector("ul");
    var fieldOf = function (item) {
      return document.getElementById(item.querySelector("a").getAttribute("href").slice(1));
    };
    Array.prototype.slice.call(list.children)
      .map(function (item, index) { return { item: item, field: fieldOf(item), index: index }; })
      .sort(function (a, b) {
        if (a.field && b.field && a.field !== b.field) {
          return a.field.compareDocumentPosition(b.field) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
        }
        return a.field ? (b.field ? a.index - b.index : -1) : (b.field ? 1 : a.index - b.index);
      })
      .forEach(function (entry) { list.appendChild(entry.item); });
    errorSummary.focus();
  }

  // Filters apply as soon as a drop-down changes; chosen with the arrow keys, once the choice is made (Enter, or
  // leaving the drop-down), not at every key. The drop-down has the focus again on the page that answers.
  var refocus = sessionStorage.getItem("aa-refocus");
  if (refocus) {
    sessionStorage.removeItem("aa-refocus");
    var again = document.getElementById(refocus);
    if (again && !errorSummary) {
      again.focus();
    }
  }
  document.querySelectorAll("form[data-auto-submit] select").forEach(function (select) {
    var byKeyboard = false;
    var pending = false;
    var submit = function () {
      pending = false;
      if (select.id) {
        sessionStorage.setItem("aa-refocus", select.id);
      }
      select.form.requestSubmit();
    };
    select.addEventListener("keydown", function (event) {
      byKeyboard = true;
      if (event.key === "Enter" && pending) {
        event.preventDefault();
        submit();
      }
    });
    select.addEventListener("pointerdown", function () { byKeyboard = false; });
    select.addEventListener("change", function () {
      if (byKeyboard) {
        pending = true;
      } else {
        submit();
      }
    });
    select.addEventListener("blur", function () {
      if (pending) {
        submit();
      }
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
  // Passkeys (WebAuthn): the server's challenge, then the browser makes a passkey ("create") or signs with one
  // ("request"), then the form posts what it got. Without a browser that can, the button stays disabled and says why.
  document.querySelectorAll("form[data-passkey]").forEach(function (form) {
    var start = form.querySelector("[data-passkey-start]");
    var unsupported = form.querySelector("[data-passkey-unsupported]");
    var credentialField = form.querySelector("[data-passkey-credential]");
    var errorField = form.querySelector("[data-passkey-error]");
    if (!start || !window.PublicKeyCredential || !PublicKeyCredential.parseCreationOptionsFromJSON
      || !PublicKeyCredential.prototype.toJSON || !navigator.credentials) {
      return;
    }

    start.disabled = false;
    // Back to a page the browser kept: the button works again.
    window.addEventListener("pageshow", function () { start.disabled = false; });
    if (unsupported) {
      unsupported.hidden = true;
    }

    var creating = form.getAttribute("data-passkey") === "create";
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (creating && !form.reportValidity()) {
        return;
      }

      start.disabled = true;
      credentialField.value = "";
      errorField.value = "";
      fetch(form.getAttribute("data-passkey-options"), { method: "POST", body: new FormData(form), credentials: "same-origin" })
        .then(function (response) {
          if (response.status === 409) {
            // The sign-in is too old for this change: confirm it's you first, then come back.
            window.location.assign("/profile/confirm?returnUrl=" + encodeURIComponent(window.location.pathname));
            throw { name: "Redirected" };
          }
          if (!response.ok) {
            throw new Error("The server gave no challenge.");
          }
          return response.json();
        })
        .then(function (options) {
          return creating
            ? navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) })
            : navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) });
        })
        .then(function (credential) {
          credentialField.value = JSON.stringify(credential);
        })
        .catch(function (error) {
          if (error && error.name === "Redirected") {
            return Promise.reject(error);
          }
          errorField.value = error && (error.name === "NotAllowedError" || error.name === "AbortError") ? "cancelled" : "failed";
        })
        .then(function () {
          // submit() skips this listener: the post goes straight to the server.
          form.submit();
        }, function () { });
    });
  });

  // Lists filtered and paged on the server (the division pickers, +Add Role's accounts): a button whose formaction is the
  // form's data-swap-action, or typing in a data-swap-filter field, posts the form to that handler in the background,
  // and the parts of the answer marked data-swap-part replace this page's, so the filter keeps what is being typed and
  // the focus stays where it was. Requests go one at a time, in order (an answer holds the state the next request
  // sends); a filter still waiting is dropped for a newer one. Without script the same buttons post and the whole page
  // comes back.
  document.querySelectorAll("form[data-swap-action]").forEach(function (form) {
    document.documentElement.classList.add("aa-js");
    var action = form.getAttribute("data-swap-action");
    var queue = Promise.resolve();
    var filterGeneration = 0;

    var swap = function (html) {
      var answer = new DOMParser().parseFromString(html, "text/html").getElementById(form.id);
      if (!answer) {
        return false;
      }
      var focused = document.activeElement;
      var focusedPart = focused && focused.closest("[data-swap-part]");
      answer.querySelectorAll("[data-swap-part]").forEach(function (part) {
        var mine = form.querySelector("[data-swap-part='" + part.getAttribute("data-swap-part") + "']");
        if (mine) {
          mine.replaceWith(document.importNode(part, true));
        }
      });
      // What changed, said once through the form's live region (replaced parts are new nodes, which are not announced).
      var live = form.querySelector("[data-swap-live]");
      if (live) {
        live.textContent = Array.prototype.map.call(form.querySelectorAll("[data-swap-say]"), function (said) {
          return said.textContent.trim();
        }).filter(function (text) { return text.length > 0; }).join(" ");
      }
      // Focus that was in a replaced part goes to its new copy, or to the first control of the part.
      if (focusedPart && !document.contains(focused)) {
        var part = form.querySelector("[data-swap-part='" + focusedPart.getAttribute("data-swap-part") + "']");
        var again = (focused.id && document.getElementById(focused.id))
          || (part && part.querySelector("select, input, button"));
        if (again) {
          again.focus();
        }
      }
      return true;
    };

    var send = function (extra, isFilter) {
      var generation = isFilter ? ++filterGeneration : filterGeneration;
      queue = queue.then(function () {
        if (isFilter && generation !== filterGeneration) {
          return null;
        }
        var data = new FormData(form);
        Object.keys(extra).forEach(function (name) {
          data.set(name, extra[name]);
        });
        form.setAttribute("aria-busy", "true");
        return fetch(action, { method: "POST", body: data, credentials: "same-origin" })
          .then(function (response) {
            return response.ok ? response.text() : Promise.reject(new Error(String(response.status)));
          })
          .then(function (html) {
            if (!swap(html)) {
              return Promise.reject(new Error("no form in the answer"));
            }
          })
          .catch(function () {
            // Whatever went wrong (a new sign-in, a refusal), the page itself says it: post the old way.
            Object.keys(extra).forEach(function (name) {
              var field = document.createElement("input");
              field.type = "hidden";
              field.name = name;
              field.value = extra[name];
              form.appendChild(field);
            });
            form.action = action;
            HTMLFormElement.prototype.submit.call(form);
          })
          .finally(function () {
            form.removeAttribute("aria-busy");
          });
      });
    };

    form.addEventListener("submit", function (event) {
      var submitter = event.submitter;
      if (!submitter || submitter.getAttribute("formaction") !== action) {
        return;
      }
      event.preventDefault();
      var extra = {};
      if (submitter.name) {
        extra[submitter.name] = submitter.value;
      }
      send(extra, false);
    });

    form.querySelectorAll("[data-swap-filter]").forEach(function (filter) {
      var timer;
      var extra = {};
      var pair = filter.getAttribute("data-swap-filter");
      if (pair) {
        extra[pair.slice(0, pair.indexOf("="))] = pair.slice(pair.indexOf("=") + 1);
      }
      filter.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(function () { send(extra, true); }, 200);
      });
      filter.addEventListener("keydown", function (event) {
        if (event.key === "Enter") {
          event.preventDefault();
          clearTimeout(timer);
          send(extra, true);
        }
      });
    });

    // A two-list picker: a double-click moves that one option across.
    form.addEventListener("dblclick", function (event) {
      var option = event.target && event.target.closest("option");
      var list = option && option.closest("[data-picker-list]");
      if (!list) {
        return;
      }
      Array.prototype.forEach.call(list.options, function (other) {
        other.selected = other === option;
      });
      send({ "Pick.Move": list.getAttribute("data-picker-list") === "left" ? "add" : "remove" }, false);
    });
  });
  // Row menus ("More actions", a details element that works without script): one open at a time, its first item
  // focused, arrow keys move between items, Escape or a click elsewhere closes it. Placed over the page, so a table
  // that scrolls sideways does not clip it.
  var menus = Array.prototype.slice.call(document.querySelectorAll("details[data-menu]"));
  var placeMenu = function (menu) {
    var items = menu.querySelector(".aa-menu-items");
    var box = menu.querySelector("summary").getBoundingClientRect();
    var width = document.documentElement.clientWidth;
    items.style.position = "fixed";
    items.style.right = "auto";
    // Under the button, its right edge on the button's; moved in when that would leave the screen.
    var left = Math.min(Math.max(8, box.right - items.offsetWidth), width - items.offsetWidth - 8);
    items.style.left = Math.max(8, left) + "px";
    var top = box.bottom + 4;
    if (top + items.offsetHeight > window.innerHeight && box.top - items.offsetHeight - 4 > 0) {
      top = box.top - items.offsetHeight - 4;
    }
    items.style.top = top + "px";
  };
  menus.forEach(function (menu) {
    var summary = menu.querySelector("summary");
    var itemsOf = function () { return Array.prototype.slice.call(menu.querySelectorAll(".aa-menu-item")); };
    menu.addEventListener("toggle", function () {
      if (!menu.open) {
        return;
      }
      menus.forEach(function (other) {
        if (other !== menu) {
          other.open = false;
        }
      });
      placeMenu(menu);
      var first = itemsOf()[0];
      if (first && (document.activeElement === summary || document.activeElement === document.body)) {
        first.focus({ preventScroll: true });
      }
    });
    menu.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.open) {
        event.preventDefault();
        menu.open = false;
        summary.focus();
      } else if ((event.key === "ArrowDown" || event.key === "ArrowUp") && menu.open) {
        event.preventDefault();
        var items = itemsOf();
        var at = items.indexOf(document.activeElement);
        var next = event.key === "ArrowDown" ? (at + 1) % items.length : (at - 1 + items.length) % items.length;
        items[next].focus();
      }
    });
    menu.addEventListener("focusout", function (event) {
      if (menu.open && event.relatedTarget && !menu.contains(event.relatedTarget)) {
        menu.open = false;
      }
    });
  });
  if (menus.length > 0) {
    document.addEventListener("click", function (event) {
      menus.forEach(function (menu) {
        if (menu.open && !menu.contains(event.target)) {
          menu.open = false;
        }
      });
    });
    var replace = function () {
      menus.forEach(function (menu) {
        if (menu.open) {
          placeMenu(menu);
        }
      });
    };
    window.addEventListener("scroll", replace, true);
    window.addEventListener("resize", replace);
  }

  // Forms that keep their own unsaved work (the user page's panels): leaving the page, or saving another panel, while one
  // holds changes asks first, so nothing typed is dropped without a word.
  var guarded = Array.prototype.slice.call(document.querySelectorAll("form[data-unsaved]"));
  if (guarded.length > 0) {
    // A filter's text is a way of looking, not a change.
    var state = function (form) {
      var pairs = [];
      var filters = Array.prototype.map.call(form.querySelectorAll("[data-swap-filter]"), function (filter) { return filter.name; });
      new FormData(form).forEach(function (value, name) {
        if (name !== "__RequestVerificationToken" && filters.indexOf(name) < 0) {
          pairs.push(name + "=" + (typeof value === "string" ? value : value.name));
        }
      });
      return pairs.join("&");
    };
    var saved = new Map();
    guarded.forEach(function (form) { saved.set(form, state(form)); });
    var changed = function (except) {
      return guarded.filter(function (form) { return form !== except && state(form) !== saved.get(form); });
    };
    var leaving = null;
    window.addEventListener("beforeunload", function (event) {
      if (changed(leaving).length > 0) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
    guarded.forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (event.defaultPrevented) {
          return;
        }
        var others = changed(form);
        var warning = form.querySelector("[data-unsaved-warning]");
        if (others.length === 0 || form.hasAttribute("data-unsaved-confirmed") || !warning) {
          leaving = form;
          return;
        }

        event.preventDefault();
        var names = others.map(function (other) { return other.getAttribute("data-unsaved"); });
        warning.querySelector("[data-unsaved-names]").textContent = names.join(" and ");
        warning.hidden = false;
        warning.focus();
        warning.querySelector("[data-unsaved-back]").onclick = function () {
          warning.hidden = true;
          var field = Array.prototype.slice.call(others[0].elements).filter(function (element) {
            return element.name && element.type !== "hidden";
          })[0];
          (field || others[0]).focus();
        };
        warning.querySelector("[data-unsaved-discard]").onclick = function () {
          form.setAttribute("data-unsaved-confirmed", "");
          leaving = null;
          others.forEach(function (other) { saved.set(other, state(other)); });
          form.requestSubmit(event.submitter || undefined);
        };
      });
    });
  }

  // Manage Users' bulk actions: tick every row of the page at once, a count of the ticked rows, and the new role
  // asked only for a change of role.
  var bulkForm = document.getElementById("user-actions");
  var bulkAction = document.getElementById("bulk-action");
  if (bulkForm && bulkAction) {
    var ticks = Array.prototype.slice.call(bulkForm.querySelectorAll("input[name=userIds]"));
    var tickAlls = Array.prototype.slice.call(bulkForm.querySelectorAll("[data-select-all]"));
    var bulkCount = document.getElementById("bulk-count");
    var everyone = document.getElementById("bulk-all");
    var roleField = bulkForm.querySelector("[data-bulk-role]");
    var counted = function () {
      var n = ticks.filter(function (tick) { return tick.checked; }).length;
      bulkCount.hidden = false;
      bulkCount.textContent = everyone && everyone.checked ? ", all chosen" : ", " + n + " ticked";
      tickAlls.forEach(function (tickAll) {
        tickAll.checked = n === ticks.length;
        tickAll.indeterminate = n > 0 && n < ticks.length;
      });
    };
    bulkForm.querySelectorAll("[data-select-all-label]").forEach(function (label) { label.hidden = false; });
    tickAlls.forEach(function (tickAll) {
      tickAll.hidden = false;
      tickAll.addEventListener("change", function () {
        ticks.forEach(function (tick) { tick.checked = tickAll.checked; });
        counted();
      });
    });
    ticks.forEach(function (tick) { tick.addEventListener("change", counted); });
    if (everyone) {
      everyone.addEventListener("change", counted);
    }
    var showRole = function () { roleField.hidden = bulkAction.value !== "ChangeRole"; };
    bulkAction.addEventListener("change", showRole);
    showRole();
    counted();
  }
})();
