#!/usr/bin/env python3
"""Validates OCSF events (NDJSON files) against the OCSF JSON Schema for Authentication (3002).

Each event is checked against the schema generated for exactly the profiles it declares in
`metadata.profiles`, and every `*_id` caption sibling is compared with the schema's caption
(for id 99 the caption is free text). Exits 1 on the first few failures, listing them.

Usage: ocsf_conformance.py [--version 1.8.0] FILE...
"""
import argparse
import json
import sys

import jsonschema
from ocsf_json_schema import OcsfJsonSchemaEmbedded, get_ocsf_schema

# attribute holding the id → attribute holding its caption, for the class's own enums
CAPTIONED = {
    "activity_id": "activity_name", "auth_protocol_id": "auth_protocol", "status_id": "status",
    "severity_id": "severity", "action_id": "action", "disposition_id": "disposition",
    "category_uid": "category_name", "class_uid": "class_name", "type_uid": "type_name",
}


def caption_errors(event, schema):
    errors = []
    attributes = schema["classes"]["authentication"]["attributes"]
    for id_key, caption_key in CAPTIONED.items():
        if id_key not in event:
            continue
        value = event[id_key]
        if id_key == "category_uid":
            expected = schema["categories"]["iam"]["caption"] if "iam" in schema.get("categories", {}) else None
            expected = expected or "Identity & Access Management"
        elif id_key == "class_uid":
            expected = schema["classes"]["authentication"]["caption"]
        else:
            enum = attributes[id_key].get("enum", {})
            if str(value) not in enum:
                errors.append(f"{id_key} {value} is not defined")
                continue
            expected = enum[str(value)]["caption"]
        if value == 99 and id_key != "type_uid":
            continue
        if event.get(caption_key) != expected:
            errors.append(f"{caption_key} is {event.get(caption_key)!r}, expected {expected!r} for {id_key} {value}")
    observable_types = schema["objects"]["observable"]["attributes"]["type_id"]["enum"]
    for observable in event.get("observables", []):
        expected = observable_types[str(observable["type_id"])]["caption"]
        if observable["type"] != expected:
            errors.append(f"observable {observable['name']} type {observable['type']!r}, expected {expected!r}")
    factor_types = schema["objects"]["auth_factor"]["attributes"]["factor_type_id"]["enum"]
    for factor in event.get("auth_factors", []):
        expected = factor_types[str(factor["factor_type_id"])]["caption"]
        if factor["factor_type"] != expected:
            errors.append(f"factor_type {factor['factor_type']!r}, expected {expected!r}")
    return errors


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", default="1.8.0")
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()

    schema = get_ocsf_schema(args.version)
    embedded = OcsfJsonSchemaEmbedded(schema)
    validators = {}
    checked = 0
    failures = []
    by_profiles = {}
    for path in args.files:
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                event = json.loads(line)
                profiles = tuple(sorted(event.get("metadata", {}).get("profiles", [])))
                if profiles not in validators:
                    class_schema = embedded.get_class_schema("authentication", list(profiles))
                    validators[profiles] = jsonschema.Draft202012Validator(class_schema)
                problems = [f"{'/'.join(map(str, e.absolute_path)) or '(event)'}: {e.message}"
                            for e in validators[profiles].iter_errors(event)]
                problems += caption_errors(event, schema)
                checked += 1
                by_profiles[profiles] = by_profiles.get(profiles, 0) + 1
                for problem in problems:
                    failures.append(f"{path}:{number}: {problem}")
    if failures:
        for failure in failures[:20]:
            print(failure, file=sys.stderr)
        print(f"ocsf conformance: {len(failures)} problems in {checked} events", file=sys.stderr)
        return 1
    profile_text = ", ".join(f"{'+'.join(p) or 'no profile'}: {n}" for p, n in sorted(by_profiles.items()))
    print(f"ocsf conformance: {checked} events valid against OCSF {args.version} Authentication (3002) ({profile_text})")
    return 0 if checked else 1


if __name__ == "__main__":
    sys.exit(main())
