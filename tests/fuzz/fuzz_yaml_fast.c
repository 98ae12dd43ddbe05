/*
 * libFuzzer target for the fast YAML event source: on any input, the YAML
 * reader's events (the fast source, then libyaml from where it bails) must
 * be libyaml's own, up to the end or to libyaml's error. A difference
 * aborts, with the event and the field that differ.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "yaml_fast_diff.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	tl_fast_diff d = tl_yaml_fast_diff((const char *)data, size);
	if (d.what) {
		fprintf(stderr, "fuzz_yaml_fast: event %zu differs from libyaml's (%s)\n",
			d.event, d.what);
		abort();
	}
	return 0;
}
