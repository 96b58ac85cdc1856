// Encodes a session token with the real next-auth v4 `encode()` from `next-auth/jwt`.
// stdin:  {"secret": "...", "token": {claims...}, "maxAge": seconds}
// stdout: the JWE (compact serialization), one line.
// next-auth itself sets iat (now), exp (now + maxAge) and jti (a random UUID v4).
import { encode } from "next-auth/jwt";

const input = JSON.parse(await readStdin());
if (typeof input.secret !== "string" || input.secret === "") {
  console.error("encode.mjs: `secret` (a non-empty string) is required");
  process.exit(2);
}
const params = { token: input.token ?? {}, secret: input.secret };
if (input.maxAge !== undefined) params.maxAge = input.maxAge;
process.stdout.write((await encode(params)) + "\n");

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}
