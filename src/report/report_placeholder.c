/* placeholder until the layer has code */
#include <stddef.h>
extern const int tl_report_placeholder;
const int tl_report_placeholder = 0;
