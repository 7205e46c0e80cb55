import { describe, expect, it } from "vitest";
import { hasBody, isAcceptedBodyType, mediaType } from "./content-type";

describe("body type rules", () => {
  it("reads the media type without parameters", () => {
    expect(mediaType("Application/JSON; charset=utf-8")).toBe("application/json");
    expect(mediaType("multipart/form-data; boundary=x")).toBe("multipart/form-data");
    expect(mediaType(null)).toBeUndefined();
    expect(mediaType("")).toBeUndefined();
  });

  it("accepts JSON, and multipart only where a file upload is expected", () => {
    expect(isAcceptedBodyType("application/json", false)).toBe(true);
    expect(isAcceptedBodyType("multipart/form-data", true)).toBe(true);
    expect(isAcceptedBodyType("multipart/form-data", false)).toBe(false);
    for (const type of [
      "text/plain",
      "application/x-www-form-urlencoded",
      undefined,
      "application/json-patch+json",
    ]) {
      expect(isAcceptedBodyType(type, true), String(type)).toBe(false);
    }
  });

  it("sees a body in a positive Content-Length or a chunked upload", () => {
    expect(hasBody(new Headers({ "content-length": "12" }))).toBe(true);
    expect(hasBody(new Headers({ "content-length": "0" }))).toBe(false);
    expect(hasBody(new Headers({ "transfer-encoding": "chunked" }))).toBe(true);
    expect(hasBody(new Headers())).toBe(false);
  });
});
