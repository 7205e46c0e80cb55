import { z } from "zod";

// Runs before the app's client code. Zod probes for eval with `new Function("")` before its first parse; under
// our CSP (no 'unsafe-eval') the probe fails harmlessly but Chromium reports a securitypolicyviolation for
// it. Jitless mode skips the probe and the JIT it would enable.
z.config({ jitless: true });
