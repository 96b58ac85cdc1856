// Regenerates auth-core/src/test/resources/next-auth-vectors.json: one session token made by the
// real next-auth v4 `encode()`, with OpenML's claims, a documented test secret and a max age of
// 100 years so the committed token does not expire for decades.
// Run from this directory: node make-vector.mjs
import { encode, decode } from "next-auth/jwt";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const target = fileURLToPath(new URL("../../auth-core/src/test/resources/next-auth-vectors.json", import.meta.url));
const nextAuthVersion = JSON.parse(readFileSync(new URL("./node_modules/next-auth/package.json", import.meta.url))).version;

const secret = "openml-auth-interop-test-secret-do-not-use-in-production";
const maxAge = 100 * 365 * 24 * 60 * 60; // 100 years, in seconds
const claims = {
  name: "Jörg Müller",
  email: "joerg.mueller@example.org",
  picture: "https://www.openml.org/img/joerg.png",
  sub: "4242",
  userId: "4242",
  username: "jmuller",
  apikey: "0123456789abcdef0123456789abcdef",
  firstName: "Jörg",
  lastName: "Müller",
  isLocalUser: true,
};

const token = await encode({ token: claims, secret, maxAge });
const payload = await decode({ token, secret }); // iat, exp and jti as next-auth set them

const vectors = {
  note: "A session token made by the real next-auth v4 jwt encode() (alg dir, enc A256GCM, HKDF-SHA256 key). " +
    "NextAuthSessionCodec must decode it to `payload`. The secret is a test value, not used anywhere else.",
  producedBy: {
    command: "cd interop/next-auth && npm ci --ignore-scripts --no-audit --no-fund && node make-vector.mjs",
    call: "await encode({ token: claims, secret, maxAge }) from 'next-auth/jwt'",
    nextAuthVersion,
    node: process.version,
    date: new Date().toISOString(),
  },
  secret,
  maxAge,
  claims,
  payload,
  token,
};
writeFileSync(target, JSON.stringify(vectors, null, 2) + "\n");
console.log(`wrote ${target} (next-auth ${nextAuthVersion}, exp ${new Date(payload.exp * 1000).toISOString()})`);
