/** The GPU planner: memory, CPU RAM and disk per method, and the settings that fit a given GPU. */
export { planMemory, findArchitecture, architectureFromParams, knownArchitectures, parseParams, loraParams, type Architecture, type PlanOptions, type MemoryPlan, type MemoryTerms, type Method, type Precision, type Optimizer } from "./plan.js";
export { planHardware, DEFAULT_EFFECTIVE_BATCH, type HardwareOptions, type HardwarePlan, type DataFigures, type Schedule, type MethodHardware } from "./hardware.js";
export { parseGpu, knownGpus, type GpuSpec } from "./gpus.js";
export { defaultEpochs } from "./epochs.js";
export type { FitResult } from "./fit.js";
export type { RamTerms, DiskTerms } from "./host.js";
export { renderPlan } from "./render.js";
