// The article page without reloads: the section in view marked in the table of contents,
// sources highlighted in place, section links copied. Without this file every link still works.
(function () {
  "use strict";

  function followSectionsInView() {
    var nav = document.querySelector(".section-nav");
    if (!nav || !("IntersectionObserver" in window)) return;
    var links = {};
    nav.querySelectorAll(".section-nav__list a").forEach(function (link) {
      links[decodeURIComponent(link.hash.slice(1))] = link;
    });
    var current = null;
    function mark(id) {
      var link = links[id] || null;
      if (link === current) return;
      if (current) current.removeAttribute("aria-current");
      if (link) link.setAttribute("aria-current", "true");
      current = link;
    }
    // A section is current while it crosses a line a third of the way down the window.
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) mark(entry.target.id);
      });
    }, { rootMargin: "-33% 0px -66% 0px" });
    document.querySelectorAll(".article-section").forEach(function (section) {
      observer.observe(section);
    });

    // On wide screens the contents are a sidebar: keep its <details> open there.
    var details = nav.querySelector("details");
    var wide = window.matchMedia("(min-width: 64rem)");
    function openWhenWide() {
      if (wide.matches) details.open = true;
    }
    openWhenWide();
    wide.addEventListener("change", openWhenWide);
    // On narrow screens the contents fold away once the reader has picked a section.
    nav.addEventListener("click", function (event) {
      if (!wide.matches && event.target.closest(".section-nav__list a")) details.open = false;
    });
  }

  function highlightSourcesInPlace() {
    var panel = document.getElementById("sources");
    var status = document.getElementById("source-filter");
    if (!panel || !status) return;
    var choices = panel.querySelectorAll("a[data-source]");

    function choose(slug) {
      var chosen = null;
      choices.forEach(function (choice) {
        var on = choice.dataset.source === slug;
        if (on) chosen = choice;
        if (on) choice.setAttribute("aria-current", "true");
        else choice.removeAttribute("aria-current");
      });
      document.querySelectorAll("[data-sources]").forEach(function (passage) {
        var cites = chosen && passage.dataset.sources.split(" ").indexOf(slug) !== -1;
        passage.classList.toggle("passage--cited", !!cites);
        passage.classList.toggle("passage--dimmed", !!chosen && !cites);
        var flag = passage.querySelector(".passage-flag");
        if (cites && !flag) {
          flag = document.createElement("span");
          flag.className = "visually-hidden passage-flag";
          flag.textContent = panel.dataset.flag;
          passage.prepend(flag);
        } else if (!cites && flag) {
          flag.remove();
        }
      });
      status.hidden = !chosen;
      if (chosen) {
        status.querySelector(".source-filter__name").textContent = chosen.textContent;
        status.querySelector(".source-filter__count").textContent = chosen.dataset.passages;
      }
      var url = new URL(window.location.href);
      if (chosen) url.searchParams.set("source", slug);
      else url.searchParams.delete("source");
      history.replaceState(null, "", url.pathname + url.search + url.hash);
    }

    document.addEventListener("click", function (event) {
      var choice = event.target.closest("a[data-source]");
      // A click that opens a new tab or window keeps the link's own address.
      if (!choice || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
      event.preventDefault();
      var slug = choice.dataset.source;
      choose(choice.getAttribute("aria-current") === "true" ? "" : slug);
    });
  }

  function copySectionLinks() {
    document.addEventListener("click", function (event) {
      var link = event.target.closest(".section-link");
      if (!link || !navigator.clipboard) return;
      navigator.clipboard.writeText(link.href).then(function () {
        link.dataset.state = "copied";
        link.setAttribute("title", link.dataset.copied);
        window.setTimeout(function () {
          delete link.dataset.state;
        }, 2000);
      }, function () {});
    });
  }

  followSectionsInView();
  highlightSourcesInPlace();
  copySectionLinks();
})();
