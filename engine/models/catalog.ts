// The models Hearth offers to download: code models that serve both chat and fill-in-the-middle, as data. Each file is
// pinned: the repository's commit it is fetched from, its exact size and its SHA-256, so a download is checked against
// what Hearth ships, not against what the server (or a mirror) says about its own file.
import { readFileSync } from "node:fs";
import { debugCatalogFile } from "../server/debugKnobs";
import { parseModelUri } from "./modelUri";

export interface CatalogModel {
    id: string;
    label: string;
    /** node-llama-cpp model URI of the pinned file: `hf:user/repo/file.gguf#revision`. */
    uri: string;
    quantization: "Q8_0" | "Q4_K_M";
    /** Total parameters. */
    parameters: number;
    /** The file's exact size. */
    fileBytes: number;
    /** The file's SHA-256, lowercase hex. */
    sha256: string;
    /** The Hugging Face repository, its commit the file is fetched from, and the file's path in it. */
    repo: string;
    revision: string;
    file: string;
    /** The name the file gets in the models folder: the one node-llama-cpp gave it when Hearth downloaded the quantisation's tag. */
    localFileName: string;
    /** SPDX identifier, or the license's name where it has none. */
    license: string;
    layers: number;
    /** Key/value heads and their size, which set the KV cache's bytes per token. */
    kvHeads: number;
    headDim: number;
    trainContext: number;
}

interface PinnedFile {
    file: string;
    bytes: number;
    sha256: string;
}

interface Family {
    size: string;
    repo: string;
    revision: string;
    license: string;
    parameters: number;
    layers: number;
    kvHeads: number;
    headDim: number;
    files: Record<CatalogModel["quantization"], PinnedFile>;
}

// Shapes from each model's config.json (num_hidden_layers, num_key_value_heads, hidden_size / num_attention_heads).
// Each pin is the LFS entry of the file at its commit (`npm run catalog:check` compares them with Hugging Face). A
// server announcing anything else is refused before a download starts: a wrong pin can only refuse, never accept.
const families: Family[] = [
    {
        size: "0.5B", repo: "Qwen/Qwen2.5-Coder-0.5B-Instruct-GGUF", revision: "ebb2015119c907b064c512bf053e945850b5875f", license: "Apache-2.0",
        parameters: 0.49e9, layers: 24, kvHeads: 2, headDim: 64,
        files: {
            Q8_0: { file: "qwen2.5-coder-0.5b-instruct-q8_0.gguf", bytes: 675_710_848, sha256: "e1a77721fa97d412f121878223eec81fb4ae6f271e18f922d746711f67b344d1" },
            Q4_K_M: { file: "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf", bytes: 491_400_064, sha256: "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32" }
        }
    },
    {
        size: "1.5B", repo: "Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF", revision: "2ab9f8f42af02fc212effaef7c4850c885e965f4", license: "Apache-2.0",
        parameters: 1.54e9, layers: 28, kvHeads: 2, headDim: 128,
        files: {
            Q8_0: { file: "qwen2.5-coder-1.5b-instruct-q8_0.gguf", bytes: 1_894_532_160, sha256: "507de59046601282ba768a9789900e6ccf60ed93ddf346730b7c68eb0715bc47" },
            Q4_K_M: { file: "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf", bytes: 1_117_320_768, sha256: "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046" }
        }
    },
    {
        size: "3B", repo: "Qwen/Qwen2.5-Coder-3B-Instruct-GGUF", revision: "f74adce6aa16316c625447af059dbebe4983757c", license: "Qwen Research License",
        parameters: 3.09e9, layers: 36, kvHeads: 2, headDim: 128,
        files: {
            Q8_0: { file: "qwen2.5-coder-3b-instruct-q8_0.gguf", bytes: 3_616_088_512, sha256: "f648c25dfd5a0870c4ad76724a745124ab5667ff97b664534fcbe46089b75ab8" },
            Q4_K_M: { file: "qwen2.5-coder-3b-instruct-q4_k_m.gguf", bytes: 2_104_932_800, sha256: "724fb256bec1ff062b2f65e4569e871ad2e95ab2a3989723d1769c54294730b7" }
        }
    },
    {
        size: "7B", repo: "Qwen/Qwen2.5-Coder-7B-Instruct-GGUF", revision: "13fb94bfda8c8cf22497dc57b78f391a9acb426a", license: "Apache-2.0",
        parameters: 7.62e9, layers: 28, kvHeads: 4, headDim: 128,
        files: {
            Q8_0: { file: "qwen2.5-coder-7b-instruct-q8_0.gguf", bytes: 8_098_525_184, sha256: "b36a4e1c3ddf2ba6fd5501b926128e5fc6430881caaff07e9629bd18f06f685f" },
            Q4_K_M: { file: "qwen2.5-coder-7b-instruct-q4_k_m.gguf", bytes: 4_683_073_536, sha256: "509287f78cb4d4cf6b3843734733b914b2c158e43e22a7f4bf5e963800894d3c" }
        }
    }
];

