// The result card: the structured result (custom payload "crs_result", actions/result_card.py) drawn as HTML.
// Every value from the server is escaped; links are https only. The chart is an inline SVG whose bars are
// percentages of the card's width and whose text keeps its pixel size, so it stays legible from 360 px up.
// Every word is the payload's, in the conversation's language: its values, and its "words" (the labels' "card" and
// "web_card" sections, express_entry/data/labels/<language>.yaml) and "months"; this file writes none.

const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", "`": "&#96;" };
export function escapeHtml(value) {
  return String(value ?? "").replace(/[&<>"'`]/g, (c) => ESCAPES[c]);
}

export const RESULT_TYPE = "crs_result";
// A category round's fit (the payload's "fit") -> its words (none for null).
const FITS = { fits: "fit_fits", partially_fits: "fit_partially_fits", unknown: "fit_unknown",
  does_not_fit: "fit_does_not_fit", not_this_year: "fit_not_this_year" };
const PART_COLOURS = { A: "#1f5fa8", B: "#6b9bd1", C: "#c77700", D: "#2e7d4f" };
const VERDICTS = {
  true: { mark: "✓", cls: "ok", key: "verdict_eligible" },
  false: { mark: "✗", cls: "no", key: "verdict_not_eligible" },
  null: { mark: "?", cls: "unknown", key: "verdict_unknown" },
};

// The card being drawn: its words and month names (renderCard and chartSvg set them).
let words = {};
let months = [];
function use(card) {
  words = (card && card.words) || {};
  months = (card && card.months) || [];
}

// A sentence of the words, its {placeholders} filled: `text` as plain text, `say` as HTML (the words and the
// values escaped, except values made with `html`, which are HTML already).
class Html {
  constructor(markup) { this.markup = markup; }
}
export const html = (markup) => new Html(markup);
const own = (object, key) => Object.prototype.hasOwnProperty.call(object, key);
function fill(key, values, escape) {
  return String(own(words, key) ? words[key] : "").split(/(\{\w+\})/).map((piece) => {
    const name = /^\{(\w+)\}$/.exec(piece);
    if (!name) return escape(piece);
    const value = values[name[1]];
    return value instanceof Html ? value.markup : escape(value);
  }).join("");
}
export const text = (key, values = {}) => fill(key, values, (v) => String(v ?? ""));
export const say = (key, values = {}) => fill(key, values, escapeHtml);

// "2027-03-03" -> "3 Mar 2027" ("3 mars 2027", "1er mars 2027" in French), as text; shortDate: as HTML.
export function dateText(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(iso || ""));
  if (!m || !months[Number(m[2]) - 1]) return String(iso ?? "");
  return text("date", { day: Number(m[3]) === 1 ? text("day_one") : Number(m[3]), month: months[Number(m[2]) - 1], year: m[1] });
}
export const shortDate = (iso) => escapeHtml(dateText(iso));

function link(source) {
  const url = String(source.url || "");
  if (!url.startsWith("https://")) return escapeHtml(source.title);
  return `<a href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer">${escapeHtml(source.title)}</a>`;
}

// A collapsed section; its title is HTML.
function section(title, body) {
  return `<details class="ee-more"><summary>${title}</summary><div class="ee-more-body">${body}</div></details>`;
}

function partsBar(card) {
  const total = Math.max(card.score, 1);
  const label = card.parts.map((p) => text("part", { letter: p.letter, label: p.label, points: p.points })).join(", ");
  const segments = card.parts.filter((p) => p.points > 0).map((p) =>
    `<span class="ee-seg" style="width:${(100 * p.points / total).toFixed(2)}%;background:${PART_COLOURS[p.letter]}"></span>`).join("");
  const legend = card.parts.map((p) =>
    `<li><span class="ee-swatch" style="background:${PART_COLOURS[p.letter]}" aria-hidden="true"></span>`
    + `<abbr title="${escapeHtml(p.label)}">${p.letter}</abbr> ${escapeHtml(p.points)}</li>`).join("");
  return `<div class="ee-bar" role="img" aria-label="${say("parts", { parts: label })}">${segments}</div>`
    + `<ul class="ee-legend" aria-hidden="true">${legend}</ul>`;
}

// A cut-off next to the score: a mark says whether the score reaches it (in words for screen readers).
function cutoffLine(r) {
  const verdict = r.met ? say("reaches") : say("below");
  return `<li><span class="ee-mark ee-${r.met ? "ok" : "no"}" aria-hidden="true">${r.met ? "✓" : "✗"}</span>`
    + `<span><span class="ee-cut-n">${escapeHtml(r.cutoff)}</span> ${escapeHtml(r.label)}, ${shortDate(r.date)}`
    + `<span class="ee-sr"> (${verdict})</span></span></li>`;
}

