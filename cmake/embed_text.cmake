# jobflow_embed_text(TARGET INPUT FUNCTION NAMESPACE): compiles the file INPUT into TARGET as
# `std::string_view NAMESPACE::FUNCTION()`, regenerated whenever INPUT changes. For files the binary
# writes out at run time (the Livy interpreter script), so that jobflow stays one binary.
function(jobflow_embed_text target input function namespace)
  get_filename_component(name "${input}" NAME)
  set(output "${CMAKE_BINARY_DIR}/embedded/${function}.cc")
  add_custom_command(
    OUTPUT "${output}"
    COMMAND ${CMAKE_COMMAND} -DINPUT=${input} -DOUTPUT=${output} -DFUNCTION=${function}
            -DNAMESPACE=${namespace} -P ${CMAKE_SOURCE_DIR}/cmake/embed_text_generate.cmake
    DEPENDS "${input}" ${CMAKE_SOURCE_DIR}/cmake/embed_text_generate.cmake
    COMMENT "Embedding ${name}"
    VERBATIM)
  target_sources(${target} PRIVATE "${output}")
endfunction()
