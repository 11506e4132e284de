// The web app in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core):
// it draws, logs no error, opens a link from the URL fragment, and falls back to the default link
// with a message for a damaged fragment. Screenshots go to dist-screenshots/.
//
//   node web/browser-test.mjs DIST_DIR GOOD_FRAGMENT EXPECTED_TITLE_PART CLI_MONTECARLO_JSON \
//        DROP_RON OPEN_RON
import { chromium } from "playwright-core";
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const [dist, goodFragment, expectedTitle, cliMonteCarlo, dropFile, openFile] = process.argv.slice(2);
const cli = JSON.parse(fs.readFileSync(cliMonteCarlo, "utf8"));
const DEFAULT_TITLE = "TeraPHY-class";
const shots = path.join(path.dirname(dist), "dist-screenshots");
fs.mkdirSync(shots, { recursive: true });

const types = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm",
                ".png": "image/png" };
const server = http.createServer((req, res) => {
  const name = decodeURIComponent(new URL(req.url, "http://x").pathname);
  const file = path.join(dist, name === "/" ? "index.html" : name);
  if (!file.startsWith(path.resolve(dist)) || !fs.existsSync(file)) {
    res.writeHead(404); res.end(); return;
  }
  res.writeHead(200, { "content-type": types[path.extname(file)] || "application/octet-stream" });
  fs.createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const base = `http://127.0.0.1:${server.address().port}/`;

/// Distinct colours of a PNG (8-bit RGB/RGBA, non-interlaced), decoded with node's zlib.
function countColours(png) {
  let pos = 8, width = 0, height = 0, channels = 4;
  const idat = [];
  while (pos < png.length) {
    const len = png.readUInt32BE(pos), type = png.toString("ascii", pos + 4, pos + 8);
    const data = png.subarray(pos + 8, pos + 8 + len);
    if (type === "IHDR") { width = data.readUInt32BE(0); height = data.readUInt32BE(4);
                           channels = data[9] === 6 ? 4 : 3; }
    if (type === "IDAT") idat.push(data);
    pos += 12 + len;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels, out = Buffer.alloc(stride * height), colours = new Set();
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)], row = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? out[y * stride + x - channels] : 0;
      const b = y > 0 ? out[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? out[(y - 1) * stride + x - channels] : 0;
      let v = row[x];
      if (filter === 1) v += a; else if (filter === 2) v += b; else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) { const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
                               v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c; }
      out[y * stride + x] = v & 255;
    }
  }
  for (let i = 0; i < out.length; i += channels) colours.add(out.readUIntBE(i, 3));
  return colours.size;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--use-gl=angle", "--use-angle=swiftshader", "--enable-unsafe-swiftshader"],
});
const failures = [];
const check = (ok, what) => { console.log(`${ok ? "ok  " : "FAIL"} ${what}`); if (!ok) failures.push(what); };

/// Opens the app at `url` in a fresh page of `width`×`height` and waits for its first frame.
async function open(url, width, height) {
  const page = await browser.newPage({ viewport: { width, height } });
  const log = { errors: [], warnings: [], firstFrameMs: null, monteCarlo: null };
  page.on("pageerror", (e) => log.errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    const text = m.text();
    if (m.type() === "error") log.errors.push(text);
    if (m.type() === "warning") log.warnings.push(text);
    const hit = text.match(/first frame (\d+) ms/);
    if (hit) log.firstFrameMs = Number(hit[1]);
    const mc = text.match(/Monte Carlo done: samples=(\d+) seed=(\d+) yield=(\S+) p5=(\S+) mean=(\S+)/);
    if (mc) log.monteCarlo = { samples: Number(mc[1]), seed: Number(mc[2]), yield: Number(mc[3]),
                                p5: Number(mc[4]), mean: Number(mc[5]) };
  });
  await page.goto(url);
  await page.waitForFunction(() => document.title.startsWith("Photon Budget —"), null, { timeout: 90000 });
  await page.waitForTimeout(1500); // a few frames after the first
  return { page, log };
}

