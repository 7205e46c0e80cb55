// Loaded on demand by markdown.tsx: Shiki's highlighter, the first time a text has a code fence.
export { code as codePlugin } from "@streamdown/code";
