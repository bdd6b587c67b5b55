/* mkdocs-glossary-plugin: tooltips for a.glossary-term links. One non-modal dialog (WAI-ARIA
   APG), placed right after its mention so Tab reaches its link. Definitions come from the page's
   own hidden payload (attributes only), so it works offline and after instant navigation. */
(function (w, d) {
  if (w.__glossaryTips) return;
  w.__glossaryTips = 1;
  var SEL = "a.glossary-term[data-glossary-term]", ID = "glossary-popup",
    pop, cur, timer, ptr, quiet;

  function mention(n) { return n && n.closest ? n.closest(SEL) : null; }
  function within(n) { return !!n && !!cur && (cur.contains(n) || pop.contains(n)); }
  function hovered() { return cur && (cur.matches(":hover") || pop.matches(":hover")); }
  function stop() { clearTimeout(timer); timer = 0; }
  function later(f, ms) { stop(); timer = setTimeout(f, ms); }
  function el(tag, cls, text) {
    var e = d.createElement(tag);
    e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }
  function attr(e, k, v) { e.setAttribute(k, v); }

  // The summary HTML was rendered from the author's Markdown at build time and lands on every
  // page that mentions the term, so nothing in it may run. It is parsed in an inert document
  // (nothing runs or loads there) and cleaned there by allow-lists; its nodes are then moved into
  // the popup as they are, never serialised and parsed again (no mutation XSS).
  function words(s) {
    var o = Object.create(null); // no inherited names ("constructor") in a lookup
    s.split(" ").forEach(function (k) { o[k] = 1; });
    return o;
  }
  var KEEP = words("a abbr b bdi bdo blockquote br caption cite code col colgroup dd del dfn " +
      "div dl dt em figcaption figure hr i img ins kbd li mark ol p pre q rp rt ruby s samp " +
      "small span strong sub sup table tbody td tfoot th thead time tr u ul var wbr"),
    // Go with their content: they run, load or embed something, or their content is not text
    // a reader should see. Any other element not kept gives way to its (cleaned) content.
    DROP = words("script style template noscript iframe frameset object embed audio video " +
      "textarea select title xmp noembed noframes plaintext"),
    ATTRS = words("class title lang dir a:href img:src img:alt img:width img:height ol:start " +
      "ol:reversed td:colspan td:rowspan th:colspan th:rowspan time:datetime");

  // A URL as the browser itself reads it: its parser removes tabs and newlines, strips leading
  // controls and spaces and lower-cases the scheme, so `java\tscript:` is javascript: here.
  // Relative and fragment URLs resolve to http:. data: only for raster images in img.
  function safeUrl(v, img) {
    try { var u = new URL(v, "http://h/"); } catch (e) { return false; }
    return /^(https?|mailto):$/.test(u.protocol) ||
      img && u.protocol == "data:" && /^image\/(png|gif|jpeg|webp|avif)[;,]/i.test(u.pathname);
  }

  // Elements are kept by name in the HTML namespace only: SVG and MathML go whole (math in a
  // summary is TeX text that MathJax or KaTeX typesets later), and so do comments. Attributes
  // are kept by name too: no on*, style, id or name (DOM clobbering), srcdoc, formaction...
  function scrub(parent) {
    [].slice.call(parent.childNodes).forEach(function (n) {
      var t = n.localName;
      if (n.nodeType == 3) return;
      if (n.nodeType != 1 || n.namespaceURI != "http://www.w3.org/1999/xhtml" || DROP[t])
        return n.remove();
      scrub(n);
      if (!KEEP[t]) return n.replaceWith.apply(n, [].slice.call(n.childNodes));
      [].slice.call(n.attributes).forEach(function (a) {
        var k = a.name;
        if (/:/.test(k) || !(ATTRS[k] || ATTRS[t + ":" + k]) ||
          (k == "href" || k == "src") && !safeUrl(a.value, t == "img")) n.removeAttributeNode(a);
      });
    });
  }

  function clean(html) {
    var b = new DOMParser().parseFromString(html, "text/html").body;
    scrub(b);
    return [].slice.call(b.childNodes);
  }

  function data(id) {
    var all = d.querySelectorAll("[data-glossary-summary]");
    for (var i = 0; i < all.length; i++)
      if (all[i].getAttribute("data-glossary-term") === id) return all[i];
  }

  function open(a) {
    stop();
    if (cur === a) return;
    close();
    var p = data(a.getAttribute("data-glossary-term"));
    if (!p) return;
    if (!pop) {
      pop = el("div", "glossary-popup");
      pop.id = ID;
      pop.tabIndex = -1;
      attr(pop, "role", "dialog");
      attr(pop, "aria-labelledby", ID + "-name");
      // Images loading or math typeset later change its size: place it again.
      if (w.ResizeObserver) new ResizeObserver(function () { place(); }).observe(pop);
    }
    var name = el("div", "glossary-popup__name", p.getAttribute("data-glossary-name")),
      body = el("div", "glossary-popup__body"),
      more = el("a", "glossary-popup__more",
        p.parentNode.getAttribute("data-glossary-label") || "Open in glossary");
    name.id = ID + "-name";
    body.append.apply(body, clean(p.getAttribute("data-glossary-summary") || ""));
    attr(more, "href", a.getAttribute("href"));
    pop.replaceChildren(name, body, more);
    a.after(pop);
    cur = a;
    attr(a, "aria-expanded", "true");
    attr(a, "aria-controls", ID);
    place();
    var mj = w.MathJax;
    if (mj && mj.typesetPromise) mj.typesetPromise([body]).catch(function () {});
    // For a site's own scripts (KaTeX and the like): the popup's content is new.
    pop.dispatchEvent(new CustomEvent("glossary:open", { bubbles: true, detail: { term: a } }));
  }

  function close(refocus) {
    stop();
    if (!cur) return;
    var a = cur;
    cur = null;
    attr(a, "aria-expanded", "false");
    a.removeAttribute("aria-controls");
    pop.remove();
    if (refocus) { quiet = a; a.focus(); quiet = null; }
  }

  // Below the mention, above it when there is no room below, always inside the viewport.
  function place() {
    if (!cur) return;
    var s = pop.style, r = cur.getClientRects()[0] || cur.getBoundingClientRect(),
      e = d.documentElement, vw = e.clientWidth, vh = e.clientHeight, g = 8, w2, h, top, up;
    s.left = s.top = "0";
    w2 = pop.offsetWidth;
    h = pop.offsetHeight;
    top = r.bottom + g;
    up = top + h > vh - g && r.top - g - h >= g;
    if (up) top = r.top - g - h;
    s.left = Math.max(g, Math.min(r.left, vw - w2 - g)) + "px";
    s.top = Math.max(g, Math.min(top, vh - h - g)) + "px";
    pop.classList.toggle("glossary-popup--above", up);
  }

  function init() {
    close();
    d.querySelectorAll(SEL).forEach(function (a) {
      // Material binds its instant preview to each content link; a clone drops those bindings
      // so only our dialog shows on our links.
      if (w.document$) { var c = a.cloneNode(true); a.replaceWith(c); a = c; }
      attr(a, "aria-haspopup", "dialog");
      attr(a, "aria-expanded", "false");
    });
  }

  d.addEventListener("pointerover", function (e) {
    if (e.pointerType == "touch") return;
    if (within(e.target)) return stop();
    var a = mention(e.target);
    if (a) later(function () { open(a); }, 300);
  });
  d.addEventListener("pointerout", function (e) {
    var t = e.relatedTarget, a = mention(e.target);
    if (e.pointerType == "touch" || within(t) || a && a.contains(t)) return;
    if (!a && !within(e.target)) return;
    if (cur && !within(d.activeElement)) later(close, 300);
    else stop();
  });
  d.addEventListener("focusin", function (e) {
    var a = mention(e.target);
    if (within(e.target)) stop();
    else if (a && a !== quiet && !ptr) open(a); // keyboard focus only: a tap or click is handled below
  });
  d.addEventListener("focusout", function (e) {
    if (cur && within(e.target) && !within(e.relatedTarget) && !hovered()) close();
  });
  d.addEventListener("keydown", function (e) {
    ptr = 0;
    if (e.key == "Escape" && cur) {
      e.stopPropagation();
      close(within(d.activeElement));
    }
  }, true);
  d.addEventListener("pointerdown", function (e) {
    ptr = e.pointerType;
    if (cur && !within(e.target)) close();
  }, true);
  // Capture on window runs before Material's instant navigation and preview handlers.
  w.addEventListener("click", function (e) {
    var a = mention(e.target);
    if (a && (ptr == "touch" || ptr == "pen") && cur !== a) {
      e.preventDefault();
      e.stopPropagation();
      open(a);
    }
  }, true);
  w.addEventListener("scroll", function () { place(); }, { capture: true, passive: true });
  w.addEventListener("resize", function () { place(); });

  if (w.document$ && w.document$.subscribe) w.document$.subscribe(init);
  else if (d.readyState == "loading") d.addEventListener("DOMContentLoaded", init);
  else init();
})(window, document);
