import type { IssueOf, Runner } from "../core/runner.js";
import type { EngineRuleMessages } from "../formats/reader-messages.js";
import type { FormatId, JsonObject } from "../core/canonical.js";
import type { FormatModule } from "../core/format.js";
import { detectFormatId } from "../formats/index.js";

/** Rows of other formats seen by one shard of a file. */
export interface MixedState {
  formatLine: number | undefined;
  others: Array<[FormatId, { line: number; record: number; count: number }]>;
}

/**
 * Notices rows of another format in a file. Cheap on the common path: the file's own format's
 * detect() is called per row, the full detection only for rows that format does not recognise.
 */
export class MixedFormats {
  private formatLine: number | undefined;
  private readonly others = new Map<FormatId, { line: number; record: number; count: number }>();

  constructor(private readonly format: FormatModule | undefined) {}

  /** True when the row belongs to another format and should not be checked against this one. */
  isOther(record: JsonObject, line: number, index: number): boolean {
    if (!this.format) return false;
    if (this.format.detect(record) > 0) {
      this.formatLine ??= line;
      return false;
    }
    const other = detectFormatId(record);
    if (!other || other === this.format.id) return false;
    const seen = this.others.get(other);
    if (seen) seen.count++;
    else this.others.set(other, { line, record: index, count: 1 });
    return true;
  }

  /** What this reader saw, for the reader of the whole file (a shard of the parallel lint). */
  state(): MixedState {
    return { formatLine: this.formatLine, others: [...this.others] };
  }

  /** Adds a later shard's rows (their record numbers counted from `recordBase`), shards in file order. */
  absorb(s: MixedState, recordBase: number): void {
    this.formatLine ??= s.formatLine;
    for (const [id, o] of s.others) {
      const seen = this.others.get(id);
      if (seen) seen.count += o.count;
      else this.others.set(id, { ...o, record: o.record + recordBase });
    }
  }

  /**
   * One error per other format, on its first line, pointing at the first row of the file's format
   * (there is one: detection decided on it; a format given with --format is not checked here).
   */
  report(runner: Runner<IssueOf<Pick<EngineRuleMessages, "format-mixed">>>): void {
    for (const [other, o] of this.others) {
      const before = runner.diagnostics.length;
      runner.issue({
        ruleId: "format-mixed",
        messageId: "mixed",
        line: o.line,
        record: o.record,
        data: { format: this.format!.id, formatLine: this.formatLine ?? "none", other, otherLine: o.line, count: o.count },
      });
      const d = runner.diagnostics[before];
      if (d && this.formatLine !== undefined) d.related = [{ file: d.file, line: this.formatLine, message: `first ${this.format!.id} row` }];
    }
  }
}
