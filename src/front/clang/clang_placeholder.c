/* placeholder until the C front end lands */
extern const int tl_front_clang_placeholder;
const int tl_front_clang_placeholder = 0;
