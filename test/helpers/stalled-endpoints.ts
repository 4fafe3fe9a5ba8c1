// Loopback endpoints that never answer, for timeouts over real sockets: one accepts connections and stays
// silent (read timeout), one never completes a connection (connect timeout).
import { spawn } from "node:child_process";
import { connect, createServer, type Socket } from "node:net";
import type { AddressInfo } from "node:net";

export interface LoopbackEndpoint {
  url: string;
  /** Connections accepted so far (one per attempt). */
  connections: () => number;
  close: () => Promise<void>;
}

/** Accepts every connection, reads the request and never writes a byte. */
export async function silentEndpoint(): Promise<LoopbackEndpoint> {
  const sockets = new Set<Socket>();
  let count = 0;
  const server = createServer((socket) => {
    count++;
    sockets.add(socket);
    socket.on("data", () => {}).on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections: () => count,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A listener whose accept queue is full: a child process listens with a backlog of 1 and then blocks its
 * event loop, a few connections fill the queue, and the kernel drops any further SYN, so connecting hangs.
 */
export async function unreachableEndpoint(): Promise<LoopbackEndpoint> {
  const child = spawn(
    process.execPath,
    [
      "-e",
      `const s = require("node:net").createServer().listen({ port: 0, host: "127.0.0.1", backlog: 1 }, () =>
        process.stdout.write(s.address().port + "\\n", () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60000)));`,
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const port = await new Promise<number>((resolve) => child.stdout.once("data", (d) => resolve(Number(String(d).trim()))));
  const fillers = Array.from({ length: 4 }, () => connect(port, "127.0.0.1").on("error", () => {}));
  await new Promise((resolve) => setTimeout(resolve, 100));
  return {
    url: `http://127.0.0.1:${port}`,
    connections: () => 0,
    close: async () => {
      for (const f of fillers) f.destroy();
      child.kill();
    },
  };
}
