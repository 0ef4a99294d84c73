// Writes schemas/config.schema.json from the zod schema the config loader validates with.
// Usage: npm run schemas (builds first). test/config.test.ts fails when the committed file is stale.
import { writeFileSync } from "node:fs";
import { configJsonSchema } from "../dist/index.js";

const target = new URL("../schemas/config.schema.json", import.meta.url);
writeFileSync(target, JSON.stringify(await configJsonSchema(), null, 2) + "\n");
console.log(`wrote ${target.pathname}`);
