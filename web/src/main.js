// The chat page: deep-chat (npm, bundled locally) over Rasa's REST channel.
// Safety: bot and user text are shown as text (markdown with HTML disabled); the only HTML
// this page builds is the buttons, from escaped titles and payloads. The server's
// Content-Security-Policy allows scripts from this origin only.
import "deep-chat";

const REST_URL = "/webhooks/rest/webhook";
const ID_KEY = "ee-chat-id";

function newId() {
  if (window.crypto && crypto.randomUUID) return "web-" + crypto.randomUUID();
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return "web-" + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function senderId() {
  let id = localStorage.getItem(ID_KEY);
  if (!id) {
    id = newId();
    localStorage.setItem(ID_KEY, id);
  }
  return id;
}

function forgetSender() {
  localStorage.removeItem(ID_KEY);
}

const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", "`": "&#96;" };
export function escapeHtml(value) {
  return String(value).replace(/[&<>"'`]/g, (c) => ESCAPES[c]);
}

// Rasa's REST replies -> deep-chat messages.
export function toMessages(replies) {
  const out = [];
  let erased = false;
  for (const reply of replies || []) {
    if (reply.custom && reply.custom.privacy === "deleted") {
      erased = true;
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
      out.push({ role: "ai", files: [{ src: reply.image, type: "image", name: "Your CRS score chart" }] });
    }
  }
  return { messages: out, erased };
}

async function askRasa(text) {
  const response = await fetch(REST_URL, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ sender: senderId(), message: text }),
  });
  if (!response.ok) throw new Error(`The assistant answered with an error (${response.status}).`);
  const { messages, erased } = toMessages(await response.json());
  if (erased) forgetSender();
  return messages;
}

const chat = document.getElementById("chat");
let pending = null; // {title, payload} of a clicked button: the title is shown, the payload sent

function sendPayload(title, payload) {
  pending = { title, payload };
  chat.submitUserMessage({ text: title });
}

chat.remarkable = { html: false, breaks: true, linkify: true, typographer: false };
chat.chatStyle = { width: "100%", height: "100%", border: "1px solid #d0d7de", borderRadius: "8px",
                   backgroundColor: "#ffffff" };
chat.textInput = { placeholder: { text: "Type your answer…" }, characterLimit: 2000 };
chat.messageStyles = {
  default: { shared: { bubble: { maxWidth: "88%", fontSize: "0.95rem", lineHeight: "1.4" } } },
  html: { shared: { bubble: { backgroundColor: "transparent", padding: "0" } } },
};
chat.htmlClassUtilities = {
  "ee-button": {
    events: {
      click: (event) => {
        const button = event.target.closest("button");
        if (!button || button.disabled) return;
        button.parentElement.querySelectorAll("button").forEach((b) => { b.disabled = true; });
        sendPayload(button.textContent, button.dataset.payload);
      },
    },
    styles: {
      default: { margin: "0.2rem", padding: "0.45rem 0.8rem", borderRadius: "16px", border: "1px solid #1f5fa8",
                 backgroundColor: "#ffffff", color: "#1f5fa8", cursor: "pointer", minHeight: "2.2rem" },
      hover: { backgroundColor: "#e8f0fa" },
    },
  },
};
chat.connect = {
  handler: async (body, signals) => {
    const last = body.messages[body.messages.length - 1] || {};
    let text = last.text || "";
    if (pending && pending.title === text) text = pending.payload;
    pending = null;
    try {
      const messages = await askRasa(text);
      await signals.onResponse(messages.length ? messages : [{ role: "ai", text: "…" }]);
    } catch (error) {
      await signals.onResponse({ error: "Sorry, I can't reach the assistant right now. Please try again." });
    }
  },
};

for (const id of ["show-data", "delete-data"]) {
  const button = document.getElementById(id);
  button.addEventListener("click", () => sendPayload(button.textContent, button.dataset.payload));
}

// Greet on opening (a returning user, same id in this browser, is offered the saved answers).
chat.onComponentRender = async () => {
  if (chat.dataset.greeted) return;
  chat.dataset.greeted = "1";
  try {
    for (const message of await askRasa("/greet")) chat.addMessage(message);
  } catch (error) {
    chat.addMessage({ role: "ai", error: "The assistant is not reachable. Is the Rasa server running?" });
  }
};
