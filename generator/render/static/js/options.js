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

  /* Listening, with the browser's own voice, in the page's language. "Écouter la page" reads
     the main text, one sentence at a time (a pause between each, a longer one between
     sections), and pauses and resumes; "Arrêter" ends it. Each card has its own "Écouter":
     the name, what it is, the phone number digit by digit. What a listener does not need
     is left out: the buttons, the icons, the forms, the "Voir le site" repeated on each card. */
  var NOT_READ = ".options-lecture, .ecouter, .icone, [hidden], .autre-moyen, .autres-contacts, " +
    ".adresse-imprimee, .signaler-lieu, .headerlink, form, fieldset, script, style, noscript";
  var BLOCKS = "h1, h2, h3, h4, p, li, dt, dd, th, td, figcaption, blockquote";
  var LOCALES = { fr: "fr-FR", nl: "nl-BE", en: "en-GB" };

  /* "Appeler le 03 21 00 00 00" → "Appeler le 0 3, 2 1, 0 0, 0 0, 0 0": a number is dialled digit by digit. */
  function spokenPhone(text) {
    return text.replace(/\d[\d \u00a0\u202f.]*\d/g, function (number) {
      return number.split(/[ \u00a0\u202f.]+/).map(function (group) { return group.split("").join(" "); }).join(", ");
    });
  }

  /* What the voice reads of `element`, in order: one sentence or title per piece. */
  function readingQueue(element) {
    var copy = element.cloneNode(true);
    copy.querySelectorAll(NOT_READ).forEach(function (node) { node.remove(); });
    copy.querySelectorAll('a[href^="tel:"]').forEach(function (link) {
      link.textContent = spokenPhone(link.textContent);
    });
    copy.querySelectorAll("br").forEach(function (br) { br.replaceWith("\n"); });
    var pieces = [];
    Array.prototype.filter.call(copy.querySelectorAll(BLOCKS), function (block) {
      return !block.querySelector(BLOCKS);
    }).forEach(function (block) {
      block.textContent.split("\n").forEach(function (line) {
        var text = line.replace(/\s+/g, " ").trim();
        if (text) pieces.push({ text: text, section: /^H[12]$/.test(block.tagName) });
      });
    });
    return pieces;
  }

  function setUpListening() {
    var button = document.querySelector('[data-action="ecouter"]');
    if (!button || !("speechSynthesis" in window)) return;
    var speech = window.speechSynthesis;
    var label = button.querySelector(".libelle");
    var listenPage = label.textContent;
    var stop = document.createElement("button");
    stop.type = "button";
    stop.className = "md-button";
    stop.hidden = true;
    stop.textContent = button.getAttribute("data-stop");
    button.after(stop);
    var language = root.lang || "fr";
    var voice = null;
    var state = "idle"; // "reading", "paused"
    var readings = 0; // a reading cancelled by a new one must not end the new one

    function show(next) {
      state = next;
      button.setAttribute("aria-pressed", state === "reading" ? "true" : "false");
      label.textContent = state === "idle" ? listenPage
        : button.getAttribute(state === "reading" ? "data-pause" : "data-resume");
      stop.hidden = state === "idle";
    }

    function read(pieces) {
      speech.cancel();
      var reading = ++readings;
      voice = voice || speech.getVoices().filter(function (v) {
        return v.lang.toLowerCase().indexOf(language) === 0;
      })[0];
      pieces.forEach(function (piece, index) {
        if (piece.section && index > 0) {
          speech.speak(utterance(" ")); // a longer pause before a new section
        }
        var spoken = utterance(piece.text);
        if (index === pieces.length - 1) {
          spoken.onend = function () { if (reading === readings) show("idle"); };
        }
        speech.speak(spoken);
      });
      show("reading");
    }

    function utterance(text) {
      var spoken = new SpeechSynthesisUtterance(text);
      spoken.lang = LOCALES[language] || language;
      if (voice) spoken.voice = voice;
      return spoken;
    }

    button.hidden = false;
    button.addEventListener("click", function () {
      if (state === "reading") { speech.pause(); show("paused"); return; }
      if (state === "paused") { speech.resume(); show("reading"); return; }
      read(readingQueue(document.querySelector("article")));
    });
    stop.addEventListener("click", function () {
      speech.cancel();
      show("idle");
      button.focus();
    });
    document.querySelectorAll(".ecouter").forEach(function (wrapper) {
      wrapper.hidden = false;
      wrapper.querySelector("button").addEventListener("click", function () {
        read(readingQueue(wrapper.closest(".carte-service, .carte-lieu")));
      });
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

  /* The list of communes is a script of its own (generator/render/markdown.py), loaded once,
     when it is first needed: the pages stay light, and a script loads from a USB key where a
     data file would not. */
  var communeLists = {};

  /* Each name's search key, as generator/content/records.py:search_key writes it (the list
     carries names only): `k` for the name, `a` for its former names. */
  function withSearchKeys(communes) {
    communes.forEach(function (commune) {
      commune.k = normalise(commune.n);
      commune.a = commune.an.map(normalise);
    });
    return communes;
  }

  function communeList(source) {
    var address = new URL(source, document.baseURI).href;
    if (!communeLists[address]) {
      communeLists[address] = new Promise(function (resolve, reject) {
        if (window.mobiliteSolidaireCommunes) { resolve(withSearchKeys(window.mobiliteSolidaireCommunes)); return; }
        var script = document.createElement("script");
        script.src = address;
        script.addEventListener("load", function () { resolve(withSearchKeys(window.mobiliteSolidaireCommunes)); });
        script.addEventListener("error", function () {
          delete communeLists[address]; // the next use tries again
          script.remove();
          reject(new Error("liste des communes"));
        });
        document.head.appendChild(script);
      });
    }
    return communeLists[address];
  }

  /* A commune's page: <insee>/ below the index of communes, its `folder`. */
  function communePage(folder, commune) {
    return pageAddress(folder + commune.i + "/");
  }

  /* A commune found, as the finder and the search page list it: its name, the former
     commune the person typed (`via`), its postcodes. */
  function communeItem(folder, commune, via) {
    var item = document.createElement("li");
    var anchor = document.createElement("a");
    anchor.href = communePage(folder, commune);
    anchor.textContent = commune.n;
    item.appendChild(anchor);
    item.appendChild(document.createTextNode(
      (via ? " : " + via + " en fait partie" : "") + " (" + commune.c.join(", ") + ")"));
    return item;
  }

  function setUpCommuneFinder() {
    document.querySelectorAll("[data-recherche-commune]").forEach(function (form) {
      var communes = null;
      var unavailable = false; // the list did not load: the form opens the index of communes
      var input = form.querySelector("input");
      var status = form.querySelector(".resultat-commune");
      var list = form.querySelector(".suggestions-communes");
      var index = form.getAttribute("action");
      var folder = new URL(".", form.action).href; // the index of communes: each page is <insee>/ below it

      function withCommunes(then) {
        if (communes) { then(); return; }
        if (input.value.trim()) status.textContent = "Chargement de la liste des communes\u2026";
        communeList(form.getAttribute("data-recherche-commune")).then(function (list) {
          communes = list;
          then();
        }, function () {
          unavailable = true;
          status.textContent = "La liste des communes ne se charge pas. Appuyez sur \u00ab\u00a0Chercher\u00a0\u00bb.";
        });
      }

      function link(commune, via) {
        return communeItem(folder, commune, via);
      }

      function show() {
        list.textContent = "";
        if (!normalise(input.value)) { status.textContent = ""; return []; }
        if (!communes) { withCommunes(show); return []; }
        var found = findCommunes(communes, input.value);
        found.slice(0, 8).forEach(function (match) { list.appendChild(link(match.commune, match.via)); });
        if (found.length) {
          status.textContent = found.length === 1 ? "1 commune trouvée." : found.length + " communes trouvées.";
        } else {
          status.textContent = "Nous n'avons pas trouvé «\u00a0" + input.value.trim() +
            "\u00a0». Est-ce une de ces communes\u00a0?";
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

      function go() {
        var found = show();
        if (found.length === 1 || (found.length && found[0].score === 0)) {
          window.location.href = communePage(folder, found[0].commune);
        } else if (list.querySelector("a")) {
          list.querySelector("a").focus();
        }
      }

      input.addEventListener("focus", function () { withCommunes(show); }, { once: true });
      input.addEventListener("input", show);
      form.addEventListener("submit", function (event) {
        if (unavailable) return;
        event.preventDefault();
        withCommunes(go);
      });
      var query = new URLSearchParams(window.location.search).get("commune");
      if (query) { input.value = query; withCommunes(show); }
    });
  }

  function setUpPrinting() {
    var button = document.querySelector('[data-action="imprimer"]');
    if (!button || !window.print) return;
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  }

  /* The menu button (the theme's label for its drawer): Enter or Space opens it, and the focus
     goes to its first link; Escape closes it and comes back to the button. Its state is said. */
  function setUpMenuButton() {
    var drawer = document.getElementById("__drawer");
    var button = document.querySelector(".bouton-menu");
    if (!drawer || !button) return;
    function firstLink() {
      return Array.prototype.find.call(document.querySelectorAll("#menu-principal a"), function (link) {
        return link.getClientRects().length > 0;
      });
    }
    drawer.addEventListener("change", function () {
      button.setAttribute("aria-expanded", drawer.checked ? "true" : "false");
      var link = drawer.checked && firstLink();
      if (link) link.focus();
    });
    button.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        drawer.click();
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && drawer.checked) {
        drawer.click();
        button.focus();
      }
    });
  }

  // Shared with the search page's script (recherche.js).
  window.mobiliteSolidaire = {
    distance: distance, communeList: communeList, findCommunes: findCommunes, communeItem: communeItem
  };

  setUpOffline();
  setUpMenuButton();
  setUpOptions();
  setUpPrinting();
  setUpListening();
  setUpCommuneFinder();
})();
