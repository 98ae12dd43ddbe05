/*
 * Diagnostics: located messages collected by the context.
 *
 * Locations are 1-based lines and 1-based columns counted in bytes from the
 * start of the line (libclang's unit; the YAML and Rust front ends convert
 * at the edges). A file id indexes the context's source table.
 */
#ifndef TYPELAYOUT_DIAG_H
#define TYPELAYOUT_DIAG_H

#include <stddef.h>
#include <stdint.h>

typedef struct tl_loc {
	uint32_t file; /* index into the context's files; 0 = no location */
	uint32_t line;
	uint32_t col;
} tl_loc;

typedef enum tl_severity {
	TL_SEV_NOTE,
	TL_SEV_WARNING,
	TL_SEV_ERROR
} tl_severity;

typedef struct tl_diag {
	tl_severity severity;
	tl_loc loc;
	const char *id;      /* stable identifier, e.g. "unknown-type" */
	const char *message; /* lowercase, no final period */
	const struct tl_diag *notes; /* further notes pointing elsewhere */
	size_t nnotes;
} tl_diag;

#endif
