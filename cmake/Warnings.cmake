function(tl_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
    -Wvla -Wformat=2 -Wimplicit-fallthrough -Wundef)
  if(TL_PADDED)
    target_compile_options(${target} PRIVATE -Wpadded -Wno-error=padded)
  endif()
endfunction()
