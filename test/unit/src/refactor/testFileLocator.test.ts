import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { testFileCandidates } from "../../../../src/refactor/testFileLocator";

describe("test files", () => {
    it("are looked for next to a TypeScript file, in __tests__, and in a mirrored test tree", () => {
        const { candidates, newFile } = testFileCandidates("/repo/src/util/math.ts", "/repo");
        assert.equal(candidates[0], "/repo/src/util/math.test.ts");
        assert.ok(candidates.includes("/repo/src/util/__tests__/math.test.ts"));
        assert.ok(candidates.includes("/repo/test/util/math.test.ts"));
        assert.ok(candidates.includes("/repo/test/src/util/math.spec.ts"));
        assert.equal(newFile, "/repo/src/util/math.test.ts");
    });

    it("follow Python's test_ prefix, next to the file or under tests/", () => {
        const { candidates, newFile } = testFileCandidates("/repo/pkg/math.py", "/repo");
        assert.equal(candidates[0], "/repo/pkg/test_math.py");
        assert.ok(candidates.includes("/repo/pkg/tests/test_math.py"));
        assert.ok(candidates.includes("/repo/tests/pkg/test_math.py"));
        assert.ok(candidates.includes("/repo/tests/test_math.py"));
        assert.equal(newFile, "/repo/pkg/test_math.py");
    });

    it("follow Go's and Java's conventions", () => {
        assert.equal(testFileCandidates("/repo/x/server.go").newFile, "/repo/x/server_test.go");
        assert.equal(testFileCandidates("/repo/src/main/java/a/Foo.java").newFile, "/repo/src/test/java/a/FooTest.java");
    });
});
