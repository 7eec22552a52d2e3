// plainsite dev server: the author view. Added to pages only by `plainsite serve`, never
// to a built site. A toggle (remembered across pages) shows the page's reading figures,
// marks each problem the checks found on the words it is about, and lists the problems
// in reading order. The places come from the Markdown stage: each run of text carries
// the line and column where it starts in its file (data-ps-at), so a problem at
// line:column is found by arithmetic, never by searching the page for its words.
(function () {
  "use strict";
  var base = document.currentScript.src.replace(/author\.js(\?.*)?$/, "");
  var KEY = "plainsite-author-view";
  // The words, in the page's language: the theme's (the [writing_room] section of its
  // i18n files, with the site's own over them), which the dev server hands out.
  var T = {};
  // `serve --edit` prints an address with this run's key (?edit=KEY): it is kept for
  // this tab only and taken out of the address bar.
  var EDIT_KEY = "plainsite-edit-key";
  var EDITING = "plainsite-editing";
  (function takeKey() {
    var params = new URLSearchParams(location.search);
    var k = params.get("edit");
    if (!k) { return; }
    try { sessionStorage.setItem(EDIT_KEY, k); } catch (e) { /* private mode */ }
    params.delete("edit");
    var q = params.toString();
    history.replaceState(null, "", location.pathname + (q ? "?" + q : "") + location.hash);
  })();
  function session(name, value) {
    try {
      if (value === undefined) { return sessionStorage.getItem(name); }
      if (value === null) { sessionStorage.removeItem(name); } else { sessionStorage.setItem(name, value); }
    } catch (e) { return null; }
    return null;
  }

  // A save's "Saved." outlives the reload the save may cause: a change to a data file
  // is more than the page's text, so the build that follows reloads the page, and the
  // form opens again (EDITING). The words are kept for this tab, for that form on that
  // page, and shown once in its status line; a page updated in place keeps its own.
  var SAVED = "plainsite-saved";
  // `after`: what the form opened again by the reload says, when the page it brought
  // shows the change already (a save promises it "in a moment"); else `words` again.
  function confirmSave(status, box, url, words, after) {
    status.textContent = words;
    session(SAVED, JSON.stringify({ box: box, url: url, page: location.pathname, words: after || words, at: Date.now() }));
    // A build that came while the form still had these words unsaved was held back.
    settled();
  }
  function confirmAgain(status, box, url) {
    var n = null;
    try { n = JSON.parse(session(SAVED)); } catch (e) { n = null; }
    var fresh = n && Date.now() - n.at < 60000;
    if (!fresh) { session(SAVED, null); }
    if (!fresh || n.box !== box || n.url !== url || n.page !== location.pathname) { return; }
    session(SAVED, null);
    // After the box is in the page, so that its status line is a live region already
    // and the words are announced; not over what a save since has said.
    setTimeout(function () { if (!status.textContent) { status.textContent = n.words; } }, 200);
  }
  document.addEventListener("plainsite:updated", function () { session(SAVED, null); });

  // The add form kept open across the reload its add causes: "KIND PAGE".
  var ADDING = "plainsite-adding";
  // A form's fields back to what they were when it opened (a new entry's: empty).
  function emptied(box) {
    box.querySelectorAll("input, textarea").forEach(function (i) {
      if (i.type === "checkbox") { i.checked = i.defaultChecked; } else { i.value = i.defaultValue; }
    });
    box.querySelectorAll("option").forEach(function (o) { o.selected = o.defaultSelected; });
  }
  // A form was closed: the dev server's reload (reload.js) catches up with a build it
  // held back while the form had words not saved.
  function settled() { document.dispatchEvent(new CustomEvent("plainsite:settled")); }
  // A form closed: what it had to say goes with it.
  function closed(box) {
    session(SAVED, null);
    box.remove();
    settled();
  }

  function on() {
    try { return localStorage.getItem(KEY) === "on"; } catch (e) { return false; }
  }
  function remember(v) {
    try { localStorage.setItem(KEY, v ? "on" : "off"); } catch (e) { /* private mode */ }
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  function place(d) {
    var l = d.location;
    return l ? l.file + ":" + l.line + ":" + l.column : (d.file_only || "");
  }
  function label(d) {
    return (d.rule || d.severity).replace(/-/g, " ");
  }
  function explain(d) {
    return T[d.severity] + ", " + label(d) + ": " + d.message + (d.help ? ". " + d.help : "");
  }

  var css = el("link");
  css.rel = "stylesheet";
  css.href = base + "author.css";
  document.head.appendChild(css);

  var aside, button, panel, coming = null;
  fetch(base + "words.json?lang=" + encodeURIComponent(document.documentElement.lang || ""), { cache: "no-store" })
    .then(function (r) { return r.json(); })
    .catch(function () { return {}; })
    .then(function (words) {
      T = words;
      if (document.body.classList.contains("ps-report")) { dashboard(); } else { start(); }
    });

  function start() {
    aside = el("aside", "ps-author");
    aside.setAttribute("aria-label", T.view);
    button = el("button", "ps-toggle", T.view);
    button.type = "button";
    panel = el("div", "ps-panel");
    panel.id = "ps-author-panel";
    aside.appendChild(button);
    aside.appendChild(panel);
    var first = document.body.firstElementChild;
    if (first && first.matches("a[href^='#']")) { first = first.nextElementSibling; }
    document.body.insertBefore(aside, first);
    button.addEventListener("click", function () {
      var v = !on();
      remember(v);
      apply(v);
    });
    apply(on());
    // The dev server is swapping in the page's new <main> (reload.js): its problems are
    // fetched at the same time as its text, and the page is marked again once both came.
    document.addEventListener("plainsite:updating", function () { coming = on() ? problems() : null; });
    document.addEventListener("plainsite:updated", function () { apply(on()); });
  }

  function problems() {
    return fetch(base + "page.json?url=" + encodeURIComponent(location.pathname), { cache: "no-store" })
      .then(function (r) { return r.json(); });
  }

  function apply(v) {
    button.setAttribute("aria-pressed", v ? "true" : "false");
    var kept = clear();
    if (!v) {
      if (kept) { kept.remove(); }
      return;
    }
    var fetched = coming || problems();
    coming = null;
    fetched
      .then(function (page) { if (on()) { show(page, kept); } })
      .catch(function () { panel.textContent = T.unknown; });
  }

  // Takes every highlight out again, leaving the page's words as they were. The open
  // editor stays where it is (its words, focus and cursor survive an update) and is
  // returned.
  function clear() {
    var kept = document.getElementById("ps-editor") || document.getElementById("ps-entry");
    Array.prototype.slice.call(panel.childNodes).forEach(function (n) {
      if (n !== kept) { panel.removeChild(n); }
    });
    document.querySelectorAll("button.ps-entry-edit").forEach(function (b) { b.remove(); });
    document.querySelectorAll("mark.ps-hl").forEach(function (m) {
      var parent = m.parentNode;
      while (m.firstChild) { parent.insertBefore(m.firstChild, m); }
      parent.removeChild(m);
      parent.normalize();
    });
    return kept;
  }

  function show(page, kept) {
    if (!page) { panel.appendChild(el("p", "", T.unknown)); return; }
    var data = /^content\/_data\/(findings|recommendations)\.yaml$/.test(page.file);
    if (session(EDIT_KEY)) {
      var edit = el("button", "ps-toggle", data ? T.edit_entry : T.edit);
      edit.type = "button";
      edit.addEventListener("click", function () { (data ? openEntry : openEditor)(page.url); });
      panel.insertBefore(edit, kept || null);
      var add = el("button", "ps-toggle", T.new_page);
      add.type = "button";
      add.addEventListener("click", newPage);
      panel.insertBefore(add, kept || null);
      if (!kept && session(EDITING) === page.url) { (data ? openEntry : openEditor)(page.url, true); }
      namedEntries(kept);
      addButtons(page.lists || [], kept);
    }
    figures(page.figures);
    var h = el("h2", "", T.problems + " (" + page.problems.length + ")");
    panel.appendChild(h);
    if (!page.problems.length) { panel.appendChild(el("p", "", T.none)); return; }
    var marks = sourceMarks(page.file);
    var list = el("ol");
    readingOrder(page.problems, page.file).forEach(function (d, i) {
      var li = el("li");
      var mark = d.location ? highlight(marks, d, i) : null;
      var text = T[d.severity] + " [" + label(d) + "]: " + d.message;
      if (mark) {
        var a = el("a", "", text);
        a.href = "#" + mark.id;
        li.appendChild(a);
      } else {
        li.appendChild(document.createTextNode(text));
      }
      li.appendChild(document.createTextNode(" "));
      li.appendChild(el("span", "ps-place", place(d)));
      if (!mark) { li.appendChild(document.createTextNode(" " + T.not_shown)); }
      if (d.help) { li.appendChild(el("div", "", d.help)); }
      list.appendChild(li);
    });
    panel.appendChild(list);
  }

  function figures(f) {
    if (!f) { return; }
    panel.appendChild(el("h2", "", T.figures));
    var p = el("p");
    var grade = el("span", f.over_target ? "ps-over" : "", T.grade + ": " + f.grade_text +
      " (" + T.target + " " + f.target + (f.over_target ? ", " + T.over : "") + ")");
    p.appendChild(grade);
    p.appendChild(document.createTextNode(" · " + f.words + " " + (f.words === 1 ? T.word : T.words) + " · " + f.sentences + " " +
      (f.sentences === 1 ? T.sentence : T.sentences)));
    panel.appendChild(p);
    if (f.sections && f.sections.length) {
      var ul = el("ul");
      ul.setAttribute("aria-label", T.sections);
      f.sections.forEach(function (s) {
        ul.appendChild(el("li", "", s.heading + ": " + s.grade.toFixed(1) + " (" + s.words + " " + T.words + ")"));
      });
      panel.appendChild(ul);
    }
  }

  // The page's own file first, by line and column; then problems in data files it shows.
  function readingOrder(problems, file) {
    return problems.slice().sort(function (a, b) {
      var ka = key(a), kb = key(b);
      for (var i = 0; i < ka.length; i++) {
        if (ka[i] !== kb[i]) { return ka[i] < kb[i] ? -1 : 1; }
      }
      return 0;
    });
    function key(d) {
      var l = d.location;
      return l ? [l.file === file ? 0 : 1, l.file, l.line, l.column] : [2, d.file_only || "", 0, 0];
    }
  }

  // Every run of text (or image) the Markdown stage marked, with the file and place
  // where it starts: the page's own file, or the data file a value was read from.
  function sourceMarks(file) {
    return Array.prototype.map.call(document.querySelectorAll("[data-ps-at]"), function (e) {
      var at = e.getAttribute("data-ps-at").split(":");
      return {
        el: e, file: e.getAttribute("data-ps-file") || file, line: +at[0], col: +at[1],
        image: e.getAttribute("data-ps-kind") === "image"
      };
    });
  }

  // The run that holds line:column, and how far into it the problem starts. A problem
  // placed on markup before the words of its line (a heading's `##`, a link's `[`) is
  // about the next run of that line, which is marked whole.
  function locate(all, file, line, col) {
    var best = null;
    var marks = all.filter(function (m) { return m.file === file; });
    marks.forEach(function (m) {
      if (m.line === line && m.col <= col && (!best || m.col >= best.col)) { best = m; }
    });
    if (best && (best.image || col - best.col < Array.from(best.el.textContent).length)) {
      return { m: best, offset: best.image ? 0 : col - best.col, whole: false };
    }
    for (var i = 0; i < marks.length; i++) {
      var m = marks[i];
      if (m.line === line && m.col > col) { return { m: m, offset: 0, whole: true }; }
    }
    return null;
  }

  function highlight(marks, d, i) {
    var at = locate(marks, d.location.file, d.location.line, d.location.column);
    if (!at) { return null; }
    var mark = el("mark", "ps-hl ps-" + d.severity);
    mark.id = "ps-hl-" + i;
    mark.tabIndex = 0;
    mark.setAttribute("role", "note");
    mark.setAttribute("aria-label", explain(d));
    mark.setAttribute("data-ps-label", label(d));
    mark.title = explain(d);
    if (at.m.image) {
      while (at.m.el.firstChild) { mark.appendChild(at.m.el.firstChild); }
      at.m.el.appendChild(mark);
      return mark;
    }
    var length = at.whole ? Array.from(at.m.el.textContent).length : d.location.length;
    return wrap(at.m.el, at.offset, Math.max(1, length), mark);
  }

  // Wraps `length` characters from `offset` of a run's text, within one text node.
  function wrap(run, offset, length, mark) {
    var walker = document.createTreeWalker(run, NodeFilter.SHOW_TEXT);
    var node, pos = 0;
    while ((node = walker.nextNode())) {
      var chars = Array.from(node.data);
      if (offset < pos + chars.length) {
        var start = offset - pos;
        var end = Math.min(chars.length, start + length);
        var range = document.createRange();
        range.setStart(node, chars.slice(0, start).join("").length);
        range.setEnd(node, chars.slice(0, end).join("").length);
        range.surroundContents(mark);
        return mark;
      }
      pos += chars.length;
    }
    return null;
  }

  // The page editor (`serve --edit`): the page's Markdown in a text box; a save sends
  // the version it started from, so a change made on disk meanwhile is never lost.
  function openEditor(url, again) { openBox("ps-editor", "source", url, editor, "", again); }

  // Opens the box `id` (the page editor, an entry's form) for the page at `url` with
  // what the editor's `action` answers; a box already open gets the focus.
  function openBox(id, action, url, build, extra, again) {
    var old = document.getElementById(id);
    if (old) { old.querySelector("textarea, input, select").focus(); return; }
    var key = session(EDIT_KEY);
    var on = "&on=" + encodeURIComponent(location.pathname) + (extra || "");
    fetch(base + "edit/" + action + "?page=" + encodeURIComponent(url) + on, { headers: editHeaders(key), cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (data) { build(url, data, key, again); })
      .catch(function () { panel.appendChild(el("p", "", T.cannot_edit)); });
  }

  // The headers of a request to the editor: this run's key, the page's language (for
  // the words of a refusal) and, for a POST, the type of its body.
  function editHeaders(key, type) {
    var h = { "X-Plainsite-Token": key, "X-Plainsite-Lang": document.documentElement.lang };
    if (type) { h["Content-Type"] = type; }
    return h;
  }

  // Sends `payload` to the editor's `action`; `answer` gets the status, the answer's
  // JSON (null when it is not JSON) and its text.
  function post(action, key, payload, answer) {
    return fetch(base + "edit/" + action, {
      method: "POST",
      headers: editHeaders(key, "application/json"),
      body: JSON.stringify(payload)
    }).then(function (r) {
      return r.text().then(function (body) {
        var data = null;
        try { data = JSON.parse(body); } catch (e) { data = null; }
        answer(r.status, data, body);
      });
    });
  }

  // Shows what a save answered in `parts.status` (and the file as it is now in
  // `parts.conflict`); returns the version the next save starts from, if it changed.
  function answered(code, data, body, parts) {
    if (code === 200 && data) {
      parts.saved();
      return data.version;
    }
    if (code === 409 && data) {
      parts.status.textContent = T.conflict;
      parts.conflict.appendChild(parts.theirs(data));
      return data.version;
    }
    parts.status.textContent = T.not_saved + (code === 422 && data ? "" : " " + body);
    if (code === 422 && data) { parts.status.appendChild(el("pre", "", data.problems.join("\n"))); }
    return null;
  }

  function editor(url, src, key, again) {
    session(EDITING, url);
    var box = el("section", "ps-editor");
    box.id = "ps-editor";
    box.setAttribute("aria-labelledby", "ps-editor-title");
    var h = el("h2", "", T.editing + " " + src.file);
    h.id = "ps-editor-title";
    var label = el("label", "", T.text_label);
    label.htmlFor = "ps-editor-text";
    var text = el("textarea");
    text.id = "ps-editor-text";
    text.rows = 18;
    text.value = src.text;
    // What was loaded or last saved: the dev server's reload waits while the text
    // differs from it, so unsaved words are never lost to a teammate's save.
    text.defaultValue = src.text;
    var b = controls(), save = b.save, close = b.close, status = b.status, conflict = b.conflict;
    var live = el("div", "ps-editor-status");
    live.id = "ps-live";
    live.setAttribute("role", "status");
    var images = imageControls(url, key, text);
    [h, label, text, save, close, status, live, conflict, images].forEach(function (e) { box.appendChild(e); });
    panel.insertBefore(box, panel.firstChild.nextSibling);
    text.focus();
    var version = src.version;
    liveChecks(url, key, text, live);
    if (again) { confirmAgain(status, box.id, url); }
    close.addEventListener("click", function () { session(EDITING, null); closed(box); });
    var parts = {
      status: status,
      conflict: conflict,
      saved: function () {
        text.defaultValue = text.value;
        confirmSave(status, box.id, url, T.saved, T.saved_shown);
      },
      theirs: function (data) { return readOnly("ps-theirs", T.theirs, data.current); }
    };
    save.addEventListener("click", function () {
      session(SAVED, null);
      status.textContent = "";
      conflict.textContent = "";
      post("save", key, { page: url, base: version, text: text.value }, function (code, data, body) {
        version = answered(code, data, body, parts) || version;
      }).catch(function () { status.textContent = T.not_saved; });
    });
  }

  // Adding an image: its file, what it shows (required unless the author ticks
  // "decoration"). The server checks the file and writes it beside the page; its
  // Markdown goes into the text at the cursor, to be saved with the page.
  function imageControls(url, key, text) {
    var box = el("fieldset", "ps-image");
    box.appendChild(el("legend", "", T.image));
    function field(id, type, words) {
      var input = el("input");
      input.type = type;
      input.id = id;
      var label = el("label", "", words);
      label.htmlFor = id;
      if (type === "checkbox") { box.appendChild(input); box.appendChild(label); } else { box.appendChild(label); box.appendChild(input); }
      return input;
    }
    var file = field("ps-image-file", "file", T.image_file);
    file.accept = "image/png,image/jpeg,image/gif,image/webp";
    var alt = field("ps-image-alt", "text", T.image_alt);
    var decorative = field("ps-image-decorative", "checkbox", T.image_decorative);
    var add = el("button", "ps-toggle", T.image_add);
    add.type = "button";
    var status = el("div", "ps-editor-status");
    status.setAttribute("role", "status");
    box.appendChild(add);
    box.appendChild(status);
    add.addEventListener("click", function () {
      var chosen = file.files && file.files[0];
      if (!chosen) { status.textContent = T.image_no_file; return; }
      if (!decorative.checked && !alt.value.trim()) { status.textContent = T.image_no_alt; alt.focus(); return; }
      status.textContent = "";
      var q = "?page=" + encodeURIComponent(url) + "&name=" + encodeURIComponent(chosen.name) +
        "&alt=" + encodeURIComponent(alt.value) + "&decorative=" + (decorative.checked ? "1" : "0");
      chosen.arrayBuffer().then(function (bytes) {
        return fetch(base + "edit/image" + q, {
          method: "POST",
          headers: editHeaders(key, "application/octet-stream"),
          body: bytes
        });
      }).then(function (r) {
        return r.text().then(function (body) {
          var data = null;
          try { data = JSON.parse(body); } catch (e) { data = null; }
          if (r.status === 200 && data) {
            var at = text.selectionStart;
            text.value = text.value.slice(0, at) + data.markdown + text.value.slice(text.selectionEnd);
            text.selectionStart = text.selectionEnd = at + data.markdown.length;
            text.dispatchEvent(new Event("input"));
            alt.value = "";
            file.value = "";
            status.textContent = T.image_added;
          } else if (r.status === 413) {
            status.textContent = T.image_too_big;
          } else {
            status.textContent = T.not_saved + " " + (data && data.problems ? data.problems.join(" ") : body);
          }
        });
      }).catch(function () { status.textContent = T.not_saved; });
    });
    return box;
  }

  // As the author types (after a pause), the server checks the unsaved text with the
  // same checks as a build and renders it; the page shows it with its marks and figures.
  // Nothing is written. One check at a time: typing meanwhile asks for one more after it.
  function liveChecks(url, key, text, live) {
    var timer = null, busy = false, again = false;
    text.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(check, 300);
    });
    function check() {
      if (busy) { again = true; return; }
      busy = true;
      // An answer for words typed over since it was asked for is old: the check that
      // the typing asks for answers for the words as they are.
      var sent = text.value;
      post("check", key, { page: url, text: sent }, function (code, data) {
        if (text.value === sent) { checked(code, data); }
      })
        .catch(function () { live.textContent = ""; })
        .then(function () {
          busy = false;
          if (again) { again = false; check(); }
        });
    }
    function checked(code, data) {
      if (code === 200 && data && data.page) {
        if (data.html) { previewMain(data.html); }
        show(data.page, clear());
        live.textContent = T.live + " (" + data.page.problems.length + " " + T.problems.toLowerCase() + ").";
      } else if (code === 422 && data) {
        live.textContent = T.live_broken;
        live.appendChild(el("pre", "", data.problems.join("\n")));
      }
    }
  }

  // Puts the <main> of a rendered page in place of this page's.
  function previewMain(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var fresh = doc.querySelector("main");
    var old = document.querySelector("main");
    if (fresh && old) { old.replaceWith(document.adoptNode(fresh)); }
  }

  // The form for the data entry a page shows (a finding, a recommendation): one field
  // for each value of the data model, a list of the allowed values where there are
  // some. A save changes only those values in the data file.
  function openEntry(url, again) { openBox("ps-entry", "entry", url, entryForm, "", again); }

  // Glossary terms, key messages and people have no page of their own: each one the
  // page shows gets an "Edit" button, which opens the form for it by its kind and name
  // (a person by their place in the list, as their name may not be shown in full). The
  // server finds it in the data file of the page's language.
  // The form of the entry being edited opens again after a reload (its own save's
  // build reloads the page when the page does not change in place), saying it was
  // saved, as a page's own entry's form does; not when the form was kept in place.
  function namedEntries(kept) {
    var shown = [
      ["glossary_term", "dl.glossary > .glossary-entry > dt[id]"],
      ["key_message", "section.key-messages .card-title"],
      ["person", "ul.people > li .person-name"]
    ];
    var editing = session(EDITING), again = null;
    shown.forEach(function (s) {
      document.querySelectorAll(s[1]).forEach(function (e, i) {
        var name = (e.firstChild && e.firstChild.nodeType === 3 ? e.firstChild.data : e.textContent).trim();
        var url = s[0] + ":" + (s[0] === "person" ? i : name);
        var b = el("button", "ps-toggle ps-entry-edit", T.edit_short);
        b.type = "button";
        b.setAttribute("aria-label", T.edit_entry + ": " + name);
        b.addEventListener("click", function () { openEntry(url); });
        e.appendChild(b);
        if (url === editing) { again = url; }
      });
    });
    if (again && !kept) { openEntry(again, true); }
  }

  function entryForm(url, form, key, again) {
    session(EDITING, url);
    var box = el("section", "ps-editor");
    box.id = "ps-entry";
    box.setAttribute("aria-labelledby", "ps-entry-title");
    var h = el("h2", "", T.entry_title + " " + form.id + " (" + form.file + ")");
    h.id = "ps-entry-title";
    box.appendChild(h);
    var inputs = fieldInputs(box, form, "ps-field-");
    var b = controls(), save = b.save, close = b.close, status = b.status, conflict = b.conflict;
    [save, close, status, conflict].forEach(function (e) { box.appendChild(e); });
    panel.insertBefore(box, panel.firstChild.nextSibling);
    var version = form.version;
    if (again) { confirmAgain(status, box.id, url); }
    close.addEventListener("click", function () { session(EDITING, null); closed(box); });
    var parts = {
      status: status,
      conflict: conflict,
      saved: function () {
        Object.keys(inputs).forEach(function (k) {
          var i = inputs[k];
          if (i.tagName === "SELECT") {
            Array.prototype.forEach.call(i.options, function (o) { o.defaultSelected = o.selected; });
          } else if (i.tagName === "FIELDSET") {
            i.querySelectorAll("input").forEach(function (c) { c.defaultChecked = c.checked; });
          } else { i.defaultValue = i.value; }
        });
        confirmSave(status, box.id, url, T.entry_saved, T.saved_shown);
      },
      theirs: function (data) {
        return readOnly("ps-entry-theirs", T.entry_theirs, Object.keys(data.current).map(function (k) {
          return k + ": " + data.current[k];
        }).join("\n"));
      }
    };
    save.addEventListener("click", function () {
      session(SAVED, null);
      status.textContent = "";
      conflict.textContent = "";
      post("entry", key, { page: url, on: location.pathname, base: version, values: valuesOf(inputs) }, function (code, data, body) {
        version = answered(code, data, body, parts) || version;
      }).catch(function () { status.textContent = T.not_saved; });
    });
    (Object.keys(inputs).map(function (k) { return inputs[k]; })[0] || save).focus();
  }

  // A labelled input for each field of a form, added to `box`: its plain name, a
  // one-line hint and, in small print, its key in the file (for people who read the
  // file); a list where only some values are allowed, a group of check boxes where
  // several may be chosen. Returns them by field name (see `valueOf`).
  function fieldInputs(box, form, prefix) {
    var inputs = {};
    form.fields.forEach(function (f) {
      var id = prefix + f.name;
      var said = function (what) { return T[what + "_" + form.kind + "_" + f.name]; };
      var name = (said("field") || f.name) + (f.required ? " (" + T.required + ")" : "");
      var hint = el("div", "ps-hint", said("hint") ? said("hint") + " " : "");
      hint.id = id + "-hint";
      var key = hint.appendChild(el("small", "ps-key", T.in_the_file + " "));
      key.appendChild(el("code", "", f.name));
      var input;
      if (f.many) {
        input = el("fieldset", "ps-choices");
        input.appendChild(el("legend", "", name));
        input.appendChild(hint);
        f.choices.forEach(function (c) {
          var row = input.appendChild(el("div", "ps-choice"));
          var check = row.appendChild(el("input"));
          check.type = "checkbox";
          check.id = id + "-" + c;
          check.value = c;
          check.checked = check.defaultChecked = f.value.indexOf(c) >= 0;
          row.appendChild(el("label", "", choice(f.name, c))).htmlFor = check.id;
        });
        box.appendChild(input);
      } else {
        var label = box.appendChild(el("label", "ps-field-label", name));
        label.htmlFor = id;
        if (f.choices.length) {
          input = el("select");
          f.choices.forEach(function (c) {
            var o = el("option", "", choice(f.name, c));
            o.value = c;
            o.selected = o.defaultSelected = c === f.value;
            input.appendChild(o);
          });
        } else {
          input = el("input");
          input.type = "text";
          input.value = input.defaultValue = f.value;
        }
        input.required = f.required;
        box.appendChild(hint);
        box.appendChild(input);
      }
      input.id = id;
      input.setAttribute("aria-describedby", hint.id);
      inputs[f.name] = input;
    });
    return inputs;
  }

  // A choice of a field in plain words (its value as it is in the file when the words
  // have none).
  function choice(field, value) {
    return T["choice_" + field + "_" + value] || value;
  }

  // The value a form's input holds: its text, or the values of the boxes ticked.
  function valueOf(input) {
    if (input.tagName !== "FIELDSET") { return input.value; }
    return Array.prototype.filter.call(input.querySelectorAll("input"), function (c) {
      return c.checked;
    }).map(function (c) { return c.value; });
  }

  // The values of a form's inputs, by field name.
  function valuesOf(inputs) {
    var values = {};
    Object.keys(inputs).forEach(function (k) { values[k] = valueOf(inputs[k]); });
    return values;
  }

  // "Add a finding" (a recommendation, a term, a key message, a person) on each page
  // that shows a list of them (the server says which). The server finds the list of
  // the page's language.
  function addButtons(lists, kept) {
    var names = {
      finding: T.add_finding, recommendation: T.add_recommendation,
      glossary_term: T.add_term, key_message: T.add_key_message, person: T.add_person
    };
    lists.forEach(function (list) {
      var b = el("button", "ps-toggle", names[list.kind]);
      b.type = "button";
      function open(again) { openBox("ps-add", "add", "new", function (url, form, key, reopened) { addForm(list, form, key, reopened); }, "&kind=" + list.kind, again); }
      b.addEventListener("click", function () { open(false); });
      panel.insertBefore(b, kept || null);
      if (!kept && session(ADDING) === list.kind + " " + location.pathname) { open(true); }
    });
  }

  // The form for a new entry: every field empty, the allowed values where there are
  // some. Once added, a finding's or a recommendation's new page opens when it is ready.
  function addForm(list, form, key, again) {
    var kind = list.kind;
    var box = el("section", "ps-editor");
    box.id = "ps-add";
    box.setAttribute("aria-labelledby", "ps-add-title");
    var h = el("h2", "", T.add_title + " " + form.file);
    h.id = "ps-add-title";
    box.appendChild(h);
    var inputs = fieldInputs(box, form, "ps-new-field-");
    var b = controls();
    b.save.textContent = T.add;
    [b.save, b.close, b.status, b.conflict].forEach(function (e) { box.appendChild(e); });
    panel.insertBefore(box, panel.firstChild.nextSibling);
    var version = form.version;
    var here = kind + " " + location.pathname;
    if (again) { confirmAgain(b.status, box.id, here); }
    b.close.addEventListener("click", function () { session(ADDING, null); closed(box); });
    b.save.addEventListener("click", function () {
      session(SAVED, null);
      b.status.textContent = "";
      b.conflict.textContent = "";
      post("add", key, { kind: kind, on: location.pathname, base: version, values: valuesOf(inputs) }, function (code, data, body) {
        version = answered(code, data, body, {
          status: b.status,
          conflict: b.conflict,
          saved: function () {
            if (list.pages) {
              b.status.textContent = T.added;
              whenReady(list.pages + encodeURIComponent(data.id) + "/");
              return;
            }
            // The entry shows on this page: the build's reload shows it, and the form
            // opens again, empty for the next one, saying the last was added.
            emptied(box);
            session(ADDING, here);
            confirmSave(b.status, box.id, here, T.added);
          },
          theirs: function (d) { return readOnly("ps-add-theirs", T.theirs, d.current); }
        }) || version;
      }).catch(function () { b.status.textContent = T.not_saved; });
    });
    (Object.keys(inputs).map(function (k) { return inputs[k]; })[0] || b.save).focus();
  }

  // The form for a new page: its title and the name in its address. Once made, the
  // new page opens as soon as the build has written it.
  function newPage() {
    var old = document.getElementById("ps-new");
    if (old) { old.querySelector("input").focus(); return; }
    var key = session(EDIT_KEY);
    var box = el("section", "ps-editor");
    box.id = "ps-new";
    box.setAttribute("aria-labelledby", "ps-new-title");
    var h = el("h2", "", T.new_page);
    h.id = "ps-new-title";
    box.appendChild(h);
    var fields = [["ps-new-page-title", T.new_title], ["ps-new-page-name", T.new_name]].map(function (f) {
      var label = el("label", "", f[1]);
      label.htmlFor = f[0];
      var input = el("input");
      input.type = "text";
      input.id = f[0];
      input.required = true;
      box.appendChild(label);
      box.appendChild(input);
      return input;
    });
    var b = controls();
    b.save.textContent = T.make;
    [b.save, b.close, b.status].forEach(function (e) { box.appendChild(e); });
    panel.insertBefore(box, panel.querySelector(".ps-editor") || panel.querySelector("h2"));
    fields[0].focus();
    b.close.addEventListener("click", function () { closed(box); });
    b.save.addEventListener("click", function () {
      b.status.textContent = "";
      post("new", key, { title: fields[0].value, name: fields[1].value }, function (code, data, body) {
        if (code === 200 && data) {
          b.status.textContent = T.made;
          whenReady(data.url);
        } else {
          b.status.textContent = T.not_saved + (data && data.problems ? "" : " " + body);
          if (data && data.problems) { b.status.appendChild(el("pre", "", data.problems.join("\n"))); }
        }
      }).catch(function () { b.status.textContent = T.not_saved; });
    });
  }

  // Goes to `url` once the dev server has it.
  function whenReady(url) {
    fetch(url, { method: "HEAD", cache: "no-store" }).then(function (r) {
      if (r.ok) { location.href = url; } else { setTimeout(function () { whenReady(url); }, 300); }
    }).catch(function () { setTimeout(function () { whenReady(url); }, 1000); });
  }

  // A box's Save and Close buttons, the line that says how a save went, and the place
  // for the file as it is now after a refused save.
  function controls() {
    var save = el("button", "ps-toggle", T.save);
    save.type = "button";
    var close = el("button", "ps-toggle", T.close);
    close.type = "button";
    var status = el("div", "ps-editor-status");
    status.setAttribute("role", "status");
    return { save: save, close: close, status: status, conflict: el("div") };
  }

  function readOnly(id, title, value) {
    var wrap = el("div");
    var label = el("label", "", title);
    label.htmlFor = id;
    var area = el("textarea");
    area.id = id;
    area.rows = 12;
    area.readOnly = true;
    area.value = value;
    wrap.appendChild(label);
    wrap.appendChild(area);
    return wrap;
  }

  // The live author report: every page's figures and every problem of the site.
  function dashboard() {
    var main = document.getElementById("ps-report");
    var status = document.getElementById("ps-report-status");
    fetch(base + "site.json", { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (site) {
        main.appendChild(el("h2", "", T.pages));
        var table = el("table");
        var head = el("tr");
        [T.page, T.grade, T.target, T.words, T.count].forEach(function (t) {
          var th = el("th", "", t);
          th.scope = "col";
          head.appendChild(th);
        });
        table.appendChild(el("thead")).appendChild(head);
        var body = table.appendChild(el("tbody"));
        site.pages.forEach(function (p) {
          var tr = el("tr");
          var a = el("a", "", p.title || p.url);
          a.href = p.url;
          tr.appendChild(el("td")).appendChild(a);
          tr.appendChild(el("td", p.over_target ? "ps-over" : "", p.grade_text));
          tr.appendChild(el("td", "", String(p.target)));
          tr.appendChild(el("td", "", String(p.words)));
          tr.appendChild(el("td", "", String(site.problems.filter(function (d) {
            return d.location && d.location.file === p.file;
          }).length)));
          body.appendChild(tr);
        });
        main.appendChild(table);
        main.appendChild(el("h2", "", T.all + " (" + site.problems.length + ")"));
        var list = el("ul");
        site.problems.forEach(function (d) {
          var li = el("li", "", T[d.severity] + " [" + label(d) + "]: " + d.message + " ");
          li.appendChild(el("span", "ps-place", place(d)));
          list.appendChild(li);
        });
        main.appendChild(list);
        status.textContent = T.loaded;
      })
      .catch(function () { status.textContent = T.unknown; });
  }
})();
