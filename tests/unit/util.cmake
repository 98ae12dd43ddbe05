# The utilities under everything: the arena (marks and rewinding).
tl_unit_test(test_arena SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_arena.c LIBS tl_util)
