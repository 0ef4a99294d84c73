// Preloaded into benchmarked processes: records peak RSS (KiB) and CPU time (µs, user + system, every
// thread) at exit for bench/lib.mjs.
const fs = require("node:fs");
process.on("exit", () => {
  const u = process.resourceUsage();
  if (process.env.FTDATA_BENCH_RSS_FILE) fs.writeFileSync(process.env.FTDATA_BENCH_RSS_FILE, `${u.maxRSS} ${u.userCPUTime + u.systemCPUTime}`);
});
