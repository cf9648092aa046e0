import { arch, freemem, platform, totalmem } from "node:os";
import { backendName, type Llama } from "../runtime/llama";
import type { HardwareInfo } from "../protocol";

/** What llama.cpp sees of the machine right now: its GPU backend and memory, and the system's RAM and cores. */
export async function readHardware(llama: Llama): Promise<HardwareInfo> {
    const backend = backendName(llama.gpu);
    const [vram, ram, gpuNames] = await Promise.all([
        backend === "CPU" ? undefined : llama.getVramState().catch(() => undefined),
        llama.getRamState().catch(() => undefined),
        backend === "CPU" ? [] : llama.getGpuDeviceNames().catch(() => [] as string[])
    ]);
    return {
        backend,
        gpuNames,
        vramTotal: vram?.total ?? 0,
        vramFree: vram?.free ?? 0,
        unifiedMemory: (vram?.unifiedSize ?? 0) > 0,
        ramTotal: ram?.total ?? totalmem(),
        ramFree: ram?.free ?? freemem(),
        cpuCores: llama.cpuMathCores,
        platform: platform(),
        arch: arch()
    };
}