// "Canadian Experience Class (CEC)" -> "CEC", its full name for screen readers and on hover.
function shortName(name) {
  const m = /\(([A-Z]{2,5})\)$/.exec(name);
  return m ? `<abbr title="${escapeHtml(name)}">${m[1]}</abbr><span class="ee-sr"> ${escapeHtml(name)}</span>` : escapeHtml(name);
}

function programLine(p, detailed) {
  const v = VERDICTS[String(p.eligible)] || VERDICTS.null;
  const reasons = detailed && p.reasons.length ? ` ${p.reasons.map(escapeHtml).join(" ")}` : "";
  const name = html(`<b>${detailed ? escapeHtml(p.name) : shortName(p.name)}</b>`);
  return `<li><span class="ee-mark ee-${v.cls}" aria-hidden="true">${v.mark}</span>`
    + `<span>${say("program", { name, verdict: text(v.key) })}${reasons}</span></li>`;
}

function suggestionLine(s, detailed) {
  const note = detailed && s.note ? `<span class="ee-note">${escapeHtml(s.note)}</span>` : "";
  return `<li><span class="ee-gain">+${escapeHtml(s.gain)}</span><span class="ee-sugg${detailed ? "" : " ee-clamp"}">`
    + `${escapeHtml(s.title)} <span class="ee-muted">${say("to_total", { total: s.new_total })}</span>${note}</span></li>`;
}

// SVG text does not wrap: a label is cut into lines of at most `width` characters, at spaces.
const LABEL_CHARS = 34;
export function wrap(text, width) {
  const lines = [];
  for (const word of String(text).split(/\s+/)) {
    const last = lines.length - 1;
    if (last >= 0 && (lines[last] + " " + word).length <= width) lines[last] += " " + word;
    else lines.push(word);
  }
  return lines;
}

// The chart: your score by part, then the latest cut-offs that apply, as horizontal bars.
export function chartSvg(card, id) {
  use(card);
  const rows = [{ label: text("your_score"), value: card.score, parts: card.parts }]
    .concat(((card.chart && card.chart.cutoffs) || []).map((r) => ({
      label: `${r.label}, ${dateText(r.date)}`, value: r.cutoff, met: r.met })));
  const top = Math.max(...rows.map((r) => r.value), 100) * 1.18;
  const pct = (v) => (100 * v / top).toFixed(2);
  let y = 4;
  const body = rows.map((r, i) => {
    const lines = wrap(r.label, LABEL_CHARS);
    const labelY = y + 14;
    const barY = y + 4 + 16 * lines.length;
    let bars;
    if (r.parts) {
      let left = 0;
      bars = r.parts.filter((p) => p.points > 0).map((p) => {
        const rect = `<rect x="${pct(left)}%" y="${barY}" width="${pct(p.points)}%" height="16" fill="${PART_COLOURS[p.letter]}"/>`;
        left += p.points;
        return rect;
      }).join("");
    } else {
      bars = `<rect x="0" y="${barY}" width="${pct(r.value)}%" height="14" fill="${r.met ? "#6e7781" : "#afb8c1"}"/>`;
    }
    y = barY + 24;
    const label = lines.map((line, k) => `<tspan x="0" dy="${k ? 16 : 0}">${escapeHtml(line)}</tspan>`).join("");
    return `<text x="0" y="${labelY}" class="ee-svg-label${i === 0 ? " ee-svg-you" : ""}">${label}</text>`
      + bars + `<text x="${pct(r.value)}%" dx="6" y="${barY + 13}" class="ee-svg-value">${escapeHtml(r.value)}</text>`;
  }).join("");
  const alt = (card.chart && card.chart.alt) || text("chart_alt", { score: card.score });
  return `<svg class="ee-chart" id="${id}" role="img" aria-label="${escapeHtml(alt)}" width="100%" height="${y + 4}"`
    + ` xmlns="http://www.w3.org/2000/svg"><title>${escapeHtml(alt)}</title>${body}</svg>`;
}

// The rules applied; an announced change in force that they leave out is said here, next to the score, not only
// in a section (the full note is under "Full explanation").
function rulesLine(card) {
  const left = card.not_included || [];
  if (!left.length) return `<p class="ee-muted">${say("ruleset", { date: dateText(card.ruleset) })}</p>`;
  const changes = left.map((c) => text("change_left_out", { title: c.title, date: dateText(c.effective) })).join(", ");
  return `<p class="ee-warn">${say("rules_without", { date: dateText(card.ruleset), changes })}</p>`;
}

let cards = 0;

