// The workbench page. Every text that comes from data or from the server is set with
// textContent (never innerHTML), so a column named <script> stays a name.
"use strict";

const $ = (id) => document.getElementById(id);

function el(tag, text, attrs) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (attrs) for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

function say(id, text, error) {
  const s = $(id);
  s.textContent = text;
  s.classList.toggle("error", !!error);
}

async function api(method, path, body, raw) {
  const init = { method, headers: {} };
  if (body !== undefined) {
    init.body = raw ? body : JSON.stringify(body);
    if (!raw) init.headers["Content-Type"] = "application/json";
  }
  const r = await fetch(path, init);
  const text = await r.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch (e) { data = { error: text }; }
  if (!r.ok) throw new Error((data && data.error) || ("HTTP " + r.status));
  return data;
}

function num(x, digits) {
  if (x === null || x === undefined) return "";
  if (typeof x !== "number") return String(x);
  // 7.397e+10 rather than 73970000000: a count of parameters or tokens read at a glance
  if (x !== 0 && (Math.abs(x) >= 1e6 || Math.abs(x) < 1e-4)) return x.toPrecision(digits || 5).replace(/\.?0+e/, "e");
  return Number(x.toPrecision(digits || 5)).toString();
}

function table(node, head, rows) {
  clear(node);
  const tr = el("tr");
  head.forEach((h) => tr.appendChild(el("th", h)));
  node.appendChild(tr);
  rows.forEach((r) => {
    const row = el("tr");
    r.forEach((c) => row.appendChild(el("td", c)));
    node.appendChild(row);
  });
}

// ---- navigation ----
document.querySelectorAll("nav button").forEach((b) => b.addEventListener("click", () => show(b.dataset.page)));

function show(page) {
  document.querySelectorAll("nav button").forEach((b) => b.classList.toggle("active", b.dataset.page === page));
  document.querySelectorAll(".page").forEach((p) => p.classList.toggle("active", p.id === page));
  if (page === "compare" || page === "plan") refreshFits();
  if (page === "datasets") refreshFitList();
}

// ---- datasets and fits, searched ----
// a search waits until the typing pauses, and an answer to an older search is dropped
function debounced(fn, ms) {
  let t = null;
  return () => { clearTimeout(t); t = setTimeout(fn, ms); };
}

let datasetQuery = 0;
async function refreshDatasets() {
  const q = $("dataset-search").value.trim();
  const mine = ++datasetQuery;
  const all = await api("GET", "/api/datasets");
  const list = q ? await api("GET", "/api/datasets?q=" + encodeURIComponent(q)) : all;
  if (mine !== datasetQuery) return;
  const ul = $("dataset-list");
  clear(ul);
  if (!list.length) ul.appendChild(el("li", q ? "no dataset matches " + q : "none yet", { class: "empty" }));
  list.forEach((d) => {
    // a table the command line imported (slaw import --db) is listed as the store has it
    const li = el("li", d.origin === "import" ? d.name + " (in the store from slaw import: " + d.rows + " rows of " + d.source + ")"
      : d.name + " (" + d.format + ", " + d.bytes + " bytes)");
    li.dataset.name = d.name;
    li.addEventListener("click", () => preview(d.name));
    ul.appendChild(li);
  });
  // the fit form and the plan's views offer every dataset, whatever the search shows
  for (const id of ["fit-dataset", "view-dataset", "curve-dataset", "mixture-dataset"]) {
    const select = $(id);
    const chosen = select.value;
    clear(select);
    all.forEach((d) => select.appendChild(el("option", d.name, { value: d.name })));
    if (chosen) select.value = chosen;
  }
}
$("dataset-search").addEventListener("input", debounced(() => refreshDatasets().catch((e) => say("upload-status", e.message, true)), 200));

let fitQuery = 0;
async function refreshFitList() {
  const q = $("fit-search").value.trim();
  const mine = ++fitQuery;
  const ul = $("fit-list");
  let list;
  try {
    list = await api("GET", "/api/fits" + (q ? "?q=" + encodeURIComponent(q) : ""));
  } catch (e) {
    if (mine !== fitQuery) return;
    clear(ul);
    ul.appendChild(el("li", e.message, { class: "empty error" }));
    return;
  }
  if (mine !== fitQuery) return;
  clear(ul);
  if (!list.length) ul.appendChild(el("li", q ? "no fit matches " + q : "none yet", { class: "empty" }));
  list.forEach((f) => {
    const li = el("li", "fit " + f.id + ": " + f.law + " to " + f.target + " on " + f.dataset + ": " + f.fitted);
    li.dataset.id = f.id;
    li.addEventListener("click", () => openFit(f.id));
    ul.appendChild(li);
  });
}
$("fit-search").addEventListener("input", debounced(refreshFitList, 200));

async function openFit(id) {
  const [fit, rows] = await Promise.all([api("GET", "/api/fits/" + id), api("GET", "/api/fits/" + id + "/rows")]);
  current = { id, fit, rows };
  show("fit");
  showFit();
  say("fit-status", "fit " + id + " opened");
}

let datasetColumns = {};   // name -> its columns, for the formula check
async function columnsOf(name) {
  if (!name) return [];
  if (!datasetColumns[name]) datasetColumns[name] = (await api("GET", "/api/datasets/" + encodeURIComponent(name) + "?rows=1")).columns;
  return datasetColumns[name];
}

async function preview(name) {
  const p = await api("GET", "/api/datasets/" + encodeURIComponent(name) + "?rows=20");
  // a formula may use the source columns and the mapped and derived names
  datasetColumns[name] = p.columns.concat(p.prepared.columns.filter((c) => !p.columns.includes(c)));
  const box = $("preview");
  clear(box);
  box.appendChild(el("h3", p.name + ": " + p.row_count + " rows, " + p.columns.length + " columns"));
  const t = el("table", null, { id: "preview-table" });
  table(t, p.columns, p.rows);
  const wrap = el("div", null, { class: "preview" });
  wrap.appendChild(t);
  box.appendChild(wrap);
  const recipe = p.recipe.map.map((m) => "--map " + m).concat(p.recipe.derive.map((d) => "--derive " + d));
  if (recipe.length) {
    // the table as every fit of this dataset reads it, the upload's mapping and derived columns applied
    const q = p.prepared;
    box.appendChild(el("h3", "As a fit reads it (" + recipe.join(" ") + "): " + q.row_count + " rows"));
    const pt = el("table", null, { id: "prepared-table" });
    const cell = (x) => num(x, 6);
    table(pt, q.columns, q.rows.map((r) => r.map(cell)));
    const pw = el("div", null, { class: "preview" });
    pw.appendChild(pt);
    box.appendChild(pw);
    q.notes.forEach((n) => box.appendChild(el("p", n, { class: "note" })));
  }
}

