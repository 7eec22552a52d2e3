// plainsite dev server: reloads the page after each good build, and shows the error of a
// failed build over the last good page. Added to pages only by `plainsite serve`.
(function () {
  "use strict";
  var base = document.currentScript.src.replace(/reload\.js(\?.*)?$/, "");
  var version = null;
  var box = null;
  var shown = null;
  // The words, in the page's language: the theme's (the [writing_room] section of its
  // i18n files, with the site's own over them), which the dev server hands out. Until
  // they come, or if they cannot, English (the theme's own words, en.toml).
  var T = { build_failed: "The site did not build. It still shows the last good version." };
  fetch(base + "words.json?lang=" + encodeURIComponent(document.documentElement.lang || ""), { cache: "no-store" })
    .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
    .then(function (words) {
      if (!words || typeof words.build_failed !== "string") { return; }
      T = words;
      if (shown) { show(shown); }
    })
    .catch(function () { /* the English above stays */ });

  function show(error) {
    shown = error || null;
    if (!error) {
      if (box) { box.remove(); box = null; }
      return;
    }
    if (!box) {
      box = document.createElement("div");
      box.setAttribute("role", "alert");
      box.id = "plainsite-build-error";
      var s = box.style;
      s.position = "fixed"; s.left = "0"; s.right = "0"; s.bottom = "0"; s.maxHeight = "60vh";
      s.overflow = "auto"; s.zIndex = "2147483647"; s.background = "#fff"; s.color = "#111";
      s.borderTop = "4px solid #b00020"; s.padding = "1rem"; s.font = "16px/1.5 monospace";
      document.body.appendChild(box);
    }
    box.textContent = "";
    var h = document.createElement("strong");
    h.textContent = T.build_failed;
    var pre = document.createElement("pre");
    pre.style.whiteSpace = "pre-wrap";
    pre.textContent = error;
    box.appendChild(h);
    box.appendChild(pre);
  }

  // The page editor, an entry's form or a new one (serve --edit) holds words not saved yet: a
  // reload would lose them.
  function unsaved() {
    return Array.prototype.some.call(document.querySelectorAll("#ps-editor-text, #ps-entry input, #ps-entry select, #ps-new input, #ps-add input, #ps-add select"), function (e) {
      if (e.type === "checkbox") { return e.checked !== e.defaultChecked; }
      return e.tagName === "SELECT" ? chosen(e) : e.value !== e.defaultValue;
    });
  }

  // Whether a list shows another choice than it opened with: the option marked as the
  // default, or the first when none is (a new entry's list, untouched, is not a change).
  function chosen(select) {
    var first = Array.prototype.findIndex.call(select.options, function (o) { return o.defaultSelected; });
    return select.selectedIndex !== Math.max(first, 0);
  }

  // The page outside <main> as the server sent it: this script runs where the page ends,
  // before the theme's deferred scripts change it (search.js adds its results panel).
  var sent = document.body ? outside(document.body) : null;

  // After a one-page update only the page's <main> changed: it is swapped in, which is
  // much quicker than a reload, and the author view is told to mark it again. Anything
  // else that differs outside <main>, or a script inside it, needs a real reload.
  function swapMain() {
    return fetch(location.href, { cache: "no-store" })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = doc.querySelector("main");
        var old = document.querySelector("main");
        var before = sent === null ? outside(document.body) : sent;
        if (!fresh || !old || fresh.querySelector("script") || outside(doc.body) !== before) {
          return unsaved() ? null : location.reload();
        }
        old.replaceWith(document.adoptNode(fresh));
        document.title = doc.title;
        document.dispatchEvent(new CustomEvent("plainsite:updated"));
        return null;
      })
      .catch(function () { if (!unsaved()) { location.reload(); } });
  }

  // The page outside <main>, without what the dev server's scripts added.
  function outside(body) {
    var copy = body.cloneNode(true);
    copy.querySelectorAll("main, script, aside.ps-author, #plainsite-build-error").forEach(function (e) { e.remove(); });
    return copy.innerHTML.replace(/\s+/g, " ");
  }

  function poll() {
    var url = base + "poll" + (version === null ? "" : "?since=" + version);
    fetch(url, { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (state) {
        var changed = version !== null && state.version !== version && !state.error;
        if (changed && state.pages_only) {
          version = state.version;
          show(null);
          // The author view starts fetching the page's problems meanwhile.
          document.dispatchEvent(new CustomEvent("plainsite:updating"));
          swapMain().then(poll);
          return;
        }
        if (changed && !unsaved()) {
          location.reload();
          return;
        }
        // Held back for words not saved: the page catches up once they are gone.
        behind = behind || changed;
        version = state.version;
        show(state.error);
        poll();
      })
      .catch(function () { setTimeout(poll, 1000); });
  }
  // A form of the author view was closed (author.js): a build held back for its words
  // is shown now.
  var behind = false;
  document.addEventListener("plainsite:settled", function () {
    if (behind && !unsaved()) { location.reload(); }
  });
  poll();
})();
