#!/usr/bin/env python3
"""Differential test: typelayout against rustc on random Rust type definitions.

  run_rust_diff.py --seed S|random --count N [--keep DIR] [--typelayout PATH]
                   [--input-format yaml|rs] [--targets x86_64,aarch64] [--rust-only]

1. rust_gen.py builds N random items for the seed (type definitions and type
   expressions) and writes them as a Rust program, a YAML input and a .rs file.
2. rustc (RUSTC_BOOTSTRAP=1 rustc --edition 2021 -O) compiles the program, which
   prints rustc's own numbers: size, align, every field offset of every variant,
   and size/align/payload offset of Option<T> and Option<Option<T>>.
3. typelayout reports the same input (`report --format json --target T FILE
   --type 'Option<T>' ...`), once per target; the aarch64 entries are compared with
   the same rustc numbers (the two targets agree on every primitive).
4. Every number is compared; each mismatch is printed with the type's definition.

Exit status: 0 full agreement, 1 any mismatch or failure, 77 when rustc (or a rustc
that can build and run a program) is missing, unless TL_REQUIRE_COMPILERS=1 (then 1).
Python 3 standard library only.
"""

import argparse
import concurrent.futures
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True   # keep the source tree clean
import rust_gen  # noqa: E402

TRIPLES = {'x86_64': 'x86_64-unknown-linux-gnu', 'aarch64': 'aarch64-unknown-linux-gnu'}
SKIP = 77


def log(msg):
    print(msg, flush=True)


def err(msg):
    print(msg, file=sys.stderr, flush=True)


def skip_or_fail(msg):
    err('rust-diff: ' + msg)
    if os.environ.get('TL_REQUIRE_COMPILERS') == '1':
        err('rust-diff: TL_REQUIRE_COMPILERS=1, so this is a failure')
        sys.exit(1)
    err('rust-diff: skipped')
    sys.exit(SKIP)


def rust_env():
    env = dict(os.environ)
    env['RUSTC_BOOTSTRAP'] = '1'
    return env


RUSTC = 'rustc'


def find_rustc():
    """$RUSTC, else rustc on PATH, else rustup's default place."""
    for cand in (os.environ.get('RUSTC'), shutil.which('rustc'),
                 os.path.expanduser('~/.cargo/bin/rustc')):
        if cand and os.path.isfile(cand) and os.access(cand, os.X_OK):
            return cand
    return None


def rustc_cmd(src, out):
    return [RUSTC, '--edition', '2021', '-O', '-C', 'debuginfo=0', '-A', 'warnings',
            src, '-o', out]


def check_rustc(work):
    """Skip (77) unless rustc exists and can build and run a program."""
    global RUSTC
    found = find_rustc()
    if found is None:
        skip_or_fail('rustc not found ($RUSTC, PATH, ~/.cargo/bin)')
    RUSTC = found
    src = os.path.join(work, 'hello.rs')
    exe = os.path.join(work, 'hello')
    with open(src, 'w') as fh:
        fh.write('#![feature(never_type, offset_of_enum)]\n'
                 'enum E { A(u8), B }\n'
                 'fn main() { println!("{}", std::mem::offset_of!(E, A.0) + 1); }\n')
    try:
        p = subprocess.run(rustc_cmd(src, exe), env=rust_env(), capture_output=True,
                           text=True, timeout=300)
    except OSError as e:
        skip_or_fail('cannot run rustc: %s' % e)
    if p.returncode != 0:
        skip_or_fail('rustc cannot build a test program:\n' + p.stderr[-3000:])
    try:
        q = subprocess.run([exe], capture_output=True, text=True, timeout=60)
    except OSError as e:
        skip_or_fail('a program built by rustc does not run: %s' % e)
    if q.returncode != 0 or not q.stdout.strip():
        skip_or_fail('a program built by rustc does not run (exit %d)' % q.returncode)
    v = subprocess.run([RUSTC, '--version'], capture_output=True, text=True).stdout.strip()
    return v


# ---------------------------------------------------------------------------
# rustc side

