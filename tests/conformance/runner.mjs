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
import { Validator as CfworkerValidator } from "@cfworker/json-schema";
import ZSchema from "z-schema";

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
  // @hyperjump/json-schema-formats `console.log`s the error of every host
  // name its IDNA check refuses (then returns false): keep it out of the
  // suite's output.
  return (instance) => {
    const log = console.log;
    console.log = () => {};
    try {
      return validator(instance).valid;
    } finally {
      console.log = log;
    }
  };
};

// @cfworker/json-schema has no switch for formats: it always asserts the
// ones it knows (date-time among them), so it runs in that one configuration.
// Not short-circuiting: every keyword is evaluated, as in the other configs.
const cfworkerFactory = (schema) => {
  const validator = new CfworkerValidator(schema, "2020-12", false);
  return (instance) => validator.validate(instance).valid;
};

// z-schema (draft 2020-12 by default since v12). `formatAssertions: false`
// makes format an annotation; `null` (its default) always asserts it.
// validateSchema() is where it refuses a schema (it screens every pattern
// with safe-regex2: star height above 1 is refused).
const zschemaFactory = (formats) => (schema) => {
  const z = ZSchema.create({ safe: true, formatAssertions: formats ? null : false });
  const compiled = z.validateSchema(schema);
  if (!compiled.valid) {
    const first = compiled.err?.details?.[0];
    throw new Error(`z-schema refused the schema: ${first?.code} ${first?.message ?? ""}`.slice(0, 300));
  }
  return (instance) => {
    const result = z.validate(instance, schema);
    if (!result.valid && result.err?.name !== "ValidateError") throw result.err;
    return result.valid;
  };
};

// Order matters: `hyperjump` must run before `hyperjump+formats` loads the
// format plugin and flips the (global) format-assertion switch.
const CONFIGS = [
  ["ajv", ajvFactory(false)],
  ["ajv+formats", ajvFactory(true)],
  ["cfworker+formats", cfworkerFactory],
  ["z-schema", zschemaFactory(false)],
  ["z-schema+formats", zschemaFactory(true)],
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

// Each configuration is what its name says: a "+formats" one rejects a string
// that only `format: date-time` rules out, the others accept it.
const FORMAT_PROBE = { $schema: "https://json-schema.org/draft/2020-12/schema", type: "string", format: "date-time" };
const checkConfig = async (impl, factory) => {
  try {
    const asserts = (await factory(structuredClone(FORMAT_PROBE)))("not a date-time") === false;
    return asserts === impl.endsWith("+formats") ? null
      : `configuration check: format is ${asserts ? "" : "not "}asserted, against the configuration's name`;
  } catch (e) {
    return `configuration check failed: ${e.message}`;
  }
};

const results = [];
for (const [impl, factory, setup] of CONFIGS) {
  if (setup) await setup();
  const configError = await checkConfig(impl, factory);
  for (const file of loaded) {
    const rec = { file: file.name, implementation: impl, cases: file.cases?.length ?? 0,
      accepted: 0, rejected: 0, disagreements: 0, examples: [], error: file.loadError ?? configError };
    results.push(rec);
    if (rec.error) continue;
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

const versions = Object.fromEntries(["ajv", "ajv-formats", "@hyperjump/json-schema", "@hyperjump/json-schema-formats",
  "@cfworker/json-schema", "z-schema"]
  .map((p) => [p, readJson(join(here, "node_modules", p, "package.json")).version]));
writeFileSync(outPath, JSON.stringify({ runner: "javascript", versions, notes: [], results }));
