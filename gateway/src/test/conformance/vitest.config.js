import { defineConfig } from "vitest/config"

export default defineConfig({
    test: {
        include: ["conformance.test.js"],
        testTimeout: 60_000,
        hookTimeout: 60_000,
        // Two ITs may run the suite at once (failsafe forks); neither reads or writes a results cache.
        cache: false,
    },
})