// the upload's mapping and derived columns, one a line, sent as the command line's --map and --derive
function recipeQuery() {
  const lines = (id) => $(id).value.split("\n").map((l) => l.trim()).filter((l) => l);
  return lines("upload-map").map((m) => "&map=" + encodeURIComponent(m)).join("")
    + lines("upload-derive").map((d) => "&derive=" + encodeURIComponent(d)).join("");
}

$("upload-file").addEventListener("change", () => {
  const f = $("upload-file").files[0];
  if (f && !$("upload-name").value) $("upload-name").value = f.name.replace(/\.[^.]*$/, "").replace(/[^A-Za-z0-9_-]/g, "-").slice(0, 64);
});

$("upload-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const f = $("upload-file").files[0];
  const name = $("upload-name").value;
  const ext = (f.name.match(/\.([A-Za-z]+)$/) || [null, "csv"])[1].toLowerCase();
  say("upload-status", "uploading " + f.name + " ...");
  try {
    const r = await api("POST", "/api/datasets?name=" + encodeURIComponent(name) + "&format=" + encodeURIComponent(ext)
      + ($("upload-replace").checked ? "&replace=true" : "") + recipeQuery(), f, true);
    say("upload-status", r.message);
    delete datasetColumns[name];
    await refreshDatasets();
    await preview(name);
  } catch (e) {
    say("upload-status", e.message, true);
  }
});

// ---- laws ----
let laws = [];
async function loadLaws() {
  const doc = await api("GET", "/api/laws");
  laws = doc.laws || [];
  const s = $("fit-law");
  laws.forEach((l) => s.appendChild(el("option", l.name + ": " + l.formula, { value: l.name })));
  s.value = "chinchilla";
  describeLaw();
}
async function describeLaw() {
  const name = $("fit-law").value;
  try {
    const l = await api("GET", "/api/laws/" + encodeURIComponent(name));
    const params = (l.parameters || []).map((p) => (typeof p === "string" ? p : p.name)).join(", ");
    $("law-about").textContent = l.formula + (params ? "; parameters " + params : "") + (l.citation ? "; " + l.citation : "");
  } catch (e) {
    $("law-about").textContent = "";
  }
}
$("fit-law").addEventListener("change", describeLaw);

// ---- fit ----
function pairs(text) {
  const out = {};
  text.split("\n").map((l) => l.trim()).filter((l) => l).forEach((l) => {
    const eq = l.indexOf("=");
    if (eq > 0) out[l.slice(0, eq).trim()] = l.slice(eq + 1).trim();
  });
  return out;
}

function fitOptions() {
  const o = {};
  const formula = $("fit-formula").value.trim();
  o.law = formula || $("fit-law").value;
  if ($("fit-target").value.trim()) o.target = $("fit-target").value.trim();
  const map = pairs($("fit-map").value);
  if (Object.keys(map).length) o.map = map;
  const derive = pairs($("fit-derive").value);
  if (Object.keys(derive).length) o.derive = derive;
  if ($("fit-drop-highest").value.trim()) o["drop-highest"] = $("fit-drop-highest").value.trim();
  if ($("fit-starts").value.trim()) o.starts = $("fit-starts").value.trim();
  o.loss = $("fit-loss").value;
  const more = $("fit-more").value.trim();
  if (more) Object.assign(o, JSON.parse(more));
  return o;
}

let current = null;      // { id, fit, rows }
let fitPlot = null;

$("fit-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  let options;
  try { options = fitOptions(); } catch (e) { say("fit-status", "more options: " + e.message, true); return; }
  say("fit-status", "fitting ...");
  $("fit-run").disabled = true;
  try {
    const r = await api("POST", "/api/fits", { dataset: $("fit-dataset").value, options });
    const rows = await api("GET", "/api/fits/" + r.id + "/rows");
    current = { id: r.id, fit: r.fit, rows };
    showFit();
    say("fit-status", "fit " + r.id + " done");
  } catch (e) {
    say("fit-status", e.message, true);
  } finally {
    $("fit-run").disabled = false;
  }
});

// the formula read as slaw fit reads it, as the user types: its parameters and variables over
// the dataset's columns (and the mapped and derived names), or the fit's one-line error
let formulaCheck = 0;
async function checkFormula() {
  const f = $("fit-formula").value.trim();
  const mine = ++formulaCheck;
  const out = $("formula-check");
  if (!f) { out.textContent = ""; out.classList.remove("error"); return; }
  let columns = [];
  try { columns = await columnsOf($("fit-dataset").value); } catch (e) { columns = []; }
  columns = columns.concat(Object.keys(pairs($("fit-map").value)), Object.keys(pairs($("fit-derive").value)));
  const c = await api("GET", "/api/formula?formula=" + encodeURIComponent(f) + "&columns=" + encodeURIComponent(columns.join(",")));
  if (mine !== formulaCheck) return;
  out.classList.toggle("error", !c.valid);
  out.textContent = c.valid ? "parameters " + c.parameters.join(", ") + "; variables " + c.variables.join(", ") : c.error;
}
const checkSoon = debounced(() => checkFormula().catch((e) => { $("formula-check").textContent = e.message; }), 150);
["fit-formula", "fit-map", "fit-derive"].forEach((id) => $(id).addEventListener("input", checkSoon));
$("fit-dataset").addEventListener("change", checkSoon);

function sortedBy(x, ...cols) {
  const idx = x.map((_, i) => i).sort((a, b) => x[a] - x[b]);
  return [idx.map((i) => x[i]), ...cols.map((c) => idx.map((i) => c[i]))].concat([idx]);
}

