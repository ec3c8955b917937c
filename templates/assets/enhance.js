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
// 3. Text size control (TT 32/2017 Điều 18 k2 encourages font-size controls); the choice is kept.
(function () {
  "use strict";
  var header = document.querySelector(".site-header .brand");
  if (!header || !document.documentElement.style) return;
  var sizes = ["100%", "112.5%", "125%", "137.5%"];
  var stored = 0;
  try { stored = parseInt(localStorage.getItem("xasite-text-size") || "0", 10) || 0; } catch (e) { stored = 0; }
  function apply(i) {
    stored = Math.max(0, Math.min(sizes.length - 1, i));
    document.documentElement.style.fontSize = sizes[stored];
    try { localStorage.setItem("xasite-text-size", String(stored)); } catch (e) { /* private mode */ }
  }
  apply(stored);
  var group = document.createElement("div");
  group.className = "text-size";
  group.setAttribute("role", "group");
  group.setAttribute("aria-label", "Cỡ chữ");
  [["A−", "Chữ nhỏ hơn", -1], ["A+", "Chữ lớn hơn", 1]].forEach(function (b) {
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = b[0];
    // The accessible name starts with the visible text (WCAG 2.5.3, label in name).
    button.setAttribute("aria-label", b[0] + " " + b[1]);
    button.addEventListener("click", function () { apply(stored + b[2]); });
    group.appendChild(button);
  });
  header.appendChild(group);
})();
