/* The ask page: POST /api/ask, then the answer and its source cards (built with DOM nodes only). */
(function () {
  "use strict";

  var T = window.TracuuText;
  var form = document.getElementById("ask-form");
  var input = document.getElementById("q");
  var button = document.getElementById("ask-button");
  var status = document.getElementById("status");
  var error = document.getElementById("error");
  var result = document.getElementById("result");
  var answer = document.getElementById("answer");
  var answerHeading = document.getElementById("answer-heading");
  var answerText = document.getElementById("answer-text");
  var answerHelp = document.getElementById("answer-help");
  var sourcesBlock = document.getElementById("sources-block");
  var sourcesHeading = document.getElementById("sources-heading");
  var sources = document.getElementById("sources");
  var current = null; // the AbortController of the request in flight

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function score(value) {
    return value.toFixed(2).replace(".", ",");
  }

  function setBusy(busy) {
    button.disabled = busy;
    form.setAttribute("aria-busy", busy ? "true" : "false");
  }

  function showError(title, detail) {
    result.hidden = true;
    status.textContent = "";
    error.textContent = "";
    error.append(el("strong", "", title));
    if (detail) error.append(el("span", "error-detail", detail));
    error.hidden = false;
  }

  async function readDetail(response) {
    try {
      var body = await response.json();
      if (typeof body.detail === "string") return body.detail;
      if (body.detail) return JSON.stringify(body.detail);
    } catch (e) { /* not JSON: fall back to the status text */ }
    return response.statusText || "";
  }

  function contains(source, quote) {
    return quote && source.doc_id === quote.doc_id && source.start <= quote.start && quote.end <= source.end;
  }

  function card(source, terms, quote, label) {
    var li = el("li");
    var article = el("article", "card" + (quote ? " has-quote" : ""));
    var h3 = el("h3");
    var link = el("a");
    link.href = source.url;
    link.append(el("span", "card-number", source.number || source.doc_id));
    if (source.title) {
      link.append(" — ");
      link.append(el("span", "card-title", source.title));
    }
    h3.append(link);
    article.append(h3);
    article.append(el("p", "section-path", (source.section || "Phần đầu văn bản") +
      (source.page ? " · trang " + source.page : "")));
    if (label) article.append(el("span", "quote-label", label));
    var passage = el("p", "passage");
    var range = quote ? [quote.start - source.start, quote.end - source.start] : null;
    T.renderPassage(passage, source.text, T.termRanges(source.text, terms), range);
    article.append(passage);
    var foot = el("p", "card-foot");
    foot.append(el("span", "score", "Độ liên quan: " + score(source.score)));
    article.append(foot);
    li.append(article);
    return li;
  }

  function render(question, body) {
    var terms = T.queryTerms(question);
    // Every span the answer quotes (one per ask of a question of several), each shown in its passage.
    var quotes = (body.answer_sources && body.answer_sources.length) ? body.answer_sources.slice()
      : (body.answer_source ? [body.answer_source] : []);
    error.hidden = true;
    result.hidden = false;
    answer.classList.toggle("not-found", !body.found);
    answerHeading.textContent = body.found ? "Trả lời" : "Không tìm thấy";
    T.renderAnswer(answerText, body.answer);
    answerHelp.hidden = body.found;
    sources.textContent = "";
    body.sources.forEach(function (s) {
      var i = quotes.findIndex(function (q) { return contains(s, q); });
      var quote = i >= 0 ? quotes.splice(i, 1)[0] : null;
      sources.append(card(s, terms, quote, quote ? "Câu trả lời trích từ đoạn này" : ""));
    });
    quotes.reverse().forEach(function (q) {
      sources.prepend(card(q, terms, q, "Câu được trích"));
    });
    sourcesBlock.hidden = sources.children.length === 0;
    // Not answered, the nearest passages may still be listed: said plainly, so none is read as the answer.
    sourcesHeading.textContent = body.found ? "Đoạn văn bản gốc" : "Đoạn gần nhất (chưa chắc trả lời câu hỏi)";
    status.textContent = body.found
      ? "Đã có câu trả lời, kèm " + sources.children.length + " đoạn nguồn."
      : "Không tìm thấy thông tin phù hợp" +
        (sources.children.length ? "; kèm " + sources.children.length + " đoạn gần nhất." : ".");
    answerHeading.focus();
  }

  async function ask(question) {
    if (current) current.abort();
    var mine = new AbortController();
    current = mine;
    setBusy(true);
    error.hidden = true;
    status.textContent = "Đang tìm câu trả lời…";
    try {
      var response = await fetch("/api/ask", {
        method: "POST",
        headers: { "Content-Type": "application/json", "Accept": "application/json" },
        body: JSON.stringify({ question: question, top_k: 5 }),
        signal: mine.signal
      });
      if (!response.ok) {
        var detail = await readDetail(response);
        if (current === mine) showError("Không hỏi được (lỗi " + response.status + ").", detail);
        return;
      }
      var body = await response.json();
      if (current === mine) render(question, body);
    } catch (e) {
      if (mine.signal.aborted) return;
      showError("Không kết nối được với máy chủ.", "Kiểm tra mạng rồi thử lại. (" + e.message + ")");
    } finally {
      if (current === mine) {
        setBusy(false);
        current = null;
      }
    }
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var question = input.value.trim();
    if (!question) return;
    var url = "/?q=" + encodeURIComponent(question);
    if (location.pathname + location.search !== url) history.pushState({ q: question }, "", url);
    ask(question);
  });

  window.addEventListener("popstate", function () {
    var question = new URLSearchParams(location.search).get("q") || "";
    input.value = question;
    if (question) ask(question);
    else { result.hidden = true; error.hidden = true; status.textContent = ""; }
  });

  if (input.value.trim()) ask(input.value.trim()); // /?q=… from a link or the address bar
})();