function scatterPlot(node, title, xName, series, logY, onHover) {
  clear(node);
  const width = Math.min(1000, node.clientWidth || 900);
  const opts = {
    title, width, height: 380,
    scales: { x: { time: false, distr: 3, log: 10 }, y: { distr: logY ? 3 : 1, log: 10 } },
    axes: [{ label: xName, values: (u, vals) => vals.map((v) => (v === null ? "" : Number(v).toExponential(0))) }, { label: "" }],
    series: [{ label: xName, value: (u, v) => (v === null || v === undefined ? "" : Number(v).toPrecision(4)) }].concat(series.map((s) => ({
      label: s.label, stroke: s.color, fill: s.color,
      paths: s.line ? undefined : () => null,
      dash: s.dash, width: s.line ? 1.5 : 0,
      points: { show: !s.line, size: 6, fill: s.hollow ? "#fff" : s.color, stroke: s.color },
    }))),
    cursor: { drag: { x: true, y: true }, points: { size: 9 } },
    hooks: onHover ? { setCursor: [(u) => onHover(u.cursor.idx)] } : {},
  };
  const u = new uPlot(opts, [series.x].concat(series.map((s) => s.values)), node);
  // also read the row straight from the mouse: uPlot's own cursor updates wait for an animation frame
  if (onHover) u.over.addEventListener("mousemove", (e) => onHover(u.posToIdx(e.offsetX)));
  return u;
}

// ---- a command's picture, from the numbers its --plot draws (the answer's "figure") ----
// each panel a uPlot chart; its series joined on one x so that a point's values can be read on hover
const figures = {};   // the node's id -> its panels' plots, for reading back (and the browser test)

function drawFigure(node, figure, hoverNode) {
  clear(node);
  const plots = figure.panels.map((p) => {
    const box = el("div", null, { class: "panel" });
    node.appendChild(box);
    return drawPanel(box, p, hoverNode, figure.panels.length === 1);
  });
  figures[node.id] = plots;
  return plots;
}

function finite(xs, ys) {
  const pairs = [];
  xs.forEach((x, i) => { if (x !== null && ys[i] !== null) pairs.push([x, ys[i]]); });
  pairs.sort((a, b) => a[0] - b[0]);
  return [pairs.map((q) => q[0]), pairs.map((q) => q[1])];
}

function drawPanel(node, p, hoverNode, alone) {
  const tables = [];
  const series = [{ label: p.x.title, value: (u, v) => (v == null ? "" : num(v, 4)) }];
  const hidden = [];
  const readable = [false];
  const bands = [];
  p.bands.forEach((b) => {
    const lo = finite(b.x, b.lower), hi = finite(b.x, b.upper);
    tables.push(lo, hi);
    series.push({ label: b.label + " lower", stroke: b.colour, width: 0, points: { show: false }, spanGaps: true },
      { label: b.label, stroke: b.colour, width: 0, points: { show: false }, spanGaps: true });
    hidden.push(series.length - 2);
    readable.push(false, false);
    bands.push({ series: [series.length - 1, series.length - 2], fill: b.colour + "33" });
  });
  // a line at one x (an interval drawn upright) cannot be a series joined on x: drawn by hand after the plot
  const upright = p.series.filter((s) => (s.mark === "line" || s.mark === "dashed_line") && s.x.length === 2 && s.x[0] === s.x[1]);
  p.series.filter((s) => !upright.includes(s)).forEach((s) => {
    // the series joined on one x keep one value per x: repeated x (two runs of one size) go in
    // further copies of the series, drawn alike and listed once
    const [xs, ys] = finite(s.x, s.y);
    const copies = [];
    xs.forEach((x, i) => {
      let c = copies.find((t) => t[0][t[0].length - 1] !== x);
      if (!c) copies.push(c = [[], []]);
      c[0].push(x);
      c[1].push(ys[i]);
    });
    if (!copies.length) copies.push([[], []]);
    copies.forEach((table, copy) => addSeries(s, table, copy > 0));
  });
  function addSeries(s, table, again) {
    tables.push(table);
    const line = s.mark === "line" || s.mark === "dashed_line" || s.mark === "line_and_points";
    const dots = s.mark === "points" || s.mark === "line_and_points" || s.mark === "highlight";
    series.push({
      label: s.label, stroke: s.colour, width: line ? 1.5 : 0, spanGaps: true,
      dash: s.mark === "dashed_line" ? [6, 4] : undefined,
      paths: line ? undefined : () => null,
      points: dots ? { show: true, size: s.mark === "highlight" ? 11 : 5, fill: s.mark === "highlight" || s.hollow ? "#fff" : s.colour,
        stroke: s.mark === "highlight" ? "#222" : s.colour, width: s.mark === "highlight" ? 2 : 1 } : { show: false },
      value: (u, v) => (v == null ? "" : num(v, 4)),
    });
    if (!s.in_legend || again) hidden.push(series.length - 1);
    readable.push(dots || s.in_legend);
  }
  const data = uPlot.join(tables);
  const log = (a) => a.scale === "log";
  const exp = (u, vals) => vals.map((v) => (v === null ? "" : Number(v).toExponential(0)));
  // a learning rate of 3e-4 must not read as 0
  const plain = (u, vals) => vals.map((v) => (v === null ? "" : String(Number(Number(v).toPrecision(3)))));
  // an axis the command fixed (a loss curve's range after warmup) keeps its range here too
  const scale = (a) => Object.assign(log(a) ? { distr: 3, log: 10 } : {}, a.min != null && a.max != null ? { range: [a.min, a.max] } : {});
  // two panels side by side, one alone as wide as the page's other plots
  const room = node.parentNode.clientWidth || 1080;
  const width = alone ? Math.min(1000, room) : Math.max(360, Math.min(540, (room - 20) / 2));
  const u = new uPlot({
    title: p.title, width, height: 360,
    scales: { x: Object.assign({ time: false }, scale(p.x)), y: scale(p.y) },
    axes: [{ label: p.x.title, values: log(p.x) ? exp : plain },
      { label: p.y.title, values: log(p.y) ? exp : plain, size: 60 }],
    legend: { live: false },
    cursor: { drag: { x: true, y: true } },
    series, bands,
    hooks: { draw: [(u) => upright.forEach((s) => {
      const c = u.ctx, x = u.valToPos(s.x[0], "x", true);
      c.save();
      c.strokeStyle = s.colour;
      c.setLineDash([]);
      c.lineWidth = 2 * devicePixelRatio;
      c.beginPath();
      c.moveTo(x, u.valToPos(s.y[0], "y", true));
      c.lineTo(x, u.valToPos(s.y[1], "y", true));
      c.stroke();
      c.restore();
    })] },
  }, data, node);
  const rows = u.root.querySelectorAll(".u-legend .u-series");
  // a legend that is not live leaves out the x series' row
  const shift = series.length - rows.length;
  hidden.forEach((i) => { if (rows[i - shift]) rows[i - shift].style.display = "none"; });
  if (hoverNode) {
    // the drawn point nearest the mouse (within 12 pixels), of a series one can read: a data
    // point, or a line listed in the legend
    u.over.addEventListener("mousemove", (e) => {
      let best = null;
      for (let k = 1; k < series.length; k++) {
        if (!readable[k]) continue;
        const ys = data[k];
        for (let i = 0; i < ys.length; i++) {
          if (ys[i] == null) continue;
          const dx = u.valToPos(data[0][i], "x") - e.offsetX, dy = u.valToPos(ys[i], "y") - e.offsetY;
          const d = dx * dx + dy * dy;
          if (d < 144 && (!best || d < best.d)) best = { d, k, i };
        }
      }
      if (best) hoverNode.textContent = series[best.k].label + ": " + p.x.title + "=" + num(data[0][best.i], 4) + ", "
        + p.y.title + "=" + num(data[best.k][best.i], 4);
    });
  }
  return u;
}

