/**
 * Secrets, personal data and chat-template tokens in the data itself, in the one rule tester's shape.
 * Key-shaped strings are generated at run time (seeded), so the repository holds no credential-looking
 * literal. What a case cannot say (the reporters' text, the canonical example of other formats, the
 * scanner's start positions) stays in the plain tests at the end.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ReportDescriptor, Rule } from "../src/core/rule.js";
import type { CanonicalExample } from "../src/core/canonical.js";
import { formatJson } from "../src/reporters/json.js";
import { formatStylish } from "../src/reporters/stylish.js";
import { maskSecret } from "../src/security/mask.js";
import { findSecrets } from "../src/security/secrets.js";
import { validate } from "../src/engine/validate.js";
import { rules } from "../src/validators/index.js";
import { onlyRules, ruleTester } from "./helpers/rule-tester.js";

const SECURITY_RULES = ["secret-api-key", "secret-private-key", "secret-jwt", "secret-connection-string", "pii-email", "pii-phone", "content-template-token"];

// Deterministic random strings (xorshift32) of a given alphabet.
let seed = 0x2545f491;
function rand(n: number, alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"): string {
  let s = "";
  for (let i = 0; i < n; i++) {
    seed ^= seed << 13; seed >>>= 0;
    seed ^= seed >>> 17;
    seed ^= seed << 5; seed >>>= 0;
    s += alphabet[seed % alphabet.length];
  }
  return s;
}
const UPPER32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const b64url = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");

/** A system prompt, the user's text (at /messages/1) and the assistant's (at /messages/2). */
function chatRecord(user: string, assistant = "Sure.", extra: Record<string, unknown> = {}) {
  return { messages: [{ role: "system", content: "You are helpful." }, { role: "user", content: user }, { role: "assistant", content: assistant }], ...extra };
}

/** The report of `records` with only `ruleId` on, in the JSON and stylish reporters. */
async function reported(ruleId: string, records: object[]): Promise<{ json: string; stylish: string }> {
  // The rule named explicitly: the pii rules are opt-in.
  const report = await validate((function* () { for (const r of records) yield JSON.stringify(r); })(), { rules: { ...onlyRules(ruleId), [ruleId]: "warning" } });
  const json = formatJson(report);
  // The finding is there: what it leaves out is the point.
  expect(report.files[0]!.diagnostics.filter((d) => d.ruleId === ruleId).length, ruleId).toBeGreaterThan(0);
  return { json, stylish: formatStylish(report, { color: false }) };
}

const apiKeys: Array<[string, string]> = [
  ["OpenAI", `sk-proj-${rand(40)}_${rand(40)}-${rand(20)}`],
  ["OpenAI", `sk-svcacct-${rand(64)}`],
  ["OpenAI", `sk-${rand(48)}`],
  ["OpenAI", `sk-${rand(20)}T3BlbkFJ${rand(20)}`],
  ["Anthropic", `sk-ant-api03-${rand(93, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")}AA`],
  ["AWS", `AKIA${rand(16, UPPER32)}`],
  ["AWS", `ASIA${rand(16, UPPER32)}`],
  ["GitHub", `ghp_${rand(36)}`],
  ["GitHub", `gho_${rand(36)}`],
  ["GitHub", `github_pat_${rand(22)}_${rand(59)}`],
  ["Slack", `xoxb-${rand(12, "0123456789")}-${rand(13, "0123456789")}-${rand(24)}`],
  ["Slack", `xoxp-${rand(11, "0123456789")}-${rand(11, "0123456789")}-${rand(12, "0123456789")}-${rand(32, "0123456789abcdef")}`],
  ["Google", `AIza${rand(35, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")}`],
  ["Stripe", `sk_live_${rand(24)}`],
  ["Stripe", `rk_live_${rand(99)}`],
  ["Hugging Face", `hf_${rand(34, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")}`],
  ["npm", `npm_${rand(36)}`],
];
const toolKey = `sk-proj-${rand(60)}`;
const metadataKey = `ghp_${rand(36)}`;
const notKeys: Array<[string, string]> = [
  ["documentation placeholder sk-...", "Set OPENAI_API_KEY=sk-... in your shell"],
  ["YOUR_API_KEY", "export ANTHROPIC_API_KEY=YOUR_API_KEY"],
  ["x-ed out key", `sk-proj-${"x".repeat(48)}`],
  ["ellipsis inside", `sk-proj-abc…${rand(40)}`],
  ["sequential fake", "sk-abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUV"],
  ["AWS documentation key", "AKIAIOSFODNN7EXAMPLE"],
  ["UUID", "request id 123e4567-e89b-12d3-a456-426614174000"],
  ["SHA-256", "sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"],
  ["git SHA", "commit 3f4e2a1b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f"],
  ["base64 blob", `data:image/png;base64,${Buffer.from(rand(120)).toString("base64")}`],
  ["word ending in sk-", "a risk-free, task-based, desk-bound approach"],
  ["short sk- id", "sk-12345 is the SKU"],
  ["Stripe test key", `sk_test_${rand(24)}`],
  ["hf_ in a word", "use the hf_hub_download function"],
  ["npm_ config", "npm_config_registry and npm_package_version"],
  ["placeholder in angle brackets", "Authorization: Bearer <ghp_your_token_here>"],
];

