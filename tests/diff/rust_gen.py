#!/usr/bin/env python3
"""Seeded generator of random Rust type definitions for typelayout's differential test.

For one seed and count it builds N random "items": user type definitions (structs,
tuple structs, unit structs, enums, unions) and type expressions (tuples, std types,
pointers ...). From the same items it writes:

  * a Rust program (--out-prog) whose main prints one JSON line per item with what
    rustc computed: size_of, align_of, offset_of! of every field (of every variant),
    and size/align (+ the payload offset) of Option<T> and Option<Option<T>>;
  * a YAML input for typelayout (--out-yaml), schema of shared/spec/inputs.md;
  * the plain Rust source of the definitions (--emit-rs), for the Rust front end;
  * the list of `--type` expressions to pass to typelayout (--out-types, JSON).

Python 3 standard library only; everything is decided by random.Random(seed), so a
seed reproduces the same files on any machine.  Run with --help for the options;
--check-yaml re-reads the YAML with PyYAML (when importable) and compares it with the
generated model.
"""

import argparse
import json
import re
import random
import sys

# ---------------------------------------------------------------------------
# Type expressions

PRIMS = {  # name: (size, align) on x86_64 / aarch64
    'bool': (1, 1), 'char': (4, 4), 'u8': (1, 1), 'i8': (1, 1), 'u16': (2, 2),
    'i16': (2, 2), 'u32': (4, 4), 'i32': (4, 4), 'u64': (8, 8), 'i64': (8, 8),
    'u128': (16, 16), 'i128': (16, 16), 'usize': (8, 8), 'isize': (8, 8),
    'f32': (4, 4), 'f64': (8, 8), '()': (0, 1),
}
PRIM_WEIGHTS = [('bool', 8), ('char', 4), ('u8', 10), ('i8', 3), ('u16', 6), ('i16', 3),
                ('u32', 8), ('i32', 5), ('u64', 7), ('i64', 3), ('u128', 2), ('i128', 1),
                ('usize', 4), ('isize', 2), ('f32', 3), ('f64', 4), ('()', 3)]

INT_REPRS = ['u8', 'i8', 'u16', 'i16', 'u32', 'i32', 'u64', 'i64', 'usize', 'isize']
INT_RANGE = {}
for _t in INT_REPRS + ['u128', 'i128']:
    _bits = {'8': 8, '16': 16, '32': 32, '64': 64, '128': 128, 'size': 64}[_t[1:]]
    if _t[0] == 'u':
        INT_RANGE[_t] = (0, (1 << _bits) - 1)
    else:
        INT_RANGE[_t] = (-(1 << (_bits - 1)), (1 << (_bits - 1)) - 1)

# Field and variant names: no Rust keywords, nothing YAML 1.1 reads as a boolean/null.
FIELD_NAMES = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'k', 'm', 'p', 'q', 'r', 's', 't',
               'v', 'w', 'x', 'z', 'len', 'ptr', 'cap', 'val', 'data', 'next', 'tag',
               'kind', 'id', 'flag', 'count', 'head', 'tail', 'buf', 'key', 'hash',
               'left', 'right', 'state', 'mode', 'width']
VARIANT_NAMES = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'P', 'Q',
                 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Z', 'Empty', 'Number', 'Array',
                 'Moved', 'Point', 'Idle', 'Busy', 'Done', 'Leaf', 'Node', 'Nil', 'Cons',
                 'Small', 'Large', 'Other', 'Pair', 'Triple', 'Unit', 'Tagged']


class Ty:
    """A type expression: its Rust text plus the facts the generator needs."""
    __slots__ = ('rs', 'ub', 'aub', 'copy', 'align_adt', 'zst1', 'never', 'simple')

    def __init__(self, rs, ub, aub, copy=True, align_adt=False, zst1=False, never=False,
                 simple=False):
        self.rs = rs            # Rust spelling (explicit 'static lifetimes)
        self.ub = ub            # upper bound of the size (keeps types small)
        self.aub = aub          # upper bound of the alignment
        self.copy = copy        # implements Copy (may be a union field as is)
        self.align_adt = align_adt  # a packed type may not hold this directly (E0588)
        self.zst1 = zst1        # a 1-ZST allowed beside the field of a repr(transparent)
        self.never = never      # may be uninhabited
        self.simple = simple    # a scalar-ish leaf (used for map keys etc.)


def prim(name):
    s, a = PRIMS[name]
    return Ty(name, s, a, zst1=(name == '()'), simple=True)


NEVER = Ty('!', 0, 1, never=True)


def ptr_ty(rs, wide, copy=True):
    return Ty(rs, 16 if wide else 8, 8, copy=copy)


# ---------------------------------------------------------------------------
# Items

class Field:
    __slots__ = ('name', 'ty')

    def __init__(self, name, ty):
        self.name = name
        self.ty = ty


class Variant:
    __slots__ = ('name', 'shape', 'fields', 'disc_text', 'disc')

    def __init__(self, name, shape, fields):
        self.name = name
        self.shape = shape      # 'unit' | 'tuple' | 'named'
        self.fields = fields
        self.disc_text = None   # explicit discriminant as written, or None
        self.disc = None        # the discriminant value (int)


class Item:
    def __init__(self, index, kind, name):
        self.index = index
        self.kind = kind        # struct | tuple | unit | enum | union | expr
        self.name = name        # the Rust type name, or the expression (Rust text)
        self.repr = []          # e.g. ['C', 'packed(2)']
        self.fields = []        # struct / tuple / union
        self.variants = []      # enum
        self.named_empty = False  # `struct S {}` rather than `struct S;`
        self.split_attrs = False  # one #[repr] attribute per hint in the .rs output
        self.disc_type = None
        self.expr = None        # Ty for expression items
        self.expr_fields = []   # [(variant, field, rust offset_of path)] for expressions
        self.ty = None          # Ty describing a use of the item by value
        self.small = False      # built from scalars and small types only
        self.yaml_name = None   # for expressions: the text passed with --type

    @property
    def is_def(self):
        return self.kind != 'expr'

    def fieldless(self):
        return all(v.shape == 'unit' for v in self.variants)


def repr_align_value(repr_list):
    for r in repr_list:
        m = re.fullmatch(r'align\((\d+)\)', r)
        if m:
            return int(m.group(1))
    return 0


def repr_pack_value(repr_list):
    for r in repr_list:
        if r == 'packed':
            return 1
        m = re.fullmatch(r'packed\((\d+)\)', r)
        if m:
            return int(m.group(1))
    return 0