function showFit() {
  const { id, fit, rows } = current;
  $("fit-result").hidden = false;
  // the last fit's bootstrap, held-out check and sweep are not this one's
  clear($("boot-params"));
  $("validate-text").textContent = "";
  $("sensitivity-text").textContent = "";
  $("boot-progress").value = 0;
  if (job === null) say("boot-status", "");
  if (fit.groups) return showGroupedFit();
  $("fit-title").textContent = "Fit " + id + ": " + fit.law.name + " to " + fit.target;
  $("fit-fitted").textContent = fit.law.fitted;
  table($("fit-params"), ["parameter", "value", "standard error", "95% interval (±1.96 SE)", "note"],
    fit.parameters.map((p) => [p.name, num(p.value, 6), num(p.standard_error, 3),
      p.standard_error === null ? "" : "[" + num(p.value - 1.96 * p.standard_error, 4) + ", " + num(p.value + 1.96 * p.standard_error, 4) + "]",
      p.note || p.state]));
  const w = $("fit-warnings");
  clear(w);
  (fit.warnings.length ? fit.warnings : ["none"]).forEach((t) => w.appendChild(el("li", t)));
  const pv = fit.provenance;
  table($("fit-provenance"), ["", ""], [["data", pv.data], ["sha256", pv.sha256], ["optimizer", pv.optimizer],
    ["starts", pv.starts], ["seed", pv.seed], ["objective", fit.objective.description],
    ["r squared", num(fit.statistics.r_squared, 5)], ["rows", fit.statistics.rows],
    ["slaw", pv.slaw_version], ["created", pv.created]]);
  $("fit-json").href = "/api/fits/" + id;
  drawFitPlot();
}

// a fit per group (slaw fit --group): each group's formula, parameters and rows, in its own colour
function showGroupedFit() {
  const { id, fit } = current;
  const first = fit.groups[0].fit;
  $("fit-title").textContent = "Fit " + id + ": " + first.law.name + " to " + first.target + ", one per " + fit.grouped_by
    + (fit.shared.length ? " (shared: " + fit.shared.join(", ") + ")" : "");
  const f = $("fit-fitted");
  clear(f);
  fit.groups.forEach((g) => f.appendChild(el("div", fit.grouped_by + "=" + g.group + ": " + g.fit.law.fitted)));
  table($("fit-params"), [fit.grouped_by, "parameter", "value", "standard error", "95% interval (±1.96 SE)", "note"],
    fit.groups.flatMap((g) => g.fit.parameters.map((p) => [g.group, p.name, num(p.value, 6), num(p.standard_error, 3),
      p.standard_error === null ? "" : "[" + num(p.value - 1.96 * p.standard_error, 4) + ", " + num(p.value + 1.96 * p.standard_error, 4) + "]",
      p.note || p.state])));
  const w = $("fit-warnings");
  clear(w);
  (fit.warnings.length ? fit.warnings : ["none"]).forEach((t) => w.appendChild(el("li", t)));
  const pv = first.provenance;
  table($("fit-provenance"), ["", ""], [["data", pv.data], ["sha256", pv.sha256], ["optimizer", pv.optimizer],
    ["starts", pv.starts], ["groups", fit.groups.map((g) => g.group + " (" + g.fit.statistics.rows + " rows)").join(", ")],
    ["slaw", pv.slaw_version], ["created", pv.created]]);
  $("fit-json").href = "/api/fits/" + id;
  drawFitPlot();
}

const GROUP_COLOURS = ["#23395d", "#e07b39", "#2a9d8f", "#b5179e", "#6a994e", "#bc4749", "#7f5539", "#4361ee"];

function drawFitPlot() {
  const { rows } = current;
  if (rows.groups) return drawGroupedPlot();
  const xName = rows.variables[0];
  const [x, obs, pred, idx] = sortedBy(rows.columns[xName], rows.observed, rows.predicted);
  const series = [
    { label: "observed " + rows.target, values: obs, color: "#23395d" },
    { label: "fitted", values: pred, color: "#e07b39" },
  ];
  series.x = x;
  fitPlot = scatterPlot($("fit-plot"), "observed and fitted " + rows.target, xName, series, $("fit-logy").checked, (i) => {
    if (i === null || i === undefined) return;
    const r = idx[i];
    const vars = rows.variables.map((v) => v + "=" + num(rows.columns[v][r], 4)).join(", ");
    $("fit-hover").textContent = "row " + rows.row_numbers[r] + ": " + vars + ", " + rows.target + "=" + num(rows.observed[r], 5)
      + ", predicted=" + num(rows.predicted[r], 5) + ", residual=" + num(rows.observed[r] - rows.predicted[r], 3);
  });
}