ruleTester("secret-api-key", {
  valid: [
    { name: "metadata fields are not training content", records: [chatRecord("hi", "hello", { meta: metadataKey })] },
    ...notKeys.map(([name, text]) => ({ name: `no false positive: ${name}`, records: [chatRecord(text)] })),
  ],
  invalid: [
    ...apiKeys.map(([provider, key]) => ({
      name: `a ${provider} key (${key.slice(0, 8)}…), masked`,
      records: [chatRecord(`my key is ${key}, why does it fail?`)],
      errors: [{ messageId: "found" as const, line: 1, path: "/messages/1", severity: "warning" as const, data: { provider, masked: maskSecret(key), where: "user message" } }],
    })),
    {
      name: "keys in tool call arguments and in assistant text",
      records: [
        {
          messages: [
            { role: "user", content: "Call the API" },
            { role: "assistant", content: null, tool_calls: [{ id: "c1", type: "function", function: { name: "call", arguments: JSON.stringify({ api_key: toolKey }) } }] },
            { role: "tool", tool_call_id: "c1", content: "ok" },
            { role: "assistant", content: `Done with ${toolKey}` },
          ],
        },
      ],
      errors: [
        { messageId: "found", line: 1, path: "/messages/1", data: { where: "tool call arguments" } },
        { messageId: "found", line: 1, path: "/messages/3", data: { where: "assistant message" } },
      ],
    },
  ],
});

