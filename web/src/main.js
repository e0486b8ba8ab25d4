// The chat page: deep-chat (npm, bundled locally) over Rasa's REST channel.
// Safety: bot and user text are shown as text (markdown with HTML disabled); the only HTML
// this page builds is the buttons, from escaped titles and payloads. The server's
// Content-Security-Policy allows scripts from this origin only.
import "deep-chat";
import { CARD_CSS, RESULT_TYPE, escapeHtml, renderCard } from "./card.js";

const REST_URL = "/webhooks/rest/webhook";
const SESSION_URL = "/webhooks/rest/session";
const ID_KEY = "ee-chat-id";
const SEEN_KEY = "ee-chat-seen";
const LANGUAGE_KEY = "ee-chat-language";

// The page's own words in English and French. The conversation's language is the bot's (slot "language"): the
// EN | FR switch sends the switch payload, and every message carries the page's language as a default (the browser's
// language until the person picks one), which the bot uses only while no language is chosen.
export const UI = {
  en: {
    title: "Express Entry assistant",
    showData: "Show my data",
    deleteData: "Delete my data",
    endSession: "End session",
    endSessionHint: "Forget this chat in this browser (use it on a shared computer)",
    placeholder: "Type your answer…",
    unreachable: "Sorry, I can't reach the assistant right now. Please try again.",
    notRunning: "The assistant is not reachable. Is the Rasa server running?",
    send: "Send",
    conversation: "Conversation",
    chart: "Your CRS score chart",
    switchTitle: "English",
    notice: "General information, not legal advice. Your answers and this conversation are kept until you delete "
      + "them or for 180 days after your last message; on a shared computer, press \"End session\" when you are done "
      + "(this browser forgets the chat after 2 hours without a message)",
    officialSite: "official Express Entry site",
    officialUrl: "https://www.canada.ca/en/immigration-refugees-citizenship/services/immigrate-canada/express-entry.html",
  },
  fr: {
    title: "Assistant Entrée express",
    showData: "Voir mes données",
    deleteData: "Supprimer mes données",
    endSession: "Terminer la session",
    endSessionHint: "Oublier cette conversation dans ce navigateur (sur un ordinateur partagé)",
    placeholder: "Tapez votre réponse…",
    unreachable: "Désolé, je ne peux pas joindre l'assistant pour le moment. Veuillez réessayer.",
    notRunning: "L'assistant est injoignable. Le serveur Rasa est-il en marche?",
    send: "Envoyer",
    conversation: "Conversation",
    chart: "Le graphique de votre score SCG",
    switchTitle: "Français",
    notice: "Renseignements généraux, pas un avis juridique. Vos réponses et cette conversation sont conservées "
      + "jusqu'à ce que vous les supprimiez ou pendant 180 jours après votre dernier message; sur un ordinateur "
      + "partagé, appuyez sur « Terminer la session » une fois terminé (ce navigateur oublie la conversation après "
      + "2 heures sans message)",
    officialSite: "site officiel d'Entrée express",
    officialUrl: "https://www.canada.ca/fr/immigration-refugies-citoyennete/services/immigrer-canada/entree-express.html",
  },
};

// The page's language: the one picked with the EN | FR switch, else the browser's (French or English).
export function pageLanguage(stored = localStorage.getItem(LANGUAGE_KEY), browser = navigator.language) {
  if (stored === "en" || stored === "fr") return stored;
  return String(browser || "").toLowerCase().startsWith("fr") ? "fr" : "en";
}
let language = pageLanguage();
const words = () => UI[language];
// A shared computer must not offer the previous person's answers: the id is forgotten after
// this long without a message, and "End session" forgets it at once.
export const IDLE_LIMIT_MS = 2 * 60 * 60 * 1000;

function forgetSender() {
  localStorage.removeItem(ID_KEY);
  localStorage.removeItem(SEEN_KEY);
}

// The conversation id: issued and signed by the server (POST /webhooks/rest/session),
// kept in this browser until it has been idle for IDLE_LIMIT_MS.
async function senderId() {
  const seen = Number(localStorage.getItem(SEEN_KEY) || 0);
  let id = localStorage.getItem(ID_KEY);
  if (id && !(Date.now() - seen < IDLE_LIMIT_MS)) {
    forgetSender();
    id = null;
  }
  if (!id) {
    const response = await fetch(SESSION_URL, { method: "POST" });
    if (!response.ok) throw new Error(`The assistant answered with an error (${response.status}).`);
    id = (await response.json()).sender;
    localStorage.setItem(ID_KEY, id);
  }
  localStorage.setItem(SEEN_KEY, String(Date.now()));
  return id;
}