try {
  for (const [w, h] of [[1440, 900], [1280, 720]]) {
    const { page, log } = await open(base, w, h);
    const file = path.join(shots, `default-${w}x${h}.png`);
    const png = await page.screenshot({ path: file });
    const colours = countColours(png);
    check(colours > 200, `${w}x${h}: the canvas draws a picture (${colours} colours, ${file})`);
    check(log.errors.length === 0, `${w}x${h}: no error in the console ${JSON.stringify(log.errors)}`);
    const title = await page.title();
    check(title.includes(DEFAULT_TITLE), `${w}x${h}: the default link opens ("${title}")`);
    if (log.firstFrameMs !== null) console.log(`     first frame ${log.firstFrameMs} ms after navigation`);
    if (w === 1440) {
      // Monte Carlo in the page (no threads: chunks across frames): the "Monte Carlo" tab, then
      // "Run" (their places in the 1440×900 layout of the default link: the tabs sit under the
      // headline cards, whose height follows their content — the capacity and reach cards have
      // three lines, the margin card five with its temperature corners), 100 000 samples, seed 1 by
      // default.
      await page.mouse.click(607, 278);
      await page.waitForTimeout(500);
      await page.mouse.click(868, 310);
      const started = Date.now();
      while (!log.monteCarlo && Date.now() - started < 120000) await page.waitForTimeout(250);
      const mc = log.monteCarlo;
      check(mc !== null, `Monte Carlo runs in the page (${mc ? (Date.now() - started) + " ms" : "no result"})`);
      if (mc) {
        // The same code on both sides; margins may differ in their last bits where the page's
        // libm (compiled into the wasm) and the system's round exp/log/erfc differently (the
        // field tolerances' tables re-evaluate the whole link), so margins agree to 1e-9 dB.
        const near = (a, b) => Math.abs(a - b) <= 1e-9;
        check(mc.samples === cli.samples && mc.yield === cli.yield_fraction && near(mc.p5, cli.p5_margin_db)
              && near(mc.mean, cli.mean_margin_db),
              `same Monte Carlo numbers as the desktop CLI (page ${JSON.stringify(mc)}; CLI yield ` +
              `${cli.yield_fraction} p5 ${cli.p5_margin_db} mean ${cli.mean_margin_db})`);
      }
      await page.screenshot({ path: path.join(shots, "montecarlo-1440x900.png") });
      check(log.errors.length === 0, `Monte Carlo: no error in the console ${JSON.stringify(log.errors)}`);
    }
    await page.close();
  }

  {
    const { page, log } = await open(`${base}#${goodFragment}`, 1440, 900);
    const title = await page.title();
    check(title.includes(expectedTitle), `a URL with an encoded link opens it ("${title}")`);
    check(log.errors.length === 0, `shared link: no error in the console ${JSON.stringify(log.errors)}`);
    await page.screenshot({ path: path.join(shots, "shared-link-1440x900.png") });
    // The document persists in the browser's storage: the page without the fragment, reloaded,
    // still shows it.
    await page.goto(base);
    await page.waitForFunction(() => document.title.startsWith("Photon Budget —"), null, { timeout: 90000 });
    await page.reload();
    await page.waitForFunction(() => document.title.startsWith("Photon Budget —"), null, { timeout: 90000 });
    const again = await page.title();
    check(again.includes(expectedTitle), `the link survives a reload ("${again}")`);

    // Files: Ctrl+S downloads the .ron; a .ron dropped on the page opens. (File → Open and the
    // browser's picker: below, in a headed browser.)
    await page.mouse.click(900, 890); // focus the canvas (status bar)
    const [download] = await Promise.all([
      page.waitForEvent("download", { timeout: 15000 }),
      page.keyboard.press("Control+s"),
    ]);
    const saved = fs.readFileSync(await download.path(), "utf8");
    check(download.suggestedFilename().endsWith(".ron") && saved.includes("Textbook LAN link"),
          `Save downloads the link (${download.suggestedFilename()}, ${saved.length} bytes)`);

    const dropText = fs.readFileSync(dropFile, "utf8");
    await page.evaluate(([text, name]) => {
      const canvas = document.getElementById("photon_budget_canvas");
      const data = new DataTransfer();
      data.items.add(new File([text], name, { type: "text/plain" }));
      for (const type of ["dragenter", "dragover", "drop"]) {
        canvas.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true,
                                                   clientX: 900, clientY: 400 }));
      }
    }, [dropText, path.basename(dropFile)]);
    await page.waitForFunction(() => document.title.includes("51.2T CPO"), null, { timeout: 15000 })
      .catch(() => {});
    check((await page.title()).includes("51.2T CPO"), `a dropped .ron opens ("${await page.title()}")`);

    check(log.errors.length === 0, `files: no error in the console ${JSON.stringify(log.errors)}`);
    await page.close();
  }

  {
    const { page, log } = await open(`${base}#link=AAAA-this-is-not-a-link`, 1440, 900);
    const title = await page.title();
    check(title.includes(DEFAULT_TITLE), `a bad fragment opens the default link ("${title}")`);
    check(log.warnings.some((w) => w.includes("Could not open the shared link")),
          `a bad fragment is explained ${JSON.stringify(log.warnings)}`);
    check(log.errors.length === 0, `bad fragment: no error in the console ${JSON.stringify(log.errors)}`);
    await page.screenshot({ path: path.join(shots, "bad-fragment-1440x900.png") });
    await page.close();
  }
  // File → Open through the browser's file picker (rfd's async dialog). Headless Chromium
  // cancels file pickers at once, so this runs headed on an X display (xvfb-run), and only on
  // request (WEB_TEST_PICKER=1): driving the picker this way works, but not on every run, so it
  // reports without failing the test.
  if (process.env.WEB_TEST_PICKER && process.env.DISPLAY) {
    const headed = await chromium.launch({
      headless: false,
      executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--use-gl=angle", "--use-angle=swiftshader", "--enable-unsafe-swiftshader"],
    });
    try {
      const page = await headed.newPage({ viewport: { width: 1440, height: 900 } });
      const errors = [];
      page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
      await page.goto(base);
      await page.waitForFunction(() => document.title.startsWith("Photon Budget —"), null, { timeout: 90000 });
      await page.waitForTimeout(1000);
      await page.mouse.click(900, 890); // focus the canvas (status bar)
      await page.waitForTimeout(300);
      await page.mouse.click(20, 12); // File
      await page.waitForTimeout(500);
      const [chooser] = await Promise.all([
        page.waitForEvent("filechooser", { timeout: 15000 }).catch(() => null),
        page.mouse.click(40, 62), // Open…
      ]);
      if (chooser) await chooser.setFiles(openFile);
      await page.waitForFunction(() => document.title.includes("400GBASE-DR4"), null, { timeout: 15000 })
        .catch(() => {});
      const opened = chooser !== null && (await page.title()).includes("400GBASE-DR4");
      console.log(`${opened ? "ok  " : "info"} File → Open through the browser's file picker ` +
                  `(${opened ? "opened" : "the picker did not come up under automation"}: "${await page.title()}")`);
      check(errors.length === 0, `picker: no error in the console ${JSON.stringify(errors)}`);
    } finally {
      await headed.close();
    }
  } else {
    console.log("skip File → Open through the picker (WEB_TEST_PICKER=1 under xvfb-run to try it)");
  }
} finally {
  await browser.close();
  server.close();
}
if (failures.length) { console.error(`${failures.length} check(s) failed`); process.exit(1); }
console.log("web app: all checks passed");