const quantizations: CatalogModel["quantization"][] = ["Q8_0", "Q4_K_M"];

/** `hf_Qwen_Qwen2.5-Coder-1.5B-Instruct.Q8_0.gguf`: a model downloaded before its file was pinned keeps counting as downloaded. */
function localFileName(repo: string, quantization: string): string {
    const [user, name] = repo.split("/");
    return `hf_${user}_${name.replace(/-GGUF$/i, "")}.${quantization}.gguf`;
}

const builtIn: readonly CatalogModel[] = families.flatMap((family) =>
    quantizations.map((quantization) => {
        const { file, bytes, sha256 } = family.files[quantization];
        return {
            id: `qwen2.5-coder-${family.size.toLowerCase()}-${quantization.toLowerCase()}`,
            label: `Qwen2.5-Coder ${family.size} Instruct ${quantization}`,
            uri: `hf:${family.repo}/${file}#${family.revision}`,
            quantization,
            parameters: family.parameters,
            fileBytes: bytes,
            sha256,
            repo: family.repo,
            revision: family.revision,
            file,
            localFileName: localFileName(family.repo, quantization),
            license: family.license,
            layers: family.layers,
            kvHeads: family.kvHeads,
            headDim: family.headDim,
            trainContext: 32768
        };
    })
);

const catalogFields: Record<keyof CatalogModel, "string" | "number"> = {
    id: "string", label: "string", uri: "string", quantization: "string", parameters: "number", fileBytes: "number", sha256: "string", repo: "string",
    revision: "string", file: "string", localFileName: "string", license: "string", layers: "number", kvHeads: "number", headDim: "number", trainContext: "number"
};

/** A catalog of test files in place of the built-in one (tests only: it is read only when the engine runs with its debug knobs). */
export function readCatalogFile(path: string): CatalogModel[] {
    const parsed: unknown = JSON.parse(readFileSync(path, "utf8"));
    if (!Array.isArray(parsed)) throw new TypeError(`${path} must hold an array of catalog models`);
    for (const entry of parsed as Record<string, unknown>[]) {
        for (const [field, type] of Object.entries(catalogFields)) {
            if (typeof entry?.[field] !== type) throw new TypeError(`${path}: every catalog model needs ${field} (a ${type})`);
        }
    }
    return parsed as CatalogModel[];
}

export const catalog: readonly CatalogModel[] = debugCatalogFile ? readCatalogFile(debugCatalogFile) : builtIn;

export function catalogModel(id: string): CatalogModel | undefined {
    return catalog.find((model) => model.id === id);
}

/**
 * The catalog model a URI names: its pinned URI, or any Hugging Face URI of the same repository that names the same
 * file (on any branch) or the same quantisation tag, as Hearth wrote catalog URIs before they were pinned.
 */
export function catalogModelByUri(uri: string): CatalogModel | undefined {
    const parsed = parseModelUri(uri);
    if (!parsed || parsed.kind === "url") return undefined;
    const repo = `${parsed.user}/${parsed.repo}`.toLowerCase();
    return catalog.find((model) => {
        if (model.repo.toLowerCase() !== repo) return false;
        return parsed.kind === "hfTag" ? parsed.tag.toUpperCase() === model.quantization : parsed.path.toLowerCase() === model.file.toLowerCase();
    });
}

/** Higher is better quality at the same parameter count. */
export function quantizationRank(quantization: string): number {
    const order = ["Q2_K", "Q3_K_S", "Q3_K_M", "Q3_K_L", "Q4_0", "Q4_K_S", "Q4_K_M", "Q5_0", "Q5_K_S", "Q5_K_M", "Q6_K", "Q8_0", "F16", "BF16", "F32"];
    const index = order.indexOf(quantization.toUpperCase());
    return index < 0 ? 0 : index + 1;
}