// Rasa's REST replies -> deep-chat messages. A result (custom payload "crs_result") is shown as one card, in
// place of the replies that follow it and say the same in words (their number: the payload's "messages").
export function toMessages(replies) {
  const out = [];
  let erased = false;
  let covered = 0;
  for (const reply of replies || []) {
    if (covered > 0) {
      covered -= 1;
      continue;
    }
    if (reply.custom && reply.custom.privacy === "deleted") {
      erased = true;
      continue;
    }
    if (reply.custom && reply.custom.type === RESULT_TYPE) {
      out.push({ role: "ai", html: renderCard(reply.custom) });
      covered = Number(reply.custom.messages) || 0;
      continue;
    }
    if (typeof reply.text === "string" && reply.text !== "") out.push({ role: "ai", text: reply.text });
    if (Array.isArray(reply.buttons) && reply.buttons.length) {
      const buttons = reply.buttons
        .map((b) => `<button type="button" class="deep-chat-button ee-button" data-payload="${escapeHtml(b.payload)}">${escapeHtml(b.title)}</button>`)
        .join("");
      out.push({ role: "ai", html: `<div class="ee-buttons">${buttons}</div>` });
    }
    if (typeof reply.image === "string" && reply.image) {
      out.push({ role: "ai", files: [{ src: reply.image, type: "image", name: words().chart }] });
    }
  }
  return { messages: out, erased };
}

async function post(text) {
  return fetch(REST_URL, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ sender: await senderId(), message: text, metadata: { language } }),
  });
}

async function askRasa(text) {
  let response = await post(text);
  if (response.status === 403) {  // an id the server no longer accepts (expired, ended, or its secret changed)
    forgetSender();
    response = await post(text);
  }
  if (!response.ok) throw new Error(`The assistant answered with an error (${response.status}).`);
  const { messages, erased } = toMessages(await response.json());
  if (erased) forgetSender();
  return messages;
}

// One request at a time, in the order asked: a click while a reply is pending waits its
// turn instead of being dropped.
let queue = Promise.resolve();
function inTurn(task) {
  const run = queue.then(task, task);
  queue = run.catch(() => {});
  return run;
}

const chat = document.getElementById("chat");

// A button (in the chat or the page's own): its title is shown as the user's message and its
// payload sent, after any reply still pending.
function sendPayload(title, payload) {
  chat.addMessage({ role: "user", text: title });
  return inTurn(async () => {
    try {
      for (const message of await askRasa(payload)) chat.addMessage(message);
    } catch (error) {
      chat.addMessage({ role: "ai", error: words().unreachable });
    }
  });
}

chat.remarkable = { html: false, breaks: true, linkify: true, typographer: false };
chat.chatStyle = { width: "100%", height: "100%", border: "1px solid #d0d7de", borderRadius: "8px",
                   backgroundColor: "#ffffff" };
chat.textInput = { placeholder: { text: words().placeholder }, characterLimit: 2000 };
chat.messageStyles = {
  default: { shared: { bubble: { maxWidth: "88%", fontSize: "0.95rem", lineHeight: "1.4" } } },
  html: { shared: { bubble: { backgroundColor: "transparent", padding: "0", maxWidth: "100%", width: "100%" } } },
};
chat.auxiliaryStyle = CARD_CSS;
chat.htmlClassUtilities = {
  "ee-button": {
    styles: {
      default: { margin: "0.2rem", padding: "0.45rem 0.8rem", borderRadius: "16px", border: "1px solid #1f5fa8",
                 backgroundColor: "#ffffff", color: "#1f5fa8", cursor: "pointer", minHeight: "2.2rem" },
      hover: { backgroundColor: "#e8f0fa" },
    },
  },
};
// Button clicks are caught by one listener on the chat element, there from the start: a click
// right after a message appears (before deep-chat would attach per-message handlers) still counts.
chat.addEventListener("click", (event) => {
  const button = event.composedPath().find((el) => el instanceof HTMLElement && el.classList.contains("ee-button"));
  if (!button || button.disabled) return;
  button.parentElement.querySelectorAll("button").forEach((b) => { b.disabled = true; });
  const switched = /^\/switch_language\{"language":"(en|fr)"\}$/.exec(button.dataset.payload || "");
  if (switched) setLanguage(switched[1]);  // the greeting's "Français" / "English": the page follows
  sendPayload(button.textContent, button.dataset.payload);
});
chat.connect = {
  handler: async (body, signals) => {
    const last = body.messages[body.messages.length - 1] || {};
    const text = last.text || "";
    await inTurn(async () => {
      try {
        const messages = await askRasa(text);
        await signals.onResponse(messages.length ? messages : [{ role: "ai", text: "…" }]);
      } catch (error) {
        await signals.onResponse({ error: words().unreachable });
      }
    });
  },
};

