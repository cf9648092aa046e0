// Typed linting of every TypeScript file tsconfig.json type-checks, and of the build scripts.
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

export default defineConfig(
    { ignores: ["dist/", "out/", "media/build/", ".cache/", "node_modules/", "test-results/"] },
    {
        files: ["engine/**/*.ts", "src/**/*.ts", "media/src/**/*.ts", "test/**/*.ts", "scripts/**/*.ts", "scripts/**/*.mjs", "*.mjs"],
        extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
        languageOptions: {
            parserOptions: {
                projectService: { allowDefaultProject: ["scripts/*.mjs", "*.mjs"] },
                tsconfigRootDir: import.meta.dirname
            }
        },
        rules: {
            "@typescript-eslint/no-floating-promises": [
                "error",
                {
                    // VS Code's API answers with Thenables: they are promises too.
                    checkThenables: true,
                    // node:test's describe() and it() return promises that the runner itself awaits.
                    allowForKnownSafeCalls: [{ from: "package", package: "node:test", name: ["describe", "it", "test", "suite"] }]
                }
            ],
            "@typescript-eslint/no-misused-promises": "error",
            // The protocol declares each message as a namespace holding its method and type, as
            // vscode-languageserver-protocol does.
            "@typescript-eslint/no-namespace": "off",
            // A callback that must return a promise (a scheduled job, a test double) is written as an async
            // function even when it awaits nothing.
            "@typescript-eslint/require-await": "off",
            // An aborted wait rejects with its signal's reason, which the DOM types as any.
            "@typescript-eslint/prefer-promise-reject-errors": ["error", { allowThrowingAny: true }]
        }
    },
    {
        files: ["scripts/**/*.mjs", "*.mjs"],
        languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly" } },
        // Plain JavaScript has no annotations, so every callback parameter is any: only the rules about
        // unsafe any values are left out.
        rules: {
            "@typescript-eslint/no-unsafe-argument": "off",
            "@typescript-eslint/no-unsafe-assignment": "off",
            "@typescript-eslint/no-unsafe-call": "off",
            "@typescript-eslint/no-unsafe-member-access": "off",
            "@typescript-eslint/no-unsafe-return": "off"
        }
    }
);
