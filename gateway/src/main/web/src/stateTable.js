// Materialises State Protocol change messages (insert/update/delete by type and key) into rows.

export function isChangeMessage(item) {
  return item !== null && typeof item === "object" && typeof item.type === "string"
    && item.key !== undefined && item.headers && typeof item.headers.operation === "string";
}

export function isControlMessage(item) {
  return item !== null && typeof item === "object" && item.headers
    && typeof item.headers.control === "string";
}

// rows: { "<type>\u0000<key>": { type, key, value } }, updated in place.
export function applyChange(rows, item) {
  if (isControlMessage(item)) {
    if (item.headers.control === "reset") {
      for (const k of Object.keys(rows)) delete rows[k];
    }
    return;
  }
  const id = item.type + "\u0000" + String(item.key);
  switch (item.headers.operation) {
    case "insert":
    case "update":
      rows[id] = { type: item.type, key: String(item.key), value: item.value };
      break;
    case "delete":
      delete rows[id];
      break;
    default:
      break;
  }
}

export function renderTable(table, rows) {
  const list = Object.values(rows).sort((a, b) =>
    a.type.localeCompare(b.type) || a.key.localeCompare(b.key, undefined, { numeric: true }));
  const columns = [];
  for (const row of list) {
    if (row.value && typeof row.value === "object") {
      for (const c of Object.keys(row.value)) if (!columns.includes(c)) columns.push(c);
    }
  }
  const head = table.tHead;
  head.replaceChildren(tr(["type", "key", ...columns].map((c) => cell("th", c))));
  const body = table.tBodies[0];
  body.replaceChildren(...list.map((row) => {
    const r = tr([cell("td", row.type), cell("td", row.key),
      ...columns.map((c) => cell("td", format(row.value?.[c])))]);
    r.dataset.key = row.key;
    return r;
  }));
  table.hidden = list.length === 0 && head.children.length === 0;
}

function tr(cells) {
  const row = document.createElement("tr");
  row.append(...cells);
  return row;
}

function cell(tag, text) {
  const c = document.createElement(tag);
  c.textContent = text;
  return c;
}

function format(v) {
  if (v === undefined || v === null) return "";
  return typeof v === "object" ? JSON.stringify(v) : String(v);
}