def repr_int(repr_list):
    for r in repr_list:
        if r in INT_REPRS:
            return r
    return None


# ---------------------------------------------------------------------------
# The generator

class Generator:
    MAX_DEPTH = 3
    MAX_FIELD_UB = 1536
    MAX_ITEM_UB = 6144

    def __init__(self, seed, count, never=True, recursion=True):
        self.seed = seed
        self.count = count
        self.rng = random.Random(seed)
        self.never_ok = never
        self.recursion = recursion
        self.items = []
        self.defs = []          # def items in order (all, pre-named)
        self.done_defs = []     # def items already generated (usable by value)
        self.small_defs = []    # those of them made of scalars only
        self.exprs_seen = set()

    # -- small helpers -------------------------------------------------------
    def wchoice(self, pairs):
        total = sum(w for _, w in pairs)
        x = self.rng.random() * total
        for v, w in pairs:
            x -= w
            if x < 0:
                return v
        return pairs[-1][0]

    CORE_PATHS = ('std::cell::', 'std::mem::', 'std::ptr::', 'std::num::', 'std::marker::',
                  'std::cmp::', 'std::time::', 'std::option::', 'std::result::', 'std::pin::',
                  'std::sync::atomic::')

    def path(self, short, long_):
        """Spell a std type: mostly by its prelude/`use`d name, else by a full path
        (std:: or, where the item lives in core, sometimes core::)."""
        r = self.rng.random()
        if r < 0.68:
            return short
        if r < 0.94 or not long_.startswith(self.CORE_PATHS):
            return long_
        return 'core::' + long_[len('std::'):]

    # -- leaf types ----------------------------------------------------------
    def gen_prim(self):
        return prim(self.wchoice(PRIM_WEIGHTS))

    def gen_simple(self):
        """A small sized type that contains no user types."""
        r = self.rng.random()
        if r < 0.8:
            return self.gen_prim()
        if r < 0.9:
            t = self.gen_prim()
            n = self.rng.choice([0, 1, 2, 3, 4])
            return Ty('[%s; %d]' % (t.rs, n), t.ub * n, t.aub, copy=True, simple=True)
        return ptr_ty('&\'static %s' % self.gen_prim().rs, False)

    def unsized_target(self, depth, ctx):
        """Something a wide pointer points to: [T], str or dyn Trait."""
        r = self.rng.random()
        if r < 0.35:
            return '[%s]' % self.gen_ty(depth + 1, ctx, inner=True).rs, 'slice'
        if r < 0.6:
            return 'str', 'str'
        return self.rng.choice(['dyn Debug', 'dyn std::fmt::Debug', 'dyn std::any::Any',
                                'dyn Fn(u8) -> u8', 'dyn Send']), 'dyn'

    def pointee(self, depth, ctx):
        """The target of a pointer: sized (often a user type, possibly a later or the
        current one: recursion through indirection) or unsized."""
        r = self.rng.random()
        if r < 0.3 and self.defs and self.recursion:
            if ctx.get('self') is not None and self.rng.random() < 0.3:
                return ctx['self'].name, False
            return self.rng.choice(self.defs).name, False
        if r < 0.55:
            t, _ = self.unsized_target(depth, ctx)
            return t, True
        return self.gen_ty(depth + 1, ctx, inner=True).rs, False

    # -- type expressions ----------------------------------------------------
    def gen_ty(self, depth, ctx, inner=False):
        """A random field type.  ctx: {'self': Item or None}."""
        deep = depth >= self.MAX_DEPTH
        if ctx.get('small'):
            # small types of scalars: where niches, tags and field order are decided
            cats = [('prim', 60), ('array', 0 if deep else 6), ('tuple', 0 if deep else 5),
                    ('ref', 4), ('fnptr', 1), ('std', 12 if deep else 16),
                    ('user', 10 if self.small_defs else 0),
                    ('never', 2 if self.never_ok else 0)]
        else:
            cats = [('prim', 30), ('array', 0 if deep else 7), ('tuple', 0 if deep else 6),
                    ('ref', 7), ('rawptr', 4), ('fnptr', 3), ('std', 8 if deep else 26),
                    ('user', 16 if self.done_defs else 0),
                    ('never', 1 if self.never_ok else 0)]
        for _ in range(20):
            t = self.gen_cat(self.wchoice(cats), depth, ctx)
            if t is not None and t.ub <= self.MAX_FIELD_UB:
                return t
        return self.gen_prim()

    def gen_cat(self, cat, depth, ctx):
        rng = self.rng
        if cat == 'prim':
            return self.gen_prim()
        if cat == 'never':
            return NEVER
        if cat == 'array':
            e = self.gen_ty(depth + 1, ctx, inner=True)
            n = self.wchoice([(0, 3), (1, 4), (2, 5), (3, 4), (4, 4), (5, 2), (7, 2),
                              (8, 2), (16, 1), (32, 1)])
            if e.ub * n > self.MAX_FIELD_UB:
                return None
            return Ty('[%s; %d]' % (e.rs, n), e.ub * n, e.aub, copy=e.copy,
                      zst1=(n == 0 and e.simple and e.aub == 1) or (e.zst1 and n > 0),
                      never=e.never and n > 0)
        if cat == 'tuple':
            k = self.wchoice([(0, 1), (1, 3), (2, 6), (3, 4), (4, 2), (5, 1)])
            es = [self.gen_ty(depth + 1, ctx, inner=True) for _ in range(k)]
            if k == 0:
                return prim('()')
            rs = '(%s,)' % es[0].rs if k == 1 else '(%s)' % ', '.join(e.rs for e in es)
            return Ty(rs, sum(e.ub + e.aub for e in es), max(e.aub for e in es),
                      copy=all(e.copy for e in es), zst1=all(e.zst1 for e in es),
                      never=any(e.never for e in es))
        if cat == 'ref':
            mut = rng.random() < 0.15
            pre = '&\'static mut ' if mut else '&\'static '
            target, wide = self.pointee(depth, ctx)
            return ptr_ty(pre + target, wide, copy=not mut)
        if cat == 'rawptr':
            pre = rng.choice(['*const ', '*mut '])
            target, wide = self.pointee(depth, ctx)
            return ptr_ty(pre + target, wide)
        if cat == 'fnptr':
            return ptr_ty(rng.choice(['fn()', 'fn(u8) -> u32', 'fn(i32) -> i32',
                                      'fn(&str) -> bool', 'unsafe fn(u8) -> u8',
                                      'fn(u64, u64) -> (u64, bool)', 'fn() -> !']), False)
        if cat == 'user':
            pool = self.small_defs if ctx.get('small') else self.done_defs
            for _ in range(4):
                it = rng.choice(pool[-60:] if rng.random() < 0.6 else pool)
                if it.ty.never and rng.random() < 0.7:
                    continue
                return it.ty
            return None
        if cat == 'std':
            return self.gen_std(depth, ctx)
        raise AssertionError(cat)

    def gen_std(self, depth, ctx):
        rng = self.rng
        kinds = [('Vec', 6), ('String', 4), ('Box', 5), ('BoxUnsized', 3), ('Rc', 3),
                 ('Arc', 3), ('Cell', 3), ('RefCell', 3), ('UnsafeCell', 2),
                 ('MaybeUninit', 3), ('ManuallyDrop', 3), ('Option', 14), ('Result', 6),
                 ('NonNull', 3), ('NonZero', 5), ('PhantomData', 3), ('Cow', 2),
                 ('Ordering', 2), ('Duration', 2), ('Mutex', 2), ('RwLock', 1),
                 ('HashMap', 1), ('BTreeMap', 1), ('VecDeque', 1), ('PinBox', 2),
                 ('Atomic', 3)]
        if ctx.get('small'):
            kinds = [('Option', 14), ('NonZero', 5), ('Cell', 2), ('ManuallyDrop', 2),
                     ('MaybeUninit', 2), ('Result', 4), ('Ordering', 2), ('Duration', 1),
                     ('PhantomData', 1), ('Box', 1), ('Atomic', 1)]
        k = self.wchoice(kinds)

        def inner():
            return self.gen_ty(depth + 1, ctx, inner=True)
        P = self.path
        if k == 'Vec':
            t, _ = self.pointee(depth, ctx) if rng.random() < 0.3 else (inner().rs, 0)
            if t.startswith(('[', 'str', 'dyn')):
                t = 'u8'
            return Ty('%s<%s>' % (P('Vec', 'std::vec::Vec'), t), 24, 8, copy=False)
        if k == 'String':
            return Ty(P('String', 'std::string::String'), 24, 8, copy=False)
        if k == 'Box':
            t, wide = self.pointee(depth, ctx)
            return Ty('%s<%s>' % (P('Box', 'std::boxed::Box'), t), 16 if wide else 8, 8,
                      copy=False)
        if k == 'BoxUnsized':
            t, _ = self.unsized_target(depth, ctx)
            if t.startswith('dyn') and rng.random() < 0.3:
                t = 'dyn Debug + Send'
            return Ty('%s<%s>' % (P('Box', 'std::boxed::Box'), t), 16, 8, copy=False)
        if k in ('Rc', 'Arc'):
            t, wide = self.pointee(depth, ctx)
            long_ = 'std::rc::Rc' if k == 'Rc' else 'std::sync::Arc'
            return Ty('%s<%s>' % (P(k, long_), t), 16 if wide else 8, 8, copy=False)
        if k in ('Cell', 'RefCell', 'UnsafeCell'):
            t = inner()
            extra = 16 if k == 'RefCell' else 0
            return Ty('%s<%s>' % (P(k, 'std::cell::' + k), t.rs), t.ub + extra,
                      max(t.aub, 8 if extra else 1), copy=False, never=t.never)
        if k in ('MaybeUninit', 'ManuallyDrop'):
            t = inner()
            return Ty('%s<%s>' % (P(k, 'std::mem::' + k), t.rs), t.ub, t.aub, copy=t.copy,
                      never=t.never and k == 'ManuallyDrop')
        if k == 'Option':
            t = inner()
            return Ty('%s<%s>' % (P('Option', 'std::option::Option'), t.rs),
                      t.ub + max(t.aub, 16), t.aub, copy=t.copy)
        if k == 'Result':
            a, b = inner(), inner()
            return Ty('%s<%s, %s>' % (P('Result', 'std::result::Result'), a.rs, b.rs),
                      max(a.ub, b.ub) + max(a.aub, b.aub, 16), max(a.aub, b.aub),
                      copy=a.copy and b.copy, never=a.never and b.never)
        if k == 'NonNull':
            t, wide = self.pointee(depth, ctx)
            return Ty('%s<%s>' % (P('NonNull', 'std::ptr::NonNull'), t), 16 if wide else 8,
                      8)
        if k == 'NonZero':
            if rng.random() < 0.35:
                it = rng.choice(['u8', 'u16', 'u32', 'u64', 'u128', 'usize', 'i8', 'i16',
                                 'i32', 'i64', 'i128', 'isize'])
                s = PRIMS[it][0]
                return Ty('%s<%s>' % (P('NonZero', 'std::num::NonZero'), it), s, s)
            it = self.wchoice([('U8', 4), ('U32', 4), ('I8', 3), ('Usize', 3), ('U16', 1),
                               ('U64', 1), ('U128', 1), ('I16', 1), ('I32', 1), ('I64', 1),
                               ('Isize', 1), ('I128', 1)])
            s = {'8': 1, '16': 2, '32': 4, '64': 8, '128': 16, 'size': 8}[it[1:]]
            return Ty(P('NonZero' + it, 'std::num::NonZero' + it), s, s)
        if k == 'PhantomData':
            t, _ = self.pointee(depth, ctx) if rng.random() < 0.5 else (inner().rs, 0)
            return Ty('%s<%s>' % (P('PhantomData', 'std::marker::PhantomData'), t), 0, 1,
                      zst1=True)
        if k == 'Cow':
            what = rng.choice(['str', 'str', '[u8]'])
            lt = "'static, "
            return Ty('%s<%s%s>' % (P('Cow', 'std::borrow::Cow'), lt, what), 24, 8,
                      copy=False)
        if k == 'Ordering':
            return Ty(P('Ordering', 'std::cmp::Ordering'), 1, 1)
        if k == 'Duration':
            return Ty(P('Duration', 'std::time::Duration'), 16, 8)
        if k in ('Mutex', 'RwLock'):
            t = inner()
            return Ty('%s<%s>' % (P(k, 'std::sync::' + k), t.rs), t.ub + 24,
                      max(t.aub, 8), copy=False, never=t.never)
        if k in ('HashMap', 'BTreeMap'):
            key = self.gen_simple() if rng.random() < 0.7 else inner()
            val = inner()
            return Ty('%s<%s, %s>' % (P(k, 'std::collections::' + k), key.rs, val.rs),
                      48, 8, copy=False)
        if k == 'VecDeque':
            t = inner()
            return Ty('%s<%s>' % (P('VecDeque', 'std::collections::VecDeque'), t.rs), 32, 8,
                      copy=False)
        if k == 'PinBox':
            t, wide = self.pointee(depth, ctx)
            return Ty('%s<%s<%s>>' % (P('Pin', 'std::pin::Pin'), P('Box', 'std::boxed::Box'),
                                      t), 16 if wide else 8, 8, copy=False)
        if k == 'Atomic':
            a = self.wchoice([('AtomicU32', 3), ('AtomicU64', 3), ('AtomicBool', 3),
                              ('AtomicUsize', 3)])
            s = {'AtomicU32': 4, 'AtomicU64': 8, 'AtomicBool': 1, 'AtomicUsize': 8}[a]
            return Ty(P(a, 'std::sync::atomic::' + a), s, s, copy=False, align_adt=True)
        raise AssertionError(k)

    # -- field lists ---------------------------------------------------------
    def field_names(self, n):
        if n <= len(FIELD_NAMES) and self.rng.random() < 0.7:
            return self.rng.sample(FIELD_NAMES, n)
        return ['f%d' % i for i in range(n)]

    def gen_field_ty(self, ctx, packed=False, union=False):
        for _ in range(30):
            t = self.gen_ty(0, ctx)
            if packed and t.align_adt:
                continue
            if t.never and self.rng.random() < 0.6:
                continue
            if union and (not t.copy or self.rng.random() < 0.08):
                t = Ty('%s<%s>' % (self.path('ManuallyDrop', 'std::mem::ManuallyDrop'),
                                   t.rs), t.ub, t.aub, copy=True, align_adt=False)
            return t
        return prim('u8')

    def gen_zst1(self, ctx):
        """A field type that may sit beside the one field of a repr(transparent) type."""
        cands = [prim('()'),
                 Ty('PhantomData<%s>' % self.gen_simple().rs, 0, 1, zst1=True),
                 Ty('[u8; 0]', 0, 1, zst1=True), Ty('[bool; 0]', 0, 1, zst1=True),
                 Ty('((), PhantomData<u64>)', 0, 1, zst1=True)]
        for it in self.done_defs:
            if it.ty.zst1 and not it.ty.never:
                cands.append(it.ty)
        return self.rng.choice(cands)

    def item_ty(self, it, ub, aub, never, zst1=False, align_adt=False):
        it.ty = Ty(it.name, ub, aub, copy=False, align_adt=align_adt, zst1=zst1,
                   never=never)

    # -- structs, unions -----------------------------------------------------
    def gen_struct_repr(self, nfields):
        rng = self.rng
        r = self.wchoice([('', 40), ('C', 15), ('packed', 5), ('packedN', 6), ('align', 9),
                          ('Cpacked', 3), ('CpackedN', 3), ('Calign', 4),
                          ('transparent', 5)])
        N = rng.choice([1, 2, 4, 8, 16])
        A = self.wchoice([(1, 1), (2, 2), (4, 2), (8, 3), (16, 3), (32, 2), (64, 1),
                          (128, 1)])
        out = {'': [], 'C': ['C'], 'packed': ['packed'], 'packedN': ['packed(%d)' % N],
               'align': ['align(%d)' % A], 'Cpacked': ['C', 'packed'],
               'CpackedN': ['C', 'packed(%d)' % N], 'Calign': ['C', 'align(%d)' % A],
               'transparent': ['transparent']}[r]
        if len(out) > 1 and rng.random() < 0.3:
            out = out[::-1]
        return out

    def gen_struct(self, it):
        rng = self.rng
        ctx = {'self': it, 'small': it.small}
        if it.kind == 'unit':
            it.repr = self.wchoice([([], 6), (['C'], 1), (['align(%d)' % rng.choice(
                [1, 2, 8, 16])], 1), (['packed'], 1), (['transparent'], 1)])
            align = repr_align_value(it.repr)
            self.item_ty(it, align, max(1, align), False,
                         zst1=('C' not in it.repr and not align),
                         align_adt=bool(align))
            return
        n = self.wchoice([(0, 2), (1, 10), (2, 18), (3, 20), (4, 16), (5, 10), (6, 8),
                          (7, 5), (8, 4), (10, 2)])
        it.repr = self.gen_struct_repr(n)
        if it.kind == 'struct' and n == 0:
            it.named_empty = True
        names = self.field_names(n) if it.kind == 'struct' else [str(i) for i in range(n)]
        packed = repr_pack_value(it.repr) > 0
        if it.repr == ['transparent']:
            main = rng.randrange(n + 1) if n else 0
            tys = []
            for i in range(n):
                if i == main:
                    t = self.gen_field_ty(ctx)
                    while t.never:
                        t = self.gen_field_ty(ctx)
                    tys.append(t)
                else:
                    tys.append(self.gen_zst1(ctx))
        else:
            tys = [self.gen_field_ty(ctx, packed=packed) for _ in range(n)]
        it.fields = [Field(nm, t) for nm, t in zip(names, tys)]
        self.finish_aggregate(it, tys, union=False)

    def finish_aggregate(self, it, tys, union):
        align = repr_align_value(it.repr)
        aub = max([t.aub for t in tys] + [align, 1])
        if union:
            ub = max([t.ub for t in tys] + [0]) + aub
        else:
            ub = sum(t.ub + t.aub for t in tys) + aub
        chain = bool(align) or any(t.align_adt for t in tys)
        zst1 = (all(t.zst1 for t in tys) and not align and 'C' not in it.repr
                and not union)
        self.item_ty(it, ub, aub, never=(not union and any(t.never for t in tys)),
                     zst1=zst1, align_adt=chain)

    def gen_union(self, it):
        rng = self.rng
        ctx = {'self': it, 'small': it.small}
        n = self.wchoice([(1, 4), (2, 8), (3, 6), (4, 3), (5, 2)])
        r = self.wchoice([('', 40), ('C', 20), ('packed', 7), ('packedN', 7), ('align', 10),
                          ('CpackedN', 5), ('Calign', 5)])
        N = rng.choice([1, 2, 4, 8, 16])
        A = rng.choice([1, 2, 4, 8, 16, 32])
        it.repr = {'': [], 'C': ['C'], 'packed': ['packed'], 'packedN': ['packed(%d)' % N],
                   'align': ['align(%d)' % A], 'CpackedN': ['C', 'packed(%d)' % N],
                   'Calign': ['C', 'align(%d)' % A]}[r]
        packed = repr_pack_value(it.repr) > 0
        tys = [self.gen_field_ty(ctx, packed=packed, union=True) for _ in range(n)]
        it.fields = [Field(nm, t) for nm, t in zip(self.field_names(n), tys)]
        self.finish_aggregate(it, tys, union=True)

    # -- enums ---------------------------------------------------------------
    def interesting_value(self, D):
        lo, hi = INT_RANGE[D]
        rng = self.rng
        signed = lo < 0
        c = self.wchoice([('small', 30), ('neg', 15 if signed else 0), ('hi', 10),
                          ('lo', 8 if signed else 3), ('pow', 12), ('rand', 10),
                          ('byte', 8), ('word', 5)])
        if c == 'small':
            v = rng.randrange(0, 12)
        elif c == 'neg':
            v = -rng.randrange(1, 12)
        elif c == 'hi':
            v = hi - rng.randrange(0, 4)
        elif c == 'lo':
            v = lo + rng.randrange(0, 4)
        elif c == 'pow':
            b = rng.randrange(1, 64)
            v = (1 << b) + rng.choice([-1, 0, 0, 1])
            if signed and rng.random() < 0.4:
                v = -v
        elif c == 'byte':
            v = rng.choice([127, 128, 200, 254, 255, 256, -128, -129, 83, 154, 173])
        elif c == 'word':
            v = rng.choice([32767, 32768, 65535, 65536, 0x7fffffff, 0x80000000,
                            0xffffffff, 0x100000000, -0x80000000, -0x80000001])
        else:
            v = rng.randrange(lo, hi + 1)
        return v

    def disc_literal(self, v):
        if v >= 10 and self.rng.random() < 0.25:
            return hex(v)
        return str(v)

    def assign_discriminants(self, it, D, explicit_ok):
        """Choose explicit discriminants (when allowed) so that every value fits D and
        no two coincide; fall back to implicit ones."""
        lo, hi = INT_RANGE[D]
        vs = it.variants
        if explicit_ok and vs and self.rng.random() < 0.45:
            # plain repr(C) / repr(Rust) enums: mostly keep values that fit a C int
            narrow = repr_int(it.repr) is None and self.rng.random() < 0.85
            for _attempt in range(12):
                chosen = {}
                for i in range(len(vs)):
                    if self.rng.random() < (0.6 if i == 0 else 0.3):
                        v = self.interesting_value(D)
                        if narrow:
                            v = max(-0x80000000, min(0x7fffffff, v))
                        chosen[i] = v
                vals, prev, ok = [], None, True
                for i in range(len(vs)):
                    v = chosen[i] if i in chosen else (0 if prev is None else prev + 1)
                    if not (lo <= v <= hi) or v in vals:
                        ok = False
                        break
                    vals.append(v)
                    prev = v
                if ok:
                    for i, v in enumerate(vals):
                        vs[i].disc = v
                        vs[i].disc_text = self.disc_literal(chosen[i]) if i in chosen \
                            else None
                    return
        for i, v in enumerate(vs):
            assert i <= hi
            v.disc = i
            v.disc_text = None

    def gen_variant_fields(self, ctx, shape, n, allow_never):
        tys = []
        for _ in range(n):
            if allow_never and self.never_ok and self.rng.random() < 0.06:
                tys.append(NEVER)
            else:
                tys.append(self.gen_field_ty(ctx))
        if shape == 'named':
            names = self.field_names(n)
        else:
            names = [str(i) for i in range(n)]
        return [Field(nm, t) for nm, t in zip(names, tys)]

    def gen_enum(self, it):
        rng = self.rng
        ctx = {'self': it, 'small': it.small}
        big = rng.random() < 0.01
        if big:
            nvar = rng.randrange(250, 300)
        else:
            nvar = self.wchoice([(0, 2), (1, 12), (2, 30), (3, 20), (4, 12), (5, 8),
                                 (6, 5), (8, 5), (12, 3), (20, 1)])
        fieldless = big or rng.random() < 0.33
        if nvar > 24:
            vnames = ['V%d' % i for i in range(nvar)]
        else:
            vnames = rng.sample(VARIANT_NAMES, nvar)
        for vn in vnames:
            if fieldless:
                shape = 'unit'
            else:
                shape = self.wchoice([('unit', 35), ('tuple', 40), ('named', 25)])
            v = Variant(vn, shape, [])
            if shape != 'unit':
                n = self.wchoice([(0, 1), (1, 10), (2, 7), (3, 4), (4, 2)])
                v.fields = self.gen_variant_fields(ctx, shape, n, allow_never=True)
            it.variants.append(v)
        # repr
        if nvar == 0:
            it.repr = []
        else:
            A = rng.choice([1, 2, 4, 8, 16, 32])
            I = rng.choice(INT_REPRS)
            transp_ok = nvar == 1 and not any(f.ty.never for f in it.variants[0].fields)
            # repr(C, <int>) on a unit-only enum is E0566 (conflicting hints)
            unit_only = all(v.shape == 'unit' for v in it.variants)
            r = self.wchoice([('', 45), ('C', 10), ('int', 20), ('Cint', 0 if unit_only else 8),
                              ('align', 4),
                              ('intalign', 3), ('Calign', 1),
                              ('transparent', 8 if transp_ok else 0)])
            it.repr = {'': [], 'C': ['C'], 'int': [I], 'Cint': ['C', I],
                       'align': ['align(%d)' % A], 'intalign': [I, 'align(%d)' % A],
                       'Calign': ['C', 'align(%d)' % A], 'transparent': ['transparent']}[r]
            if len(it.repr) > 1 and rng.random() < 0.25:
                it.repr = it.repr[::-1]
            if r == 'transparent':
                v = it.variants[0]
                if v.shape == 'unit' or not v.fields:
                    v.shape = rng.choice(['tuple', 'named'])
                    v.fields = self.gen_variant_fields(ctx, v.shape, 1, False)
                main = rng.randrange(len(v.fields))
                for i, f in enumerate(v.fields):
                    if i != main:
                        f.ty = self.gen_zst1(ctx)
                    else:
                        while f.ty.never:
                            f.ty = self.gen_field_ty(ctx)
        D = repr_int(it.repr) or 'isize'
        if nvar - 1 > INT_RANGE[D][1]:      # too many variants for an 8-bit repr
            wide = 'u16' if D[0] == 'u' else 'i16'
            it.repr = [wide if r == D else r for r in it.repr]
            D = wide
        it.disc_type = D
        explicit_ok = (it.fieldless() or repr_int(it.repr) is not None) and \
            'transparent' not in it.repr
        self.assign_discriminants(it, D, explicit_ok)
        tys = [f.ty for v in it.variants for f in v.fields]
        align = repr_align_value(it.repr)
        aub = max([t.aub for t in tys] + [align, 8])
        ub = max([sum(f.ty.ub + f.ty.aub for f in v.fields) for v in it.variants] + [0]) \
            + 2 * aub + 16
        never = all(any(f.ty.never for f in v.fields) for v in it.variants)
        self.item_ty(it, ub, aub, never=never)

    # -- expression items ----------------------------------------------------
    def gen_expr(self, it):
        rng = self.rng
        ctx = {'self': None, 'small': it.small}
        for _ in range(50):
            c = self.wchoice([('tuple', 35), ('option', 15), ('result', 10), ('std', 25),
                              ('other', 15)])
            fields = []
            if c == 'tuple':
                k = self.wchoice([(1, 2), (2, 6), (3, 5), (4, 3), (5, 2), (6, 1)])
                es = [self.gen_ty(1, ctx) for _ in range(k)]
                rs = '(%s,)' % es[0].rs if k == 1 else '(%s)' % ', '.join(e.rs for e in es)
                t = Ty(rs, sum(e.ub + e.aub for e in es), max(e.aub for e in es))
                fields = [('', str(i), str(i)) for i in range(k)]
            elif c == 'option':
                e = self.gen_ty(1, ctx)
                t = Ty('%s<%s>' % (self.path('Option', 'std::option::Option'), e.rs),
                       e.ub + 16, e.aub)
                fields = [('Some', '0', 'Some.0')]
            elif c == 'result':
                a, b = self.gen_ty(1, ctx), self.gen_ty(1, ctx)
                t = Ty('%s<%s, %s>' % (self.path('Result', 'std::result::Result'), a.rs,
                                       b.rs), max(a.ub, b.ub) + 16, 8)
                fields = [('Ok', '0', 'Ok.0'), ('Err', '0', 'Err.0')]
            elif c == 'std':
                t = self.gen_std(1, ctx)
            else:
                t = self.gen_cat(rng.choice(['prim', 'array', 'ref', 'rawptr', 'fnptr',
                                             'never']), 1, ctx)
                if t is None:
                    continue
            if t.rs in self.exprs_seen or t.ub > self.MAX_ITEM_UB:
                continue
            head = re.sub(r'^(?:(?:std|core)::\w+::)', '', t.rs.split('<')[0])
            if head == 'Option':
                fields = [('Some', '0', 'Some.0')]
            elif head == 'Result':
                fields = [('Ok', '0', 'Ok.0'), ('Err', '0', 'Err.0')]
            elif head == 'Cow':
                fields = [('Borrowed', '0', 'Borrowed.0'), ('Owned', '0', 'Owned.0')]
            self.exprs_seen.add(t.rs)
            it.name = t.rs
            it.expr = t
            it.expr_fields = fields
            return True
        return False

    # -- driver --------------------------------------------------------------
    def generate(self):
        rng = self.rng
        kinds = []
        for i in range(self.count):
            kinds.append(self.wchoice([('struct', 26), ('tuple', 9), ('unit', 3),
                                       ('enum', 34), ('union', 10), ('expr', 18)]))
        prefix = {'struct': 'S', 'tuple': 'T', 'unit': 'Z', 'enum': 'E', 'union': 'U',
                  'expr': 'X'}
        for i, k in enumerate(kinds):
            it = Item(i, k, '%s%d' % (prefix[k], i))
            it.small = rng.random() < 0.4
            self.items.append(it)
            if it.is_def:
                self.defs.append(it)
        for it in self.items:
            if it.kind in ('struct', 'tuple', 'unit'):
                self.gen_struct(it)
            elif it.kind == 'enum':
                self.gen_enum(it)
            elif it.kind == 'union':
                self.gen_union(it)
            else:
                if not self.gen_expr(it):
                    it.kind = 'unit'      # could not find a new expression: a unit struct
                    it.name = 'Z%d' % it.index
                    self.gen_struct(it)
                    self.defs.append(it)
            if it.is_def:
                it.split_attrs = len(it.repr) > 1 and rng.random() < 0.2
                self.done_defs.append(it)
                if it.small:
                    self.small_defs.append(it)
        return self


