# Differential tests against rustc (tests/diff/README.md). A missing rustc
# makes the test exit 77 (reported as skipped); CI sets
# TL_REQUIRE_COMPILERS=1 so that it fails instead.
add_test(NAME rust_diff_fixed_seeds
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/tests/diff/run_rust_diff.py
                 --seed 1 --count 2000 --typelayout $<TARGET_FILE:typelayout>)
add_test(NAME rust_diff_fresh_seed
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/tests/diff/run_rust_diff.py
                 --seed random --count 1000 --typelayout $<TARGET_FILE:typelayout>)
set_tests_properties(rust_diff_fixed_seeds rust_diff_fresh_seed PROPERTIES
  LABELS diff SKIP_RETURN_CODE 77 TIMEOUT 600)
# the same generated types, read by the Rust front end from a .rs file
add_test(NAME rust_diff_rs_input
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/tests/diff/run_rust_diff.py
                 --seed 2 --count 1000 --input-format rs --typelayout $<TARGET_FILE:typelayout>)
set_tests_properties(rust_diff_rs_input PROPERTIES LABELS diff SKIP_RETURN_CODE 77 TIMEOUT 600)
