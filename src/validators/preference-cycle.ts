import { defineRule } from "../core/rule.js";
import { preferenceKeys } from "./preference-keys.js";

interface Edge {
  to: string;
  line: number;
  record: number;
}

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
    // Rows in parallel arrays, chained per prompt (head/next): no object or array per row, and most
    // prompts, seen once, cost one Map entry.
    const head = new Map<string, number>();
    const count = new Map<string, number>();
    const from: string[] = [];
    const to: string[] = [];
    const lines: number[] = [];
    const records: number[] = [];
    const next: number[] = [];
    return {
      record(example, at) {
        if (example.label !== undefined) return;
        const { prompt: p, chosen: c, rejected: r } = preferenceKeys(example);
        if (!c || !r || c === r) return;
        const i = from.length;
        from.push(c);
        to.push(r);
        lines.push(at.line);
        records.push(at.record);
        next.push(head.get(p) ?? -1);
        head.set(p, i);
        count.set(p, (count.get(p) ?? 0) + 1);
      },
      end() {
        for (const [p, n] of count) {
          if (n < 3) continue; // a cycle of three needs three rows of the prompt
          const g = new Map<string, Edge[]>();
          for (let i = head.get(p)!; i >= 0; i = next[i]!) {
            const edges = g.get(from[i]!) ?? [];
            edges.unshift({ to: to[i]!, line: lines[i]!, record: records[i]! });
            g.set(from[i]!, edges);
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
function findCycle(g: Map<string, Edge[]>): Edge[] | undefined {
  const state = new Map<string, 1 | 2>(); // 1 on the current path, 2 done
  for (const start of g.keys()) {
    if (state.has(start)) continue;
    const path: Edge[] = [];
    const nodes: string[] = [start];
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
