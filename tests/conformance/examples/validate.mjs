import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js"; // npm install ajv ajv-formats
import addFormats from "ajv-formats";

const [schemaPath, payloadPath] = process.argv.slice(2);
const readJson = (path) => JSON.parse(readFileSync(path, "utf8"));
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(readJson(schemaPath));
if (validate(readJson(payloadPath))) {
  console.log("valid");
} else {
  for (const e of validate.errors) console.log(`${e.instancePath || "/"}: ${e.message}`);
  process.exitCode = 1;
}