// each group's observed rows filled and its fit's predictions hollow, in the group's colour
function drawGroupedPlot() {
  const { rows } = current;
  const xName = rows.variables[0];
  const [x, obs, pred, grp, idx] = sortedBy(rows.columns[xName], rows.observed, rows.predicted, rows.groups);
  const series = [];
  [...new Set(rows.groups)].forEach((g, k) => {
    const color = GROUP_COLOURS[k % GROUP_COLOURS.length];
    const only = (v) => v.map((y, i) => (grp[i] === g ? y : null));
    series.push({ label: rows.grouped_by + "=" + g, values: only(obs), color });
    series.push({ label: "fitted " + g, values: only(pred), color, hollow: true });
  });
  series.x = x;
  fitPlot = scatterPlot($("fit-plot"), "observed and fitted " + rows.target + " by " + rows.grouped_by, xName, series,
    $("fit-logy").checked, (i) => {
      if (i === null || i === undefined) return;
      const r = idx[i];
      const vars = rows.variables.map((v) => v + "=" + num(rows.columns[v][r], 4)).join(", ");
      $("fit-hover").textContent = "row " + rows.row_numbers[r] + " (" + rows.grouped_by + "=" + rows.groups[r] + "): " + vars + ", "
        + rows.target + "=" + num(rows.observed[r], 5) + ", predicted=" + num(rows.predicted[r], 5)
        + ", residual=" + num(rows.observed[r] - rows.predicted[r], 3);
    });
}
$("fit-logy").addEventListener("change", () => current && drawFitPlot());

// ---- bootstrap job ----
let job = null;
$("boot-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  if (!current) return;
  // a new job starts from nothing: the bar must not show the last job's end
  $("boot-progress").value = 0;
  try {
    const j = await api("POST", "/api/fits/" + current.id + "/bootstrap", { options: { replicates: Number($("boot-replicates").value) } });
    job = j.id;
    $("boot-cancel").disabled = false;
    $("boot-run").disabled = true;
    clear($("boot-params"));
    poll();
  } catch (e) {
    say("boot-status", e.message, true);
  }
});

$("boot-cancel").addEventListener("click", async () => {
  if (job !== null) await api("POST", "/api/jobs/" + job + "/cancel");
});

async function poll() {
  if (job === null) return;
  const j = await api("GET", "/api/jobs/" + job);
  const p = $("boot-progress");
  p.max = j.total || 1;
  p.value = j.done;
  say("boot-status", "job " + j.id + ": " + j.state + (j.total ? ", " + j.done + " of " + j.total + " replicates" : ", fitting the point estimate")
    + (j.error ? " (" + j.error + ")" : ""), j.state === "failed");
  if (j.state === "done" || j.state === "failed" || j.state === "cancelled") {
    $("boot-cancel").disabled = true;
    $("boot-run").disabled = false;
    if (j.result) {
      table($("boot-params"), ["parameter", "estimate", "median", "bootstrap SE", "interval"],
        j.result.parameters.map((p) => [p.name, num(p.estimate, 6), num(p.median, 6), num(p.standard_error, 3),
          "[" + num(p.lower, 4) + ", " + num(p.upper, 4) + "] (" + p.level + ")"]));
    }
    job = null;
    return;
  }
  setTimeout(poll, 300);
}

// ---- validate and sensitivity: jobs whose result is the command's text, as the command line prints it ----
function analysisJob(kind, options, url) {
  const status = kind + "-status", out = $(kind + "-text"), run = $(kind + "-run"), cancel = $(kind + "-cancel");
  let id = null;
  cancel.addEventListener("click", async () => { if (id !== null) await api("POST", "/api/jobs/" + id + "/cancel"); });
  $(kind + "-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    if (!url && !current) return;
    out.textContent = "";
    if ($(kind + "-plot")) clear($(kind + "-plot"));
    try {
      const j = await api("POST", url ? url() : "/api/fits/" + current.id + "/" + kind,
        Object.assign({ format: "text", options: options() }, $(kind + "-plot") ? { plot: true } : {}));
      id = j.id;
      run.disabled = true;
      cancel.disabled = false;
      const poll = async () => {
        const s = await api("GET", "/api/jobs/" + id);
        say(status, "job " + s.id + ": " + s.state + (s.total ? ", " + s.done + " of " + s.total : "")
          + (s.error ? " (" + s.error + ")" : ""), s.state === "failed");
        if (s.state === "done" || s.state === "failed" || s.state === "cancelled") {
          if (s.result) out.textContent = s.result.text + s.result.warnings.join("\n");
          if (s.result && s.result.figure) drawFigure($(kind + "-plot"), s.result.figure, $(kind + "-hover"));
          run.disabled = false;
          cancel.disabled = true;
          id = null;
          return;
        }
        setTimeout(poll, 300);
      };
      poll();
    } catch (e) {
      say(status, e.message, true);
    }
  });
}
analysisJob("validate", () => {
  const how = $("validate-how").value;
  return { [how]: how === "holdout" ? $("validate-condition").value.trim() : true };
});
analysisJob("sensitivity", () => ({ compute: $("sensitivity-compute").value.trim() }));
analysisJob("curve", () => {
  const o = { law: $("curve-law").value };
  if ($("curve-first-step").value.trim()) o["first-step"] = $("curve-first-step").value.trim();
  const schedules = $("curve-schedules").value.split("\n").map((l) => l.trim()).filter((l) => l);
  if (schedules.length) o["run-schedule"] = schedules;
  return o;
}, () => "/api/datasets/" + encodeURIComponent($("curve-dataset").value) + "/curve");

// other schedules predicted with the dataset's last curve fit: drawn beside their schedules, and the command's text
$("curve-predict-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const schedules = $("curve-predict-schedules").value.split("\n").map((l) => l.trim()).filter((l) => l);
  const options = { schedule: schedules };
  if ($("curve-predict-steps").value.trim()) options.steps = $("curve-predict-steps").value.trim();
  $("curve-predict-text").textContent = "";
  clear($("curve-predict-plot"));
  say("curve-predict-status", "working ...");
  try {
    const r = await api("POST", "/api/datasets/" + encodeURIComponent($("curve-dataset").value) + "/curve/predict",
      { format: "text", plot: true, options });
    $("curve-predict-text").textContent = r.text + r.warnings.join("\n");
    drawFigure($("curve-predict-plot"), r.figure, $("curve-predict-hover"));
    say("curve-predict-status", "");
  } catch (e) {
    say("curve-predict-status", e.message, true);
  }
});

