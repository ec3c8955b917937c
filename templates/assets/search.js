// Search as you type on the tra-cuu page (progressive enhancement: without this script, or when
// the site is served without `xasite serve`, the form submits and the server answers with HTML).
// Results come from GET <data-search-api>?q=…&unit=…&partial=1 (JSON); title_html and snippet are
// escaped by the server and carry only <mark> tags; everything else is set as text.
(function () {
  "use strict";
  var form = document.querySelector("form.search-box[data-search-api]");
  var results = document.getElementById("search-results");
  if (!form || !results || !window.fetch || !window.URL) return;
  var input = form.querySelector("input[name=q]");
  if (!input) return;
  var api = new URL(form.getAttribute("data-search-api"), window.location.href);
  var unit = form.getAttribute("data-unit") || "";
  var labels = { procedure: "Thủ tục hành chính", directive: "Văn bản", page: "Trang thông tin", archive: "Lưu trữ" };
  var timer = null, controller = null, sequence = 0, lastQuery = input.value;

  function element(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // The question as echoed in the sentences (as the server's page): about 100 characters, cut
  // between words, so that a pasted official name does not fill the screen.
  function echoed(text) {
    if (text.length <= 100) return text;
    var cut = text.lastIndexOf(" ", 100);
    return text.slice(0, cut > 40 ? cut : 100) + " …";
  }

  function render(data, fullQuery) {
    var query = echoed(fullQuery);
    var frag = document.createDocumentFragment();
    if (data.suggestion) {
      var p = element("p", "search-suggestion", "Có phải bạn muốn tìm: ");
      var a = element("a", "", data.suggestion);
      a.href = "?q=" + encodeURIComponent(data.suggestion);
      p.appendChild(a);
      p.appendChild(document.createTextNode("?"));
      frag.appendChild(p);
    }
    // "none": no procedure matches; nothing is shown as the answer (as the server's page).
    var none = data.confidence === "none";
    var low = data.confidence === "low";
    var summary = element("p", "search-summary", none
      ? "Không có thủ tục hành chính nào khớp với câu hỏi «" + query + "». Bạn có thể tìm trên Cổng Dịch vụ công quốc gia (dichvucong.gov.vn) hoặc gọi đường dây nóng của xã (trang Liên hệ)."
      : data.total === 0
      ? "Không tìm thấy kết quả nào cho «" + query + "»."
      : low
      ? "Chưa tìm thấy thủ tục khớp hẳn với «" + query + "»; " + data.total + " kết quả có thể liên quan."
      : "Tìm thấy " + data.total + " kết quả cho «" + query + "».");
    summary.setAttribute("role", "status");
    frag.appendChild(summary);
    if (data.clarify && data.clarify.options && !none) {
      var ask = element("p", "search-clarify", "Bạn cần: ");
      data.clarify.options.forEach(function (o, i) {
        if (i) ask.appendChild(document.createTextNode(" · "));
        var choice = element("a", "", o.label);
        choice.href = o.url;
        choice.title = o.title;
        ask.appendChild(choice);
      });
      ask.appendChild(document.createTextNode("?"));
      frag.appendChild(ask);
    }
    if (data.results && data.results.length && !none) {
      frag.appendChild(low ? element("h2", "search-maybe", "Có thể bạn cần")
                           : element("h2", "visually-hidden", "Kết quả tìm kiếm"));
      var list = element("ol", "search-results");
      data.results.forEach(function (hit) {
        var li = element("li", "search-result");
        var h3 = element("h3");
        var link = element("a");
        link.href = hit.url;
        link.innerHTML = hit.title_html;  // escaped by the server, <mark> only
        h3.appendChild(link);
        li.appendChild(h3);
        var meta = [labels[hit.type] || hit.type];
        if (hit.field) meta.push(hit.field);
        if (hit.code) meta.push("Mã " + hit.code);
        li.appendChild(element("p", "meta", meta.join(" · ")));
        if (hit.snippet) {
          var snippet = element("p");
          snippet.innerHTML = hit.snippet;  // escaped by the server, <mark> only
          li.appendChild(snippet);
        }
        list.appendChild(li);
      });
      frag.appendChild(list);
      if (data.total > data.results.length) {
        var more = element("p", "search-more");
        var all = element("a", "", "Xem tất cả " + data.total + " kết quả");
        all.href = "?q=" + encodeURIComponent(fullQuery);
        more.appendChild(all);
        frag.appendChild(more);
      }
    }
    results.textContent = "";
    results.appendChild(frag);
  }

  function search() {
    var query = input.value.replace(/^\s+/, "");
    if (query === lastQuery) return;
    lastQuery = query;
    if (controller) controller.abort();
    if (query.replace(/\s+/g, "").length < 2) return;
    var url = new URL(api.href);
    url.searchParams.set("q", query);
    if (unit) url.searchParams.set("unit", unit);
    // The earlier questions the server's page kept (hidden fields), so a follow-up is understood.
    Array.prototype.forEach.call(form.querySelectorAll("input[name=context]"), function (c) {
      if (c.value) url.searchParams.append("context", c.value);
    });
    url.searchParams.set("partial", "1");
    url.searchParams.set("limit", "10");
    controller = window.AbortController ? new AbortController() : null;
    var mine = ++sequence;
    fetch(url.href, { signal: controller ? controller.signal : undefined, headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data || mine !== sequence) return;
        render(data, query.trim());
        if (window.history && history.replaceState)
          history.replaceState(null, "", "?q=" + encodeURIComponent(query.trim()));
      })
      .catch(function () { /* offline or no search service: the form still works */ });
  }

  input.addEventListener("input", function () {
    if (timer) clearTimeout(timer);
    timer = setTimeout(search, 200);
  });
})();
