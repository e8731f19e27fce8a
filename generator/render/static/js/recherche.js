/* The search page: Pagefind's index of the site (written at build time by
   generator/output/search_index.py), read in this browser; nothing leaves it.
   Pagefind ignores accents and knows word forms ("demandeurs" finds "demandeur").
   What it does not forgive, a letter missing, doubled or swapped, is corrected
   here first, with the words the pages hold ("transprt" → "transport").
   The communes are not in the index (thousands of pages that hold a name each):
   they are found in the commune finder's list (options.js), shown first.
   Results come by batches of 20, services first, then the other pages. They are
   built as text nodes: nothing from the index is ever read as HTML. */
(function () {
  "use strict";

  var BATCH = 20; // results shown at once: each one costs a small download
  var COMMUNES_SHOWN = 5; // more: the commune finder lists them all
  var box = document.querySelector("[data-recherche]");
  if (!box) return;
  var form = box.querySelector("form");
  var input = form.querySelector("input");
  var status = box.querySelector(".statut-recherche");
  var output = box.querySelector(".resultats-recherche");
  var indexUrl = new URL(box.getAttribute("data-index"), document.baseURI);
  var wordsUrl = new URL(box.getAttribute("data-mots"), document.baseURI);
  var communesUrl = new URL(box.getAttribute("data-communes"), document.baseURI);
  var finderUrl = new URL(box.getAttribute("data-trouver-commune"), document.baseURI);
  var pagefind = null;
  var knownWords = null;

  function load() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind.js", indexUrl).href).then(function (module) {
        // Result addresses start from the site's root, wherever the site is published.
        return module.options({ baseUrl: new URL("..", indexUrl).pathname }).then(function () { return module; });
      });
    }
    return pagefind;
  }

  function words() {
    if (!knownWords) {
      knownWords = fetch(wordsUrl.href).then(function (answer) { return answer.ok ? answer.json() : []; })
        .catch(function () { return []; });
    }
    return knownWords;
  }

  function plain(text) {
    return text.toLowerCase().replace(/œ/g, "oe").replace(/æ/g, "ae")
      .normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  /* Letters to change, add, remove or swap to go from one word to the other: the commune
     finder's measure (options.js, which runs first). */
  var distance = window.mobiliteSolidaire.distance;

  /* Is the word typed in the pages: a word of theirs, its beginning, or one of theirs with an
     ending added ("chomeurs" for "chomeur"), which Pagefind's stemming finds? */
  function known(typed, words) {
    return words.some(function (word) {
      return word.indexOf(typed) === 0 || (typed.indexOf(word) === 0 && typed.length - word.length <= 2);
    });
  }

  /* A word the pages do not hold becomes the most frequent one a letter off (two for long words;
     the list is sorted by frequency). Short words are left alone: "bus" is a letter off "but". */
  function corrected(word, words) {
    var typed = plain(word);
    if (typed.length < 4 || known(typed, words)) return word;
    var allowed = typed.length >= 8 ? 2 : 1;
    for (var i = 0; i < words.length; i++) {
      var candidate = words[i];
      if (Math.abs(candidate.length - typed.length) <= allowed && distance(typed, candidate) <= allowed) {
        return candidate;
      }
    }
    return word;
  }

  function correctedQuery(query) {
    return words().then(function (list) {
      return query.split(/\s+/).filter(Boolean).map(function (word) { return corrected(word, list); }).join(" ");
    });
  }

  function communeList() {
    return window.mobiliteSolidaire.communeList(communesUrl.href).catch(function () { return []; });
  }

  /* The communes a query names: by their name, its beginning or one of its words ("st omer",
     "62100" by postcode), from four letters on; else a word of the query that is a commune's
     very name ("bus calais"). The commune finder's loose matches ("permis" is two letters off
     "Pernes") are kept for a query that finds nothing else (`communesNear`). */
  function communesNamed(list, text) {
    var find = window.mobiliteSolidaire.findCommunes;
    var long = plain(text).replace(/[^a-z0-9]/g, "").length >= 4;
    var found = find(list, text).filter(function (match) { return match.score === 0 || (long && match.score <= 2); });
    if (found.length) return found;
    return text.split(/\s+/).reduce(function (all, word) {
      return all.concat(find(list, word).filter(function (match) {
        return match.score === 0 && all.every(function (seen) { return seen.commune !== match.commune; });
      }));
    }, []);
  }

  function communesNear(list, text) {
    return window.mobiliteSolidaire.findCommunes(list, text).slice(0, 3);
  }

  /* The communes first: who can help near the person is on their page. */
  function showCommunes(view, typed) {
    var part = view.communes;
    var list = part.querySelector("ol");
    view.communesFound.slice(0, COMMUNES_SHOWN).forEach(function (match) {
      list.appendChild(window.mobiliteSolidaire.communeItem(finderUrl.href, match.commune, match.via));
    });
    if (view.communesFound.length > COMMUNES_SHOWN) {
      var entry = document.createElement("li");
      var all = document.createElement("a");
      all.href = finderUrl.href + "?commune=" + encodeURIComponent(typed);
      all.textContent = "Voir les " + view.communesFound.length + " communes trouvées";
      entry.appendChild(all);
      list.appendChild(entry);
    }
    part.hidden = !view.communesFound.length;
  }

  /* Pagefind ranks every page; the results are shown by batches, each split in two lists:
     the services, then the other pages (a service's address starts with "services/"). */
  function isService(page) {
    var services = new URL("../services/", indexUrl).pathname;
    return page.url.indexOf(services) === 0 && page.url.length > services.length;
  }

  /* Pagefind's excerpt is HTML with <mark> around the words found: keep the words and the marks. */
  function excerpt(html) {
    var paragraph = document.createElement("p");
    var parsed = new DOMParser().parseFromString(html, "text/html").body;
    parsed.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        paragraph.appendChild(mark);
      } else {
        paragraph.appendChild(document.createTextNode(node.textContent));
      }
    });
    return paragraph;
  }

  function item(page) {
    var entry = document.createElement("li");
    var link = document.createElement("a");
    link.href = page.url;
    link.textContent = page.meta.title;
    entry.appendChild(link);
    entry.appendChild(excerpt(page.excerpt));
    return entry;
  }

  function section(title, kind) {
    var part = document.createElement("section");
    part.className = "resultats-" + kind;
    var heading = document.createElement("h3");
    heading.textContent = title;
    part.appendChild(heading);
    part.appendChild(document.createElement("ol"));
    part.hidden = true;
    output.appendChild(part);
    return part;
  }

  /* French quotation marks, kept with their words by non-breaking spaces. */
  function quoted(text) {
    return "«\u00a0" + text + "\u00a0»";
  }

  function count(number, one, many) {
    return number === 1 ? "1 " + one : number + " " + many;
  }

  /* One batch more in the lists; the first link added is returned, for the focus. */
  function showBatch(view) {
    var batch = view.results.slice(view.shown, view.shown + BATCH);
    view.shown += batch.length;
    return Promise.all(batch.map(function (result) { return result.data(); })).then(function (pages) {
      var first = null;
      pages.forEach(function (page) {
        var part = isService(page) ? view.services : view.others;
        var entry = item(page);
        part.hidden = false;
        part.querySelector("ol").appendChild(entry);
        first = first || entry.querySelector("a");
        view[part === view.services ? "serviceCount" : "otherCount"] += 1;
      });
      view.more.hidden = view.shown >= view.results.length;
      return first;
    });
  }

  function summary(typed, query, view) {
    var said = plain(query) === plain(typed) ? quoted(typed)
      : quoted(query) + " (vous avez tapé " + quoted(typed) + ")";
    var communes = view.communesFound.length;
    if (view.guessed && communes) return "Nous n'avons rien trouvé pour " + said + ". Est-ce une de ces communes\u00a0?";
    if (!view.results.length && !communes) {
      return "Nous n'avons rien trouvé pour " + said + ". Essayez un autre mot, ou cherchez par commune.";
    }
    var named = communes ? count(communes, "commune", "communes") : "";
    if (!view.results.length) return named + " pour " + said + ".";
    var split = count(view.serviceCount, "service", "services") + " et " +
      count(view.otherCount, "autre page", "autres pages");
    if (view.shown >= view.results.length) return (named ? named + ", " : "") + split + " pour " + said + ".";
    return (named ? named + " et " : "") + count(view.results.length, "résultat", "résultats") + " pour " +
      said + ". Voici les " + view.shown + " premiers\u00a0: " + split + ".";
  }

  function show(typed, query, results, communes, guessed) {
    output.textContent = "";
    var heading = document.createElement("h2");
    heading.tabIndex = -1;
    heading.textContent = "Résultats de la recherche";
    output.appendChild(heading);
    var view = { results: results, shown: 0, serviceCount: 0, otherCount: 0, communesFound: communes, guessed: guessed,
                 communes: section("Communes", "communes"), services: section("Services", "services"),
                 others: section("Autres pages", "autres") };
    showCommunes(view, typed);
    view.more = document.createElement("button");
    view.more.type = "button";
    view.more.className = "md-button";
    view.more.textContent = "Voir plus de résultats";
    view.more.hidden = true;
    output.appendChild(view.more);
    view.more.addEventListener("click", function () {
      showBatch(view).then(function (first) {
        status.textContent = summary(typed, query, view);
        if (first) first.focus();
      });
    });
    return showBatch(view).then(function () {
      status.textContent = summary(typed, query, view);
      return heading;
    });
  }

  /* A word the pages do not hold is corrected before searching (Pagefind would find words that
     merely look alike: "garrage" finds "gare"); the person is told what was searched. The name
     of a commune is searched as it is typed. */
  function search(typed, moveFocus) {
    typed = typed.trim();
    if (!typed) return Promise.resolve();
    status.textContent = "Recherche en cours…";
    return Promise.all([load(), correctedQuery(typed), communeList()]).then(function (ready) {
      var engine = ready[0], list = ready[2];
      var named = communesNamed(list, typed);
      var query = named.some(function (match) { return match.score === 0; }) ? typed : ready[1];
      if (!named.length && query !== typed) named = communesNamed(list, query);
      return engine.search(query).then(function (found) {
        var guessed = !found.results.length && !named.length;
        return show(typed, query, found.results, guessed ? communesNear(list, typed) : named, guessed);
      });
    }).then(function (heading) {
      if (moveFocus) heading.focus();
    }).catch(function () {
      status.textContent = "La recherche n'a pas pu se charger. Essayez de recharger la page.";
    });
  }

  if (window.location.protocol === "file:") {
    status.textContent = "La recherche ne marche pas sans internet. Cherchez par commune ou par public.";
    form.hidden = true;
    return;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var url = new URL(window.location.href);
    url.searchParams.set("q", input.value.trim());
    window.history.replaceState(null, "", url.href);
    search(input.value, true);
  });

  var asked = new URLSearchParams(window.location.search).get("q");
  if (asked) {
    input.value = asked;
    search(asked, true);
  } else {
    input.focus();
  }
})();
