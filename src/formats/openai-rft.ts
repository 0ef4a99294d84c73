import type { CanonicalExample } from "../core/canonical.js";
import type { FormatModule } from "../core/format.js";
import { isObject, own } from "./json-utils.js";
import { chatMessages, chatTools, extraFields } from "./openai-chat.js";

/** `messages` and `tools` are the only reserved keys of an RFT item; every other key is grader data. */
export const RFT_KEYS = ["messages", "tools"] as const;
/** Roles of FineTuneReinforcementRequestInput: no `system` (use `developer`). */
export const RFT_ROLES = ["developer", "user", "assistant", "tool"] as const;

export const openaiRft: FormatModule = {
  id: "openai-rft",
  kind: "rft",
  description: "OpenAI reinforcement fine-tuning item: {\"messages\": […ending with user/developer], \"tools\"?, …fields the grader reads}",
  keys: RFT_KEYS,
  detect(record) {
    const messages = own(record, "messages");
    if (!Array.isArray(messages)) return 0;
    const last = messages[messages.length - 1];
    const lastRole = isObject(last) ? own(last, "role") : undefined;
    const hasExtra = Object.keys(record).some((k) => !(RFT_KEYS as readonly string[]).includes(k) && k !== "parallel_tool_calls" && k !== "functions");
    // An RFT prompt has no assistant turn at all (the model writes the answer); a chat row with
    // earlier answers and a trailing user turn is a chat row with a defect, even with an `id` beside it.
    const hasAssistant = messages.some((m) => isObject(m) && own(m, "role") === "assistant");
    // Beats chat (10) only with all RFT signs: no assistant answer and grader fields beside the prompt.
    // Otherwise it still recognises the row (score > 0), so a defective RFT row is not taken for another format.
    return (lastRole === "user" || lastRole === "developer") && hasExtra && !hasAssistant ? 11 : 2;
  },
  toCanonical(record) {
    const messages = chatMessages(own(record, "messages"), ["messages"]);
    if (!messages) return undefined;
    const ex: CanonicalExample = { kind: "rft", format: "openai-rft", messages, extra: extraFields(record, RFT_KEYS), raw: record };
    const tools = chatTools(record);
    if (tools) ex.tools = tools;
    return ex;
  },
};
