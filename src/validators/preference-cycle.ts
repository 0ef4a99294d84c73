import { defineRule } from "../core/rule.js";
import { hashKey, messagesText } from "../dedup/keys.js";

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
    // Fixed-size keys per row, grouped by prompt; cycles are searched once, at the end.
    const groups = new Map<string, Map<string, Edge[]>>();
    return {
      record(example, at) {
        if (example.label !== undefined || !example.chosen?.length || !example.rejected?.length) return;
        const c = hashKey(messagesText(example.chosen, "standard"));
        const r = hashKey(messagesText(example.rejected, "standard"));
        if (c === r) return;
        const p = hashKey(messagesText(example.messages, "standard") + "\x1d" + JSON.stringify(example.tools ?? null));
        let g = groups.get(p);
        if (!g) groups.set(p, (g = new Map()));
        const edges = g.get(c) ?? [];
        edges.push({ to: r, line: at.line, record: at.record });
        g.set(c, edges);
      },
      end() {
        for (const g of groups.values()) {
          if (g.size < 3) continue; // a cycle of three or more needs at least three preferred answers
          const cycle = findCycle(g);
          if (!cycle) continue;
          const lines = cycle.map((e) => e.line).sort((a, b) => a - b);
          const last = cycle.reduce((a, b) => (b.line > a.line ? b : a));
          ctx.report({
            messageId: "cycle",
            at: { line: last.line, record: last.record },
            data: { count: cycle.length, lines: lines.join(", ") },
            related: lines.slice(0, -1).map((line) => ({ file: ctx.file, line, message: "part of the cycle" })),
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
