import type { CanonicalExample, CanonicalMessage, CanonicalTool, JsonObject, JsonValue } from "../core/canonical.js";
import { argumentsString, commonLosses, linkToolCalls, parseArguments, withExtra } from "./chat-write.js";
import type { ConversionLoss, FormatModule, ToRecordResult } from "../core/format.js";
import { isObject, own } from "./json-utils.js";
import { extraFields } from "./openai-chat.js";

/**
 * Vertex AI Gemini supervised tuning (cloud.google.com/vertex-ai/generative-ai/docs/models/
 * gemini-supervised-tuning-prepare, as cited in the project reference notes, 2026-07): `contents: [{role: "user"|"model", parts}]`,
 * optional `systemInstruction: {parts}` and `tools: [{functionDeclarations}]`. Function calls are
 * `functionCall` parts in model turns, answered by `functionResponse` parts in the next turn.
 */
export const GEMINI_KEYS = ["contents", "systemInstruction", "system_instruction", "tools"] as const;
export const MEDIA_PARTS = ["fileData", "inlineData", "file_data", "inline_data"];

function partsText(parts: JsonValue | undefined): { text: string; has: boolean } {
  if (!Array.isArray(parts)) return { text: "", has: false };
  const texts: string[] = [];
  for (const p of parts) if (isObject(p) && typeof own(p, "text") === "string") texts.push(own(p, "text") as string);
  return { text: texts.join("\n"), has: texts.length > 0 };
}

function toCanonical(record: JsonObject): CanonicalExample | undefined {
  const contents = own(record, "contents");
  if (!Array.isArray(contents)) return undefined;
  const messages: CanonicalMessage[] = [];
  const sysKey = "systemInstruction" in record ? "systemInstruction" : "system_instruction";
  const sys = own(record, sysKey);
  if (isObject(sys)) {
    const { text, has } = partsText(own(sys, "parts"));
    if (has) messages.push({ role: "system", text, hasContent: true, images: 0, trainable: false, path: [sysKey], contentPath: [sysKey, "parts"] });
  }
  contents.forEach((c, i) => {
    if (!isObject(c)) return;
    const r = own(c, "role");
    const role = r === "model" ? "assistant" : r === "user" ? "user" : r === "function" || r === "tool" ? "tool" : typeof r === "string" ? r : "";
    const parts = own(c, "parts");
    const path = ["contents", i];
    const texts: string[] = [];
    let images = 0;
    const msg: CanonicalMessage = { role, text: "", hasContent: false, images: 0, trainable: role === "assistant", path, contentPath: [...path, "parts"] };
    const results: CanonicalMessage[] = [];
    if (Array.isArray(parts)) {
      parts.forEach((p, j) => {
        if (!isObject(p)) return;
        const t = own(p, "text");
        if (typeof t === "string") texts.push(t);
        if (MEDIA_PARTS.some((k) => k in p)) images++;
        const fc = own(p, "functionCall");
        if (isObject(fc)) {
          const name = own(fc, "name");
          (msg.toolCalls ??= []).push({ name: typeof name === "string" ? name : "", arguments: argumentsString(own(fc, "args") ?? {}), namePath: [...path, "parts", j, "functionCall", "name"] });
        }
        const fr = own(p, "functionResponse");
        if (isObject(fr)) {
          const name = own(fr, "name");
          const response = own(fr, "response");
          // {content: "21.0"} is how a plain-text result is wrapped; unwrap it so text round-trips.
          const text = isObject(response) && Object.keys(response).length === 1 && typeof response.content === "string" ? response.content : JSON.stringify(response ?? null);
          const rm: CanonicalMessage = { role: "tool", text, hasContent: true, images: 0, trainable: false, path: [...path, "parts", j], contentPath: [...path, "parts", j, "functionResponse", "response"] };
          if (typeof name === "string") rm.name = name;
          results.push(rm);
        }
      });
    }
    msg.text = texts.join("\n");
    msg.hasContent = texts.length > 0;
    msg.images = images;
    messages.push(...results);
    if (results.length === 0 || texts.length > 0 || images > 0 || msg.toolCalls) messages.push(msg);
  });
  const ex: CanonicalExample = { kind: "chat", format: "gemini", messages, extra: extraFields(record, GEMINI_KEYS), raw: record, messagesPath: ["contents"] };
  const tools = own(record, "tools");
  if (Array.isArray(tools)) {
    const out: CanonicalTool[] = [];
    for (const t of tools) {
      const decls = isObject(t) ? own(t, "functionDeclarations") ?? own(t, "function_declarations") : undefined;
      if (!Array.isArray(decls)) continue;
      for (const d of decls) {
        if (!isObject(d)) continue;
        const tool: CanonicalTool = { name: typeof d.name === "string" ? d.name : "" };
        if (typeof d.description === "string") tool.description = d.description;
        if (d.parameters !== undefined) tool.parameters = d.parameters;
        out.push(tool);
      }
    }
    if (out.length > 0) ex.tools = out;
  }
  return ex;
}

