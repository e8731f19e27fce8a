/* Reading options (larger text, high contrast, listen to the page) and the
   commune finder. No server, no third party: the speech comes from the
   browser's own synthesis, the options are kept in this browser only. */
(function () {
  "use strict";

  var root = document.documentElement;
  var OPTIONS = ["grand-texte", "contraste"];

  function remembered(option) {
    try { return window.localStorage.getItem("option-" + option) === "oui"; } catch (e) { return false; }
  }

  function remember(option, on) {
    try { window.localStorage.setItem("option-" + option, on ? "oui" : "non"); } catch (e) { /* private mode */ }
  }

  function showOption(option, on) {
    root.classList.toggle("option-" + option, on);
    document.querySelectorAll('[data-option="' + option + '"]').forEach(function (button) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }

  function setUpOptions() {
    OPTIONS.forEach(function (option) {
      showOption(option, remembered(option));
      document.querySelectorAll('[data-option="' + option + '"]').forEach(function (button) {
        button.hidden = false;
        button.addEventListener("click", function () {
          var on = !root.classList.contains("option-" + option);
          remember(option, on);
          showOption(option, on);
        });
      });
    });
  }

  /* "Écouter la page": read the article aloud in its language, paragraph by
     paragraph (long utterances are cut off by some browsers). */
  function setUpListening() {
    var button = document.querySelector('[data-action="ecouter"]');
    if (!button || !("speechSynthesis" in window)) return;
    var label = button.querySelector(".libelle");
    button.hidden = false;

    function stopped() {
      button.setAttribute("aria-pressed", "false");
      label.textContent = "Écouter la page";
    }

    button.addEventListener("click", function () {
      if (window.speechSynthesis.speaking) {
        window.speechSynthesis.cancel();
        stopped();
        return;
      }
      var article = document.querySelector("article").cloneNode(true);
      article.querySelectorAll(".options-lecture, .icone, [hidden]").forEach(function (n) { n.remove(); });
      var parts = article.innerText.split(/\n+/).map(function (t) { return t.trim(); }).filter(Boolean);
      // Dutch and English pages wrap their content in an element with its language.
      var wrapper = document.querySelector("article > [lang]");
      var language = (wrapper ? wrapper.getAttribute("lang") : root.lang) || "fr";
      var locale = { fr: "fr-FR", nl: "nl-BE", en: "en-GB" }[language] || language;
      var voice = window.speechSynthesis.getVoices().filter(function (v) {
        return v.lang.toLowerCase().indexOf(language) === 0;
      })[0];
      parts.forEach(function (text, index) {
        var utterance = new SpeechSynthesisUtterance(text);
        utterance.lang = locale;
        if (voice) utterance.voice = voice;
        if (index === parts.length - 1) utterance.onend = stopped;
        window.speechSynthesis.speak(utterance);
      });
      button.setAttribute("aria-pressed", "true");
      label.textContent = "Arrêter la lecture";
    });
  }

  /* Commune finder: the communes are in the page (a JSON block), so it works from a USB key too.
     It forgives missing accents and hyphens ("st omer" finds Saint-Omer), a letter or two off
     ("dunkerke"), and knows the former communes people still name ("Mardyck" → Dunkerque).
     Without JavaScript, the form opens the index of communes by letter. */
  function normalise(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/œ/g, "oe").replace(/æ/g, "ae")
      .replace(/[-'’]/g, " ").replace(/\bsainte\b/g, "ste").replace(/\bsaint\b/g, "st")
      .replace(/\s+/g, " ").trim();
  }

  /* Letters to change, add, remove or swap to go from one word to the other. */
  function distance(a, b) {
    var rows = [], i, j;
    for (i = 0; i <= a.length; i++) { rows.push([i]); }
    for (j = 1; j <= b.length; j++) { rows[0][j] = j; }
    for (i = 1; i <= a.length; i++) {
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
        }
      }
    }
    return rows[a.length][b.length];
  }

  /* How well a name answers the query: 0 the same, 1 its beginning, 2 a word of it,
     3 and more a letter or two off; null, not at all. */
  function closeness(query, name) {
    var q = query.replace(/ /g, ""), n = name.replace(/ /g, "");
    if (n === q) return 0;
    if (n.indexOf(q) === 0) return 1;
    if ((" " + name).indexOf(" " + query) !== -1) return 2;
    if (q.length < 4) return null;
    var allowed = q.length <= 5 ? 1 : 2;
    var off = Math.min(distance(q, n), distance(q, n.slice(0, q.length)));
    return off <= allowed ? 2 + off : null;
  }

  function findCommunes(communes, text) {
    var query = normalise(text);
    if (!query) return [];
    var found = [];
    communes.forEach(function (commune) {
      var best = null, via = null;
      if (/^[0-9]+$/.test(query)) {
        if (commune.c.some(function (code) { return code.indexOf(query) === 0; })) best = 0;
      } else {
        [[commune.k, null]].concat(commune.a.map(function (key, i) { return [key, commune.an[i]]; }))
          .forEach(function (pair) {
            var score = closeness(query, pair[0]);
            if (score !== null && (best === null || score < best)) { best = score; via = pair[1]; }
          });
      }
      if (best !== null) found.push({ commune: commune, score: best, via: via });
    });
    return found.sort(function (a, b) { return a.score - b.score || a.commune.k.localeCompare(b.commune.k); });
  }

  function closestNames(communes, text) {
    var query = normalise(text).replace(/ /g, "");
    return communes.map(function (commune) {
      return { commune: commune, off: distance(query, commune.k.replace(/ /g, "").slice(0, query.length + 2)) };
    }).sort(function (a, b) { return a.off - b.off; }).slice(0, 3);
  }

  /* From a folder (the site on a USB key), a page is its index.html: no server adds it. */
  var offline = window.location.protocol === "file:";
  function pageAddress(url) {
    return offline && /\/$/.test(url) ? url + "index.html" : url;
  }

  /* The search needs a server: from a folder, it is hidden and the commune finder stays. */
  function setUpOffline() {
    if (offline) document.documentElement.classList.add("hors-ligne");
  }

  function setUpCommuneFinder() {
    document.querySelectorAll("[data-recherche-commune]").forEach(function (form) {
      var data = form.querySelector(".donnees-communes");
      if (!data) return;
      var communes = JSON.parse(data.textContent);
      var input = form.querySelector("input");
      var status = form.querySelector(".resultat-commune");
      var list = form.querySelector(".suggestions-communes");
      var index = form.getAttribute("action");

      function link(commune, via) {
        var item = document.createElement("li");
        var anchor = document.createElement("a");
        anchor.href = pageAddress(commune.u);
        anchor.textContent = commune.n;
        item.appendChild(anchor);
        item.appendChild(document.createTextNode(
          (via ? " : " + via + " en fait partie" : "") + " (" + commune.c.join(", ") + ")"));
        return item;
      }

      function show() {
        list.textContent = "";
        if (!normalise(input.value)) { status.textContent = ""; return []; }
        var found = findCommunes(communes, input.value);
        found.slice(0, 8).forEach(function (match) { list.appendChild(link(match.commune, match.via)); });
        if (found.length) {
          status.textContent = found.length === 1 ? "1 commune trouvée." : found.length + " communes trouvées.";
        } else {
          status.textContent = "Nous n'avons pas trouvé « " + input.value.trim() + " ». Est-ce une de ces communes ?";
          closestNames(communes, input.value).forEach(function (near) { list.appendChild(link(near.commune, null)); });
          var item = document.createElement("li");
          var all = document.createElement("a");
          all.href = index;
          all.textContent = "Choisir la première lettre de votre commune";
          item.appendChild(all);
          list.appendChild(item);
        }
        return found;
      }

      input.addEventListener("input", show);
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var found = show();
        if (found.length === 1 || (found.length && found[0].score === 0)) {
          window.location.href = pageAddress(found[0].commune.u);
        } else if (list.querySelector("a")) {
          list.querySelector("a").focus();
        }
      });
      var query = new URLSearchParams(window.location.search).get("commune");
      if (query) { input.value = query; show(); }
    });
  }

  function setUpPrinting() {
    var button = document.querySelector('[data-action="imprimer"]');
    if (!button || !window.print) return;
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  }

  /* On the search page, the search box opens at once. */
  function setUpSearchPage() {
    var input = document.querySelector(".md-search__input");
    if (input && document.querySelector("[data-page-recherche]")) input.focus();
  }

  /* The theme wraps wide tables in a box that scrolls sideways on phones:
     make it reachable with the keyboard, and name it (WCAG 2.1.1). */
  function makeScrollingTablesFocusable() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) {
      box.tabIndex = 0;
      box.setAttribute("role", "region");
      var caption = box.querySelector("caption");
      box.setAttribute("aria-label", caption ? caption.textContent : "Tableau");
    });
  }

  setUpOffline();
  setUpOptions();
  setUpPrinting();
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(makeScrollingTablesFocusable);
  } else {
    makeScrollingTablesFocusable();
  }
  setUpSearchPage();
  setUpListening();
  setUpCommuneFinder();
})();
