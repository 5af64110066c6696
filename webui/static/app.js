// Progressive enhancement only: every page works without it.
(function () {
  "use strict";
  document.addEventListener("submit", function (ev) {
    // the button pressed may ask on its own (one form, two actions), else the form asks
    var by = ev.submitter;
    var msg = (by && by.getAttribute("data-confirm")) || (ev.target.getAttribute && ev.target.getAttribute("data-confirm"));
    if (msg && !window.confirm(msg)) { ev.preventDefault(); }
  });
  document.addEventListener("change", function (ev) {
    var form = ev.target.form;
    if (form && form.hasAttribute("data-autosubmit")) { form.submit(); }
  });
  document.addEventListener("click", function (ev) {
    if (ev.target.hasAttribute && ev.target.hasAttribute("data-print")) { window.print(); }
  });

  var box = document.getElementById("job");
  if (!box || box.getAttribute("data-finished") === "yes") { return; }
  var url = box.getAttribute("data-progress-url");
  // one decimal with the page language's decimal sign (12,5 in Estonian)
  function one(x) {
    return x.toLocaleString(document.documentElement.lang || undefined,
                            { minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: false });
  }
  function text(id, value) { var el = document.getElementById(id); if (el) { el.textContent = value; } }
  function poll() {
    fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (p) {
        text("job-elapsed", one(p.elapsed));
        text("job-objective", p.objective === null ? "—" : one(p.objective));
        var gap = document.getElementById("job-gap");
        if (gap) {
          // a bound of 0 or below proves nothing: the gap would always read 100 %
          gap.textContent = p.gap === null ? "—" : (p.bound_proven ? one(100 * p.gap) + " %"
            : (gap.getAttribute("data-no-bound") || "—"));
        }
        text("job-solutions", String(p.solutions));
        var bar = document.getElementById("job-bar");
        if (bar) { bar.value = Math.min(p.elapsed, p.time_limit); }
        var st = document.getElementById("job-status");
        if (st) {
          st.setAttribute("data-status", p.status);
          st.textContent = st.getAttribute("data-label-" + p.status) || p.status;
        }
        if (p.finished) { window.location.reload(); return; }
        window.setTimeout(poll, 1000);
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 500);
})();
