// The engine's side of Hearth's model management: recommendations for this machine, the models folder, downloads.
import { isAbsolute } from "node:path";
import type { CancellationToken } from "vscode-languageserver";
import { getLlama } from "../runtime/llama";
import type { Logger } from "../server/log";
import type {
    HearthSettings,
    LocalModel,
    ModelDeleteParams,
    ModelDeleteResult,
    ModelDownloadParams,
    ModelDownloadProgress,
    ModelDownloadResult,
    ModelListParams,
    ModelListResult,
    ModelRecommendation,
    ModelRecommendParams
} from "../protocol";
import { readHardware } from "./hardware";
import { deleteLocalModel, listLocalModels } from "./localModels";
import { measureRequirement } from "./measure";
import { ModelDownloads } from "./modelDownloads";
import { recommend, type DownloadedCandidate } from "./recommend";

export interface ModelServiceDeps {
    settings(): HearthSettings;
    log: Logger;
}

function folder(params: { directory?: unknown } | undefined, required: boolean): string | undefined {
    const directory = params?.directory;
    if (directory === undefined && !required) return undefined;
    if (typeof directory !== "string" || !isAbsolute(directory)) throw new TypeError(`directory must be an absolute path, got ${String(directory)}`);
    return directory;
}

/** Context tokens Hearth creates on the completion model: its own, plus the chat's when the chat shares the model. */
export function contextTokensFor(settings: HearthSettings): number {
    return settings.model.contextSize + (settings.chat.model.path === "" ? settings.chat.contextSize : 0);
}

export class ModelService {
    private readonly downloads: ModelDownloads;

    constructor(private readonly deps: ModelServiceDeps) {
        this.downloads = new ModelDownloads({ endpoint: () => deps.settings().model.huggingFaceEndpoint, log: deps.log });
    }

    async recommend(params: ModelRecommendParams | undefined): Promise<ModelRecommendation> {
        const directory = folder(params, false);
        const llama = await getLlama();
        const contextTokens = contextTokensFor(this.deps.settings());
        const [hardware, local] = await Promise.all([readHardware(llama), directory ? listLocalModels(directory) : Promise.resolve([] as LocalModel[])]);
        const downloaded = new Map<string, DownloadedCandidate>();
        for (const model of local) {
            if (!model.catalogId || model.partial || model.problem) continue;
            const requirement = await measureRequirement(model.path, contextTokens, llama).catch((error: unknown) => {
                this.deps.log.warn(`cannot measure ${model.fileName}: ${error instanceof Error ? error.message : String(error)}`);
                return undefined;
            });
            downloaded.set(model.catalogId, { path: model.path, ...(requirement ? { requirement } : {}) });
        }
        return recommend({ hardware, contextTokens, downloaded });
    }

    async list(params: ModelListParams): Promise<ModelListResult> {
        return { models: await listLocalModels(folder(params, true)!) };
    }

    async delete(params: ModelDeleteParams): Promise<ModelDeleteResult> {
        if (typeof params?.path !== "string") throw new TypeError("path must be a string");
        const deletedFiles = await deleteLocalModel(folder(params, true)!, params.path);
        this.deps.log.info(`deleted ${deletedFiles.length} file(s) of ${params.path}`);
        return { deletedFiles };
    }

    download(params: ModelDownloadParams, token: CancellationToken, progress: (progress: ModelDownloadProgress) => void): Promise<ModelDownloadResult> {
        return this.downloads.download(params, token, progress);
    }
}
