#!/usr/bin/env python3
"""Real-world check of the .rs front end: typelayout against rustc on the
type definitions of crates that Debian ships as librust-*-dev packages.

  check_crate.py [--typelayout BIN] [--registry DIR] [--keep DIR] CRATE...

CRATE is a name (regex-syntax) or a directory of the registry
(/usr/share/cargo/registry/regex-syntax-0.6.27). For each crate:

1. Its default features are expanded from Cargo.toml, and its normal
   dependencies found in the registry (their src/ is loaded too, so
   `bytes::Bytes` inside http resolves).
2. typelayout reports every non-generic type of the crate
   (`report --format json --target x86_64 --cfg 'feature="..."' SRC DEPS`);
   diagnostics of the crate's own files are counted as parse/resolve errors.
3. An offline cargo project (the registry as a directory source replacing
   crates.io) depends on the crate with its default features and prints
   size_of/align_of of every type reported, named by its path. Types rustc
   cannot name from outside (private, or in a private module) are dropped
   after a first build, from rustc's own error spans.
4. The numbers are compared; the summary line per crate is
   `CRATE: N types reported, M public, K agree, E errors`.

Exit status: 0 when every public type agrees and the crate's files gave no
error, 1 otherwise, 77 when cargo/rustc or the registry is missing.
Python 3.11 standard library only (tomllib).
"""

import argparse
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib

SKIP = 77
TRIPLE = 'x86_64-unknown-linux-gnu'


def log(msg):
    print(msg, flush=True)


def find_crate(registry, spec):
    if os.path.isdir(spec):
        return os.path.abspath(spec)
    pat = re.compile(re.escape(spec) + r'-(\d+(?:\.\d+)*)$')
    best = None
    for d in os.listdir(registry):
        m = pat.match(d)
        if m:
            v = tuple(int(x) for x in m.group(1).split('.'))
            if best is None or v > best[0]:
                best = (v, os.path.join(registry, d))
    return best[1] if best else None


def features_of(meta, wanted):
    """Expands features (transitively); returns (features, enabled optional deps)."""
    table = meta.get('features', {})
    on, deps, todo = set(), set(), list(wanted)
    while todo:
        f = todo.pop()
        if f.startswith('dep:'):
            deps.add(f[4:])
            continue
        if '/' in f:  # dep/feature or dep?/feature
            dep = f.split('/')[0].rstrip('?')
            if not f.split('/')[0].endswith('?'):
                deps.add(dep)
            continue
        if f in on:
            continue
        on.add(f)
        if f in table:
            todo.extend(table[f])
        elif f in meta.get('dependencies', {}):
            deps.add(f)  # an optional dependency used as a feature
    return on, deps


def crate_info(registry, d):
    with open(os.path.join(d, 'Cargo.toml'), 'rb') as fh:
        meta = tomllib.load(fh)
    pkg = meta['package']
    lib = meta.get('lib', {}).get('name', pkg['name'].replace('-', '_'))
    feats, optdeps = features_of(meta, ['default'] if 'default' in meta.get('features', {}) else [])
    deps = []
    for name, spec in meta.get('dependencies', {}).items():
        spec = spec if isinstance(spec, dict) else {'version': spec}
        if spec.get('optional') and name not in optdeps:
            continue
        real = spec.get('package', name)
        dd = find_crate(registry, real)
        if dd:
            deps.append(dd)
    return {'name': pkg['name'], 'version': pkg['version'], 'lib': lib,
            'features': sorted(feats - {'default'}), 'deps': deps, 'dir': d}


def src_dir(d):
    s = os.path.join(d, 'src')
    return s if os.path.isdir(s) else d


def run_typelayout(tl, info, work, cfgs=()):
    cmd = [tl, 'report', '--format', 'json', '--target', 'x86_64']
    for f in info['features']:
        cmd += ['--cfg', 'feature="%s"' % f]
    for c in cfgs:
        if c not in cmd:
            cmd += ['--cfg', c]
    cmd.append(src_dir(info['dir']))
    cmd += [src_dir(d) for d in info['deps']]
    with open(os.path.join(work, 'typelayout.cmd'), 'w') as fh:
        fh.write(' '.join("'%s'" % c for c in cmd) + '\n')
    p = subprocess.run(cmd, capture_output=True, text=True)
    with open(os.path.join(work, 'typelayout.json'), 'w') as fh:
        fh.write(p.stdout)
    try:
        return json.loads(p.stdout), p
    except json.JSONDecodeError:
        return None, p


