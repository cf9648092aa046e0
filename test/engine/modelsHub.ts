// A local stand-in for Hugging Face on 127.0.0.1: the manifest and resolve URLs node-llama-cpp and Hearth use,
// HEAD, HTTP Range, a published SHA-256, and a gate that holds the bytes back so a test can cancel mid-download.
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

interface HubFile {
    data: Buffer;
    /** What the hub publishes as the file's SHA-256 (may differ from `data`'s, to serve a corrupted file). */
    sha256?: string;
}

export interface HubRequest {
    method: string;
    path: string;
    range?: string;
    /** Body bytes written so far. */
    bytes: number;
}

const pieceBytes = 64 * 1024;

export class ModelsHub {
    readonly requests: HubRequest[] = [];
    /** Body bytes written for ranged (206) responses since the hub started. */
    private rangeBytesServed = 0;
    private readonly files = new Map<string, HubFile>();
    private readonly manifests = new Map<string, string>();
    private holdAt = Infinity;
    private dropAt = Infinity;
    private released: Promise<void> = Promise.resolve();
    private release: () => void = () => undefined;

    private constructor(private readonly server: Server) {}

    static async start(): Promise<ModelsHub> {
        const server = createServer();
        const hub = new ModelsHub(server);
        server.on("request", (req, res) => void hub.handle(req, res));
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        return hub;
    }

    get url(): string {
        return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    }

    /** Serves `data` as `{repo}/resolve/{revision}/{fileName}` (main by default), and as the manifest of `tag` when given. */
    addFile(repo: string, fileName: string, data: Buffer, options: { tag?: string; publishSha256?: boolean; sha256?: string; revision?: string } = {}): void {
        const sha256 = options.sha256 ?? (options.publishSha256 === false ? undefined : createHash("sha256").update(data).digest("hex"));
        this.files.set(`${repo}@${options.revision ?? "main"}/${fileName}`, { data, sha256 });
        if (options.tag) this.manifests.set(`${repo}:${options.tag.toUpperCase()}`, fileName);
    }

    /** Ranged responses stop once `bytes` more were served, until `resume()`. */
    holdAfter(bytes: number): void {
        this.holdAt = this.rangeBytesServed + bytes;
        this.released = new Promise<void>((resolve) => (this.release = resolve));
    }

    /** The connections of ranged responses are cut once `bytes` more were served (once). */
    dropAfter(bytes: number): void {
        this.dropAt = this.rangeBytesServed + bytes;
    }

    resume(): void {
        this.holdAt = Infinity;
        this.release();
    }

    /** Forgets the requests so far; bytes still flowing to them are not counted again. */
    resetRequests(): void {
        this.requests.length = 0;
    }

    /** Body bytes of ranged responses to the requests since the last reset. */
    get rangeBytes(): number {
        return this.requests.filter((r) => r.range).reduce((sum, r) => sum + r.bytes, 0);
    }

    async close(): Promise<void> {
        this.resume();
        this.server.closeAllConnections();
        await new Promise<void>((resolve) => this.server.close(() => resolve()));
    }

    private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
        const path = decodeURIComponent(new URL(req.url ?? "/", "http://hub").pathname);
        const request: HubRequest = { method: req.method ?? "GET", path, ...(req.headers.range ? { range: req.headers.range } : {}), bytes: 0 };
        this.requests.push(request);
        const manifest = /^\/v2\/([^/]+\/[^/]+)\/manifests\/([^/]+)$/.exec(path);
        if (manifest && req.method === "GET") return this.manifest(manifest[1], manifest[2], res);
        const resolve = /^\/([^/]+\/[^/]+)\/resolve\/([^/]+)\/(.+)$/.exec(path);
        const file = resolve ? this.files.get(`${resolve[1]}@${resolve[2]}/${resolve[3]}`) : undefined;
        if (!file) {
            res.writeHead(404, { "Content-Type": "application/json" }).end(JSON.stringify({ error: "Entry not found" }));
            return;
        }
        const headers: Record<string, string | number> = { "Accept-Ranges": "bytes", "Content-Type": "application/octet-stream", "X-Linked-Size": file.data.length };
        if (file.sha256) headers["X-Linked-Etag"] = `"${file.sha256}"`;
        if (req.method === "HEAD") {
            res.writeHead(200, { ...headers, "Content-Length": file.data.length }).end();
            return;
        }
        const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? "");
        if (!range) {
            res.writeHead(200, { ...headers, "Content-Length": file.data.length });
            await this.stream(res, file.data, request);
            return;
        }
        const start = Number(range[1]);
        const end = range[2] === "" ? file.data.length - 1 : Math.min(Number(range[2]), file.data.length - 1);
        res.writeHead(206, { ...headers, "Content-Length": end - start + 1, "Content-Range": `bytes ${start}-${end}/${file.data.length}` });
        await this.stream(res, file.data.subarray(start, end + 1), request);
    }

    private manifest(repo: string, tag: string, res: ServerResponse): void {
        const fileName = this.manifests.get(`${repo}:${tag.toUpperCase()}`);
        const file = fileName ? this.files.get(`${repo}@main/${fileName}`) : undefined;
        if (!fileName || !file) {
            res.writeHead(404, { "Content-Type": "application/json" }).end(JSON.stringify({ error: "The specified tag is not available in the repository." }));
            return;
        }
        const lfs = file.sha256 ? { lfs: { sha256: file.sha256, size: file.data.length } } : {};
        res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ ggufFile: { rfilename: fileName, size: file.data.length, ...lfs } }));
    }

    /** Writes in pieces, honouring backpressure and the hold; stops when the client goes away. */
    private async stream(res: ServerResponse, body: Buffer, request: HubRequest): Promise<void> {
        const ranged = request.range !== undefined;
        let closed = false;
        const gone = new Promise<void>((resolve) => res.once("close", () => ((closed = true), resolve())));
        for (let offset = 0; offset < body.length && !closed; offset += pieceBytes) {
            while (ranged && this.rangeBytesServed >= this.holdAt && !closed) await Promise.race([this.released, gone]);
            if (closed) break;
            if (ranged && this.rangeBytesServed >= this.dropAt) {
                this.dropAt = Infinity;
                res.socket?.destroy();
                break;
            }
            const piece = body.subarray(offset, offset + pieceBytes);
            request.bytes += piece.length;
            if (ranged) this.rangeBytesServed += piece.length;
            if (!res.write(piece)) await Promise.race([new Promise((r) => res.once("drain", r)), gone]);
        }
        if (!closed) res.end();
    }
}
