import type { TextCounter } from "./tokenizer.js";
export function hfBpeCounter(_json: Record<string, unknown>, _encoding: string): TextCounter | undefined {
  return undefined;
}
