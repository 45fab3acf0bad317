import { describe, expect, it } from "vitest";
import { passwordProblem } from "@/lib/auth/password-rules";

const person = { email: "jenny.rosen@example.com", name: "Jenny Rosen" };

describe("passwordProblem against what an attacker tries first", () => {
  it.each([
    ["the name", "Jenny Rosen"],
    ["the name run together", "JennyRosen"],
    ["the name with a year", "JennyRosen1987"],
    ["the name with a year and a mark", "Jenny.Rosen2024!"],
    ["the surname with a year", "Rosen2024!"],
    ["the first name with a year", "jenny1987"],
    ["the season and year", "Summer2024!"],
    ["another season", "Winter2025"],
    ["the month and year", "December2026!"],
    ["the site's name", "Example2024!"],
  ])("refuses %s (%s)", (_, password) => {
    expect(passwordProblem(password, person)).not.toBeNull();
  });

  it.each(["correct horse battery", "violet tractor anthem", "Rosen's 7 blue kites fly"])(
    "accepts unrelated words (%s)",
    (password) => {
      expect(passwordProblem(password, person)).toBeNull();
    },
  );
});
