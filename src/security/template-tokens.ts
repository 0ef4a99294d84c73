export interface TemplateTokenFinding {
  token: string;
  /** Which template family uses it, for the message. */
  family: string;
  index: number;
}

// `<|…|>` special tokens: ChatML (<|im_start|>), GPT (<|endoftext|>), Llama 3 (<|eot_id|>,
// <|start_header_id|>), Phi (<|user|>, <|end|>), gpt-oss harmony (<|channel|>, <|message|>)…
const PIPE_TOKEN = /<\|[A-Za-z][\w.-]{0,40}\|>/g;
// Bracket and angle tokens of Llama 2 / Mistral / Gemma templates, and the character that opens them.
const BRACKET = 1;
const ANGLE = 2;
const LITERALS: Array<[RegExp, string, typeof BRACKET | typeof ANGLE]> = [
  [/\[\/?INST\]/g, "Llama 2 / Mistral", BRACKET],
  [/<<\/?SYS>>/g, "Llama 2", ANGLE],
  [/\[(?:AVAILABLE_TOOLS|\/AVAILABLE_TOOLS|TOOL_CALLS|TOOL_RESULTS|\/TOOL_RESULTS|SYSTEM_PROMPT|\/SYSTEM_PROMPT)\]/g, "Mistral", BRACKET],
  [/<(?:start_of_turn|end_of_turn)>/g, "Gemma", ANGLE],
  [/<(?:bos|eos)>/g, "Gemma", ANGLE],
];

/**
 * Which of the bracket and angle patterns could match: a "[" followed by I, /, A, T or S (the second
 * character of every bracket token) and a "<" followed by <, s, e, b or / (likewise for the angle
 * tokens and <s>, </s>). Texts with brackets and angles of other kinds ("[]", "a < b", "<div>") skip
 * the regexes, each of which would scan the whole text: one indexOf walk per kind instead of five.
 */
function openers(text: string): number {
  let kinds = 0;
  for (let i = text.indexOf("["); i !== -1; i = text.indexOf("[", i + 1)) {
    const c = text.charCodeAt(i + 1);
    if (c === 0x49 || c === 0x2f || c === 0x41 || c === 0x54 || c === 0x53) {
      kinds |= BRACKET;
      break;
    }
  }
  for (let i = text.indexOf("<"); i !== -1; i = text.indexOf("<", i + 1)) {
    const c = text.charCodeAt(i + 1);
    if (c === 0x3c || c === 0x73 || c === 0x65 || c === 0x62 || c === 0x2f) {
      kinds |= ANGLE;
      break;
    }
  }
  return kinds;
}
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
  const kinds = openers(text);
  if (kinds !== 0) {
    for (const [re, family, opener] of LITERALS) {
      if ((kinds & opener) === 0) continue;
      re.lastIndex = 0;
      for (let m = re.exec(text); m !== null; m = re.exec(text)) out.push({ token: m[0], family, index: m.index });
    }
    if ((kinds & ANGLE) !== 0 && text.includes("s>")) {
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
