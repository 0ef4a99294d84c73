/**
 * Worker thread for token counting: receives batches of distinct strings, answers with their counts.
 * Each worker loads its own tokenizer (workers share no memory with the main thread's encoder).
 */
import { parentPort, workerData } from "node:worker_threads";
import { hfCounter } from "./context.js";
import { getCounter, type BackendName, type TextCounter } from "./tokenizer.js";

export interface WorkerInit {
  encoding: string;
  backend: BackendName;
  tokenizerPath?: string;
}

const init = workerData as WorkerInit;
let counter: TextCounter | undefined;

parentPort?.on("message", (msg: { id: number; strings: string[] }) => {
  try {
    counter ??= init.tokenizerPath ? hfCounter(init.tokenizerPath) : getCounter(init.encoding, init.backend);
    const counts = new Uint32Array(msg.strings.length);
    for (let i = 0; i < msg.strings.length; i++) counts[i] = counter.count(msg.strings[i]!);
    parentPort!.postMessage({ id: msg.id, counts }, [counts.buffer]);
  } catch (err) {
    parentPort!.postMessage({ id: msg.id, error: err instanceof Error ? err.message : String(err) });
  }
});