# ---------------------------------------------------------------------------
# Rust output

USES = """\
use std::fmt::Debug;
use std::cell::{Cell, RefCell, UnsafeCell};
use std::mem::{ManuallyDrop, MaybeUninit};
use std::ptr::NonNull;
use std::num::{NonZero, NonZeroU8, NonZeroU16, NonZeroU32, NonZeroU64, NonZeroU128, NonZeroUsize};
use std::num::{NonZeroI8, NonZeroI16, NonZeroI32, NonZeroI64, NonZeroI128, NonZeroIsize};
use std::marker::PhantomData;
use std::borrow::Cow;
use std::cmp::Ordering;
use std::time::Duration;
use std::sync::{Arc, Mutex, RwLock};
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, AtomicUsize};
use std::rc::Rc;
use std::collections::{HashMap, BTreeMap, VecDeque};
use std::pin::Pin;
"""


def repr_attrs(it):
    if not it.repr:
        return ''
    if it.split_attrs:
        return ''.join('#[repr(%s)]\n' % r for r in it.repr)
    return '#[repr(%s)]\n' % ', '.join(it.repr)


def variant_rs(v):
    if v.shape == 'unit':
        s = v.name
    elif v.shape == 'tuple':
        s = '%s(%s)' % (v.name, ', '.join(f.ty.rs for f in v.fields))
    else:
        if v.fields:
            s = '%s { %s }' % (v.name, ', '.join('%s: %s' % (f.name, f.ty.rs)
                                                 for f in v.fields))
        else:
            s = '%s {}' % v.name
    if v.disc_text is not None:
        s += ' = ' + v.disc_text
    return s


