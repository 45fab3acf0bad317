import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type Config,
  createFormatter,
  createParser,
  DEFAULT_CONFIG,
  ExposeNodeParser,
  SchemaGenerator,
} from "ts-json-schema-generator";
import ts from "typescript";
import { EMULATED_EVENT_TYPES, OPERATIONS, type Operation, type Sdk } from "./operations.ts";

export type JsonSchema = { [key: string]: unknown };

/** One schema document per SDK: a definition per operation's request and response, and theirs. */
export interface GeneratedSchemas {
  $schema: string;
  $comment: string;
  definitions: Record<string, JsonSchema>;
}

const require = createRequire(import.meta.url);

/** Where an SDK's declarations are: `typesDir` holds the operations' modules. */
interface TypeSource {
  /** Definitions are named by module path relative to this folder. */
  rootDir: string;
  typesDir: string;
  describe: string;
}

function installedPackage(name: string): TypeSource {
  // The CommonJS entry is `cjs/stripe.cjs.node.js`.
  const dir = dirname(dirname(require.resolve(name)));
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
    version: string;
  };
  return {
    rootDir: join(dir, "cjs"),
    typesDir: join(dir, "cjs", "resources"),
    describe: `the TypeScript declarations of ${name} ${manifest.version}`,
  };
}

export function typeSource(sdk: Sdk): TypeSource {
  if (sdk === "ga") return installedPackage("stripe");
  if (sdk === "v2-preview") return installedPackage("stripe-v2-preview");
  const dir = fileURLToPath(new URL("../transcribed", import.meta.url));
  return {
    rootDir: dir,
    typesDir: dir,
    describe: "the declarations transcribed in transcribed/ (sources cited there)",
  };
}

export const requestDefinition = (id: string) => `operation.${id}.request`;
export const responseDefinition = (id: string) => `operation.${id}.response`;

type Qualifier = { typeChecker: ts.TypeChecker };

/**
 * Stripe declares the same short name in several modules (`Card` in Cards and in Issuing/Cards),
 * which the generator would name alike: a definition is named by its module instead, e.g.
 * `Charges.Charge.PaymentMethodDetails.Card`, `Issuing.Cards.Card`.
 */
function nameDefinitionsByModule(rootDir: string): void {
  const prototype = ExposeNodeParser.prototype as unknown as {
    getDefinitionName(
      this: Qualifier,
      node: ts.Node,
      context: { getArguments(): ({ getName(): string } | undefined)[] },
    ): string;
  };
  prototype.getDefinitionName = function (node, context) {
    const symbol = (node as ts.Node & { symbol: ts.Symbol }).symbol;
    const qualified = this.typeChecker.getFullyQualifiedName(symbol);
    const match = /^"(.*)"\.(.*)$/.exec(qualified);
    const moduleName = match?.[1] ?? "";
    const name = match?.[2] ?? qualified;
    const module = moduleName.startsWith(rootDir)
      ? relative(rootDir, moduleName)
          .replace(/^resources\//, "")
          .replaceAll("/", ".")
      : "contract";
    const args = context.getArguments().map((arg) => arg?.getName());
    const full = `${module}.${name}`;
    return args.length ? `${full}<${args.join(",")}>` : full;
  };
}

/** A TypeScript file that names each operation's request and response types. */
function rootsSource(source: TypeSource, operations: readonly Operation[]): string {
  const modules = [
    ...new Set(
      operations.flatMap((operation) => [
        operation.module,
        ...[...operation.response.matchAll(/([\w/]+):/g)].map((match) => match[1] ?? ""),
      ]),
    ),
  ];
  const alias = (module: string) => `M${modules.indexOf(module)}`;
  const imports = modules.map(
    (module) =>
      `import type * as ${alias(module)} from ${JSON.stringify(join(source.typesDir, `${module}.js`))};`,
  );
  if (operations.some((operation) => operation.wrap)) {
    imports.push(
      `import type { ApiList, ApiSearchResult } from ${JSON.stringify(join(source.rootDir, "lib.js"))};`,
    );
  }
  const events = operations.some((operation) => operation.response === "EmulatedEvent");
  const eventsAlias = events ? alias("Events") : "";
  const qualify = (module: string, type: string) =>
    type
      .split("|")
      .map((part) => part.trim())
      .map((part) =>
        part === "EmulatedEvent"
          ? EMULATED_EVENT_TYPES.map((event) => `${eventsAlias}.${event}`).join(" | ")
          : part.includes(":")
            ? `${alias(part.split(":")[0] ?? "")}.${part.split(":")[1]}`
            : `${alias(module)}.${part}`,
      )
      .join(" | ");
  const members = operations.map((operation) => {
    const item = qualify(operation.module, operation.response);
    const response =
      operation.wrap === "list"
        ? `ApiList<${item}>`
        : operation.wrap === "search"
          ? `ApiSearchResult<${item}>`
          : item;
    return `  ${JSON.stringify(operation.id)}: { request: ${qualify(operation.module, operation.request)}; response: ${response} };`;
  });
  return `${imports.join("\n")}\nexport interface Operations {\n${members.join("\n")}\n}\n`;
}

function program(rootFile: string): ts.Program {
  return ts.createProgram([rootFile], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
  });
}

