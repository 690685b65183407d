// Renders the bot's small Markdown subset into DOM nodes without ever parsing HTML.
//
// Supported: **bold**, _italic_, [label](target) and newlines. Every piece of text reaches the
// page through textContent, so markup in a message is shown as text. A link becomes an <a>
// only when its target is tel:, sms:, https: or a path on this site; any other target leaves
// the label as plain text.

// One token per match, tried in this order at each position: link, bold, italic.
// Italic underscores must not touch a letter or digit outside, so "info_social" stays as is.
const INLINE_TOKEN = new RegExp(
  [
    String.raw`\[([^\]\n]+)\]\(([^()\s]+)\)`,
    String.raw`\*\*(?=\S)(.+?)(?<=\S)\*\*`,
    String.raw`(?<![\p{L}\p{N}_])_(?=\S)(.+?)(?<=\S)_(?![\p{L}\p{N}_])`,
  ].join("|"),
  "gu",
);

const ALLOWED_SCHEMES = new Set(["tel:", "sms:", "https:"]);

/**
 * Return the href to use for a Markdown link target, or null when the target is not allowed.
 *
 * Same-site paths must start with one slash: "//host" and "/\host" are read by browsers as
 * another host.
 */
export function safeHref(target) {
  if (/^\/(?![/\\])/.test(target)) {
    const url = new URL(target, window.location.origin);
    return url.origin === window.location.origin ? url.pathname + url.search + url.hash : null;
  }

  let url;
  try {
    url = new URL(target);
  } catch {
    return null;
  }
  return ALLOWED_SCHEMES.has(url.protocol) ? url.href : null;
}

function buildLink(label, target) {
  const href = safeHref(target);
  if (href === null) {
    return document.createTextNode(label);
  }

  const link = document.createElement("a");
  link.href = href;
  link.textContent = label;
  if (href.startsWith("https:")) {
    // The other site gets no Referer header and no window.opener handle on this page.
    link.rel = "noopener noreferrer";
  }
  return link;
}

function appendInline(parent, text) {
  let position = 0;

  for (const match of text.matchAll(INLINE_TOKEN)) {
    if (match.index > position) {
      parent.append(document.createTextNode(text.slice(position, match.index)));
    }

    const [, linkLabel, linkTarget, boldText, italicText] = match;
    if (linkLabel !== undefined) {
      parent.append(buildLink(linkLabel, linkTarget));
    } else if (boldText !== undefined) {
      const strong = document.createElement("strong");
      appendInline(strong, boldText);
      parent.append(strong);
    } else {
      const emphasis = document.createElement("em");
      appendInline(emphasis, italicText);
      parent.append(emphasis);
    }

    position = match.index + match[0].length;
  }

  if (position < text.length) {
    parent.append(document.createTextNode(text.slice(position)));
  }
}

/** Build a fragment of text lines for one bot message, with <br> between lines. */
export function renderMarkdown(text) {
  const fragment = document.createDocumentFragment();

  text.split("\n").forEach((line, index) => {
    if (index > 0) {
      fragment.append(document.createElement("br"));
    }
    appendInline(fragment, line);
  });

  return fragment;
}