def def_rs(it):
    """The Rust item defining a def item (multi-line, rustfmt-like)."""
    a = repr_attrs(it)
    if it.kind == 'unit':
        return a + 'struct %s;\n' % it.name
    if it.kind == 'tuple':
        if not it.fields:
            return a + 'struct %s();\n' % it.name
        return a + 'struct %s(%s);\n' % (it.name, ', '.join(f.ty.rs for f in it.fields))
    if it.kind in ('struct', 'union'):
        kw = it.kind
        if not it.fields:
            return a + '%s %s {}\n' % (kw, it.name)
        body = ''.join('    %s: %s,\n' % (f.name, f.ty.rs) for f in it.fields)
        return a + '%s %s {\n%s}\n' % (kw, it.name, body)
    if it.kind == 'enum':
        if not it.variants:
            return a + 'enum %s {}\n' % it.name
        body = ''.join('    %s,\n' % variant_rs(v) for v in it.variants)
        return a + 'enum %s {\n%s}\n' % (it.name, body)
    raise AssertionError(it.kind)


def offset_paths(it):
    """[(variant, field, path-for-offset_of)] for every field of the item."""
    if it.kind == 'expr':
        return it.expr_fields
    if it.kind == 'enum':
        return [(v.name, f.name, '%s.%s' % (v.name, f.name))
                for v in it.variants for f in v.fields]
    return [('', f.name, f.name) for f in it.fields]


