// Loaded in <head>, before the page is drawn: the reading options the reader chose last time.
try {
  ["grand-texte", "contraste"].forEach(function (option) {
    if (localStorage.getItem("option-" + option) === "oui") {
      document.documentElement.classList.add("option-" + option);
    }
  });
} catch (e) {}
