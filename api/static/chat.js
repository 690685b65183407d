// Chat page: sends each message to POST /api/chat and shows the bot's replies.
//
// The session id and the conversation live in sessionStorage only, so they disappear when the
// tab closes. Nothing is written to cookies or localStorage.

import { renderMarkdown } from "./markdown.js";

const SESSION_KEY = "ensemble.sessionId";
const CONVERSATION_KEY = "ensemble.conversation";

// The gateway waits up to 20 s for Rasa (GATEWAY_RASA_TIMEOUT_SECONDS) before it sends its own
// reply, so a request still open after this is lost.
const REQUEST_TIMEOUT_MS = 30000;

const SEND_FAILED_TEXT =
  "Le message n'a pas pu être envoyé. Vérifiez votre connexion, puis réessayez. " +
  "**En cas de danger immédiat, composez le [911](tel:911).**";
const CLEARED_TEXT = "La conversation a été effacée.";

// Input hints for the slot that the bot requests next ("expecting" in the API reply).
const HINTS = {
  region: { text: "Une ville, une région ou un code postal, par exemple : Rimouski.", inputMode: "text" },
  age: { text: "Un âge en chiffres, par exemple : 15.", inputMode: "numeric" },
  role: { text: "Choisissez une réponse suggérée ou écrivez la vôtre.", inputMode: "text" },
  situation: { text: "Choisissez une réponse suggérée ou écrivez la vôtre.", inputMode: "text" },
};

const elements = {
  log: document.getElementById("chat-log"),
  typing: document.getElementById("typing"),
  quickReplies: document.getElementById("quick-replies"),
  form: document.getElementById("chat-form"),
  input: document.getElementById("message-input"),
  hint: document.getElementById("message-hint"),
  clearButton: document.getElementById("clear-button"),
  status: document.getElementById("chat-status"),
};

let pending = false;

/** Return a random version 4 UUID, with a fallback for browsers without crypto.randomUUID. */
function newSessionId() {
  if (typeof crypto.randomUUID === "function") {
    return crypto.randomUUID();
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function sessionId() {
  let id = sessionStorage.getItem(SESSION_KEY);
  if (!id) {
    id = newSessionId();
    sessionStorage.setItem(SESSION_KEY, id);
  }
  return id;
}

/** Return the stored conversation: its messages, the pending quick replies and the expected slot. */
function loadConversation() {
  const empty = { messages: [], buttons: [], expecting: null };
  const stored = sessionStorage.getItem(CONVERSATION_KEY);
  if (!stored) {
    return empty;
  }
  try {
    return { ...empty, ...JSON.parse(stored) };
  } catch {
    // A damaged entry is dropped rather than shown, because it cannot be trusted.
    sessionStorage.removeItem(CONVERSATION_KEY);
    return empty;
  }
}

function saveConversation(conversation) {
  sessionStorage.setItem(CONVERSATION_KEY, JSON.stringify(conversation));
}

function scrollToLatest(bubble) {
  elements.log.scrollTop = elements.log.scrollHeight;
  bubble.scrollIntoView({ block: "nearest" });
}

function appendBubble(message) {
  const bubble = document.createElement("div");
  bubble.className = `bubble ${message.sender}`;
  if (message.urgent) {
    bubble.classList.add("urgent");
  }
  if (message.error) {
    bubble.classList.add("error");
  }

  // Screen readers hear who speaks, because the log announces only the new bubble's text.
  const speaker = document.createElement("span");
  speaker.className = "visually-hidden";
  speaker.textContent = message.sender === "user" ? "Vous : " : "Assistant : ";

  const body = document.createElement("p");
  body.append(speaker);
  if (message.sender === "user") {
    body.append(document.createTextNode(message.text));
  } else {
    body.append(renderMarkdown(message.text));
  }

  bubble.append(body);
  elements.log.append(bubble);
  scrollToLatest(bubble);
  return bubble;
}

function showHint(expecting, hasButtons) {
  const hint = HINTS[expecting];
  const showsHint = hint && (expecting === "region" || expecting === "age" || hasButtons);

  elements.hint.hidden = !showsHint;
  elements.hint.textContent = showsHint ? hint.text : "";
  elements.input.inputMode = hint ? hint.inputMode : "text";
  if (showsHint) {
    elements.input.setAttribute("aria-describedby", "message-hint");
  } else {
    elements.input.removeAttribute("aria-describedby");
  }
}

function showQuickReplies(buttons) {
  elements.quickReplies.replaceChildren();
  elements.quickReplies.hidden = buttons.length === 0;

  for (const { title, payload } of buttons) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "quick-reply";
    button.textContent = title;
    button.addEventListener("click", () => sendMessage(payload, title));
    elements.quickReplies.append(button);
  }
}

function setWaiting(waiting) {
  pending = waiting;
  elements.typing.hidden = !waiting;
  elements.log.setAttribute("aria-busy", waiting ? "true" : "false");
}

async function postMessage(message) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
  try {
    const response = await fetch("/api/chat", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ session_id: sessionId(), message }),
      credentials: "omit",
      signal: controller.signal,
    });
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      // The gateway explains a rejected request in French in "detail".
      const detail = body && typeof body.detail === "string" ? body.detail : null;
      throw new Error(detail || `HTTP ${response.status}`, { cause: { userText: detail } });
    }
    return body;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Send one message and show the replies. `shownText` is the text of the user's bubble, which
 * differs from `message` when a quick reply sends its payload.
 */
