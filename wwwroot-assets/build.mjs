// Copies the packages' distributable files and our own sources into the Web project's wwwroot.
import { cpSync, mkdirSync, statSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const wwwroot = join(here, "..", "AccountAdmin.Web", "wwwroot");

const copies = [
  ["node_modules/bootstrap/dist/css/bootstrap.min.css", "lib/bootstrap/bootstrap.min.css"],
  ["node_modules/bootstrap/dist/css/bootstrap.min.css.map", "lib/bootstrap/bootstrap.min.css.map"],
  ["node_modules/bootstrap/dist/js/bootstrap.bundle.min.js", "lib/bootstrap/bootstrap.bundle.min.js"],
  ["node_modules/bootstrap/dist/js/bootstrap.bundle.min.js.map", "lib/bootstrap/bootstrap.bundle.min.js.map"],
  ["node_modules/bootstrap-icons/font/bootstrap-icons.min.css", "lib/bootstrap-icons/bootstrap-icons.min.css"],
  ["node_modules/bootstrap-icons/font/fonts", "lib/bootstrap-icons/fonts"],
  ["src/site.css", "css/site.css"],
  ["src/site.js", "js/site.js"],
];

for (const [from, to] of copies) {
  const source = join(here, from);
  const target = join(wwwroot, to);
  if (!existsSync(source)) {
    console.error(`missing ${from}: run npm ci in wwwroot-assets`);
    process.exit(1);
  }
  if (existsSync(target) && !statSync(source).isDirectory() && statSync(target).mtimeMs >= statSync(source).mtimeMs) {
    continue;
  }
  mkdirSync(dirname(target), { recursive: true });
  cpSync(source, target, { recursive: true });
}
