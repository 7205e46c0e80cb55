import { describe, expect, it } from "vitest";
import type { ProviderSettings } from "@/lib/settings/types";
import { formPatch } from "./form-patch";

const values = { name: "Local", baseUrl: "http://localhost:11434/v1", apiKey: "", defaultModel: "" };
const saved: ProviderSettings = {
  id: "p-1",
  name: "Local",
  kind: "custom",
  builtIn: false,
  configured: true,
  source: "ui",
  editable: "all",
  envVars: [],
  key: "•••• abcd",
  baseUrl: "http://localhost:11434/v1",
  defaultModel: "llama3",
};

describe("formPatch", () => {
  it("sends every field of a new provider", () => {
    expect(formPatch(null, { ...values, apiKey: " sk-1 " }, false)).toEqual({ ...values, apiKey: "sk-1" });
  });

  it("sends only what changed in an edit; an empty key keeps the saved one", () => {
    expect(formPatch(saved, { ...values, defaultModel: "llama3" }, false)).toEqual({});
    expect(formPatch(saved, { ...values, name: "Ollama", defaultModel: "llama3" }, false)).toEqual({
      name: "Ollama",
    });
    expect(formPatch(saved, values, false)).toEqual({ defaultModel: null });
    expect(formPatch(saved, { ...values, defaultModel: "llama3", apiKey: "sk-new" }, false)).toEqual({
      apiKey: "sk-new",
    });
    expect(formPatch(saved, { ...values, defaultModel: "llama3" }, true)).toEqual({ apiKey: null });
  });
});
