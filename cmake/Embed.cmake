# tl_embed(input symbol output): turns a file into a C array at build time,
# with file(READ ... HEX), so the build needs neither xxd nor #embed.
function(tl_embed input symbol output)
  add_custom_command(
    OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -DINPUT=${input} -DSYMBOL=${symbol}
            -DOUTPUT=${output} -P ${CMAKE_SOURCE_DIR}/cmake/EmbedScript.cmake
    DEPENDS ${input} ${CMAKE_SOURCE_DIR}/cmake/EmbedScript.cmake
    COMMENT "Embedding ${input}")
endfunction()
