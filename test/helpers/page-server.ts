// A loopback HTTP server that answers a list operation page by page (NextToken "page-2", "page-3", …) and records
// every request body, so pagination is tested over a real socket.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Document } from "../../src/engine/engine.js";

export interface PageServer {
  url: string;
  /** JSON bodies received, in order. */
  requests: Document[];
  /** POSTs params to the server and returns the page, timestamps (…At members) as Dates like the SDK. */
  call: (params: Document) => Promise<Document>;
  close: () => Promise<void>;
}

/**
 * Serves `items` under `resultKey` in pages of `pageSize` (or MaxResults when sent). A page's NextToken is
 * "page-N"; the first page answers requests without a token. `tokenFor` can override the token of a page.
 */
export async function startPageServer(opts: {
  resultKey: string;
  items: Document[];
  pageSize: number;
  tokenFor?: (nextPage: number) => string;
}): Promise<PageServer> {
  const requests: Document[] = [];
  const tokenFor = opts.tokenFor ?? ((n: number) => `page-${n}`);
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Document;
      requests.push(body);
      const size = typeof body.MaxResults === "number" ? body.MaxResults : opts.pageSize;
      let page = 1;
      if (typeof body.NextToken === "string") {
        for (let n = 2; n <= opts.items.length + 1 && page === 1; n++) if (tokenFor(n) === body.NextToken) page = n;
        if (page === 1) {
          res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ message: "bad token" }));
          return;
        }
      }
      const start = (page - 1) * size;
      const answer: Document = { [opts.resultKey]: opts.items.slice(start, start + size) };
      if (start + size < opts.items.length) answer.NextToken = tokenFor(page + 1);
      res.writeHead(200, { "content-type": "application/x-amz-json-1.0" }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const call = async (params: Document): Promise<Document> => {
    const res = await fetch(url, { method: "POST", body: JSON.stringify(params) });
    if (!res.ok) throw new Error(`page server answered ${res.status}`);
    return JSON.parse(await res.text(), (key, value) =>
      typeof value === "number" && key.endsWith("At") ? new Date(value * 1000) : value,
    ) as Document;
  };
  return {
    url,
    requests,
    call,
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}
