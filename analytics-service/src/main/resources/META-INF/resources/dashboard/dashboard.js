// The tenant's dashboard: reads the analytics API with the token the user entered (or ?token=) and draws it.
"use strict";

const FUNNEL = ["sent", "delivered", "opened", "clicked", "replied", "bounced"];
const SERIES = [["sent", "#3465a4"], ["opened", "#73d216"], ["clicked", "#f57900"], ["replied", "#75507b"]];
const charts = {};

function param(name) {
  return new URLSearchParams(window.location.search).get(name) || "";
}

async function api(path) {
  const token = document.getElementById("token").value.trim();
  const response = await fetch(path, { headers: { Authorization: "Bearer " + token } });
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    throw new Error(response.status + " " + (problem.detail || response.statusText));
  }
  return response.json();
}

// Charts are replaced on every load; animation is off so a headless browser's screenshot shows final bars.
function draw(id, config) {
  if (charts[id]) {
    charts[id].destroy();
  }
  config.options = Object.assign({ animation: false, responsive: true }, config.options);
  charts[id] = new Chart(document.getElementById(id), config);
}

function showFunnel(totals, campaign) {
  document.getElementById("funnel-title").textContent = campaign ? "Funnel of campaign " + campaign : "Funnel";
  FUNNEL.forEach((name) => (document.getElementById("total-" + name).textContent = totals[name]));
  draw("funnel-chart", {
    type: "bar",
    data: { labels: FUNNEL, datasets: [{ label: "messages", data: FUNNEL.map((n) => totals[n]), backgroundColor: "#3465a4" }] },
    options: { plugins: { legend: { display: false } } },
  });
}

// The daily API has one row per day, campaign and mailbox; the chart sums them per day.
function perDay(rows) {
  const days = new Map();
  rows.forEach((row) => {
    const day = days.get(row.date) || Object.fromEntries(SERIES.map(([name]) => [name, 0]));
    SERIES.forEach(([name]) => (day[name] += row[name]));
    days.set(row.date, day);
  });
  return days;
}

function showDaily(rows) {
  const days = perDay(rows);
  const labels = [...days.keys()];
  const datasets = SERIES.map(([name, color]) => ({
    label: name, data: labels.map((d) => days.get(d)[name]), borderColor: color, backgroundColor: color,
  }));
  draw("daily-chart", { type: "line", data: { labels, datasets } });
}

function showMailboxes(mailboxes) {
  const body = document.querySelector("#mailboxes tbody");
  body.replaceChildren(...mailboxes.map((m) => {
    const row = document.createElement("tr");
    row.id = "mailbox-" + m.mailbox_id;
    [m.mailbox_id, m.sent, m.bounce_rate.toFixed(2) + " %", m.reply_rate.toFixed(2) + " %", m.health].forEach((v) => {
      const cell = document.createElement("td");
      cell.textContent = v;
      row.appendChild(cell);
    });
    row.lastChild.className = "health-" + m.health;
    return row;
  }));
}

function dailyQuery(campaign) {
  const query = new URLSearchParams();
  ["from", "to"].forEach((name) => document.getElementById(name).value && query.set(name, document.getElementById(name).value));
  if (campaign) {
    query.set("campaign_id", campaign);
  }
  return "/v1/analytics/daily?" + query;
}

async function load() {
  const status = document.getElementById("status");
  const campaign = document.getElementById("campaign").value.trim();
  status.className = "";
  status.textContent = "loading…";
  try {
    const totalsPath = campaign ? "/v1/analytics/campaigns/" + encodeURIComponent(campaign) : "/v1/analytics/overview";
    const [totals, daily, mailboxes] = await Promise.all([api(totalsPath), api(dailyQuery(campaign)), api("/v1/analytics/mailboxes")]);
    showFunnel(totals, campaign);
    showDaily(daily.days);
    showMailboxes(mailboxes.mailboxes);
    status.textContent = "loaded";
  } catch (error) {
    status.className = "error";
    status.textContent = "could not load: " + error.message;
  }
}

document.addEventListener("DOMContentLoaded", () => {
  ["token", "campaign", "from", "to"].forEach((name) => (document.getElementById(name).value = param(name)));
  document.getElementById("controls").addEventListener("submit", (event) => {
    event.preventDefault();
    load();
  });
  if (param("token")) {
    load();
  }
});
