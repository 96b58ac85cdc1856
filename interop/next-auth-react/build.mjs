// Bundles src/app.js with the real next-auth/react, React and ReactDOM into dist/ for the browser.
// The client reads its base path from NEXTAUTH_URL at build time in Next.js; unset there in the
// browser, so it calls the relative /api/auth/*, which the test's front-end origin forwards.
import { build } from "esbuild";
import { mkdirSync, writeFileSync } from "node:fs";

mkdirSync("dist", { recursive: true });
await build({
  entryPoints: ["src/app.js"],
  bundle: true,
  minify: true,
  format: "iife",
  target: "es2020",
  outfile: "dist/app.js",
  define: { "process.env.NODE_ENV": '"production"', "process.env": "{}" },
  logLevel: "warning",
});
writeFileSync("dist/index.html", `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>next-auth/react client</title></head>
<body><div id="root"></div><script src="/app.js"></script></body></html>
`);
console.log("dist/app.js and dist/index.html written");