/**
 * The wire form of what the SDK's types describe: v2's decimals are strings on the wire (the
 * SDK turns them into `Decimal` objects).
 */
function wireForm(definitions: Record<string, JsonSchema>): void {
  for (const name of Object.keys(definitions)) {
    if (/^(shared|Decimal)\.Decimal$/.test(name)) definitions[name] = { type: "string" };
  }
}

/** The generator's ids of anonymous types (`interface-1450462956-27365-…`) hash file paths. */
const ANONYMOUS = /(?:def-)?(?:interface|alias|literal|intersection|union|type)-\d+-\d+/;

/**
 * Names a definition of a generic over an anonymous type by its order of appearance
 * (`shared.Emptyable<anonymous-3>`) instead of the generator's path-derived id, so the schemas
 * come out the same on every machine.
 */
function stableNames(definitions: Record<string, JsonSchema>): Record<string, JsonSchema> {
  let text = JSON.stringify(definitions);
  Object.keys(definitions)
    .filter((name) => ANONYMOUS.test(name))
    .forEach((name, index) => {
      const stable = `${name.slice(0, name.indexOf("<"))}<anonymous-${index + 1}>`;
      text = text
        .replaceAll(JSON.stringify(name), JSON.stringify(stable))
        .replaceAll(
          `#/definitions/${encodeURIComponent(name)}"`,
          `#/definitions/${encodeURIComponent(stable)}"`,
        );
    });
  return JSON.parse(text) as Record<string, JsonSchema>;
}

/** JSON Schemas for every operation of one SDK, from the installed package's declarations. */
export function generateSchemas(
  sdk: Sdk,
  operations: readonly Operation[] = OPERATIONS.filter((operation) => operation.sdk === sdk),
): GeneratedSchemas {
  const source = typeSource(sdk);
  nameDefinitionsByModule(source.rootDir);
  const dir = mkdtempSync(join(tmpdir(), "stripe-contract-"));
  try {
    const rootFile = join(dir, "operations.ts");
    writeFileSync(rootFile, rootsSource(source, operations));
    const config: Config = {
      ...DEFAULT_CONFIG,
      path: rootFile,
      type: "Operations",
      expose: "export",
      topRef: false,
      jsDoc: "none",
      additionalProperties: false,
      skipTypeCheck: false,
      sortProps: true,
    };
    const tsProgram = program(rootFile);
    const generator = new SchemaGenerator(
      tsProgram,
      createParser(tsProgram, { ...DEFAULT_CONFIG, ...config }),
      createFormatter({ ...DEFAULT_CONFIG, ...config }),
      { ...DEFAULT_CONFIG, ...config },
    );
    const schema = generator.createSchema("Operations") as JsonSchema & {
      properties: Record<string, { properties: { request: JsonSchema; response: JsonSchema } }>;
      definitions: Record<string, JsonSchema>;
    };
    const definitions = stableNames(schema.definitions);
    for (const operation of operations) {
      const entry = schema.properties[operation.id];
      if (!entry) throw new Error(`No schema generated for ${operation.id}`);
      definitions[requestDefinition(operation.id)] = entry.properties.request;
      definitions[responseDefinition(operation.id)] = entry.properties.response;
    }
    wireForm(definitions);
    return {
      $schema: "http://json-schema.org/draft-07/schema#",
      $comment: `Generated by packages/stripe-contract (npm run generate -w stripe-contract) from ${source.describe}. Do not edit.`,
      definitions: Object.fromEntries(
        Object.entries(definitions).sort(([a], [b]) => a.localeCompare(b)),
      ),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
