# The utilities under everything: the arena (marks and rewinding), the
# string table and its notes, and string buffers.
foreach(t test_arena test_strtab)
  tl_unit_test(${t} SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/unit/${t}.c LIBS tl_util)
endforeach()
