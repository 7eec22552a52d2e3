// The policy brief: ?paper=a4 or ?paper=letter picks the printed page size, and the
// print button opens the browser's print dialog. Without JavaScript the brief prints
// on the paper size set in site.toml.
(function () {
  var paper = new URLSearchParams(window.location.search).get("paper");
  var link = document.getElementById("paper-size");
  if (link && (paper === "a4" || paper === "letter")) {
    link.href = link.href.replace(/brief-(a4|letter)\.css$/, "brief-" + paper + ".css");
  }
  var button = document.querySelector(".brief-print");
  if (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  }
})();
