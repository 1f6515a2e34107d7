// Live orders: reads the State Protocol stream that the connector of connector.json fills from the
// Kafka topic `orders`, from its start, then tails it live, and keeps a table of the orders as they
// are now. Query parameters: `gateway` (default http://127.0.0.1:4437), `stream` (default
// shop/orders) and `live` (`sse`, the default, or `long-poll`).
import { stream } from "@durable-streams/client"
import { MaterializedState, isChangeEvent } from "@durable-streams/state"

const params = new URLSearchParams(location.search)
const gateway = params.get("gateway") ?? "http://127.0.0.1:4437"
const path = params.get("stream") ?? "shop/orders"
const live = params.get("live") ?? "sse"
const url = new URL(`/v1/stream/${path}`, gateway)

const statusLine = document.getElementById("status")
const table = document.querySelector("#orders tbody")

function showStatus(text, error = false) {
  statusLine.textContent = text
  statusLine.classList.toggle("error", error)
}

function cell(text, className) {
  const td = document.createElement("td")
  td.textContent = text ?? ""
  if (className) td.className = className
  return td
}

function render(orders) {
  const rows = [...orders].sort(([a], [b]) => a.localeCompare(b)).map(([key, order]) => {
    const tr = document.createElement("tr")
    tr.dataset.key = key
    tr.append(
      cell(key, "order"),
      cell(order.customer, "customer"),
      cell(order.item, "item"),
      cell(order.total == null ? "" : Number(order.total).toFixed(2), "total"),
      cell(order.status, `status ${order.status ?? ""}`),
    )
    return tr
  })
  table.replaceChildren(...rows)
}

// The table is always rebuilt from the whole stream (offset -1), so after an error the page simply
// starts over: no order is shown twice and none is missed.
async function follow() {
  for (;;) {
    const orders = new MaterializedState()
    try {
      const res = await stream({ url, offset: "-1", live })
      res.subscribeJson((batch) => {
        orders.applyBatch(batch.items.filter(isChangeEvent))
        const rows = orders.getType("order")
        render(rows)
        showStatus(`${batch.upToDate ? "live" : "catching up"} · ${rows.size} orders · offset ${batch.offset}`)
      })
      await res.closed
      showStatus("the stream was closed by its writer")
      return
    } catch (e) {
      if (e.status === 404) {
        showStatus(`waiting for ${path}: no order has reached it yet`)
      } else {
        showStatus(`${e.message}; starting over`, true)
      }
      await new Promise((resolve) => setTimeout(resolve, 2000))
    }
  }
}

follow()
