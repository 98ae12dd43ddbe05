"""Validates a typelayout JSON report against doc/schema/report-v1.json."""
import json
import sys

import jsonschema

schema = json.load(open(sys.argv[1]))
doc = json.load(open(sys.argv[2]))
jsonschema.validate(doc, schema)
print("schema: ok (%d types)" % len(doc["types"]))
