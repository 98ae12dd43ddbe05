/* placeholder until the layer has code */
#include <stddef.h>
extern const int tl_analyze_placeholder;
const int tl_analyze_placeholder = 0;
