// The policy brief: ?paper=a4 or ?paper=letter picks the printed page size, and the
// print button opens the browser's print dialog. ?sides=2 (set by `plainsite brief` when
// the brief does not fit one side) starts the second page at the chart, or else at the
// recommendations, so both sides hold about half. Without JavaScript the brief prints
// on the paper size set in site.toml.
(function () {
  var query = new URLSearchParams(window.location.search);
  var paper = query.get("paper");
  if (query.get("sides") === "2") {
    var at = document.querySelector(".brief-chart") || document.querySelector("[aria-labelledby=ps-brief-recs]") || document.querySelector(".brief-foot");
    if (at) at.classList.add("brief-page-two");
  }
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