def rustc_numbers(gen, work, chunk, jobs, keep_prefix):
    """Compile and run the measuring program(s); return {item index: record}."""
    items = gen.items
    chunks = [items[i:i + chunk] for i in range(0, len(items), chunk)] or [[]]
    jobs_list = []
    for k, part in enumerate(chunks):
        src = os.path.join(work, '%s%s.rs' % (keep_prefix, '' if len(chunks) == 1
                                               else '_%d' % k))
        exe = src[:-3]
        with open(src, 'w') as fh:
            fh.write(rust_gen.program_source(gen, part))
        jobs_list.append((src, exe))

    def build_and_run(job):
        src, exe = job
        p = subprocess.run(rustc_cmd(src, exe), env=rust_env(), capture_output=True,
                           text=True, timeout=1200)
        if p.returncode != 0:
            return src, None, 'rustc failed on %s (exit %d):\n%s' % (src, p.returncode,
                                                                     p.stderr[-8000:])
        q = subprocess.run([exe], capture_output=True, text=True, timeout=300)
        if q.returncode != 0:
            return src, None, '%s exited %d:\n%s' % (exe, q.returncode, q.stderr[-4000:])
        return src, q.stdout, None

    out = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as ex:
        for src, stdout, problem in ex.map(build_and_run, jobs_list):
            if problem:
                err('rust-diff: generator bug? ' + problem)
                return None
            for line in stdout.splitlines():
                rec = json.loads(line)
                out[rec['i']] = rec
    return out


def check_generator_discriminants(gen, expected):
    """rustc's `as` values of unit-only enums must be the generator's discriminants."""
    bad = 0
    for it in gen.items:
        rec = expected[it.index]
        if rec['discr']:
            want = [str(v.disc) for v in it.variants]
            if rec['discr'] != want:
                bad += 1
                err('rust-diff: generator bug: %s discriminants %s, rustc says %s'
                    % (it.name, want, rec['discr']))
    return bad


# ---------------------------------------------------------------------------
# typelayout side

def batches_of(exprs, limit=400000):
    """Split the --type list so that no command line gets too long."""
    out, cur, size = [], [], 0
    for e in exprs:
        if cur and size + len(e) + 16 > limit:
            out.append(cur)
            cur, size = [], 0
        cur.append(e)
        size += len(e) + 16
    out.append(cur)
    return out


def norm_name(s):
    s = re.sub(r"'static\s*,?\s*", '', s)
    s = re.sub(r'\b(?:std|core|alloc)::(?:\w+::)*', '', s)
    return re.sub(r'\s+', '', s)


class TLRun:
    """typelayout's entries for one target: defs by name, --type entries by index."""

    def __init__(self):
        self.defs = {}
        self.types = []
        self.problems = []
        self.notes = []


def run_typelayout(tl, target, infile, ndefs, def_names, exprs, work, keep, input_tag):
    res = TLRun()
    triple = TRIPLES.get(target, target)
    for b, batch in enumerate(batches_of(exprs)):
        cmd = [tl, 'report', '--format', 'json', '--target', target, infile]
        for e in batch:
            cmd += ['--type', e]
        if keep:
            with open(os.path.join(work, 'typelayout-%s-%s%s.cmd' % (
                    input_tag, target, '' if b == 0 else '-%d' % b)), 'w') as fh:
                fh.write(' '.join(shell_quote(c) for c in cmd) + '\n')
        try:
            p = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
        except (OSError, subprocess.TimeoutExpired) as e:
            res.problems.append('cannot run %s: %s' % (tl, e))
            return res
        if keep:
            with open(os.path.join(work, 'typelayout-%s-%s%s.json' % (
                    input_tag, target, '' if b == 0 else '-%d' % b)), 'w') as fh:
                fh.write(p.stdout)
        if p.returncode != 0:
            res.problems.append('typelayout exited %d on %s (target %s)\nstderr:\n%s'
                                % (p.returncode, infile, target, p.stderr[-20000:]))
            return res
        try:
            doc = json.loads(p.stdout)
            if not isinstance(doc, dict):
                raise ValueError('not a JSON object')
        except ValueError as e:
            res.problems.append('typelayout (exit 0, target %s) printed no valid JSON: %s\n'
                                'stdout: %s\nstderr: %s'
                                % (target, e, p.stdout[:2000] or '(empty)',
                                   p.stderr[-4000:] or '(empty)'))
            return res
        entries = [e for e in doc.get('types', [])
                   if not e.get('target') or e.get('target') in (triple, target)
                   or str(e.get('target')).startswith(target + '-')]
        diags = [d for d in doc.get('diagnostics', []) if d.get('severity') == 'error']
        for d in diags[:10]:
            res.problems.append('typelayout diagnostic (target %s): %s:%s:%s: %s' % (
                target, d.get('file'), d.get('line'), d.get('column'), d.get('message')))
        head, tail = entries[:ndefs], entries[ndefs:]
        if b == 0:
            for e in head:
                res.defs.setdefault(e.get('name'), e)
            missing = [n for n in def_names if n not in res.defs]
            if missing:   # entries not in the documented order: find them by name
                byname = {}
                for e in entries:
                    byname.setdefault(e.get('name'), e)
                for n in missing:
                    if n in byname:
                        res.defs[n] = byname[n]
        if len(tail) == len(batch):
            res.types.extend(tail)
        else:
            # not the documented order (or duplicates merged): match by name; any entry
            # still not found shows up as 'missing' in the comparison
            res.notes.append('target %s: expected %d --type entries after %d definitions, '
                             'got %d entries in all; matched them by name'
                             % (target, len(batch), ndefs, len(entries)))
            byname = {}
            for e in entries:
                byname.setdefault(norm_name(str(e.get('name', ''))), e)
            res.types.extend(byname.get(norm_name(x)) for x in batch)
    return res


