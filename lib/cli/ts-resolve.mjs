/**
 * `node --import ./lib/cli/ts-resolve.mjs script.ts`: lets a TypeScript CLI run by plain Node (which strips the
 * types) import the project's modules as the app does, without extensions: a relative import that does not
 * resolve is tried again as `<specifier>.ts` (`../../db/copy` → db/copy.ts). Package imports are untouched.
 */
import { registerHooks } from "node:module";

registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      if (
        error?.code !== "ERR_MODULE_NOT_FOUND" ||
        !/^\.\.?\//.test(specifier) ||
        /\.[cm]?[jt]s$/.test(specifier)
      ) {
        throw error;
      }
      return nextResolve(`${specifier}.ts`, context);
    }
  },
});
