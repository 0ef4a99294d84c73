export interface TemplateTokenFinding {
  token: string;
  /** Which template family uses it, for the message. */
  family: string;
  index: number;
}

// `<|…|>` special tokens: ChatML (<|im_start|>), GPT (<|endoftext|>), Llama 3 (<|eot_id|>,
// <|start_header_id|>), Phi (<|user|>, <|end|>), gpt-oss harmony (<|channel|>, <|message|>)…
const PIPE_TOKEN = /<\|[A-Za-z][\w.-]{0,40}\|>/g;
// Bracket and angle tokens of Llama 2 / Mistral / Gemma templates.
const LITERALS: Array<[RegExp, string]> = [
  [/\[\/?INST\]/g, "Llama 2 / Mistral"],
  [/<<\/?SYS>>/g, "Llama 2"],
  [/\[(?:AVAILABLE_TOOLS|\/AVAILABLE_TOOLS|TOOL_CALLS|TOOL_RESULTS|\/TOOL_RESULTS|SYSTEM_PROMPT|\/SYSTEM_PROMPT)\]/g, "Mistral"],
  [/<(?:start_of_turn|end_of_turn)>/g, "Gemma"],
  [/<(?:bos|eos)>/g, "Gemma"],
];
// <s> and </s> are also HTML strike-through: only flagged where a template would put them — at
// the very start or end of a text, or glued to [INST].
const SENTENCE = /^\s*<s>|<s>\s*\[INST\]|<\/s>\s*$|<\/s>\s*<s>/g;

function familyOf(token: string): string {
  if (/im_start|im_end/.test(token)) return "ChatML";
  if (/eot_id|header_id|begin_of_text|end_of_text/.test(token)) return "Llama 3";
  if (/endoftext|endofprompt|fim_/.test(token)) return "GPT";
  if (/channel|message|return|constrain|call/.test(token)) return "gpt-oss";
  return "chat template";
}

/** Reserved chat-template tokens written inside a text. */
export function findTemplateTokens(text: string): TemplateTokenFinding[] {
  const out: TemplateTokenFinding[] = [];
  if (text.includes("<|")) {
    PIPE_TOKEN.lastIndex = 0;
    for (let m = PIPE_TOKEN.exec(text); m !== null; m = PIPE_TOKEN.exec(text)) out.push({ token: m[0], family: familyOf(m[0]), index: m.index });
  }
  if (text.includes("[") || text.includes("<")) {
    for (const [re, family] of LITERALS) {
      re.lastIndex = 0;
      for (let m = re.exec(text); m !== null; m = re.exec(text)) out.push({ token: m[0], family, index: m.index });
    }
    if (text.includes("s>")) {
      SENTENCE.lastIndex = 0;
      for (let m = SENTENCE.exec(text); m !== null; m = SENTENCE.exec(text)) {
        const token = m[0].includes("</s>") ? "</s>" : "<s>";
        out.push({ token, family: "Llama / Mistral", index: m.index + m[0].indexOf(token) });
        if (m[0].length === 0) SENTENCE.lastIndex++;
      }
    }
  }
  return out.sort((a, b) => a.index - b.index);
}
