// Loaded on demand by markdown.tsx: KaTeX and its stylesheet, the first time a text has math.
import "katex/dist/katex.min.css";
import { createMathPlugin } from "@streamdown/math";

export const mathPlugin = createMathPlugin({ singleDollarTextMath: true });