// ---- fits for compare and plan ----
const fitDocuments = {};   // id -> its document, read once: a fit's file does not change
async function fitDocument(id) {
  if (!fitDocuments[id]) fitDocuments[id] = await api("GET", "/api/fits/" + id);
  return fitDocuments[id];
}

// a fit per group offers its groups, one at a time or all of them ("*"); a single fit hides the choice
const offers = {};   // the group select -> its latest offer: an older one answered later is dropped
async function offerGroups(fitSelect, groupSelect, allowAll) {
  const s = $(groupSelect);
  const mine = (offers[groupSelect] = (offers[groupSelect] || 0) + 1);
  const id = $(fitSelect).value;
  const fit = id ? await fitDocument(id) : null;
  if (mine !== offers[groupSelect]) return;
  const chosen = s.value;
  clear(s);
  s.parentNode.hidden = !(fit && fit.groups);
  if (!fit || !fit.groups) return;
  if (allowAll) s.appendChild(el("option", "all groups", { value: "*" }));
  fit.groups.forEach((g) => s.appendChild(el("option", fit.grouped_by + "=" + g.group, { value: g.group })));
  if (chosen && [...s.options].some((o) => o.value === chosen)) s.value = chosen;
}

const fitListing = {};   // id -> its dataset
async function refreshFits() {
  const fits = await api("GET", "/api/fits");
  fits.forEach((f) => { fitListing[f.id] = f.dataset; });
  for (const id of ["compare-a", "compare-b", "plan-fit"]) {
    const s = $(id);
    const chosen = s.value;
    clear(s);
    fits.forEach((f) => s.appendChild(el("option", "fit " + f.id + ": " + f.law + " on " + f.dataset, { value: f.id })));
    if (chosen) s.value = chosen;
  }
  if (fits.length > 1 && !$("compare-b").dataset.touched) $("compare-b").value = fits[fits.length - 1].id;
  if (fits.length > 1 && !$("compare-a").dataset.touched) $("compare-a").value = fits[fits.length - 2].id;
  await Promise.all([offerGroups("compare-a", "compare-a-group", true), offerGroups("compare-b", "compare-b-group", true),
    offerGroups("plan-fit", "plan-group", true)]);
}
["compare-a", "compare-b"].forEach((id) => $(id).addEventListener("change", () => {
  $(id).dataset.touched = "1";
  offerGroups(id, id + "-group", true).catch((e) => say("compare-status", e.message, true));
}));
$("plan-fit").addEventListener("change", () => offerGroups("plan-fit", "plan-group", true).catch((e) => say("plan-status", e.message, true)));

// what one side of a comparison shows: the fit, or one of its groups, or each of them; each with
// its parameters and statistics from the fit's document and its rows (observed and predicted)
function compared(id, fit, rows, choice) {
  const all = rows.observed.map((v, i) => i);
  if (!fit.groups) {
    return [{ name: "fit " + id + " (" + fit.law.name + ")", key: id, fit, rows: all }];
  }
  return fit.groups.filter((g) => !choice || choice === "*" || g.group === choice).map((g) => ({
    name: "fit " + id + " (" + fit.grouped_by + "=" + g.group + ")", key: id + "/" + g.group, fit: g.fit,
    rows: all.filter((i) => rows.groups[i] === g.group),
  }));
}

$("compare-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const a = $("compare-a").value, b = $("compare-b").value;
  try {
    const [fa, fb, ra, rb] = await Promise.all([fitDocument(a), fitDocument(b),
      api("GET", "/api/fits/" + a + "/rows"), api("GET", "/api/fits/" + b + "/rows")]);
    const sides = [[a, fa, ra, $("compare-a-group").value], [b, fb, rb, $("compare-b-group").value]];
    const members = [];
    // a fit (or group) chosen on both sides is shown once
    sides.forEach(([id, f, r, choice]) => compared(id, f, r, choice)
      .forEach((m) => { if (!members.some((o) => o.key === m.key)) members.push(Object.assign(m, { data: r })); }));
    const xName = ra.variables[0];
    if (!rb.columns[xName]) {
      say("compare-status", "the two fits do not share their first variable " + xName + ": compared by parameters only", false);
      clear($("compare-plot"));
    } else {
      // the observed rows once per dataset and group, each member's predictions hollow in its colour
      const series = [];
      const seen = new Set();
      members.forEach((m, k) => {
        const colour = GROUP_COLOURS[(k + 1) % GROUP_COLOURS.length];
        const pick = (v) => m.rows.map((i) => v[i]);
        const key = fitListing[m.key.split("/")[0]] + "/" + m.key.split("/")[1] + "/" + m.data.target;
        if (!seen.has(key)) {
          seen.add(key);
          series.push({ label: "observed" + (m.key.includes("/") ? " " + m.name.replace(/^fit \S+ /, "") : ""), mark: "points",
            colour: members.length > 2 ? colour : "#23395d", in_legend: true, x: pick(m.data.columns[xName]), y: pick(m.data.observed) });
        }
        series.push({ label: m.name, mark: "points", hollow: true, colour: members.length > 2 ? colour : GROUP_COLOURS[k + 1],
          in_legend: true, x: pick(m.data.columns[xName]), y: pick(m.data.predicted) });
      });
      drawFigure($("compare-plot"), { panels: [{ title: members.map((m) => m.name).join(" and "), x: { title: xName, scale: "log" },
        y: { title: ra.target, scale: "linear" }, series, bands: [] }] }, $("compare-hover"));
      say("compare-status", "");
    }
    const names = [...new Set(members.flatMap((m) => m.fit.parameters.map((p) => p.name)))];
    const val = (f, n) => { const p = f.parameters.find((q) => q.name === n); return p ? num(p.value, 5) + (p.standard_error !== null ? " ± " + num(p.standard_error, 2) : "") : ""; };
    const rows = names.map((n) => [n].concat(members.map((m) => val(m.fit, n))));
    rows.push(["r squared"].concat(members.map((m) => num(m.fit.statistics.r_squared, 5))));
    rows.push(["objective"].concat(members.map((m) => num(m.fit.objective.value, 6))));
    table($("compare-params"), [""].concat(members.map((m) => m.name)), rows);
  } catch (e) {
    say("compare-status", e.message, true);
  }
});

