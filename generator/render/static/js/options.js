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

  /* Commune finder: filters the list of communes already in the page, so the
     page works without JavaScript. "st omer", "Saint-Omer" and "62500" match. */
  function normalise(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/œ/g, "oe").replace(/æ/g, "ae")
      .replace(/[-'’]/g, " ").replace(/\bsainte\b/g, "ste").replace(/\bsaint\b/g, "st")
      .replace(/\s+/g, " ").trim();
  }

  function setUpCommuneFinder() {
    var form = document.querySelector("[data-recherche-commune]");
    var list = document.querySelector(".liste-communes");
    if (!form || !list) return;
    var input = form.querySelector("input");
    var result = document.querySelector(".resultat-commune");
    var items = Array.prototype.slice.call(list.querySelectorAll("li[data-cherche]"));
    var groups = Array.prototype.slice.call(list.querySelectorAll(".territoire-communes"));

    function filter() {
      var query = normalise(input.value);
      var shown = [];
      items.forEach(function (item) {
        var match = query === "" || item.getAttribute("data-cherche").indexOf(query) !== -1;
        item.hidden = !match;
        if (match) shown.push(item);
      });
      groups.forEach(function (group) { group.hidden = !group.querySelector("li[data-cherche]:not([hidden])"); });
      if (query === "") {
        result.textContent = "";
      } else if (shown.length === 0) {
        result.textContent = "Aucune commune trouvée. Vérifiez l'orthographe ou tapez le code postal.";
      } else {
        result.textContent = shown.length === 1 ? "1 commune trouvée." : shown.length + " communes trouvées.";
      }
    }

    var query = new URLSearchParams(window.location.search).get("commune");
    if (query) input.value = query;
    input.addEventListener("input", filter);
    form.addEventListener("submit", function (event) { event.preventDefault(); filter(); });
    filter();
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
