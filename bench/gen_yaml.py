#!/usr/bin/env python3
"""Writes a YAML input with N random types (structs, tuples, enums) for the
speed benchmark: python3 bench/gen_yaml.py N SEED > file.yaml"""
import random
import sys

n, seed = int(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 1
rng = random.Random(seed)
PRIMS = ["u8", "u16", "u32", "u64", "i32", "i64", "bool", "char", "f32", "f64",
         "usize", "String", "Vec<u8>", "Option<Box<u32>>", "&'static str", "[u8; 6]"]
out = sys.stdout
out.write("types:\n")
for i in range(n):
    def ty():
        if i > 0 and rng.random() < 0.3:
            return "T%d" % rng.randrange(max(0, i - 50), i)
        t = rng.choice(PRIMS)
        return '"%s"' % t if t[0] in "&[" else t
    kind = rng.random()
    out.write("  T%d:\n" % i)
    if kind < 0.6:
        if rng.random() < 0.2:
            out.write("    repr: C\n")
        out.write("    struct:\n")
        for f in range(rng.randint(1, 6)):
            out.write("      - f%d: %s\n" % (f, ty()))
    elif kind < 0.75:
        out.write("    tuple: [%s]\n" % ", ".join(ty() for _ in range(rng.randint(1, 4))))
    else:
        out.write("    enum:\n")
        for v in range(rng.randint(2, 5)):
            if rng.random() < 0.4:
                out.write("      - V%d\n" % v)
            else:
                out.write('      - "V%d(%s)"\n' % (v, ", ".join(
                    ty().strip('"') for _ in range(rng.randint(1, 2)))))