def module_path(info, entry):
    """crate path of an entry: JSON "path" when present, else from its file."""
    if entry.get('path'):
        return entry['path'].replace('crate::', info['lib'] + '::', 1)
    rel = os.path.relpath(entry['location']['file'], src_dir(info['dir']))
    parts = rel[:-3].split('/')
    if parts[-1] in ('mod', 'lib', 'main'):
        parts.pop()
    return '::'.join([info['lib']] + parts + [entry['name']])


def alternatives(path):
    segs = path.split('::')
    return ['::'.join(segs[:k] + segs[-1:]) for k in range(len(segs) - 1, 0, -1)]


def own_entries(doc, info):
    """(the laid-out types of the crate by path, how many types of the
    crate -- laid out or not -- have each name)"""
    root = os.path.realpath(info['dir'])
    out, names = {}, {}
    for e in doc.get('types', doc.get('entries', [])):
        loc = e.get('location')
        if e.get('error') and not loc:  # no location: maybe ours
            names.setdefault(e['name'], set()).add('?')
        if not loc or not os.path.realpath(loc['file']).startswith(root + '/'):
            continue
        names.setdefault(e['name'], set()).add(module_path(info, e))
        if e.get('error') or '<' in e['name']:
            continue
        out[module_path(info, e)] = e
    return out, {n: len(p) for n, p in names.items()}


def own_errors(doc, info):
    root = os.path.realpath(info['dir'])
    return [d for d in doc.get('diagnostics', [])
            if d['severity'] == 'error' and d.get('file')
            and os.path.realpath(d['file']).startswith(root + '/')]


def cargo_project(info, paths, work, registry):
    proj = os.path.join(work, 'proj')
    os.makedirs(os.path.join(proj, 'src'), exist_ok=True)
    os.makedirs(os.path.join(proj, '.cargo'), exist_ok=True)
    with open(os.path.join(proj, '.cargo', 'config.toml'), 'w') as fh:
        fh.write('[source.crates-io]\nreplace-with = "debian"\n'
                 '[source.debian]\ndirectory = "%s"\n[net]\noffline = true\n' % registry)
    with open(os.path.join(proj, 'Cargo.toml'), 'w') as fh:
        fh.write('[package]\nname = "tl_check"\nversion = "0.1.0"\nedition = "2021"\n'
                 '[dependencies]\n"%s" = "=%s"\n[profile.release]\ndebug = false\n'
                 % (info['name'], info['version']))
    write_main(proj, paths)
    return proj


def write_main(proj, paths):
    lines = ['#![allow(deprecated)]', 'fn main() {']
    for i, p in enumerate(paths):
        lines.append('    println!("%d {} {}", std::mem::size_of::<%s>(), '
                     'std::mem::align_of::<%s>());' % (i, p, p))
    lines.append('}')
    with open(os.path.join(proj, 'src', 'main.rs'), 'w') as fh:
        fh.write('\n'.join(lines) + '\n')
    return 2  # first println line (1-based)


def cargo_build(proj, cargo_home):
    env = dict(os.environ, CARGO_HOME=cargo_home)
    return subprocess.run(['cargo', 'build', '--release', '--offline',
                           '--message-format=json'], cwd=proj, env=env,
                          capture_output=True, text=True)


def bad_lines(out):
    bad = set()
    for line in out.splitlines():
        try:
            m = json.loads(line)
        except json.JSONDecodeError:
            continue
        msg = m.get('message') if m.get('reason') == 'compiler-message' else None
        if not msg or msg.get('level') != 'error':
            continue
        for s in msg.get('spans', []):
            if s['file_name'].endswith('main.rs'):
                bad.add(s['line_start'])
    return bad


def resolved_deps(proj, cargo_home, info):
    """What cargo resolved for the build: every package's source directory
    (the crate's dependencies, transitively) and the features enabled on
    them, as --cfg options (one set for all the crates typelayout reads)."""
    env = dict(os.environ, CARGO_HOME=cargo_home)
    m = subprocess.run(['cargo', 'metadata', '--format-version', '1', '--offline'],
                       cwd=proj, env=env, capture_output=True, text=True)
    if m.returncode != 0:
        return [], []
    meta = json.loads(m.stdout)
    dirs = {p['id']: os.path.dirname(p['manifest_path']) for p in meta['packages']}
    deps, cfgs = [], []
    own = os.path.realpath(info['dir'])
    for node in meta.get('resolve', {}).get('nodes', []):
        d = dirs.get(node['id'])
        if not d or d == proj or os.path.realpath(d) == own:
            continue
        deps.append(d)
        for f in node.get('features', []):
            c = 'feature="%s"' % f
            if c not in cfgs:
                cfgs.append(c)
    return sorted(deps), cfgs


