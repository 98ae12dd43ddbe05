/*
 * The YAML front end: reads the type-description format documented in
 * doc/yaml-format.md with libyaml's event API and adds one tl_def per
 * entry of `types:` to the context. Nothing is resolved here (see
 * resolve.h); field types are kept as parsed syntax (tl_texpr).
 */
#ifndef TL_FRONT_FRONT_YAML_H
#define TL_FRONT_FRONT_YAML_H

#include <stdbool.h>
#include <stdint.h>

#include "model/ctx_internal.h"
#include "typelayout/status.h"

/*
 * Parses source `file` (already registered with tl_source_add). Every
 * definition gets builtin = `builtin` (the embedded prelude) and report =
 * !builtin for non-generic definitions. All errors of the file are
 * recorded; returns TL_EINPUT if there were any, TL_ENOMEM when memory ran
 * out.
 */
tl_status tl_front_yaml_load(tl_ctx *ctx, uint32_t file, bool builtin);

#endif