def shell_quote(s):
    if re.fullmatch(r'[A-Za-z0-9_./:=,+-]+', s):
        return s
    return "'" + s.replace("'", "'\\''") + "'"


# ---------------------------------------------------------------------------
# Comparison

class Compare:
    def __init__(self):
        self.count = 0
        self.diffs = {}     # item index -> {target: [(what, expected, actual)]}

    def num(self, idx, target, what, expected, actual):
        self.count += 1
        ok = isinstance(actual, int) and not isinstance(actual, bool) and actual == expected
        if not ok:
            self.diffs.setdefault(idx, {}).setdefault(target, []).append(
                (what, expected, 'missing' if actual is None else actual))

    def text(self, idx, target, what, expected, actual):
        self.count += 1
        try:
            ok = actual is not None and int(str(actual)) == int(expected)
        except ValueError:
            ok = False
        if not ok:
            self.diffs.setdefault(idx, {}).setdefault(target, []).append(
                (what, str(expected), 'missing' if actual is None else actual))


def field_map(fields):
    out = {}
    for f in fields or []:
        if isinstance(f, dict) and 'name' in f:
            out.setdefault(str(f['name']), f.get('offset'))
    return out


def variant_map(entry):
    out = {}
    for v in entry.get('variants') or []:
        if isinstance(v, dict) and 'name' in v:
            out.setdefault(str(v['name']), v)
    return out


def compare_offsets(cmp, idx, target, label, entry, fields):
    """fields: [(variant or '', field, expected offset)]."""
    vmap = variant_map(entry) if entry else {}
    fmap = field_map(entry.get('fields')) if entry else {}
    for vname, fname, off in fields:
        if entry is None:
            actual = None
        elif vname:
            v = vmap.get(vname)
            if v is None and not vmap and len({x[0] for x in fields}) == 1:
                actual = fmap.get(fname)     # a one-variant enum reported as a struct
            else:
                actual = field_map(v.get('fields')).get(fname) if v else None
        else:
            actual = fmap.get(fname)
        what = '%soffset of %s%s' % (label, vname + '.' if vname else '', fname)
        cmp.num(idx, target, what, off, actual)


def compare_item(cmp, it, rec, target, run, tidx):
    own_i, o1_i, o2_i = tidx
    if it.is_def:
        entry = run.defs.get(it.name)
    else:
        entry = run.types[own_i] if own_i < len(run.types) else None
    cmp.num(it.index, target, 'size', rec['size'], entry.get('size') if entry else None)
    cmp.num(it.index, target, 'align', rec['align'], entry.get('align') if entry else None)
    compare_offsets(cmp, it.index, target, '', entry,
                    [(v, f, o) for v, f, o in rec['fields']])
    if it.kind == 'enum' and entry is not None:
        vmap = variant_map(entry)
        for v in it.variants:
            ve = vmap.get(v.name)
            if ve is not None and 'discriminant' in ve:
                cmp.text(it.index, target, 'discriminant of %s' % v.name, v.disc,
                         ve.get('discriminant'))
            elif ve is None and vmap:
                cmp.text(it.index, target, 'variant %s' % v.name, v.disc, None)
    for label, i, size, align, some in (
            ('Option<T> ', o1_i, rec['opt'], rec['opt_align'], rec['opt_some']),
            ('Option<Option<T>> ', o2_i, rec['optopt'], None, rec['optopt_some'])):
        e = run.types[i] if i < len(run.types) else None
        cmp.num(it.index, target, label + 'size', size, e.get('size') if e else None)
        if align is not None:
            cmp.num(it.index, target, label + 'align', align, e.get('align') if e else None)
        compare_offsets(cmp, it.index, target, label, e, [('Some', '0', some)])


