/* Our docs site only: render the TeX that pymdownx.arithmatex (generic mode) leaves in pages,
   in the glossary's index entries and in glossary tooltips, with the vendored KaTeX.
   Pages: on every (instant) page load through Material's document$. Tooltips: the plugin's
   script fires a bubbling "glossary:open" event on the tooltip each time it fills one. */
(function () {
  var delimiters = [
    { left: "\\(", right: "\\)", display: false },
    { left: "\\[", right: "\\]", display: true },
  ];

  function render(root) {
    if (!window.renderMathInElement) return;
    root.querySelectorAll(".arithmatex").forEach(function (el) {
      if (el.querySelector(".katex")) return; // already rendered
      window.renderMathInElement(el, { delimiters: delimiters, throwOnError: false });
    });
  }

  document.addEventListener("glossary:open", function (event) { render(event.target); });

  if (window.document$) {
    window.document$.subscribe(function () { render(document.body); });
  } else {
    document.addEventListener("DOMContentLoaded", function () { render(document.body); });
  }
})();
