import { defineRule } from "../core/rule.js";
import { isObject, own, preview } from "./util.js";

/** Vertex tuning data uses `user` and `model` turns (not `assistant`); function results come back as user turns. */
export default defineRule({
  meta: {
    id: "gemini-role-invalid",
    description: "Gemini content roles must be `user` or `model`.",
    formats: ["gemini"],
    defaultSeverity: "error",
    group: true,
    messages: {
      missing: "Content {{index}} has no `role`",
      unknown: "Content {{index}} has role \"{{role}}\"; Gemini tuning data uses user and model",
    },
  },
  defaultOptions: {},
  create(ctx) {
    return {
      raw(record, at) {
        const contents = own(record, "contents");
        if (!Array.isArray(contents)) return;
        contents.forEach((c, i) => {
          if (!isObject(c)) return;
          const role = own(c, "role");
          if (role === undefined) return ctx.report({ messageId: "missing", at, path: ["contents", i], data: { index: i } });
          if (role !== "user" && role !== "model") {
            const hint = role === "assistant" ? "Gemini calls the assistant `model`" : role === "system" ? "put the system prompt in `systemInstruction`" : undefined;
            ctx.report({ messageId: "unknown", at, path: ["contents", i, "role"], data: { index: i, role: preview(role) }, ...(hint ? { hint } : {}) });
          }
        });
      },
    };
  },
});