def referenced_defs(gen, it, limit=12):
    """Definitions of the user types an item mentions (transitively), for reports."""
    byname = {d.name: d for d in gen.items if d.is_def}
    text = rust_gen.def_rs(it) if it.is_def else it.name
    seen, order, todo = {it.name}, [], [text]
    while todo and len(order) < limit:
        t = todo.pop(0)
        for n in re.findall(r'\b[STZEU]\d+\b', t):
            if n in byname and n not in seen:
                seen.add(n)
                order.append(byname[n])
                todo.append(rust_gen.def_rs(byname[n]))
    return order


def report_mismatches(gen, cmp, expected, max_report):
    byidx = {it.index: it for it in gen.items}
    shown = 0
    for idx in sorted(cmp.diffs):
        if shown >= max_report:
            log('rust-diff: ... %d more mismatching types not shown (--max-report)'
                % (len(cmp.diffs) - shown))
            break
        shown += 1
        it = byidx[idx]
        log('')
        log('=== MISMATCH %s (%s, item %d) ===' % (it.name, it.kind, idx))
        if it.is_def:
            log(rust_gen.def_rs(it).rstrip())
        else:
            log('type expression: %s' % it.name)
        deps = referenced_defs(gen, it)
        if deps:
            log('-- where:')
            for d in deps:
                log(rust_gen.def_rs(d).rstrip())
        rec = expected[idx]
        log('-- rustc: size %d align %d; Option<T> %d/%d (Some.0 @%d); '
            'Option<Option<T>> %d (Some.0 @%d)' % (rec['size'], rec['align'], rec['opt'],
                                                 rec['opt_align'], rec['opt_some'],
                                                 rec['optopt'], rec['optopt_some']))
        if rec['fields']:
            log('-- rustc offsets: ' + ', '.join(
                '%s%s=%d' % (v + '.' if v else '', f, o) for v, f, o in rec['fields']))
        per_target = cmp.diffs[idx]
        groups = {}
        for target, lst in per_target.items():
            groups.setdefault(json.dumps(lst, default=str), []).append(target)
        for key, targets in groups.items():
            log('-- typelayout [%s]:' % ', '.join(targets))
            for what, exp, act in json.loads(key):
                log('   %-40s expected %-8s got %s' % (what, exp, act))


# ---------------------------------------------------------------------------

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--seed', required=True, help="an integer, or 'random'")
    ap.add_argument('--count', type=int, default=2000, help='number of types (default 2000)')
    ap.add_argument('--keep', metavar='DIR', help='keep all generated files in DIR')
    ap.add_argument('--typelayout', metavar='PATH',
                    default=os.path.join(REPO, 'build', 'typelayout'),
                    help='the typelayout binary (default: build/typelayout in the repo)')
    ap.add_argument('--input-format', choices=['yaml', 'rs'], default='yaml',
                    help='feed typelayout the YAML (default) or the .rs definitions')
    ap.add_argument('--targets', default='x86_64,aarch64',
                    help='comma-separated typelayout targets (default x86_64,aarch64)')
    ap.add_argument('--rust-only', action='store_true',
                    help='only generate, compile and run the rustc side (tests the generator)')
    ap.add_argument('--chunk', type=int, default=0,
                    help='types per compiled Rust program (default: split evenly over --jobs)')
    ap.add_argument('--jobs', type=int, default=min(4, os.cpu_count() or 1),
                    help='rustc processes at once (default: CPUs, at most 4)')
    ap.add_argument('--max-report', type=int, default=25,
                    help='print at most this many mismatching types (default 25)')
    ap.add_argument('--no-never', action='store_true', help='generate no `!` types')
    a = ap.parse_args(argv)

    if a.seed == 'random':
        seed = random.SystemRandom().randrange(1, 1 << 31)
        log('rust-diff: fresh seed %d, reproduce with --seed %d' % (seed, seed))
    else:
        try:
            seed = int(a.seed, 0)
        except ValueError:
            ap.error("--seed takes an integer or 'random'")
    t0 = time.time()

    if a.keep:
        os.makedirs(a.keep, exist_ok=True)
        work = os.path.abspath(a.keep)
        tmp = None
    else:
        tmp = tempfile.TemporaryDirectory(prefix='tl-rust-diff-')
        work = tmp.name
    try:
        return run(a, seed, work, t0)
    finally:
        if tmp is not None:
            tmp.cleanup()


