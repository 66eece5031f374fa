import { describe, expect, it } from "vitest";
import { paramsBody, paramText, paramTexts, sameParams, type ParamSpecDto } from "./check-params";

const specs: ParamSpecDto[] = [
  { name: "minReplicas", default: 2, description: "" },
  { name: "allowedClasses", default: [], description: "" },
  { name: "ratio", default: 0.5, description: "" },
  { name: "strict", default: false, description: "" },
  { name: "label", default: "team", description: "" },
];

describe("check parameters in the item form", () => {
  it("shows stored values as the admin would type them", () => {
    expect(paramText(3)).toBe("3");
    expect(paramText(["critical", "high"])).toBe("critical, high");
    expect(paramText(null)).toBe("");
    expect(paramTexts({ minReplicas: 3, allowedClasses: ["a", "b"] })).toEqual({
      minReplicas: "3",
      allowedClasses: "a, b",
    });
    expect(paramTexts(null)).toEqual({});
  });

  it("reads numbers, lists, booleans and strings by the parameter's default", () => {
    expect(
      paramsBody(
        { minReplicas: " 3 ", allowedClasses: "critical, ,high ", ratio: "0.75", strict: "true", label: "x" },
        specs,
      ),
    ).toEqual({
      minReplicas: 3,
      allowedClasses: ["critical", "high"],
      ratio: 0.75,
      strict: true,
      label: "x",
    });
  });

  it("leaves empty boxes out, so the check's default applies", () => {
    expect(paramsBody({ minReplicas: "", allowedClasses: "  " }, specs)).toEqual({});
    expect(paramsBody({}, specs)).toEqual({});
  });

  it("sends what cannot be read as typed, for the server to name the parameter", () => {
    expect(paramsBody({ minReplicas: "three", strict: "maybe" }, specs)).toEqual({
      minReplicas: "three",
      strict: "maybe",
    });
  });

  it("ignores names the check does not declare", () => {
    expect(paramsBody({ replicas: "3" }, specs)).toEqual({});
  });

  it("treats blank and absent alike when telling whether params changed", () => {
    expect(sameParams({ minReplicas: "" }, {})).toBe(true);
    expect(sameParams({ minReplicas: "3" }, { minReplicas: " 3" })).toBe(true);
    expect(sameParams({ minReplicas: "3" }, { minReplicas: "4" })).toBe(false);
    expect(sameParams({}, { allowedClasses: "a" })).toBe(false);
  });
});
