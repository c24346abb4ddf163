// JavaScript half of the conformance suite.
//
// Usage: node runner.mjs SCHEMA_DIR OUT.json
//
// For every SCHEMA_DIR/*.vectors.json, compiles the referenced schema with each
// JS configuration and compares each verdict with the Rust verdict (`valid`).
// Writes one record per (file, configuration) to OUT.json; a configuration that
// fails to compile or throws while validating is recorded with `error`.
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import * as hyperjump from "@hyperjump/json-schema/draft-2020-12";

const here = fileURLToPath(new URL(".", import.meta.url));
const MAX_KEPT = 20;
const [schemaDir, outPath] = process.argv.slice(2);

// Strict UTF-8 decoding: readFileSync(..., "utf8") would silently turn invalid
// bytes into U+FFFD. JSON.parse keeps astral chars, NUL, U+2028, CRLF as-is.
const utf8 = new TextDecoder("utf-8", { fatal: true });
const readJson = (path) => JSON.parse(utf8.decode(readFileSync(path)));

const ajvFactory = (formats) => (schema) => {
  const ajv = new Ajv2020({ strict: true, allErrors: true, validateFormats: formats });
  if (formats) addFormats(ajv);
  const validate = ajv.compile(schema); // strict mode throws here on anything it dislikes
  return (instance) => validate(instance);
};

let hyperjumpSeq = 0;
const hyperjumpFactory = async (schema) => {
  // Schemas carry no $id: register each under a fresh URI of our own.
  const uri = `https://conformance.invalid/${++hyperjumpSeq}/schema.json`;
  hyperjump.registerSchema(schema, uri);
  const validator = await hyperjump.validate(uri); // compiles (and meta-validates) the schema
  return (instance) => validator(instance).valid;
};

// Order matters: `hyperjump` must run before `hyperjump+formats` loads the
// format plugin and flips the (global) format-assertion switch.
const CONFIGS = [
  ["ajv", ajvFactory(false)],
  ["ajv+formats", ajvFactory(true)],
  ["hyperjump", hyperjumpFactory, async () => {}],
  ["hyperjump+formats", hyperjumpFactory, async () => {
    await import("@hyperjump/json-schema/formats");
    hyperjump.setShouldValidateFormat(true);
  }],
];

const files = readdirSync(schemaDir).filter((f) => f.endsWith(".vectors.json")).sort();
const loaded = files.map((name) => {
  try {
    const vectors = readJson(join(schemaDir, name));
    const schema = readJson(join(schemaDir, vectors.schema));
    for (const c of vectors.cases) {
      if (typeof c.valid !== "boolean" || !("payload" in c)) {
        throw new Error(`malformed case: ${JSON.stringify(c).slice(0, 200)}`);
      }
    }
    return { name, schema, cases: vectors.cases };
  } catch (e) {
    return { name, loadError: `cannot load vectors: ${e.message}` };
  }
});

const results = [];
for (const [impl, factory, setup] of CONFIGS) {
  if (setup) await setup();
  for (const file of loaded) {
    const rec = { file: file.name, implementation: impl, cases: file.cases?.length ?? 0,
      accepted: 0, rejected: 0, disagreements: 0, examples: [], error: file.loadError ?? null };
    results.push(rec);
    if (file.loadError) continue;
    let isValid;
    try {
      isValid = await factory(structuredClone(file.schema)); // a fresh copy: no validator sees another's mutations
    } catch (e) {
      rec.error = `schema did not compile: ${e.message}`;
      continue;
    }
    for (const c of file.cases) {
      let got;
      try {
        got = isValid(c.payload) === true;
      } catch (e) {
        got = `crash: ${e.message}`;
      }
      if (got === true) rec.accepted++;
      else if (got === false) rec.rejected++;
      if (got !== c.valid) {
        rec.disagreements++;
        if (rec.examples.length < MAX_KEPT) {
          rec.examples.push({ description: c.description ?? "", payload: c.payload, expected: c.valid, got });
        }
      }
    }
  }
}

const versions = Object.fromEntries(["ajv", "ajv-formats", "@hyperjump/json-schema", "@hyperjump/json-schema-formats"]
  .map((p) => [p, readJson(join(here, "node_modules", p, "package.json")).version]));
writeFileSync(outPath, JSON.stringify({ runner: "javascript", versions, notes: [], results }));
