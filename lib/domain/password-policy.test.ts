import { describe, expect, it } from "vitest";
import { AppError } from "./errors";
import {
  MAX_PASSWORD_LENGTH,
  assertPasswordPolicy,
  isCommonPassword,
  passwordProblem,
  personalPasswordProblem,
} from "./password-policy";

const ada = { email: "ada.lovelace@example.com", name: "Ada Lovelace" };

describe("password policy: length", () => {
  it("refuses fewer than 12 characters", () => {
    expect(passwordProblem("tr0ub4dor&3")).toBe("Use at least 12 characters.");
  });

  it("accepts exactly 12 characters", () => {
    expect(passwordProblem("tr0ub4dor&3x")).toBeNull();
  });

  it("counts characters, not UTF-16 units", () => {
    // Six emoji are twelve UTF-16 units but six characters.
    expect(passwordProblem("🦊🐙🦉🐳🦒🦔")).toBe("Use at least 12 characters.");
  });

  it("refuses more than 200 characters", () => {
    const long = "abcdefghij".repeat(MAX_PASSWORD_LENGTH / 10) + "k";
    expect(passwordProblem(long)).toBe("Use at most 200 characters.");
  });

  it("keeps the passphrases the existing fixtures use", () => {
    for (const p of ["a long admin password", "a long member password", "correct horse battery"]) {
      expect(passwordProblem(p), p).toBeNull();
    }
  });
});

describe("password policy: repetition", () => {
  it("refuses a single repeated character", () => {
    expect(passwordProblem("aaaaaaaaaaaaaaaa")).toMatch(/too repetitive/);
  });

  it("refuses a short repeated pattern, whatever the case", () => {
    expect(passwordProblem("abAbabABabab")).toMatch(/too repetitive/);
  });

  it("accepts five distinct characters", () => {
    expect(passwordProblem("abcdeabcdeab")).toBeNull();
  });
});

describe("password policy: common passwords", () => {
  it("refuses a listed password of acceptable length", () => {
    expect(isCommonPassword("qwertyuiop123")).toBe(true);
    expect(passwordProblem("1qaz2wsx3edc")).toMatch(/most commonly used passwords/);
  });

  it("matches case-insensitively", () => {
    expect(isCommonPassword("PassWord")).toBe(true);
  });

  it("refuses a common password with digits appended", () => {
    expect(isCommonPassword("password12")).toBe(true);
    expect(passwordProblem("password1234")).toMatch(/most commonly used passwords/);
    expect(passwordProblem("Football2024")).toMatch(/most commonly used passwords/);
  });

  it("refuses a common password with symbols and spaces appended", () => {
    expect(passwordProblem("sunshine123!!")).toMatch(/most commonly used passwords/);
    expect(passwordProblem("iloveyou 2024")).toMatch(/most commonly used passwords/);
  });

  it("does not strip digits from the front or the middle", () => {
    expect(isCommonPassword("1234password")).toBe(false);
    expect(isCommonPassword("pass1234word")).toBe(false);
  });

  it("accepts an uncommon password that contains a common word", () => {
    expect(isCommonPassword("password manager fan")).toBe(false);
    expect(passwordProblem("password manager fan")).toBeNull();
  });
});

describe("password policy: the account's own details", () => {
  it("refuses the email address", () => {
    expect(passwordProblem("ada.lovelace@example.com", ada)).toBe(
      "Don't use your email address in your password.",
    );
  });

  it("refuses the email's local part inside the password, ignoring case and punctuation", () => {
    expect(personalPasswordProblem("my-AdaLovelace-secret", ada)).toBe(
      "Don't use your email address in your password.",
    );
  });

  it("refuses the name inside the password", () => {
    const grace = { email: "gh@example.com", name: "Grace Hopper" };
    expect(passwordProblem("I am grace hopper!", grace)).toBe("Don't use your name in your password.");
  });

  it("refuses the application's name", () => {
    expect(passwordProblem("my kubeready login")).toBe(
      "Don't use the name of this application in your password.",
    );
  });

  it("ignores names and local parts too short to matter", () => {
    const max = { email: "max@example.com", name: "Al" };
    expect(passwordProblem("maximal alpine route", max)).toBeNull();
  });

  it("accepts a password unrelated to the account", () => {
    expect(passwordProblem("vivid tundra lantern", ada)).toBeNull();
  });

  it("reports the length before anything else", () => {
    expect(passwordProblem("password", ada)).toBe("Use at least 12 characters.");
  });
});

describe("assertPasswordPolicy", () => {
  it("throws a validation error on the named field", () => {
    let thrown: unknown;
    try {
      assertPasswordPolicy("ada.lovelace@example.com", ada, "newPassword");
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).code).toBe("validation");
    expect((thrown as AppError).extra.errors).toEqual([
      { path: "newPassword", message: "Don't use your email address in your password." },
    ]);
  });

  it("accepts a good password silently", () => {
    expect(() => assertPasswordPolicy("vivid tundra lantern", ada)).not.toThrow();
  });
});
