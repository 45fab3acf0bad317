import { describe, expect, it } from "vitest";
import { loginForm, registrationForm } from "@/lib/accounts/forms";
import { parseForm } from "@/lib/forms/parse-form";

const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, value);
  return data;
};

const valid = {
  name: "Jenny Rosen",
  email: " Jenny.Rosen@Example.com ",
  phone: "+1 555 010 0199",
  password: "correct horse battery",
  radar_session: "rse_123456789",
};

describe("registration form", () => {
  it("accepts a complete form and normalises the email", () => {
    expect(parseForm(registrationForm, form(valid))).toEqual({
      kind: "valid",
      data: { ...valid, email: "jenny.rosen@example.com" },
    });
  });

  it("accepts a phone of 20 characters, Stripe's limit", () => {
    expect(
      parseForm(registrationForm, form({ ...valid, phone: "+1 (555) 010-0199 12" })),
    ).toMatchObject({
      kind: "valid",
    });
  });

  it("treats an empty phone and a missing Radar Session as absent", () => {
    const result = parseForm(registrationForm, form({ ...valid, phone: "", radar_session: "" }));
    expect(result).toMatchObject({
      kind: "valid",
      data: { phone: undefined, radar_session: undefined },
    });
  });

  it.each([
    ["email", "not-an-email", "Enter a valid email address, like jenny@example.com."],
    ["email", "", "Enter your email address."],
    ["email", `${"a".repeat(800)}@example.com`, "An email address has at most 254 characters."],
    ["name", "   ", "Enter your name."],
    ["name", "x".repeat(201), "A name has at most 200 characters."],
    ["phone", "call me", "Enter a phone number with digits, like +1 555 010 0199."],
    // Stripe's Customer takes 20 characters: a longer phone would be refused after the form.
    [
      "phone",
      "+1 (555) 010-0199 x12",
      "A phone number has at most 20 characters. Leave out spaces and punctuation, like +15550100199.",
    ],
    ["password", "", "Choose a password."],
    ["password", "short", "Use at least 10 characters."],
    [
      "radar_session",
      "rse_1'; DROP TABLE",
      "The device check sent by your browser is not valid. Reload the page and try again.",
    ],
    [
      "radar_session",
      "pm_card_visa",
      "The device check sent by your browser is not valid. Reload the page and try again.",
    ],
  ])("rejects %s=%j with a message beside the field", (field, value, message) => {
    expect(parseForm(registrationForm, form({ ...valid, [field]: value }))).toEqual({
      kind: "invalid",
      fieldErrors: { [field]: message },
    });
  });

  it.each([
    [
      "the email address",
      "Jenny.Rosen@example.com",
      "Don't use your email address as your password.",
    ],
    ["the email's local part", " jenny.rosen ", "Don't use your email address as your password."],
    [
      "one character repeated",
      "xxxxxxxxxxxx",
      "Use different characters, not one character repeated.",
    ],
    [
      "a very common password",
      "password123",
      "This password is too common or too easy to guess. Try a few unrelated words.",
    ],
    [
      "a common password with digits added",
      "Password1234",
      "This password is too common or too easy to guess. Try a few unrelated words.",
    ],
    [
      "a keyboard walk",
      "1q2w3e4r5t",
      "This password is too common or too easy to guess. Try a few unrelated words.",
    ],
    [
      "the email with a year added",
      "jennyrosen2024",
      "Don't build your password on your name, your email or a season or month: digits and symbols added to them are easy to guess. Try a few unrelated words.",
    ],
  ])("refuses %s as the password", (_, password, message) => {
    expect(parseForm(registrationForm, form({ ...valid, password }))).toEqual({
      kind: "invalid",
      fieldErrors: { password: message },
    });
  });

  it.each(["correct horse battery", "Purple-Otter-Runs-42", "tr0ub4dor&3x staple"])(
    "accepts the passphrase %j",
    (password) => {
      expect(parseForm(registrationForm, form({ ...valid, password }))).toMatchObject({
        kind: "valid",
      });
    },
  );

  it.each(["name[a][b]", "name[]", "name[a]"])(
    "answers a bracketed %s with a field error, not a crash",
    (key) => {
      const data = form(valid);
      data.delete("name");
      data.set(key, "Jenny");
      expect(parseForm(registrationForm, data)).toEqual({
        kind: "invalid",
        fieldErrors: { name: expect.any(String) },
      });
    },
  );

  it("checks the password even when another field than the email is wrong", () => {
    expect(
      parseForm(registrationForm, form({ ...valid, name: "", password: "password123" })),
    ).toEqual({
      kind: "invalid",
      fieldErrors: {
        name: "Enter your name.",
        password: "This password is too common or too easy to guess. Try a few unrelated words.",
      },
    });
  });

  it("reports every bad field at once", () => {
    const result = parseForm(registrationForm, form({ name: "", email: "x", password: "" }));
    expect(result.kind).toBe("invalid");
    if (result.kind === "invalid")
      expect(Object.keys(result.fieldErrors).sort()).toEqual(["email", "name", "password"]);
  });
});

describe("login form", () => {
  it("needs an email and a password", () => {
    expect(parseForm(loginForm, form({}))).toEqual({
      kind: "invalid",
      fieldErrors: { email: "Enter your email address.", password: "Enter your password." },
    });
  });

  it("ignores files posted in place of text", () => {
    const data = form({ email: "a@example.com", password: "pw" });
    data.set("radar_session", new Blob(["x"]));
    expect(parseForm(loginForm, data)).toMatchObject({ kind: "valid" });
  });
});