export function renderCard(card) {
  use(card);
  cards += 1;
  const id = `ee-card-${cards}`;
  const difference = card.score - card.previous;  // shown only when there is a previous score
  const change = card.previous == null ? "" : ` <span class="ee-muted">${
    say("change", { previous: card.previous, change: `${difference >= 0 ? "+" : ""}${difference}` })}</span>`;
  const cutoffs = card.cutoffs && card.cutoffs.length
    ? `<div class="ee-cuts"><h4>${say("latest_cutoffs")} <span class="ee-key">(✓ ${say("reaches")})</span></h4><ul>${card.cutoffs.map(cutoffLine).join("")}</ul></div>` : "";
  const top = (card.top_suggestions || []).length
    ? `<h4>${say("raise_most")}</h4><ol class="ee-list">${card.top_suggestions.map((s) => suggestionLine(s, false)).join("")}</ol>` : "";

  const factors = (card.explanation || []).map((f) =>
    `<tr><th scope="row">${escapeHtml(f.name)}<span class="ee-note">${escapeHtml(f.detail || "")}</span></th>`
    + `<td>${escapeHtml(f.points)} / ${escapeHtml(f.max)}</td></tr>`).join("");
  const parts = card.parts.map((p) => text("caption_part", { letter: p.letter, label: p.label.toLowerCase() })).join("; ");
  const explanation = `<table class="ee-table"><caption>${say("explanation_caption", { score: card.score, parts })}</caption>`
    + `<thead><tr><th scope="col">${say("factor")}</th><th scope="col">${say("points")}</th></tr></thead><tbody>${factors}</tbody></table>`
    + `<h4>${say("eligibility_reasons")}</h4><ul class="ee-elig">${card.programs.map((p) => programLine(p, true)).join("")}</ul>`
    + (card.notes || []).map((n) => `<p class="ee-note-block">${escapeHtml(n)}</p>`).join("")
    + (card.next_steps || []).map((t) => `<p class="ee-note-block">${escapeHtml(t)}</p>`).join("");

  const losses = (card.losses_ahead || []).map((l) =>
    `<li><span class="ee-gain ee-loss">−${escapeHtml(l.loss)}</span><span>${escapeHtml(l.title)} (${escapeHtml(l.when)})</span></li>`).join("");
  const suggestions = `<ol class="ee-list">${(card.suggestions || []).map((s) => suggestionLine(s, true)).join("")}</ol>`
    + (losses ? `<h4>${say("lower")}</h4><ul class="ee-list">${losses}</ul>` : "");

  const draws = card.draws;
  const drawRows = draws ? draws.rounds.map((r) => {
    const fit = r.includes_nomination ? say("fit_nomination") : say(FITS[r.fit]);
    return `<tr><th scope="row">${escapeHtml(r.label)}<span class="ee-note">${fit}</span></th>`
      + `<td>${escapeHtml(r.cutoff)}<span class="ee-note">${shortDate(r.date)}</span></td>`
      + `<td class="ee-${r.met ? "ok" : "no"}">${r.met ? say("reached") : say("not_reached")}</td></tr>`;
  }).join("") : "";
  const drawsBody = `<figure class="ee-figure">${chartSvg(card, `${id}-chart`)}`
    + `<figcaption class="ee-note">${say("figcaption")}</figcaption></figure>`
    + (draws ? `<table class="ee-table"><caption>${say("draws_caption", { date: dateText(draws.latest_round_date) })}</caption>`
      + `<thead><tr><th scope="col">${say("round")}</th><th scope="col">${say("cutoff")}</th><th scope="col">${say("you")}</th></tr></thead>`
      + `<tbody>${drawRows}</tbody></table>${draws.pool ? `<p class="ee-note-block">${escapeHtml(draws.pool)}</p>` : ""}` : "");
  const sources = `<ul class="ee-sources">${(card.sources || []).map((s) => `<li>${link(s)}</li>`).join("")}</ul>`;

  return `<article class="ee-card" aria-labelledby="${id}-title">`
    + `<div class="ee-top"><div class="ee-headline"><h3 id="${id}-title" class="ee-title">${say("your_score")}</h3>`
    + `<p class="ee-score">${escapeHtml(card.score)}${change}</p>`
    + `${rulesLine(card)}</div>${cutoffs}</div>`
    + partsBar(card)
    + `<h4>${say("eligibility")}</h4><ul class="ee-elig">${card.programs.map((p) => programLine(p, false)).join("")}</ul>`
    + top
    + section(say("full_explanation"), explanation)
    + section(say("every_suggestion", { count: (card.suggestions || []).length }), suggestions)
    + section(say("draws_chart"), drawsBody)
    + section(say("sources_count", { count: (card.sources || []).length }), sources)
    + `<p class="ee-next">${say("next")}</p></article>`;
}

