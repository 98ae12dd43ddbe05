/*
 * Targets are data: one row per target in src/layout/target_table.c.
 * The layout engines branch on these properties, never on target names.
 */
#ifndef TYPELAYOUT_TARGET_H
#define TYPELAYOUT_TARGET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "typelayout/model.h"

typedef struct tl_size_align {
	uint16_t size;
	uint16_t align;
} tl_size_align;

typedef struct tl_target {
	const char *triple;   /* "x86_64-unknown-linux-gnu" */
	const char *aliases;  /* space-separated short names */
	const char *clang_triple; /* what clang's -target takes */
	uint16_t ptr_size;
	uint16_t ptr_align;
	/* size/align of every primitive, Rust and C (C's long, long double...) */
	tl_size_align prim[TL_PRIM__COUNT];
	/* largest object size, exclusive (2^61 on 64-bit, 2^31 on 32-bit) */
	uint64_t max_object_size;
	/* Rust: size of C `int` for repr(C) enum tags */
	uint16_t c_enum_min_size;
	/* C: do unnamed and zero-width bit-fields raise the record's alignment
	 * (AAPCS: yes; SysV x86: no) */
	bool zero_width_bitfield_aligns;
	bool char_is_signed;
	/* C: value of a bare __attribute__((aligned)) */
	uint16_t c_default_aligned;
	/* C: largest _Atomic size that is promoted to a power of two */
	uint16_t c_atomic_promote_max;
	/* C: maximum alignment of vector types, 0 = no cap */
	uint16_t c_vector_align_cap;
	bool has_int128;
} tl_target;

/* The built-in targets, in their canonical order. */
const tl_target *tl_target_builtin(size_t index);
size_t tl_target_builtin_count(void);

/* Looks a target up by triple or alias ("x86_64", "arm64"); NULL if unknown. */
const tl_target *tl_target_find(const char *name);

/* Size and alignment of a primitive on a target. */
tl_size_align tl_target_prim(const tl_target *t, tl_prim p);

#endif