def defs_rs_source(gen):
    out = ['// Generated by tests/diff/rust_gen.py --seed %s --count %d: type definitions only.\n'
           % (gen.seed, gen.count),
           '#![feature(never_type)]\n#![allow(dead_code, unused_imports)]\n\n', USES, '\n']
    for it in gen.items:
        if it.is_def:
            out.append(def_rs(it))
            out.append('\n')
    return ''.join(out)


def rust_str(s):
    return '"%s"' % s.replace('\\', '\\\\').replace('"', '\\"')


def program_source(gen, items=None):
    """A program printing rustc's numbers for `items` (default all) as JSON lines."""
    items = gen.items if items is None else items
    out = ['// Generated by tests/diff/rust_gen.py --seed %s --count %d\n'
           % (gen.seed, gen.count),
           '#![feature(never_type, offset_of_enum)]\n',
           '#![allow(dead_code, unused_imports, non_camel_case_types, '
           'repr_c_enums_larger_than_int, overflowing_literals, improper_ctypes_definitions, '
           'unused_variables, unpredictable_function_pointer_comparisons)]\n\n',
           USES,
           'use std::mem::{size_of, align_of, offset_of};\n\n']
    for it in gen.items:
        if it.is_def:
            out.append(def_rs(it))
    out.append("""
struct Rec {
    i: usize, n: &'static str, s: usize, a: usize,
    o1: usize, o1a: usize, o1s: usize, o2: usize, o2s: usize,
    f: &'static [(&'static str, &'static str, usize)],
    d: &'static [i128],
}
""")
    out.append('static RECS: &[Rec] = &[\n')
    for it in items:
        T = it.name
        fs = ', '.join('(%s, %s, offset_of!(%s, %s))' % (rust_str(v), rust_str(f), T, p)
                       for v, f, p in offset_paths(it))
        ds = ''
        if it.kind == 'enum' and it.variants and it.fieldless():
            ds = ', '.join('%s::%s as i128' % (T, v.name) for v in it.variants)
        out.append('Rec { i: %d, n: %s, s: size_of::<%s>(), a: align_of::<%s>(), '
                   'o1: size_of::<Option<%s>>(), o1a: align_of::<Option<%s>>(), '
                   'o1s: offset_of!(Option<%s>, Some.0), '
                   'o2: size_of::<Option<Option<%s>>>(), '
                   'o2s: offset_of!(Option<Option<%s>>, Some.0), f: &[%s], d: &[%s] },\n'
                   % (it.index, rust_str(T), T, T, T, T, T, T, T, fs, ds))
    out.append('];\n')
    out.append(r'''
fn main() {
    use std::fmt::Write;
    let mut s = String::with_capacity(RECS.len() * 200);
    for r in RECS {
        write!(s, "{{\"i\":{},\"name\":\"{}\",\"size\":{},\"align\":{},\"opt\":{},\"opt_align\":{},\"opt_some\":{},\"optopt\":{},\"optopt_some\":{},\"fields\":[", r.i, r.n.replace('\\', "\\\\").replace('"', "\\\""), r.s, r.a, r.o1, r.o1a, r.o1s, r.o2, r.o2s).unwrap();
        for (k, (v, f, o)) in r.f.iter().enumerate() {
            if k > 0 { s.push(','); }
            write!(s, "[\"{}\",\"{}\",{}]", v, f, o).unwrap();
        }
        s.push_str("],\"discr\":[");
        for (k, d) in r.d.iter().enumerate() {
            if k > 0 { s.push(','); }
            write!(s, "\"{}\"", d).unwrap();
        }
        s.push_str("]}\n");
    }
    print!("{}", s);
}
''')
    return ''.join(out)


