"use server";

import { redirect } from "next/navigation";
import { signOut } from "@/lib/auth/current-user";

/** The site header's sign-out button: ends this browser's session. */
export async function signOutAction(): Promise<void> {
  await signOut();
  redirect("/login");
}
