// Search in the page header. The index of the page's language is a script file
// (search/CODE.js, written by the build), added to the page when a reader first uses
// the field: script files load from a disk (file://) where fetch() is refused. The
// sentences of results come from smaller files (search/CODE-N.js) loaded the same way.
// Words are split and folded here exactly as the build does (see src/outputs/search);
// the index's list of word forms gives each word's stem. Without JavaScript the form
// leads to the A–Z index page.
(function () {
  "use strict";
  var me = document.currentScript;
  var form = document.querySelector("form.site-search");
  if (!me || !form) return;
  var root = me.src.replace(/search\.js([?#].*)?$/, "");
  var lang = form.getAttribute("data-lang");
  var input = form.querySelector("input[type=search]");
  var status = form.querySelector(".search-status");
  var panel = form.querySelector(".search-results");
  if (!lang || !input || !status || !panel) return;
  // Where each index file stores its value (the files name it without `self.`).
  var store = self.plainsiteSearch = self.plainsiteSearch || {};
  var loads = {};
  var index = null;
  var asked = 0;
  var HAN = "\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uF900-\\uFAFF\\u{20000}-\\u{2FA1F}";
  var PIECE = new RegExp("([" + HAN + "]+)|((?:(?![" + HAN + "])[\\p{L}\\p{N}\\p{M}])+)", "gu");

  // A script file of the index, once: resolves when it has run.
  function load(name) {
    if (!loads[name]) {
      loads[name] = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = root + "search/" + name + ".js";
        s.onload = function () { resolve(store[name]); };
        s.onerror = reject;
        document.head.appendChild(s);
      });
    }
    return loads[name];
  }

  // The index's numbers: base-32 digits, the upper half of DIGITS meaning "more follow".
  var DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
  var DIGIT = new Int8Array(128);
  for (var c = 0; c < DIGITS.length; c++) DIGIT[DIGITS.charCodeAt(c)] = c;
  // Into a typed array sized for the most numbers the text can hold: a long posting
  // list decodes several times faster than by growing an array.
  function numbers(text) {
    var out = new Int32Array(text.length);
    var count = 0;
    var n = 0;
    for (var i = 0; i < text.length; i++) {
      var d = DIGIT[text.charCodeAt(i) & 127];
      n = n * 32 + (d & 31);
      if (d < 32) { out[count++] = n; n = 0; }
    }
    return out.subarray(0, count);
  }

  // The core file as search needs it: forms and stems as arrays, sections' pages,
  // postings decoded when first used. The file is an array (see src/outputs/search):
  // [pages, sections, forms, stems, post, shard]. It runs between the index's loading
  // and a reader's first key, so it does no more than that: the pages stay one array
  // of titles and addresses, a page's pair read when a result shows it.
  function unpack(raw) {
    var forms = [];
    var stems = [];
    var text = raw[2];
    var at = 0;
    var previous = "";
    var next = 0;
    // Forms whose stem an earlier form has: gap from the last one listed, then stem.
    var repeats = numbers(raw[3]);
    var r = 0;
    var listed = repeats.length ? repeats[0] : -1;
    // Each form's two numbers are read in line: a call per number is dear in code the
    // browser has not made fast yet, and this loop runs once.
    while (at < text.length) {
      var shared = 0;
      var len = 0;
      var d;
      do { d = DIGIT[text.charCodeAt(at++) & 127]; shared = shared * 32 + (d & 31); } while (d >= 32);
      do { d = DIGIT[text.charCodeAt(at++) & 127]; len = len * 32 + (d & 31); } while (d >= 32);
      previous = previous.slice(0, shared) + text.slice(at, at + len);
      at += len;
      if (forms.length === listed) {
        stems.push(repeats[r + 1]);
        r += 2;
        listed = r < repeats.length ? forms.length + 1 + repeats[r] : -1;
      } else {
        stems.push(next++);
      }
      forms.push(previous);
    }
    var sections = numbers(raw[1]);
    for (var s = 1; s < sections.length; s++) sections[s] += sections[s - 1];
    return { pages: raw[0], sections: sections, forms: forms, stems: stems, post: raw[4].split(","), lists: {}, shard: raw[5] };
  }

  // A page's title and address.
  function pageOf(n) {
    return [index.pages[2 * n], index.pages[2 * n + 1]];
  }

  // Unpacks the index, then ranks a few words once, unseen: the browser makes code fast
  // only once it has run, and a reader's first query should not pay for it. Each is
  // ranked in a task of its own, and none is among the most common (the most common
  // word on a large site takes 100-300 ms on a slow phone): the reader's first key, which
  // comes about then, is answered between two of them.
  // The six are chosen in one pass over the lists' lengths, the longest kept first.
  function ready(data) {
    index = unpack(data);
    var post = index.post;
    var longest = 0;
    for (var i = 0; i < post.length; i++) if (post[i].length > longest) longest = post[i].length;
    var warm = [];
    for (var stem = 0; stem < post.length; stem++) {
      var len = post[stem].length;
      if (len * 8 > longest || (warm.length === 6 && len <= post[warm[5]].length)) continue;
      var at = warm.length < 6 ? warm.length : 5;
      while (at > 0 && post[warm[at - 1]].length < len) { warm[at] = warm[at - 1]; at--; }
      warm[at] = stem;
    }
    warm.forEach(function (stem) {
      setTimeout(function () { rank([[[stem, 1]]]); });
    });
    // Then the code that reads a query and marks its words, on the first page's title:
    // into an element never shown.
    setTimeout(function () {
      var title = pageOf(0)[0] || "";
      var words = queryWords(title.slice(0, 1)).concat(queryWords(title + " " + title.slice(0, 2)));
      marked(document.createElement("a"), title, stemsOf(words));
    });
  }

  function postings(stem) {
    if (!index.lists[stem]) index.lists[stem] = numbers(index.post[stem] || "");
    return index.lists[stem];
  }

  function fold(word) {
    return word.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "").replace(/œ/g, "oe").replace(/æ/g, "ae");
  }

  // Pieces of text: {han: bool, text, start} for runs of Han characters and of letters.
  function pieces(text) {
    var out = [];
    PIECE.lastIndex = 0;
    var m;
    while ((m = PIECE.exec(text))) {
      out.push({ han: !!m[1], text: m[0], start: m.index });
    }
    return out;
  }

  // Character pairs of a Han run, with their offsets in the run (in UTF-16 units).
  function bigrams(run) {
    var chars = Array.from(run);
    if (chars.length < 2) return [{ text: run, at: 0, len: run.length }];
    var out = [];
    var at = 0;
    for (var i = 0; i + 1 < chars.length; i++) {
      out.push({ text: chars[i] + chars[i + 1], at: at, len: chars[i].length + chars[i + 1].length });
      at += chars[i].length;
    }
    return out;
  }

  // Every stem the query's words stand for, for marking them.
  function stemsOf(words) {
    var stems = new Set();
    words.forEach(function (alts) { alts.forEach(function (alt) { stems.add(alt[0]); }); });
    return stems;
  }

  // The first position in the sorted forms not before `word`.
  function lowerBound(word) {
    var lo = 0;
    var hi = index.forms.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (index.forms[mid] < word) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  function stemOf(form) {
    var i = lowerBound(form);
    return index.forms[i] === form ? index.stems[i] : -1;
  }

  // Each query word as the stems it may stand for: [[stem, weight], ...]. The last
  // word, still being typed, also matches the words it begins: at most 30, taken in
  // order while their lists together are no longer than one list of every section.
  // Ranking reads each list whole, so this bounds a query's work by the site's size:
  // "p", the first key of "pay", begins dozens of common words.
  function queryWords(query) {
    var words = [];
    pieces(query).forEach(function (p) {
      if (p.han) bigrams(p.text).forEach(function (g) { words.push({ text: g.text, han: true }); });
      else words.push({ text: fold(p.text), han: false });
    });
    var typing = !/\s$/.test(query);
    return words.map(function (w, n) {
      var alts = [];
      var exact = stemOf(w.text);
      var single = Array.from(w.text).length === 1;
      var lone = single && !w.han && typing && words.length === 1;
      if (exact >= 0 && !lone) alts.push([exact, 1]);
      if (lone) alts = rareBeginning(w.text, exact);
      else if ((typing && n === words.length - 1) || single) alts = alts.concat(beginning(w.text));
      // Forms of one stem ("paid", "paying") read its sections once, at their best weight.
      var seen = {};
      return alts.filter(function (alt) {
        if (alt[0] in seen) return false;
        seen[alt[0]] = true;
        return true;
      });
    }).filter(function (alts) { return alts.length > 0; });
  }

  // The words `w` begins, other than itself, as [[stem, 0.6], ...].
  function beginning(w) {
    var alts = [];
    var budget = index.sections.length;
    for (var i = lowerBound(w), k = 0; i < index.forms.length && k < 30; i++) {
      if (index.forms[i].lastIndexOf(w, 0) !== 0) break;
      if (index.forms[i] === w) continue;
      // A list's length in characters: at least its number of sections.
      budget -= (index.post[index.stems[i]] || "").length;
      if (budget < 0 && k > 0) break;
      alts.push([index.stems[i], 0.6]);
      k++;
    }
    return alts;
  }

  // A lone letter, the first key of a word: it says little, and the common words it
  // begins are in most sections (reading their lists is the dearest first key on a
  // large site). So it stands for the words it begins whose lists together fit in an
  // eighth of one list of every section, the shortest lists first, among the first 100
  // it begins; the letter itself (a word such as "a") only when it begins no other.
  function rareBeginning(w, exact) {
    var found = [];
    for (var i = lowerBound(w); i < index.forms.length && found.length < 100; i++) {
      if (index.forms[i].lastIndexOf(w, 0) !== 0) break;
      if (index.forms[i] !== w) found.push([(index.post[index.stems[i]] || "").length, index.stems[i]]);
    }
    if (!found.length) return exact >= 0 ? [[exact, 1]] : [];
    found.sort(function (a, b) { return a[0] - b[0]; });
    var budget = index.sections.length >> 3;
    var alts = [];
    for (var k = 0; k < found.length && k < 30; k++) {
      budget -= found[k][0];
      if (budget < 0 && k > 0) break;
      alts.push([found[k][1], 0.6]);
    }
    return alts;
  }

  // Sections that hold every query word: how many (at most two per page count), and
  // the best ten, best first, at most two per page. A common word on a large site is in
  // tens of thousands of sections, and its first use runs before the browser has made
  // this code fast: so the words are taken rarest first (the sections still in the
  // running are then the fewest), and scores and sections live in typed arrays reused
  // from query to query, which makes no garbage to collect.
  var scratch = null;
  function rank(words) {
    var total = index.sections.length;
    if (!scratch) {
      scratch = { score: new Float64Array(total), best: new Float64Array(total), hits: new Uint8Array(total), pages: new Uint8Array(index.pages.length >> 1),
        first: new Int32Array(total), ids: [new Int32Array(total), new Int32Array(total)] };
    }
    var score = scratch.score;
    var best = scratch.best;
    var hits = scratch.hits;
    var idf = function (stem) { return Math.log(1 + total / Math.max(1, postings(stem).length)); };
    var size = function (alts) { return alts.reduce(function (n, alt) { return n + postings(alt[0]).length; }, 0); };
    var order = words.map(function (alts) { return [size(alts), alts]; })
      .sort(function (a, b) { return a[0] - b[0]; }).map(function (x) { return x[1]; });
    var alive = scratch.first;
    var first = 0;
    var count = 0;
    order.forEach(function (alts, w) {
      var mine = w === 0 ? scratch.first : scratch.ids[w & 1];
      count = 0;
      // Words the query word only begins weigh no more than the word itself.
      var cap = alts[0][1] === 1 ? idf(alts[0][0]) : Infinity;
      alts.forEach(function (alt) {
        var list = postings(alt[0]);
        var weight = alt[1] * Math.min(idf(alt[0]), cap);
        var id = 0;
        for (var i = 0; i < list.length; i++) {
          id += list[i] >> 2;
          if (hits[id] !== w) continue;
          var flags = list[i] & 3;
          var s = weight * (1 + 2 * (flags & 1) + 1.5 * (flags >> 1));
          if (best[id] === 0) mine[count++] = id;
          if (s > best[id]) best[id] = s;
        }
      });
      for (var k = 0; k < count; k++) {
        var id = mine[k];
        hits[id] = w + 1;
        score[id] += best[id];
        best[id] = 0;
      }
      alive = mine;
      if (w === 0) first = count;
    });
    var result = ranked(alive, count);
    // Every section a query word reached is among the first word's.
    for (var t = 0; t < first; t++) {
      var id = scratch.first[t];
      scratch.pages[index.sections[id]] = 0;
      score[id] = 0;
      hits[id] = 0;
    }
    return result;
  }

  // The count and the best ten of the `n` sections in `alive`, which hold every word.
  function ranked(alive, n) {
    var score = scratch.score;
    var top = [];
    var count = 0;
    var better = function (a, b) { return score[a] > score[b] || (score[a] === score[b] && a < b); };
    for (var t = 0; t < n; t++) {
      var id = alive[t];
      var page = index.sections[id];
      if (scratch.pages[page] < 2) { scratch.pages[page]++; count++; }
      if (top.length < 60 || better(id, top[top.length - 1])) {
        var lo = 0;
        var hi = top.length;
        while (lo < hi) { var mid = (lo + hi) >> 1; if (better(top[mid], id)) lo = mid + 1; else hi = mid; }
        top.splice(lo, 0, id);
        if (top.length > 60) top.pop();
      }
    }
    var shown = [];
    var perPage = {};
    top.forEach(function (id) {
      var page = index.sections[id];
      perPage[page] = (perPage[page] || 0) + 1;
      if (perPage[page] <= 2 && shown.length < 10) shown.push(id);
    });
    return { count: count, shown: shown };
  }

  // The parts of a text that match the query's stems: [[start, end], ...].
  function matches(text, stems) {
    var out = [];
    pieces(text).forEach(function (p) {
      if (!p.han) {
        if (stems.has(stemOf(fold(p.text)))) out.push([p.start, p.start + p.text.length]);
        return;
      }
      bigrams(p.text).forEach(function (g) {
        if (stems.has(stemOf(g.text))) out.push([p.start + g.at, p.start + g.at + g.len]);
      });
    });
    return out;
  }

  // `text` into `el`, matched parts in <mark>.
  function marked(el, text, stems) {
    var at = 0;
    matches(text, stems).forEach(function (m) {
      if (m[0] < at) m[0] = at;
      if (m[1] <= at) return;
      el.appendChild(document.createTextNode(text.slice(at, m[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(m[0], m[1]);
      el.appendChild(mark);
      at = m[1];
    });
    el.appendChild(document.createTextNode(text.slice(at)));
    return el;
  }

  function href(page, anchor) {
    var url = root + page[1];
    if (location.protocol === "file:" && /(^|\/)$/.test(url)) url += "index.html";
    return url + (anchor ? "#" + anchor : "");
  }

  // The count goes into the live region once the reader stops typing (or at once, when
  // `now`): each key is answered at once, and a screen reader told the count after every
  // letter would read the reader a stream of numbers over their own typing.
  var saying = 0;
  function say(n, now) {
    var text = n === 0 ? form.getAttribute("data-none") : n === 1 ? form.getAttribute("data-one") : form.getAttribute("data-many");
    clearTimeout(saying);
    var tell = function () { status.textContent = (text || "").replace("{n}", String(n)); };
    if (now) tell(); else saying = setTimeout(tell, 400);
  }

  // The results' titles, at once: the sentence files of the shown results may still
  // be loading. Returns each result's link and list item, for fill().
  function show(ids, stems) {
    var list = document.createElement("ol");
    list.className = "search-list";
    var items = ids.map(function (id) {
      var page = pageOf(index.sections[id]);
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = href(page, "");
      marked(a, page[0], stems);
      li.appendChild(a);
      list.appendChild(li);
      return { id: id, page: page, li: li, a: a };
    });
    panel.textContent = "";
    panel.appendChild(list);
    panel.hidden = ids.length === 0;
    return items;
  }

  // Adds to each shown result its section's heading and anchor and its best sentence.
  function fill(items, sentences, stems) {
    items.forEach(function (item) {
      var texts = sentences[item.id] || ["", ""];
      item.a.href = href(item.page, texts[1]);
      if (texts[0] && texts[0] !== item.page[0]) {
        var where = document.createElement("span");
        where.className = "search-section";
        item.a.appendChild(marked(where, texts[0], stems));
      }
      var best = texts.slice(2).map(function (s) { return [matches(s, stems).length, s]; })
        .sort(function (x, y) { return y[0] - x[0]; })[0];
      if (best) {
        var p = document.createElement("p");
        item.li.appendChild(marked(p, best[1], stems));
      }
    });
  }

  // Runs the query now; an older query's late answer is dropped. The count and the
  // titles are shown as soon as the query is ranked; the sections and sentences follow
  // when their files have loaded (the list is aria-busy meanwhile). Resolves once the
  // titles are shown.
  function search(e) {
    var query = input.value;
    var ticket = ++asked;
    var now = !(e && e.type === "input");
    if (!query.trim()) { clearTimeout(saying); panel.hidden = true; panel.textContent = ""; status.textContent = ""; return Promise.resolve(); }
    return load(lang).then(function (data) {
      if (!index && data) ready(data);
      if (ticket !== asked || !index) return;
      var words = queryWords(query);
      var ranked = words.length ? rank(words) : { count: 0, shown: [] };
      var stems = stemsOf(words);
      var items = show(ranked.shown, stems);
      panel.setAttribute("aria-busy", "true");
      say(ranked.count, now);
      // The titles are drawn first: adding the sentence files' scripts costs a key up
      // to 20 ms on a slow phone, and a key typed meanwhile makes them unneeded.
      requestAnimationFrame(function () {
        setTimeout(function () { if (ticket === asked) sentencesOf(ranked.shown, items, stems, ticket); });
      });
    }).catch(function () { say(0, now); });
  }

  // Loads the sentence files of the shown results, then fills the results in.
  function sentencesOf(shown, items, stems, ticket) {
    var shards = Array.from(new Set(shown.map(function (id) { return Math.floor(id / index.shard); })));
    Promise.all(shards.map(function (n) { return load(lang + "-" + n); })).then(function (loaded) {
      if (ticket !== asked) return;
      var sentences = {};
      shards.forEach(function (n, k) {
        (loaded[k] || []).forEach(function (s, i) { sentences[n * index.shard + i] = s; });
      });
      fill(items, sentences, stems);
    }).catch(function () {}).then(function () {
      if (ticket === asked) panel.removeAttribute("aria-busy");
    });
  }

  function links() { return Array.prototype.slice.call(panel.querySelectorAll("a")); }

  // Each key is answered at once, in the same frame as the letter typed: its query
  // takes a few ms once the index is loaded.
  input.addEventListener("input", search);
  // The index starts loading as the reader touches or focuses the field.
  function prefetch() {
    load(lang).then(function (data) { if (!index && data) ready(data); }).catch(function () {});
  }
  input.addEventListener("pointerdown", prefetch, { once: true });
  input.addEventListener("focus", prefetch, { once: true });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    search().then(function () {
      var first = links()[0];
      if (first) first.focus();
    });
  });
  form.addEventListener("keydown", function (e) {
    var all = links();
    var at = all.indexOf(document.activeElement);
    if (e.key === "Escape") {
      panel.hidden = true;
      input.focus();
    } else if (e.key === "ArrowDown" && all.length) {
      e.preventDefault();
      all[Math.min(at + 1, all.length - 1)].focus();
    } else if (e.key === "ArrowUp" && at >= 0) {
      e.preventDefault();
      if (at === 0) input.focus(); else all[at - 1].focus();
    }
  });
})();
