// node:crypto, loaded on first use instead of imported: it costs a few ms of start-up, and commands that
// only read (describe-domain, …) never hash, sign or draw random bytes.
import { createRequire } from "node:module";

type NodeCrypto = typeof import("node:crypto");
let crypto: NodeCrypto | undefined;

export function nodeCrypto(): NodeCrypto {
  return (crypto ??= createRequire(import.meta.url)("node:crypto") as NodeCrypto);
}
