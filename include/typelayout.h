/*
 * typelayout: size, alignment, field offsets, padding, enum tags and niches
 * of Rust and C types, exactly as rustc 1.95 and clang compute them.
 *
 * Ownership: any pointer the library returns is borrowed and stays valid
 * until tl_ctx_free; anything returned through an `out` parameter of a
 * _new/_build call belongs to the caller, who frees it with the matching
 * tl_*_free.
 *
 * There is no stable ABI before 1.0.
 */
#ifndef TYPELAYOUT_H
#define TYPELAYOUT_H

#include "typelayout/analysis.h"
#include "typelayout/ctx.h"
#include "typelayout/diag.h"
#include "typelayout/emit.h"
#include "typelayout/layout.h"
#include "typelayout/model.h"
#include "typelayout/report.h"
#include "typelayout/status.h"
#include "typelayout/target.h"

#endif
