// Bundles the chat page into web/dist/ (git-ignored): index.html, app.js, app.css.
// Everything the page needs is served by the Rasa server (connectors/web.py); no CDN.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";

rmSync("dist", { recursive: true, force: true });
mkdirSync("dist", { recursive: true });
await build({
  entryPoints: ["src/main.js"],
  bundle: true,
  format: "esm",
  minify: true,
  sourcemap: false,
  target: ["es2020"],
  outfile: "dist/app.js",
  legalComments: "linked",
  logLevel: "warning",
});
copyFileSync("src/index.html", "dist/index.html");
copyFileSync("src/app.css", "dist/app.css");
console.log("built web/dist: index.html, app.js, app.css");
