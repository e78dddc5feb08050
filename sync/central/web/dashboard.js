// The province dashboard: reads /dashboard/summary.json every 10 s and fills the tables.
// Every value is set with textContent: a kiosk's words never become markup.
"use strict";

const REFRESH_MS = 10000;
const HEALTH = {ok: "Tốt", simulator: "Mô phỏng", absent: "Không có", warning: "Cảnh báo",
                fault: "Lỗi", unknown: "Chưa rõ"};

function cell(row, text, cls) {
  const td = row.insertCell();
  td.textContent = text;
  if (cls) td.className = cls;
  return td;
}

function fill(tableId, items, render) {
  const body = document.querySelector(`#${tableId} tbody`);
  body.replaceChildren();
  for (const item of items) render(body.insertRow(), item);
}

function age(seconds) {
  if (seconds === null) return "chưa có";
  if (seconds < 60) return `${seconds} giây trước`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} phút trước`;
  return `${Math.floor(seconds / 3600)} giờ trước`;
}

function show(data) {
  fill("kiosks", data.kiosks, (row, k) => {
    row.dataset.kiosk = k.kiosk_id;
    row.className = k.reporting ? "" : "stale";
    cell(row, k.kiosk_id, "kiosk");
    cell(row, k.agency_id, "agency");
    cell(row, age(k.seconds_since), "heartbeat");
    const devices = [
      ...Object.entries(k.devices).map(([name, word]) => `${name}: ${word}`),
      ...Object.entries(k.checks).filter(([, c]) => c.status !== "ok")
        .map(([name, c]) => `${name}: ${c.status} ${c.reason}`)].join("\n");
    const health = cell(row, HEALTH[k.health] || k.health, `health ${k.health}`);
    health.title = devices;
    cell(row, String(k.backlog), "backlog");
    cell(row, String(k.failing), k.failing ? "failing fault" : "failing");
    cell(row, k.app_version || "—", "app-version");
    cell(row, k.catalog_version || "—", "catalog-version");
  });
  fill("agencies", data.agencies, (row, a) => {
    row.dataset.agency = a.agency_id;
    cell(row, a.agency_id);
    cell(row, String(a.dossiers_today), "dossiers");
  });
  fill("queues", data.queues, (row, q) => {
    row.dataset.queue = q.queue;
    cell(row, q.centre_id);
    cell(row, q.queue);
    cell(row, String(q.numbers_leased), "numbers");
  });
  const r = data.ratings;
  document.getElementById("ratings-total").textContent = String(r.total);
  document.getElementById("very-satisfied").textContent = String(r.levels.very_satisfied);
  document.getElementById("satisfied").textContent = String(r.levels.satisfied);
  document.getElementById("unsatisfied").textContent = String(r.levels.unsatisfied);
  document.getElementById("satisfied-share").textContent =
    r.satisfied_share === null ? "—" : `${Math.round(r.satisfied_share * 100)}%`;
  document.getElementById("who").textContent = data.username;
  document.getElementById("updated").textContent =
    new Date(data.generated_at).toLocaleTimeString("vi-VN");
}

async function refresh() {
  try {
    const resp = await fetch("/dashboard/summary.json", {credentials: "same-origin",
                                                         cache: "no-store"});
    if (resp.status === 401) { window.location.assign("/dashboard/login"); return; }
    if (!resp.ok) throw new Error(`HTTP ${resp.status}`);
    show(await resp.json());
    document.getElementById("offline").hidden = true;
  } catch (err) {
    document.getElementById("offline").hidden = false;
  } finally {
    setTimeout(refresh, REFRESH_MS);
  }
}

document.addEventListener("DOMContentLoaded", refresh);
