import "server-only";
import { loadConfig } from "@/lib/config/load-config";

/** The validated configuration, read once per server process. */
export const config = loadConfig();
