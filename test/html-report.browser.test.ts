import { DEFAULT_MODEL } from "../src/tokenizer/models.js";
import { splitFixture } from "./helpers/split-fixture.js";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatHtml } from "../src/reporters/html.js";
import { collectSamples } from "../src/samples.js";
import { validate } from "../src/engine/validate.js";
import { estimateStats } from "./helpers/estimate-stats.js";

/*
 * Opens the generated reports in real headless Chromium (Debian's package, driven by playwright-core,
 * which cannot download a browser here). .ci/run installs chromium; locally the suite is skipped with
 * a message when it is missing, but under CI a missing browser fails instead of passing silently.
 */

const CHROMIUM = process.env.FTDATA_CHROMIUM ?? "/usr/bin/chromium";
const available = existsSync(CHROMIUM);
const OUT = path.resolve("test-output");
const CLI = path.resolve("dist/cli.js");
const FIXTURES = path.resolve("test/fixtures/html");
const FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

if (!available && !process.env.CI) {
  console.warn(`html-report.browser: skipped, ${CHROMIUM} not found (apt-get install -y chromium, or set FTDATA_CHROMIUM)`);
}

type Playwright = typeof import("playwright-core");
type Browser = Awaited<ReturnType<Playwright["chromium"]["launch"]>>;
type Page = Awaited<ReturnType<Browser["newPage"]>>;

/** The few browser globals the page checks read (the test project compiles without the DOM lib). */
interface El {
  textContent: string | null;
}
interface Win {
  __pwned?: unknown;
  document: {
    scripts: { length: number };
    images: { length: number };
    body: El;
    documentElement: El;
    querySelector(selector: string): El | null;
    querySelectorAll(selector: string): { length: number };
  };
  getComputedStyle(el: El): { fill: string; backgroundColor: string; display: string; maxWidth: string };
}

interface Opened {
  page: Page;
  /** Console errors, page errors and every URL the page asked for. */
  errors: string[];
  requests: string[];
  dialogs: string[];
  close(): Promise<void>;
}

/** Every bundled example dataset, when the examples/ folder exists. */
function exampleFiles(): string[] {
  if (!existsSync("examples")) return [];
  return (readdirSync("examples", { recursive: true }) as string[])
    .filter((f) => /\.jsonl(\.gz)?$/.test(f))
    .sort()
    .map((f) => path.join("examples", f));
}

