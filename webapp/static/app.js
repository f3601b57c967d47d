/* Progressive enhancement only: every page works without this file.
   - filter forms apply themselves when a select changes (the submit button stays);
   - example SPARQL queries can be loaded into the editor without leaving the page. */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form.filters select").forEach(function (select) {
      select.addEventListener("change", function () { select.form.requestSubmit ? select.form.requestSubmit() : select.form.submit(); });
    });
    var editor = document.getElementById("sparql-query");
    if (editor) {
      document.querySelectorAll("[data-example]").forEach(function (button) {
        button.hidden = false;
        button.addEventListener("click", function () {
          editor.value = button.getAttribute("data-example");
          editor.focus();
        });
      });
    }
  });
})();
