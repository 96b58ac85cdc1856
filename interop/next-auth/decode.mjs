// Decodes a session token with the real next-auth v4 `decode()` from `next-auth/jwt`.
// stdin:  {"secret": "...", "token": "<JWE>"}
// stdout: the JSON payload next-auth returns (or `null` for an empty token), exit code 0.
// A token next-auth refuses (wrong secret, tampered, expired beyond its 15 s tolerance, bad
// header) prints the error on stderr and exits with code 1.
import { decode } from "next-auth/jwt";

const input = JSON.parse(await readStdin());
if (typeof input.secret !== "string" || input.secret === "") {
  console.error("decode.mjs: `secret` (a non-empty string) is required");
  process.exit(2);
}
try {
  const payload = await decode({ token: input.token, secret: input.secret });
  process.stdout.write(JSON.stringify(payload) + "\n");
} catch (e) {
  console.error(`decode.mjs: next-auth refused the token: ${e?.code ?? ""} ${e?.message ?? e}`);
  process.exit(1);
}

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}