// ---- plan ----
$("plan-slider").addEventListener("input", () => {
  $("plan-budget").value = Number(Math.pow(10, Number($("plan-slider").value)).toPrecision(3)).toExponential();
});
// the plan asks for intervals only when the fit has a finished bootstrap, and says when it has none
async function planBody(options, statusId, group) {
  const id = $("plan-fit").value;
  let band = $("plan-band").checked;
  if (group !== undefined) {
    // slaw bootstrap keeps no bootstrap of a fit per group: its plans have no intervals here
    if (band) say(statusId, "fit " + id + " is a fit per group: planned without intervals");
    return { body: { group, options }, band: false };
  }
  if (band) {
    const fit = (await api("GET", "/api/fits")).find((f) => String(f.id) === String(id));
    if (!fit || !fit.bootstrapped) {
      band = false;
      say(statusId, "fit " + id + " has no finished bootstrap yet (run one on its fit page): no intervals");
    }
  }
  return { body: { bootstrap: band, options }, band };
}

function interval(c, key) {
  const i = c.intervals && c.intervals[key];
  return i ? "[" + num(i.lower, 4) + ", " + num(i.upper, 4) + "] (" + i.level + ")" : "";
}

// the groups a plan is for: none (a single fit), the one chosen, or each of a fit per group
async function plannedGroups() {
  const fit = await fitDocument($("plan-fit").value);
  if (!fit.groups) return [undefined];
  const chosen = $("plan-group").value || "*";
  return fit.groups.map((g) => g.group).filter((g) => chosen === "*" || g === chosen);
}

$("plan-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  try {
    say("plan-status", "");
    const groups = await plannedGroups();
    const fit = await fitDocument($("plan-fit").value);
    const rows = [];
    let band = false, replicates = 0;
    for (const group of groups) {
      const planned = await planBody({ compute: $("plan-budget").value }, "plan-status", group);
      band = planned.band;
      const p = await api("POST", "/api/fits/" + $("plan-fit").value + "/plan", planned.body);
      replicates = p.replicates;
      if (group !== undefined) rows.push([fit.grouped_by + "=" + group, "", ""]);
      (p.compute_optimal || []).forEach((c) => {
        rows.push(["compute (FLOP)", num(c.compute_flops, 4), ""], ["parameters N", num(c.parameter_count, 4), interval(c, "parameter_count")],
        ["tokens D", num(c.token_count, 4), interval(c, "token_count")],
        ["tokens per parameter", num(c.tokens_per_parameter, 4), interval(c, "tokens_per_parameter")],
        ["predicted loss", num(c.loss, 5), interval(c, "loss")], ["method", c.method, ""]);
        (c.warnings || []).forEach((w) => rows.push(["warning", w, ""]));
      });
    }
    table($("plan-result"), ["", "plan", band ? "interval (" + replicates + " replicates)" : ""], rows);
  } catch (e) {
    say("plan-status", e.message, true);
  }
});

// the frontier: N and D at log-spaced budgets, each with its band from the bootstrap's replicates
$("frontier-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  try {
    say("frontier-status", "");
    const spec = $("frontier-from").value.trim() + ":" + $("frontier-to").value.trim() + ":" + $("frontier-count").value.trim();
    const groups = await plannedGroups();
    if (groups.length > 1) return await groupFrontiers(spec, groups);
    const { body, band } = await planBody({ frontier: spec }, "frontier-status", groups[0]);
    const p = await api("POST", "/api/fits/" + $("plan-fit").value + "/plan", body);
    const rows = p.frontier.rows;
    const x = rows.map((r) => r.compute_flops);
    const part = (key, side) => rows.map((r) => (r.intervals && r.intervals[key] ? r.intervals[key][side] : null));
    const series = [{ label: "x" }];
    const data = [x];
    const bands = [];
    [["parameters N", "parameter_count", "#e07b39", "rgba(224,123,57,0.2)"], ["tokens D", "token_count", "#2a9d8f", "rgba(42,157,143,0.2)"]]
      .forEach(([label, key, color, fill]) => {
        series.push({ label, stroke: color, width: 2, value: (u, v) => (v == null ? "" : Number(v).toPrecision(4)) });
        data.push(rows.map((r) => r[key]));
        if (band) {
          series.push({ label: label + " lower", stroke: color, width: 1, dash: [4, 4], value: (u, v) => (v == null ? "" : Number(v).toPrecision(4)) });
          series.push({ label: label + " upper", stroke: color, width: 1, dash: [4, 4], value: (u, v) => (v == null ? "" : Number(v).toPrecision(4)) });
          data.push(part(key, "lower"), part(key, "upper"));
          bands.push({ series: [series.length - 1, series.length - 2], fill });
        }
      });
    series[0] = { label: "compute (FLOP)", value: (u, v) => (v == null ? "" : Number(v).toPrecision(4)) };
    const node = $("frontier-plot");
    clear(node);
    const exp = (u, vals) => vals.map((v) => (v === null ? "" : Number(v).toExponential(0)));
    new uPlot({
      title: "compute-optimal N and D" + (band ? ", " + Math.round(p.level * 100) + "% intervals from " + p.replicates + " replicates" : ""),
      width: Math.min(1000, node.clientWidth || 900), height: 380,
      scales: { x: { time: false, distr: 3, log: 10 }, y: { distr: 3, log: 10 } },
      axes: [{ label: "compute (FLOP)", values: exp }, { label: "N, D", values: exp, size: 60 }],
      series, bands,
    }, data, node);
    const warnings = [...new Set(rows.flatMap((r) => r.warnings || []))];
    if (warnings.length) say("frontier-status", warnings.join("; "));
  } catch (e) {
    say("frontier-status", e.message, true);
  }
});