def run(a, seed, work, t0):
    rustc_version = check_rustc(work)
    tl = None
    if not a.rust_only:
        tl = os.path.abspath(a.typelayout)
        if not (os.path.isfile(tl) and os.access(tl, os.X_OK)):
            err('rust-diff: typelayout binary not found at %s (build it, or pass '
                '--typelayout PATH; --rust-only tests just the generator)' % tl)
            return 1

    gen = rust_gen.Generator(seed, a.count, never=not a.no_never).generate()
    yaml_path = os.path.join(work, 'types.yaml')
    rs_path = os.path.join(work, 'types.rs')
    with open(yaml_path, 'w') as fh:
        fh.write(rust_gen.yaml_source(gen))
    with open(rs_path, 'w') as fh:
        fh.write(rust_gen.defs_rs_source(gen))
    exprs, tidx = rust_gen.type_args(gen)
    with open(os.path.join(work, 'types.json'), 'w') as fh:
        json.dump(exprs, fh, indent=0)
    t_gen = time.time()

    jobs = max(1, a.jobs)
    chunk = a.chunk if a.chunk > 0 else max(250, -(-len(gen.items) // jobs))
    expected = rustc_numbers(gen, work, chunk, jobs, 'measure')
    if expected is None:
        return 1
    with open(os.path.join(work, 'expected.jsonl'), 'w') as fh:
        for it in gen.items:
            fh.write(json.dumps(expected[it.index]) + '\n')
    t_rustc = time.time()
    bad = check_generator_discriminants(gen, expected)

    if a.rust_only:
        log('rust-diff: seed %d: %d types measured by %s (generate %.1fs, rustc %.1fs)'
            % (seed, len(gen.items), rustc_version, t_gen - t0, t_rustc - t_gen))
        return 1 if bad else 0

    infile = yaml_path if a.input_format == 'yaml' else rs_path
    defs = [it for it in gen.items if it.is_def]
    cmp = Compare()
    failures = []
    targets = [t.strip() for t in a.targets.split(',') if t.strip()]
    for target in targets:
        run_ = run_typelayout(tl, target, infile, len(defs), [d.name for d in defs], exprs,
                              work, bool(a.keep), a.input_format)
        failures.extend(run_.problems)
        for n in run_.notes:
            err('rust-diff: note: ' + n)
        if run_.problems and not run_.defs and not run_.types:
            continue
        for it in gen.items:
            compare_item(cmp, it, expected[it.index], target, run_, tidx[it.index])
    t_tl = time.time()

    for p in failures:
        err('rust-diff: ' + p)
    report_mismatches(gen, cmp, expected, a.max_report)
    nmis = sum(len(lst) for per in cmp.diffs.values() for lst in per.values())
    log('')
    log('rust-diff: seed %d: %d types, %d comparisons, %d mismatches'
        % (seed, len(gen.items), cmp.count, nmis))
    log('rust-diff: %d mismatching types; input %s; targets %s; generate %.1fs, rustc %.1fs, '
        'typelayout+compare %.1fs%s'
        % (len(cmp.diffs), a.input_format, ','.join(targets), t_gen - t0, t_rustc - t_gen,
           t_tl - t_rustc, '; files kept in ' + work if a.keep else ''))
    if nmis or failures or bad:
        if not a.keep:
            log('rust-diff: reproduce with: %s --seed %d --count %d --input-format %s '
                '--keep /tmp/rust-diff-%d' % (os.path.relpath(__file__), seed, a.count,
                                              a.input_format, seed))
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
