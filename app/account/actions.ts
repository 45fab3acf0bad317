"use server";

import { redirect } from "next/navigation";
import { signOutEverywhere } from "@/lib/auth/current-user";

export async function signOutEverywhereAction(): Promise<void> {
  await signOutEverywhere();
  redirect("/login");
}
