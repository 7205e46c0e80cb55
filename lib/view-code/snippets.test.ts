import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { toCallSettings } from "@/lib/chat/call-settings";
import type { GenerationParams } from "@/lib/params";
import { buildChatCompletionBody, wireSampling } from "./chat-request";
import {
  type CodeTarget,
  curlSnippet,
  envVarName,
  pythonLiteral,
  pythonSnippet,
  shellQuote,
  tsLiteral,
  typescriptSnippet,
} from "./snippets";

// Everything that breaks naive quoting in a shell, Python or TypeScript.
const NASTY = [
  `it's "quoted" 'twice'`,
  "back\\slash \\n not a newline \\' \\\"",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal ${…}, as a shell would expand it
  "$HOME ${PATH} $(echo pwned) `echo pwned` !! \\$",
  "line one\nline two\r\n\ttabbed",
  "unicode ✓ 漢字 😀 é (e + \u0301) \u2028 \u2029 \u0000 \u001b[31m",
  "'''triple''' \"\"\"triple\"\"\" ''",
  "JSON\nEOF\n'\n",
  "# not a comment */ // not either",
].join(" | ");

const params: GenerationParams = {
  system: `System ${NASTY}`,
  temperature: 0.7,
  topP: 0.01,
  maxTokens: 131072,
  frequencyPenalty: -2,
  presencePenalty: 1e-7,
  stop: [NASTY, "\n\n"],
  seed: 2 ** 31 - 1,
};
const history = [
  { role: "user" as const, content: `Question ${NASTY}` },
  { role: "assistant" as const, content: `Answer ${NASTY}` },
  { role: "user" as const, content: "Again" },
];
const body = buildChatCompletionBody({
  modelId: `vendor/model's "v2"`,
  sampling: wireSampling(params),
  system: params.system,
  history,
});
const target: CodeTarget = {
  providerName: `Evil\nname $(rm -rf ~) "quoted"`,
  sdkName: "custom-1",
  baseUrl: "http://127.0.0.1:9/v1?x='$y'",
  key: { env: "EVIL_API_KEY", fromSettings: true },
};

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "view-code-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("escaping", () => {
  it("shell single quotes keep any text literal", () => {
    const out = execFileSync("bash", ["-c", `printf '%s' ${shellQuote(NASTY.replaceAll("\u0000", ""))}`], {
      encoding: "utf8",
    });
    expect(out).toBe(NASTY.replaceAll("\u0000", ""));
  });

  it("Python literals read back as the same value", () => {
    const file = path.join(dir, "lit.py");
    const value = { text: NASTY, list: [1, 0.5, 1e-7, -2, true, false, null], nested: { "k'ey": [NASTY] } };
    fs.writeFileSync(
      file,
      `import json, sys\nv = ${pythonLiteral(value)}\nsys.stdout.write(json.dumps(v))\n`,
    );
    expect(JSON.parse(execFileSync("python3", [file], { encoding: "utf8" }))).toEqual(value);
  });

  it("TypeScript literals read back as the same value", () => {
    const value = { text: NASTY, "a-b": [1, 0.5, null, true], $ok: { nested: [NASTY] } };
    expect(new Function(`return (${tsLiteral(value)});`)()).toEqual(value);
  });

  it("environment variable names are safe identifiers", () => {
    expect(envVarName("My vLLM box")).toBe("MY_VLLM_BOX_API_KEY");
    expect(envVarName("Évian 2 $(x)")).toBe("EVIAN_2_X_API_KEY");
    expect(envVarName("42 labs")).toBe("PROVIDER_42_LABS_API_KEY");
    expect(envVarName("漢字")).toBe("PROVIDER_API_KEY");
  });
});

