// Only the config setter: importing classic zod's `z` would ship its whole API to every page.
import { config } from "zod/v4/core";

// Runs before the app's client code. Zod probes for eval with `new Function("")` before its first parse; under
// our CSP (no 'unsafe-eval') the probe fails harmlessly but Chromium reports a securitypolicyviolation for
// it. Jitless mode skips the probe and the JIT it would enable.
config({ jitless: true });
