// Quick exit: the "Quitter rapidement" link, or Escape pressed twice within a second, wipes the
// page and this tab's sessionStorage, then replaces the page with a neutral site.
//
// location.replace() takes the page out of the tab's history, so Back does not return to it.
// The link's href also points to the neutral site, so the exit still works without JavaScript.

const DEFAULT_EXIT_URL = "https://meteo.gc.ca/";
const DOUBLE_ESCAPE_WINDOW_MS = 1000;

/** Return the exit URL from <body data-exit-url>, or the default when it is missing or not https. */
function exitUrl() {
  const configured = document.body.dataset.exitUrl;
  if (configured) {
    try {
      const url = new URL(configured);
      if (url.protocol === "https:") {
        return url.href;
      }
    } catch {
      // An invalid attribute falls through to the default: leaving matters more than where to.
    }
  }
  return DEFAULT_EXIT_URL;
}

/** Clear this tab's storage and the page's content, then leave for the exit URL. */
export function quickExit() {
  sessionStorage.clear();

  // Blank the page first, because the neutral site may take a moment to load.
  document.title = "";
  for (const element of document.querySelectorAll("main, footer")) {
    element.replaceChildren();
  }

  window.location.replace(exitUrl());
}

function watchDoubleEscape() {
  let lastEscapeAt = -Infinity;

  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") {
      return;
    }
    const now = performance.now();
    if (now - lastEscapeAt <= DOUBLE_ESCAPE_WINDOW_MS) {
      quickExit();
      return;
    }
    lastEscapeAt = now;
  });
}

function setUpQuickExit() {
  const link = document.getElementById("quick-exit");
  if (link) {
    link.href = exitUrl();
    link.addEventListener("click", (event) => {
      event.preventDefault();
      quickExit();
    });
  }
  watchDoubleEscape();
}

setUpQuickExit();
