tl_unit_test(test_rust_vectors SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_rust_vectors.c
             LIBS typelayout_lib)
target_compile_definitions(test_rust_vectors PRIVATE TL_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
tl_unit_test(test_layout_rust SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_layout_rust.c
             LIBS tl_layout)
tl_unit_test(test_yaml_c_vectors SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_yaml_c_vectors.c
             LIBS typelayout_lib)
target_compile_definitions(test_yaml_c_vectors PRIVATE TL_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