function slug(file: string): string {
  return file.replace(/\.jsonl(\.gz)?$/, "").replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

/** Renders with the real CLI, as a user would; undefined for an input that is a usage error (exit 2). */
function renderWithCli(input: string, name: string): string | undefined {
  const out = path.join(OUT, `report-${name}.html`);
  const r = spawnSync(process.execPath, [CLI, "report", input, "-o", out], { encoding: "utf8" });
  if (r.status === 2 && /^ftdata report: /.test(r.stderr)) return undefined; // e.g. a deliberately corrupt .gz example
  if (r.status !== 0 && r.status !== 1) throw new Error(`ftdata report ${input} exited ${r.status}: ${r.stderr}`);
  return out;
}

describe.skipIf(!available && !process.env.CI)("HTML report in headless Chromium", () => {
  let browser: Browser;
  const pages: Array<{ name: string; file: string }> = [];
  let statsPage = "";

  beforeAll(async () => {
    if (!available) throw new Error(`${CHROMIUM} is missing: CI must install Debian's chromium (see .ci/run)`);
    mkdirSync(OUT, { recursive: true });
    const inputs: Array<[string, string]> = exampleFiles().map((f) => [slug(f), f]);
    inputs.push(["mixed", path.join(FIXTURES, "mixed.jsonl")], ["hostile", path.join(FIXTURES, "hostile.jsonl")]);
    for (const [name, input] of inputs) {
      const file = renderWithCli(input, name);
      if (file) pages.push({ name, file });
    }

    // Charts need FileStats; until src/stats computes them, estimate them from the file's real lines.
    const input = path.relative(process.cwd(), path.join(FIXTURES, "mixed.jsonl"));
    const report = await validate(input);
    report.files[0]!.stats = estimateStats(input);
    report.split = splitFixture(34, 4, [
      ["billing", 20, 2],
      ["account", 14, 2],
    ]);
    statsPage = path.join(OUT, "report-stats.html");
    writeFileSync(statsPage, formatHtml(report, await collectSamples(report)));
    pages.push({ name: "stats", file: statsPage });

    const { chromium } = await import("playwright-core");
    // Playwright gives every launch a fresh, empty --user-data-dir.
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
  });

  async function open(file: string, options: { javaScriptEnabled?: boolean; colorScheme?: "light" | "dark" } = {}): Promise<Opened> {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, javaScriptEnabled: options.javaScriptEnabled ?? true, colorScheme: options.colorScheme ?? "light" });
    const page = await context.newPage();
    const opened: Opened = { page, errors: [], requests: [], dialogs: [], close: () => context.close() };
    page.on("console", (m) => {
      if (m.type() === "error") opened.errors.push(m.text());
    });
    page.on("pageerror", (e) => opened.errors.push(e.message));
    page.on("dialog", (d) => {
      opened.dialogs.push(d.message());
      void d.dismiss();
    });
    context.on("request", (r) => opened.requests.push(r.url()));
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    return opened;
  }

  it("opens every report without console errors or any request but the file itself", async () => {
    expect(pages.length).toBeGreaterThanOrEqual(3);
    for (const { name, file } of pages) {
      const o = await open(file);
      expect(o.errors, name).toEqual([]);
      expect(o.requests, name).toEqual([pathToFileURL(file).href]);
      // Every file section has its charts (problems by rule, or token charts from stats) and its
      // diagnostics table; only a clean file without stats has nothing to chart, and says so.
      const sections = await o.page.locator("section.file").count();
      const tables = await o.page.locator("section.file table.diags").count();
      const clean = await o.page.getByText("No problems found in this file.").count();
      expect(tables + clean, name).toBe(sections);
      const charted = await o.page.locator("section.file:has(figure.chart svg)").count();
      const nothingToChart = await o.page.locator("section.file:not(:has(figure.chart)):not(:has(table.diags))").count();
      expect(charted + nothingToChart, name).toBe(sections);
      await o.page.screenshot({ path: path.join(OUT, `report-${name}.png`), fullPage: true });
      await o.close();
    }
  }, 180_000);

  it("draws the token, message, role, preference-free and split charts from stats, in light and dark mode", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      const o = await open(statsPage, { colorScheme });
      const captions = await o.page.locator("figure.chart figcaption").allTextContents();
      expect(captions).toEqual(
        expect.arrayContaining(["Total tokens per example", "Trained tokens per example", "Messages per example", "Messages by role", "Problems by rule", "Split sizes", "Strata"]),
      );
      expect(await o.page.locator("svg line.limit").count()).toBe(2);
      expect(await o.page.locator("svg rect.bar.over").count()).toBe(2);
      // Text and background differ in both schemes (the chart text follows the page colours).
      const colors = await o.page.evaluate(() => {
        const w = globalThis as unknown as Win;
        const text = w.document.querySelector("svg text")!;
        return { fill: w.getComputedStyle(text).fill, bg: w.getComputedStyle(w.document.documentElement).backgroundColor };
      });
      expect(colors.fill).not.toBe(colors.bg);
      expect(colors.bg).toBe(colorScheme === "dark" ? "rgb(13, 17, 23)" : "rgb(255, 255, 255)");
      // The top of the page: summary, charts and the start of the problems (docs/report.png is a copy).
      await o.page.screenshot({ path: path.join(OUT, colorScheme === "dark" ? "report-dark.png" : "report.png"), fullPage: true, clip: { x: 0, y: 0, width: 1200, height: 1560 } });
      expect(o.errors).toEqual([]);
      await o.close();
    }
  }, 120_000);

  /**
   * What the page must show for the mixed fixture: the diagnostics of the same file from the json
   * reporter, counted for the same model (`ftdata report` counts tokens, so the token rules run too).
   */
  function mixedCounts() {
    const r = spawnSync(process.execPath, [CLI, "lint", path.join(FIXTURES, "mixed.jsonl"), "-r", "json", "--model", DEFAULT_MODEL], { encoding: "utf8" });
    const diags = (JSON.parse(r.stdout) as { files: Array<{ diagnostics: Array<{ ruleId: string; severity: string }> }> }).files[0]!.diagnostics;
    return { all: diags.length, nonErrors: diags.filter((d) => d.severity !== "error").length, duplicates: diags.filter((d) => d.ruleId === "example-duplicate").length };
  }

  it("filters the diagnostics table by severity and by rule", async () => {
    const n = mixedCounts();
    expect(n.duplicates).toBeGreaterThan(0);
    const o = await open(pages.find((p) => p.name === "mixed")!.file);
    const { page } = o;
    const bar = page.locator(".filters").first();
    await expect.poll(() => bar.isVisible()).toBe(true);
    const visible = (selector: string) => page.locator(`table.diags ${selector}`).filter({ visible: true }).count();
    expect(await visible("tr.diag")).toBe(n.all);
    expect(await bar.locator("output").textContent()).toBe(`${n.all} rows shown`);

    await bar.getByRole("checkbox", { name: /error/ }).uncheck();
    expect(await visible('tr.diag[data-severity="error"]')).toBe(0);
    expect(await visible("tr.diag")).toBe(n.nonErrors);
    expect(await visible('tbody[data-rule="json-invalid"]')).toBe(0);
    await bar.getByRole("checkbox", { name: /error/ }).check();

    await bar.locator("select").selectOption("example-duplicate");
    expect(await visible("tr.diag")).toBe(n.duplicates);
    expect(await visible('tbody[data-rule="example-duplicate"] tr.diag')).toBe(n.duplicates);
    expect(await bar.locator("output").textContent()).toBe(`${n.duplicates} rows shown`);

    await bar.locator("select").selectOption("");
    expect(await visible("tr.diag")).toBe(n.all);

    // Clicking a message opens its example.
    const example = page.locator("details.example", { hasText: "Assistant answer is empty" });
    await example.locator("summary").click();
    await expect.poll(() => example.locator("pre").first().isVisible()).toBe(true);
    expect(await example.locator("pre").first().textContent()).toContain('"content": "Can you help?"');
    await page.screenshot({ path: path.join(OUT, "report-filtered.png"), fullPage: false });
    expect(o.errors).toEqual([]);
    await o.close();
  }, 60_000);

  it("never runs or renders markup from the dataset: <script>, </style>, <img onerror>, <iframe>", async () => {
    const o = await open(pages.find((p) => p.name === "hostile")!.file);
    const { page } = o;
    // Open every example so the hostile text is in the live DOM too.
    for (const s of await page.locator("details.example > summary").all()) await s.click();
    const state = await page.evaluate(() => {
      const w = globalThis as unknown as Win;
      const d = w.document;
      return {
        pwned: w.__pwned,
        scripts: d.scripts.length,
        images: d.images.length,
        iframes: d.querySelectorAll("iframe").length,
        styles: d.querySelectorAll("style").length,
        bodyDisplay: w.getComputedStyle(d.body).display,
        maxWidth: w.getComputedStyle(d.body).maxWidth,
        text: d.body.textContent ?? "",
      };
    });
    expect(state.pwned).toBeUndefined();
    expect(o.dialogs).toEqual([]);
    expect(state.scripts).toBe(2); // the JSON summary and the filter script
    expect(state.images).toBe(0);
    expect(state.iframes).toBe(0);
    expect(state.styles).toBe(1);
    expect(state.bodyDisplay).toBe("block"); // the dataset's `body{display:none}` did not apply
    expect(state.maxWidth).toBe("1180px"); // and the page's own style still does
    expect(state.text).toContain("<script>window.__pwned = 1; alert('xss')</script>");
    expect(state.text).toContain("</style><style>body{display:none}</style>");
    expect(o.errors).toEqual([]);
    expect(o.requests).toHaveLength(1);
    await o.close();
  }, 60_000);

  it("reads without JavaScript (no dead filter bar; examples still open) and prints without the filter bar", async () => {
    const file = pages.find((p) => p.name === "mixed")!.file;
    const o = await open(file, { javaScriptEnabled: false });
    expect(await o.page.locator(".filters").first().isVisible()).toBe(false);
    expect(await o.page.locator("table.diags tr.diag").filter({ visible: true }).count()).toBe(mixedCounts().all);
    const example = o.page.locator("details.example", { hasText: "Assistant answer is empty" });
    await example.locator("summary").click();
    expect(await example.locator("pre").first().isVisible()).toBe(true);
    await o.close();

    const p = await open(file);
    await p.page.emulateMedia({ media: "print" });
    expect(await p.page.locator(".filters").first().isVisible()).toBe(false);
    const printBg = await p.page.evaluate(() => {
      const w = globalThis as unknown as Win;
      return w.getComputedStyle(w.document.documentElement).backgroundColor;
    });
    expect(printBg).toBe("rgb(255, 255, 255)");
    const pdf = await p.page.pdf({ format: "A4" });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    await p.close();
  }, 60_000);
});
