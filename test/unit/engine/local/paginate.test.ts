// NextTokens: opaque, signed, bound to the operation and the other parameters, 24 h; keyset order both ways.
import { describe, expect, it } from "vitest";
import { ServiceError } from "../../../../src/engine/engine.js";
import { decodeToken, encodeToken, listPage, maxResults } from "../../../../src/engine/local/paginate.js";
import { tempEngine } from "../../../commands/local-helpers.js";

function ctxWithRows(n: number) {
  const t = tempEngine();
  const db = t.engine.ctx.db;
  db.exec("CREATE TABLE items (k TEXT, created_at INTEGER, id TEXT)");
  // Ties on created_at are broken by id.
  for (let i = 0; i < n; i++) db.prepare("INSERT INTO items VALUES ('x', ?, ?)").run(Math.floor(i / 2), `id${String(i).padStart(3, "0")}`);
  return t;
}

const q = (descending = false) => ({ sql: "SELECT * FROM items WHERE k = ?", args: ["x"], order: ["created_at", "id"] as [string, string], descending });
const ids = (doc: Record<string, unknown>) => (doc.Items as { id: string }[]).map((r) => r.id);

describe("paginate", () => {
  it("defaults MaxResults to the most the operation accepts", () => {
    expect(maxResults("ListDomains", {})).toBe(10);
    expect(maxResults("ListSpeakers", {})).toBe(100);
    expect(maxResults("ListSpeakers", { MaxResults: 7 })).toBe(7);
  });

  it("walks every row exactly once, ascending and descending, ties included", () => {
    const t = ctxWithRows(7);
    for (const descending of [false, true]) {
      const seen: string[] = [];
      let token: unknown;
      do {
        const out = listPage(t.engine.ctx, "ListSpeakers", { DomainId: "d", MaxResults: 3, NextToken: token }, "Items", q(descending), (r) => r as never);
        seen.push(...ids(out));
        token = out.NextToken;
      } while (token);
      const all = Array.from({ length: 7 }, (_, i) => `id${String(i).padStart(3, "0")}`);
      expect(seen).toEqual(descending ? [...all].reverse() : all);
    }
  });

  it("rejects tokens of another operation, other filters, tampering and age; allows another MaxResults", () => {
    const t = ctxWithRows(1);
    const ctx = t.engine.ctx;
    const token = encodeToken(ctx, "ListFraudsters", { DomainId: "d", WatchlistId: "w" }, [1, "a"]);
    expect(decodeToken(ctx, "ListFraudsters", { DomainId: "d", WatchlistId: "w", MaxResults: 5, NextToken: token })).toEqual([1, "a"]);
    const bad = (op: string, params: Record<string, unknown>) => {
      try {
        decodeToken(ctx, op, params);
      } catch (e) {
        return (e as ServiceError).code;
      }
      return "accepted";
    };
    expect(bad("ListSpeakers", { DomainId: "d", WatchlistId: "w", NextToken: token })).toBe("ValidationException");
    expect(bad("ListFraudsters", { DomainId: "d", NextToken: token })).toBe("ValidationException");
    expect(bad("ListFraudsters", { DomainId: "e", WatchlistId: "w", NextToken: token })).toBe("ValidationException");
    const [body, mac] = token.split(".");
    const forged = Buffer.from(Buffer.from(body, "base64url").toString().replace('"a"', '"b"')).toString("base64url");
    expect(bad("ListFraudsters", { DomainId: "d", WatchlistId: "w", NextToken: `${forged}.${mac}` })).toBe("ValidationException");
    // Another store signs with another key.
    const other = tempEngine().engine.ctx;
    expect(() => decodeToken(other, "ListFraudsters", { DomainId: "d", WatchlistId: "w", NextToken: token })).toThrow(/Invalid NextToken/);
    t.clock.now += 24 * 3_600_000 + 1;
    expect(() => decodeToken(ctx, "ListFraudsters", { DomainId: "d", WatchlistId: "w", NextToken: token })).toThrow(/expired/);
  });
});