async function sendMessage(message, shownText = message) {
  if (pending || !message.trim()) {
    return;
  }

  const conversation = loadConversation();
  const userMessage = { sender: "user", text: shownText };
  const userBubble = appendBubble(userMessage);
  showQuickReplies([]);
  setWaiting(true);

  let reply;
  try {
    reply = await postMessage(message);
  } catch (error) {
    // The message was not delivered: take its bubble back and return the text to the input,
    // so that sending again does not show it twice.
    userBubble.remove();
    if (shownText === message) {
      elements.input.value = message;
    }
    const userText = error.cause && error.cause.userText;
    appendBubble({ sender: "bot", text: userText || SEND_FAILED_TEXT, error: true });
    showQuickReplies(conversation.buttons);
    setWaiting(false);
    elements.input.focus();
    return;
  }

  conversation.messages.push(userMessage);
  for (const { text } of reply.messages) {
    const botMessage = { sender: "bot", text, urgent: reply.urgent };
    conversation.messages.push(botMessage);
    appendBubble(botMessage);
  }

  // Quick replies come from the last message that has buttons.
  const withButtons = reply.messages.filter((item) => item.buttons && item.buttons.length);
  conversation.buttons = withButtons.length ? withButtons[withButtons.length - 1].buttons : [];
  conversation.expecting = reply.expecting;
  saveConversation(conversation);

  setWaiting(false);
  showQuickReplies(conversation.buttons);
  showHint(conversation.expecting, conversation.buttons.length > 0);

  // A clicked quick reply is gone now; give keyboard users a place to continue from.
  if (!document.activeElement || document.activeElement === document.body) {
    elements.input.focus();
  }
}

function clearConversation() {
  sessionStorage.removeItem(CONVERSATION_KEY);
  // A new session id makes the bot forget the old conversation too.
  sessionStorage.removeItem(SESSION_KEY);

  for (const bubble of elements.log.querySelectorAll(".bubble:not(.welcome)")) {
    bubble.remove();
  }
  showQuickReplies([]);
  showHint(null, false);
  elements.input.value = "";
  elements.status.textContent = CLEARED_TEXT;
  elements.input.focus();
}

function restoreConversation() {
  const conversation = loadConversation();
  for (const message of conversation.messages) {
    appendBubble(message);
  }
  showQuickReplies(conversation.buttons);
  showHint(conversation.expecting, conversation.buttons.length > 0);
}

function setUpChat() {
  elements.form.addEventListener("submit", (event) => {
    event.preventDefault();
    const message = elements.input.value;
    if (pending || !message.trim()) {
      return;
    }
    elements.input.value = "";
    elements.status.textContent = "";
    sendMessage(message);
  });

  elements.clearButton.addEventListener("click", clearConversation);
  restoreConversation();
}

setUpChat();