describe("snippets send the body the app sends", () => {
  it("curl: the body, URL and key header reach curl unchanged, the key from the environment", () => {
    // A curl that prints its arguments as JSON: the snippet runs in a real shell.
    const fake = path.join(dir, "curl");
    fs.writeFileSync(
      fake,
      `#!/usr/bin/env node\nprocess.stdout.write(JSON.stringify(process.argv.slice(2)));\n`,
      {
        mode: 0o755,
      },
    );
    const snippet = curlSnippet(target, body);
    const args = JSON.parse(
      execFileSync("bash", ["-c", snippet], {
        encoding: "utf8",
        env: { ...process.env, PATH: `${dir}:${process.env.PATH}`, EVIL_API_KEY: "sk-from-env" },
      }),
    ) as string[];
    expect(args[0]).toBe(`${target.baseUrl}/chat/completions`);
    expect(args).toContain("Authorization: Bearer sk-from-env");
    expect(JSON.parse(args.at(-1) as string)).toEqual(body);
    expect(snippet).not.toContain("sk-from-env");
    // the provider's name cannot leave its comment line
    expect(snippet.split("\n")[0]).toBe(`# Evil name $(rm -rf ~) "quoted" · ${body.model}`);
    expect(snippet).toContain("export it as EVIL_API_KEY");
  });

  it("curl without a key sends no Authorization header", () => {
    expect(curlSnippet({ ...target, key: undefined }, body)).not.toContain("Authorization");
  });

  it("Python: the openai client gets this base URL, key and exactly this body", () => {
    // A stand-in for the openai package that prints what create() would send.
    fs.mkdirSync(path.join(dir, "py"), { recursive: true });
    fs.writeFileSync(
      path.join(dir, "py", "openai.py"),
      `import json, sys
class _Completions:
    def create(self, **kw):
        body = dict(kw)
        body.update(body.pop("extra_body", {}))
        sys.stderr.write(json.dumps(body))
        return []
class _Chat:
    completions = _Completions()
class OpenAI:
    def __init__(self, base_url, api_key):
        sys.stderr.write(json.dumps([base_url, api_key]) + "\\n")
        self.chat = _Chat()
`,
    );
    const file = path.join(dir, "snippet.py");
    const withExtra = { ...body, reasoning_effort: "high" };
    fs.writeFileSync(file, pythonSnippet(target, withExtra));
    const out = execFileSync("bash", ["-c", `python3 ${shellQuote(file)} 2>&1 >/dev/null`], {
      encoding: "utf8",
      env: { ...process.env, PYTHONPATH: path.join(dir, "py"), EVIL_API_KEY: "sk-py" },
    });
    const [first, second] = out.split("\n");
    expect(JSON.parse(first)).toEqual([target.baseUrl, "sk-py"]);
    expect(JSON.parse(second)).toEqual(withExtra);
  });

  it("TypeScript: streamText gets the settings the app passes, the provider this URL and key", async () => {
    const snippet = typescriptSnippet(target, { ...body, reasoning_effort: "high" });
    const calls: Record<string, unknown>[] = [];
    const code = snippet.replace(/^import .*$/gm, "").replace("process.env.", "env.");
    const run = new Function(
      "createOpenAICompatible",
      "streamText",
      "env",
      "process",
      "console",
      `return (async () => {${code}})();`,
    );
    await run(
      (settings: Record<string, unknown>) => {
        calls.push(settings);
        return { chatModel: (id: string) => ({ modelId: id }) };
      },
      (call: Record<string, unknown>) => {
        calls.push(call);
        return { stream: [], usage: Promise.resolve({}) };
      },
      { EVIL_API_KEY: "sk-ts" },
      { stdout: { write: () => {} } },
      { log: () => {} },
    );
    expect(calls[0]).toEqual({
      name: "custom-1",
      baseURL: target.baseUrl,
      apiKey: "sk-ts",
      includeUsage: true,
    });
    expect(calls[1]).toEqual({
      model: { modelId: body.model },
      messages: history,
      ...toCallSettings(params),
      providerOptions: { "custom-1": { reasoning_effort: "high" } },
    });
  });
});
