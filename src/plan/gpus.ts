/**
 * `--gpu`: a memory size ("24GB") or a GPU by name ("RTX 4090", "A100-80GB"). Sizes are the
 * vendors' datasheet figures; a "GB" on a GPU datasheet is a binary gigabyte (an A100 80GB reports
 * 81,920 MiB), so N GB is taken as N GiB.
 */
import { FtdataUsageError } from "../core/errors.js";

/** A GPU the plan is fitted to. */
export interface GpuSpec {
  /** As shown: "RTX 4090 (24 GB)" or "24 GB". */
  name: string;
  /** Memory per GPU in GiB. */
  gib: number;
}

/** Known GPUs: name → memory sizes it ships with (GB, datasheets). Several sizes: the user must say which. */
const KNOWN: ReadonlyArray<{ name: string; sizes: number[] }> = [
  { name: "RTX 3060", sizes: [12] },
  { name: "RTX 3080", sizes: [10, 12] },
  { name: "RTX 3090", sizes: [24] },
  { name: "RTX 3090 Ti", sizes: [24] },
  { name: "RTX 4060", sizes: [8] },
  { name: "RTX 4060 Ti", sizes: [8, 16] },
  { name: "RTX 4070", sizes: [12] },
  { name: "RTX 4070 Ti", sizes: [12] },
  { name: "RTX 4080", sizes: [16] },
  { name: "RTX 4090", sizes: [24] },
  { name: "RTX 5090", sizes: [32] },
  { name: "RTX A6000", sizes: [48] },
  { name: "RTX 6000 Ada", sizes: [48] },
  { name: "T4", sizes: [16] },
  { name: "L4", sizes: [24] },
  { name: "A10", sizes: [24] },
  { name: "A10G", sizes: [24] },
  { name: "V100", sizes: [16, 32] },
  { name: "A100", sizes: [40, 80] },
  { name: "A800", sizes: [40, 80] },
  { name: "L40", sizes: [48] },
  { name: "L40S", sizes: [48] },
  { name: "H100", sizes: [80] },
  { name: "H800", sizes: [80] },
  { name: "H200", sizes: [141] },
  { name: "B200", sizes: [180] },
  { name: "MI300X", sizes: [192] },
];

const key = (s: string) => s.toLowerCase().replace(/nvidia|geforce|tesla|amd|instinct/g, "").replace(/[\s_-]+/g, "");

/** Names for `--help` and error messages. */
export function knownGpus(): string[] {
  return KNOWN.map((g) => g.name);
}

/**
 * Parses `--gpu`: "24GB", "24 GiB", "80G", "RTX 4090", "rtx4090", "A100-80GB", "A100 40GB", "H100".
 * @throws FtdataUsageError for an unknown name, a size the GPU does not come in, or an ambiguous name.
 */
export function parseGpu(value: string): GpuSpec {
  const v = value.trim();
  const size = /^(\d+(?:\.\d+)?)\s*(?:gb|gib|g)$/i.exec(v);
  if (size) {
    const gib = Number(size[1]);
    if (!(gib >= 1 && gib <= 4096)) throw new FtdataUsageError(`--gpu ${value}: a GPU's memory is between 1 and 4096 GB`);
    return { name: `${gib} GB`, gib };
  }
  // A name, optionally followed by its memory: "A100-80GB", "V100 32GB", "RTX 4060 Ti 16GB".
  const withSize = /^(.*?)[\s_-]*(\d+)\s*(?:gb|gib|g)$/i.exec(v);
  const tries: Array<[string, number | undefined]> = [[v, undefined]];
  if (withSize && withSize[1]!.trim() !== "") tries.unshift([withSize[1]!, Number(withSize[2])]);
  for (const [name, gb] of tries) {
    const gpu = KNOWN.find((g) => key(g.name) === key(name));
    if (!gpu) continue;
    if (gb === undefined) {
      if (gpu.sizes.length > 1) throw new FtdataUsageError(`--gpu "${value}": the ${gpu.name} comes with ${gpu.sizes.join(" or ")} GB; say which, e.g. --gpu ${gpu.name.replace(/ /g, "")}-${gpu.sizes.at(-1)}GB`);
      return { name: `${gpu.name} (${gpu.sizes[0]} GB)`, gib: gpu.sizes[0]! };
    }
    if (!gpu.sizes.includes(gb)) throw new FtdataUsageError(`--gpu "${value}": the ${gpu.name} comes with ${gpu.sizes.join(" or ")} GB, not ${gb} GB`);
    return { name: `${gpu.name} (${gb} GB)`, gib: gb };
  }
  throw new FtdataUsageError(`--gpu "${value}": not a memory size (24GB) or a known GPU (${knownGpus().join(", ")})`);
}
