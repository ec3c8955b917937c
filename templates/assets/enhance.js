// Progressive enhancement only: every page works without this script.
// 1. Filter-as-you-type for long lists (units, old→new lookup, service centres). The server writes a
//    folded search key (no diacritics, đ→d) on each row; the query is folded the same way here.
(function () {
  "use strict";
  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d")
      .replace(/[’‘ʼ`]/g, "'").toLowerCase().replace(/\s+/g, " ").trim();
  }
  document.querySelectorAll("[data-filter-target]").forEach(function (box) {
    var target = document.getElementById(box.getAttribute("data-filter-target"));
    var input = box.querySelector("input");
    if (!target || !input) return;
    box.hidden = false;
    var rows = Array.prototype.slice.call(target.querySelectorAll("[data-key]"));
    input.addEventListener("input", function () {
      var q = fold(input.value);
      var compactQ = q.replace(/[\s']/g, "");
      rows.forEach(function (row) {
        var key = row.getAttribute("data-key");
        var hit = !q || key.indexOf(q) >= 0 || key.replace(/[\s']/g, "").indexOf(compactQ) >= 0;
        if (hit) row.removeAttribute("data-filter-hidden"); else row.setAttribute("data-filter-hidden", "");
      });
      // A section stays visible when its heading matched or any of its rows did.
      target.querySelectorAll("section[data-key]").forEach(function (section) {
        var visibleRows = section.querySelectorAll("tr[data-key]:not([data-filter-hidden])").length;
        if (visibleRows > 0 || fold(section.getAttribute("data-key")).indexOf(q) >= 0) {
          section.removeAttribute("data-filter-hidden");
          if (fold(section.getAttribute("data-key")).indexOf(q) >= 0 && q)
            section.querySelectorAll("tr[data-key]").forEach(function (r) { r.removeAttribute("data-filter-hidden"); });
        }
      });
    });
  });
  // 2. A print button on article pages.
  var article = document.querySelector("article");
  if (article && window.print) {
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = "In trang này";
    button.className = "print-button";
    button.addEventListener("click", function () { window.print(); });
    article.appendChild(button);
  }
})();
