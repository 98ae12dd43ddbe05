add_test(NAME lint_layers COMMAND ${CMAKE_SOURCE_DIR}/tests/lint/check_layers.sh)
set_tests_properties(lint_layers PROPERTIES LABELS lint)