for (const id of ["show-data", "delete-data"]) {
  const button = document.getElementById(id);
  button.addEventListener("click", () => sendPayload(button.textContent, button.dataset.payload));
}

// The page's words in the page's language.
function showLanguage() {
  const w = words();
  document.documentElement.lang = language;
  document.title = w.title;
  document.getElementById("title").textContent = w.title;
  document.getElementById("show-data").textContent = w.showData;
  document.getElementById("delete-data").textContent = w.deleteData;
  const end = document.getElementById("end-session");
  end.textContent = w.endSession;
  end.title = w.endSessionHint;
  document.getElementById("notice-text").textContent = w.notice;
  const site = document.getElementById("official-site");
  site.textContent = w.officialSite;
  site.href = w.officialUrl;
  for (const b of document.querySelectorAll("[data-language]")) {
    b.setAttribute("aria-pressed", String(b.dataset.language === language));
  }
  // The input's placeholder, in place: setting deep-chat's textInput again would redraw the chat.
  const input = chat.shadowRoot && chat.shadowRoot.querySelector("[deep-chat-placeholder-text]");
  if (input) {
    input.setAttribute("deep-chat-placeholder-text", w.placeholder);
    input.setAttribute("aria-label", w.placeholder);
  }
  labelControls(true);
}

// EN | FR: the page's words at once, and the conversation's language by the switch payload (the bot says so, and
// a question it was asking is asked again in that language).
function setLanguage(chosen) {
  language = chosen;
  localStorage.setItem(LANGUAGE_KEY, language);
  showLanguage();
}
for (const button of document.querySelectorAll("[data-language]")) {
  button.addEventListener("click", () => {
    if (button.dataset.language === language) return;
    setLanguage(button.dataset.language);
    sendPayload(words().switchTitle, `/switch_language{"language":"${language}"}`);
  });
}

// End session: the server stops accepting the conversation id (a copy of it reads nothing from
// now on) and this browser forgets it and the transcript (what is stored on the server stays
// until "Delete my data" or the retention period).
document.getElementById("end-session").addEventListener("click", () => {
  inTurn(async () => {
    const id = localStorage.getItem(ID_KEY);
    if (id) {
      try {
        await fetch(`${SESSION_URL}/end`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ sender: id }),
        });
      } catch (error) {
        // unreachable server: the id still expires there after its idle period
      }
    }
    forgetSender();
    window.location.reload();
  });
});

// Accessibility that deep-chat leaves out: the send button gets a name, and the message list is a polite live
// region (role "log") so that screen readers announce each new message.
// deep-chat redraws its elements (e.g. the send button while a reply is pending): labelled again on each change.
function labelControls(relabel = false) {
  const root = chat.shadowRoot;
  if (!root) return;
  const send = relabel === true ? ".input-button" : ".input-button:not([aria-label])";
  root.querySelectorAll(send).forEach((b) => b.setAttribute("aria-label", words().send));
  const list = root.getElementById("messages");
  if (list && (list.getAttribute("role") !== "log" || relabel === true)) {
    list.setAttribute("role", "log");
    list.setAttribute("aria-live", "polite");
    list.setAttribute("aria-label", words().conversation);
  }
}
let labelling = null;
function keepControlsLabelled() {
  if (labelling || !chat.shadowRoot) return;
  labelling = new MutationObserver(labelControls);
  labelling.observe(chat.shadowRoot, { childList: true, subtree: true });
}

showLanguage();

// Greet on opening (a returning user, same id in this browser, is offered the saved answers).
chat.onComponentRender = async () => {
  labelControls();
  keepControlsLabelled();
  if (chat.dataset.greeted) return;
  chat.dataset.greeted = "1";
  await inTurn(async () => {
    try {
      for (const message of await askRasa("/greet")) chat.addMessage(message);
    } catch (error) {
      chat.addMessage({ role: "ai", error: words().notRunning });
    }
  });
};
