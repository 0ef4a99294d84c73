/**
 * Worker thread for token counting: receives batches of distinct strings, answers with their counts.
 *
 * The encoder loads as soon as the worker starts (while the main thread is still reading), not on
 * the first batch. With the `js` backend only the first worker decodes the rank file; it sends its
 * rank table (shared memory) back, and the main thread hands it to the other workers, which then
 * use the same memory without building anything.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { RankTable } from "../tokenizer/bpe.js";
import { hfCounter } from "../tokenizer/context.js";
import { getCounter, rankTable, useRankTable, type BackendName, type TextCounter } from "../tokenizer/tokenizer.js";

export interface WorkerInit {
  encoding: string;
  backend: BackendName;
  tokenizerPath?: string;
  /** Load now and post `{ ranks }` (a shared RankTable) for the other workers. */
  shareRanks?: boolean;
  /** Do not load now: a `{ ranks }` message is on its way (the first batch loads if it is not). */
  awaitRanks?: boolean;
}

/** Messages a worker sends: the shared ranks once, then one answer per batch. */
export type WorkerReply = { ranks: RankTable } | { ranksError: string } | { id: number; counts?: Uint32Array; error?: string };

const init = workerData as WorkerInit;
let counter: TextCounter | undefined;
let loadError: string | undefined;

const load = (): TextCounter => (init.tokenizerPath ? hfCounter(init.tokenizerPath) : getCounter(init.encoding, init.backend));
const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

if (!init.awaitRanks) {
  try {
    counter = load();
  } catch (err) {
    loadError = message(err);
  }
  if (init.shareRanks) {
    try {
      if (loadError !== undefined) throw new Error(loadError);
      parentPort?.postMessage({ ranks: rankTable(init.encoding) } satisfies WorkerReply);
    } catch (err) {
      parentPort?.postMessage({ ranksError: message(err) } satisfies WorkerReply);
    }
  }
}

parentPort?.on("message", (msg: { ranks: RankTable } | { id: number; strings: string[] }) => {
  if ("ranks" in msg) {
    useRankTable(msg.ranks);
    return;
  }
  try {
    if (loadError !== undefined) throw new Error(loadError);
    counter ??= load();
    const counts = new Uint32Array(msg.strings.length);
    for (let i = 0; i < msg.strings.length; i++) counts[i] = counter.count(msg.strings[i]!);
    parentPort!.postMessage({ id: msg.id, counts } satisfies WorkerReply, [counts.buffer]);
  } catch (err) {
    parentPort!.postMessage({ id: msg.id, error: message(err) } satisfies WorkerReply);
  }
});
