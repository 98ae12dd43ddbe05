#include "missing.h"
struct ok { int a; };
struct bad { int a b; };
