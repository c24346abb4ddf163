import json, sys
from pathlib import Path
from jsonschema import Draft202012Validator  # pip install "jsonschema[format-nongpl]"

schema = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
payload = json.loads(Path(sys.argv[2]).read_text(encoding="utf-8"))
validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
errors = list(validator.iter_errors(payload))
for e in errors:  # keyword only: jsonschema's messages would echo (possibly secret) values
    print(f"{e.json_path}: {e.message if e.validator == 'required' else 'fails ' + e.validator}")
print("valid" if not errors else f"{len(errors)} error(s)")
sys.exit(1 if errors else 0)
