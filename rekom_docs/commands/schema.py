"""`rekom-docs schema`: JSON Schema of the case files, for editors that complete and check YAML."""

from __future__ import annotations


def register(sub) -> None:
    parser = sub.add_parser("schema", help="print the JSON Schema of meeting or register files")
    parser.add_argument("kind", nargs="?", choices=("meeting", "register"), default="meeting")
    parser.set_defaults(run=run)


def run(args) -> int:
    import json

    from ..model.schema import Meeting, Registers

    model = Meeting if args.kind == "meeting" else Registers
    schema = model.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    print(json.dumps(schema, ensure_ascii=False, indent=2))
    return 0
