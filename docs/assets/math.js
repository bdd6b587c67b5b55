/* Our docs site only: render the TeX that pymdownx.arithmatex (generic mode) leaves in pages,
   in the glossary's index entries and in glossary tooltips, with the vendored KaTeX.
   Pages: on every (instant) page load through Material's document$. Tooltips: their content is
   inserted when they open, so a MutationObserver renders math that appears later. */
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

  new MutationObserver(function (records) {
    records.forEach(function (record) {
      record.addedNodes.forEach(function (node) {
        if (node.nodeType === 1 && node.closest && node.closest(".glossary-popup, [role=dialog]")) {
          render(node.parentNode || node);
        } else if (node.nodeType === 1 && node.querySelector && node.querySelector(".glossary-popup .arithmatex")) {
          render(node);
        }
      });
    });
  }).observe(document.documentElement, { childList: true, subtree: true });

  if (window.document$) {
    window.document$.subscribe(function () { render(document.body); });
  } else {
    document.addEventListener("DOMContentLoaded", function () { render(document.body); });
  }
})();
