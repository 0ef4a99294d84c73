/**
 * Worker thread of the parallel lint (see parallel.ts): reads one shard (shard.ts) and posts what it
 * finds to the calling thread, keys by transfer (their buffers come back for reuse). It never starts a worker.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { ShardJob, ShardReply } from "./parallel.js";
import { readShard } from "./shard.js";
import { offerKeyBuffer } from "../core/runner.js";

// Key buffers the calling thread has taken in come back for the next batches (Runner.batch).
parentPort!.on("message", offerKeyBuffer);
await readShard(workerData as ShardJob, (m: ShardReply) => parentPort!.postMessage(m, "batch" in m ? [m.batch.keys.buffer as ArrayBuffer] : undefined));
parentPort!.off("message", offerKeyBuffer);