# ---------------------------------------------------------------------------
# YAML output

YAML_SPECIAL_START = set('&*![{]}|>\'"%@`#,?:-')
YAML_WORDS = {'y', 'n', 'yes', 'no', 'on', 'off', 'true', 'false', 'null', '~'}


def yaml_needs_quotes(s):
    if not s or s[0] in YAML_SPECIAL_START or s[0].isspace() or s[-1].isspace():
        return True
    if ': ' in s or '#' in s or s.endswith(':') or s.lower() in YAML_WORDS:
        return True
    if re.fullmatch(r'[-+]?[0-9][0-9_.eExXoOa-fA-F]*', s):
        return True
    return False


class YamlStyle:
    """Cosmetic choices for the YAML (quoting, lifetimes, variant forms), drawn from a
    stream separate from the generator's so they never change the types."""

    def __init__(self, seed):
        self.rng = random.Random('yaml-style:%s' % seed)

    def q(self, s, force=False):
        if force or yaml_needs_quotes(s) or self.rng.random() < 0.08:
            return '"%s"' % s.replace('\\', '\\\\').replace('"', '\\"')
        return s

    def ty(self, rs):
        """A Rust type as written in the YAML: 'static is sometimes left out."""
        if "'static" in rs and self.rng.random() < 0.5:
            rs = rs.replace("&'static ", '&').replace("<'static, ", '<')
        return rs


