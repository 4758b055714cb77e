/* The document viewer: highlight the passage named by #start-end and bring it into view.
 *
 * The text of #doc-text is exactly the stored document text (the server keeps every character,
 * newlines included, as text nodes), so offsets are counted straight through its text nodes.
 */
(function () {
  "use strict";

  var doc = document.getElementById("doc-text");
  if (!doc) return;
  var notice = document.getElementById("hl-notice");
  var noticeText = document.getElementById("hl-text");
  var gotoButton = document.getElementById("hl-goto");
  var toc = document.getElementById("toc");
  var marks = [];

  // On a phone the side list would push the text down: start it closed.
  if (toc && window.matchMedia("(max-width: 61.99rem)").matches) toc.open = false;

  function clear() {
    marks.forEach(function (mark) {
      var parent = mark.parentNode;
      parent.replaceChild(document.createTextNode(mark.textContent), mark);
      parent.normalize();
    });
    doc.querySelectorAll(".has-hl").forEach(function (b) { b.classList.remove("has-hl"); });
    marks = [];
  }

  function highlight(start, end) {
    var walker = document.createTreeWalker(doc, NodeFilter.SHOW_TEXT);
    var parts = [], pos = 0;
    for (var node = walker.nextNode(); node && pos < end; node = walker.nextNode()) {
      var len = node.data.length;
      var a = Math.max(start, pos) - pos, b = Math.min(end, pos + len) - pos;
      if (a < b) parts.push([node, a, b]);
      pos += len;
    }
    parts.forEach(function (p) {
      var target = p[0];
      if (p[2] < target.data.length) target.splitText(p[2]);
      if (p[1] > 0) target = target.splitText(p[1]);
      var mark = document.createElement("mark");
      mark.className = "hl";
      target.parentNode.replaceChild(mark, target);
      mark.appendChild(target);
      marks.push(mark);
      var block = mark.parentElement.closest("#doc-text > *");
      if (block) block.classList.add("has-hl");
    });
  }

  // A PDF or scan lists where each page begins (data-pages="0,1834,…"): the page of an offset.
  function pageAt(offset) {
    if (!doc.dataset.pages) return null;
    var starts = doc.dataset.pages.split(",").map(Number), page = 0;
    while (page < starts.length && starts[page] <= offset) page++;
    return page || null;
  }

  // A PDF or scan: the original page beside the text, loaded only when the officer opens it.
  var pageView = document.getElementById("page-view");
  var pageImage = document.getElementById("page-image");
  function showPage(page) {
    if (!pageView || !page) return;
    document.getElementById("page-label").textContent = "trang " + page;
    pageImage.dataset.page = page;
    if (pageView.open) pageImage.src = pageImage.dataset.src + page + ".png";
  }
  if (pageView) {
    pageView.addEventListener("toggle", function () {
      if (pageView.open) pageImage.src = pageImage.dataset.src + (pageImage.dataset.page || 1) + ".png";
    });
  }

  function visibleMarks() {
    return marks.filter(function (m) { return m.textContent.trim() !== ""; });
  }

  function reveal() {
    var shown = visibleMarks();
    if (!shown.length) return;
    var first = shown[0], last = shown[shown.length - 1];
    var tall = last.getBoundingClientRect().bottom - first.getBoundingClientRect().top > window.innerHeight * 0.8;
    first.scrollIntoView({ block: tall ? "start" : "center", behavior: "instant" });
    first.setAttribute("tabindex", "-1");
    first.focus({ preventScroll: true });
  }

  function apply() {
    var m = /^#(\d+)-(\d+)$/.exec(location.hash);
    if (!m) return; // #s-… anchors of the side list keep the current highlight
    clear();
    var start = Number(m[1]), end = Number(m[2]), length = Number(doc.dataset.length);
    notice.hidden = false;
    if (!(start < end && end <= length)) {
      noticeText.textContent = "Vị trí " + location.hash + " không có trong văn bản này.";
      gotoButton.hidden = true;
      return;
    }
    highlight(start, end);
    var page = pageAt(start);
    noticeText.textContent = "Đoạn được dẫn" + (page ? " (trang " + page + ")" : "") +
      " được tô vàng trong văn bản bên dưới.";
    showPage(page);
    gotoButton.hidden = false;
    reveal();
  }

  gotoButton.addEventListener("click", reveal);
  window.addEventListener("hashchange", apply);
  apply();
})();
