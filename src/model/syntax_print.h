/*
 * Normalised Rust spelling of the model's syntax (tl_texpr, tl_cexpr):
 * single spaces, lifetimes and `for<'a>` dropped, so `&'a mut Vec<u8>`
 * prints as `&mut Vec<u8>`. The front ends use it for the identity text of
 * `dyn` and `fn` types and for messages; the model for the names of
 * deferred array lengths (TL_TY_CONST_EXPR); the evaluator for messages.
 */
#ifndef TL_MODEL_SYNTAX_PRINT_H
#define TL_MODEL_SYNTAX_PRINT_H

#include <stdbool.h>
#include <stddef.h>

#include "typelayout/model.h"
#include "util/strbuf.h"

void tl_texpr_print(tl_strbuf *sb, const tl_texpr *t);
void tl_cexpr_print(tl_strbuf *sb, const tl_cexpr *e);
/* An unambiguous text for a resolved expression (model.h): equal texts
 * mean equal values on every target. The identity of TL_TY_CONST_EXPR. */
void tl_cexpr_key(tl_strbuf *sb, const tl_cexpr *e);
/* The integer primitive named by `name` (u8..u128, usize, i8..i128,
 * isize); false otherwise. */
bool tl_rust_int_prim(const char *name, size_t len, tl_prim *out);

#endif
