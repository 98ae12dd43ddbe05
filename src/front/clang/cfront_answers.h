/*
 * clang's own layout answers for a C definition, kept (when tl_c_opts.verify
 * is set) in def->front so the verifier (src/verify) can compare them with
 * the engine's. Plain data: no libclang types, so the verifier does not
 * depend on libclang's headers.
 */
#ifndef TL_FRONT_CFRONT_ANSWERS_H
#define TL_FRONT_CFRONT_ANSWERS_H

#include <stdbool.h>
#include <stdint.h>

#define TL_C_ANSWERS_MAGIC 0x63416e73u /* "cAns" */
#define TL_C_MAX_TARGETS 8

/* A named field reached through anonymous members, with the offset clang
 * gives from the start of the outer record (clang_Type_getOffsetOf, what
 * offsetof gives). */
typedef struct tl_c_flat {
	const char *name;
	int64_t bits;
} tl_c_flat;

typedef struct tl_c_answer {
	bool present;
	/* bytes; negative values are libclang's CXTypeLayoutError codes */
	int64_t size;
	int64_t align;
	/* per field of the definition, bits from the start of the record
	 * (clang_Cursor_getOffsetOfField); NULL for enums and typedefs */
	const int64_t *field_bits;
	uint32_t nfields;
	const tl_c_flat *flat;
	uint32_t nflat;
} tl_c_answer;

typedef struct tl_c_answers {
	uint32_t magic;
	tl_c_answer target[TL_C_MAX_TARGETS]; /* by built-in target index */
} tl_c_answers;

#endif