const pemBody = Array.from({ length: 6 }, () => rand(64, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")).join("\n");
const pem = (type: string) => `-----BEGIN ${type}-----\n${pemBody}\n-----END ${type}-----`;
const PEM_TYPES = ["RSA PRIVATE KEY", "PRIVATE KEY", "OPENSSH PRIVATE KEY", "EC PRIVATE KEY"];

ruleTester("secret-private-key", {
  valid: [
    {
      name: "no false positive: the header named in prose, a public key, a placeholder body",
      records: [
        chatRecord("A PEM private key starts with -----BEGIN RSA PRIVATE KEY----- and ends with the END line."),
        chatRecord(`-----BEGIN PUBLIC KEY-----\n${pemBody}\n-----END PUBLIC KEY-----`),
        chatRecord("-----BEGIN PRIVATE KEY-----\n...\n<your key here>\n-----END PRIVATE KEY-----"),
      ],
    },
  ],
  invalid: PEM_TYPES.map((type) => ({
    name: `a ${type} block, masked`,
    records: [chatRecord("fine"), chatRecord(`Here is my key:\n${pem(type)}\nWhy is it rejected?`)],
    errors: [{ messageId: "found" as const, line: 2, path: "/messages/1", data: { masked: expect.stringMatching(new RegExp(`^-----BEGIN ${type}----- .{1,5}…`)) } }],
  })),
});

const jwt = `${b64url({ alg: "HS256", typ: "JWT" })}.${b64url({ sub: rand(10), iat: 1700000000, scope: "admin" })}.${rand(43, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")}`;

ruleTester("secret-jwt", {
  valid: [
    {
      name: "no false positive: the jwt.io example token, a base64 string that is not a JWT",
      records: [
        chatRecord("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"),
        chatRecord(`eyJ${rand(20)}.eyJ${rand(20)}.${rand(30)}`),
      ],
    },
  ],
  invalid: [{ name: "a signed JWT, masked", records: [chatRecord(`curl -H "Authorization: Bearer ${jwt}" https://api`)], errors: [{ messageId: "found", line: 1, path: "/messages/1", data: { masked: maskSecret(jwt) } }] }],
});

const password = rand(16);
const connectionStrings: Array<[string, string, string]> = [
  [`postgres://app:${password}@db.internal.corp:5432/prod`, "postgres", "postgres://app:****@db.internal.corp"],
  [`mongodb+srv://admin:${password}@cluster0.ab1cd.mongodb.net/test`, "mongodb+srv", "mongodb+srv://admin:****@cluster0.ab1cd.mongodb.net"],
  [`redis://default:${password}@cache.prod.io:6379`, "redis", "redis://default:****@cache.prod.io"],
];

ruleTester("secret-connection-string", {
  valid: [
    {
      name: "no false positive: placeholders, documentation hosts, local defaults, URLs without a password",
      records: [
        chatRecord("postgres://user:password@db.example.com/app"),
        chatRecord("postgres://user:${DB_PASSWORD}@prod-db:5432/app"),
        chatRecord("mysql://root:<password>@10.0.0.5/db"),
        chatRecord(`postgres://postgres:${password}@localhost:5432/dev`),
        chatRecord("https://github.com/org/repo and git@github.com:org/repo.git"),
        chatRecord("Server=myServer;Database=myDb;User Id=myUser;Password=myPassword;"),
        chatRecord("Set password=hunter22 in the form"),
      ],
    },
  ],
  invalid: [
    ...connectionStrings.map(([url, provider, masked]) => ({
      name: `the password in ${provider}, masked`,
      records: [chatRecord(`My DATABASE_URL is ${url}`)],
      errors: [{ messageId: "found" as const, line: 1, path: "/messages/1", data: { provider, masked } }],
    })),
    { name: "Password= in a key=value connection string", records: [chatRecord(`Server=sql01;Database=crm;User Id=sa;Password=${password};`)], errors: [{ messageId: "found", line: 1, path: "/messages/1", data: { masked: "Password=****" } }] },
  ],
});

ruleTester("pii-email", {
  valid: [
    {
      name: "no false positive: example.com, role addresses, package versions, git remotes",
      records: [
        chatRecord("alice@example.com, bob@test.example, noreply@github.com, support@stripe.com"),
        chatRecord("npm i lodash@4.17.21 and @types/node@20.1.0, git@github.com:org/repo.git"),
        chatRecord("user@domain.com is the format"),
      ],
    },
  ],
  invalid: [
    {
      name: "personal addresses, masked",
      records: [chatRecord("Write to jane.smith@gmail.com and r.kumar@uni-heidelberg.de please")],
      errors: [
        { messageId: "found", line: 1, path: "/messages/1", data: { masked: "j…@gmail.com" } },
        { messageId: "found", line: 1, path: "/messages/1", data: { masked: "r…@uni-heidelberg.de" } },
      ],
    },
  ],
});

ruleTester("pii-phone", {
  valid: [
    {
      name: "no false positive: dates, versions, ids, fictional 555-01xx numbers, placeholders",
      records: [
        chatRecord("On 2024-01-15 at 10:30, version 1.2.3, order 1234567890123, amount 1,234,567.89"),
        chatRecord("Call 555-0123 or (212) 555-0175, or 123-456-7890"),
        chatRecord("uuid 123e4567-e89b-12d3-a456-426614174000 and ip 192.168.100.200"),
      ],
    },
  ],
  invalid: [
    {
      name: "international and North American numbers, masked",
      records: [chatRecord("Call +44 20 7946 1234, (415) 867-5309 or 212-867-5309.")],
      errors: [
        { messageId: "found", line: 1, path: "/messages/1", data: { masked: "+…34" }, severity: "warning" },
        { messageId: "found", line: 1, path: "/messages/1", data: { masked: "…09" } },
        { messageId: "found", line: 1, path: "/messages/1", data: { masked: "…09" } },
      ],
    },
  ],
});

const templateTexts: Array<[string, string[]]> = [
  ["<|im_start|>user\nhi<|im_end|>", ["<|im_start|>", "<|im_end|>"]],
  ["The answer.<|endoftext|>", ["<|endoftext|>"]],
  ["ok<|eot_id|><|start_header_id|>assistant<|end_header_id|>", ["<|eot_id|>", "<|start_header_id|>", "<|end_header_id|>"]],
  ["<s>[INST] hi [/INST] hello </s>", ["<s>", "[INST]", "[/INST]", "</s>"]],
  ["<<SYS>>be nice<</SYS>>", ["<<SYS>>", "<</SYS>>"]],
  ["<start_of_turn>model\nhi<end_of_turn>", ["<start_of_turn>", "<end_of_turn>"]],
];

ruleTester("content-template-token", {
  valid: [
    {
      name: "no false positive: HTML strike-through, pipes and brackets in prose, Markdown tables",
      records: [
        chatRecord("hi", "Use <s>old</s> to strike text in HTML, e.g. <s>deprecated</s> API."),
        chatRecord("hi", "a | b | c\n|---|---|\n| x | y |"),
        chatRecord("hi", "[INSTALL] the package, then [inst] lowercase is fine; x<|y and z|>w"),
      ],
    },
  ],
  invalid: [
    {
      name: "ChatML tokens in an assistant answer",
      records: [chatRecord("hi", "fine"), chatRecord("hi", "<|im_start|>user\nhi<|im_end|>")],
      errors: [
        { messageId: "found", line: 2, path: "/messages/2", data: { token: "<|im_start|>" } },
        { messageId: "found", line: 2, path: "/messages/2", data: { token: "<|im_end|>" } },
      ],
    },
    ...templateTexts.map(([text, tokens]) => ({
      name: `the tokens in ${JSON.stringify(text)}`,
      records: [chatRecord("hi", text)],
      errors: tokens.map((token) => ({ messageId: "found" as const, line: 1, path: "/messages/2", data: { token } })),
    })),
  ],
});

describe("secrets never reach a report unmasked", () => {
  for (const [provider, key] of apiKeys) {
    it(`a ${provider} key (${key.slice(0, 8)}…) is masked in every reporter`, async () => {
      expect(maskSecret(key)).toMatch(/^.{1,5}….{2,4}$/);
      const { json, stylish } = await reported("secret-api-key", [chatRecord(`my key is ${key}, why does it fail?`)]);
      expect(json).not.toContain(key);
      expect(stylish).not.toContain(key);
      expect(stylish).toContain(maskSecret(key));
      // No long piece of the secret either: at most its first 5 and last 4 characters appear.
      expect(json).not.toContain(key.slice(5, 17));
    });
  }
  it("a private key's body, a JWT, a connection string's password, an email's local part, a phone number", async () => {
    for (const type of PEM_TYPES) expect((await reported("secret-private-key", [chatRecord(`Here is my key:\n${pem(type)}\nWhy is it rejected?`)])).json).not.toContain(pemBody.slice(0, 40));
    expect((await reported("secret-jwt", [chatRecord(`curl -H "Authorization: Bearer ${jwt}" https://api`)])).json).not.toContain(jwt);
    for (const [url] of connectionStrings) expect((await reported("secret-connection-string", [chatRecord(`My DATABASE_URL is ${url}`)])).json).not.toContain(password);
    expect((await reported("secret-connection-string", [chatRecord(`Server=sql01;Database=crm;User Id=sa;Password=${password};`)])).json).not.toContain(password);
    expect((await reported("pii-email", [chatRecord("Write to jane.smith@gmail.com and r.kumar@uni-heidelberg.de please")])).json).not.toContain("jane.smith");
    expect((await reported("pii-phone", [chatRecord("Call +44 20 7946 1234, (415) 867-5309 or 212-867-5309.")])).json).not.toContain("867-5309");
  });
});

describe("secret-jwt scanning", () => {
  it("finds it wherever it starts, whatever J, e and y come before it (the scan starts from the J)", () => {
    const prefix = fc.array(fc.constantFrom("J", "e", "y", "eyJ", "ey", "yJ", " ", "x", "JJ"), { maxLength: 6 }).map((a) => a.join(""));
    fc.assert(
      fc.property(prefix, (p) => {
        const text = `${p} ${jwt}`;
        expect(findSecrets(text).filter((f) => f.kind === "jwt").map((f) => f.index)).toEqual([p.length + 1]);
        expect(findSecrets(`${jwt}${p}`).some((f) => f.kind === "jwt" && f.index === 0)).toBe(true);
      }),
      { numRuns: 300, seed: 23 },
    );
  });
});

describe("pii-email and pii-phone are opt-in", () => {
  it("are off by default", async () => {
    const report = await validate((function* () { yield JSON.stringify(chatRecord("mail jane.smith@gmail.com or call +44 20 7946 1234")); })());
    expect(report.files[0]!.diagnostics.filter((d) => d.ruleId.startsWith("pii-"))).toEqual([]);
  });
});

describe("the rules read the canonical example, so they work for every format", () => {
  // A preference example as other formats produce it: prompt messages plus chosen/rejected answers.
  const key = `ghp_${rand(36)}`;
  const example: CanonicalExample = {
    kind: "preference",
    format: "openai-chat",
    messages: [{ role: "user", text: "hi", hasContent: true, images: 0, trainable: false, path: ["input", "messages", 0] }],
    chosen: [{ role: "assistant", text: `token ${key}`, hasContent: true, images: 0, trainable: true, path: ["preferred_output", 0] }],
    rejected: [{ role: "assistant", text: "<|im_start|>assistant", hasContent: true, images: 0, trainable: true, path: ["non_preferred_output", 0] }],
    extra: {},
    raw: {},
  };
  function run(ruleId: string): ReportDescriptor<string>[] {
    const rule = (rules as readonly Rule<string, any>[]).find((r) => r.meta.id === ruleId)!;
    const out: ReportDescriptor<string>[] = [];
    const visitor = rule.create!({ file: "x", format: "openai-chat", options: rule.defaultOptions, report: (d) => out.push(d), runtime: {} });
    visitor.record!(example, { line: 7, record: 6 });
    return out;
  }
  it("chosen and rejected answers are scanned", () => {
    expect(run("secret-api-key").map((d) => [d.path, d.data!.where])).toEqual([[["preferred_output", 0], "chosen assistant message"]]);
    expect(run("content-template-token").map((d) => [d.path, d.data!.token])).toEqual([[["non_preferred_output", 0], "<|im_start|>"]]);
  });

  it("every security rule is registered, default warning, pii opt-in", () => {
    for (const id of SECURITY_RULES) {
      const r = rules.find((x) => x.meta.id === id);
      expect(r, id).toBeDefined();
      expect(r!.meta.defaultSeverity).toBe("warning");
      expect(Boolean(r!.meta.optIn)).toBe(id.startsWith("pii-"));
    }
  });
});