def yaml_repr(style, rl):
    if len(rl) == 1:
        return style.q(rl[0])
    return '[%s]' % ', '.join(rl)


def yaml_source(gen, style=None):
    style = style or YamlStyle(gen.seed)
    out = ['# Generated by tests/diff/rust_gen.py --seed %s --count %d\n'
           % (gen.seed, gen.count), 'types:\n']
    for it in gen.items:
        if not it.is_def:
            continue
        out.append('  %s:\n' % it.name)
        if it.repr:
            out.append('    repr: %s\n' % yaml_repr(style, it.repr))
        if it.kind in ('unit',) or (it.kind == 'struct' and not it.fields):
            out.append('    struct: []\n')
        elif it.kind == 'tuple':
            if not it.fields:
                out.append('    tuple: []\n')
            else:
                out.append('    tuple:\n')
                for f in it.fields:
                    out.append('      - %s\n' % style.q(style.ty(f.ty.rs)))
        elif it.kind in ('struct', 'union'):
            out.append('    %s:\n' % it.kind)
            for f in it.fields:
                out.append('      - %s: %s\n' % (f.name, style.q(style.ty(f.ty.rs))))
        elif it.kind == 'enum':
            if not it.variants:
                out.append('    enum: []\n')
                continue
            out.append('    enum:\n')
            for v in it.variants:
                if (v.shape == 'named' and v.fields and v.disc_text is None
                        and style.rng.random() < 0.35):
                    out.append('      - %s:\n' % v.name)
                    for f in v.fields:
                        out.append('          - %s: %s\n'
                                   % (f.name, style.q(style.ty(f.ty.rs))))
                    continue
                vv = Variant(v.name, v.shape,
                             [Field(f.name, Ty(style.ty(f.ty.rs), 0, 1)) for f in v.fields])
                vv.disc_text = v.disc_text
                s = variant_rs(vv)
                out.append('      - %s\n' % style.q(s, force=('{' in s)))
    return ''.join(out)


