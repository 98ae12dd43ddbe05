#ifdef __aarch64__
struct s { long double d; char c[3]; };
#else
struct s { int x; };
#endif
struct t { char c; };
