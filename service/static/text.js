/* Query-term highlighting shared by the pages (classic script: window.TracuuText).
 *
 * Matching folds both sides the way the server does (NFD, combining marks dropped, đ → d, lower case),
 * and keeps, for every folded character, the offsets of the original character it came from, so a
 * match in the folded text maps back to exact offsets in the text shown. A word typed without accents
 * matches any accents ("nghi dinh" marks "Nghị định"); a word typed with accents must have the same
 * ones, wherever the tone mark sits ("hoà" marks "hòa", "quả" does not mark "qua"). Text is only
 * ever inserted with DOM text nodes, never as HTML: passages are untrusted.
 */
(function () {
  "use strict";

  var MARKS = /[\u0300-\u036f]/g;
  var WORD = /[\p{L}\p{N}]+/gu;
  // Function and question words: highlighting them would mark half of every passage.
  var STOPWORDS = [
    "ai", "bao", "bị", "bởi", "các", "cần", "cho", "có", "của", "đã", "đang", "đâu", "để", "đến", "đó", "được",
    "gì", "giờ", "hả", "hay", "hỏi", "hoặc", "khi", "không", "là", "lên", "mà", "một", "nào", "này", "nên",
    "nếu", "nhỉ", "nhiêu", "những", "như", "ở", "phải", "ra", "rồi", "sao", "sẽ", "tại", "theo", "thế", "thì",
    "trong", "từ", "và", "vào", "vậy", "về", "với"
  ];

  function foldChar(ch) {
    var f = ch.normalize("NFD").replace(MARKS, "");
    if (f === "đ" || f === "Đ") f = "d";
    return f.toLowerCase();
  }

  /** {folded, starts, ends}: folded[i] comes from text[starts[i]:ends[i]]. */
  function foldWithMap(text) {
    var folded = "", starts = [], ends = [], pos = 0;
    for (var ch of text) {
      var f = foldChar(ch);
      for (var k = 0; k < f.length; k++) {
        folded += f[k];
        starts.push(pos);
        ends.push(pos + ch.length);
      }
      pos += ch.length;
    }
    return { folded: folded, starts: starts, ends: ends };
  }

  function fold(text) {
    return foldWithMap(text).folded;
  }

  /** The marks of a word, wherever they sit: "hoà" and "hòa" have the same key, "quả" and "qua" do not. */
  function markKey(word) {
    var marks = word.toLowerCase().normalize("NFD").match(MARKS) || [];
    var dd = (word.match(/[đĐ]/g) || []).length;
    return fold(word) + "|" + marks.sort().join("") + "|" + dd;
  }

  function hasMarks(word) {
    return markKey(word) !== fold(word) + "||0";
  }

  var STOP_EXACT = new Set(STOPWORDS.map(markKey));
  var STOP_LOOSE = new Set(STOPWORDS.map(fold));

  /** Words of a question worth highlighting: folded word → null (typed without accents: any accents
   *  match) or the set of mark keys it was typed with (accents must agree, not their placement). */
  function queryTerms(question) {
    var terms = new Map();
    for (var m of question.normalize("NFC").matchAll(WORD)) {
      var word = m[0], folded = fold(word), accented = hasMarks(word);
      if (accented ? STOP_EXACT.has(markKey(word)) : STOP_LOOSE.has(folded)) continue;
      if (folded.length < 2 && !/\d/.test(folded)) continue;
      if (!accented) terms.set(folded, null);
      else if (terms.get(folded) !== null) terms.set(folded, (terms.get(folded) || new Set()).add(markKey(word)));
    }
    return terms;
  }

  /** Sorted [start, end) offsets in `text` of the question's words; neighbours joined across spaces and / - . */
  function termRanges(text, terms) {
    if (!terms || terms.size === 0) return [];
    var map = foldWithMap(text), ranges = [];
    for (var m of map.folded.matchAll(WORD)) {
      if (!terms.has(m[0])) continue;
      var a = map.starts[m.index], b = map.ends[m.index + m[0].length - 1];
      var keys = terms.get(m[0]);
      if (keys !== null && !keys.has(markKey(text.slice(a, b)))) continue;
      var last = ranges[ranges.length - 1];
      if (last && a - last[1] <= 2 && /^[\s/.,-]*$/.test(text.slice(last[1], a))) last[1] = b;
      else ranges.push([a, b]);
    }
    return ranges;
  }

  function appendWithTerms(parent, text, offset, ranges) {
    var pos = 0;
    for (var i = 0; i < ranges.length; i++) {
      var s = Math.max(ranges[i][0] - offset, pos), e = Math.min(ranges[i][1] - offset, text.length);
      if (e <= s) continue;
      if (s > pos) parent.append(text.slice(pos, s));
      var mark = document.createElement("mark");
      mark.className = "term";
      mark.textContent = text.slice(s, e);
      parent.append(mark);
      pos = e;
    }
    if (pos < text.length) parent.append(text.slice(pos));
  }

  /** Fill `el` with `text`, query terms in <mark>, and the quoted range [qs, qe) (if any) in span.quote. */
  function renderPassage(el, text, ranges, quote) {
    el.textContent = "";
    if (!quote) {
      appendWithTerms(el, text, 0, ranges);
      return;
    }
    var qs = quote[0], qe = quote[1];
    appendWithTerms(el, text.slice(0, qs), 0, ranges);
    var span = document.createElement("span");
    span.className = "quote";
    appendWithTerms(span, text.slice(qs, qe), qs, ranges);
    el.append(span);
    appendWithTerms(el, text.slice(qe), qe, ranges);
  }

  // Dates, percentages and document numbers: the facts an answer states first.
  var FACT = /\d{1,2}\/\d{1,2}\/\d{4}|\d+(?:[.,]\d+)?\s?%|\d+(?:\/\d{4})?[/-][A-ZĐ][\wĐđ]*(?:[/-][A-ZĐ][\wĐđ]*)*/gu;

  /** Fill `el` with `text`, facts in <strong>. */
  function renderAnswer(el, text) {
    el.textContent = "";
    var pos = 0;
    for (var m of text.matchAll(FACT)) {
      if (m.index > pos) el.append(text.slice(pos, m.index));
      var strong = document.createElement("strong");
      strong.textContent = m[0];
      el.append(strong);
      pos = m.index + m[0].length;
    }
    if (pos < text.length) el.append(text.slice(pos));
  }

  window.TracuuText = {
    fold: fold,
    foldWithMap: foldWithMap,
    queryTerms: queryTerms,
    termRanges: termRanges,
    renderPassage: renderPassage,
    renderAnswer: renderAnswer
  };
})();
