/* placeholder until the layer has code */
#include <stddef.h>
extern const int tl_emit_placeholder;
const int tl_emit_placeholder = 0;