def type_args(gen, style_seed=None):
    """The --type expressions, in order, without duplicates, and for every item the
    index of its own entry, of Option<T> and of Option<Option<T>> in that list (the
    item's own entry is None for def items)."""
    st = random.Random('type-args:%s' % (gen.seed if style_seed is None else style_seed))
    exprs, where = [], {}

    def add(e):
        if e not in where:
            where[e] = len(exprs)
            exprs.append(e)
        return where[e]
    idx = {}
    for it in gen.items:
        name = it.name
        if "'static" in name and st.random() < 0.5:
            name = name.replace("&'static ", '&').replace("<'static, ", '<')
        own = add(name) if not it.is_def else None
        idx[it.index] = (own, add('Option<%s>' % name), add('Option<Option<%s>>' % name))
    return exprs, idx


# ---------------------------------------------------------------------------
# Self check of the YAML against the model (needs PyYAML, optional)

def strip_static(s):
    return s.replace("&'static ", '&').replace("<'static, ", '<')


def check_yaml(gen, text):
    try:
        import yaml
    except ImportError:
        print('rust_gen: PyYAML not importable here; YAML check skipped', file=sys.stderr)
        return True
    doc = yaml.safe_load(text)
    types = doc['types']
    defs = [it for it in gen.items if it.is_def]
    errs = []
    if list(types.keys()) != [it.name for it in defs]:
        errs.append('type names/order differ')

    def same_ty(got, rs):
        return isinstance(got, str) and strip_static(got) == strip_static(rs)
    for it in defs:
        node = types.get(it.name)
        if not isinstance(node, dict):
            errs.append('%s: not a mapping' % it.name)
            continue
        rp = node.get('repr')
        if it.repr:
            want = it.repr[0] if len(it.repr) == 1 else it.repr
            if rp != want:
                errs.append('%s: repr %r != %r' % (it.name, rp, want))
        elif rp is not None:
            errs.append('%s: unexpected repr' % it.name)
        if it.kind == 'tuple':
            got = node.get('tuple')
            if not isinstance(got, list) or len(got) != len(it.fields) or not all(
                    same_ty(g, f.ty.rs) for g, f in zip(got, it.fields)):
                errs.append('%s: tuple %r' % (it.name, got))
        elif it.kind in ('struct', 'unit', 'union'):
            key = 'union' if it.kind == 'union' else 'struct'
            got = node.get(key)
            ok = isinstance(got, list) and len(got) == len(it.fields)
            if ok:
                for g, f in zip(got, it.fields):
                    if not (isinstance(g, dict) and len(g) == 1 and f.name in g
                            and same_ty(g[f.name], f.ty.rs)):
                        ok = False
            if not ok:
                errs.append('%s: fields %r' % (it.name, got))
        elif it.kind == 'enum':
            got = node.get('enum')
            if not isinstance(got, list) or len(got) != len(it.variants):
                errs.append('%s: enum %r' % (it.name, got))
                continue
            for g, v in zip(got, it.variants):
                if isinstance(g, dict):
                    ok = (list(g.keys()) == [v.name] and v.shape == 'named'
                          and len(g[v.name]) == len(v.fields)
                          and all(list(x.keys()) == [f.name] and same_ty(x[f.name], f.ty.rs)
                                  for x, f in zip(g[v.name], v.fields)))
                else:
                    ok = isinstance(g, str) and strip_static(g) == strip_static(variant_rs(v))
                if not ok:
                    errs.append('%s: variant %r vs %r' % (it.name, g, variant_rs(v)))
    for e in errs[:20]:
        print('rust_gen: YAML check: ' + e, file=sys.stderr)
    return not errs


# ---------------------------------------------------------------------------

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--seed', type=int, required=True)
    ap.add_argument('--count', type=int, default=300)
    ap.add_argument('--out-prog', help='write the measuring Rust program here')
    ap.add_argument('--out-yaml', help='write the typelayout YAML input here')
    ap.add_argument('--emit-rs', help='write the Rust definitions (for the .rs front end)')
    ap.add_argument('--out-types', help='write the --type expressions (JSON list) here')
    ap.add_argument('--check-yaml', action='store_true',
                    help='re-read the YAML with PyYAML and compare it with the model')
    ap.add_argument('--no-never', action='store_true', help='do not generate `!`')
    a = ap.parse_args(argv)
    gen = Generator(a.seed, a.count, never=not a.no_never).generate()
    if a.out_prog:
        with open(a.out_prog, 'w') as fh:
            fh.write(program_source(gen))
    ytext = yaml_source(gen)
    if a.out_yaml:
        with open(a.out_yaml, 'w') as fh:
            fh.write(ytext)
    if a.emit_rs:
        with open(a.emit_rs, 'w') as fh:
            fh.write(defs_rs_source(gen))
    if a.out_types:
        with open(a.out_types, 'w') as fh:
            json.dump(type_args(gen)[0], fh, indent=0)
    if a.check_yaml and not check_yaml(gen, ytext):
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
