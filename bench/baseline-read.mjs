// The plain-reader baseline (reference/perf.md "fhread1m"): read the file in 1 MiB chunks into one
// reused buffer, scan the Buffers for newlines, decode each line and JSON.parse it. Nothing else.
import { open } from "node:fs/promises";

const fh = await open(process.argv[2], "r");
const buf = Buffer.allocUnsafe(1 << 20);
let carry = null;
let lines = 0;
let parsed = 0;
for (;;) {
  const { bytesRead } = await fh.read(buf, 0, buf.length, null);
  if (bytesRead === 0) break;
  let pos = 0;
  for (;;) {
    const nl = buf.indexOf(10, pos);
    if (nl === -1 || nl >= bytesRead) {
      const rest = Buffer.from(buf.subarray(pos, bytesRead));
      carry = carry ? Buffer.concat([carry, rest]) : rest;
      break;
    }
    let text;
    if (carry) {
      text = Buffer.concat([carry, buf.subarray(pos, nl)]).toString("utf8");
      carry = null;
    } else text = buf.toString("utf8", pos, nl);
    lines++;
    try {
      JSON.parse(text);
      parsed++;
    } catch {}
    pos = nl + 1;
  }
}
if (carry && carry.length > 0) {
  lines++;
  try {
    JSON.parse(carry.toString("utf8"));
    parsed++;
  } catch {}
}
await fh.close();
process.stderr.write(`${lines} lines, ${parsed} parsed\n`);
