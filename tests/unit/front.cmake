# The YAML and Rust-syntax front end: the lexer, type and constant
# expressions (test_typeexpr), the YAML reader with one case per error
# message (test_front_yaml), name resolution (test_resolve).
foreach(t test_typeexpr test_front_yaml test_resolve)
  tl_unit_test(${t} SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/unit/${t}.c LIBS tl_front)
endforeach()

# The fast YAML event source against libyaml, event for event.
tl_unit_test(test_yaml_fast SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_yaml_fast.c
             ${CMAKE_CURRENT_SOURCE_DIR}/common/yaml_fast_diff.c LIBS tl_front)
target_include_directories(test_yaml_fast PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/common)
target_compile_definitions(test_yaml_fast PRIVATE TL_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
