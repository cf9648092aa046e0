// Bundles the extension and the engine into dist/. Type-checking is `tsc --noEmit`; esbuild only emits.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const watch = process.argv.includes("--watch");
const production = process.argv.includes("--production");

/** Fails the build when a bundle reaches a module it must never contain. */
function forbidImports(bundleName, forbidden) {
    return {
        name: `forbid-imports-${bundleName}`,
        setup(build) {
            build.onResolve({ filter: /.*/ }, (args) => {
                if (forbidden.some((rule) => rule.test(args.path, args.importer))) {
                    return { errors: [{ text: `${bundleName} must not import "${args.path}" (from ${args.importer})` }] };
                }
                return undefined;
            });
        }
    };
}

const extensionSource = fileURLToPath(new URL("./src/", import.meta.url));

/** From src/, the engine is reached only through engine/protocol.ts, never one of the files it re-exports. */
const isEngineOutsideProtocol = (path) => /(^|\/)engine\//.test(path) && !/(^|\/)engine\/protocol(\.ts)?$/.test(path);

/**
 * Fails the build when a file under src/ names an engine module other than engine/protocol.ts, even in a
 * type-only import, which esbuild erases before it resolves anything.
 */
function extensionImportsOnlyTheProtocol() {
    return {
        name: "extension-imports-only-the-protocol",
        setup(build) {
            build.onLoad({ filter: /\.ts$/ }, async (args) => {
                if (!args.path.startsWith(extensionSource)) return undefined;
                const source = await readFile(args.path, "utf8");
                const errors = [...source.matchAll(/\b(?:from|import)\s*\(?\s*["']([^"']+)["']/g)]
                    .filter(([, path]) => isEngineOutsideProtocol(path))
                    .map(([, path]) => ({ text: `the extension must not import "${path}" (from ${args.path}); import it from engine/protocol` }));
                return errors.length > 0 ? { errors } : undefined;
            });
        }
    };
}

const engineRules = [{ test: (path) => path === "vscode" }];
const extensionRules = [
    { test: (path) => path === "node-llama-cpp" },
    { test: (path, importer) => /[\\/]src[\\/]/.test(importer) && isEngineOutsideProtocol(path) }
];

// The chat webview runs in a browser sandbox: no Node modules, no VS Code API, nothing from the engine.
const webviewRules = [{ test: (path) => path === "vscode" || path.startsWith("node:") || path === "node-llama-cpp" || /(^|\/)engine\//.test(path) }];

const problemMatcher = {
    name: "problem-matcher",
    setup(build) {
        build.onEnd((result) => {
            if (!watch) return;
            for (const { text, location } of result.errors) {
                console.error(`✘ [ERROR] ${text}`);
                if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
            }
            console.log(`[watch] build finished (${build.initialOptions.outfile})`);
        });
    }
};

const common = {
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    sourcemap: !production,
    minify: production,
    logLevel: watch ? "silent" : "warning"
};

const builds = [
    {
        ...common,
        entryPoints: ["src/extension.ts"],
        outfile: "dist/extension.js",
        external: ["vscode"],
        plugins: [forbidImports("the extension", extensionRules), extensionImportsOnlyTheProtocol(), problemMatcher]
    },
    {
        ...common,
        entryPoints: ["engine/main.ts"],
        outfile: "dist/engine.js",
        external: ["node-llama-cpp"],
        plugins: [forbidImports("the engine", engineRules), problemMatcher]
    },
    {
        ...common,
        platform: "browser",
        format: "iife",
        target: "es2022",
        entryPoints: ["media/src/chat/main.ts"],
        outfile: "media/build/chat.js",
        plugins: [forbidImports("the chat webview", webviewRules), problemMatcher]
    }
];

// The integration suite, loaded by VS Code's extension host (`--extensionTestsPath`); built only on request.
const integrationBuilds = ["index", "hearth.test"].map((name) => ({
    ...common,
    entryPoints: [`test/integration/suite/${name}.ts`],
    outfile: `out/integration/${name}.js`,
    external: ["vscode", "mocha"]
}));

if (process.argv.includes("--integration")) {
    builds.splice(0, builds.length, ...integrationBuilds);
}

if (watch) {
    for (const options of builds) await (await esbuild.context(options)).watch();
} else {
    const results = await Promise.allSettled(builds.map((options) => esbuild.build(options)));
    if (results.some((r) => r.status === "rejected")) process.exit(1);
}