// Styles for the card, added to deep-chat's shadow root (auxiliaryStyle). Text is 12 px or larger; colours
// meet WCAG AA on white.
export const CARD_CSS = `
.ee-card { font-size: 14px; line-height: 1.4; color: #1b1f24; background: #fff; border: 1px solid #d0d7de;
  border-radius: 10px; padding: 12px 14px; width: 100%; box-sizing: border-box; text-align: left; }
.ee-card h4 { font-size: 14px; margin: 10px 0 4px; color: #1b1f24; }
.ee-top { display: flex; flex-wrap: wrap; gap: 6px 16px; align-items: flex-start; justify-content: space-between; }
.ee-title { font-size: 14px; font-weight: 600; margin: 0; color: #3d4752; }
.ee-sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.ee-elig abbr { text-decoration: none; }
.ee-score { font-size: 40px; font-weight: 700; line-height: 1.05; margin: 2px 0; color: #174a85; }
.ee-score .ee-muted { font-size: 14px; font-weight: 400; }
.ee-muted, .ee-note { color: #4a5561; font-size: 13px; }
.ee-muted { margin: 0; }
.ee-warn { margin: 2px 0 0; font-size: 13px; color: #7a4a00; }
.ee-note { display: block; font-weight: 400; }
.ee-cuts { flex: 1 1 180px; min-width: 0; }
.ee-cuts h4 { margin-top: 2px; }
.ee-cuts ul { list-style: none; margin: 0; padding: 0; font-size: 13px; }
.ee-cuts li { display: flex; gap: 6px; align-items: baseline; }
.ee-key { font-weight: 400; font-size: 12px; color: #4a5561; }
.ee-cut-n { font-weight: 700; }
.ee-bar { display: flex; height: 14px; border-radius: 7px; overflow: hidden; background: #eaeef2; margin: 8px 0 4px; }
.ee-seg { display: block; height: 100%; }
.ee-legend { display: flex; flex-wrap: wrap; gap: 2px 12px; list-style: none; margin: 0; padding: 0; font-size: 13px; }
.ee-swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 4px; }
.ee-legend abbr { text-decoration: none; font-weight: 600; }
.ee-elig { list-style: none; margin: 0; padding: 0; font-size: 14px; }
.ee-elig li { display: flex; gap: 8px; align-items: baseline; margin: 2px 0; }
.ee-mark { font-weight: 700; width: 1.1em; flex: none; text-align: center; }
.ee-ok { color: #1a7f37; } .ee-no { color: #b42318; } .ee-unknown { color: #8a5a00; }
.ee-list { list-style: none; margin: 0; padding: 0; font-size: 14px; }
.ee-list li { display: flex; gap: 8px; align-items: baseline; margin: 3px 0; }
.ee-gain { flex: none; min-width: 3.2em; font-weight: 700; color: #1a7f37; }
.ee-loss { color: #b42318; }
.ee-sugg { min-width: 0; overflow-wrap: anywhere; }
.ee-clamp { display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }
.ee-more { border-top: 1px solid #d0d7de; margin-top: 4px; }
.ee-more summary { cursor: pointer; padding: 6px 2px; font-weight: 600; font-size: 14px; color: #174a85; min-height: 24px; }
.ee-more summary:focus-visible, .ee-card a:focus-visible { outline: 3px solid #174a85; outline-offset: 2px; }
.ee-more-body { padding: 0 2px 8px; font-size: 14px; }
.ee-table { width: 100%; border-collapse: collapse; font-size: 13px; }
.ee-table caption { text-align: left; font-size: 13px; color: #4a5561; padding: 4px 0; }
.ee-table th, .ee-table td { text-align: left; vertical-align: top; padding: 4px 4px 4px 0; border-bottom: 1px solid #eaeef2; }
.ee-table td { white-space: nowrap; }
.ee-table thead th { font-size: 13px; color: #3d4752; }
.ee-table tbody th { font-weight: 600; overflow-wrap: anywhere; }
.ee-note-block { font-size: 13px; color: #3d4752; margin: 6px 0; }
.ee-figure { margin: 4px 0 8px; }
.ee-chart { display: block; overflow: visible; }
.ee-svg-label { font-size: 13px; fill: #3d4752; }
.ee-svg-you { font-weight: 700; fill: #1b1f24; }
.ee-svg-value { font-size: 13px; font-weight: 700; fill: #1b1f24; }
.ee-sources { margin: 0; padding-left: 18px; }
.ee-card a { color: #174a85; }
.ee-next { font-size: 13px; color: #3d4752; margin: 8px 0 0; }
`;
