// Slides: arrow keys, Space, Page Up/Down, Home and End move between slides; the
// address changes with each slide (#slide-3), so a slide can be shared or reloaded;
// P (or the button) turns the presenter view with the speaker notes on and off.
// Without JavaScript the slides are a stack that scrolls one slide at a time.
(function () {
  "use strict";
  var slides = Array.prototype.slice.call(document.querySelectorAll(".slide"));
  if (!slides.length) return;
  var status = document.querySelector(".deck-status");
  var presenterButton = document.querySelector(".deck-presenter");
  var current = 0;
  // The slide a scroll we started is heading to; until it arrives, what the scroll
  // passes on the way does not change the current slide.
  var heading = -1;
  var headingTimer = 0;
  var reduce = window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  function headingOf(slide) {
    var h = slide.querySelector("h1, h2");
    return h ? h.textContent.trim() : "";
  }

  // `focus`: move keyboard focus to the slide (when the reader moved); `scroll`: bring
  // it into view without moving focus (on opening the deck at #slide-N).
  function go(index, focus, scroll) {
    index = Math.max(0, Math.min(slides.length - 1, index));
    slides[current].classList.remove("is-current");
    current = index;
    var slide = slides[current];
    slide.classList.add("is-current");
    slides.forEach(function (s, i) { s.classList.toggle("is-next", i === current + 1); });
    if (window.location.hash !== "#" + slide.id) {
      history.replaceState(null, "", "#" + slide.id);
    }
    if (focus) {
      slide.focus({ preventScroll: true });
    }
    if (focus || scroll) {
      heading = current;
      clearTimeout(headingTimer);
      headingTimer = setTimeout(function () { heading = -1; }, 1500);
      slide.scrollIntoView({ behavior: reduce || scroll ? "auto" : "smooth", block: "start" });
    }
    if (status) {
      status.textContent = slide.querySelector(".slide-number").textContent + (status.dataset.colon || ": ") + headingOf(slide);
    }
  }

  function fromHash() {
    var i = slides.findIndex(function (s) { return "#" + s.id === window.location.hash; });
    return i < 0 ? 0 : i;
  }

  function togglePresenter() {
    var on = document.body.classList.toggle("presenter");
    if (presenterButton) presenterButton.setAttribute("aria-pressed", on ? "true" : "false");
    go(current, true);
  }

  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var t = e.target;
    var typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
    if (typing) return;
    // Space and Enter keep their own job on links, buttons and summaries.
    var control = t && /^(A|BUTTON|SUMMARY)$/.test(t.tagName);
    switch (e.key) {
      case "ArrowRight": case "ArrowDown": case "PageDown":
        go(current + 1, true); break;
      case "ArrowLeft": case "ArrowUp": case "PageUp":
        go(current - 1, true); break;
      case " ": case "Spacebar":
        if (control) return;
        go(current + (e.shiftKey ? -1 : 1), true); break;
      case "Home": go(0, true); break;
      case "End": go(slides.length - 1, true); break;
      case "p": case "P": togglePresenter(); break;
      default: return;
    }
    e.preventDefault();
  });

  var prev = document.querySelector(".deck-prev");
  var next = document.querySelector(".deck-next");
  [prev, next, presenterButton].forEach(function (b) { if (b) b.hidden = false; });
  if (prev) prev.addEventListener("click", function () { go(current - 1, true); });
  if (next) next.addEventListener("click", function () { go(current + 1, true); });
  if (presenterButton) presenterButton.addEventListener("click", togglePresenter);
  if (new URLSearchParams(window.location.search).has("presenter")) {
    document.body.classList.add("presenter");
    if (presenterButton) presenterButton.setAttribute("aria-pressed", "true");
  }

  // The slide across the middle of the window now (not when the observer queued it:
  // a reader pressing keys quickly is ahead of the observer).
  function slideInView() {
    var middle = window.innerHeight / 2;
    return slides.findIndex(function (s) {
      var r = s.getBoundingClientRect();
      return r.top <= middle && r.bottom > middle;
    });
  }

  // Scrolling (touch, mouse wheel) also moves the current slide and the address.
  if ("IntersectionObserver" in window) {
    var seen = new IntersectionObserver(function () {
      if (document.body.classList.contains("presenter")) return;
      var i = slideInView();
      if (heading >= 0) {
        if (i === heading) heading = -1;
        return;
      }
      if (i >= 0 && i !== current) go(i, false);
    }, { threshold: 0.6 });
    slides.forEach(function (s) { seen.observe(s); });
  }
  window.addEventListener("hashchange", function () { go(fromHash(), true); });
  go(fromHash(), false, window.location.hash !== "");
})();
