import { defineRule } from "../core/rule.js";
import { findTemplateTokens } from "../security/template-tokens.js";
import { repeatedTextMemo } from "../core/text-memo.js";
import { scanTexts } from "../security/texts.js";

const find = repeatedTextMemo(findTemplateTokens);

/**
 * Reserved chat-template tokens (<|im_start|>, <|endoftext|>, <|eot_id|>, [INST], <s>…) written
 * inside message text: the trainer's template adds its own, and a literal one can be tokenized as
 * the special token, ending a turn early or teaching the model to emit it.
 */
export default defineRule({
  meta: {
    id: "content-template-token",
    description: "Message text should not contain reserved chat-template tokens such as <|im_start|>, <|endoftext|>, <|eot_id|>, [INST] or <s>; the trainer's template adds its own.",
    formats: "*",
    defaultSeverity: "warning",
    messages: { found: "{{family}} token {{token}} in the {{where}}: the trainer's chat template may read it as a turn boundary" },
  },
  defaultOptions: {},
  create(ctx) {
    return {
      record(example, at) {
        scanTexts(example, find, (f, t) => {
          ctx.report({
            messageId: "found",
            at,
            path: t.path,
            data: { token: f.token, family: f.family, where: t.where },
            hint: "store plain text; if the data was rendered with a chat template, export the messages instead",
          });
        });
      },
    };
  },
});