// each group's frontier in its own colour: N solid, D dashed, each from slaw plan FIT GROUP=VALUE
async function groupFrontiers(spec, groups) {
  const fit = await fitDocument($("plan-fit").value);
  const series = [];
  const warnings = new Set();
  for (const [k, group] of groups.entries()) {
    const p = await api("POST", "/api/fits/" + $("plan-fit").value + "/plan", { group, options: { frontier: spec } });
    const rows = p.frontier.rows;
    const colour = GROUP_COLOURS[k % GROUP_COLOURS.length];
    const x = rows.map((r) => r.compute_flops);
    series.push({ label: fit.grouped_by + "=" + group + " N", mark: "line_and_points", colour, in_legend: true, x, y: rows.map((r) => r.parameter_count) },
      { label: fit.grouped_by + "=" + group + " D", mark: "dashed_line", colour, in_legend: true, x, y: rows.map((r) => r.token_count) });
    rows.forEach((r) => (r.warnings || []).forEach((w) => warnings.add(group + ": " + w)));
  }
  drawFigure($("frontier-plot"), { panels: [{ title: "compute-optimal N (solid) and D (dashed) per " + fit.grouped_by,
    x: { title: "compute (FLOP)", scale: "log" }, y: { title: "N, D", scale: "log" }, series, bands: [] }] }, $("frontier-hover"));
  say("frontier-status", [...warnings].join("; "));
}

// ---- IsoFLOP and envelope views: the command's picture, drawn here, and its text as the command line prints it ----
$("view-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const options = {};
  if ($("view-compute").value.trim()) options["compute-column"] = $("view-compute").value.trim();
  if ($("view-target").value.trim()) options.target = $("view-target").value.trim();
  $("view-text").textContent = "";
  clear($("view-plot"));
  $("view-hover").textContent = "";
  say("view-status", "working ...");
  try {
    const r = await api("POST", "/api/datasets/" + encodeURIComponent($("view-dataset").value) + "/" + $("view-kind").value,
      { format: "text", plot: true, options });
    $("view-text").textContent = r.text + r.warnings.join("\n");
    drawFigure($("view-plot"), r.figure, $("view-hover"));
    $("view-hover").textContent = "Hover a point to read its values.";
    say("view-status", "");
  } catch (e) {
    say("view-status", e.message, true);
  }
});

// ---- start ----
Promise.all([refreshDatasets(), refreshFitList(), loadLaws()]).catch((e) => console.warn(e));

// ---- mixtures: slaw mixture fit as a job, then slaw mixture optimize of the dataset's last mixture fit ----
function mixtureColumns() {
  // the columns as --mixture takes them: NAME=COLUMNS, the variable r unless named
  const c = $("mixture-columns").value.trim();
  return c.includes("=") ? c : "r=" + c;
}
analysisJob("mixture", () => {
  const o = { law: $("mixture-law").value.trim(), mixture: mixtureColumns() };
  if ($("mixture-target").value.trim()) o.target = $("mixture-target").value.trim();
  // the optimum searches the same columns unless told otherwise; a pattern is expanded over the
  // dataset's columns in table order, as --mixture expands it
  const columns = mixtureColumns().split("=").slice(1).join("=");
  if (!$("mixture-optimize-proportions").value.trim()) {
    if (!columns.includes("*")) $("mixture-optimize-proportions").value = columns;
    else {
      const glob = new RegExp("^" + columns.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*") + "$");
      api("GET", "/api/datasets/" + encodeURIComponent($("mixture-dataset").value))
        .then((d) => { $("mixture-optimize-proportions").value = d.columns.filter((c) => glob.test(c)).join(","); })
        .catch(() => {});
    }
  }
  return o;
}, () => "/api/datasets/" + encodeURIComponent($("mixture-dataset").value) + "/mixture");

// the optimum of the dataset's last mixture fit, as a job: a search over many domains takes minutes
analysisJob("mixture-optimize", () => {
  const options = { proportions: $("mixture-optimize-proportions").value.trim() };
  const bounds = $("mixture-optimize-bounds").value.split("\n").map((l) => l.trim()).filter((l) => l);
  if (bounds.length) options.bounds = bounds;
  return options;
}, () => "/api/datasets/" + encodeURIComponent($("mixture-dataset").value) + "/mixture/optimize");

// ---- chains: a model ladder uploaded as a zip, then slaw chain of it as a job ----
async function refreshLadders(selected) {
  const ladders = await api("GET", "/api/ladders");
  const select = $("chain-ladder");
  const keep = selected || select.value;
  clear(select);
  ladders.forEach((l) => select.appendChild(el("option", l.name + " (" + l.runs + " runs, target " + l.target.name + ")", { value: l.name })));
  if (keep && ladders.some((l) => l.name === keep)) select.value = keep;
  await showLadder();
}

async function showLadder() {
  const name = $("chain-ladder").value;
  if (!name) { clear($("chain-runs")); return; }
  const l = await api("GET", "/api/ladders/" + encodeURIComponent(name));
  table($("chain-runs"), ["run", "N", "D", "checkpoints"],
    l.runs.concat([Object.assign({}, l.target, { name: l.target.name + " (target)" })])
      .map((r) => [r.name, num(r.parameters, 4), num(r.tokens, 4), r.checkpoints]));
}
$("chain-ladder").addEventListener("change", () => showLadder().catch((e) => say("chain-status", e.message, true)));

$("ladder-upload-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const file = $("ladder-file").files[0];
  const name = $("ladder-name").value.trim();
  say("ladder-upload-status", "uploading ...");
  try {
    const r = await api("POST", "/api/ladders?name=" + encodeURIComponent(name) + ($("ladder-replace").checked ? "&replace=true" : ""),
      await file.arrayBuffer(), true);
    say("ladder-upload-status", "kept " + r.name + ": " + r.runs.length + " runs, target " + r.target.name
      + (r.ignored.length ? "; left out " + r.ignored.join(", ") : ""));
    await refreshLadders(r.name);
  } catch (e) {
    say("ladder-upload-status", e.message, true);
  }
});

analysisJob("chain", () => {
  const o = { step2: $("chain-step2").value };
  if ($("chain-tasks").value.trim()) o.tasks = $("chain-tasks").value.trim();
  if ($("chain-protocol").value) o.protocol = $("chain-protocol").value;
  const replicates = Number($("chain-replicates").value);
  if (replicates > 0) o.replicates = replicates;
  return o;
}, () => "/api/ladders/" + encodeURIComponent($("chain-ladder").value) + "/chain");
refreshLadders().catch((e) => say("chain-status", e.message, true));
