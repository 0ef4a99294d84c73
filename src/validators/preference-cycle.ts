import { defineRule } from "../core/rule.js";
import { preferenceKeys } from "./preference-keys.js";

interface Edge {
  to: number;
  line: number;
  record: number;
}

/** Growable Int32Array columns: 20 bytes per row, no object per row. */
class Columns {
  private cap = 1024;
  length = 0;
  from = new Int32Array(this.cap);
  to = new Int32Array(this.cap);
  line = new Int32Array(this.cap);
  record = new Int32Array(this.cap);
  next = new Int32Array(this.cap);

  push(from: number, to: number, line: number, record: number, next: number): number {
    if (this.length === this.cap) {
      this.cap *= 2;
      for (const k of ["from", "to", "line", "record", "next"] as const) {
        const grown = new Int32Array(this.cap);
        grown.set(this[k]);
        this[k] = grown;
      }
    }
    const i = this.length++;
    this.from[i] = from;
    this.to[i] = to;
    this.line[i] = line;
    this.record[i] = record;
    this.next[i] = next;
    return i;
  }
}

/** 32 bits of an answer's key: enough to tell the few answers of one prompt apart. */
const short = (key: string) => (key.charCodeAt(0) | (key.charCodeAt(1) << 8) | (key.charCodeAt(2) << 16) | (key.charCodeAt(3) << 24)) | 0;

/**
 * A > B, B > C and C > A for one prompt cannot all hold (OpenAI's DPO guide: "if A > B and B > C,
 * then A > C"). Two-row reversals are preference-contradiction's; this finds longer cycles.
 */
export default defineRule({
  meta: {
    id: "preference-cycle",
    description: "The preferences for one prompt must not form a cycle (A > B, B > C, C > A); two-row reversals are preference-contradiction.",
    formats: "*",
    kinds: ["preference"],
    defaultSeverity: "warning",
    messages: { cycle: "Preferences for this prompt form a cycle over {{count}} answers (lines {{lines}}): they cannot all hold" },
  },
  defaultOptions: {},
  create(ctx) {
    // Rows in typed columns chained per prompt (head → next): a Map entry per prompt and 20 bytes per row.
    const head = new Map<string, number>();
    const rows = new Columns();
    return {
      record(example, at) {
        if (example.schemaInvalid) return; // a wrong-typed field reads as no text: the schema error is the finding
        if (example.label !== undefined) return;
        const { prompt: p, chosen: c, rejected: r } = preferenceKeys(example);
        if (!c || !r || c === r) return;
        head.set(p, rows.push(short(c), short(r), at.line, at.record, head.get(p) ?? -1));
      },
      end() {
        const { next } = rows;
        for (const first of head.values()) {
          // A cycle of three needs three rows of the prompt.
          if (next[first]! < 0 || next[next[first]!]! < 0) continue;
          const g = new Map<number, Edge[]>();
          for (let i = first; i >= 0; i = next[i]!) {
            const edges = g.get(rows.from[i]!) ?? [];
            edges.unshift({ to: rows.to[i]!, line: rows.line[i]!, record: rows.record[i]! });
            g.set(rows.from[i]!, edges);
          }
          if (g.size < 3) continue; // and three different preferred answers
          const cycle = findCycle(g);
          if (!cycle) continue;
          const cycleLines = cycle.map((e) => e.line).sort((a, b) => a - b);
          const last = cycle.reduce((a, b) => (b.line > a.line ? b : a));
          ctx.report({
            messageId: "cycle",
            at: { line: last.line, record: last.record },
            data: { count: cycle.length, lines: cycleLines.join(", ") },
            related: cycleLines.slice(0, -1).map((line) => ({ file: ctx.file, line, message: "part of the cycle" })),
          });
        }
      },
    };
  },
});

/** The first cycle of length three or more, as its edges, by iterative depth-first search. */
function findCycle(g: Map<number, Edge[]>): Edge[] | undefined {
  const state = new Map<number, 1 | 2>(); // 1 on the current path, 2 done
  for (const start of g.keys()) {
    if (state.has(start)) continue;
    const path: Edge[] = [];
    const nodes: number[] = [start];
    const iters: number[] = [0];
    state.set(start, 1);
    while (nodes.length > 0) {
      const node = nodes[nodes.length - 1]!;
      const edges = g.get(node) ?? [];
      const i = iters[iters.length - 1]!;
      if (i >= edges.length) {
        state.set(node, 2);
        nodes.pop();
        iters.pop();
        path.pop();
        continue;
      }
      iters[iters.length - 1] = i + 1;
      const e = edges[i]!;
      const s = state.get(e.to);
      if (s === 1) {
        const from = nodes.indexOf(e.to);
        const cycle = [...path.slice(from), e];
        if (cycle.length >= 3) return cycle;
      } else if (s === undefined) {
        state.set(e.to, 1);
        nodes.push(e.to);
        iters.push(0);
        path.push(e);
      }
    }
  }
  return undefined;
}
