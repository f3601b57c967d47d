/* The report workflow (webapp/workflow). Progressive enhancement only: without this file every
   page reads, and saves through its plain form.
   - Autosave: a changed section is saved every N seconds (data-autosave) and when a field loses
     focus, as a new version, and "Saved at …" says when. When someone else saved the section
     in between (409), both texts are shown side by side and autosave stops: nothing is
     overwritten, the other text stays the section's text and ours is kept as a version.
   - Look-up as you type: fields with data-lookup suggest provisions, national provisions, case
     numbers and ECLIs (a <datalist>, so the keyboard works as usual).
   - "Add another …" adds a blank row; an upload larger than the limit is refused at once.
   Report text is only ever put into the page as text (textContent), never as HTML. */
(function () {
  "use strict";

  function token(form) {
    var field = form.querySelector('input[name="csrf_token"]');
    return field ? field.value : "";
  }

  function clock(stamp) {
    var moment = new Date(stamp);
    return isNaN(moment) ? stamp : moment.toLocaleTimeString();
  }

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text) { node.textContent = text; }
    if (className) { node.className = className; }
    return node;
  }

  function showConflict(form, answer, onKeepMine) {
    var panel = document.getElementById("wf-live-conflict");
    if (!panel) { return; }
    panel.textContent = "";
    panel.appendChild(element("h2", "Someone else changed this section"));
    var message = element("p", answer.message || "");
    message.setAttribute("role", "alert");
    panel.appendChild(message);
    var columns = element("div", "", "wf-columns");
    [["Their text (" + (answer.author || "another person") + "), the section's text now", answer.theirs, "wf-theirs"],
     ["Your text (kept as version " + answer.version + ")", answer.mine, "wf-mine"]].forEach(function (part) {
      var column = element("div");
      column.appendChild(element("h3", part[0]));
      column.appendChild(element("pre", part[1] || "", "wf-text " + part[2]));
      columns.appendChild(column);
    });
    panel.appendChild(columns);
    var keep = element("button", "Save my text (the form below) over theirs");
    keep.type = "button";
    keep.addEventListener("click", onKeepMine);
    var reload = element("a", "Keep theirs: reload the section");
    reload.href = window.location.pathname;
    var actions = element("p");
    actions.appendChild(keep);
    actions.appendChild(document.createTextNode(" "));
    actions.appendChild(reload);
    panel.appendChild(actions);
    panel.hidden = false;
    panel.scrollIntoView({block: "start"});
  }

  function autosave(form) {
    var seconds = parseInt(form.getAttribute("data-autosave") || "0", 10);
    var status = document.getElementById("save-status");
    var base = form.querySelector('input[name="base"]');
    if (!seconds || !status || !base) { return; }
    // the attribute: the form's .action property is its buttons named "action"
    var target = form.getAttribute("action");
    var dirty = false, saving = false, stopped = false, changes = 0;

    function say(text, kind) {
      status.textContent = text;
      status.className = "wf-save-status" + (kind ? " " + kind : "");
    }
    function changed() {
      if (stopped) { return; }
      dirty = true;
      changes += 1;
      say("Changes not saved yet.", "wf-unsaved");
    }
    function payload() {
      var data = new FormData(form);
      data.set("autosave", "1");
      return data;
    }
    function save() {
      if (!dirty || saving || stopped) { return; }
      saving = true;
      var sent = changes;
      fetch(target, {
        method: "POST", body: payload(), credentials: "same-origin",
        headers: {"Accept": "application/json", "X-CSRF-Token": token(form)}
      }).then(function (response) {
        return response.json().then(function (body) { return {code: response.status, body: body}; },
                                     function () { return {code: response.status, body: {}}; });
      }).then(function (answer) {
        saving = false;
        var body = answer.body;
        if (answer.code === 200 && body.status === "merged") {
          stopped = true;
          dirty = false;
          say("Saved at " + clock(body.saved_at) + ", combined with " + body.author +
              "'s changes to other parts of this section (version " + body.head +
              "). Reload the page to see them before you go on; autosave is paused.", "wf-unsaved");
        } else if (answer.code === 200) {
          base.value = body.head;
          if (changes === sent) { dirty = false; }
          say("Saved at " + clock(body.saved_at) + " (version " + body.head + ").");
        } else if (answer.code === 409) {
          stopped = true;
          dirty = false;
          say("Not saved over the other text: both texts are kept, see above.", "wf-failed");
          showConflict(form, body, function () {
            base.value = body.head;
            form.requestSubmit ? form.requestSubmit() : form.submit();
          });
        } else {
          say("Could not save (" + (body.detail || answer.code) + "). Your text is still here: " +
              "use the Save button.", "wf-failed");
        }
      }).catch(function () {
        saving = false;
        say("The server did not answer. Your text is still here and is saved when it answers.",
            "wf-failed");
      });
    }

    say("Your changes are saved by themselves every " + seconds + " seconds and when you leave a field.");
    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    form.addEventListener("focusout", function () { window.setTimeout(save, 0); });
    form.addEventListener("submit", function () { stopped = true; });
    window.setInterval(save, seconds * 1000);
    window.addEventListener("pagehide", function () {
      if (dirty && !stopped && navigator.sendBeacon) { navigator.sendBeacon(target, payload()); }
    });
  }

  function lookups(form) {
    var url = form.getAttribute("data-lookup-url");
    var country = form.getAttribute("data-country") || "";
    if (!url) { return; }
    function suggest(input, kind) {
      var value = input.value, cut = value.lastIndexOf(";"), prefix = "", term = value.trim();
      if (kind === "provision" || kind === "national") {
        prefix = cut >= 0 ? value.slice(0, cut + 1) + " " : "";
        term = value.slice(cut + 1).trim();
      }
      var list = document.getElementById(input.getAttribute("list"));
      if (!list || term.length < 2) { return; }
      var query = "?kind=" + encodeURIComponent(kind) + "&country=" + encodeURIComponent(country) +
                  "&q=" + encodeURIComponent(term);
      fetch(url + query, {headers: {"Accept": "application/json"}, credentials: "same-origin"})
        .then(function (response) { return response.ok ? response.json() : {results: []}; })
        .then(function (answer) {
          list.textContent = "";
          (answer.results || []).forEach(function (found) {
            var option = document.createElement("option");
            option.value = prefix + found.value;
            option.label = found.label + (found.detail ? " – " + found.detail : "");
            list.appendChild(option);
          });
        })
        .catch(function () { /* suggestions are a convenience; typing goes on */ });
    }
    form.addEventListener("input", function (event) {
      var input = event.target;
      var kind = input && input.getAttribute ? input.getAttribute("data-lookup") : null;
      if (!kind) { return; }
      window.clearTimeout(input.wfTimer);
      input.wfTimer = window.setTimeout(function () { suggest(input, kind); }, 200);
    });
  }

  function addRows(form) {
    form.querySelectorAll("button.wf-add-row").forEach(function (button) {
      var kind = button.getAttribute("data-kind");
      var template = document.getElementById("template-" + kind);
      var rows = form.querySelector('.wf-rows[data-kind="' + kind + '"]');
      if (!template || !rows) { return; }
      button.hidden = false;
      button.addEventListener("click", function () {
        var next = 0;
        rows.querySelectorAll("[data-row]").forEach(function (row) {
          next = Math.max(next, parseInt(row.getAttribute("data-row"), 10) + 1);
        });
        var holder = document.createElement("div");
        holder.innerHTML = template.innerHTML.replace(/__i__/g, String(next));  // our own markup
        var row = holder.firstElementChild;
        rows.appendChild(row);
        var first = row.querySelector("input, select, textarea");
        if (first) { first.focus(); }
      });
    });
  }

  function uploadLimit() {
    document.querySelectorAll('input[type="file"][data-limit]').forEach(function (input) {
      input.addEventListener("change", function () {
        var limit = parseInt(input.getAttribute("data-limit"), 10);
        var file = input.files && input.files[0];
        input.setCustomValidity(file && file.size > limit ?
          "The file is larger than " + Math.round(limit / 1e6) + " MB." : "");
        input.reportValidity();
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("section-form");
    if (form) {
      autosave(form);
      lookups(form);
      addRows(form);
    }
    uploadLimit();
  });
})();
