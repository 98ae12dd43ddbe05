# The .rs front end: items and attributes (test_front_rust), one test per
# error message (test_front_rust_errors), scopes, cfg per target, module
# files and directories (test_front_rust_scope, fixtures in testdata/rust),
# macro_rules! expansion (test_front_rust_macro).
foreach(t test_front_rust test_front_rust_errors test_front_rust_scope
          test_front_rust_macro)
  tl_unit_test(${t} SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/unit/${t}.c LIBS tl_front)
  target_compile_definitions(${t} PRIVATE TL_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
endforeach()
target_link_libraries(test_front_rust_scope PRIVATE tl_layout)
# size_of/align_of in array lengths: resolved by the front end, evaluated
# by the layout engine.
tl_unit_test(test_rust_sizeof SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_rust_sizeof.c
             LIBS tl_front tl_layout)
target_link_libraries(test_front_rust_macro PRIVATE tl_layout)
