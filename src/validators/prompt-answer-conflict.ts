import { defineRule } from "../core/rule.js";
import { looseAnswerHash } from "../dedup/keys.js";
import { promptWithMediaHash } from "../dedup/media.js";
import { forEachListedGroup, listCluster, ListingBudget, selectGroups } from "../dedup/groups.js";
import { RecordSorter } from "../dedup/spill.js";

const SHOWN_LINES = 10;

/**
 * The same prompt trained towards different answers: label noise for deterministic tasks
 * (extraction, classification), legitimate variety for creative ones — hence a warning.
 * Prompts and answers both compare under loose normalisation (case, punctuation and whitespace
 * ignored, digits kept): "Yes." and "Yes!" are one answer. A prompt's images (video, audio) count as
 * written (URL, data URI, file path): two image-only prompts with different images are different
 * prompts; a prompt whose media cannot be read back from the record is left out.
 */
export default defineRule({
  meta: {
    id: "prompt-answer-conflict",
    description: "The same prompt should not be trained towards different answers (conflicting answers). Prompts and answers compare ignoring case, punctuation and whitespace (\"Yes.\" and \"Yes!\" agree); a prompt's images, video or audio must be the same files too.",
    formats: "*",
    kinds: ["chat", "completion"],
    defaultSeverity: "warning",
    messages: { conflict: "Conflicting answers: the same prompt has {{answers}} different answers on lines {{lines}}" },
  },
  defaultOptions: {},
  create(ctx) {
    // (prompt key, first word of the answer key, line): 20 B per record, spilled past the budget.
    const keys = new RecordSorter(5);
    return {
      keyed: {
        of: "example",
        words: 4,
        key(example, _at, out, o) {
          if (example.schemaInvalid) return false; // a wrong-typed field reads as no text: the schema error is the finding
          const p = promptWithMediaHash(example);
          if (!p) return false;
          const answer = looseAnswerHash(example);
          if (answer === undefined) return false;
          out[o] = p[0]!;
          out[o + 1] = p[1]!;
          out[o + 2] = p[2]!;
          out[o + 3] = answer;
          return true;
        },
        collect(k, o, at) {
          keys.push(k[o]!, k[o + 1]!, k[o + 2]!, k[o + 3]!, at.line);
        },
      },
      end() {
        let members: RecordSorter | undefined;
        try {
          members = selectGroups(keys, (g) => g.distinct >= 2);
          keys.dispose();
          const budget = new ListingBudget(ctx.maxListed);
          forEachListedGroup(
            members,
            () => budget.keep(SHOWN_LINES),
            (lines, size, distinct) => {
              const listed = listCluster(ctx, "conflict", lines, size, budget);
              const shown = lines.slice(0, SHOWN_LINES).join(", ") + (size > SHOWN_LINES ? `, … (${size} lines)` : "");
              ctx.report({
                messageId: "conflict",
                at: { line: lines[0]!, record: -1 },
                data: { answers: distinct, lines: shown, count: size },
                related: (listed ?? lines.slice(0, SHOWN_LINES)).slice(1).map((line) => ({ file: ctx.file, line, message: "same prompt" })),
                hint: "keep one answer per prompt unless the variety is intended",
              });
            },
          );
        } finally {
          keys.dispose();
          members?.dispose();
        }
      },
    };
  },
});
