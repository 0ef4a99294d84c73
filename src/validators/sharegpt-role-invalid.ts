import { defineRule } from "../core/rule.js";
import { isObject, own, preview } from "./util.js";

const USER_SIDE = ["human", "observation"];
const MODEL_SIDE = ["gpt", "function_call"];

/**
 * LLaMA-Factory's role rules (src/llamafactory/data/converter.py @ ff6d4d1): tags human, gpt,
 * observation, function_call, system; after an optional leading system turn, even positions are
 * human/observation and odd positions gpt/function_call, and an SFT example has an even number of
 * turns. A violation makes LLaMA-Factory skip the example ("Invalid role tag").
 */
export default defineRule({
  meta: {
    id: "sharegpt-role-invalid",
    description: "ShareGPT `from` tags must be human, gpt, observation, function_call or system, in LLaMA-Factory's alternating positions, ending with gpt.",
    formats: ["sharegpt"],
    defaultSeverity: "error",
    group: true,
    messages: {
      unknown: "Turn {{index}} has unknown tag \"{{from}}\"; expected human, gpt, observation, function_call or system",
      position: "Turn {{index}} is \"{{from}}\" but position {{position}} must be {{expected}}; LLaMA-Factory skips this example",
      system: "Turn {{index}} is a system turn; a system turn may only come first",
      odd: "The conversation has {{count}} turns and ends with \"{{from}}\"; an SFT example needs an even number of turns ending with gpt",
    },
  },
  defaultOptions: {},
  create(ctx) {
    return {
      raw(record, at) {
        const conv = own(record, "conversations");
        if (!Array.isArray(conv)) return;
        let start = 0;
        let count = 0;
        let last = "";
        for (let i = 0; i < conv.length; i++) {
          const t = conv[i];
          if (!isObject(t)) return; // sharegpt-conversations-invalid reports it
          const from = own(t, "from");
          const path = ["conversations", i, "from"];
          if (typeof from !== "string") return;
          if (from === "system") {
            if (i === 0) { start = 1; continue; }
            ctx.report({ messageId: "system", at, path, data: { index: i } });
            return;
          }
          const userSide = USER_SIDE.includes(from);
          if (!userSide && !MODEL_SIDE.includes(from)) {
            const lower = from.toLowerCase();
            const hint = ["user", "assistant", "model", "tool"].includes(lower)
              ? "these are OpenAI/Gemini role names; LLaMA-Factory's default tags are human/gpt (or map them with `tags` in dataset_info.json)"
              : undefined;
            ctx.report({ messageId: "unknown", at, path, data: { index: i, from: preview(from) }, ...(hint ? { hint } : {}) });
            return;
          }
          const position = i - start;
          if (userSide !== (position % 2 === 0)) {
            ctx.report({ messageId: "position", at, path, data: { index: i, from, position, expected: position % 2 === 0 ? "human or observation" : "gpt or function_call" } });
            return;
          }
          count++;
          last = from;
        }
        if (count % 2 === 1) ctx.report({ messageId: "odd", at, path: ["conversations", conv.length - 1, "from"], data: { count, from: last } });
      },
    };
  },
});
