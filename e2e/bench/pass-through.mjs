// The bench's anchors, run as a child process so its CPU time can be read apart from the app's:
// - every request is piped byte for byte to UPSTREAM (the fake provider): the cost of one HTTP hop with no
//   parsing, against which the app's relay is compared;
// - GET /plain serves a page that reads the same provider stream and appends each delta to a <pre>: the
//   browser's floor for rendering that stream (no markdown, no framework).
//   PASS_THROUGH_PORT=4032 UPSTREAM=http://127.0.0.1:4031 node e2e/bench/pass-through.mjs
import http from "node:http";

const port = Number(process.env.PASS_THROUGH_PORT);
const upstream = new URL(process.env.UPSTREAM);

const PLAIN_PAGE = `<!doctype html><meta charset="utf-8"><title>plain</title>
<pre id="out" style="white-space:pre-wrap"></pre>
<script>
// Reads an OpenAI-style SSE stream and appends every reasoning or answer delta as text.
window.__plain = async (url, headers, body, marker) => {
  const out = document.getElementById("out").appendChild(document.createTextNode(""));
  const res = await fetch(url, { method: "POST", headers, body });
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buf = "";
  let seen = false;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buf += value;
    let i;
    while ((i = buf.indexOf("\\n\\n")) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 2);
      if (!line.startsWith("data: ") || line === "data: [DONE]") continue;
      const d = JSON.parse(line.slice(6)).choices?.[0]?.delta;
      const t = (d?.reasoning_content ?? "") + (d?.content ?? "");
      if (t) out.appendData(t);
      if (!seen && t.includes(marker)) {
        seen = true;
        requestAnimationFrame(() => { window.__markerPaintedAt = Date.now(); });
      }
    }
  }
};
</script>`;

http
  .createServer((req, res) => {
    if (req.url === "/plain") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(PLAIN_PAGE);
      return;
    }
    const out = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    out.on("error", () => res.destroy());
    req.pipe(out);
  })
  .listen(port, "127.0.0.1");
