# The utilities under everything: the arena (marks and rewinding), the
# string table and its notes, string buffers, and waiting for another
# thread with work to do meanwhile.
foreach(t test_arena test_strtab test_idle_wait)
  tl_unit_test(${t} SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/unit/${t}.c LIBS tl_util)
endforeach()