def build_script_cfgs(proj):
    """The `cargo:rustc-cfg=` lines the build scripts printed (proc-macro2's
    `wrap_proc_macro`, ...): rustc compiled the crates with them, so
    typelayout must read the sources with them too."""
    cfgs = []
    for out in sorted(glob.glob(os.path.join(proj, 'target', 'release', 'build', '*', 'output'))):
        with open(out, errors='replace') as fh:
            for line in fh:
                line = line.strip()
                for prefix in ('cargo:rustc-cfg=', 'cargo::rustc-cfg='):
                    if line.startswith(prefix) and line[len(prefix):] not in cfgs:
                        cfgs.append(line[len(prefix):])
    return cfgs


def check(tl, registry, spec, keep):
    d = find_crate(registry, spec)
    if not d:
        log('%s: not found in %s' % (spec, registry))
        return False
    info = crate_info(registry, d)
    work = keep and os.path.join(keep, info['name']) or tempfile.mkdtemp(prefix='tl-crate-')
    os.makedirs(work, exist_ok=True)
    # build the crate first (an empty main) for its build scripts' cfgs
    proj = cargo_project(info, [], work, registry)
    cargo_home = os.path.join(work, 'cargo-home')
    b = cargo_build(proj, cargo_home)
    if b.returncode != 0:
        log('%s: cargo build failed:\n%s' % (info['name'], b.stderr[-3000:]))
        return False
    cfgs = build_script_cfgs(proj)
    if cfgs:
        log('%s: build scripts set --cfg %s' % (info['name'], ' '.join(cfgs)))
    info['deps'], dep_features = resolved_deps(proj, cargo_home, info)
    doc, p = run_typelayout(tl, info, work, cfgs + dep_features)
    if doc is None:
        log('%s: typelayout failed (exit %d):\n%s' % (info['name'], p.returncode,
                                                     p.stderr[-3000:]))
        return False
    errors = own_errors(doc, info)
    for e in errors[:20]:
        log('  %s:%s:%s: %s' % (e['file'], e['line'], e['column'], e['message']))
    entries, count = own_entries(doc, info)
    # each type under its own path, then (a re-export: `mod value; pub use
    # value::HeaderValue;`) under the paths of its ancestor modules -- only
    # when no other type of the crate has its name, or the ancestor's
    # name could be that other type (toml::Value is not toml::de::Value);
    # types that could not be laid out count too (rand_chacha's
    # abstract20::ChaCha20Rng is not the ChaCha20Rng beside it)
    todo = [(key, alternatives(key) if count[entries[key]['name']] == 1 else [key])
            for key in sorted(entries)]
    names = [alts[0] for _, alts in todo]
    write_main(proj, names)
    for _ in range(12):
        b = cargo_build(proj, cargo_home)
        if b.returncode == 0:
            break
        bad = bad_lines(b.stdout)
        if not bad:
            log('%s: cargo build failed:\n%s' % (info['name'], b.stderr[-3000:]))
            return False
        nxt = []
        for i, (key, alts) in enumerate(todo):
            if i + 3 in bad:
                alts = alts[1:]
            if alts:
                nxt.append((key, alts))
        todo = nxt
        names = [alts[0] for _, alts in todo]
        write_main(proj, names)
    else:
        log('%s: cargo build did not converge' % info['name'])
        return False
    paths = [key for key, _ in todo]
    exe = os.path.join(proj, 'target', 'release', 'tl_check')
    run = subprocess.run([exe], capture_output=True, text=True)
    agree, mismatch = 0, []
    for line in run.stdout.splitlines():
        i, size, align = (int(x) for x in line.split())
        e = entries[paths[i]]
        if (e['size'], e['align']) == (size, align):
            agree += 1
        else:
            mismatch.append('  %s: rustc %d/%d, typelayout %d/%d' %
                            (paths[i], size, align, e['size'], e['align']))
    for m in mismatch:
        log(m)
    log('%s %s: %d types reported, %d public, %d agree, %d errors' %
        (info['name'], info['version'], len(entries), len(paths), agree, len(errors)))
    if not keep:
        shutil.rmtree(work, ignore_errors=True)
    return not mismatch and not errors


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--typelayout', default=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), '..', '..', 'build', 'typelayout'))
    ap.add_argument('--registry', default='/usr/share/cargo/registry')
    ap.add_argument('--keep', help='keep the work files in this directory')
    ap.add_argument('crates', nargs='+')
    a = ap.parse_args()
    if not shutil.which('cargo') or not os.path.isdir(a.registry):
        print('check_crate: cargo or %s missing: skipped' % a.registry, file=sys.stderr)
        return SKIP
    ok = True
    for c in a.crates:
        ok &= check(os.path.abspath(a.typelayout), a.registry, c, a.keep)
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
