// Preloaded into benchmarked processes: records peak RSS (KiB) at exit for bench/lib.mjs.
const fs = require("node:fs");
process.on("exit", () => {
  if (process.env.FTDATA_BENCH_RSS_FILE) fs.writeFileSync(process.env.FTDATA_BENCH_RSS_FILE, String(process.resourceUsage().maxRSS));
});
