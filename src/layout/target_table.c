/*
 * The target table: one row per target. Adding a target is adding a row.
 * Sources: shared/spec/rust-layout.md section 2 (rustc data layouts) and
 * shared/spec/c-layout.md section 1.2 / 2.1 (clang 14).
 */
#include <string.h>

#include "typelayout/target.h"

#define SA(s, a) {(s), (a)}

/* Primitives whose size and alignment agree on every 64-bit Linux target. */
#define PRIMS_LP64_COMMON                                                  \
	[TL_PRIM_BOOL] = SA(1, 1), [TL_PRIM_CHAR] = SA(4, 4),              \
	[TL_PRIM_U8] = SA(1, 1), [TL_PRIM_U16] = SA(2, 2),                 \
	[TL_PRIM_U32] = SA(4, 4), [TL_PRIM_U64] = SA(8, 8),                \
	[TL_PRIM_U128] = SA(16, 16), [TL_PRIM_USIZE] = SA(8, 8),           \
	[TL_PRIM_I8] = SA(1, 1), [TL_PRIM_I16] = SA(2, 2),                 \
	[TL_PRIM_I32] = SA(4, 4), [TL_PRIM_I64] = SA(8, 8),                \
	[TL_PRIM_I128] = SA(16, 16), [TL_PRIM_ISIZE] = SA(8, 8),           \
	[TL_PRIM_F16] = SA(2, 2), [TL_PRIM_F32] = SA(4, 4),                \
	[TL_PRIM_F64] = SA(8, 8), [TL_PRIM_F128] = SA(16, 16),             \
	[TL_PRIM_C_BOOL] = SA(1, 1), [TL_PRIM_C_CHAR] = SA(1, 1),          \
	[TL_PRIM_C_SCHAR] = SA(1, 1), [TL_PRIM_C_UCHAR] = SA(1, 1),        \
	[TL_PRIM_C_SHORT] = SA(2, 2), [TL_PRIM_C_USHORT] = SA(2, 2),       \
	[TL_PRIM_C_INT] = SA(4, 4), [TL_PRIM_C_UINT] = SA(4, 4),           \
	[TL_PRIM_C_LONG] = SA(8, 8), [TL_PRIM_C_ULONG] = SA(8, 8),         \
	[TL_PRIM_C_LONGLONG] = SA(8, 8), [TL_PRIM_C_ULONGLONG] = SA(8, 8), \
	[TL_PRIM_C_INT128] = SA(16, 16), [TL_PRIM_C_UINT128] = SA(16, 16), \
	[TL_PRIM_C_FLOAT] = SA(4, 4), [TL_PRIM_C_DOUBLE] = SA(8, 8),       \
	[TL_PRIM_C_FLOAT16] = SA(2, 2), [TL_PRIM_C_WCHAR] = SA(4, 4),      \
	[TL_PRIM_C_PTR] = SA(8, 8)

static const tl_target targets[] = {
	{
		.triple = "x86_64-unknown-linux-gnu",
		.aliases = "x86_64 x86-64 x64 amd64",
		.clang_triple = "x86_64-linux-gnu",
		.ptr_size = 8,
		.ptr_align = 8,
		.prim = {
			PRIMS_LP64_COMMON,
			[TL_PRIM_C_LONGDOUBLE] = SA(16, 16),
			[TL_PRIM_C_FLOAT128] = SA(16, 16),
			[TL_PRIM_C_VA_LIST] = SA(24, 8),
		},
		.max_object_size = (uint64_t)1 << 61,
		.c_enum_min_size = 4,
		.zero_width_bitfield_aligns = false,
		.char_is_signed = true,
		.c_default_aligned = 16,
		.c_atomic_promote_max = 16,
		.c_vector_align_cap = 0,
		.has_int128 = true,
	},
	{
		.triple = "aarch64-unknown-linux-gnu",
		.aliases = "aarch64 arm64",
		.clang_triple = "aarch64-linux-gnu",
		.ptr_size = 8,
		.ptr_align = 8,
		.prim = {
			PRIMS_LP64_COMMON,
			[TL_PRIM_C_LONGDOUBLE] = SA(16, 16),
			[TL_PRIM_C_FLOAT128] = SA(0, 0), /* not on this target */
			[TL_PRIM_C_VA_LIST] = SA(32, 8),
		},
		.max_object_size = (uint64_t)1 << 61,
		.c_enum_min_size = 4,
		.zero_width_bitfield_aligns = true,
		.char_is_signed = false,
		.c_default_aligned = 16,
		.c_atomic_promote_max = 16,
		.c_vector_align_cap = 16,
		.has_int128 = true,
	},
};

size_t tl_target_builtin_count(void)
{
	return sizeof(targets) / sizeof(targets[0]);
}

const tl_target *tl_target_builtin(size_t index)
{
	return index < tl_target_builtin_count() ? &targets[index] : NULL;
}

static bool in_alias_list(const char *list, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = list; *p;) {
		const char *end = strchr(p, ' ');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len == n && strncmp(p, name, n) == 0)
			return true;
		if (!end)
			break;
		p = end + 1;
	}
	return false;
}

const tl_target *tl_target_find(const char *name)
{
	for (size_t i = 0; i < tl_target_builtin_count(); i++) {
		const tl_target *t = &targets[i];
		if (strcmp(t->triple, name) == 0 ||
		    strcmp(t->clang_triple, name) == 0 ||
		    in_alias_list(t->aliases, name))
			return t;
	}
	return NULL;
}

tl_size_align tl_target_prim(const tl_target *t, tl_prim p)
{
	tl_size_align none = {0, 0};
	return p < TL_PRIM__COUNT ? t->prim[p] : none;
}