function toRecord(ex: CanonicalExample): ToRecordResult {
  const losses: ConversionLoss[] = commonLosses(ex, "gemini");
  const { resultNames } = linkToolCalls(ex.messages);
  const systems: string[] = [];
  const contents: JsonObject[] = [];
  for (let i = 0; i < ex.messages.length; i++) {
    const m = ex.messages[i]!;
    if (m.role === "system" || m.role === "developer") {
      if (contents.length === 0) systems.push(m.text);
      else losses.push({ what: `a ${m.role} message that is not first (gemini has one systemInstruction)`, path: m.path });
      continue;
    }
    if (m.role === "tool" || m.role === "function") {
      const parsed = parseArguments(m.text);
      const response = isObject(parsed.value) && m.text.trim() !== "" ? parsed.value : { content: m.text };
      const part: JsonObject = { functionResponse: { name: resultNames[i] ?? m.name ?? "", response } };
      const prev = contents[contents.length - 1];
      // Parallel results go in one turn, as the Gemini API expects.
      if (prev && prev.role === "user" && Array.isArray(prev.parts) && prev.parts.every((p) => isObject(p) && "functionResponse" in p)) prev.parts.push(part);
      else contents.push({ role: "user", parts: [part] });
      continue;
    }
    if (m.role !== "user" && m.role !== "assistant") {
      losses.push({ what: `a message with role "${m.role}" (gemini has user and model)`, path: m.path });
      continue;
    }
    const parts: JsonValue[] = [];
    if (m.text !== "" || !m.toolCalls) parts.push({ text: m.text });
    for (const c of m.toolCalls ?? []) {
      const args = parseArguments(c.arguments);
      if (!args.ok || !isObject(args.value)) return { losses, error: `tool call "${c.name}" has arguments that are not a JSON object; gemini needs an object` };
      parts.push({ functionCall: { name: c.name, args: args.value } });
    }
    contents.push({ role: m.role === "assistant" ? "model" : "user", parts });
  }
  const record: JsonObject = {};
  if (systems.length > 0) record.systemInstruction = { parts: systems.map((text) => ({ text })) };
  record.contents = contents;
  if (ex.tools) {
    for (const t of ex.tools) if (t.extra) losses.push({ what: `tool "${t.name}" keys ${Object.keys(t.extra).join(", ")} (gemini function declarations hold name, description and parameters)`, path: ["tools"] });
    record.tools = [{
      functionDeclarations: ex.tools.map((t) => {
        const d: JsonObject = { name: t.name };
        if (t.description !== undefined) d.description = t.description;
        if (t.parameters !== undefined) d.parameters = t.parameters;
        return d;
      }),
    }];
  }
  return { record: withExtra(record, ex.extra, GEMINI_KEYS), losses };
}

export const gemini: FormatModule = {
  id: "gemini",
  kind: "chat",
  description: "Vertex AI Gemini: {\"contents\": [{\"role\": \"user\"|\"model\", \"parts\": [{\"text\"}…]}…], \"systemInstruction\"?, \"tools\"?}",
  keys: GEMINI_KEYS,
  signature: "`contents` of {role, parts}",
  detect(record) {
    const contents = own(record, "contents");
    if (!Array.isArray(contents)) return 0;
    if ("completions" in record) return 0; // Vertex preference tuning
    const first = contents[0];
    return isObject(first) && "parts" in first ? 10 : 5;
  },
  toCanonical,
  toRecord,
  accepts: ["chat", "completion"],
};
